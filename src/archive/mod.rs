//! A corpus kept on disk: `claimcheck index build` writes it once, `index update`
//! re-reads only the files that changed, and `check --index DIR` verifies against it
//! without reading the sources again.
//!
//! Why: an in-memory corpus is read, segmented, tokenised and indexed on every run, so
//! a CI job against a newsroom's archive of a million sentences pays a minute and
//! gigabytes for a twenty-claim draft. On disk (tantivy, memory-mapped), a run reads
//! only the postings of its claims' terms and the few sentences they retrieve.
//!
//! Same verdicts as in memory, to the byte. Tantivy stores the postings of the same
//! index terms ([`crate::text::index_terms`]) and each sentence's text, span and
//! length; scoring is not tantivy's (its lengths are quantised) but our BM25
//! ([`crate::index`]) over exact lengths, with document frequencies counted over live
//! sentences only, terms added up in the same order and ties broken by the same
//! sentence order (the catalog's source order, then the position in the source). The
//! retrieved sentences, and the two before each (which alignment reads for "The …",
//! "He …"), are then loaded into a small [`Corpus`] with their sources and registers
//! from the catalog and the claims' words marked as the whole archive writes them, so
//! the pipeline above runs unchanged ([`Prefetched`] answers its searches).

pub mod args;
pub mod build;
pub mod catalog;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{DocAddress, Index, Searcher, TantivyDocument, Term};

use crate::claims::Claim;
use crate::corpus::{Corpus, EvidenceSentence};
use crate::error::{Error, Result};
use crate::index::{self, Hit, Retriever};
use crate::segment::Span;
use crate::text::{self, Token};

pub use catalog::Catalog;

/// The tantivy fields of a sentence.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
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
pub struct Archive {
    dir: PathBuf,
    searcher: Searcher,
    fields: Fields,
    catalog: Catalog,
    /// Catalog position of each source id: the sentence order's first key.
    rank: HashMap<u64, u32>,
    sentences: usize,
    avg_len: f32,
}

/// A sentence of the archive: its segment and document, and its place in sentence order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Place {
    rank: u32,
    pos: u64,
}

/// One retrieved sentence of the archive.
#[derive(Debug, Clone)]
pub struct ArchiveHit {
    address: DocAddress,
    place: Place,
    source: u64,
    score: f32,
    matched: Vec<(String, f32)>,
}

