//! `--format claimreview`: schema.org `ClaimReview` JSON-LD, the markup fact-check
//! aggregators read from a fact-checker's pages.
//!
//! The output is a JSON array with one self-contained `ClaimReview` object (each with
//! its own `@context`) per reviewed claim, so a CMS can embed each review in its own
//! page.
//!
//! Search engines no longer show it: Google retired its fact-check (ClaimReview) rich
//! results in June 2025. The markup remains the schema.org standard by which
//! fact-checkers exchange their reviews (Google Fact Check Tools and its Fact Check
//! Explorer, other aggregators and researchers read it), which is what this format is
//! for.
//!
//! The rating uses a documented 1–3 scale, `worstRating` 1 and `bestRating` 3:
//!
//! | ratingValue | alternateName  | verdict      |
//! |-------------|----------------|--------------|
//! | 1           | Contradicted   | contradicted |
//! | 2           | Unverified     | unverified   |
//! | 3           | Supported      | supported    |
//!
//! `ratingExplanation` is claimcheck's reason.
//!
//! Which claims get a review: by default only contradicted and supported ones, the
//! verdicts a fact-check states; an unverified claim is a gap in the corpus, not a
//! finding to publish (`publish-unverified = true` in `[publisher]` reviews them too).
//!
//! Where each property comes from, and nothing is invented:
//!
//! | property | from |
//! |---|---|
//! | `url` | `[publisher] review-url`, `{id}` replaced by the claim id |
//! | `author` | `[publisher] name` and `url`, an `Organization` |
//! | `datePublished` | the article's publication date (the review is published with it) |
//! | `itemReviewed.author` | the publisher, for an article given as a file (the newsroom's own story); unknown for a web page |
//! | `itemReviewed.datePublished`, `appearance.datePublished` | the article's publication date |
//! | `itemReviewed.appearance.url` | the article's address: its URL, or `[publisher] article-url` with `{stem}` replaced by the file name without extension |
//! | `itemReviewed.appearance.headline` | the article's title |
//!
//! A property without a source is left out, and [`warnings`] says so: the CLI prints
//! one warning per missing property on stderr (the report itself stays on stdout). The
//! local path of an article is never written: it means nothing on a published page.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::model::{ArticleReport, ClaimReport, Report, RunReport};
use crate::verdict::Label;

pub struct ClaimReviewReport {
    pub publisher: Publisher,
}

/// The rating of a verdict on the 1–3 scale.
pub fn rating(label: Label) -> (u8, &'static str) {
    let value = match label {
        Label::Contradicted => 1,
        Label::Unverified => 2,
        Label::Supported => 3,
    };
    (value, super::words::title(label))
}

/// Is a claim with this verdict given a review?
fn reviewed(publisher: &Publisher, label: Label) -> bool {
    label != Label::Unverified || publisher.publish_unverified == Some(true)
}

/// The publisher as a schema.org `Organization`, if configured.
fn organization(publisher: &Publisher) -> Option<Value> {
    if publisher.name.is_none() && publisher.url.is_none() {
        return None;
    }
    let mut org = json!({"@type": "Organization"});
    if let Some(n) = &publisher.name {
        org["name"] = json!(n);
    }
    if let Some(u) = &publisher.url {
        org["url"] = json!(u);
    }
    Some(org)
}

/// Is the article a file (the newsroom's own story) rather than a web page or stdin?
fn is_file(a: &ArticleReport) -> bool {
    !crate::input::is_url(&a.path) && a.path != "-" && a.path != "<stdin>"
}

/// The published article's address: its URL, or `article-url` with `{stem}` filled in.
fn article_url(publisher: &Publisher, a: &ArticleReport) -> Option<String> {
    if crate::input::is_url(&a.path) {
        return Some(a.path.clone());
    }
    let template = publisher.article_url.as_ref().filter(|_| is_file(a))?;
    let stem = std::path::Path::new(&a.path).file_stem()?.to_str()?;
    Some(template.replace("{stem}", &super::sarif::path_uri(stem).0))
}

/// Who made the claim: the publisher, when the article is its own file.
fn claim_author(publisher: &Publisher, a: &ArticleReport) -> Option<Value> {
    organization(publisher).filter(|_| is_file(a))
}

