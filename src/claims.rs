//! From sentences to atomic, check-worthy claims.
//!
//! A verification desk checks facts, not prose: questions, opinion, photo credits
//! and section labels are dropped, and a compound sentence ("Both leaders said they
//! are willing to meet, and Merz said …") becomes one claim per clause, each keeping
//! its attribution. Every claim carries what its checking needs (names, values,
//! negation, hedges, speaker) and a stable id derived from its normalised text, so
//! that baselines and reviews survive re-runs and rewording elsewhere in the draft.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::segment::{Sentence, Span};
use crate::text::{self, Kind, Token};

/// One atomic claim, located in its article.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claim {
    /// Stable id: `c-` and 12 hex digits of a hash of the normalised text.
    pub id: String,
    /// The claim as extracted (a clause may be split from its sentence).
    pub text: String,
    /// The article sentence it came from, verbatim.
    pub sentence: String,
    /// Where the claim's clause stands in the article file.
    pub location: Span,
    /// Who the claim is attributed to ("Merz said …"), if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Names of people, places, organisations (capitalised word runs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<String>,
    /// Numbers, amounts, dates, weekdays, time spans, as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Value>,
    /// The claim states that something did not happen / is not so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// Hedges and modality ("could", "reportedly", "is being worked out").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hedges: Vec<String>,
    /// The claim's tokens, analysed once: which words are names (with the article's
    /// knowledge of its names) is decided here, and `entities`, retrieval and alignment
    /// all read this one analysis. Recomputed from `text` when a claim set is read.
    #[serde(skip)]
    pub tokens: Vec<Token>,
}

/// A value found in a claim.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Value {
    /// number, amount, percentage, percentage points, year, month, weekday, date, time span.
    pub kind: String,
    /// As written in the claim.
    pub text: String,
    /// Canonical form (equal for paraphrases: "seven" and "7").
    pub canonical: String,
}

const ATTRIBUTION_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "announced",
    "confirmed",
    "denied",
    "stated",
    "added",
    "argued",
    "explained",
    "insisted",
    "warned",
    "claimed",
    "reported",
    "noted",
    "stressed",
    "wrote",
    "tweeted",
    "posted",
    "acknowledged",
    "admitted",
    "suggested",
    "predicted",
    "promised",
];

const OPINION_CUES: &[&str] = &[
    "i think",
    "i believe",
    "in my view",
    "in our view",
    "we believe",
    "it is time",
    "should",
    "ought",
    "shameful",
    "disgrace",
    "disgraceful",
    "hopefully",
    "surely",
    "undoubtedly",
    "deserves",
    "deserve",
    "must be",
    "welcome step",
    "remarkable",
    "sadly",
    "fortunately",
    "unfortunately",
    "in truth",
    "frankly",
];

const VERB_CUES: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "did",
    "does",
    "do",
    "said",
    "says",
    "told",
    "met",
    "made",
    "took",
    "gave",
    "held",
    "won",
    "lost",
    "fell",
    "rose",
    "began",
    "left",
    "came",
    "went",
    "saw",
    "became",
    "remain",
    "remains",
    "continues",
    "continue",
    "struck",
];

/// Is this sentence worth checking? Returns the reason it is not, for `--explain`-style logs.
pub fn skip_reason(sentence: &Sentence) -> Option<&'static str> {
    let s = sentence.text.trim();
    if sentence.is_heading {
        return Some("heading");
    }
    if s.ends_with('?') || s.ends_with("?\"") || s.ends_with("?”") {
        return Some("question");
    }
    let lower = s.to_lowercase();
    if s.contains('©')
        || lower.starts_with("photo")
        || lower.starts_with("copyright")
        || lower.contains("all rights reserved")
        || lower.starts_with("image:")
        || lower.starts_with("picture:")
    {
        return Some("credit or copyright line");
    }
    let tokens = text::tokenize(s);
    let words = tokens.len();
    if words < 5 {
        return Some("too short to state a fact");
    }
    let ends_like_sentence = s.ends_with(['.', '!', '"', '”', '’', '\'', ')']);
    if !ends_like_sentence && words < 8 {
        return Some("label");
    }
    let has_value = tokens.iter().any(|t| t.kind.is_value());
    let has_name = tokens.iter().any(|t| t.capital);
    let attributed = attribution(s).is_some();
    let opinion = OPINION_CUES.iter().any(|c| contains_phrase(&lower, c));
    if opinion && !attributed && !has_value {
        return Some("opinion");
    }
    let has_verb = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| VERB_CUES.contains(&w) || (w.len() > 4 && w.ends_with("ed")));
    // A verb list cannot know every verb ("spoke", "hit"): a sentence of some length
    // with a name is taken as a statement even when none of its words is listed.
    if !has_verb && !has_value && (words < 7 || !has_name) {
        return Some("no verb");
    }
    if !has_value && !has_name && !attributed && words < 6 {
        return Some("nothing checkable (no name, number or date)");
    }
    None
}

fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    haystack.match_indices(phrase).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The speaker of a clause such as "German chancellor Friedrich Merz said …".
pub fn attribution(clause: &str) -> Option<String> {
    let words: Vec<(usize, &str)> = clause
        .split_whitespace()
        .scan(0usize, |pos, w| {
            let start = clause[*pos..].find(w).map(|i| i + *pos).unwrap_or(*pos);
            *pos = start + w.len();
            Some((start, w))
        })
        .collect();
    for (i, (_, w)) in words.iter().enumerate().take(10) {
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if !ATTRIBUTION_VERBS.contains(&bare.as_str()) || i == 0 {
            continue;
        }
        // The speaker is the run of names and titles just before the verb:
        // "German chancellor Friedrich Merz said", not "Hours after the talks ended,
        // Ukraine said" (→ "Ukraine") nor "Zelensky has long argued" (no speaker).
        let mut first = i;
        while first > 0 {
            let word = words[first - 1].1;
            if word.ends_with([',', ';', ':']) && first < i {
                break;
            }
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            let name = bare.chars().next().is_some_and(char::is_uppercase);
            if name || is_speaker_word(&bare.to_lowercase()) {
                first -= 1;
            } else {
                break;
            }
            if word.ends_with(',') {
                break;
            }
        }
        if first == i {
            continue;
        }
        let start = words[first].0;
        let end = words[i - 1].0 + words[i - 1].1.len();
        let speaker = clause[start..end].trim_end_matches([',', ';', ':']).trim();
        let has_name = speaker.split_whitespace().any(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && !is_speaker_word(&w.to_lowercase())
        });
        if has_name {
            return Some(speaker.to_string());
        }
    }
    None
}

/// Lower-case words that may stand in a speaker's description ("prime minister"),
/// besides courtesy titles ("Mr", `lexicon/titles.tsv`).
fn is_speaker_word(word: &str) -> bool {
    SPEAKER_WORDS.contains(&word) || crate::lexicon::is_courtesy_title(word)
}

