//! `index build` and `index update`: the corpus streamed into an index.
//!
//! Files are read, ingested and tokenised in chunks on all cores and handed to the
//! store chunk by chunk, so memory holds one chunk and the store's own buffers, never
//! the archive. A build on disk writes a new folder beside the target and renames it
//! into place when it is complete; an update deletes and adds only the sources whose
//! bytes changed and commits once, with its catalog, so a killed update leaves the
//! index as it was. A file whose size and modification time are those recorded is not
//! read at all; one whose time changed is hashed (SHA-256) and re-indexed only if its
//! bytes did.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::catalog::{Catalog, CatalogSource};
use super::disk::{self, DiskSink};
use super::postgres;
use super::store::{Sink, is_postgres};
use crate::corpus::{Corpus, EvidenceSentence};
use crate::error::{Error, Result};
use crate::sources::{self, Planned, SourceFile};

/// Files ingested in parallel before their sentences are written.
const CHUNK: usize = 64;

/// What a build or update did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Sources and sentences in the index afterwards.
    pub documents: usize,
    pub sentences: u64,
    /// Files read and indexed (all of them for a build; new and changed ones for an update).
    pub indexed: usize,
    /// Bytes of the files indexed.
    pub bytes: u64,
    /// Sources kept as they were, and removed (an update only).
    pub unchanged: usize,
    pub removed: usize,
}

/// How far a build or update is: files done of all, sentences and bytes indexed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tick {
    pub files: usize,
    pub total: usize,
    pub sentences: u64,
    pub bytes: u64,
}

/// Options of a build or update.
pub struct Options<'a> {
    /// Largest file read (`--max-bytes`).
    pub max_bytes: u64,
    pub warn: &'a mut dyn FnMut(String),
    pub progress: &'a mut dyn FnMut(Tick),
}

