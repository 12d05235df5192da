//! `--format github`: GitHub Actions workflow commands.
//!
//! In a workflow, a line such as `::error file=a.md,line=3,col=5::text` printed on
//! stdout becomes an annotation on that line of the pull request's diff, which is
//! where an editor reviewing a draft looks. One command per finding: `::error` for a
//! contradicted claim, `::warning` for an unverified one when `--fail-on unverified`
//! makes it a failure; supported claims (and unverified ones below `--fail-on`) say
//! nothing, as a linter says nothing about clean lines.
//!
//! Positions are 1-based; columns count characters (Unicode code points), so a line
//! with "Szijjártó" or typographic quotes still points at the claim. GitHub accepts
//! `col`/`endColumn` only on one-line annotations (the runner drops them when `line`
//! and `endLine` differ), so a claim spanning lines gets `line`/`endLine` alone.
//!
//! `endColumn` is inclusive, the column of the claim's last character: `@actions/core`
//! documents that it "defaults to `startColumn`" (a one-character annotation, not an
//! empty one) and the runner accepts `endColumn` equal to `col`, rejecting only a
//! smaller one. The JSON report's `end_column` and SARIF's `endColumn` are the column
//! after the last character, so the annotation's `endColumn` is theirs minus one: all
//! three cover the same characters. The `file` is the path SARIF gives
//! ([`super::model::ci_path`]: `/` separators, no `./`), relative to the working
//! directory, which the runner resolves against the repository.
//!
//! Values are escaped as the runner requires: `%`, CR and LF everywhere, and `:` and
//! `,` in properties too.
//!
//! [`step_summary`] is the Markdown table that the CLI appends to the file named by
//! `GITHUB_STEP_SUMMARY`, shown on the run's summary page.

use std::io::{self, Write};

use super::model::{ClaimReport, Report, RunReport, ci_path};
use super::policy::FailOn;
use crate::verdict::Label;

pub struct GithubReport {
    pub fail_on: FailOn,
}

/// Escape the message of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The annotation's `endColumn` for a one-line span: the column of its last character
/// (the span's `end_column` is the one after it), never before `col`.
pub fn inclusive_end_column(l: &crate::segment::Span) -> usize {
    l.end_column.saturating_sub(1).max(l.column)
}

/// The command for a claim, if it is a finding under `fail_on`.
fn command(fail_on: FailOn, label: Label) -> Option<&'static str> {
    fail_on.finding(label).map(|f| f.as_str())
}

fn message(c: &ClaimReport) -> String {
    let mut m = format!(
        "{} claim: {}\nReason: {}",
        title_word(c.verdict),
        c.text,
        c.reason
    );
    if let Some(e) = c.evidence.first() {
        let source = e.source.name();
        m.push_str(&format!(
            "\nEvidence: {} ({}:{})",
            e.sentence, source, e.location.line
        ));
    }
    m.push_str(&format!("\nClaim id: {}", c.id));
    m
}

fn title_word(label: Label) -> &'static str {
    super::words::title(label)
}

impl Report for GithubReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        for article in &report.articles {
            for c in &article.claims {
                let Some(cmd) = command(self.fail_on, c.verdict) else {
                    continue;
                };
                let l = &c.location;
                let mut props = vec![
                    format!("file={}", escape_property(&ci_path(&article.path))),
                    format!("line={}", l.line),
                ];
                if l.end_line == l.line {
                    props.push(format!("col={}", l.column));
                    props.push(format!("endLine={}", l.end_line));
                    props.push(format!("endColumn={}", inclusive_end_column(l)));
                } else {
                    props.push(format!("endLine={}", l.end_line));
                }
                props.push(format!(
                    "title={}",
                    escape_property(&format!("claimcheck: {} claim", c.verdict.as_str()))
                ));
                writeln!(
                    out,
                    "::{cmd} {}::{}",
                    props.join(","),
                    escape_data(&message(c))
                )?;
            }
        }
        let s = &report.summary;
        writeln!(
            out,
            "claimcheck: {} in {}: {} supported, {} contradicted, {} unverified",
            super::words::plural(s.claims, "claim"),
            super::words::plural(report.articles.len(), "article"),
            s.supported,
            s.contradicted,
            s.unverified
        )
    }
}

/// Markdown for `$GITHUB_STEP_SUMMARY`: counts, then one row per contradicted or
/// unverified claim.
pub fn step_summary(report: &RunReport, fail_on: FailOn) -> String {
    let s = &report.summary;
    let mut md = format!(
        "### claimcheck\n\n{} in {}: **{} contradicted**, {} unverified, {} supported.\n\n",
        super::words::plural(s.claims, "claim"),
        super::words::plural(report.articles.len(), "article"),
        s.contradicted,
        s.unverified,
        s.supported
    );
    let rows: Vec<String> = report
        .articles
        .iter()
        .flat_map(|a| a.claims.iter().map(move |c| (a, c)))
        .filter(|(_, c)| c.verdict != Label::Supported)
        .map(|(a, c)| {
            let mark = if fail_on.fails(c.verdict) {
                "❌"
            } else {
                "⚠️"
            };
            format!(
                "| {mark} {} | `{}:{}:{}` | {} | {} |",
                c.verdict.as_str(),
                code_cell(&ci_path(&a.path)),
                c.location.line,
                c.location.column,
                cell(&c.text),
                cell(&c.reason)
            )
        })
        .collect();
    if rows.is_empty() {
        md.push_str("No contradicted or unverified claims.\n");
    } else {
        md.push_str("| Verdict | Where | Claim | Reason |\n| --- | --- | --- | --- |\n");
        for r in rows {
            md.push_str(&r);
            md.push('\n');
        }
    }
    md
}

/// A Markdown table cell that shows its text as written: the characters that open a
/// link or an image (`[`, `]`, `!`), raw HTML or an autolink (`<`, `>`), an entity
/// (`&`), emphasis or code, or end the cell are backslash-escaped (GitHub Flavored
/// Markdown allows it for any ASCII punctuation), so a claim cannot place a
/// `javascript:` link or a tracking image in the step summary; control characters and
/// line breaks are shown as escapes ([`super::words::printable`]).
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in super::words::printable(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '!' | '<' | '>' | '&' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A path inside a code span: Markdown is not read there, but a backtick would end the
/// span and a pipe the cell.
fn code_cell(s: &str) -> String {
    super::words::printable(s)
        .replace('`', "'")
        .replace('|', "\\|")
}

/// Append the step summary to `path` (the runner's protocol is to append).
pub fn append_step_summary(
    path: &std::path::Path,
    report: &RunReport,
    fail_on: FailOn,
) -> io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(step_summary(report, fail_on).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_summary_cells_show_markdown_as_text() {
        assert_eq!(
            cell("![x](javascript:alert(1)) <b> &amp; *a*"),
            "\\!\\[x\\](javascript:alert(1)) \\<b\\> \\&amp; \\*a\\*"
        );
        assert_eq!(cell("a|b\nc"), "a\\|b\\\\nc");
        assert_eq!(code_cell("dir/a`b|c.md"), "dir/a'b\\|c.md");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
