//! The `sources.toml` manifest of a corpus folder: who published each source, where,
//! when, and how far it is trusted.
//!
//! Both the corpus loader and `claimcheck fetch` (which writes a manifest for the
//! pages it saves) read this schema, so it sits below both of them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The manifest's file name in a corpus folder.
pub const FILE_NAME: &str = "sources.toml";

/// How far a source is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Reliability {
    Low,
    #[default]
    Normal,
    High,
}

impl Reliability {
    /// The weight a source's word carries.
    pub fn weight(self) -> f64 {
        match self {
            Reliability::Low => 0.35,
            Reliability::Normal => 0.85,
            Reliability::High => 1.0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Reliability::Low => "low",
            Reliability::Normal => "normal",
            Reliability::High => "high",
        }
    }
}

/// One entry of a folder's `sources.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub path: String,
    pub outlet: Option<String>,
    /// Shown as a link in every report, so only `http(s)` (never `javascript:`,
    /// `data:` or `file:`).
    #[serde(default, deserialize_with = "http_url")]
    pub url: Option<String>,
    pub published: Option<String>,
    #[serde(default)]
    pub reliability: Reliability,
}

fn http_url<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    let s = <String as Deserialize>::deserialize(d)?;
    match url::Url::parse(&s) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(Some(s)),
        _ => Err(serde::de::Error::custom(format!(
            "url {s:?} is not an http(s) address; write it as https://host/page, or leave it out"
        ))),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    source: Vec<ManifestEntry>,
}

/// Read the manifest of a folder, if it has one.
pub fn read_manifest(dir: &Path) -> Result<BTreeMap<String, ManifestEntry>> {
    let path = dir.join(FILE_NAME);
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(Error::io(&path, &e)),
    };
    let manifest: Manifest = toml::from_str(&raw).map_err(|e| {
        let line = e
            .span()
            .map(|s| raw[..s.start].lines().count().max(1))
            .unwrap_or(1);
        Error::parse(
            &path,
            line,
            format!("{}; see README, \"Corpus manifest\"", e.message()),
        )
    })?;
    let mut out = BTreeMap::new();
    for entry in manifest.source {
        out.insert(entry.path.clone(), entry);
    }
    Ok(out)
}
