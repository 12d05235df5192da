//! Ranked retrieval of candidate evidence.
//!
//! Aligning a claim against every corpus sentence would be quadratic; BM25 over
//! stems and canonical values narrows it to a handful of candidates first. The
//! index sits behind [`Retriever`] so that a persistent on-disk index (tantivy) or a
//! database can replace the in-memory one without touching the rest of the pipeline.
//! Negation words are indexed like any other word: they are never stop words here.
//! Every hit says which terms matched and what each contributed (see [`Hit`]).

use std::collections::HashMap;

use crate::corpus::EvidenceSentence;
use crate::text::{self, Token};
use crate::thesaurus;

/// One retrieved sentence and why it scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into the corpus sentences.
    pub sentence: usize,
    pub score: f32,
    /// (term, contribution) for every query term that matched.
    pub matched: Vec<(String, f32)>,
}

/// Anything that can rank corpus sentences for a claim.
pub trait Retriever: Sync {
    /// The best `k` sentences for the query tokens, best first (ties by sentence order).
    fn search(&self, query: &[Token], k: usize) -> Vec<Hit>;
}

/// Weight of a word that says a query word in other words, against the word itself.
const OTHER_WORDS: f32 = 0.4;
/// Other words looked up per query word, at most.
const ALTERNATIVES: usize = 24;

/// A term's postings: (sentence, term frequency), in sentence order.
type Postings = Vec<(u32, u16)>;

/// In-memory BM25 (Okapi, k1 = 1.2, b = 0.75) over sentence tokens.
pub struct Bm25 {
    postings: HashMap<String, Postings>,
    lengths: Vec<u16>,
    avg_len: f32,
}

/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;
/// BM25 length normalisation.
pub const B: f32 = 0.75;

/// A sentence's length as BM25 counts it: its index terms (saturating at `u16::MAX`).
pub fn length(tokens: &[Token]) -> u16 {
    text::index_terms(tokens).count().min(u16::MAX as usize) as u16
}

/// Mean sentence length from the total of [`length`]s; summed as an integer, so an
/// index that adds sentences in another order (or keeps the total on disk) gets the
/// same float.
pub fn avg_len(total: u64, sentences: usize) -> f32 {
    if sentences == 0 {
        1.0
    } else {
        ((total as f64 / sentences as f64) as f32).max(1.0)
    }
}

/// Inverse document frequency of a term found in `df` of `n` sentences.
pub fn idf(n: usize, df: usize) -> f32 {
    let n = n as f32;
    ((n - df as f32 + 0.5) / (df as f32 + 0.5) + 1.0).ln()
}

/// One term's BM25 contribution to a sentence of `len` terms.
pub fn part(idf: f32, tf: u16, len: u16, avg_len: f32) -> f32 {
    let tf = tf as f32;
    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len as f32 / avg_len))
}

/// The terms a query searches, each with its weight, in the order their scores are
/// added up (every retriever adds them in this order, so scores are the same floats):
/// the query's own terms (sorted, weight 1), then the words that say a plain word in
/// other words (WordNet, see `thesaurus`; sorted, weight [`OTHER_WORDS`]), so that
/// "lifted rates" is a candidate for "raised rates".
pub fn query_terms(query: &[Token]) -> Vec<(&str, f32)> {
    let mut terms: Vec<&str> = text::index_terms(query).collect();
    terms.sort_unstable();
    terms.dedup();
    let mut others: Vec<&str> = query
        .iter()
        .filter(|t| t.kind == text::Kind::Word && !t.capital)
        .flat_map(|t| thesaurus::alternatives(&t.key, ALTERNATIVES))
        .filter(|k| terms.binary_search(k).is_err())
        .collect();
    others.sort_unstable();
    others.dedup();
    terms
        .into_iter()
        .map(|t| (t, 1.0))
        .chain(others.into_iter().map(|t| (t, OTHER_WORDS)))
        .collect()
}

