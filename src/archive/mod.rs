//! A corpus kept in an index: on disk (`claimcheck index build SOURCES --index DIR`),
//! or in PostgreSQL (`--index postgres://…`) for an archive every CI runner and desk
//! machine shares; `index update` re-reads only the files that changed, and
//! `check --index` verifies against it without reading the sources again.
//!
//! Why: an in-memory corpus is read, segmented, tokenised and indexed on every run, so
//! a CI job against a newsroom's archive of a million sentences pays a minute and
//! gigabytes for a twenty-claim draft. From an index, a run reads only the postings of
//! its claims' terms and the few sentences they retrieve.
//!
//! Same verdicts as in memory, to the byte. Both stores keep the postings of the same
//! index terms ([`crate::text::index_terms`]) and each sentence's text, span and exact
//! BM25 length; scoring is our BM25 ([`crate::index`]), not the engine's, with document
//! frequencies counted over live sentences, terms added up in the same order and ties
//! broken by the same sentence order (the catalog's source order, then the position
//! in the source). The retrieved sentences, and the two before each (which alignment
//! reads for "The …", "He …"), are then loaded into a small [`Corpus`] with their
//! sources and registers from the catalog and the claims' words marked as the whole
//! archive writes them, so the pipeline above runs unchanged ([`Prefetched`] answers
//! its searches).

pub mod args;
pub mod build;
pub mod catalog;
mod disk;
mod postgres;
mod store;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rayon::prelude::*;

use crate::claims::Claim;
use crate::corpus::Corpus;
use crate::error::Result;
use crate::index::{self, Hit, Retriever};
use crate::text::{self, Token};

pub use catalog::Catalog;
pub use store::{Loaded, Place, Shared, Store, StoreHit, is_postgres};

/// A location as it may be shown: a database URL without its password.
pub fn shown(location: &Path) -> String {
    match location.to_str() {
        Some(s) if is_postgres(location) => store::redact(s),
        _ => location.display().to_string(),
    }
}

/// Open the index at `location`: a folder, or a `postgres://` URL.
pub fn open(location: &Path) -> Result<Box<dyn Store>> {
    if is_postgres(location) {
        Ok(Box::new(postgres::PgStore::open(
            location.to_str().unwrap_or_default(),
        )?))
    } else {
        Ok(Box::new(disk::DiskStore::open(location)?))
    }
}

/// Retrieve the candidates of every claim and load them, with what alignment and the
/// verdict read beside them, into a small corpus; the [`Prefetched`] retriever answers
/// the pipeline's searches from it. `k` is the verifier's candidates.
pub fn prepare<'a>(
    store: &dyn Store,
    claims: impl IntoIterator<Item = &'a Claim>,
    k: usize,
) -> Result<(Corpus, Prefetched)> {
    let shared = store.shared();
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
    for (key, (name, common)) in keys.iter().zip(store.marks(&keys)?) {
        if name {
            corpus.names.insert(key.to_string());
        }
        if common {
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
    let hits: Vec<Vec<StoreHit>> = queries
        .par_iter()
        .map(|q| store.search(q, k))
        .collect::<Result<_>>()?;
    // The sentences to load: every hit and the two before it in its source (positions
    // run 0, 1, 2 … in every source: a source is indexed and removed whole).
    let mut wanted: BTreeMap<Place, (u64, u64)> = BTreeMap::new();
    for hit in hits.iter().flatten() {
        for back in 0..=2u64.min(hit.pos) {
            let pos = hit.pos - back;
            wanted.insert(shared.place(hit.source, pos), (hit.source, pos));
        }
    }
    let order: Vec<(u64, u64)> = wanted.values().copied().collect();
    let loaded = store.load(&order)?;
    let mut source_index: HashMap<u64, usize> = HashMap::new();
    let mut index_of: HashMap<(u64, u64), usize> = HashMap::new();
    for ((source, pos), sentence) in order.into_iter().zip(loaded) {
        let next = corpus.sources.len();
        let s = *source_index.entry(source).or_insert_with(|| {
            let rank = shared.rank[&source] as usize;
            corpus
                .sources
                .push(shared.catalog.sources[rank].to_source());
            next
        });
        index_of.insert((source, pos), corpus.sentences.len());
        let tokens = text::tokenize(&sentence.text);
        corpus.sentences.push(crate::corpus::EvidenceSentence {
            source: s,
            text: sentence.text,
            span: sentence.span,
            tokens,
        });
    }
    corpus.archive_size = Some((shared.catalog.sources.len(), shared.sentences));
    let mut answers = HashMap::new();
    for (query, hits) in queries.iter().zip(hits) {
        let hits = hits
            .into_iter()
            .map(|h| Hit {
                sentence: index_of[&(h.source, h.pos)],
                score: h.score,
                matched: h.matched,
            })
            .collect();
        answers.insert(signature(query), hits);
    }
    Ok((corpus, Prefetched { answers, k }))
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
/// sentences they name are those of the corpus [`prepare`] returned with it.
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
