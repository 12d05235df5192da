//! Loading a corpus from the paths and URLs the user gave.
//!
//! A corpus is every file under the paths given that `ingest` can read (see
//! [`crate::ingest::Format::of_extension`]), read with the same `ingest` as articles, so
//! boilerplate (related links, tickers) never becomes evidence; `http(s)` entries are
//! fetched. A folder may carry a `sources.toml` manifest ([`crate::manifest`]). One
//! unreadable file is a warning; an empty corpus is an error. The data this builds,
//! [`Corpus`], is pipeline data and does no I/O of its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::ingest::{self, Document};
use crate::manifest::{ManifestEntry, Reliability, read_manifest};

/// Every corpus file under `root`, sorted. A subfolder that cannot be read is a warning,
/// like an unreadable file: the rest of the corpus is still used.
fn files_under(root: &Path, warn: &mut dyn FnMut(String)) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                warn(format!("{}: skipped, cannot read: {e}", root.display()));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_some_and(|t| t.is_file())
            && ingest::Format::of_extension(path).is_some()
        {
            files.push(path.to_path_buf());
        }
    }
    Ok(files)
}

/// One entry of a corpus, in the order the corpus adds it.
#[derive(Debug, Clone)]
pub enum Planned {
    /// An `http(s)` URL, fetched.
    Url(String),
    /// A file, with what its folder's `sources.toml` says of it.
    File(SourceFile),
}

/// A corpus file to read.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub entry: Option<ManifestEntry>,
    /// Named on its own rather than found in a folder: failing to read it is an error,
    /// not a warning.
    pub named: bool,
}

/// What the corpus paths name, in order: URLs as given, each folder's files sorted,
/// each with its manifest entry. Reads folders and manifests, not the files.
pub fn plan(paths: &[PathBuf], warn: &mut dyn FnMut(String)) -> Result<Vec<Planned>> {
    if paths.is_empty() {
        return Err(Error::Usage(
            "no corpus given; pass --corpus FOLDER (or set corpus in claimcheck.toml)".into(),
        ));
    }
    let mut out = Vec::new();
    for root in paths {
        if let Some(url) = root.to_str().filter(|s| crate::input::is_url(s)) {
            out.push(Planned::Url(url.to_string()));
            continue;
        }
        let meta = std::fs::metadata(root).map_err(|e| Error::io(root, &e))?;
        if meta.is_dir() {
            let files = files_under(root, warn)?;
            let mut manifests: BTreeMap<PathBuf, BTreeMap<String, ManifestEntry>> = BTreeMap::new();
            for file in files {
                let dir = file.parent().unwrap_or(root).to_path_buf();
                if !manifests.contains_key(&dir) {
                    let m = read_manifest(&dir)?;
                    for name in m.keys() {
                        if !dir.join(name).is_file() {
                            warn(format!(
                                "{}: lists {name}, which is not in the folder",
                                dir.join("sources.toml").display()
                            ));
                        }
                    }
                    manifests.insert(dir.clone(), m);
                }
                let rel = file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                let entry = manifests.get(&dir).and_then(|m| m.get(rel)).cloned();
                out.push(Planned::File(SourceFile {
                    path: file,
                    entry,
                    named: false,
                }));
            }
        } else {
            let dir = root.parent().unwrap_or(Path::new("."));
            let manifest = read_manifest(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })?;
            let rel = root
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            out.push(Planned::File(SourceFile {
                path: root.clone(),
                entry: manifest.get(rel).cloned(),
                named: true,
            }));
        }
    }
    Ok(out)
}

impl SourceFile {
    /// Read and ingest the file (up to `max_bytes`). `Ok(None)` when a file found in a
    /// folder cannot be read: that is a warning, and the rest of the corpus is used.
    pub fn read(&self, max_bytes: u64, warn: &mut dyn FnMut(String)) -> Result<Option<Document>> {
        match ingest::read_path_capped(&self.path, max_bytes) {
            Ok(doc) => {
                for w in &doc.warnings {
                    warn(format!("{}: {w}", self.path.display()));
                }
                Ok(Some(doc))
            }
            Err(e) if self.named => Err(e),
            Err(e) => {
                warn(format!("skipping source: {e}"));
                Ok(None)
            }
        }
    }
}

/// The error for a corpus with no sentence at all.
pub fn empty_corpus(paths: &[PathBuf]) -> Error {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    Error::input(
        shown.join(", "),
        "the corpus has no readable sentences; give folders or files of .txt, .md or .html sources",
    )
}

/// Load a corpus from files and folders. Warnings (one unreadable file, a manifest
/// entry naming a missing file) go to `warn`; the run goes on.
pub fn load(paths: &[PathBuf], warn: &mut dyn FnMut(String)) -> Result<Corpus> {
    load_with(paths, &crate::fetch::FetchOptions::default(), warn)
}

/// [`load`], where entries may also be `http(s)` URLs: they are fetched concurrently
/// (through the cache) with `net`, and each page becomes a source named by its URL,
/// with `url` set. A URL that cannot be fetched is a warning, like an unreadable file.
pub fn load_with(
    paths: &[PathBuf],
    net: &crate::fetch::FetchOptions,
    warn: &mut dyn FnMut(String),
) -> Result<Corpus> {
    let planned = plan(paths, warn)?;
    let mut corpus = Corpus::default();
    let urls: Vec<String> = planned
        .iter()
        .filter_map(|p| match p {
            Planned::Url(u) => Some(u.clone()),
            Planned::File(_) => None,
        })
        .collect();
    let mut fetched: BTreeMap<String, Result<Document>> = if urls.is_empty() {
        BTreeMap::new()
    } else {
        urls.iter()
            .cloned()
            .zip(crate::fetch::fetch_documents(&urls, net)?)
            .collect()
    };
    for item in &planned {
        match item {
            Planned::Url(url) => match fetched.remove(url) {
                Some(Ok(doc)) => {
                    for w in &doc.warnings {
                        warn(format!("{url}: {w}"));
                    }
                    let entry = ManifestEntry {
                        path: url.to_string(),
                        outlet: None,
                        url: Some(url.to_string()),
                        published: None,
                        reliability: Reliability::default(),
                    };
                    corpus.add_document(&doc, Some(&entry));
                }
                Some(Err(e)) => warn(format!("skipping source: {e}")),
                None => {}
            },
            Planned::File(file) => {
                if let Some(doc) = file.read(net.max_bytes, warn)? {
                    corpus.add_document(&doc, file.entry.as_ref());
                }
            }
        }
    }
    if corpus.sentences.is_empty() {
        return Err(empty_corpus(paths));
    }
    Ok(corpus)
}
