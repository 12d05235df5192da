//! The on-disk store: tantivy, memory-mapped.
//!
//! Each sentence is a tantivy document: its index terms (with frequencies), the keys
//! it writes with a capital and in lower case, its source's catalog id and position,
//! its BM25 length (a fast field, exact), its text and span (stored). Tantivy's own
//! scoring is not used (it quantises lengths); [`DiskStore::search`] reads the postings
//! and scores them as the in-memory index does.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{DocAddress, Index, IndexWriter, Searcher, TantivyDocument, Term};

use super::catalog::Catalog;
use super::store::{Loaded, Shared, Sink, Store, StoreHit};
use crate::corpus::EvidenceSentence;
use crate::error::{Error, Result};
use crate::index;
use crate::segment::Span;
use crate::text::Token;

/// The tantivy fields of a sentence.
#[derive(Clone, Copy)]
pub(super) struct Fields {
    /// Index terms, with frequencies (BM25).
    terms: Field,
    /// Keys the sentence writes with a capital past its first word, and in lower case.
    names: Field,
    common: Field,
    /// The source's catalog id, and the sentence's position in the source.
    source: Field,
    pos: Field,
    /// The sentence's BM25 length.
    len: Field,
    text: Field,
    /// `Span`: byte_start, byte_end, line, column, end_line, end_column.
    span: Field,
}

/// The tokenizer of the key fields: keys are written one a line (a key never holds a
/// line break: sentences are whitespace-collapsed before they are tokenised).
const KEYS: &str = "claimcheck_keys";

/// Splits a field's text into the keys it lists, one a line, as they are (an empty
/// key too, as the in-memory index keeps it).
#[derive(Clone, Default)]
struct KeyTokenizer {
    token: tantivy::tokenizer::Token,
}

struct KeyStream<'a> {
    lines: std::str::SplitTerminator<'a, char>,
    offset: usize,
    token: &'a mut tantivy::tokenizer::Token,
}

impl tantivy::tokenizer::Tokenizer for KeyTokenizer {
    type TokenStream<'a> = KeyStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> KeyStream<'a> {
        self.token.reset();
        KeyStream {
            lines: text.split_terminator('\n'),
            offset: 0,
            token: &mut self.token,
        }
    }
}

impl tantivy::tokenizer::TokenStream for KeyStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(line) = self.lines.next() else {
            return false;
        };
        let start = self.offset;
        self.offset += line.len() + 1;
        self.token.text.clear();
        self.token.text.push_str(line);
        self.token.offset_from = start;
        self.token.offset_to = start + line.len();
        self.token.position = self.token.position.wrapping_add(1);
        true
    }
    fn token(&self) -> &tantivy::tokenizer::Token {
        self.token
    }
    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        self.token
    }
}

/// Register the key tokenizer with an index (before writing to it).
fn register(index: &Index) {
    index.tokenizers().register(
        KEYS,
        tantivy::tokenizer::TextAnalyzer::builder(KeyTokenizer::default()).build(),
    );
}

/// Keys one a line, as the key fields take them.
fn key_lines<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::new();
    for k in keys {
        s.push_str(k);
        s.push('\n');
    }
    s
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let with_freqs = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KEYS)
            .set_index_option(IndexRecordOption::WithFreqs)
            .set_fieldnorms(false),
    );
    let basic = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KEYS)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    );
    let fields = Fields {
        terms: b.add_text_field("terms", with_freqs),
        names: b.add_text_field("names", basic.clone()),
        common: b.add_text_field("common", basic),
        source: b.add_u64_field("source", INDEXED | FAST),
        pos: b.add_u64_field("pos", FAST | STORED),
        len: b.add_u64_field("len", FAST),
        text: b.add_text_field("text", STORED),
        span: b.add_u64_field("span", STORED),
    };
    (b.build(), fields)
}

/// Where tantivy keeps its files inside an index folder.
fn tantivy_dir(dir: &Path) -> PathBuf {
    dir.join("tantivy")
}

/// Is `dir` a claimcheck index (it has a tantivy index beside a catalog)?
pub fn is_index(dir: &Path) -> bool {
    tantivy_dir(dir).join("meta.json").is_file()
}