const SPEAKER_WORDS: &[&str] = &[
    "president",
    "chancellor",
    "prime",
    "minister",
    "foreign",
    "secretary",
    "general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "officials",
    "official",
    "the",
    "a",
    "an",
    "of",
    "deputy",
    "senior",
    "state",
    "defence",
    "defense",
    "ukrainian",
    "russian",
    "german",
    "french",
    "british",
    "us",
    "also",
    "then",
    "later",
    "has",
    "have",
    "had",
    "leader",
    "leaders",
    "envoy",
    "ambassador",
    "chief",
    "head",
    "both",
];

/// Byte ranges (within `s`) of the clauses of a compound sentence.
fn clauses(s: &str) -> Vec<(usize, usize)> {
    const JOINS: &[&str] = &[", and ", ", but ", "; ", ", while ", ", whereas "];
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of left, start of right)
    let mut in_quote = false;
    for (i, c) in s.char_indices() {
        match c {
            '“' => in_quote = true,
            '”' => in_quote = false,
            '"' => in_quote = !in_quote,
            _ => {}
        }
        if in_quote {
            continue;
        }
        for j in JOINS {
            if s[i..].starts_with(j) {
                cuts.push((i, i + j.len()));
            }
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (left_end, right_start) in cuts {
        let left = &s[start..left_end];
        let right = &s[right_start..];
        if word_count(left) >= 4 && word_count(right) >= 5 && has_clause_verb(right) {
            out.push((start, left_end));
            start = right_start;
        }
    }
    out.push((start, s.len()));
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn has_clause_verb(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let w = w.to_lowercase();
        VERB_CUES.contains(&w.as_str())
            || ATTRIBUTION_VERBS.contains(&w.as_str())
            || (w.len() > 4 && w.ends_with("ed"))
    })
}

/// One atomic fact of a clause: its text (the clause's subject may be carried over to
/// a predicate of its own: "The capsule, built by …, is flying" gives "The capsule is
/// flying") and the byte range of the clause it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// How a comma piece of a clause relates to the rest (see [`facts`]).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    /// A clause with its own subject and verb ("NASA's rocket left the ground").
    Clause,
    /// A predicate without its subject ("is flying with no crew aboard", the second
    /// half of "opened in 1985 and was named after Key").
    Predicate,
    /// A participle phrase ("lifting an Orion capsule …", "built by Lockheed Martin").
    Participle,
    /// A relative clause ("which carried Interstate 695", "when the capsule …").
    Relative,
    /// A noun or prepositional phrase with a value of its own ("roughly 25 and a half
    /// days after launch", "a 1-0 defeat by Chelsea in Porto in May 2020").
    Slot,
    /// Any other phrase ("so often City's creative hub", "Carl Lewis and …").
    Phrase,
    /// An opening adverbial ("After months of setbacks", "In the closing minutes").
    Intro,
}

const RELATIVES: &[&str] = &["which", "who", "whose", "whom", "where", "when"];

/// Split a clause into atomic facts: the event and each slot a comma or a second
/// predicate sets apart. A conflict in one fact ("left the ground on Tuesday") must
/// not turn its true neighbour ("lifting an Orion capsule away from pad 39B")
/// contradicted, and a sentence partly stated must not stay unverified whole.
///
/// The pieces are found with a part-of-speech tagger ([`crate::pos`]), not a verb
/// list: a comma piece that opens with a participle or a relative pronoun, or that
/// states a value without a verb, is a fact of its own; a verb phrase coordinated
/// with "and"/"but" is a second predicate of the same subject; a phrase without a
/// verb or value (an appositive, the rest of a list) stays with its neighbour.
pub fn facts(clause: &str) -> Vec<Fact> {
    let tags = crate::pos::tag(clause);
    let pieces = pieces(clause, &tags);
    let kinds: Vec<Piece> = pieces
        .iter()
        .enumerate()
        .map(|(i, &(s, e, coordinated))| classify(clause, &tags, s, e, i == 0, coordinated))
        .collect();
    let words = |s: usize, e: usize| {
        crate::pos::within(&tags, s, e)
            .filter(|t| t.pos != crate::pos::Pos::PUNCT)
            .count()
    };
    // Facts as lists of piece indices; `subject` is the range of the clause's subject.
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    let mut subject: Option<(usize, usize)> = None;
    // The auxiliaries of the clause's verb ("was" of "was criticised"), which a
    // coordinated participle shares ("… and accused of …").
    let mut auxiliary: Option<(usize, usize)> = None;
    let mut kinds = kinds;
    let mut main_seen = false;
    // The subject phrases waiting in `pending` already went into a fact of their own.
    let mut pending_used = false;
    // The verb of the clause's event ("struck" of "The quake struck …"), which a value
    // slot set off by commas shares ("…, at 4:17 a.m. local time,").
    let mut event: Option<(usize, usize)> = None;
    for i in 0..kinds.len() {
        let (s, e, _) = pieces[i];
        // After phrases that describe the subject ("The bridge, which carried I-695,"),
        // the first verb phrase is the main predicate ("opened in 1985").
        if kinds[i] == Piece::Participle && !main_seen && !out.is_empty() && subject.is_some() {
            kinds[i] = Piece::Predicate;
        }
        let kind = kinds[i];
        if matches!(kind, Piece::Clause | Piece::Predicate) {
            main_seen = true;
        }
        match kind {
            Piece::Intro if out.is_empty() && pending.is_empty() => {
                // An opening adverbial stays only when it holds a value ("On 29 August,").
                if has_value(&clause[s..e]) {
                    pending.push(i);
                }
            }
            Piece::Phrase | Piece::Slot | Piece::Intro if out.is_empty() => {
                if subject.is_none() && kind != Piece::Intro {
                    subject = Some((s, e));
                }
                // A describing appositive ("Queen Elizabeth II, the longest-reigning
                // monarch in British history,") states a fact about the subject of its
                // own; a name ("Péter Szijjártó") or a short one stays with it.
                if kind == Piece::Phrase && !pending.is_empty() && describes(clause, &tags, s, e) {
                    let mut fact = pending.clone();
                    fact.push(i);
                    out.push(fact);
                    pending_used = true;
                } else {
                    pending.push(i);
                }
            }
            Piece::Clause => {
                subject = subject_of(&tags, s, e).or(subject);
                auxiliary = auxiliary_of(&tags, s, e);
                event = event.or_else(|| verb_chain(&tags, s, e));
                let mut fact = std::mem::take(&mut pending);
                fact.push(i);
                out.push(fact);
                pending_used = false;
            }
            Piece::Predicate => {
                event = event.or_else(|| verb_chain(&tags, s, e));
                let mut fact = std::mem::take(&mut pending);
                fact.push(i);
                out.push(fact);
                pending_used = false;
            }
            Piece::Participle | Piece::Relative if out.is_empty() && !pending.is_empty() => {
                // "The capsule, built by Lockheed Martin," and "The bridge, which
                // carried I-695,": the phrase describes the subject before it.
                if kind == Piece::Participle {
                    event = event.or_else(|| verb_chain(&tags, s, e));
                }
                let mut fact = pending.clone();
                fact.push(i);
                out.push(fact);
                pending_used = true;
            }
            Piece::Participle | Piece::Relative | Piece::Slot => out.push(vec![i]),
            Piece::Phrase | Piece::Intro => match out.last_mut() {
                Some(last) => last.push(i),
                None => pending.push(i),
            },
        }
    }
    if !pending.is_empty() && !pending_used {
        match out.last_mut() {
            Some(last) => last.extend(pending),
            None => out.push(pending),
        }
    }
    // A fact of one or two words ("said Ms Reeves") says nothing alone: it joins the
    // fact before it.
    let mut merged: Vec<Vec<usize>> = Vec::new();
    for mut fact in out {
        fact.sort_unstable();
        fact.dedup();
        let n: usize = fact.iter().map(|&i| words(pieces[i].0, pieces[i].1)).sum();
        match merged.last_mut() {
            Some(last) if n < 3 => last.extend(fact),
            _ => merged.push(fact),
        }
    }
    if merged.len() > 1 {
        let n: usize = merged[0]
            .iter()
            .map(|&i| words(pieces[i].0, pieces[i].1))
            .sum();
        if n < 3 {
            let first = merged.remove(0);
            merged[0].extend(first);
        }
    }
    merged
        .into_iter()
        .flat_map(|mut fact| {
            fact.sort_unstable();
            fact.dedup();
            // A predicate whose own subject is missing gets the clause's subject.
            let first = pieces[fact[0]];
            let needs_subject = matches!(kinds[fact[0]], Piece::Predicate)
                && subject.is_some_and(|(_, se)| se <= first.0);
            let mut ranges: Vec<(usize, usize)> = Vec::new();
            if needs_subject && let Some(sub) = subject {
                ranges.push(sub);
                let lead = tags.iter().find(|t| t.start >= first.0);
                if let Some(aux) = auxiliary
                    && lead.is_some_and(|t| t.pos == crate::pos::Pos::VERB)
                {
                    ranges.push(aux);
                }
            }
            // A relative clause after the fact it follows ("…, whom she appointed at
            // Balmoral") gets the noun phrase it is about ("Liz Truss, whom …").
            // A value slot alone ("…, at 4:17 a.m. local time,") states when or how
            // much of the clause's event: "The first quake struck at 4:17 a.m.".
            if let ([only], Some(sub), Some(verb)) = (&fact[..], subject, event)
                && kinds[*only] == Piece::Slot
                && *only > 0
                && verb.1 <= first.0
            {
                ranges.push(sub);
                ranges.push(verb);
            }
            let about = (!needs_subject && fact[0] > 0 && kinds[fact[0]] == Piece::Relative)
                .then(|| antecedent(clause, &tags, pieces[fact[0] - 1], first.0))
                .flatten();
            ranges.extend(about);
            ranges.extend(fact.iter().map(|&i| (pieces[i].0, pieces[i].1)));
            let text = join(clause, &ranges);
            let start = fact
                .iter()
                .map(|&i| pieces[i].0)
                .chain(about.map(|(s, _)| s))
                .min()
                .unwrap_or(0);
            let end = fact
                .iter()
                .map(|&i| pieces[i].1)
                .max()
                .unwrap_or(clause.len());
            slot_facts(&text)
                .into_iter()
                .map(move |text| Fact { text, start, end })
        })
        .collect()
}

