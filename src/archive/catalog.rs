//! The catalog: what the on-disk index holds, source by source.
//!
//! Tantivy keeps the sentences; the catalog keeps what is said of each source (its
//! manifest fields, its register, its content hash for `index update`) and the order
//! the sources were added in, which is the order an in-memory corpus would give them
//! and so the order ties are broken in. Each commit writes a new catalog file
//! (`catalog-N.json`, never overwriting one) and names it in the commit's payload, so a
//! killed build or update leaves the index and its catalog as they were.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::corpus::{Register, Source};
use crate::error::{Error, Result};
use crate::manifest::Reliability;

/// The catalog's schema; an index written by another version is rebuilt, not read.
pub const SCHEMA: &str = "claimcheck.index/1";

/// The catalog of one index.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub schema: String,
    /// The claimcheck version that wrote it: tokens (stems, canonical values) may change
    /// between versions, and an index of other tokens would retrieve other sentences.
    pub tool_version: String,
    /// The corpus paths the index was built from, as given (`index update` re-reads them).
    pub inputs: Vec<String>,
    /// The id the next new source gets; ids are never reused.
    pub next_id: u64,
    pub sources: Vec<CatalogSource>,
}

/// One source of the index.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CatalogSource {
    /// The id its sentences carry in the index.
    pub id: u64,
    /// Path as displayed when the index was built.
    pub name: String,
    /// SHA-256 of the file's bytes.
    pub hash: String,
    /// The file's size and modification time (nanoseconds since 1970) when it was
    /// read: a file whose size and time are unchanged is not read again, as git and
    /// rsync assume.
    pub size: u64,
    pub modified: Option<u64>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// From the manifest, or else the document's own date.
    pub published: Option<String>,
    /// The document's own date (kept so a manifest change needs no re-reading).
    pub document_published: Option<String>,
    pub reliability: Reliability,
    pub register: Register,
    /// Sentences indexed, and the sum of their BM25 lengths.
    pub sentences: u64,
    pub length: u64,
}

impl CatalogSource {
    /// The corpus source it stands for.
    pub fn to_source(&self) -> Source {
        Source {
            name: self.name.clone(),
            url: self.url.clone(),
            title: self.title.clone(),
            outlet: self.outlet.clone(),
            published: self.published.clone(),
            reliability: self.reliability,
            register: self.register.clone(),
        }
    }
}

impl Catalog {
    pub fn new(inputs: Vec<String>) -> Catalog {
        Catalog {
            schema: SCHEMA.to_string(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            inputs,
            next_id: 0,
            sources: Vec::new(),
        }
    }

    /// Sentences in all sources.
    pub fn sentences(&self) -> u64 {
        self.sources.iter().map(|s| s.sentences).sum()
    }

    /// Sum of all sentences' BM25 lengths.
    pub fn length(&self) -> u64 {
        self.sources.iter().map(|s| s.length).sum()
    }

    /// Read the catalog `name` of the index in `dir`.
    pub fn read(dir: &Path, name: &str) -> Result<Catalog> {
        let path = dir.join(name);
        if name.contains(['/', '\\']) || !name.starts_with("catalog-") {
            return Err(Error::input(
                dir,
                format!(
                    "names a catalog '{name}' that is not one of its files; build the index again"
                ),
            ));
        }
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, &e))?;
        Catalog::parse(&bytes, &path, dir)
    }

    /// A catalog from its JSON; `path` is where it was read, `index` the index shown
    /// in messages.
    pub fn parse(bytes: &[u8], path: &Path, index: &Path) -> Result<Catalog> {
        let catalog: Catalog = serde_json::from_slice(bytes).map_err(|e| {
            Error::parse(
                path,
                e.line(),
                format!("not a claimcheck index catalog: {e}; build the index again"),
            )
        })?;
        if catalog.schema != SCHEMA || catalog.tool_version != env!("CARGO_PKG_VERSION") {
            return Err(Error::input(
                index,
                format!(
                    "was built by claimcheck {} ({}), this is {} ({SCHEMA}); its tokens may \
                     differ, so build it again with `claimcheck index build`",
                    catalog.tool_version,
                    catalog.schema,
                    env!("CARGO_PKG_VERSION")
                ),
            ));
        }
        Ok(catalog)
    }

    /// The catalog as JSON.
    pub fn to_json(&self) -> Result<Vec<u8>> {
        let mut json = serde_json::to_vec(self)
            .map_err(|e| Error::Usage(format!("cannot serialise the catalog: {e}")))?;
        json.push(b'\n');
        Ok(json)
    }

    /// Write the catalog as a new file of `dir` (`catalog-<generation>.json`, one that
    /// does not exist yet); returns its name.
    pub fn write_new(&self, dir: &Path) -> Result<String> {
        let json = self.to_json()?;
        for generation in 0u64.. {
            let name = format!("catalog-{generation}.json");
            let path = dir.join(&name);
            if path.exists() {
                continue;
            }
            crate::fsutil::write_atomic(&path, &json).map_err(|e| Error::write(&path, &e))?;
            return Ok(name);
        }
        unreachable!("u64 generations run out")
    }

    /// Remove the catalog files of `dir` other than `keep` (those of older commits, or
    /// of a build or update that was killed before its commit).
    pub fn remove_others(dir: &Path, keep: &str) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let stale: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("catalog-") && n.ends_with(".json") && n != keep)
            })
            .collect();
        for p in stale {
            let _ = std::fs::remove_file(p);
        }
    }
}
