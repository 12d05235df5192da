//! Reports: the only stage that prints.
//!
//! [`RunReport`] is the data of one run, shaped exactly as the JSON contract
//! (`claimcheck.report/1`); each output format is one [`Report`] implementation in a
//! file of its own, so a new format never touches the pipeline. This file only picks
//! the format: the data lives in [`model`], the failure policy in [`policy`], the
//! words in [`words`], and no format reaches back up here.

use serde::Serialize;

pub mod claimreview;
pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod linehash;
pub mod model;
pub mod policy;
pub mod sarif;
pub mod text;
pub mod words;

pub use claimreview::Publisher;
pub use model::*;
pub use policy::{FailOn, Finding};
pub use words::{plural, printable};

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

/// What reporters need besides the report: the run's settings and the articles' text.
#[derive(Debug, Clone, Default)]
pub struct RenderContext {
    /// Colour the text format.
    pub color: bool,
    /// `--verbose`: the text format shows more of each claim.
    pub verbose: bool,
    /// The level at which a claim is a failure (GitHub `::error`/`::warning`, SARIF
    /// `kind`, JUnit `<failure>`).
    pub fail_on: FailOn,
    /// Publisher of ClaimReview documents.
    pub publisher: Publisher,
    /// SARIF: write supported claims as results too (`--sarif-supported`).
    pub sarif_supported: bool,
    /// Each article's file as read, by report path (for the HTML page and SARIF's
    /// line hashes).
    pub articles: std::collections::BTreeMap<String, String>,
}

/// The reporter for a format, with the run's context.
pub fn reporter_for(format: Format, ctx: &RenderContext) -> Box<dyn Report> {
    match format {
        Format::Text => Box::new(text::TextReport {
            color: ctx.color,
            verbose: ctx.verbose,
        }),
        Format::Json => Box::new(json::JsonReport),
        Format::Github => Box::new(github::GithubReport {
            fail_on: ctx.fail_on,
        }),
        Format::Sarif => Box::new(sarif::SarifReport {
            fail_on: ctx.fail_on,
            include_supported: ctx.sarif_supported,
            articles: ctx.articles.clone(),
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
