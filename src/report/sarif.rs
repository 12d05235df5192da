//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning (and most CI
//! dashboards) ingest.
//!
//! Choices that keep alerts useful across pushes:
//!
//! - one rule per verdict kind, with fixed ids (`claimcheck/contradicted`,
//!   `claimcheck/unverified`, `claimcheck/supported`), so an alert never changes rule;
//! - `partialFingerprints` carry the claim id (a hash of the claim's normalised text),
//!   so a claim keeps its alert when lines move above it and gets a new one when it is
//!   reworded;
//! - `kind`/`level` follow `--fail-on`: a contradicted claim is `fail`/`error`; an
//!   unverified one is `fail`/`warning` under `--fail-on unverified` and `review`/`none`
//!   otherwise; a supported one is `pass`/`none` (SARIF requires level `none` for any
//!   kind but `fail`);
//! - locations are relative to the working directory (`uriBaseId: %SRCROOT%`), with
//!   `columnKind: unicodeCodePoints` declared, so columns count characters as the
//!   report does, and byte offsets given exactly;
//! - no timestamps, no absolute paths: the same run gives the same bytes.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::model::{ArticleReport, ClaimReport, EvidenceReport, Report, RunReport};
use super::policy::FailOn;
use crate::verdict::Label;

pub struct SarifReport {
    pub fail_on: FailOn,
}

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

const RULES: [(Label, &str, &str, &str, &str); 3] = [
    (
        Label::Contradicted,
        "claimcheck/contradicted",
        "ContradictedClaim",
        "A claim is contradicted by a source in the corpus.",
        "The best evidence states a different number, date, name or negation. Check the claim against the cited source and correct the draft, or mark the claim as reviewed with `<!-- claimcheck: ignore -->` on the line before.",
    ),
    (
        Label::Unverified,
        "claimcheck/unverified",
        "UnverifiedClaim",
        "No source in the corpus supports or contradicts a claim.",
        "Add a source that states the fact to the corpus, attribute or hedge the claim, or mark it as reviewed with `<!-- claimcheck: ignore -->` on the line before.",
    ),
    (
        Label::Supported,
        "claimcheck/supported",
        "SupportedClaim",
        "A claim is supported by a source in the corpus.",
        "Nothing to do: the evidence states the same fact.",
    ),
];

fn rule_index(label: Label) -> usize {
    RULES.iter().position(|r| r.0 == label).unwrap_or(0)
}

/// Kind and level of a result.
fn kind_level(fail_on: FailOn, label: Label) -> (&'static str, &'static str) {
    match (fail_on.finding(label), label) {
        (Some(finding), _) => ("fail", finding.as_str()),
        (None, Label::Unverified) => ("review", "none"),
        (None, _) => ("pass", "none"),
    }
}

/// A path as given on the command line, as a relative URI reference: `/` separators,
/// reserved and non-ASCII bytes percent-encoded. An absolute path becomes a `file:`
/// URI; a web address stays as it is.
pub fn path_uri(path: &str) -> (String, bool) {
    if crate::input::is_url(path) {
        return (path.to_string(), false);
    }
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::new();
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if out.starts_with('/') {
        (format!("file://{out}"), false)
    } else {
        (out, true)
    }
}

fn artifact(path: &str) -> Value {
    let (uri, relative) = path_uri(path);
    if relative {
        json!({"uri": uri, "uriBaseId": "%SRCROOT%"})
    } else {
        json!({"uri": uri})
    }
}

fn message(c: &ClaimReport) -> String {
    let word = super::words::title(c.verdict);
    format!("{word} claim: {}\nReason: {}", c.text, c.reason)
}

fn related(i: usize, e: &EvidenceReport) -> Option<Value> {
    let source = e.source.path.as_deref().or(e.source.url.as_deref())?;
    let mut region = json!({"startLine": e.location.line.max(1)});
    if e.location.column > 0 {
        region["startColumn"] = json!(e.location.column);
    }
    Some(json!({
        "id": i,
        "physicalLocation": {"artifactLocation": artifact(source), "region": region},
        "message": {"text": format!("{} evidence: {}", stance(e), e.sentence)},
    }))
}

fn stance(e: &EvidenceReport) -> &'static str {
    super::words::stance_adjective(e.stance)
}

fn result(fail_on: FailOn, article: &ArticleReport, c: &ClaimReport) -> Value {
    let (kind, level) = kind_level(fail_on, c.verdict);
    let l = &c.location;
    let rule = &RULES[rule_index(c.verdict)];
    let related: Vec<Value> = c
        .evidence
        .iter()
        .enumerate()
        .filter_map(|(i, e)| related(i, e))
        .collect();
    let mut r = json!({
        "ruleId": rule.1,
        "ruleIndex": rule_index(c.verdict),
        "kind": kind,
        "level": level,
        "message": {"text": message(c)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact(&article.path),
                "region": {
                    "startLine": l.line,
                    "startColumn": l.column,
                    "endLine": l.end_line,
                    // SARIF's end column is the one after the last character.
                    "endColumn": l.end_column,
                    "byteOffset": l.byte_start,
                    "byteLength": l.byte_end.saturating_sub(l.byte_start),
                    "snippet": {"text": c.text},
                }
            }
        }],
        "partialFingerprints": {"claimId/v1": c.id},
        "properties": {
            "claimId": c.id,
            "verdict": c.verdict.as_str(),
            "confidence": c.confidence,
        },
    });
    if !related.is_empty() {
        r["relatedLocations"] = Value::Array(related);
    }
    r
}

/// The SARIF log as a JSON value.
pub fn sarif(report: &RunReport, fail_on: FailOn) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|(label, id, name, short, help)| {
            let level = match label {
                Label::Contradicted => "error",
                Label::Unverified => "warning",
                Label::Supported => "none",
            };
            json!({
                "id": id,
                "name": name,
                "shortDescription": {"text": short},
                "fullDescription": {"text": short},
                "help": {"text": help},
                "defaultConfiguration": {"level": level},
                "properties": {"tags": ["fact-check", label.as_str()]},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .articles
        .iter()
        .flat_map(|a| a.claims.iter().map(move |c| (a, c)))
        .map(|(a, c)| result(fail_on, a, c))
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "summary": report.summary,
                "corpus": report.corpus,
                "failOn": fail_on.as_str(),
            },
        }],
    })
}

impl Report for SarifReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &sarif(report, self.fail_on))?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(path_uri("drafts/a b.md"), ("drafts/a%20b.md".into(), true));
        assert_eq!(path_uri("./é.md"), ("%C3%A9.md".into(), true));
        assert_eq!(path_uri("/tmp/x.md"), ("file:///tmp/x.md".into(), false));
    }
}
