//! `--format sarif`: SARIF 2.1.0, the format GitHub code scanning (and most CI
//! dashboards) ingest.
//!
//! Choices that keep alerts useful across pushes:
//!
//! - one rule per verdict kind, with fixed ids (`claimcheck/contradicted`,
//!   `claimcheck/unverified`, `claimcheck/supported`), so an alert never changes rule;
//!   each rule has `help.text` and `help.markdown` (what code scanning shows under an
//!   alert) and a `defaultConfiguration.level` code scanning accepts (`error`,
//!   `warning`, `note`);
//! - `partialFingerprints` carry the claim id (`claimId/v1`, a hash of the claim's
//!   normalised text), so a claim keeps its alert when lines move above it and gets a
//!   new one when it is reworded, and `primaryLocationLineHash`, the hash of the claim's
//!   line that GitHub's upload action would compute ([`super::linehash`]), from the
//!   article's text as read (the report layer reads no file);
//! - `kind`/`level` follow `--fail-on`: a contradicted claim is `fail`/`error`; an
//!   unverified one is `fail`/`warning` under `--fail-on unverified` and `review`/`none`
//!   otherwise; supported claims are no results at all unless asked for
//!   (`--sarif-supported`), then `pass`/`none` (SARIF requires level `none` for any kind
//!   but `fail`);
//! - locations are relative URIs (no `./`) against `%SRCROOT%`, the working directory,
//!   declared in `originalUriBaseIds` without an absolute URI (the consumer knows where
//!   it checked the repository out); `columnKind: unicodeCodePoints` is declared, so
//!   columns count characters as the report does, the end column is the one after the
//!   claim's last character, and byte offsets are given exactly;
//! - no timestamps, no absolute paths: the same run gives the same bytes.

use std::io::{self, Write};

use serde_json::{Value, json};

use std::collections::BTreeMap;

use super::model::{ArticleReport, ClaimReport, EvidenceReport, Report, RunReport, ci_path};
use super::policy::FailOn;
use crate::verdict::Label;

pub struct SarifReport {
    pub fail_on: FailOn,
    /// Write supported claims as `pass` results too (`--sarif-supported`).
    pub include_supported: bool,
    /// Each article's file as read, by report path, for `primaryLocationLineHash`.
    pub articles: BTreeMap<String, String>,
}

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The uriBaseId every relative location is resolved against.
pub const SRCROOT: &str = "%SRCROOT%";

/// A rule of the log: one per verdict.
struct Rule {
    label: Label,
    id: &'static str,
    name: &'static str,
    short: &'static str,
    full: &'static str,
    help_text: &'static str,
    help_markdown: &'static str,
    /// `defaultConfiguration.level`: one of the levels code scanning shows.
    level: &'static str,
}

const RULES: [Rule; 3] = [
    Rule {
        label: Label::Contradicted,
        id: "claimcheck/contradicted",
        name: "ContradictedClaim",
        short: "A claim is contradicted by a source in the corpus.",
        full: "A source in the corpus states a different number, date, name or quantity, or the negation of the claim.",
        help_text: "The best evidence states a different number, date, name or negation. Check the claim against the cited source and correct the draft, or mark the claim as reviewed with `<!-- claimcheck: ignore -->` on the line before.",
        help_markdown: "**A source in the corpus says otherwise.** The alert's message gives the reason \
            (for example `number: '12' vs '15'`) and its related locations point at the \
            evidence.\n\n\
            - Check the claim against the cited source and correct the draft, or\n\
            - if the draft is right, mark the claim as reviewed with \
            `<!-- claimcheck: ignore -->` on the line before it, or record it in a \
            baseline (`claimcheck check --write-baseline`).",
        level: "error",
    },
    Rule {
        label: Label::Unverified,
        id: "claimcheck/unverified",
        name: "UnverifiedClaim",
        short: "No source in the corpus supports or contradicts a claim.",
        full: "No source in the corpus states the claim's fact, or the sources only report it without vouching for it.",
        help_text: "Add a source that states the fact to the corpus, attribute or hedge the claim, or mark it as reviewed with `<!-- claimcheck: ignore -->` on the line before.",
        help_markdown: "**No source in the corpus states this.** The alert's message says what the \
            closest evidence does.\n\n\
            - Add a source that states the fact to the corpus, or\n\
            - attribute or hedge the claim, or\n\
            - mark it as reviewed with `<!-- claimcheck: ignore -->` on the line before it.",
        level: "warning",
    },
    Rule {
        label: Label::Supported,
        id: "claimcheck/supported",
        name: "SupportedClaim",
        short: "A claim is supported by a source in the corpus.",
        full: "A source in the corpus states the same fact as the claim.",
        help_text: "Nothing to do: the evidence states the same fact.",
        help_markdown: "**A source in the corpus states the same fact.** Nothing to do; these \
            results are written only with `--sarif-supported`.",
        level: "note",
    },
];

