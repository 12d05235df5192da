//! Word data, kept as data: every list of words the pipeline reads lives in one file of
//! this folder, one list per concept, each file saying where its words come from.
//!
//! A list written twice drifts (the hedges of `align`, `claims` and `corpus` once
//! disagreed); a list inside an algorithm cannot be reviewed by someone who does not
//! read Rust. Where one concept serves several stages in different ways (a hedge in a
//! claim, in a source sentence, in a source's register), the file gives each word its
//! roles instead of splitting the list. The files are compiled in with `include_str!`,
//! parsed once, and a malformed row is a panic at first use that the unit tests below
//! reach, so it never ships.

use std::sync::LazyLock;

/// The rows of a data file split at tabs, without blank and `#` comment lines.
pub fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// `word<TAB>roles` rows: the words that have `role`, in file order.
fn with_role(data: &'static str, role: &str) -> Vec<&'static str> {
    rows(data)
        .filter(|cols| cols.get(1).is_some_and(|r| r.split(',').any(|x| x == role)))
        .map(|cols| cols[0])
        .collect()
}

const HEDGES: &str = include_str!("hedges.tsv");
const TITLES: &str = include_str!("titles.tsv");
const MONTHS: &str = include_str!("months.tsv");
const NUMBERS: &str = include_str!("numbers.tsv");
const ABBREVIATIONS: &str = include_str!("abbreviations.txt");
const UNITS: &str = include_str!("units.tsv");
const ORDINALS: &str = include_str!("ordinals.tsv");
const DEMONYMS: &str = include_str!("demonyms.txt");
const RELATED: &str = include_str!("related.txt");
const FORMS: &str = include_str!("forms.txt");
const ANTONYMS: &str = include_str!("antonyms.tsv");

/// Hedges that mark a claim as hedged (`claims`), in the order a claim lists them.
pub static CLAIM_HEDGES: LazyLock<Vec<&'static str>> = LazyLock::new(|| with_role(HEDGES, "claim"));

/// Hedges with which a source sentence reports without vouching (`align`).
pub static SENTENCE_HEDGES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| with_role(HEDGES, "sentence"));

/// Reporting words that count towards a source's register (`corpus::Register`).
pub static REGISTER_WORDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| with_role(HEDGES, "register"));

/// Abbreviated titles before a name ("mr", "gen", "sen"), lower case, without the stop.
pub static TITLES_BEFORE_NAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| rows(TITLES).map(|cols| cols[0]).collect());

/// Is `word` (lower case) a courtesy title ("mr", "mrs", "ms", "dr")?
pub fn is_courtesy_title(word: &str) -> bool {
    static COURTESY: LazyLock<Vec<&'static str>> = LazyLock::new(|| with_role(TITLES, "courtesy"));
    COURTESY.contains(&word)
}

/// Month names and abbreviations with their numbers: ("january", 1), ("jan", 1) …
pub static MONTH_WORDS: LazyLock<Vec<(&'static str, u8)>> = LazyLock::new(|| {
    let mut out = Vec::new();
    for (number, name, abbreviations) in months() {
        out.push((name, number));
        out.extend(abbreviations.iter().map(|&a| (a, number)));
    }
    out
});

/// `(number, full name, abbreviations)` of each month, January first.
pub fn months() -> impl Iterator<Item = (u8, &'static str, Vec<&'static str>)> {
    rows(MONTHS).map(|cols| match cols[..] {
        [n, name] => (n.parse().expect("a month number"), name, Vec::new()),
        [n, name, abbreviations] => (
            n.parse().expect("a month number"),
            name,
            abbreviations.split(' ').collect(),
        ),
        _ => panic!("number<TAB>name<TAB>abbreviations: {cols:?}"),
    })
}

/// Abbreviations whose stop ends a sentence only before a capital: the month
/// abbreviations and `abbreviations.txt`.
pub static SENTENCE_ABBREVIATIONS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    months()
        .flat_map(|(_, _, abbreviations)| abbreviations)
        .chain(rows(ABBREVIATIONS).map(|cols| cols[0]))
        .collect()
});

fn numbers(kind: &str) -> Vec<(&'static str, f64)> {
    rows(NUMBERS)
        .filter(|cols| cols.get(2) == Some(&kind))
        .map(|cols| match cols[..] {
            [w, v, _] => (w, v.parse().expect("a number")),
            _ => panic!("word<TAB>value<TAB>kind: {cols:?}"),
        })
        .collect()
}

