//! The evidence: sources read once, split into sentences, tokenised once.
//!
//! A [`Corpus`] holds every source document (with what its manifest entry says of it:
//! outlet, URL, date, reliability; reliability decides which side wins when sources
//! disagree) and every sentence, tokenised once, with the names the sources write.
//! It is built from ingested documents and does no I/O; [`crate::sources`] reads the
//! files and fetches the URLs.

use std::collections::HashSet;

use crate::ingest::Document;
use crate::manifest::{ManifestEntry, Reliability};
use crate::segment::{self, Span};
use crate::text::{self, Token};

/// A source document of the corpus.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as displayed (relative to the working directory when given so), or URL.
    pub name: String,
    /// Set when the source was given or fetched as a URL.
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub reliability: Reliability,
    /// How much of the source's wording hedges (see [`Register`]).
    pub register: Register,
}

/// The hedging of a whole source: how many of its words report rather than assert.
///
/// Reporting words ("reportedly", "according to", "sources", `lexicon/hedges.tsv`, role
/// `register`) report a story without vouching for it. `align` marks a single sentence
/// with a hedge; many reporting words across a whole text mark a source that retells a
/// story rather than asserting it, as news reports of an unconfirmed claim do, and then
/// even its plain sentences vouch for nothing.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Register {
    /// Words of the source's text.
    pub words: usize,
    /// How many of them are reporting words.
    pub hedges: usize,
    /// The first few distinct reporting words, for explanations.
    pub examples: Vec<String>,
}

impl Register {
    /// Shortest text whose hedging says anything about its register (a paragraph).
    pub const MIN_WORDS: usize = 50;
    /// Reporting words per 100 words from which a text retells rather than asserts.
    pub const REPORTING_RATE: f64 = 0.8;

    /// Count the reporting words of a source's sentences.
    pub fn of<'a>(sentences: impl IntoIterator<Item = (&'a str, &'a [Token])>) -> Register {
        let mut r = Register::default();
        for (text, tokens) in sentences {
            for t in tokens {
                if t.kind.is_value() {
                    continue;
                }
                r.words += 1;
                let word = text.get(t.start..t.end).unwrap_or("");
                if let Some(&word) = crate::lexicon::REGISTER_WORDS
                    .iter()
                    .find(|w| w.eq_ignore_ascii_case(word))
                {
                    r.hedges += 1;
                    if r.examples.len() < 3 && !r.examples.iter().any(|e| e == word) {
                        r.examples.push(word.to_string());
                    }
                }
            }
        }
        r
    }

    /// Does the source as a whole only report its story (at least two reporting words,
    /// at [`Register::REPORTING_RATE`] or more, in a text of [`Register::MIN_WORDS`])?
    pub fn reports_only(&self) -> bool {
        self.words >= Self::MIN_WORDS
            && self.hedges >= 2
            && self.hedges as f64 * 100.0 >= Self::REPORTING_RATE * self.words as f64
    }
}

/// One sentence of evidence.
#[derive(Debug, Clone)]
pub struct EvidenceSentence {
    /// Index into [`Corpus::sources`].
    pub source: usize,
    pub text: String,
    pub span: Span,
    pub tokens: Vec<Token>,
}

/// All sources and their sentences.
#[derive(Debug, Default)]
pub struct Corpus {
    pub sources: Vec<Source>,
    pub sentences: Vec<EvidenceSentence>,
    /// Keys of words the sources write with a capital inside a sentence: names.
    pub names: HashSet<String>,
    /// Keys of words the sources write in lower case: ordinary words.
    pub common: HashSet<String>,
    /// (documents, sentences) of the whole archive, when this corpus holds only the
    /// sentences retrieved from an on-disk index for the claims at hand (and
    /// `names`/`common` only the claims' words).
    pub archive_size: Option<(usize, usize)>,
}

/// How a sentence writes its words, past the first: the keys written with a capital
/// (names) and those written in lower case. A capital the tokenizer set aside (a
/// Title Case line) counts for neither.
pub fn name_marks<'a>(text: &str, tokens: &'a [Token]) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut names, mut common) = (Vec::new(), Vec::new());
    for t in tokens.iter().skip(1).filter(|t| t.kind == text::Kind::Word) {
        if t.capital {
            names.push(t.key.as_str());
        } else if text[t.start..].starts_with(char::is_lowercase) {
            common.push(t.key.as_str());
        }
    }
    (names, common)
}

impl Corpus {
    /// Add an ingested document as a source.
    pub fn add_document(&mut self, doc: &Document, meta: Option<&ManifestEntry>) {
        let source = Source {
            name: doc.name.clone(),
            url: meta.and_then(|m| m.url.clone()),
            title: doc.title.clone(),
            outlet: meta.and_then(|m| m.outlet.clone()),
            published: meta
                .and_then(|m| m.published.clone())
                .or_else(|| doc.published.clone()),
            reliability: meta.map(|m| m.reliability).unwrap_or_default(),
            register: Register::default(),
        };
        let sentences = segment::sentences(doc)
            .into_iter()
            .filter(|s| !s.is_heading)
            .map(|s| (s.text, s.span));
        self.push_source(source, sentences);
    }

