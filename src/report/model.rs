//! The data of one run, shaped exactly as the JSON contract (`claimcheck.report/1`),
//! and the [`Report`] trait that every output format implements.

use std::io::{self, Write};

use serde::Serialize;

use crate::align::{Conflict, DiffPart, Stance};
use crate::segment::Span;
use crate::verdict::Label;

pub const SCHEMA: &str = "claimcheck.report/1";

/// A whole run, as the JSON contract shapes it.
#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    pub schema: &'static str,
    pub tool: Tool,
    pub corpus: CorpusStats,
    pub summary: Summary,
    pub articles: Vec<ArticleReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "claimcheck",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Default)]
pub struct CorpusStats {
    pub documents: usize,
    pub sentences: usize,
}

/// Counts of claims per verdict.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq, Eq)]
pub struct Summary {
    pub claims: usize,
    pub supported: usize,
    pub contradicted: usize,
    pub unverified: usize,
}

impl Summary {
    pub fn add(&mut self, label: Label) {
        self.claims += 1;
        match label {
            Label::Supported => self.supported += 1,
            Label::Contradicted => self.contradicted += 1,
            Label::Unverified => self.unverified += 1,
        }
    }

    pub fn merge(&mut self, other: &Summary) {
        self.claims += other.claims;
        self.supported += other.supported;
        self.contradicted += other.contradicted;
        self.unverified += other.unverified;
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    pub path: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub summary: Summary,
    pub claims: Vec<ClaimReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimReport {
    pub id: String,
    pub text: String,
    pub sentence: String,
    pub location: Span,
    pub verdict: Label,
    pub confidence: f64,
    pub reason: String,
    pub evidence: Vec<EvidenceReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub reliability: &'static str,
}

impl SourceRef {
    /// The source's path, or its URL when it was fetched.
    pub fn name(&self) -> &str {
        self.path.as_deref().or(self.url.as_deref()).unwrap_or("?")
    }
}

impl EvidenceReport {
    /// Where the evidence comes from, for people:
    /// `path:line:column, Outlet (high reliability), similarity 0.79`.
    pub fn provenance(&self) -> String {
        let outlet = self
            .source
            .outlet
            .as_deref()
            .map(|o| format!(", {o}"))
            .unwrap_or_default();
        format!(
            "{}:{}:{}{outlet} ({} reliability), similarity {:.2}",
            self.source.name(),
            self.location.line,
            self.location.column,
            self.source.reliability,
            self.similarity
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceLocation {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceReport {
    pub source: SourceRef,
    pub sentence: String,
    pub location: EvidenceLocation,
    pub stance: Stance,
    pub similarity: f64,
    pub diff: Vec<DiffPart>,
    pub conflicts: Vec<Conflict>,
}

/// An output format.
pub trait Report {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()>;
}

/// A file path as the CI formats name it (SARIF's relative URI before encoding, GitHub's
/// `file=`): `/` separators, and no `.` segments, so `./drafts/a.md` and
/// `drafts/./a.md` are both `drafts/a.md`, the path GitHub resolves against the
/// repository. A web address is left as it is.
pub fn ci_path(path: &str) -> String {
    if crate::input::is_url(path) {
        return path.to_string();
    }
    let p = path.replace('\\', "/");
    let absolute = p.starts_with('/');
    let parts: Vec<&str> = p
        .split('/')
        .filter(|s| *s != "." && !s.is_empty())
        .collect();
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}