/// One fact per slot: "The Fed on Tuesday cut rates by half a point" states when
/// (on Tuesday) and by how much (by half a point), and either may be wrong alone.
/// A slot is a prepositional phrase that holds a value ("on Tuesday", "at 6:04 p.m.",
/// "by half a percentage point", "in 1985"). With two or more slots apart from each
/// other, each fact keeps its own slot and drops the others; otherwise the text is
/// one fact.
fn slot_facts(fact: &str) -> Vec<String> {
    use crate::pos::Pos;
    if let Some((first, second)) = coordinated_complements(fact) {
        let mut out = slot_facts(&first);
        out.extend(slot_facts(&second));
        return out;
    }
    let values: Vec<Token> = text::tokenize(fact)
        .into_iter()
        .filter(|t| t.kind.is_value())
        .collect();
    let before_comma: Vec<&Token> = match fact.find(", ") {
        Some(comma) => values.iter().filter(|v| v.end <= comma).collect(),
        None => Vec::new(),
    };
    if let [v] = before_comma[..]
        && let Some(rest) = without_described_value(fact, v)
    {
        return vec![rest, fact.to_string()];
    }
    if values.len() < 2 {
        return vec![fact.to_string()];
    }
    let tags = crate::pos::tag(fact);
    let mut slots: Vec<(usize, usize)> = Vec::new();
    for v in &values {
        let Some(first) = tags.iter().position(|t| t.end > v.start) else {
            continue;
        };
        // Back over "about", "the", "nearly" to the preposition.
        let mut k = first;
        let mut steps = 0;
        while k > 0 && steps < 3 {
            let prev = &tags[k - 1];
            if prev.pos == Pos::ADP {
                k -= 1;
                break;
            }
            // "of magnitude 7.8": a noun may name the measure between them.
            if !matches!(prev.pos, Pos::ADV | Pos::DET | Pos::ADJ | Pos::NOUN) {
                break;
            }
            k -= 1;
            steps += 1;
        }
        if tags[k].pos != Pos::ADP || tags[k].start >= v.start {
            continue;
        }
        let mut end = v.end;
        // "on Wednesday evening": the part of the day stays with its day; "from nearly
        // 200 countries": the counted thing stays with its number.
        let counts = matches!(v.kind, text::Kind::Weekday(_) | text::Kind::Number(_));
        if counts {
            for next in tags.iter().filter(|t| t.start >= v.end).take(2) {
                if next.pos != Pos::NOUN {
                    break;
                }
                end = next.end;
            }
        }
        let end = end.max(tags[k].end);
        match slots.last_mut() {
            Some(last) if tags[k].start <= last.1 => last.1 = last.1.max(end),
            // "on Aug. 29 and Sept. 3": values joined by "and" are one slot.
            Some(last)
                if fact[last.1..tags[k].start]
                    .split_whitespace()
                    .all(|w| matches!(w, "and" | "or" | ",")) =>
            {
                last.1 = end;
            }
            _ => slots.push((tags[k].start, end)),
        }
    }
    // Only a slot that ends where its phrase ends can be left out of a fact: before
    // punctuation, a preposition, a conjunction or a verb ("on Tuesday cut", "at 4.2%,
    // up"), not inside a larger phrase ("from the 4% they forecast", "of 5.25%-5.5%").
    slots.retain(|&(_, e)| {
        let rest = &fact[e..];
        if rest.starts_with(|c: char| !c.is_whitespace() && !matches!(c, ',' | '.' | ';' | ':')) {
            return false;
        }
        tags.iter().find(|t| t.start >= e).is_none_or(|t| {
            matches!(
                t.pos,
                Pos::PUNCT | Pos::ADP | Pos::CCONJ | Pos::SCONJ | Pos::VERB | Pos::AUX
            )
        })
    });
    slots.dedup();
    if slots.len() < 2 {
        return vec![fact.to_string()];
    }
    slots
        .iter()
        .enumerate()
        .map(|(keep, _)| {
            let mut out = String::with_capacity(fact.len());
            let mut at = 0;
            for (i, &(s, e)) in slots.iter().enumerate() {
                if i == keep {
                    continue;
                }
                out.push_str(&fact[at..s]);
                at = e;
                // A slot set off by commas takes them along: "The quake, of magnitude
                // 7.8, struck" without it is "The quake struck".
                let after = &fact[e..];
                if out.trim_end().ends_with(',') && after.trim_start().starts_with(',') {
                    let keep = out.trim_end().len() - 1;
                    out.truncate(keep);
                    at = e + after.find(',').unwrap_or(0) + 1;
                }
            }
            out.push_str(&fact[at..]);
            let words: Vec<&str> = out.split_whitespace().collect();
            let mut text = words.join(" ");
            for p in [" ,", " .", " ;"] {
                text = text.replace(p, &p[1..]);
            }
            text.trim_end_matches(',').to_string()
        })
        .collect()
}