fn review(publisher: &Publisher, a: &ArticleReport, c: &ClaimReport) -> Value {
    let (value, name) = rating(c.verdict);
    let mut appearance = json!({"@type": "CreativeWork"});
    if let Some(u) = article_url(publisher, a) {
        appearance["url"] = json!(u);
    }
    if let Some(t) = &a.title {
        appearance["headline"] = json!(t);
    }
    if let Some(p) = &a.published {
        appearance["datePublished"] = json!(p);
    }
    let mut item = json!({"@type": "Claim", "appearance": appearance});
    if let Some(author) = claim_author(publisher, a) {
        item["author"] = author;
    }
    if let Some(p) = &a.published {
        item["datePublished"] = json!(p);
    }
    let mut r = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": c.id,
        "claimReviewed": c.text,
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 3,
            "worstRating": 1,
            "alternateName": name,
            "ratingExplanation": c.reason,
        },
    });
    if let Some(author) = organization(publisher) {
        r["author"] = author;
    }
    if let Some(template) = &publisher.review_url {
        r["url"] = json!(template.replace("{id}", &c.id));
    }
    if let Some(p) = &a.published {
        r["datePublished"] = json!(p);
    }
    r
}

/// The reviews of a run, in report order.
pub fn reviews(report: &RunReport, publisher: &Publisher) -> Vec<Value> {
    report
        .articles
        .iter()
        .flat_map(|a| a.claims.iter().map(move |c| (a, c)))
        .filter(|(_, c)| reviewed(publisher, c.verdict))
        .map(|(a, c)| review(publisher, a, c))
        .collect()
}

/// One warning per property the reviews leave out for want of a source, saying what
/// would fill it; none when there is no review. The CLI prints them on stderr.
pub fn warnings(report: &RunReport, publisher: &Publisher) -> Vec<String> {
    let articles: Vec<&ArticleReport> = report
        .articles
        .iter()
        .filter(|a| a.claims.iter().any(|c| reviewed(publisher, c.verdict)))
        .collect();
    let mut out = Vec::new();
    if articles.is_empty() {
        return out;
    }
    if publisher.review_url.is_none() {
        out.push(
            "ClaimReview: no `url` (required by fact-check consumers): set `review-url` in \
             [publisher] of claimcheck.toml, e.g. \"https://example.org/checks/{id}\""
                .to_string(),
        );
    }
    if publisher.name.is_none() {
        out.push(
            "ClaimReview: no `author.name` (the fact-checker): set `name` in [publisher] of \
             claimcheck.toml"
                .to_string(),
        );
    }
    if publisher.url.is_none() {
        out.push(
            "ClaimReview: no `author.url` (the fact-checker's site): set `url` in [publisher] \
             of claimcheck.toml"
                .to_string(),
        );
    }
    for a in articles {
        if a.published.is_none() {
            out.push(format!(
                "{}: ClaimReview: no `datePublished` and no `itemReviewed.datePublished`: the \
                 article has no publication date (a `date` in its front matter, or \
                 `article:published_time` in its HTML)",
                a.path
            ));
        }
        if claim_author(publisher, a).is_none() {
            let why = if is_file(a) {
                "set `name` in [publisher] of claimcheck.toml"
            } else {
                "who published the page is not known"
            };
            out.push(format!(
                "{}: ClaimReview: no `itemReviewed.author` (who made the claim): {why}",
                a.path
            ));
        }
        if article_url(publisher, a).is_none() {
            out.push(format!(
                "{}: ClaimReview: no `itemReviewed.appearance.url` (where the claim appears): \
                 set `article-url` in [publisher] of claimcheck.toml, e.g. \
                 \"https://example.org/news/{{stem}}\"",
                a.path
            ));
        }
    }
    out
}

impl Report for ClaimReviewReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &reviews(report, &self.publisher))?;
        writeln!(out)
    }
}

/// Who publishes the fact checks (`--format claimreview`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Publisher {
    /// Organisation name, e.g. "Meridian Wire".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Organisation home page, e.g. "https://meridian.example".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Address of one review, `{id}` replaced by the claim id,
    /// e.g. "https://meridian.example/checks/{id}".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_url: Option<String>,
    /// Address of the published article, `{stem}` replaced by the article's file name
    /// without extension, e.g. "https://meridian.example/news/{stem}" (for
    /// `itemReviewed.appearance.url`; an article given as a URL is its own address).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_url: Option<String>,
    /// Review unverified claims too (by default only contradicted and supported ones).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publish_unverified: Option<bool>,
}