fn tantivy_error(dir: &Path, e: impl std::fmt::Display) -> Error {
    Error::input(
        dir,
        format!("cannot read the index: {e}; build it again with `claimcheck index build`"),
    )
}

/// An open on-disk index.
pub struct DiskStore {
    dir: PathBuf,
    searcher: Searcher,
    fields: Fields,
    shared: Shared,
}

/// The name of the catalog the index's last commit names.
fn committed_catalog(dir: &Path, index: &Index) -> Result<String> {
    let metas = index.load_metas().map_err(|e| tantivy_error(dir, e))?;
    metas
        .payload
        .clone()
        .ok_or_else(|| tantivy_error(dir, "no catalog is named in its last commit"))
}

/// Open the tantivy index of `dir` for writing, with its committed catalog.
pub(super) fn open_for_update(dir: &Path) -> Result<(Index, Catalog)> {
    if !is_index(dir) {
        return Err(not_an_index(dir));
    }
    let index = Index::open_in_dir(tantivy_dir(dir)).map_err(|e| tantivy_error(dir, e))?;
    register(&index);
    let catalog = Catalog::read(dir, &committed_catalog(dir, &index)?)?;
    Ok((index, catalog))
}

fn not_an_index(dir: &Path) -> Error {
    Error::input(
        dir,
        "is not a claimcheck index; create it with `claimcheck index build SOURCES... --index DIR`",
    )
}

impl DiskStore {
    /// Open the index in `dir`.
    pub fn open(dir: &Path) -> Result<DiskStore> {
        if !is_index(dir) {
            return Err(not_an_index(dir));
        }
        let index = Index::open_in_dir(tantivy_dir(dir)).map_err(|e| tantivy_error(dir, e))?;
        let catalog = Catalog::read(dir, &committed_catalog(dir, &index)?)?;
        let (_, fields) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| tantivy_error(dir, e))?;
        let searcher = reader.searcher();
        let shared = Shared::new(catalog);
        if searcher.num_docs() as usize != shared.sentences {
            return Err(tantivy_error(
                dir,
                format!(
                    "it holds {} sentences where its catalog lists {}",
                    searcher.num_docs(),
                    shared.sentences
                ),
            ));
        }
        Ok(DiskStore {
            dir: dir.to_path_buf(),
            searcher,
            fields,
            shared,
        })
    }

    /// The live documents of each segment that hold `term` in `field`, with the term's
    /// frequency, in document order.
    fn postings(&self, field: Field, term: &str) -> Result<Vec<Vec<(u32, u16)>>> {
        use tantivy::postings::Postings;
        use tantivy::{DocSet, TERMINATED};
        let term = Term::from_field_text(field, term);
        let option = if field == self.fields.terms {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::Basic
        };
        let mut out = Vec::with_capacity(self.searcher.segment_readers().len());
        for seg in self.searcher.segment_readers() {
            let mut list = Vec::new();
            let inverted = seg
                .inverted_index(field)
                .map_err(|e| tantivy_error(&self.dir, e))?;
            if let Some(mut p) = inverted
                .read_postings(&term, option)
                .map_err(|e| tantivy_error(&self.dir, e))?
            {
                let mut doc = p.doc();
                while doc != TERMINATED {
                    if !seg.is_deleted(doc) {
                        list.push((doc, p.term_freq().min(u16::MAX as u32) as u16));
                    }
                    doc = p.advance();
                }
            }
            out.push(list);
        }
        Ok(out)
    }

    /// Does some live sentence hold `term` in `field`?
    fn has(&self, field: Field, term: &str) -> Result<bool> {
        Ok(self.postings(field, term)?.iter().any(|l| !l.is_empty()))
    }

    fn u64_column(&self, seg: usize, name: &str) -> Result<tantivy::columnar::Column<u64>> {
        self.searcher.segment_readers()[seg]
            .fast_fields()
            .u64(name)
            .map_err(|e| tantivy_error(&self.dir, e))
    }

    /// The live sentences of source `id`: (position, address).
    fn sentences_of(&self, id: u64) -> Result<Vec<(u64, DocAddress)>> {
        use tantivy::{DocSet, TERMINATED};
        let term = Term::from_field_u64(self.fields.source, id);
        let mut out = Vec::new();
        for (s, seg) in self.searcher.segment_readers().iter().enumerate() {
            let inverted = seg
                .inverted_index(self.fields.source)
                .map_err(|e| tantivy_error(&self.dir, e))?;
            let positions = self.u64_column(s, "pos")?;
            if let Some(mut p) = inverted
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(|e| tantivy_error(&self.dir, e))?
            {
                let mut doc = p.doc();
                while doc != TERMINATED {
                    if !seg.is_deleted(doc) {
                        out.push((
                            positions.first(doc).unwrap_or(0),
                            DocAddress::new(s as u32, doc),
                        ));
                    }
                    doc = p.advance();
                }
            }
        }
        out.sort_unstable();
        Ok(out)
    }

    /// A stored sentence.
    fn load_one(&self, address: DocAddress) -> Result<Loaded> {
        let doc: TantivyDocument = self
            .searcher
            .doc(address)
            .map_err(|e| tantivy_error(&self.dir, e))?;
        let text = doc
            .get_first(self.fields.text)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let span: Vec<usize> = doc
            .get_all(self.fields.span)
            .filter_map(|v| v.as_u64())
            .map(|v| v as usize)
            .collect();
        let [byte_start, byte_end, line, column, end_line, end_column] = span[..] else {
            return Err(tantivy_error(&self.dir, "a sentence has no span"));
        };
        Ok(Loaded {
            text,
            span: Span {
                line,
                column,
                end_line,
                end_column,
                byte_start,
                byte_end,
            },
        })
    }
}

