//! `--format jsonl`: JSON Lines for streaming consumers (`jq -c`, log shippers, a
//! newsroom dashboard that tails the output).
//!
//! One `{"type": "claim", "path": …, …}` object per claim, with the same fields as a
//! claim of the JSON contract plus its article's `path`, in report order (path, then
//! position); then one `{"type": "summary", …}` line with the run's counts. Each line
//! is complete JSON, so a consumer can act on a claim before the run is read to the end.

use std::io::{self, Write};

use serde::Serialize;

use super::model::{ClaimReport, CorpusStats, Report, RunReport, Summary, Tool};

pub struct JsonlReport;

#[derive(Serialize)]
struct ClaimLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    path: &'a str,
    #[serde(flatten)]
    claim: &'a ClaimReport,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    schema: &'static str,
    tool: &'a Tool,
    corpus: &'a CorpusStats,
    articles: usize,
    #[serde(flatten)]
    summary: &'a Summary,
}

impl Report for JsonlReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        for a in &report.articles {
            for c in &a.claims {
                serde_json::to_writer(
                    &mut *out,
                    &ClaimLine {
                        kind: "claim",
                        path: &a.path,
                        claim: c,
                    },
                )?;
                writeln!(out)?;
            }
        }
        serde_json::to_writer(
            &mut *out,
            &SummaryLine {
                kind: "summary",
                schema: report.schema,
                tool: &report.tool,
                corpus: &report.corpus,
                articles: report.articles.len(),
                summary: &report.summary,
            },
        )?;
        writeln!(out)
    }
}
