//! `--format json`: the `claimcheck.report/1` contract (`shared/spec/report-v1.md`).
//! Pretty-printed with a final newline; field order is fixed by the structs, so the
//! same run gives the same bytes.

use std::io::{self, Write};

use super::model::{Report, RunReport};

pub struct JsonReport;

impl Report for JsonReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report)?;
        writeln!(out)
    }
}