/// Numbers written as words ("seven", "dozen", "half").
pub static NUMBER_WORDS: LazyLock<Vec<(&'static str, f64)>> = LazyLock::new(|| numbers("number"));

/// Scales after a number ("million", "bn", "k").
pub static SCALES: LazyLock<Vec<(&'static str, f64)>> = LazyLock::new(|| numbers("scale"));

/// Ordinal words ("third") and their numbers.
pub static ORDINAL_WORDS: LazyLock<Vec<(&'static str, f64)>> = LazyLock::new(|| {
    rows(ORDINALS)
        .map(|cols| match cols[..] {
            [w, n] => (w, n.trim().parse().expect("a number")),
            _ => panic!("word<TAB>number: {cols:?}"),
        })
        .collect()
});

/// Units of measure after a number: (word, dimension, size in the dimension's SI unit).
pub static MEASURE_UNITS: LazyLock<Vec<(&'static str, &'static str, f64)>> = LazyLock::new(|| {
    rows(UNITS)
        .map(|cols| match cols[..] {
            [w, dim, f] => (w, dim, f.trim().parse().expect("a number")),
            _ => panic!("word<TAB>dimension<TAB>factor: {cols:?}"),
        })
        .collect()
});

/// Is `word` (lower case) a demonym, an adjective of a place or people ("german",
/// "parisian", "asian")? From WordNet 3.0 by `make-demonyms.py`.
pub fn is_demonym(word: &str) -> bool {
    static SET: LazyLock<std::collections::HashSet<&'static str>> =
        LazyLock::new(|| rows(DEMONYMS).map(|cols| cols[0]).collect());
    SET.contains(word)
}

/// Groups of words that may stand for one another (a WordNet synset, or a word and its
/// direct hypernym, in common senses), each a list of lower-case words, multi-word
/// lemmas joined by `_`. From WordNet 3.0 by `make-related.py`; `thesaurus` keys them.
pub fn related_groups() -> impl Iterator<Item = Vec<&'static str>> {
    rows(RELATED).map(|cols| cols[0].split(' ').collect())
}

/// Irregular forms of verbs and nouns with their lemma (("sent", "send"), ("won",
/// "win"), ("women", "woman")). From WordNet 3.0 by `make-forms.py`.
pub fn irregular_forms() -> impl Iterator<Item = (&'static str, &'static str)> {
    rows(FORMS).map(|cols| match cols[..] {
        [form, lemma] => (form, lemma),
        _ => panic!("form<TAB>lemma: {cols:?}"),
    })
}

/// Pairs of words that deny each other ("win", "lose"): WordNet 3.0's antonyms in
/// common senses (`make-antonyms.py`) and a few news pairs by hand.
pub fn antonym_pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    rows(ANTONYMS).map(|cols| match cols[..] {
        [a, b] => (a, b),
        _ => panic!("word<TAB>word: {cols:?}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_parses_and_is_not_empty() {
        assert!(CLAIM_HEDGES.contains(&"could"));
        assert!(SENTENCE_HEDGES.contains(&"reportedly"));
        assert!(
            !SENTENCE_HEDGES.contains(&"could"),
            "a modal is a claim hedge only"
        );
        assert!(REGISTER_WORDS.contains(&"according"));
        assert!(TITLES_BEFORE_NAMES.contains(&"gen"));
        assert!(is_courtesy_title("dr") && !is_courtesy_title("gen"));
        assert_eq!(
            MONTH_WORDS.iter().find(|(w, _)| *w == "sept"),
            Some(&("sept", 9))
        );
        assert_eq!(months().count(), 12);
        assert!(SENTENCE_ABBREVIATIONS.contains(&"aug"));
        assert!(SENTENCE_ABBREVIATIONS.contains(&"etc"));
        assert!(NUMBER_WORDS.contains(&("dozen", 12.0)));
        assert!(SCALES.contains(&("bn", 1e9)));
        assert!(ORDINAL_WORDS.contains(&("third", 3.0)));
        assert!(
            MEASURE_UNITS
                .iter()
                .any(|(w, d, _)| *w == "km" && *d == "length")
        );
        for w in [
            "german", "finnish", "european", "swiss", "thai", "czech", "greek",
        ] {
            assert!(is_demonym(w), "{w}");
        }
        // A suffix rule took these for adjectives; they are names.
        for w in ["zurich", "munich", "brian", "monaco"] {
            assert!(!is_demonym(w), "{w}");
        }
    }

    #[test]
    fn no_word_is_listed_twice_in_a_list() {
        for (name, data) in [
            ("hedges", HEDGES),
            ("titles", TITLES),
            ("numbers", NUMBERS),
            ("abbreviations", ABBREVIATIONS),
            ("units", UNITS),
            ("ordinals", ORDINALS),
            ("demonyms", DEMONYMS),
            ("forms", FORMS),
        ] {
            let mut seen = std::collections::HashSet::new();
            for cols in rows(data) {
                assert!(seen.insert(cols[0]), "{name}: '{}' twice", cols[0]);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (w, _) in MONTH_WORDS.iter() {
            assert!(seen.insert(*w), "months: '{w}' twice");
        }
    }
}