    /// (documents, sentences) of the corpus, or of the archive it was retrieved from.
    pub fn size(&self) -> (usize, usize) {
        self.archive_size
            .unwrap_or((self.sources.len(), self.sentences.len()))
    }

    /// Decide which of a claim's words are names by how the sources write them. A
    /// capital says little at the start of a claim ("Trump said …") or in a headline
    /// ("Buried Cat Claws Back To Life", "BRAIN SURGERY"); the corpus says more: a word
    /// it writes only with a capital is a name, one it writes only in lower case is not.
    pub fn mark_names(&self, claim: &str, tokens: &mut [Token]) {
        for (i, t) in tokens.iter_mut().enumerate() {
            if t.kind != text::Kind::Word || !claim[t.start..].starts_with(char::is_uppercase) {
                continue;
            }
            let name = self.names.contains(&t.key);
            let common = self.common.contains(&t.key);
            if i == 0 && name && !common {
                t.capital = true;
            } else if t.capital && common && !name {
                t.capital = false;
            }
        }
    }

    /// Add a source and its sentences: tokenise each once and weigh the source's register.
    fn push_source(
        &mut self,
        mut source: Source,
        sentences: impl IntoIterator<Item = (String, Span)>,
    ) {
        let index = self.sources.len();
        let first = self.sentences.len();
        for (text, span) in sentences {
            // Script that leaked into a text is not evidence ("isChannel: false").
            if text::looks_like_code(&text) {
                continue;
            }
            let tokens = text::tokenize(&text);
            let (names, common) = name_marks(&text, &tokens);
            for (set, keys) in [(&mut self.names, names), (&mut self.common, common)] {
                for key in keys {
                    if !set.contains(key) {
                        set.insert(key.to_string());
                    }
                }
            }
            self.sentences.push(EvidenceSentence {
                source: index,
                text,
                span,
                tokens,
            });
        }
        source.register = Register::of(
            self.sentences[first..]
                .iter()
                .map(|s| (s.text.as_str(), s.tokens.as_slice())),
        );
        self.sources.push(source);
    }

    /// Build a corpus from plain texts (evaluation: each example's own evidence).
    pub fn from_texts<'a>(items: impl IntoIterator<Item = (&'a str, &'a str)>) -> Corpus {
        let mut corpus = Corpus::default();
        for (name, body) in items {
            let source = Source {
                name: name.to_string(),
                url: None,
                title: None,
                outlet: None,
                published: None,
                reliability: Reliability::Normal,
                register: Register::default(),
            };
            let sentences = segment::split_text(body)
                .into_iter()
                .map(|s| (s.text, s.span));
            corpus.push_source(source, sentences);
        }
        corpus
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RETOLD: &str = "A man reportedly fought off a bear with a ringtone. According to local \
        media, the animal fled when his phone rang. Sources close to the family said he was \
        recovering. The story could not be checked, and it is unclear where the video came \
        from. Reports say the man was fishing alone near his village when the bear attacked, \
        and neighbours apparently heard the music from far away.";

    const PLAIN: &str = "A man fought off a bear near his village on Sunday. The animal fled when \
        his phone rang, police said. He was treated in hospital for cuts to his arms and legs \
        and went home on Monday. Wildlife officers said bears had been seen near the village \
        twice this month and asked residents to keep their rubbish indoors at night.";

    #[test]
    fn register_tells_retelling_from_reporting() {
        let c = Corpus::from_texts([("retold", RETOLD), ("plain", PLAIN)]);
        let retold = &c.sources[0].register;
        assert!(retold.hedges >= 5, "{retold:?}");
        assert_eq!(retold.examples[0], "reportedly");
        assert!(retold.reports_only(), "{retold:?}");
        let plain = &c.sources[1].register;
        assert_eq!(plain.hedges, 0, "{plain:?}");
        assert!(!plain.reports_only());
    }

    #[test]
    fn a_short_text_has_no_register() {
        let c = Corpus::from_texts([("s", "Sources say the minister reportedly resigned.")]);
        let r = &c.sources[0].register;
        assert_eq!(r.hedges, 2);
        assert!(!r.reports_only(), "{r:?}");
    }

    #[test]
    fn names_are_words_the_sources_write_with_a_capital() {
        let c = Corpus::from_texts([(
            "s",
            "Trump met Zelensky. Then Merz spoke of a buried cat that came back to life.",
        )]);
        assert!(c.names.contains("zelenski"), "{:?}", c.names);
        assert!(c.names.contains("merz"));
        assert!(!c.names.contains("then"));
        assert!(c.common.contains("cat"));
        let claim = "Merz Says Buried Cat Came Back To Life";
        let mut tokens = text::tokenize(claim);
        tokens[3].capital = true; // as if the tokenizer had kept the headline's capitals
        c.mark_names(claim, &mut tokens);
        assert!(
            tokens[0].capital,
            "an opening name the sources write as one"
        );
        assert!(
            !tokens[3].capital,
            "'Cat' is written in lower case by the sources"
        );
    }
}