fn inputs_as_given(inputs: &[PathBuf]) -> Vec<String> {
    inputs
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// Write an index of the corpus `inputs` (files and folders) to `location`: a folder
/// that does not exist yet or is empty, or a `postgres://` database without one.
pub fn build(inputs: &[PathBuf], location: &Path, opts: Options) -> Result<Summary> {
    let catalog = Catalog::new(inputs_as_given(inputs));
    if is_postgres(location) {
        let sink = postgres::PgSink::create(location.to_str().unwrap_or_default())?;
        return sync(Box::new(sink), catalog, inputs, HashMap::new(), opts);
    }
    let dir = location;
    if disk::is_index(dir) {
        return Err(Error::input(
            dir,
            "already holds an index; update it with `claimcheck index update --index DIR`, \
             or remove the folder to build afresh",
        ));
    }
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, &e))?
            .next()
            .is_none();
        if !empty {
            return Err(Error::input(
                dir,
                "is a folder that is not empty; give a new folder for the index",
            ));
        }
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(Error::input(
            &parent,
            "the folder to put the index in does not exist; create it first",
        ));
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    let tmp = parent.join(format!(".{name}.building-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = (|| {
        let index = DiskSink::create(&tmp)?;
        let sink = DiskSink::new(&tmp, &index)?;
        sync(Box::new(sink), catalog, inputs, HashMap::new(), opts)
    })();
    match result {
        Ok(summary) => {
            if dir.exists() {
                std::fs::remove_dir(dir).map_err(|e| Error::write(dir, &e))?;
            }
            std::fs::rename(&tmp, dir).map_err(|e| Error::write(dir, &e))?;
            Ok(summary)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

/// Bring the index at `location` up to date with its corpus (`inputs`, or those it was
/// built from): files whose bytes changed are indexed again, new files added, removed
/// ones deleted; the rest is not read.
pub fn update(location: &Path, inputs: Option<&[PathBuf]>, opts: Options) -> Result<Summary> {
    let (sink, mut catalog): (Box<dyn Sink>, Catalog) = if is_postgres(location) {
        let (sink, catalog) = postgres::PgSink::open(location.to_str().unwrap_or_default())?;
        (Box::new(sink), catalog)
    } else {
        let (index, catalog) = disk::open_for_update(location)?;
        (Box::new(DiskSink::new(location, &index)?), catalog)
    };
    let inputs: Vec<PathBuf> = match inputs {
        Some(given) if !given.is_empty() => {
            catalog.inputs = inputs_as_given(given);
            given.to_vec()
        }
        _ => catalog.inputs.iter().map(PathBuf::from).collect(),
    };
    let mut old: HashMap<String, VecDeque<CatalogSource>> = HashMap::new();
    for s in std::mem::take(&mut catalog.sources) {
        old.entry(s.name.clone()).or_default().push_back(s);
    }
    sync(sink, catalog, &inputs, old, opts)
}

/// A file's size and modification time, as the catalog records them.
fn stat(path: &Path) -> std::io::Result<(u64, Option<u64>)> {
    let meta = std::fs::metadata(path)?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos().min(u64::MAX as u128) as u64);
    Ok((meta.len(), modified))
}

/// A file read, its sentences ready for the index.
struct Ingested {
    entry: CatalogSource,
    sentences: Vec<EvidenceSentence>,
    warnings: Vec<String>,
}

/// A file to read: its place in the chunk, what the catalog had of it, its stat.
struct ToRead {
    i: usize,
    previous: Option<CatalogSource>,
    stat: (u64, Option<u64>),
}

/// A file read whose bytes changed: what [`ingest`] takes.
struct ToIngest {
    i: usize,
    bytes: Vec<u8>,
    hash: String,
    id: u64,
    stat: (u64, Option<u64>),
}

/// Ingest one file as the corpus would.
fn ingest(
    file: &SourceFile,
    bytes: &[u8],
    hash: String,
    id: u64,
    stat: (u64, Option<u64>),
) -> Result<Ingested> {
    let doc = crate::ingest::from_file_bytes(&file.path, bytes)?;
    let warnings = doc
        .warnings
        .iter()
        .map(|w| format!("{}: {w}", file.path.display()))
        .collect();
    let mut corpus = Corpus::default();
    corpus.add_document(&doc, file.entry.as_ref());
    let source = corpus.sources.remove(0);
    let length = corpus
        .sentences
        .iter()
        .map(|s| crate::index::length(&s.tokens) as u64)
        .sum();
    Ok(Ingested {
        entry: CatalogSource {
            id,
            name: source.name,
            hash,
            size: stat.0,
            modified: stat.1,
            url: source.url,
            title: source.title,
            outlet: source.outlet,
            published: source.published,
            document_published: doc.published.clone(),
            reliability: source.reliability,
            register: source.register,
            sentences: corpus.sentences.len() as u64,
            length,
        },
        sentences: corpus.sentences,
        warnings,
    })
}

/// The manifest's word on a source kept as it was.
fn refresh(mut entry: CatalogSource, file: &SourceFile) -> CatalogSource {
    let m = file.entry.as_ref();
    entry.url = m.and_then(|m| m.url.clone());
    entry.outlet = m.and_then(|m| m.outlet.clone());
    entry.published = m
        .and_then(|m| m.published.clone())
        .or_else(|| entry.document_published.clone());
    entry.reliability = m.map(|m| m.reliability).unwrap_or_default();
    entry
}

/// Read the corpus `inputs` into the sink, keeping the sources of `old` that did not
/// change and deleting the rest of `old`; commit with the new catalog.
fn sync(
    mut sink: Box<dyn Sink>,
    mut catalog: Catalog,
    inputs: &[PathBuf],
    mut old: HashMap<String, VecDeque<CatalogSource>>,
    opts: Options,
) -> Result<Summary> {
    let Options {
        max_bytes,
        warn,
        progress,
    } = opts;
    let planned = sources::plan(inputs, warn)?;
    let mut files = Vec::with_capacity(planned.len());
    for p in planned {
        match p {
            Planned::File(f) => files.push(f),
            Planned::Url(url) => {
                return Err(Error::Usage(format!(
                    "{url}: an index is built from files and folders; fetch the pages into \
                     a folder first (`claimcheck fetch URL --out FOLDER`) and index the folder"
                )));
            }
        }
    }
    let mut summary = Summary::default();
    let mut tick = Tick {
        total: files.len(),
        ..Tick::default()
    };
    for chunk in files.chunks(CHUNK) {
        let mut entries: Vec<(usize, CatalogSource)> = Vec::new();
        // A file whose size and time are as recorded is kept without reading it.
        let mut to_read = Vec::new();
        for (i, file) in chunk.iter().enumerate() {
            let name = file.path.display().to_string();
            let previous = old.get_mut(&name).and_then(VecDeque::pop_front);
            let stat = match stat(&file.path) {
                Ok(stat) => stat,
                Err(e) if file.named => return Err(Error::io(&file.path, &e)),
                Err(e) => {
                    warn(format!("skipping source: {}: {e}", file.path.display()));
                    if let Some(prev) = previous {
                        sink.delete(prev.id)?;
                        summary.removed += 1;
                    }
                    continue;
                }
            };
            match previous {
                Some(prev) if (prev.size, prev.modified) == stat && stat.1.is_some() => {
                    entries.push((i, refresh(prev, file)));
                }
                previous => to_read.push(ToRead { i, previous, stat }),
            }
        }
        // Read and hash in parallel; a file whose bytes are as indexed is kept.
        let read: Vec<Result<(Vec<u8>, String)>> = to_read
            .par_iter()
            .map(|r| {
                let bytes = crate::ingest::read_bytes_capped(&chunk[r.i].path, max_bytes)?;
                let hash = crate::fsutil::sha256_hex(&bytes);
                Ok((bytes, hash))
            })
            .collect();
        let mut todo: Vec<ToIngest> = Vec::new();
        for (r, got) in to_read.into_iter().zip(read) {
            let file = &chunk[r.i];
            let (bytes, hash) = match got {
                Ok(read) => read,
                Err(e) if file.named => return Err(e),
                Err(e) => {
                    // One unreadable file of a folder is a warning, as in a corpus.
                    warn(format!("skipping source: {e}"));
                    if let Some(prev) = r.previous {
                        sink.delete(prev.id)?;
                        summary.removed += 1;
                    }
                    continue;
                }
            };
            match r.previous {
                Some(mut prev) if prev.hash == hash => {
                    (prev.size, prev.modified) = r.stat;
                    entries.push((r.i, refresh(prev, file)));
                }
                previous => {
                    if let Some(prev) = previous {
                        sink.delete(prev.id)?;
                    }
                    let id = catalog.next_id;
                    catalog.next_id += 1;
                    todo.push(ToIngest {
                        i: r.i,
                        bytes,
                        hash,
                        id,
                        stat: r.stat,
                    });
                }
            }
        }
        summary.unchanged += entries.len();
        let ingested: Vec<(usize, Result<Ingested>)> = todo
            .into_par_iter()
            .map(|t| (t.i, ingest(&chunk[t.i], &t.bytes, t.hash, t.id, t.stat)))
            .collect();
        for (i, r) in ingested {
            let got = match r {
                Ok(got) => got,
                Err(e) if chunk[i].named => return Err(e),
                Err(e) => {
                    warn(format!("skipping source: {e}"));
                    continue;
                }
            };
            for w in got.warnings {
                warn(w);
            }
            tick.sentences += got.entry.sentences;
            tick.bytes += got.entry.size;
            summary.bytes += got.entry.size;
            summary.indexed += 1;
            sink.add(got.entry.id, &got.sentences)?;
            entries.push((i, got.entry));
        }
        entries.sort_by_key(|(i, _)| *i);
        catalog.sources.extend(entries.into_iter().map(|(_, e)| e));
        tick.files += chunk.len();
        progress(tick);
    }
    // What is left of the old catalog is gone from the corpus.
    for (_, gone) in old {
        for prev in gone {
            sink.delete(prev.id)?;
            summary.removed += 1;
        }
    }
    if catalog.sentences() == 0 {
        // Dropping the sink without a commit rolls back: the index stays as it was.
        return Err(sources::empty_corpus(inputs));
    }
    summary.documents = catalog.sources.len();
    summary.sentences = catalog.sentences();
    sink.commit(&catalog)?;
    Ok(summary)
}
