//! What the stores share: the [`Store`] a check reads, the [`Sink`] a build writes,
//! and the order sentences keep, from the catalog. A file of its own so that the
//! stores (`disk`, `postgres`) and the code that picks one (`mod.rs`, `build`) use it
//! one way.

use std::collections::HashMap;
use std::path::Path;

use super::catalog::Catalog;
use crate::corpus::EvidenceSentence;
use crate::error::Result;
use crate::index;
use crate::segment::Span;
use crate::text::Token;

/// Does this `--index` value name a PostgreSQL database rather than a folder?
pub fn is_postgres(location: &Path) -> bool {
    location
        .to_str()
        .is_some_and(|s| s.starts_with("postgres://") || s.starts_with("postgresql://"))
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => "postgres://…".into(),
    }
}

/// What every store knows of its archive from the catalog.
pub struct Shared {
    pub catalog: Catalog,
    /// Catalog position of each source id: the sentence order's first key.
    pub rank: HashMap<u64, u32>,
    /// Live sentences, and their mean BM25 length.
    pub sentences: usize,
    pub avg_len: f32,
}

impl Shared {
    pub fn new(catalog: Catalog) -> Shared {
        let rank = catalog
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i as u32))
            .collect();
        let sentences = catalog.sentences() as usize;
        let avg_len = index::avg_len(catalog.length(), sentences);
        Shared {
            catalog,
            rank,
            sentences,
            avg_len,
        }
    }

    /// A sentence's place in the order an in-memory corpus would give it.
    pub fn place(&self, source: u64, pos: u64) -> Place {
        Place {
            rank: self.rank.get(&source).copied().unwrap_or(u32::MAX),
            pos,
        }
    }
}

/// A sentence's place in sentence order: its source's catalog rank, its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    rank: u32,
    pos: u64,
}

/// One retrieved sentence: its source id and position, its score and what made it.
#[derive(Debug, Clone)]
pub struct StoreHit {
    pub source: u64,
    pub pos: u64,
    pub score: f32,
    pub matched: Vec<(String, f32)>,
}

/// A stored sentence.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub text: String,
    pub span: Span,
}

/// An index of sentences, on disk or in a database.
pub trait Store: Sync {
    fn shared(&self) -> &Shared;
    /// For each key: does some live sentence write it with a capital past its first
    /// word, and does some write it in lower case (see [`crate::corpus::name_marks`])?
    fn marks(&self, keys: &[&str]) -> Result<Vec<(bool, bool)>>;
    /// The best `k` sentences for a query, scored and ordered as [`index::Bm25`] does.
    fn search(&self, query: &[Token], k: usize) -> Result<Vec<StoreHit>>;
    /// Sentences by (source id, position), in the order asked.
    fn load(&self, wanted: &[(u64, u64)]) -> Result<Vec<Loaded>>;
}

/// Where sentences are written: tantivy on disk, or PostgreSQL.
pub trait Sink {
    /// Remove every sentence of a source.
    fn delete(&mut self, source: u64) -> Result<()>;
    /// Add a source's sentences (positions 0, 1, 2 …).
    fn add(&mut self, source: u64, sentences: &[EvidenceSentence]) -> Result<()>;
    /// Make the deletions and additions visible, with this catalog, at once.
    fn commit(self: Box<Self>, catalog: &Catalog) -> Result<()>;
}