/// "making India the third country to land on the Moon and the first to land near its
/// south pole": two complements of one verb, each a noun phrase with an infinitive
/// ("the third country to land", "the first to land"), state two facts, and the
/// first may be wrong while the second is right. Returns the fact with the first
/// complement, and the fact with the second in its place.
fn coordinated_complements(fact: &str) -> Option<(String, String)> {
    use crate::pos::Pos;
    // Tagging is the costly part of extraction: only a fact with "and" can hold two.
    if !fact.contains(" and ") {
        return None;
    }
    let tags = crate::pos::tag(fact);
    // The "to" of "DET (ADJ|NOUN|NUM|ADV){1,3} to VERB" opening at `d`.
    let complement = |d: usize| -> Option<usize> {
        if tags.get(d)?.pos != Pos::DET {
            return None;
        }
        let mut k = d + 1;
        while k < tags.len()
            && k <= d + 3
            && matches!(tags[k].pos, Pos::ADJ | Pos::NOUN | Pos::NUM | Pos::ADV)
        {
            k += 1;
        }
        (k > d + 1
            && tags.get(k)?.pos == Pos::PART
            && tags[k].word(fact).eq_ignore_ascii_case("to")
            && tags.get(k + 1)?.pos == Pos::VERB)
            .then_some(k)
    };
    let and = (1..tags.len()).find(|&c| {
        tags[c].pos == Pos::CCONJ
            && tags[c].word(fact).eq_ignore_ascii_case("and")
            && complement(c + 1).is_some()
    })?;
    let left = (1..and)
        .rev()
        .find(|&d| complement(d).is_some_and(|to| to < and))?;
    let first = fact[..tags[and].start].trim_end().to_string();
    let second = format!(
        "{}{}",
        &fact[..tags[left].start],
        &fact[tags[and + 1].start..]
    );
    Some((first, second))
}

/// "The 2.6-mile bridge, which carried I-695": a value that describes the subject
/// of a relative clause is a fact apart from what the clause says of it, and either
/// may be wrong alone. Returns the fact without the value ("The bridge, which carried
/// I-695"), when the value stands among the first words, before the comma that opens
/// the relative clause.
fn without_described_value(fact: &str, value: &Token) -> Option<String> {
    let comma = fact.find(", ")?;
    let after = fact[comma + 2..].split_whitespace().next()?.to_lowercase();
    if !RELATIVES.contains(&after.as_str())
        || value.end > comma
        || fact[..comma].split_whitespace().count() > 6
        || value.start == 0
    {
        return None;
    }
    let rest = format!(
        "{} {}",
        fact[..value.start].trim_end(),
        fact[value.end..].trim_start()
    );
    let words: Vec<&str> = rest.split_whitespace().collect();
    Some(words.join(" ").replace(" ,", ","))
}

