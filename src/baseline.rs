//! Baselines and suppressions: what a newsroom has already reviewed is not reported
//! again.
//!
//! A linter is only adopted on an old code base if yesterday's warnings can be
//! accepted in bulk and today's still fail the build; the same holds for an archive of
//! drafts. Three mechanisms, applied after verification and before rendering:
//!
//! - **baseline file** (`--write-baseline FILE`, then `--baseline FILE`): the findings
//!   (contradicted and unverified claims) of one run, keyed by article path, claim id
//!   and verdict. A later finding with the same key is dropped; a new claim, a reworded
//!   one (new id) or one whose verdict changed is reported. Format: JSON
//!   `{"schema": "claimcheck.baseline/1", "findings": [{"path", "id", "verdict",
//!   "text"}]}`, sorted, so it diffs well in review; `text` is for people only.
//! - **inline comments** in the draft: `<!-- claimcheck: ignore -->` or
//!   `<!-- claimcheck: ignore-next-line -->` alone on a line suppresses the claims that
//!   start on the next line; `<!-- claimcheck: ignore -->` after text on a line
//!   suppresses the claims that start on that line. HTML comments are invisible in
//!   rendered Markdown and HTML, so the mark stays in the draft without being published.
//! - **config** (`[ignore]` in claimcheck.toml): claim ids and text patterns.
//!
//! Only findings are suppressed: a supported claim stays in the report. Suppressed
//! claims are removed from the report and the counts, so every format and the exit
//! code agree on what is left.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::config::IgnoreRules;
use crate::error::{Error, Result};
use crate::report::{RunReport, Summary};
use crate::verdict::Label;

pub const BASELINE_SCHEMA: &str = "claimcheck.baseline/1";

/// A baseline file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema: String,
    pub findings: Vec<Finding>,
}

impl crate::versioned::Versioned for Baseline {
    const SCHEMA: &'static str = BASELINE_SCHEMA;
    const WRITTEN_BY: &'static str = "`claimcheck check --write-baseline FILE`";
    const WHAT: &'static str = "a baseline";
    fn schema(&self) -> &str {
        &self.schema
    }
}

/// One accepted finding.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub path: String,
    pub id: String,
    pub verdict: Label,
    /// The claim's text when the baseline was written (for people; not matched).
    #[serde(default)]
    pub text: String,
}

fn norm_path(p: &str) -> &str {
    p.strip_prefix("./").unwrap_or(p)
}

impl Baseline {
    /// The findings of a report: every contradicted or unverified claim.
    pub fn from_report(report: &RunReport) -> Baseline {
        let mut findings: Vec<Finding> = report
            .articles
            .iter()
            .flat_map(|a| {
                a.claims
                    .iter()
                    .filter(|c| c.verdict != Label::Supported)
                    .map(|c| Finding {
                        path: norm_path(&a.path).to_string(),
                        id: c.id.clone(),
                        verdict: c.verdict,
                        text: c.text.clone(),
                    })
            })
            .collect();
        findings.sort();
        findings.dedup();
        Baseline {
            schema: BASELINE_SCHEMA.to_string(),
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Read a baseline file; a malformed one is an error naming the file and line.
    pub fn read(path: &Path) -> Result<Baseline> {
        crate::versioned::read(path)
    }

    fn keys(&self) -> BTreeSet<(&str, &str, Label)> {
        self.findings
            .iter()
            .map(|f| (norm_path(&f.path), f.id.as_str(), f.verdict))
            .collect()
    }
}

/// The lines (1-based) whose claims an inline comment suppresses.
pub fn inline_ignored_lines(raw: &str) -> BTreeSet<usize> {
    static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"<!--\s*claimcheck:\s*(ignore-next-line|ignore)\s*-->").expect("valid regex")
    });
    let mut lines = BTreeSet::new();
    for (i, line) in raw.lines().enumerate() {
        let n = i + 1;
        for m in DIRECTIVE.captures_iter(line) {
            let whole = m.get(0).expect("match");
            let alone =
                line[..whole.start()].trim().is_empty() && line[whole.end()..].trim().is_empty();
            if alone || &m[1] == "ignore-next-line" {
                lines.insert(n + 1);
            } else {
                lines.insert(n);
            }
        }
    }
    lines
}

/// What is not reported.
#[derive(Debug, Default)]
pub struct Suppressions {
    pub baseline: Option<Baseline>,
    /// Inline-ignored lines by article path.
    pub inline: BTreeMap<String, BTreeSet<usize>>,
    pub ids: BTreeSet<String>,
    pub patterns: Vec<Regex>,
}

/// How many findings each mechanism removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Suppressed {
    pub inline: usize,
    pub config: usize,
    pub baseline: usize,
}

impl Suppressed {
    pub fn total(&self) -> usize {
        self.inline + self.config + self.baseline
    }
}

impl Suppressions {
    /// From the config's `[ignore]` rules, the articles' text and a baseline.
    pub fn new(
        rules: &IgnoreRules,
        articles: &BTreeMap<String, String>,
        baseline: Option<Baseline>,
    ) -> Result<Suppressions> {
        let patterns = rules
            .patterns
            .iter()
            .map(|p| Regex::new(p))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| Error::Usage(format!("invalid ignore pattern: {e}")))?;
        Ok(Suppressions {
            baseline,
            inline: articles
                .iter()
                .map(|(path, raw)| (path.clone(), inline_ignored_lines(raw)))
                .filter(|(_, lines)| !lines.is_empty())
                .collect(),
            ids: rules.claims.iter().cloned().collect(),
            patterns,
        })
    }

    /// Drop suppressed findings from the report, recount, and order each article's
    /// claims by position.
    pub fn apply(&self, report: &mut RunReport) -> Suppressed {
        let mut n = Suppressed::default();
        let keys = self
            .baseline
            .as_ref()
            .map(Baseline::keys)
            .unwrap_or_default();
        let mut total = Summary::default();
        for a in &mut report.articles {
            let inline = self.inline.get(&a.path);
            let path = norm_path(&a.path).to_string();
            a.claims.retain(|c| {
                if c.verdict == Label::Supported {
                    return true;
                }
                if inline.is_some_and(|l| l.contains(&c.location.line)) {
                    n.inline += 1;
                    return false;
                }
                if self.ids.contains(&c.id) || self.patterns.iter().any(|p| p.is_match(&c.text)) {
                    n.config += 1;
                    return false;
                }
                if keys.contains(&(path.as_str(), c.id.as_str(), c.verdict)) {
                    n.baseline += 1;
                    return false;
                }
                true
            });
            a.claims
                .sort_by_key(|c| (c.location.line, c.location.column, c.location.byte_start));
            let mut s = Summary::default();
            for c in &a.claims {
                s.add(c.verdict);
            }
            a.summary = s;
            total.merge(&s);
        }
        report.summary = total;
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives() {
        let raw = "a\n<!-- claimcheck: ignore -->\nclaim\ntext <!-- claimcheck: ignore -->\n<!--claimcheck:ignore-next-line-->\nx\n<!-- claimcheck: nope -->\n";
        assert_eq!(
            inline_ignored_lines(raw).into_iter().collect::<Vec<_>>(),
            vec![3, 4, 6]
        );
    }
}