impl Store for DiskStore {
    fn shared(&self) -> &Shared {
        &self.shared
    }

    fn marks(&self, keys: &[&str]) -> Result<Vec<(bool, bool)>> {
        keys.iter()
            .map(|k| {
                Ok((
                    self.has(self.fields.names, k)?,
                    self.has(self.fields.common, k)?,
                ))
            })
            .collect()
    }

    fn search(&self, query: &[Token], k: usize) -> Result<Vec<StoreHit>> {
        let shared = &self.shared;
        let segments = self.searcher.segment_readers().len();
        let mut lens = Vec::with_capacity(segments);
        let mut sources = Vec::with_capacity(segments);
        let mut positions = Vec::with_capacity(segments);
        for seg in 0..segments {
            lens.push(self.u64_column(seg, "len")?);
            sources.push(self.u64_column(seg, "source")?);
            positions.push(self.u64_column(seg, "pos")?);
        }
        let len = |seg: usize, doc: u32| lens[seg].first(doc).unwrap_or(0) as u16;
        let mut lists = Vec::new();
        for (term, weight) in index::query_terms(query) {
            let per_segment = self.postings(self.fields.terms, term)?;
            let df: usize = per_segment.iter().map(Vec::len).sum();
            if df > 0 {
                lists.push((term, per_segment, weight * index::idf(shared.sentences, df)));
            }
        }
        let mut scores: Vec<Vec<f32>> = (0..segments)
            .map(|s| vec![0f32; self.searcher.segment_readers()[s].max_doc() as usize])
            .collect();
        let mut touched: Vec<(usize, u32)> = Vec::new();
        for (_, per_segment, idf) in &lists {
            for (seg, list) in per_segment.iter().enumerate() {
                for &(doc, tf) in list {
                    let slot = &mut scores[seg][doc as usize];
                    if *slot == 0.0 {
                        touched.push((seg, doc));
                    }
                    *slot += index::part(*idf, tf, len(seg, doc), shared.avg_len);
                }
            }
        }
        let id = |seg: usize, doc: u32| {
            (
                sources[seg].first(doc).unwrap_or(0),
                positions[seg].first(doc).unwrap_or(0),
            )
        };
        let place = |&(seg, doc): &(usize, u32)| {
            let (source, pos) = id(seg, doc);
            shared.place(source, pos)
        };
        index::top_k(&mut touched, k, |a, b| {
            scores[b.0][b.1 as usize]
                .total_cmp(&scores[a.0][a.1 as usize])
                .then_with(|| place(a).cmp(&place(b)))
        });
        Ok(touched
            .into_iter()
            .map(|(seg, doc)| {
                let matched = lists
                    .iter()
                    .filter_map(|(term, per_segment, idf)| {
                        let list = &per_segment[seg];
                        list.binary_search_by_key(&doc, |(d, _)| *d).ok().map(|i| {
                            let part = index::part(*idf, list[i].1, len(seg, doc), shared.avg_len);
                            (term.to_string(), part)
                        })
                    })
                    .collect();
                let (source, pos) = id(seg, doc);
                StoreHit {
                    source,
                    pos,
                    score: scores[seg][doc as usize],
                    matched,
                }
            })
            .collect())
    }

