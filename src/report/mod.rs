//! Reports: the only stage that prints.
//!
//! [`RunReport`] is the data of one run, shaped exactly as the JSON contract
//! (`claimcheck.report/1`); each output format is one [`Report`] implementation in a
//! file of its own, so a new format never touches the pipeline.

use std::io::{self, Write};

use serde::Serialize;

use crate::align::{Conflict, DiffPart, Stance};
use crate::segment::Span;
use crate::verdict::Label;

pub mod claimreview;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;
pub mod text;

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

/// The format named on the command line (or `format = "…"` in claimcheck.toml).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// For a person at a terminal.
    #[default]
    Text,
    /// The `claimcheck.report/1` contract.
    Json,
    /// GitHub Actions workflow commands (annotations) and a step summary.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, one test case per claim.
    Junit,
    /// JSON Lines: one claim a line, then a summary line.
    Jsonl,
    /// schema.org ClaimReview JSON-LD, one per claim.
    Claimreview,
    /// A self-contained HTML page for an editor.
    Html,
}

/// The reporter for a format.
pub fn reporter(format: Format, color: bool) -> Box<dyn Report> {
    reporter_for(
        format,
        &RenderContext {
            color,
            ..RenderContext::default()
        },
    )
}

/// What reporters need besides the report: the run's settings and the articles' text.
#[derive(Debug, Clone, Default)]
pub struct RenderContext {
    /// Colour the text format.
    pub color: bool,
    /// The level at which a claim is a failure (GitHub `::error`/`::warning`, SARIF
    /// `kind`, JUnit `<failure>`).
    pub fail_on: crate::config::FailOn,
    /// Publisher of ClaimReview documents.
    pub publisher: crate::config::Publisher,
    /// Each article's file as read, by report path (for the HTML page).
    pub articles: std::collections::BTreeMap<String, String>,
}

/// The reporter for a format, with the run's context.
pub fn reporter_for(format: Format, ctx: &RenderContext) -> Box<dyn Report> {
    match format {
        Format::Text => Box::new(text::TextReport { color: ctx.color }),
        Format::Json => Box::new(json::JsonReport),
        Format::Github => Box::new(github::GithubReport {
            fail_on: ctx.fail_on,
        }),
        Format::Sarif => Box::new(sarif::SarifReport {
            fail_on: ctx.fail_on,
        }),
        Format::Junit => Box::new(junit::JunitReport {
            fail_on: ctx.fail_on,
        }),
        Format::Jsonl => Box::new(jsonl::JsonlReport),
        Format::Claimreview => Box::new(claimreview::ClaimReviewReport {
            publisher: ctx.publisher.clone(),
        }),
        Format::Html => Box::new(html::HtmlReport {
            fail_on: ctx.fail_on,
            articles: ctx.articles.clone(),
        }),
    }
}

/// Text safe to print on a terminal or a CI log: control characters (ESC, BEL, C1),
/// line breaks and bidirectional overrides from a draft, a corpus or a file name are
/// written as visible escapes (`\u{1b}`, `\n`), so they cannot retitle or clear the
/// terminal, reorder what it shows, or start a line that CI reads as a workflow command
/// (`::error …`). A tab becomes a space. Text without any comes back borrowed.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            crate::ingest::SUBSTITUTE => out.push('\u{fffd}'),
            c if unsafe_char(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// "1 claim", "2 claims": counts in summary lines.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