/// Keep the best `k` of `touched` under `order` (best first), sorted.
pub fn top_k<T: Copy>(
    touched: &mut Vec<T>,
    k: usize,
    order: impl Fn(&T, &T) -> std::cmp::Ordering,
) {
    if k > 0 && touched.len() > k {
        touched.select_nth_unstable_by(k - 1, &order);
    }
    touched.truncate(k);
    touched.sort_unstable_by(order);
}

impl Bm25 {
    /// Index corpus sentences.
    pub fn new(sentences: &[EvidenceSentence]) -> Self {
        let mut postings: HashMap<String, Vec<(u32, u16)>> = HashMap::new();
        let mut lengths = Vec::with_capacity(sentences.len());
        for (i, s) in sentences.iter().enumerate() {
            let mut local: Vec<&str> = text::index_terms(&s.tokens).collect();
            local.sort_unstable();
            let mut j = 0;
            while j < local.len() {
                let mut k = j;
                while k < local.len() && local[k] == local[j] {
                    k += 1;
                }
                postings
                    .entry(local[j].to_string())
                    .or_default()
                    .push((i as u32, (k - j).min(u16::MAX as usize) as u16));
                j = k;
            }
            lengths.push(length(&s.tokens));
        }
        let total: u64 = lengths.iter().map(|l| *l as u64).sum();
        let avg_len = avg_len(total, lengths.len());
        Bm25 {
            postings,
            lengths,
            avg_len,
        }
    }

    /// One term's BM25 contribution to one sentence.
    fn part(&self, idf: f32, tf: u16, doc: u32) -> f32 {
        part(idf, tf, self.lengths[doc as usize], self.avg_len)
    }
}

impl Retriever for Bm25 {
    fn search(&self, query: &[Token], k: usize) -> Vec<Hit> {
        let n = self.lengths.len();
        let lists: Vec<(&str, &Postings, f32)> = query_terms(query)
            .into_iter()
            .filter_map(|(t, w)| self.postings.get(t).map(|l| (t, l, w * idf(n, l.len()))))
            .collect();
        // Dense accumulators: one float per sentence, and the list of those touched.
        let mut scores = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        for (_, list, idf) in &lists {
            for &(doc, tf) in *list {
                let slot = &mut scores[doc as usize];
                if *slot == 0.0 {
                    touched.push(doc);
                }
                *slot += self.part(*idf, tf, doc);
            }
        }
        top_k(&mut touched, k, |a: &u32, b: &u32| {
            scores[*b as usize]
                .total_cmp(&scores[*a as usize])
                .then(a.cmp(b))
        });
        // Explain only the hits returned.
        touched
            .into_iter()
            .map(|doc| {
                let matched = lists
                    .iter()
                    .filter_map(|(term, list, idf)| {
                        list.binary_search_by_key(&doc, |(d, _)| *d)
                            .ok()
                            .map(|i| (term.to_string(), self.part(*idf, list[i].1, doc)))
                    })
                    .collect();
                Hit {
                    sentence: doc as usize,
                    score: scores[doc as usize],
                    matched,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn ranks_the_sentence_that_shares_rare_terms_first() {
        let corpus = Corpus::from_texts([(
            "a",
            "The weather was fine on Monday. Merz said a meeting could take place within two weeks. \
             Trump met Zelensky at the White House. A trilateral meeting may follow.",
        )]);
        let index = Bm25::new(&corpus.sentences);
        let hits = index.search(
            &text::tokenize("Merz said the meeting would happen within two weeks"),
            3,
        );
        assert!(!hits.is_empty());
        assert!(
            corpus.sentences[hits[0].sentence]
                .text
                .starts_with("Merz said")
        );
        assert!(hits[0].matched.iter().any(|(t, _)| t == "merz"));
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn negation_words_are_searchable() {
        let corpus = Corpus::from_texts([("a", "He did not attend. He attended the dinner.")]);
        let index = Bm25::new(&corpus.sentences);
        let hits = index.search(&text::tokenize("not"), 5);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].sentence, 0);
    }
}