impl Archive {
    /// Open the index in `dir`.
    pub fn open(dir: &Path) -> Result<Archive> {
        if !is_index(dir) {
            return Err(Error::input(
                dir,
                "is not a claimcheck index; create it with `claimcheck index build SOURCES... --index DIR`",
            ));
        }
        let index = Index::open_in_dir(tantivy_dir(dir)).map_err(|e| tantivy_error(dir, e))?;
        let metas = index.load_metas().map_err(|e| tantivy_error(dir, e))?;
        let name = metas
            .payload
            .clone()
            .ok_or_else(|| tantivy_error(dir, "no catalog is named in its last commit"))?;
        let catalog = Catalog::read(dir, &name)?;
        let (_, fields) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| tantivy_error(dir, e))?;
        let searcher = reader.searcher();
        let sentences = catalog.sentences() as usize;
        if searcher.num_docs() as usize != sentences {
            return Err(tantivy_error(
                dir,
                format!(
                    "it holds {} sentences where its catalog lists {sentences}",
                    searcher.num_docs()
                ),
            ));
        }
        let rank = catalog
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i as u32))
            .collect();
        let avg_len = index::avg_len(catalog.length(), sentences);
        Ok(Archive {
            dir: dir.to_path_buf(),
            searcher,
            fields,
            catalog,
            rank,
            sentences,
            avg_len,
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The live documents of each segment that hold `term` in `field`, with the term's
    /// frequency, in document order.
    fn postings(&self, field: Field, term: &str) -> Result<Vec<Vec<(u32, u16)>>> {
        use tantivy::postings::Postings;
        use tantivy::{DocSet, TERMINATED};
        let term = Term::from_field_text(field, term);
        let mut out = Vec::with_capacity(self.searcher.segment_readers().len());
        for seg in self.searcher.segment_readers() {
            let mut list = Vec::new();
            let inverted = seg
                .inverted_index(field)
                .map_err(|e| tantivy_error(&self.dir, e))?;
            let option = if field == self.fields.terms {
                IndexRecordOption::WithFreqs
            } else {
                IndexRecordOption::Basic
            };
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

    /// The best `k` sentences for a query, scored as [`index::Bm25`] scores them.
    pub fn search(&self, query: &[Token], k: usize) -> Result<Vec<ArchiveHit>> {
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
                lists.push((term, per_segment, weight * index::idf(self.sentences, df)));
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
                    *slot += index::part(*idf, tf, len(seg, doc), self.avg_len);
                }
            }
        }
        let place = |&(seg, doc): &(usize, u32)| Place {
            rank: sources[seg]
                .first(doc)
                .and_then(|id| self.rank.get(&id).copied())
                .unwrap_or(u32::MAX),
            pos: positions[seg].first(doc).unwrap_or(0),
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
                            let part = index::part(*idf, list[i].1, len(seg, doc), self.avg_len);
                            (term.to_string(), part)
                        })
                    })
                    .collect();
                ArchiveHit {
                    address: DocAddress::new(seg as u32, doc),
                    place: place(&(seg, doc)),
                    source: sources[seg].first(doc).unwrap_or(0),
                    score: scores[seg][doc as usize],
                    matched,
                }
            })
            .collect())
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
    fn load(&self, address: DocAddress, source: usize) -> Result<EvidenceSentence> {
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
        let tokens = text::tokenize(&text);
        Ok(EvidenceSentence {
            source,
            text,
            span: Span {
                line,
                column,
                end_line,
                end_column,
                byte_start,
                byte_end,
            },
            tokens,
        })
    }

    /// Retrieve the candidates of every claim and load them, with what alignment and
    /// the verdict read beside them, into a small corpus; the [`Prefetched`] retriever
    /// answers the pipeline's searches from it. `k` is the verifier's candidates.
    pub fn prepare<'a>(
        &self,
        claims: impl IntoIterator<Item = &'a Claim>,
        k: usize,
    ) -> Result<(Corpus, Prefetched)> {
        let claims: Vec<&Claim> = claims.into_iter().collect();
        // How the whole archive writes the claims' words settles their names.
        let mut keys: Vec<&str> = claims
            .iter()
            .flat_map(|c| c.tokens.iter())
            .filter(|t| t.kind == text::Kind::Word)
            .map(|t| t.key.as_str())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut corpus = Corpus::default();
        for key in keys {
            if self.has(self.fields.names, key)? {
                corpus.names.insert(key.to_string());
            }
            if self.has(self.fields.common, key)? {
                corpus.common.insert(key.to_string());
            }
        }
        let queries: Vec<Vec<Token>> = claims
            .iter()
            .map(|c| {
                let mut tokens = if c.tokens.is_empty() {
                    text::tokenize(&c.text)
                } else {
                    c.tokens.clone()
                };
                corpus.mark_names(&c.text, &mut tokens);
                tokens
            })
            .collect();
        let hits: Vec<Vec<ArchiveHit>> = queries
            .par_iter()
            .map(|q| self.search(q, k))
            .collect::<Result<_>>()?;
        // The sentences to load: every hit and the two before it in its source.
        let mut wanted: BTreeMap<Place, (u64, DocAddress)> = BTreeMap::new();
        let mut by_source: HashMap<u64, Vec<(u64, DocAddress)>> = HashMap::new();
        for hit in hits.iter().flatten() {
            wanted.insert(hit.place, (hit.source, hit.address));
            if hit.place.pos == 0 {
                continue;
            }
            let of_source = match by_source.entry(hit.source) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(self.sentences_of(hit.source)?)
                }
            };
            for &(pos, address) in of_source.iter() {
                if pos + 2 >= hit.place.pos && pos < hit.place.pos {
                    let place = Place {
                        rank: hit.place.rank,
                        pos,
                    };
                    wanted.insert(place, (hit.source, address));
                }
            }
        }
        let mut index_of: HashMap<Place, usize> = HashMap::new();
        let mut source_index: HashMap<u64, usize> = HashMap::new();
        let sources_in_order: Vec<u32> = {
            let mut r: Vec<u32> = wanted.keys().map(|p| p.rank).collect();
            r.dedup();
            r
        };
        for rank in sources_in_order {
            let entry = &self.catalog.sources[rank as usize];
            source_index.insert(entry.id, corpus.sources.len());
            corpus.sources.push(entry.to_source());
        }
        for (place, (source, address)) in &wanted {
            index_of.insert(*place, corpus.sentences.len());
            let sentence = self.load(*address, source_index[source])?;
            corpus.sentences.push(sentence);
        }
        corpus.archive_size = Some((self.catalog.sources.len(), self.sentences));
        let mut answers = HashMap::new();
        for (query, hits) in queries.iter().zip(hits) {
            let hits = hits
                .into_iter()
                .map(|h| Hit {
                    sentence: index_of[&h.place],
                    score: h.score,
                    matched: h.matched,
                })
                .collect();
            answers.insert(signature(query), hits);
        }
        Ok((corpus, Prefetched { answers, k }))
    }
}

/// What a search's result depends on: its terms and their weights.
fn signature(query: &[Token]) -> String {
    let mut s = String::new();
    for (term, weight) in index::query_terms(query) {
        s.push_str(term);
        s.push('\u{1f}');
        s.push_str(&weight.to_string());
        s.push('\u{1e}');
    }
    s
}

/// The archive's answers to the searches of the claims at hand, by query terms; the
/// sentences they name are those of the corpus [`Archive::prepare`] returned with it.
pub struct Prefetched {
    answers: HashMap<String, Vec<Hit>>,
    k: usize,
}

impl Retriever for Prefetched {
    fn search(&self, query: &[Token], k: usize) -> Vec<Hit> {
        debug_assert!(
            k <= self.k,
            "prefetched {} candidates, asked for {k}",
            self.k
        );
        let mut hits = self
            .answers
            .get(&signature(query))
            .cloned()
            .unwrap_or_default();
        hits.truncate(k);
        hits
    }
}