fn rule_index(label: Label) -> usize {
    RULES.iter().position(|r| r.label == label).unwrap_or(0)
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
    let p = ci_path(path);
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
        json!({"uri": uri, "uriBaseId": SRCROOT})
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

fn result(
    fail_on: FailOn,
    article: &ArticleReport,
    c: &ClaimReport,
    line_hashes: Option<&[String]>,
) -> Value {
    let (kind, level) = kind_level(fail_on, c.verdict);
    let l = &c.location;
    let rule = &RULES[rule_index(c.verdict)];
    let mut fingerprints = json!({"claimId/v1": c.id});
    if let Some(hash) = line_hashes.and_then(|h| h.get(l.line.checked_sub(1)?)) {
        fingerprints["primaryLocationLineHash"] = json!(hash);
    }
    let related: Vec<Value> = c
        .evidence
        .iter()
        .enumerate()
        .filter_map(|(i, e)| related(i, e))
        .collect();
    let mut r = json!({
        "ruleId": rule.id,
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
        "partialFingerprints": fingerprints,
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

/// The SARIF log as a JSON value. `articles` holds each article's file as read, by
/// report path (for `primaryLocationLineHash`; an article missing there gets none).
pub fn sarif(
    report: &RunReport,
    fail_on: FailOn,
    include_supported: bool,
    articles: &BTreeMap<String, String>,
) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": {"text": r.short},
                "fullDescription": {"text": r.full},
                "help": {"text": r.help_text, "markdown": r.help_markdown},
                "defaultConfiguration": {"level": r.level},
                "properties": {"tags": ["fact-check", r.label.as_str()]},
            })
        })
        .collect();
    let mut results: Vec<Value> = Vec::new();
    for a in &report.articles {
        let hashes = articles
            .get(&a.path)
            .filter(|_| !crate::input::is_url(&a.path))
            .and_then(|raw| super::linehash::article_line_hashes(raw));
        for c in &a.claims {
            if c.verdict == Label::Supported && !include_supported {
                continue;
            }
            results.push(result(fail_on, a, c, hashes.as_deref()));
        }
    }
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
            "originalUriBaseIds": {
                SRCROOT: {"description": {"text": "The working directory claimcheck ran in (the repository root in CI); relative paths of articles and sources are resolved against it."}},
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "summary": report.summary,
                "corpus": report.corpus,
                "failOn": fail_on.as_str(),
                "supportedResults": include_supported,
            },
        }],
    })
}

impl Report for SarifReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        let log = sarif(report, self.fail_on, self.include_supported, &self.articles);
        serde_json::to_writer_pretty(&mut *out, &log)?;
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
        assert_eq!(path_uri("././drafts/./a.md"), ("drafts/a.md".into(), true));
        assert_eq!(path_uri("drafts\\a.md"), ("drafts/a.md".into(), true));
        assert_eq!(path_uri("/tmp/x.md"), ("file:///tmp/x.md".into(), false));
    }
}