/// The pieces of a clause: split at commas outside quotes and brackets, and before
/// "and"/"but" that join a second verb phrase to one that has a verb. Each piece is
/// (start, end, opens with a coordinating conjunction).
fn pieces(clause: &str, tags: &[crate::pos::Tagged]) -> Vec<(usize, usize, bool)> {
    let mut cuts: Vec<(usize, usize, bool)> = Vec::new(); // end of left, start of right
    let mut depth = 0i32;
    let mut in_quote = false;
    for (i, t) in tags.iter().enumerate() {
        let w = t.word(clause);
        match w {
            "“" | "‘" => in_quote = true,
            "”" | "’" => in_quote = false,
            "\"" => in_quote = !in_quote,
            "(" | "[" => depth += 1,
            ")" | "]" => depth -= 1,
            _ => {}
        }
        if in_quote || depth > 0 {
            continue;
        }
        if w == "," && tags.get(i + 1).is_some_and(|n| n.start > t.end) {
            cuts.push((t.start, tags[i + 1].start, false));
        } else if matches!(w.to_lowercase().as_str(), "and" | "but") && i > 0 {
            // "… opened in 1985 and was named after …": a verb (or an adverb and a verb)
            // right after the conjunction, and a verb in the piece before it.
            let next_verb = tags.get(i + 1).is_some_and(|n| {
                n.is_verb()
                    || (n.pos == crate::pos::Pos::ADV
                        && tags.get(i + 2).is_some_and(|m| m.is_verb()))
            });
            let piece_start = cuts.last().map_or(0, |c| c.1);
            let left_verb = tags[..i]
                .iter()
                .any(|l| l.start >= piece_start && l.is_verb());
            let left_words = tags[..i].iter().filter(|l| l.start >= piece_start).count();
            // "with the president being criticised … and accused …" is one phrase.
            // Its first verb is a participle, not a finite verb.
            let left_is_phrase = tags[..i]
                .iter()
                .find(|l| l.start >= piece_start && l.is_verb())
                .is_some_and(|l| l.word(clause).ends_with("ing"));
            if next_verb && left_verb && left_words >= 2 && !left_is_phrase {
                cuts.push((tags[i - 1].end, tags[i + 1].start, true));
            }
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut coordinated = false;
    for (left_end, right_start, coord) in cuts {
        out.push((start, left_end, coordinated));
        start = right_start;
        coordinated = coord;
    }
    out.push((start, clause.len(), coordinated));
    out.retain(|&(s, e, _)| !clause[s..e].trim().is_empty());
    out
}

fn classify(
    clause: &str,
    tags: &[crate::pos::Tagged],
    start: usize,
    end: usize,
    first: bool,
    coordinated: bool,
) -> Piece {
    use crate::pos::Pos;
    let words: Vec<&crate::pos::Tagged> = crate::pos::within(tags, start, end)
        .filter(|t| t.pos != Pos::PUNCT)
        .collect();
    let Some(head) = words.iter().position(|t| !matches!(t.pos, Pos::CCONJ)) else {
        return Piece::Phrase;
    };
    let lead = words[head];
    let lead_word = lead.word(clause).to_lowercase();
    let has_verb = words.iter().any(|t| t.is_verb());
    if lead_word == "according" && first {
        return Piece::Intro;
    }
    if RELATIVES.contains(&lead_word.as_str()) && !first {
        return Piece::Relative;
    }
    if coordinated && (lead.is_verb() || lead.pos == Pos::ADV) {
        return Piece::Predicate;
    }
    if lead.pos == Pos::AUX && !first {
        return Piece::Predicate;
    }
    if lead.pos == Pos::VERB && !first {
        // "said Renata Kowalczyk" after a quote, "according to Trump" are attribution,
        // not a new fact.
        if ATTRIBUTION_VERBS.contains(&lead_word.as_str()) || lead_word == "according" {
            return Piece::Phrase;
        }
        return if lead_word.ends_with("ing") || lead_word.ends_with("ed") || words.len() > 2 {
            Piece::Participle
        } else {
            Piece::Predicate
        };
    }
    // "…, Buckingham Palace said." names the source of what came before.
    let last = words[words.len() - 1].word(clause).to_lowercase();
    if !first && words.len() <= 5 && ATTRIBUTION_VERBS.contains(&last.as_str()) {
        return Piece::Phrase;
    }
    if has_verb && (first || !matches!(lead.pos, Pos::ADP | Pos::SCONJ)) {
        // A subject and a verb: a clause. An appositive with a relative clause inside
        // ("a retired engineer who watched from …") is still a phrase.
        let relative = words[1..].iter().any(|t| {
            let w = t.word(clause).to_lowercase();
            RELATIVES.contains(&w.as_str()) || w == "that"
        });
        if first || !relative {
            return Piece::Clause;
        }
        return Piece::Phrase;
    }
    if first && matches!(lead.pos, Pos::ADP | Pos::SCONJ | Pos::ADV) {
        return Piece::Intro;
    }
    if has_value(&clause[start..end]) && !has_verb {
        return Piece::Slot;
    }
    Piece::Phrase
}

/// Is this appositive a description of three or more words that opens with an article
/// or an adjective ("the longest-reigning monarch in British history")?
fn describes(clause: &str, tags: &[crate::pos::Tagged], start: usize, end: usize) -> bool {
    use crate::pos::Pos;
    let words: Vec<&crate::pos::Tagged> = crate::pos::within(tags, start, end)
        .filter(|t| t.pos != Pos::PUNCT)
        .collect();
    words.len() >= 3
        && matches!(words[0].pos, Pos::DET | Pos::ADJ)
        && !words[1..].iter().all(|t| {
            t.word(clause)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
}

/// The first verb of a piece and the end of the unbroken chain of verbs, adverbs and
/// "to" from it on ("was quickly held", "is scheduled to end"), as indices into `words`.
fn verb_run(words: &[&crate::pos::Tagged]) -> Option<(usize, usize)> {
    use crate::pos::Pos;
    let first = words.iter().position(|t| t.is_verb())?;
    let mut last = first;
    while last + 1 < words.len()
        && (words[last + 1].is_verb() || matches!(words[last + 1].pos, Pos::PART | Pos::ADV))
    {
        last += 1;
    }
    Some((first, last))
}

/// The verbs of a piece's clause, from its first to the last verb of that chain
/// ("struck", "was held", "is scheduled to end"), as a byte range.
fn verb_chain(tags: &[crate::pos::Tagged], start: usize, end: usize) -> Option<(usize, usize)> {
    let words: Vec<&crate::pos::Tagged> = crate::pos::within(tags, start, end).collect();
    let (first, last) = verb_run(&words)?;
    let last = (first..=last).rev().find(|&k| words[k].is_verb())?;
    Some((words[first].start, words[last].end))
}

/// The subject of a clause piece: its words before the first verb.
/// The verb chain a coordinated verb shares with the clause's: the auxiliaries of
/// its first main verb ("was" of "he was criticised … and accused …"), or everything
/// up to its last verb when the chain is unbroken ("was intended to" of "it was
/// intended to reinsert … and ensure …").
fn auxiliary_of(tags: &[crate::pos::Tagged], start: usize, end: usize) -> Option<(usize, usize)> {
    use crate::pos::Pos;
    let words: Vec<&crate::pos::Tagged> = crate::pos::within(tags, start, end).collect();
    let (first_verb, last) = verb_run(&words)?;
    // Its last main verb is the one a coordinated verb stands in for; after "to" it is
    // the infinitive, whatever the tagger made of it ("to reinsert").
    let main = if words[last].pos == Pos::PART && last + 1 < words.len() {
        last + 1
    } else {
        (first_verb..=last)
            .rev()
            .find(|&k| words[k].pos == Pos::VERB)?
    };
    (first_verb < main).then(|| (words[first_verb].start, words[main - 1].end))
}

fn subject_of(tags: &[crate::pos::Tagged], start: usize, end: usize) -> Option<(usize, usize)> {
    let words: Vec<&crate::pos::Tagged> = crate::pos::within(tags, start, end).collect();
    use crate::pos::Pos;
    let verb = words.iter().position(|t| t.is_verb())?;
    // The noun phrase right before the verb: "he" of "On that occasion he was …".
    // A pronoun is a whole noun phrase.
    let pronoun = verb > 0 && words[verb - 1].pos == Pos::PRON;
    let mut first = if pronoun { verb - 1 } else { verb };
    while !pronoun
        && first > 0
        && (matches!(
            words[first - 1].pos,
            Pos::NOUN | Pos::PROPN | Pos::PRON | Pos::DET | Pos::ADJ | Pos::NUM | Pos::PART
        ) || words[first - 1].in_noun_phrase && words[first - 1].pos != Pos::PUNCT)
    {
        first -= 1;
    }
    let nominal = words[first..verb]
        .iter()
        .any(|t| matches!(t.pos, Pos::NOUN | Pos::PROPN | Pos::PRON));
    if !nominal {
        return None;
    }
    Some((words[first].start, words[verb - 1].end))
}

/// The noun phrase at the end of `piece` that the relative clause opening at
/// `relative` is about: "Liz Truss" of "…, appointed Liz Truss, whom …". Not for "when"
/// (a time, not a thing), and only a phrase with a noun or a name, of eleven words at
/// most.
fn antecedent(
    clause: &str,
    tags: &[crate::pos::Tagged],
    piece: (usize, usize, bool),
    relative: usize,
) -> Option<(usize, usize)> {
    use crate::pos::Pos;
    let pronoun = tags
        .iter()
        .find(|t| t.start >= relative)?
        .word(clause)
        .to_lowercase();
    if !matches!(
        pronoun.as_str(),
        "who" | "whom" | "whose" | "which" | "where"
    ) {
        return None;
    }
    let words: Vec<&crate::pos::Tagged> = crate::pos::within(tags, piece.0, piece.1)
        .filter(|t| t.pos != Pos::PUNCT)
        .collect();
    // Back over the noun phrase, with what hangs on its head ("the paid tier of the
    // chatbot", "the summit between Trump and Putin": the head, not the last noun, is
    // what a "which" is about), to the verb or clause before it.
    let mut first = words.len();
    while first > 0
        && words.len() - first < 12
        && (matches!(
            words[first - 1].pos,
            Pos::NOUN | Pos::PROPN | Pos::ADJ | Pos::NUM | Pos::DET | Pos::ADP | Pos::CCONJ
        ) || words[first - 1].in_noun_phrase)
    {
        first -= 1;
    }
    while first < words.len() && matches!(words[first].pos, Pos::ADP | Pos::CCONJ) {
        first += 1;
    }
    if first == words.len() || words.len() - first >= 12 {
        return None;
    }
    let np = &words[first..];
    let named = np.iter().any(|t| matches!(t.pos, Pos::NOUN | Pos::PROPN));
    // The whole piece is the phrase already when nothing comes before it.
    (named && first > 0).then(|| (np[0].start, np[np.len() - 1].end))
}

fn has_value(s: &str) -> bool {
    text::tokenize(s).iter().any(|t| t.kind.is_value())
}

/// The text of ranges of a clause: neighbours (only a comma between) keep the
/// clause's own wording; a carried-over subject is joined with a space.
fn join(clause: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let mut prev_end: Option<usize> = None;
    for &(s, e) in ranges {
        let part = clause[s..e].trim().trim_end_matches([',', ';']).trim_end();
        match prev_end {
            Some(p) if p <= s && clause[p..s].trim().trim_matches(',').trim().is_empty() => {
                out.push_str(&clause[p..s]);
                out.push_str(part);
            }
            Some(_) => {
                out.push(' ');
                out.push_str(part);
            }
            None => out.push_str(part),
        }
        let lead = clause[s..e].len() - clause[s..e].trim_start().len();
        prev_end = Some(s + lead + part.len());
    }
    out
}

/// The stable id of a claim text.
pub fn claim_id(text: &str) -> String {
    id_of(&text::tokenize(text))
}

/// The id from a claim's tokens: a hash of their keys.
fn id_of(tokens: &[Token]) -> String {
    let normal: Vec<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
    let digest = Sha256::digest(normal.join(" ").as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("c-{hex}")
}

/// Describe a claim text: entities, values, negation, hedges, speaker.
pub fn analyse(text: &str, tokens: &[Token]) -> (Vec<String>, Vec<Value>, bool, Vec<String>) {
    let mut entities: Vec<String> = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, entities: &mut Vec<String>| {
        if let Some((s, e)) = run.take() {
            let name = text[s..e]
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_string();
            if !entities.contains(&name) {
                entities.push(name);
            }
        }
    };
    for t in tokens {
        if t.capital && t.kind == Kind::Word {
            match run {
                Some((s, e)) if text[e..t.start].trim().is_empty() => run = Some((s, t.end)),
                _ => {
                    flush(&mut run, &mut entities);
                    run = Some((t.start, t.end));
                }
            }
        } else {
            flush(&mut run, &mut entities);
        }
    }
    flush(&mut run, &mut entities);
    let values = tokens
        .iter()
        .filter(|t| t.kind.is_value())
        .map(|t| Value {
            kind: text::describe(&t.kind).to_string(),
            text: text[t.start..t.end].to_string(),
            canonical: t.key.clone(),
        })
        .collect();
    let negated = tokens.iter().any(|t| t.kind == Kind::Negation);
    let lower = text.to_lowercase();
    let hedges = crate::lexicon::CLAIM_HEDGES
        .iter()
        .filter(|h| contains_phrase(&lower, h))
        .map(|h| h.to_string())
        .collect();
    (entities, values, negated, hedges)
}

/// Names written with a capital in the middle of a sentence somewhere in `texts`:
/// what lets "Trump" at the start of a sentence count as a name too.
pub fn known_names<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    texts
        .into_iter()
        .flat_map(text::tokenize)
        .filter(|t| t.capital && t.kind == Kind::Word)
        .map(|t| t.key)
        .collect()
}

/// Build a claim from its text and location. `names` are the article's known names
/// (see [`known_names`]).
pub fn make_claim(
    text: &str,
    sentence: &str,
    location: Span,
    speaker: Option<String>,
    names: &HashSet<String>,
) -> Claim {
    let mut tokens = text::tokenize(text);
    // The first word of a sentence is capitalised anyway: it is a name when the
    // article writes it with a capital elsewhere, or when a name follows it.
    if let Some(first) = tokens.iter().position(|t| t.kind == Kind::Word) {
        let written_capital = text[tokens[first].start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if written_capital && names.contains(&tokens[first].key) {
            tokens[first].capital = true;
        }
    }
    let (entities, values, negated, hedges) = analyse(text, &tokens);
    Claim {
        id: id_of(&tokens),
        text: text.to_string(),
        sentence: sentence.to_string(),
        location,
        speaker,
        entities,
        values,
        negated,
        hedges,
        tokens,
    }
}

/// Makes claim ids unique within an article in constant time per id: the second
/// `c-…` becomes `c-…-2`, the third `c-…-3`, skipping any suffix already taken.
#[derive(Debug, Default)]
pub struct UniqueIds {
    next: HashMap<String, usize>,
    used: HashSet<String>,
}

impl UniqueIds {
    pub fn unique(&mut self, id: String) -> String {
        if self.used.insert(id.clone()) {
            return id;
        }
        let n = self.next.entry(id.clone()).or_insert(1);
        loop {
            *n += 1;
            let candidate = format!("{id}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Extract the check-worthy claims of an article's sentences.
///
/// `raw` is the article file, for computing the clause spans.
pub fn extract(sentences: &[Sentence], raw: &str) -> Vec<Claim> {
    let names = known_names(sentences.iter().map(|s| s.text.as_str()));
    let lines = crate::segment::LineIndex::new(raw);
    let mut out: Vec<Claim> = Vec::new();
    let mut ids = UniqueIds::default();
    for sentence in sentences {
        if skip_reason(sentence).is_some() {
            continue;
        }
        let full = sentence.text.as_str();
        // Strip a dateline ("WASHINGTON —") from the claim text, not from the sentence.
        let body_start = sentence
            .dateline
            .as_ref()
            .and_then(|d| full.find(d.as_str()).map(|i| i + d.len()))
            .map(|i| i + full[i..].len() - full[i..].trim_start().len())
            .unwrap_or(0);
        let body = &full[body_start..];
        let mut inherited: Option<String> = None;
        for (s, e) in clauses(body) {
            let clause_raw = &body[s..e];
            let lead = clause_raw.len() - clause_raw.trim_start().len();
            let clause = clause_raw.trim().trim_end_matches([',', ';']).trim();
            if clause.is_empty() {
                continue;
            }
            let speaker = attribution(clause).or_else(|| inherited.clone());
            if attribution(clause).is_some() {
                inherited = attribution(clause);
            }
            let clause_at = body_start + s + lead;
            for fact in facts(clause) {
                let mut text = capitalise(&fact.text);
                if (fact.text.len() < full.len() - body_start)
                    && !text.ends_with(['.', '!', '"', '”'])
                {
                    text.push('.');
                }
                let covered = &clause[fact.start..fact.end];
                let location = clause_span(sentence, raw, &lines, clause_at + fact.start, covered);
                let mut claim = make_claim(&text, full, location, speaker.clone(), &names);
                // Keep ids unique within an article: a repeated claim gets a suffix.
                claim.id = ids.unique(std::mem::take(&mut claim.id));
                out.push(claim);
            }
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

/// The span of a clause inside its sentence. When the sentence maps verbatim into
/// the raw file (the common case) the clause span is exact; otherwise the whole
/// sentence's span is used.
fn clause_span(
    sentence: &Sentence,
    raw: &str,
    lines: &crate::segment::LineIndex,
    offset_in_text: usize,
    clause: &str,
) -> Span {
    let span = &sentence.span;
    let Some(raw_sentence) = raw.get(span.byte_start..span.byte_end) else {
        return span.clone();
    };
    let clause_offset = sentence.text[offset_in_text..]
        .find(clause)
        .map(|i| i + offset_in_text);
    if clause.len() == sentence.text.len() {
        return span.clone();
    }
    if raw_sentence != sentence.text {
        // Markup or line breaks inside: search the clause in the raw sentence.
        if let Some(i) = raw_sentence.find(clause) {
            return sub_span(raw, lines, span.byte_start + i, clause.len());
        }
        return span.clone();
    }
    match clause_offset {
        Some(i) => sub_span(raw, lines, span.byte_start + i, clause.len()),
        None => span.clone(),
    }
}

fn sub_span(raw: &str, lines: &crate::segment::LineIndex, start: usize, len: usize) -> Span {
    let end = start + len;
    let (line, column) = lines.position(raw, start);
    let last = raw[..end]
        .char_indices()
        .next_back()
        .map(|(i, _)| i)
        .unwrap_or(start);
    let (end_line, last_column) = lines.position(raw, last);
    let end_column = last_column + usize::from(len > 0);
    Span {
        line,
        column,
        end_line,
        end_column,
        byte_start: start,
        byte_end: end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Sentence {
        Sentence {
            text: text.to_string(),
            span: Span {
                line: 1,
                column: 1,
                end_line: 1,
                end_column: text.chars().count(),
                byte_start: 0,
                byte_end: text.len(),
            },
            block: 0,
            is_heading: false,
            dateline: None,
        }
    }

    #[test]
    fn compound_sentence_becomes_two_claims_with_spans() {
        let s = "Both leaders confirmed they are willing to meet, and German chancellor Friedrich Merz said such a meeting could take place within two weeks.";
        let claims = extract(&[sentence(s)], s);
        assert_eq!(claims.len(), 2, "{claims:#?}");
        assert_eq!(
            claims[0].text,
            "Both leaders confirmed they are willing to meet."
        );
        assert!(
            claims[1]
                .text
                .starts_with("German chancellor Friedrich Merz said")
        );
        assert_eq!(
            claims[1].speaker.as_deref(),
            Some("German chancellor Friedrich Merz")
        );
        let loc = &claims[1].location;
        assert_eq!(&s[loc.byte_start..loc.byte_end], claims[1].text);
        let loc0 = &claims[0].location;
        assert_eq!(
            &s[loc0.byte_start..loc0.byte_end],
            "Both leaders confirmed they are willing to meet"
        );
        assert!(claims[1].hedges.contains(&"could".to_string()));
        assert!(
            claims[1]
                .values
                .iter()
                .any(|v| v.kind == "time span" && v.canonical == "span14d")
        );
        assert_ne!(claims[0].id, claims[1].id);
    }

    fn fact_texts(s: &str) -> Vec<String> {
        facts(s).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn a_sentence_becomes_its_atomic_facts() {
        // A participle phrase is a fact of its own; the opening adverbial is dropped.
        assert_eq!(
            fact_texts(
                "After months of setbacks, NASA's new moon rocket left the ground early on \
                 Tuesday, lifting an Orion capsule away from Launch Complex 39B."
            ),
            [
                "NASA's new moon rocket left the ground early on Tuesday",
                "lifting an Orion capsule away from Launch Complex 39B."
            ]
        );
        // A predicate after a descriptive phrase gets the subject back.
        assert_eq!(
            fact_texts("The capsule, built by Lockheed Martin, is flying with no crew aboard."),
            [
                "The capsule, built by Lockheed Martin",
                "The capsule is flying with no crew aboard."
            ]
        );
        // A relative clause, two coordinated predicates and a trailing relative clause,
        // which gets the name it is about;
        // the subject's length is a fact apart from what the relative clause says.
        assert_eq!(
            fact_texts(
                "The 2.6-mile bridge, which carried Interstate 695 across the harbor, opened \
                 in 1985 and was named after Francis Scott Key, who wrote the anthem."
            ),
            [
                "The bridge, which carried Interstate 695 across the harbor",
                "The 2.6-mile bridge, which carried Interstate 695 across the harbor",
                "The 2.6-mile bridge opened in 1985",
                "The 2.6-mile bridge was named after Francis Scott Key",
                "Francis Scott Key, who wrote the anthem."
            ]
        );
        // A relative clause gets the noun phrase it is about ("when …" below does not).
        assert_eq!(
            fact_texts("The Queen met Liz Truss, whom she appointed at Balmoral on Monday."),
            [
                "The Queen met Liz Truss",
                "Liz Truss, whom she appointed at Balmoral on Monday."
            ]
        );
        // Two complements of one verb are two facts.
        assert_eq!(
            fact_texts(
                "The landing made India the fourth country to reach the Moon and the first \
                 to land near its south pole."
            ),
            [
                "The landing made India the fourth country to reach the Moon",
                "The landing made India the first to land near its south pole."
            ]
        );
        // A phrase with a value between commas is a slot of its own, with the clause's
        // subject and verb; "when" opens one.
        assert_eq!(
            fact_texts(
                "The flight is scheduled to end on Dec. 11, roughly 25 and a half days after \
                 launch, when the capsule is due to splash down in the Atlantic Ocean."
            ),
            [
                "The flight is scheduled to end on Dec. 11",
                "The flight is scheduled to end roughly 25 and a half days after launch",
                "when the capsule is due to splash down in the Atlantic Ocean."
            ]
        );
        // A describing appositive is a fact about the subject; a name is not.
        assert_eq!(
            fact_texts(
                "Queen Elizabeth II, the longest-reigning monarch in British history, has \
                 died at the age of 96."
            ),
            [
                "Queen Elizabeth II, the longest-reigning monarch in British history",
                "Queen Elizabeth II has died at the age of 96."
            ]
        );
        assert_eq!(
            fact_texts("The ship, the Dali, was chartered by Maersk.").len(),
            1
        );
        // "he" is the subject, not "On that occasion he".
        assert_eq!(
            fact_texts("On that occasion he was criticised and accused of not being grateful."),
            [
                "On that occasion he was criticised",
                "he was accused of not being grateful."
            ]
        );
    }

    #[test]
    fn a_coordinated_verb_shares_the_verb_chain() {
        let f = fact_texts(
            "It was intended to reinsert Ukraine into the talks and ensure Kyiv has a voice.",
        );
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[1], "It was intended to ensure Kyiv has a voice.");
    }

    #[test]
    fn lists_appositives_and_attribution_stay_whole() {
        for s in [
            "Among them were German chancellor Friedrich Merz, French president Emmanuel \
             Macron and UK prime minister Keir Starmer.",
            "Nadal took the flame along the Seine on a boat with Serena Williams, Carl Lewis \
             and Nadia Comaneci.",
            "\"You stop counting after a while,\" said Renata Kowalczyk, a retired engineer \
             who watched from a causeway.",
            "Two earlier attempts, on Aug. 29 and Sept. 3, were called off.",
        ] {
            assert_eq!(fact_texts(s).len(), 1, "{s}: {:#?}", facts(s));
        }
    }

    #[test]
    fn each_value_slot_is_a_fact() {
        assert_eq!(
            slot_facts(
                "The Federal Reserve on Tuesday cut interest rates by half a percentage point."
            ),
            [
                "The Federal Reserve on Tuesday cut interest rates.",
                "The Federal Reserve cut interest rates by half a percentage point."
            ]
        );
        // A measure's name may stand between the preposition and the value; the
        // counted thing stays with its number.
        assert_eq!(
            slot_facts("The first quake, of magnitude 7.8, struck before dawn on Monday."),
            [
                "The first quake, of magnitude 7.8, struck before dawn.",
                "The first quake struck before dawn on Monday."
            ]
        );
        assert_eq!(
            slot_facts("Negotiators from nearly 200 countries approved a deal on Tuesday.")[1],
            "Negotiators approved a deal on Tuesday."
        );
        // A slot inside a larger phrase stays: "from the 4% they forecast".
        assert_eq!(
            slot_facts("Officials see the rate at 4.2%, up from the 4% they forecast in June."),
            [
                "Officials see the rate at 4.2%, up from the 4% they forecast.",
                "Officials see the rate, up from the 4% they forecast in June."
            ]
        );
        // Values joined by "and" are one slot; one slot is no split.
        assert_eq!(
            slot_facts("Attempts on Aug. 29 and Sept. 3 were called off.").len(),
            1
        );
    }

    #[test]
    fn fact_splitting_never_panics_on_word_soup() {
        const PIECES: &[&str] = &[
            "on",
            "Monday's",
            "200",
            "countries",
            ",",
            "and",
            "was",
            "said",
            "“",
            "”",
            "\"",
            "(",
            ")",
            "of",
            "magnitude",
            "7.8",
            "at",
            "6:04",
            "p.m.",
            "EST",
            "which",
            "the",
            "Péter",
            "Luna-25",
            "per",
            "cent",
            "25",
            "and a half",
            "days",
            "decided",
            "against",
            "n't",
            "didn't",
            "—",
            "I-695",
            "1,600",
            "feet",
            "from",
            "by",
            "half",
            "a",
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut s = String::new();
            let n = (x % 24) as usize + 1;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
                s.push(if x.is_multiple_of(5) { ',' } else { ' ' });
            }
            for f in facts(&s) {
                assert!(f.start <= f.end && f.end <= s.len(), "{s:?}: {f:?}");
                assert!(
                    s.is_char_boundary(f.start) && s.is_char_boundary(f.end),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn repeated_claims_get_numbered_ids() {
        let text = "Trump met Zelensky at the White House on Monday. ".repeat(4);
        let sentences: Vec<Sentence> = (0..4)
            .map(|i| {
                let mut s = sentence("Trump met Zelensky at the White House on Monday.");
                s.span.byte_start = i * 49;
                s.span.byte_end = i * 49 + 48;
                s
            })
            .collect();
        let claims = extract(&sentences, &text);
        let ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), 4);
        assert!(ids[1].ends_with("-2") && ids[3].ends_with("-4"), "{ids:?}");
        assert!(ids[1].starts_with(ids[0]));
    }

    #[test]
    fn non_claims_are_skipped() {
        for s in [
            "Will the two leaders ever meet?",
            "© PHOTO MANDEL NGAN / AFP",
            "Related news",
            "Bilateral talks",
            "This is a shameful moment for everyone who cares.",
        ] {
            assert!(skip_reason(&sentence(s)).is_some(), "{s}");
        }
        assert!(
            skip_reason(&sentence(
                "Trump met Zelensky at the White House on Monday."
            ))
            .is_none()
        );
    }

    #[test]
    fn ids_are_stable_and_normalised() {
        assert_eq!(
            claim_id("The U.S. sent seven envoys."),
            claim_id("The US sent 7 envoys.")
        );
        assert_ne!(
            claim_id("The US sent seven envoys."),
            claim_id("The US sent six envoys.")
        );
        assert!(claim_id("x").starts_with("c-"));
        assert_eq!(claim_id("x").len(), 14);
    }

    #[test]
    fn features_cover_entities_values_negation() {
        let c = make_claim(
            "Trump said he does not believe a ceasefire is necessary on Monday.",
            "",
            sentence("").span,
            None,
            &HashSet::new(),
        );
        assert!(c.negated);
        assert!(c.entities.contains(&"Trump".to_string()) || c.speaker.is_none());
        assert!(c.values.iter().any(|v| v.kind == "weekday"));
    }

    #[test]
    fn attribution_found() {
        assert_eq!(
            attribution("Merz said on Monday that X").as_deref(),
            Some("Merz")
        );
        assert_eq!(attribution("the report said X"), None);
    }
}
