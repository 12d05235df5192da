//! `--format junit`: JUnit XML, which every CI system (GitLab, Jenkins, Azure,
//! CircleCI, GitHub test-report actions) can show without a plugin.
//!
//! One `<testsuite>` per article, one `<testcase>` per claim; a claim at or above
//! `--fail-on` carries a `<failure>` with the reason, the evidence and where it is.
//! Claims below the level pass, with their verdict in `<system-out>` so nothing is
//! hidden. No `timestamp` or `time` attributes: the same run gives the same bytes.
//! The XML is escaped by hand (five entities, and characters XML 1.0 forbids dropped):
//! the format is small and fixed, and this keeps the dependency list short.

use std::io::{self, Write};

use super::model::{ClaimReport, Report, RunReport};
use super::policy::FailOn;

pub struct JunitReport {
    pub fail_on: FailOn,
}

/// Escape text or an attribute value for XML 1.0.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            crate::ingest::SUBSTITUTE => out.push('\u{fffd}'),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escape element text (line breaks kept as they are).
fn text(s: &str) -> String {
    escape(s).replace("&#10;", "\n")
}

fn details(path: &str, c: &ClaimReport) -> String {
    let mut d = format!(
        "{path}:{}:{}: {}\nclaim:  {}\nreason: {}\nid:     {}",
        c.location.line,
        c.location.column,
        c.verdict.as_str(),
        c.text,
        c.reason,
        c.id
    );
    for e in &c.evidence {
        let source = e.source.name();
        d.push_str(&format!(
            "\nevidence: {} ({}:{})",
            e.sentence, source, e.location.line
        ));
    }
    d
}

impl Report for JunitReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        let failures = |claims: &[ClaimReport]| {
            claims
                .iter()
                .filter(|c| self.fail_on.fails(c.verdict))
                .count()
        };
        let total_failures: usize = report.articles.iter().map(|a| failures(&a.claims)).sum();
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="claimcheck" tests="{}" failures="{}" errors="0">"#,
            report.summary.claims, total_failures
        )?;
        for a in &report.articles {
            let path = escape(&a.path);
            writeln!(
                out,
                r#"  <testsuite name="{path}" tests="{}" failures="{}" errors="0" skipped="0">"#,
                a.claims.len(),
                failures(&a.claims)
            )?;
            for c in &a.claims {
                writeln!(
                    out,
                    r#"    <testcase name="{}" classname="{path}" file="{path}" line="{}">"#,
                    escape(&format!(
                        "{}:{} {}",
                        c.location.line, c.location.column, c.text
                    )),
                    c.location.line
                )?;
                if self.fail_on.fails(c.verdict) {
                    writeln!(
                        out,
                        r#"      <failure message="{}" type="{}">{}</failure>"#,
                        escape(&format!("{}: {}", c.verdict.as_str(), c.reason)),
                        c.verdict.as_str(),
                        text(&details(&a.path, c))
                    )?;
                } else {
                    writeln!(
                        out,
                        "      <system-out>{}</system-out>",
                        text(&details(&a.path, c))
                    )?;
                }
                writeln!(out, "    </testcase>")?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
