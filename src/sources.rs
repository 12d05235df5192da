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
    let mut corpus = Corpus::default();
    if paths.is_empty() {
        return Err(Error::Usage(
            "no corpus given; pass --corpus FOLDER (or set corpus in claimcheck.toml)".into(),
        ));
    }
    let urls: Vec<String> = paths
        .iter()
        .filter_map(|p| p.to_str())
        .filter(|s| crate::input::is_url(s))
        .map(str::to_string)
        .collect();
    let mut fetched: BTreeMap<String, Result<Document>> = if urls.is_empty() {
        BTreeMap::new()
    } else {
        urls.iter()
            .cloned()
            .zip(crate::fetch::fetch_documents(&urls, net)?)
            .collect()
    };
    for root in paths {
        if let Some(url) = root.to_str().filter(|s| crate::input::is_url(s)) {
            match fetched.remove(url) {
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
            }
            continue;
        }
        let meta = std::fs::metadata(root).map_err(|e| Error::io(root, &e))?;
        if meta.is_dir() {
            let files = files_under(root, warn)?;
            let mut manifests: BTreeMap<PathBuf, BTreeMap<String, ManifestEntry>> = BTreeMap::new();
            for file in &files {
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
                let entry = manifests.get(&dir).and_then(|m| m.get(rel));
                match ingest::read_path_capped(file, net.max_bytes) {
                    Ok(doc) => {
                        for w in &doc.warnings {
                            warn(format!("{}: {w}", file.display()));
                        }
                        corpus.add_document(&doc, entry);
                    }
                    Err(e) => warn(format!("skipping source: {e}")),
                }
            }
        } else {
            let doc = ingest::read_path_capped(root, net.max_bytes)?;
            for w in &doc.warnings {
                warn(format!("{}: {w}", root.display()));
            }
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
            corpus.add_document(&doc, manifest.get(rel));
        }
    }
    if corpus.sentences.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::input(
            shown.join(", "),
            "the corpus has no readable sentences; give folders or files of .txt, .md or .html sources",
        ));
    }
    Ok(corpus)
}
