//! `--format claimreview`: schema.org `ClaimReview` JSON-LD, the markup search engines
//! and fact-check aggregators read from a fact-checker's pages.
//!
//! The output is a JSON array with one self-contained `ClaimReview` object (each with
//! its own `@context`) per claim, so a CMS can embed each review in its own page.
//!
//! The rating uses a documented 1–3 scale, `worstRating` 1 and `bestRating` 3:
//!
//! | ratingValue | alternateName  | verdict      |
//! |-------------|----------------|--------------|
//! | 1           | Contradicted   | contradicted |
//! | 2           | Unverified     | unverified   |
//! | 3           | Supported      | supported    |
//!
//! `ratingExplanation` is claimcheck's reason. The fields that need a publisher come
//! from `[publisher]` in claimcheck.toml: `author` (an `Organization` with `name` and
//! `url`) and the review's `url` (`review-url`, with `{id}` replaced by the claim id);
//! they are left out when not configured rather than invented. No `datePublished` for
//! the review: output is deterministic, and the publishing system knows the date.

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

fn review(publisher: &Publisher, a: &ArticleReport, c: &ClaimReport) -> Value {
    let (value, name) = rating(c.verdict);
    let mut appearance = json!({"@type": "CreativeWork"});
    if crate::input::is_url(&a.path) {
        appearance["url"] = json!(a.path);
    } else {
        appearance["name"] = json!(a.path);
    }
    if let Some(t) = &a.title {
        appearance["headline"] = json!(t);
    }
    if let Some(p) = &a.published {
        appearance["datePublished"] = json!(p);
    }
    let mut item = json!({"@type": "Claim", "appearance": appearance});
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
    if publisher.name.is_some() || publisher.url.is_some() {
        let mut author = json!({"@type": "Organization"});
        if let Some(n) = &publisher.name {
            author["name"] = json!(n);
        }
        if let Some(u) = &publisher.url {
            author["url"] = json!(u);
        }
        r["author"] = author;
    }
    if let Some(template) = &publisher.review_url {
        r["url"] = json!(template.replace("{id}", &c.id));
    }
    r
}

impl Report for ClaimReviewReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        let all: Vec<Value> = report
            .articles
            .iter()
            .flat_map(|a| a.claims.iter().map(move |c| review(&self.publisher, a, c)))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &all)?;
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
}
