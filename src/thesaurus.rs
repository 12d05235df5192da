//! Words that may stand for one another, by stem, and the lemma of irregular forms: how a source says a claim's fact in
//! other words ("raised rates" / "lifted rates", "the ship" / "the vessel", "step
//! down" / "resign").
//!
//! The groups come from WordNet 3.0 (`lexicon/related.txt`): synset members and direct
//! hypernyms, in the senses WordNet's tagged corpus met first, so a word meets its
//! common synonyms and not every rare sense. They are keyed here by the same stems the
//! tokeniser gives (`text::stem`), multi-word lemmas by their stems joined with a
//! space, so alignment compares a claim key with an evidence key without knowing about
//! WordNet. Relatedness is not transitive: two keys are related when one group holds
//! both.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::{lexicon, text};

/// Group numbers per key, sorted.
static GROUPS: LazyLock<HashMap<String, Vec<u32>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, words) in lexicon::related_groups().enumerate() {
        for word in words {
            let key: Vec<String> = word.split('_').map(text::stem).collect();
            map.entry(key.join(" ")).or_default().push(i as u32);
        }
    }
    for groups in map.values_mut() {
        groups.sort_unstable();
        groups.dedup();
    }
    map
});

/// Keys per group, sorted: the way back from a group to its words.
static MEMBERS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut members: Vec<Vec<&'static str>> = Vec::new();
    for (key, groups) in GROUPS.iter() {
        for &g in groups {
            let g = g as usize;
            if members.len() <= g {
                members.resize(g + 1, Vec::new());
            }
            members[g].push(key.as_str());
        }
    }
    for m in &mut members {
        m.sort_unstable();
    }
    members
});

/// The single-word keys that may stand for `key`, sorted and without `key`, at most
/// `limit` of them (a word of many senses would otherwise bring half the language).
pub fn alternatives(key: &str, limit: usize) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = groups(key)
        .iter()
        .flat_map(|&g| MEMBERS.get(g as usize).into_iter().flatten().copied())
        .filter(|k| *k != key && !k.contains(' '))
        .collect();
    out.sort_unstable();
    out.dedup();
    out.truncate(limit);
    out
}

/// The lemma's key per key of an irregular form ("sent" -> "send", "won" -> "win"),
/// where the stemmer does not give them one key already.
static LEMMAS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    lexicon::irregular_forms()
        .map(|(form, lemma)| (text::stem(form), text::stem(lemma)))
        .filter(|(form, lemma)| form != lemma)
        .collect()
});

/// The key of the word's lemma: `key` itself unless it is an irregular form's, so
/// that "sent" and "send", "won" and "wins" are one word.
pub fn lemma(key: &str) -> &str {
    LEMMAS.get(key).map_or(key, String::as_str)
}

/// The antonyms' lemma keys per lemma key, both ways.
static ANTONYMS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for (a, b) in lexicon::antonym_pairs() {
        let (a, b) = (text::stem(a), text::stem(b));
        let (a, b) = (lemma(&a).to_string(), lemma(&b).to_string());
        map.entry(a.clone()).or_default().push(b.clone());
        map.entry(b).or_default().push(a);
    }
    for v in map.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    map
});

/// The lemma keys of the words that deny `lemma_key` ("win" gives "lose").
pub fn antonyms(lemma_key: &str) -> &'static [String] {
    ANTONYMS.get(lemma_key).map_or(&[], Vec::as_slice)
}

/// The groups a key (a stem, or stems joined by a space) belongs to; empty for a word
/// WordNet does not relate to any other.
pub fn groups(key: &str) -> &'static [u32] {
    GROUPS.get(key).map_or(&[], Vec::as_slice)
}

/// Do two sorted group lists share a group?
pub fn share(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// May one key stand for the other?
pub fn related(a: &str, b: &str) -> bool {
    a == b || share(groups(a), groups(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(phrase: &str) -> String {
        phrase
            .split(' ')
            .map(text::stem)
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn common_synonyms_and_hypernyms_are_related() {
        for (a, b) in [
            ("raised", "lifted"),
            ("ship", "vessel"),
            ("quake", "earthquake"),
            ("ended", "finished"),
            ("called off", "cancelled"),
            ("step down", "quit"),
            ("won", "wins"),
        ] {
            assert!(related(&key(a), &key(b)), "{a} / {b}");
        }
    }

    #[test]
    fn alternatives_lead_back_to_the_words_of_a_group() {
        let alt = alternatives(&key("raised"), 64);
        assert!(alt.contains(&key("lift").as_str()), "{alt:?}");
        assert!(!alt.contains(&key("raised").as_str()));
        assert!(alternatives(&key("get"), 5).len() <= 5);
        assert!(alt.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn irregular_forms_lead_to_their_lemma() {
        assert_eq!(lemma(&key("sent")), key("send"));
        assert_eq!(lemma(&key("won")), key("wins"));
        assert_eq!(lemma(&key("children")), key("child"));
        assert_eq!(lemma(&key("raised")), key("raised"));
    }

    #[test]
    fn antonyms_are_read_by_lemma() {
        let of = |w: &str| antonyms(lemma(&key(w)));
        assert!(of("won").contains(&key("lose")));
        assert!(of("rose").contains(&key("fall")));
        assert!(of("rejected").contains(&key("accept")));
        assert!(of("ship").is_empty());
    }

    #[test]
    fn opposites_and_strangers_are_not() {
        for (a, b) in [
            ("won", "lost"),
            ("rose", "fell"),
            ("ship", "bridge"),
            ("raised", "cut"),
        ] {
            assert!(!related(&key(a), &key(b)), "{a} / {b}");
        }
    }
}
