//! `index build` and `index update`: the corpus streamed into the on-disk index.
//!
//! Files are read, ingested and tokenised in chunks on all cores and written to
//! tantivy chunk by chunk, so memory holds one chunk and tantivy's indexing budget,
//! never the archive. A build writes a new folder beside the target and renames it
//! into place when it is complete; an update deletes and adds only the sources whose
//! bytes changed (by SHA-256) and commits once, with the catalog it wrote, so a killed
//! update leaves the index as it was.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tantivy::schema::Term;
use tantivy::{Index, IndexWriter, TantivyDocument};

use super::catalog::{Catalog, CatalogSource};
use super::{Fields, is_index, key_lines, register, schema, tantivy_dir, tantivy_error};
use crate::corpus::{self, Corpus};
use crate::error::{Error, Result};
use crate::sources::{self, Planned, SourceFile};

/// Files ingested in parallel before their sentences are written.
const CHUNK: usize = 64;
/// Tantivy's indexing memory, in all.
const WRITER_BUDGET: usize = 128 << 20;

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

/// Write an index of the corpus `inputs` (files and folders) into `dir`, which must
/// not exist yet or be empty.
pub fn build(inputs: &[PathBuf], dir: &Path, opts: Options) -> Result<Summary> {
    if is_index(dir) {
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
    std::fs::create_dir_all(tantivy_dir(&tmp)).map_err(|e| Error::write(&tmp, &e))?;
    let result = (|| {
        let (schema, fields) = schema();
        let index =
            Index::create_in_dir(tantivy_dir(&tmp), schema).map_err(|e| tantivy_error(&tmp, e))?;
        register(&index);
        let mut catalog = Catalog::new(
            inputs
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect(),
        );
        write(
            &index,
            fields,
            &mut catalog,
            inputs,
            HashMap::new(),
            &tmp,
            opts,
        )
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

/// Bring the index in `dir` up to date with its corpus (`inputs`, or those it was
/// built from): files whose bytes changed are indexed again, new files added, removed
/// ones deleted; the rest is not read past its hash.
pub fn update(dir: &Path, inputs: Option<&[PathBuf]>, opts: Options) -> Result<Summary> {
    let archive = super::Archive::open(dir)?;
    let mut catalog = archive.catalog().clone();
    drop(archive);
    let inputs: Vec<PathBuf> = match inputs {
        Some(given) if !given.is_empty() => {
            catalog.inputs = given
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            given.to_vec()
        }
        _ => catalog.inputs.iter().map(PathBuf::from).collect(),
    };
    let index = Index::open_in_dir(tantivy_dir(dir)).map_err(|e| tantivy_error(dir, e))?;
    register(&index);
    let (_, fields) = schema();
    let mut old: HashMap<String, VecDeque<CatalogSource>> = HashMap::new();
    for s in std::mem::take(&mut catalog.sources) {
        old.entry(s.name.clone()).or_default().push_back(s);
    }
    write(&index, fields, &mut catalog, &inputs, old, dir, opts)
}

/// A file read, its sentences ready for the index.
struct Ingested {
    entry: CatalogSource,
    docs: Vec<TantivyDocument>,
    warnings: Vec<String>,
}

/// Ingest one file as the corpus would and turn its sentences into index documents.
fn ingest(
    file: &SourceFile,
    bytes: &[u8],
    hash: String,
    id: u64,
    fields: Fields,
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
    let mut docs = Vec::with_capacity(corpus.sentences.len());
    let mut length = 0u64;
    for (pos, s) in corpus.sentences.iter().enumerate() {
        let len = crate::index::length(&s.tokens);
        length += len as u64;
        let (names, common) = corpus::name_marks(&s.text, &s.tokens);
        let mut d = TantivyDocument::new();
        d.add_text(fields.terms, key_lines(crate::text::index_terms(&s.tokens)));
        d.add_text(fields.names, key_lines(names.into_iter()));
        d.add_text(fields.common, key_lines(common.into_iter()));
        d.add_u64(fields.source, id);
        d.add_u64(fields.pos, pos as u64);
        d.add_u64(fields.len, len as u64);
        d.add_text(fields.text, &s.text);
        for v in [
            s.span.byte_start,
            s.span.byte_end,
            s.span.line,
            s.span.column,
            s.span.end_line,
            s.span.end_column,
        ] {
            d.add_u64(fields.span, v as u64);
        }
        docs.push(d);
    }
    Ok(Ingested {
        entry: CatalogSource {
            id,
            name: source.name,
            hash,
            url: source.url,
            title: source.title,
            outlet: source.outlet,
            published: source.published,
            document_published: doc.published.clone(),
            reliability: source.reliability,
            register: source.register,
            sentences: docs.len() as u64,
            length,
        },
        docs,
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

/// Read the corpus `inputs` into `index`, keeping the sources of `old` whose bytes
/// did not change and deleting the rest of `old`; commit with the new catalog.
fn write(
    index: &Index,
    fields: Fields,
    catalog: &mut Catalog,
    inputs: &[PathBuf],
    mut old: HashMap<String, VecDeque<CatalogSource>>,
    dir: &Path,
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
    let mut writer: IndexWriter = index
        .writer(WRITER_BUDGET)
        .map_err(|e| tantivy_error(dir, e))?;
    let mut summary = Summary::default();
    let mut tick = Tick {
        total: files.len(),
        ..Tick::default()
    };
    for chunk in files.chunks(CHUNK) {
        // Read and hash in parallel; sources whose bytes are as indexed are kept.
        let read: Vec<Result<(Vec<u8>, String)>> = chunk
            .par_iter()
            .map(|f| {
                let bytes = crate::ingest::read_bytes_capped(&f.path, max_bytes)?;
                let hash = crate::fsutil::sha256_hex(&bytes);
                Ok((bytes, hash))
            })
            .collect();
        let mut todo: Vec<(usize, Vec<u8>, String, u64)> = Vec::new();
        let mut kept: Vec<(usize, CatalogSource)> = Vec::new();
        for (i, (file, r)) in chunk.iter().zip(read).enumerate() {
            let (bytes, hash) = match r {
                Ok(read) => read,
                Err(e) if file.named => return Err(e),
                Err(e) => {
                    // One unreadable file of a folder is a warning, as in a corpus.
                    warn(format!("skipping source: {e}"));
                    continue;
                }
            };
            let name = file.path.display().to_string();
            let previous = old.get_mut(&name).and_then(VecDeque::pop_front);
            match previous {
                Some(prev) if prev.hash == hash => kept.push((i, refresh(prev, file))),
                other => {
                    if let Some(prev) = other {
                        writer.delete_term(Term::from_field_u64(fields.source, prev.id));
                    }
                    let id = catalog.next_id;
                    catalog.next_id += 1;
                    todo.push((i, bytes, hash, id));
                }
            }
        }
        let ingested: Vec<(usize, Result<Ingested>)> = todo
            .into_par_iter()
            .map(|(i, bytes, hash, id)| (i, ingest(&chunk[i], &bytes, hash, id, fields)))
            .collect();
        let mut entries: Vec<(usize, CatalogSource)> = kept;
        summary.unchanged += entries.len();
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
            let size = std::fs::metadata(&chunk[i].path)
                .map(|m| m.len())
                .unwrap_or(0);
            tick.bytes += size;
            summary.bytes += size;
            summary.indexed += 1;
            for d in got.docs {
                writer.add_document(d).map_err(|e| tantivy_error(dir, e))?;
            }
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
            writer.delete_term(Term::from_field_u64(fields.source, prev.id));
            summary.removed += 1;
        }
    }
    if catalog.sentences() == 0 {
        // Dropping the writer rolls back: the index stays as it was.
        return Err(sources::empty_corpus(inputs));
    }
    let name = catalog.write_new(dir)?;
    let mut commit = writer.prepare_commit().map_err(|e| tantivy_error(dir, e))?;
    commit.set_payload(&name);
    commit.commit().map_err(|e| tantivy_error(dir, e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| tantivy_error(dir, e))?;
    Catalog::remove_others(dir, &name);
    summary.documents = catalog.sources.len();
    summary.sentences = catalog.sentences();
    Ok(summary)
}
