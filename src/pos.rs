//! Parts of speech for claim sentences, from a trained tagger.
//!
//! Splitting a sentence into atomic facts needs to know where a verb phrase starts
//! ("…, lifting an Orion capsule …"), whether a comma piece has a verb of its own and
//! where a second predicate is coordinated ("opened in 1985 and was named after …").
//! A hand-made verb list cannot know every verb; the Brill tagger that `harper-brill`
//! ships (trained on Universal Dependencies English) can. Only claim sentences are
//! tagged, never the corpus, so the cost (tens of microseconds a sentence) does not
//! grow with the archive.

use std::sync::LazyLock;

use harper_brill::{Chunker, Tagger, UPOS};
use regex::Regex;

/// A universal part of speech (<https://universaldependencies.org/u/pos/>).
pub type Pos = UPOS;

/// One word of a tagged text with its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    pub start: usize,
    pub end: usize,
    pub pos: Pos,
    /// Inside a noun phrase, by the chunker ("prime" in "UK prime minister").
    pub in_noun_phrase: bool,
}

impl Tagged {
    /// The word as written in `text`.
    pub fn word<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// A verb or an auxiliary, and not a word of a noun phrase that the tagger took
    /// for one ("prime" in "prime minister").
    pub fn is_verb(&self) -> bool {
        matches!(self.pos, UPOS::VERB | UPOS::AUX) && !self.in_noun_phrase
    }
}

/// The tagged words inside the byte range `start..end` of their text.
pub fn within(tags: &[Tagged], start: usize, end: usize) -> impl Iterator<Item = &Tagged> {
    tags.iter()
        .filter(move |t| t.start >= start && t.end <= end)
}

/// Words as the tagger's training data splits them: "NASA's" is "NASA" and "'s",
/// "didn't" is "did" and "n't", punctuation stands alone.
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \p{L}+n['’]t(?:\b|$) | n['’]t\b
      | ['’](?:s|re|ve|ll|d|m)\b
      | [\p{L}\p{M}\p{N}]+(?:[-.][\p{L}\p{M}\p{N}]+)*
      | \S",
    )
    .expect("word regex")
});

/// Tag the words of `text`.
pub fn tag(text: &str) -> Vec<Tagged> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for m in WORDS.find_iter(text) {
        let w = m.as_str();
        // "didn't" → "did" + "n't"
        if let Some(cut) = w
            .char_indices()
            .find(|(i, _)| {
                let rest = &w[*i..];
                *i > 0 && (rest.eq_ignore_ascii_case("n't") || rest.eq_ignore_ascii_case("n’t"))
            })
            .map(|(i, _)| i)
        {
            spans.push((m.start(), m.start() + cut));
            spans.push((m.start() + cut, m.end()));
        } else {
            spans.push((m.start(), m.end()));
        }
    }
    let words: Vec<String> = spans.iter().map(|&(s, e)| text[s..e].to_string()).collect();
    let tags = harper_brill::brill_tagger().tag_sentence(&words);
    let chunks = harper_brill::brill_chunker().chunk_sentence(&words, &tags);
    spans
        .iter()
        .zip(words.iter().zip(tags))
        .zip(chunks)
        .map(|((&(start, end), (w, t)), in_noun_phrase)| Tagged {
            start,
            end,
            in_noun_phrase,
            pos: match t {
                // "longest-reigning", "fully-fuelled": a compound modifier, not a verb.
                Some(UPOS::VERB) if w.contains('-') => UPOS::ADJ,
                Some(t) => t,
                None => guess(w),
            },
        })
        .collect()
}

/// A part of speech for a word the tagger has never seen ("Orion", "setbacks").
fn guess(word: &str) -> Pos {
    let first = word.chars().next().unwrap_or(' ');
    if first.is_uppercase() {
        UPOS::PROPN
    } else if first.is_numeric() {
        UPOS::NUM
    } else if !first.is_alphanumeric() {
        UPOS::PUNCT
    } else if word.ends_with("ing") || word.ends_with("ed") {
        UPOS::VERB
    } else {
        UPOS::NOUN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_and_names_are_tagged() {
        let s = "NASA's new moon rocket left the ground on Tuesday, lifting an Orion capsule.";
        let tags = tag(s);
        let pos = |w: &str| tags.iter().find(|t| t.word(s) == w).map(|t| t.pos);
        assert_eq!(pos("left"), Some(UPOS::VERB));
        assert_eq!(pos("lifting"), Some(UPOS::VERB));
        assert_eq!(pos("NASA"), Some(UPOS::PROPN));
        assert_eq!(pos("'s"), Some(UPOS::PART));
        assert_eq!(pos("Orion"), Some(UPOS::PROPN));
        assert_eq!(pos(","), Some(UPOS::PUNCT));
    }

    #[test]
    fn contractions_split_like_the_training_data() {
        let s = "They didn't go.";
        let words: Vec<&str> = tag(s).iter().map(|t| t.word(s)).collect();
        assert_eq!(words, ["They", "did", "n't", "go", "."]);
    }
}
