//! `--format junit`: JUnit XML, which every CI system (GitLab, Jenkins, Azure,
//! CircleCI, GitHub test-report actions) can show without a plugin.
//!
//! One `<testsuite>` per article, one `<testcase>` per claim:
//!
//! - a claim at or above `--fail-on` carries a `<failure>` with the reason, the
//!   evidence and where it is;
//! - an unverified claim below it is `<skipped message="unverified: reason">`: not
//!   checked against anything, which is what a skipped test means, so a dashboard
//!   counts it apart from the passes;
//! - a supported claim passes.
//!
//! A test case is named after the claim, `text [id]`, not its position: CI systems keep
//! a test's history by class name and name, so a claim keeps its history when lines
//! are added above it and gets a new one when it is reworded (as its id does). The
//! same claim twice in one article already has two ids (`c-…`, `c-…-2`); should a
//! reviewed claim set repeat an id, the repeat gets ` #2`. Where it is stays in the
//! `file`/`line` attributes and in the details (`path:line:column: verdict` first,
//! then the claim, reason, id and evidence): the `<failure>`'s text, or `<system-out>`
//! for a skipped or passing claim. No `timestamp` or
//! `time` attributes: the same run gives the same bytes. The XML is escaped by hand
//! (five entities, and characters XML 1.0 forbids dropped): the format is small and
//! fixed, and this keeps the dependency list short.

use std::io::{self, Write};

use std::collections::HashMap;

use super::model::{ClaimReport, Report, RunReport};
use super::policy::FailOn;
use crate::verdict::Label;

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

/// What a claim's test case holds besides its output.
enum Outcome {
    Failure,
    Skipped,
    Passed,
}

impl JunitReport {
    fn outcome(&self, c: &ClaimReport) -> Outcome {
        if self.fail_on.fails(c.verdict) {
            Outcome::Failure
        } else if c.verdict == Label::Unverified {
            Outcome::Skipped
        } else {
            Outcome::Passed
        }
    }

    fn count(&self, claims: &[ClaimReport], want: fn(&Outcome) -> bool) -> usize {
        claims.iter().filter(|c| want(&self.outcome(c))).count()
    }
}

/// The test case names of an article's claims, in order: `text [id]`, with ` #n` on
/// the n-th repeat of the same claim.
fn names(claims: &[ClaimReport]) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    claims
        .iter()
        .map(|c| {
            let n = seen.entry(c.id.as_str()).or_insert(0);
            *n += 1;
            match *n {
                1 => format!("{} [{}]", c.text, c.id),
                n => format!("{} [{}] #{n}", c.text, c.id),
            }
        })
        .collect()
}

impl Report for JunitReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        let failed = |o: &Outcome| matches!(o, Outcome::Failure);
        let skipped = |o: &Outcome| matches!(o, Outcome::Skipped);
        let total = |want: fn(&Outcome) -> bool| -> usize {
            report
                .articles
                .iter()
                .map(|a| self.count(&a.claims, want))
                .sum()
        };
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="claimcheck" tests="{}" failures="{}" errors="0" skipped="{}">"#,
            report.summary.claims,
            total(failed),
            total(skipped)
        )?;
        for a in &report.articles {
            let path = escape(&a.path);
            writeln!(
                out,
                r#"  <testsuite name="{path}" tests="{}" failures="{}" errors="0" skipped="{}">"#,
                a.claims.len(),
                self.count(&a.claims, failed),
                self.count(&a.claims, skipped)
            )?;
            for (c, name) in a.claims.iter().zip(names(&a.claims)) {
                writeln!(
                    out,
                    r#"    <testcase name="{}" classname="{path}" file="{path}" line="{}">"#,
                    escape(&name),
                    c.location.line
                )?;
                let message = escape(&format!("{}: {}", c.verdict.as_str(), c.reason));
                let details = text(&details(&a.path, c));
                match self.outcome(c) {
                    Outcome::Failure => writeln!(
                        out,
                        r#"      <failure message="{message}" type="{}">{details}</failure>"#,
                        c.verdict.as_str(),
                    )?,
                    Outcome::Skipped => {
                        writeln!(out, r#"      <skipped message="{message}"/>"#)?;
                        writeln!(out, "      <system-out>{details}</system-out>")?;
                    }
                    Outcome::Passed => writeln!(out, "      <system-out>{details}</system-out>")?,
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