    fn load(&self, wanted: &[(u64, u64)]) -> Result<Vec<Loaded>> {
        let mut of_source: HashMap<u64, Vec<(u64, DocAddress)>> = HashMap::new();
        let mut out = Vec::with_capacity(wanted.len());
        for &(source, pos) in wanted {
            let list = match of_source.entry(source) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(self.sentences_of(source)?)
                }
            };
            let Ok(i) = list.binary_search_by_key(&pos, |(p, _)| *p) else {
                return Err(tantivy_error(&self.dir, "a retrieved sentence is missing"));
            };
            out.push(self.load_one(list[i].1)?);
        }
        Ok(out)
    }
}

/// Writes sentences into a tantivy index.
pub(super) struct DiskSink {
    dir: PathBuf,
    writer: IndexWriter,
    fields: Fields,
}

/// Tantivy's indexing memory, in all.
const WRITER_BUDGET: usize = 128 << 20;

impl DiskSink {
    pub(super) fn new(dir: &Path, index: &Index) -> Result<DiskSink> {
        let (_, fields) = schema();
        let writer = index
            .writer(WRITER_BUDGET)
            .map_err(|e| tantivy_error(dir, e))?;
        Ok(DiskSink {
            dir: dir.to_path_buf(),
            writer,
            fields,
        })
    }

    /// A new empty index in `dir`.
    pub(super) fn create(dir: &Path) -> Result<Index> {
        std::fs::create_dir_all(tantivy_dir(dir)).map_err(|e| Error::write(dir, &e))?;
        let (schema, _) = schema();
        let index =
            Index::create_in_dir(tantivy_dir(dir), schema).map_err(|e| tantivy_error(dir, e))?;
        register(&index);
        Ok(index)
    }
}

impl Sink for DiskSink {
    fn delete(&mut self, source: u64) -> Result<()> {
        self.writer
            .delete_term(Term::from_field_u64(self.fields.source, source));
        Ok(())
    }

    fn add(&mut self, source: u64, sentences: &[EvidenceSentence]) -> Result<()> {
        let f = self.fields;
        for (pos, s) in sentences.iter().enumerate() {
            let (names, common) = crate::corpus::name_marks(&s.text, &s.tokens);
            let mut d = TantivyDocument::new();
            d.add_text(f.terms, key_lines(crate::text::index_terms(&s.tokens)));
            d.add_text(f.names, key_lines(names.into_iter()));
            d.add_text(f.common, key_lines(common.into_iter()));
            d.add_u64(f.source, source);
            d.add_u64(f.pos, pos as u64);
            d.add_u64(f.len, index::length(&s.tokens) as u64);
            d.add_text(f.text, &s.text);
            for v in [
                s.span.byte_start,
                s.span.byte_end,
                s.span.line,
                s.span.column,
                s.span.end_line,
                s.span.end_column,
            ] {
                d.add_u64(f.span, v as u64);
            }
            self.writer
                .add_document(d)
                .map_err(|e| tantivy_error(&self.dir, e))?;
        }
        Ok(())
    }

    fn commit(mut self: Box<Self>, catalog: &Catalog) -> Result<()> {
        let name = catalog.write_new(&self.dir)?;
        let mut commit = self
            .writer
            .prepare_commit()
            .map_err(|e| tantivy_error(&self.dir, e))?;
        commit.set_payload(&name);
        commit.commit().map_err(|e| tantivy_error(&self.dir, e))?;
        // Let merges finish, so no segment is left half written.
        self.writer
            .wait_merging_threads()
            .map_err(|e| tantivy_error(&self.dir, e))?;
        Catalog::remove_others(&self.dir, &name);
        Ok(())
    }
}
