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

const K1: f32 = 1.2;
const B: f32 = 0.75;

impl Bm25 {
    /// Index corpus sentences.
    pub fn new(sentences: &[EvidenceSentence]) -> Self {
        let mut postings: HashMap<String, Vec<(u32, u16)>> = HashMap::new();
        let mut lengths = Vec::with_capacity(sentences.len());
        for (i, s) in sentences.iter().enumerate() {
            let mut len = 0u16;
            let mut local: Vec<&str> = text::index_terms(&s.tokens).collect();
            len = len.saturating_add(local.len() as u16);
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
                    .push((i as u32, (k - j) as u16));
                j = k;
            }
            lengths.push(len);
        }
        let total: f32 = lengths.iter().map(|l| *l as f32).sum();
        let avg_len = if lengths.is_empty() {
            1.0
        } else {
            (total / lengths.len() as f32).max(1.0)
        };
        Bm25 {
            postings,
            lengths,
            avg_len,
        }
    }

    /// One term's BM25 contribution to one sentence.
    fn part(&self, idf: f32, tf: u16, doc: u32) -> f32 {
        let tf = tf as f32;
        let len = self.lengths[doc as usize] as f32;
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len))
    }

    fn idf_of(&self, df: usize) -> f32 {
        let n = self.lengths.len() as f32;
        ((n - df as f32 + 0.5) / (df as f32 + 0.5) + 1.0).ln()
    }
}

impl Retriever for Bm25 {
    fn search(&self, query: &[Token], k: usize) -> Vec<Hit> {
        let mut terms: Vec<&str> = text::index_terms(query).collect();
        terms.sort_unstable();
        terms.dedup();
        // A plain word also finds the sentences that say it in other words (WordNet,
        // see `thesaurus`), at a fraction of its weight, so that "lifted rates" is a
        // candidate for "raised rates".
        let plain: Vec<&str> = query
            .iter()
            .filter(|t| t.kind == text::Kind::Word && !t.capital)
            .map(|t| t.key.as_str())
            .collect();
        let mut others: Vec<&str> = plain
            .iter()
            .flat_map(|k| thesaurus::alternatives(k, ALTERNATIVES))
            .filter(|k| terms.binary_search(k).is_err())
            .collect();
        others.sort_unstable();
        others.dedup();
        let lists: Vec<(&str, &Postings, f32)> = terms
            .iter()
            .map(|t| (*t, 1.0))
            .chain(others.iter().map(|t| (*t, OTHER_WORDS)))
            .filter_map(|(t, w)| {
                self.postings
                    .get(t)
                    .map(|l| (t, l, w * self.idf_of(l.len())))
            })
            .collect();
        // Dense accumulators: one float per sentence, and the list of those touched.
        let mut scores = vec![0f32; self.lengths.len()];
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
        let order = |a: &u32, b: &u32| {
            scores[*b as usize]
                .total_cmp(&scores[*a as usize])
                .then(a.cmp(b))
        };
        if k > 0 && touched.len() > k {
            touched.select_nth_unstable_by(k - 1, order);
        }
        touched.truncate(k);
        touched.sort_unstable_by(order);
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
