//! Word alignment of a claim with an evidence sentence, and typed conflicts.
//!
//! The diff (`similar`, over normalised tokens, bounded by size) is what a reader
//! sees: which words agree and which differ. The verdict needs more than a diff
//! though: a differing *value* in a sentence that is otherwise about the same fact
//! is a contradiction, while the same value difference in a sentence about another
//! fact is only related. So alignment measures two things: how much of the claim the
//! evidence states (coverage, including values), and how much of the claim's
//! non-value content — its anchor: who, what, where — the evidence shares. Conflicts
//! count only when the anchor is shared.

use serde::Serialize;
use similar::Algorithm;

use crate::text::{self, Family, Kind, Token};
use crate::thesaurus;

/// One run of the word diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffPart {
    pub op: Op,
    pub text: String,
}

/// A diff operation: `delete` is only in the claim, `insert` only in the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// What kind of fact differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    Number,
    Date,
    Negation,
    Entity,
    Antonym,
    Quantity,
    Other,
}

impl ConflictKind {
    /// Words for a reason line.
    pub fn describe(self) -> &'static str {
        match self {
            ConflictKind::Number => "number differs",
            ConflictKind::Date => "date differs",
            ConflictKind::Negation => "negation differs",
            ConflictKind::Entity => "name differs",
            ConflictKind::Antonym => "opposite wording",
            ConflictKind::Quantity => "amount differs",
            ConflictKind::Other => "wording differs",
        }
    }
}

/// A typed difference between the claim and the evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub kind: ConflictKind,
    /// The claim's wording of the fact.
    pub claim: String,
    /// The evidence's wording of the fact.
    pub evidence: String,
}

/// How the evidence bears on the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Supports,
    Contradicts,
    Related,
}

/// The outcome of aligning one claim with one evidence sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// How much the two say the same thing, in [0, 1].
    pub similarity: f64,
    /// Weighted share of the claim's words and values found in the evidence.
    pub coverage: f64,
    /// Weighted share of the claim's non-value words (who, what, where) found in the evidence.
    pub anchor: f64,
    /// Every claim value has an equal value in the evidence.
    pub values_matched: bool,
    /// Every value of the claim (number, date, weekday…) is stated by the evidence;
    /// false when the evidence leaves one out.
    pub complete: bool,
    pub diff: Vec<DiffPart>,
    pub conflicts: Vec<Conflict>,
    pub stance: Stance,
    /// The evidence only reports the claim ("reportedly", "allegedly").
    pub hedged: bool,
    /// Per claim token: its weight and whether the evidence states it, so that several
    /// sentences of one source can be combined (see `verdict`).
    pub found: Vec<(f64, bool)>,
}

/// Thresholds and bounds for alignment. Built with [`Aligner::default`]; every field is
/// public, and `[thresholds]` in `claimcheck.toml` sets the first three.
#[derive(Debug, Clone)]
pub struct Aligner {
    /// Anchor share needed for a conflict to count as a contradiction.
    pub contradict_anchor: f64,
    /// Coverage needed for support.
    pub support_coverage: f64,
    /// Coverage below which a sentence is not even related.
    pub related_coverage: f64,
    /// Anchor share needed for a refutation word ("hoax", "denied") to refute the claim.
    pub refute_anchor: f64,
}

impl Default for Aligner {
    fn default() -> Self {
        Aligner {
            contradict_anchor: 0.5,
            support_coverage: 0.3,
            related_coverage: 0.25,
            refute_anchor: 0.3,
        }
    }
}

/// Tokens of either side that one diff looks at: Myers is O((N+M)·D), so this bounds
/// each diff's work by size.
pub const MAX_DIFF_TOKENS: usize = 200;

/// Share of a claim's plain content words (not names, values or reporting verbs) that
/// supporting evidence must state: a sentence that shares only the claim's names is
/// about the same people, not the same fact.
const PREDICATE_SHARE: f64 = 0.25;

/// What a word the evidence says in other words (`thesaurus`) counts towards coverage,
/// against the word itself.
const OTHER_WORDS: f64 = 0.6;

/// Anchor share enough for a refutation word within [`REFUTE_WINDOW`] words of a word
/// the claim shares ([`Aligner::refute_anchor`] is enough anywhere in the sentence).
const REFUTE_ANCHOR_NEAR: f64 = 0.2;
const REFUTE_WINDOW: usize = 5;

/// Stems of words that call a statement false.
const REFUTATION: &[&str] = &[
    "hoax",
    "fake",
    "fals",
    "debunk",
    "untru",
    "fabric",
    "satir",
    "deni",
    "baseless",
    "bogus",
    "myth",
    "misinform",
    "disinform",
    "refut",
    "dismiss",
];

/// Refutation words that are someone's act of disputing ("denied", "dismissed"), not a
/// verdict on the claim: they refute only a sentence that shares the full anchor.
const DISPUTE_VERBS: &[&str] = &["deni", "dismiss", "refut"];

/// Does any of these tokens hedge (`lexicon/hedges.tsv`, role `sentence`)?
fn has_hedge(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        text.get(t.start..t.end).is_some_and(|w| {
            crate::lexicon::SENTENCE_HEDGES
                .iter()
                .any(|h| h.eq_ignore_ascii_case(w))
        })
    })
}

/// Stems of verbs that report speech: they say who said it, not what happened, so
/// "confirmed" against "said" is no difference worth weighing. ("denied" is not here:
/// it reverses the content.)
const REPORTING: &[&str] = &[
    "confirm",
    "announc",
    "explain",
    "ad",
    "note",
    "report",
    "state",
    "pledg",
    "claim",
    "insist",
    "stress",
    "argu",
    "accord",
    "tell",
    "describ",
    "studi",
    "scientist",
    "research",
    "find",
    "show",
    "suggest",
    "reveal",
    "warn",
    "expert",
    "think",
    "believ",
    // Titles describe a person the name already identifies.
    "presid",
    "chancellor",
    "minist",
    "prime",
    "secretari",
    "general",
    "leader",
    "offici",
];

/// How much a token counts towards coverage. `in_name` marks a capitalised word
/// followed by another (a first name, "White" of "White House"): the name's last word
/// carries it, so "Volodymyr Zelensky" against "Zelensky" loses little.
fn weight(t: &Token, in_name: bool, text: &str) -> f64 {
    match t.kind {
        Kind::Stop => 0.0,
        Kind::Negation => 0.5,
        // A measure is a figure and its unit, two words' worth ("3,800 metres").
        Kind::Measure { .. } => 2.5,
        _ if t.kind.is_value() => 1.5,
        _ if in_name => 0.4,
        _ if t.capital && !is_demonym(text.get(t.start..t.end).unwrap_or("")) => 1.6,
        _ if REPORTING.contains(&t.key.as_str()) => 0.3,
        _ => 1.0,
    }
}

/// "European", "Finnish", "French": capitalised, but an adjective, not a name
/// (`lexicon/demonyms.txt`, from WordNet).
fn is_demonym(word: &str) -> bool {
    crate::lexicon::is_demonym(&word.to_lowercase())
}

/// For each token: is it a capitalised word directly followed by another in the same name?
pub(crate) fn name_prefixes(text: &str, tokens: &[Token]) -> Vec<bool> {
    (0..tokens.len())
        .map(|i| {
            tokens[i].capital
                && tokens.get(i + 1).is_some_and(|n| {
                    n.capital
                        && text
                            .get(tokens[i].end..n.start)
                            .is_some_and(|g| g.trim().is_empty())
                })
        })
        .collect()
}

/// Two values that state the same fact (allowing a missing year, a date against its month…).
pub fn compatible(a: &Kind, b: &Kind) -> bool {
    use Kind::*;
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    match (a, b) {
        (Number(x), Number(y))
        | (Ordinal(x), Ordinal(y))
        | (Age(x), Age(y))
        | (Percent(x), Percent(y))
        | (Points(x), Points(y)) => close(*x, *y),
        (Money(x, c), Money(y, d)) => c == d && close(*x, *y),
        (Span(x), Span(y)) => close(*x, *y),
        (
            Measure {
                si: x,
                dim: a,
                unit: u,
                precision: p,
            },
            Measure {
                si: y,
                dim: b,
                unit: w,
                precision: q,
            },
        ) => {
            // In one unit the figures must be equal; across units, one is a conversion
            // and agrees when the two figures round to each other.
            a == b
                && if close(*u, *w) {
                    close(*x, *y)
                } else {
                    (x - y).abs() <= (p + q) / 2.0
                }
        }
        (Year(x), Year(y)) => x == y,
        (Month(x), Month(y)) => x == y,
        (Weekday(x), Weekday(y)) => x == y,
        (
            Date {
                month: m1,
                day: d1,
                year: y1,
            },
            Date {
                month: m2,
                day: d2,
                year: y2,
            },
        ) => m1 == m2 && d1 == d2 && (y1.is_none() || y2.is_none() || y1 == y2),
        (Date { month, .. }, Month(m)) | (Month(m), Date { month, .. }) => month == m,
        (
            Time {
                minutes: a,
                offset: oa,
            },
            Time {
                minutes: b,
                offset: ob,
            },
        ) => same_time(*a, *oa, *b, *ob),
        (Date { year: Some(y), .. }, Year(x)) | (Year(x), Date { year: Some(y), .. }) => x == y,
        _ => false,
    }
}

/// Minutes two clock times may differ by and still be one moment ("about 1:30" for 1:28).
const TIME_SLACK: i32 = 2;

/// Two clock times that can be the same moment: equal in UTC when both give a zone;
/// equal when neither does; and when only one does, apart by a whole number of
/// quarter hours within a day (every time zone's offset is one), so "6:04 p.m."
/// in an Indian story is "1234 GMT".
fn same_time(a: u16, oa: Option<i16>, b: u16, ob: Option<i16>) -> bool {
    let day = 24 * 60;
    let apart = |x: i32, y: i32| {
        let d = (x - y).rem_euclid(day);
        d.min(day - d)
    };
    match (oa, ob) {
        (Some(oa), Some(ob)) => {
            apart(i32::from(a) - i32::from(oa), i32::from(b) - i32::from(ob)) <= TIME_SLACK
        }
        (None, None) => apart(i32::from(a), i32::from(b)) <= TIME_SLACK,
        _ => {
            let d = apart(i32::from(a), i32::from(b)) % 15;
            d <= TIME_SLACK || d >= 15 - TIME_SLACK
        }
    }
}

/// Does the evidence state this value? A year the evidence does not mention at all
/// ("in February 2025" against "in February") is left open rather than missing; a
/// rank in words is also stated by the same word ("the third breast", "Third Breast").
fn value_found(t: &Token, evidence: &[Token]) -> bool {
    let kind = &t.kind;
    evidence.iter().any(|e| compatible(kind, &e.kind))
        || (matches!(kind, Kind::Ordinal(_)) && evidence.iter().any(|e| e.key == t.key))
        || (matches!(kind, Kind::Year(_))
            && !evidence
                .iter()
                .any(|e| matches!(e.kind, Kind::Year(_) | Kind::Date { year: Some(_), .. })))
}

/// Values of different families never conflict; within a family, only like with like
/// (a sum of money with a sum of money, a year with a year or a full date).
fn comparable(a: &Kind, b: &Kind) -> bool {
    use Kind::*;
    if let (Measure { dim: a, .. }, Measure { dim: b, .. }) = (a, b) {
        return a == b;
    }
    matches!(
        (a, b),
        (Number(_), Number(_))
            | (Ordinal(_), Ordinal(_))
            | (Age(_), Age(_))
            | (Money(..), Money(..))
            | (Percent(_), Percent(_))
            | (Points(_), Points(_))
            | (Span(_), Span(_))
            | (Weekday(_), Weekday(_))
            | (Time { .. }, Time { .. })
            | (Year(_), Year(_))
            | (Month(_), Month(_))
            | (Date { .. }, Date { .. })
            | (Date { .. }, Month(_))
            | (Month(_), Date { .. })
            | (Date { year: Some(_), .. }, Year(_))
            | (Year(_), Date { year: Some(_), .. })
    )
}

fn conflict_kind(k: &Kind) -> ConflictKind {
    match k.family() {
        Some(Family::Quantity) => match k {
            Kind::Number(_) | Kind::Ordinal(_) | Kind::Age(_) => ConflictKind::Number,
            _ => ConflictKind::Quantity,
        },
        Some(_) => ConflictKind::Date,
        None => ConflictKind::Other,
    }
}

/// The key of the first content word after token `i` (the noun a number counts).
fn next_content(tokens: &[Token], i: usize) -> Option<&str> {
    tokens[i + 1..]
        .iter()
        .take(3)
        .find(|t| t.kind == Kind::Word)
        .map(|t| t.key.as_str())
}

fn prev_content(tokens: &[Token], i: usize) -> Option<&str> {
    tokens[..i]
        .iter()
        .rev()
        .take(3)
        .find(|t| t.kind == Kind::Word)
        .map(|t| t.key.as_str())
}

/// The text a run of tokens stands for in a diff: from its first token up to the next
/// token, so punctuation and quotes inside and after the run are kept, and never
/// before `emitted` (text already shown by an earlier run of the same side).
fn diff_text<'a>(
    text: &'a str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    emitted: &mut usize,
) -> &'a str {
    if range.is_empty() {
        return "";
    }
    let start = tokens[range.start].start.max(*emitted);
    let end = tokens
        .get(range.end)
        .map_or(tokens[range.end - 1].end, |t| t.start)
        .max(start);
    *emitted = end;
    text.get(start..end).unwrap_or("").trim()
}

/// Add `text` to the diff, joined to the last part when it has the same op.
fn push_part(diff: &mut Vec<DiffPart>, op: Op, text: &str) {
    if text.is_empty() {
        return;
    }
    match diff.last_mut() {
        Some(last) if last.op == op => {
            last.text.push(' ');
            last.text.push_str(text);
        }
        _ => diff.push(DiffPart {
            op,
            text: text.to_string(),
        }),
    }
}

/// The diff so far ends with an insertion whose last word, just before evidence token
/// `at`, is a negation.
fn negation_inserted(diff: &[DiffPart], evidence: &[Token], at: usize) -> bool {
    diff.last().is_some_and(|d| d.op == Op::Insert)
        && at > 0
        && evidence[at - 1].kind == Kind::Negation
}

fn slice<'a>(text: &'a str, tokens: &[Token], range: std::ops::Range<usize>) -> &'a str {
    if range.is_empty() {
        return "";
    }
    let start = tokens[range.start].start;
    let end = tokens[range.end - 1].end.max(start);
    text.get(start..end).unwrap_or("")
}

impl Aligner {
    /// Align a claim with one evidence sentence.
    pub fn align(
        &self,
        claim_text: &str,
        claim: &[Token],
        evidence_text: &str,
        evidence: &[Token],
    ) -> Alignment {
        self.align_in_context(claim_text, claim, evidence_text, evidence, &[])
    }

    /// [`Aligner::align`] for a sentence that refers back to names the sentences just
    /// before it give ("… Rodri. The Spain midfielder scored in the 68th minute"):
    /// `context` holds those names' keys, and a claim name among them counts as stated.
    pub fn align_in_context(
        &self,
        claim_text: &str,
        claim: &[Token],
        evidence_text: &str,
        evidence: &[Token],
        context: &[&str],
    ) -> Alignment {
        // Work is bounded by size, never by the clock, so the same input gives the same
        // diff on any machine: past MAX_DIFF_TOKENS a side is cut (news sentences are far
        // shorter; a run-on "sentence" of a page without punctuation is not evidence).
        let claim = &claim[..claim.len().min(MAX_DIFF_TOKENS)];
        let evidence = &evidence[..evidence.len().min(MAX_DIFF_TOKENS)];
        let ck: Vec<&str> = claim.iter().map(|t| t.key.as_str()).collect();
        let ek: Vec<&str> = evidence.iter().map(|t| t.key.as_str()).collect();
        let ops = similar::capture_diff_slices(Algorithm::Myers, &ck, &ek);

        // Pairs of (claim index, evidence index) replaced for each other, for slot matching.
        let mut replaced: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
        let mut diff: Vec<DiffPart> = Vec::new();
        let (mut c_at, mut e_at) = (0usize, 0usize);
        for op in &ops {
            let (tag, o, n) = op.as_tag_tuple();
            // A negation said in the evidence and not the claim, then a verb both share
            // in another form ("he {+did not+} believes"): the verb is shown as each
            // side words it, so the diff reads "he [-believes-] {+did not believe+}".
            if tag == similar::DiffTag::Equal
                && o.len() == n.len()
                && negation_inserted(&diff, evidence, n.start)
                && claim_text.get(claim[o.start].start..claim[o.start].end)
                    != evidence_text.get(evidence[n.start].start..evidence[n.start].end)
            {
                let c_word = diff_text(claim_text, claim, o.start..o.start + 1, &mut c_at);
                let e_word = diff_text(evidence_text, evidence, n.start..n.start + 1, &mut e_at);
                let negation = diff.pop().map(|d| d.text).unwrap_or_default();
                push_part(&mut diff, Op::Delete, c_word);
                push_part(&mut diff, Op::Insert, &format!("{negation} {e_word}"));
                let rest_c = diff_text(claim_text, claim, o.start + 1..o.end, &mut c_at);
                diff_text(evidence_text, evidence, n.start + 1..n.end, &mut e_at);
                push_part(&mut diff, Op::Equal, rest_c);
                continue;
            }
            // Equal runs are shown as the claim words them.
            let claim_part = diff_text(claim_text, claim, o.clone(), &mut c_at);
            let evidence_part = diff_text(evidence_text, evidence, n.clone(), &mut e_at);
            match tag {
                similar::DiffTag::Equal => push_part(&mut diff, Op::Equal, claim_part),
                similar::DiffTag::Delete => push_part(&mut diff, Op::Delete, claim_part),
                similar::DiffTag::Insert => push_part(&mut diff, Op::Insert, evidence_part),
                similar::DiffTag::Replace => {
                    push_part(&mut diff, Op::Delete, claim_part);
                    push_part(&mut diff, Op::Insert, evidence_part);
                    replaced.push((o, n));
                }
            }
        }

        // Coverage and anchor.
        // A name the sentence refers back to is one it states.
        // An irregular form is its lemma's word: "had sent" states "send".
        let e_lemmas: Vec<&str> = ek.iter().map(|k| thesaurus::lemma(k)).collect();
        let c_lemmas: Vec<&str> = ck.iter().map(|k| thesaurus::lemma(k)).collect();
        let has = |key: &str| {
            ek.contains(&key) || context.contains(&key) || e_lemmas.contains(&thesaurus::lemma(key))
        };
        let c_prefix = name_prefixes(claim_text, claim);
        let e_prefix = name_prefixes(evidence_text, evidence);
        // A name the claim is about (the last word of a capitalised run) that the
        // evidence never mentions: the evidence is about someone or something else.
        // One unmentioned name among many is allowed ("Kyiv" for "Ukraine").
        let heads: Vec<&Token> = claim
            .iter()
            .zip(&c_prefix)
            .filter(|(t, p)| {
                t.capital
                    && !**p
                    && t.kind == Kind::Word
                    && !is_demonym(&claim_text[t.start..t.end])
            })
            .map(|(t, _)| t)
            .collect();
        let missing_heads = heads.iter().filter(|t| !has(&t.key)).count();
        let name_missing = missing_heads > heads.len() / 4;
        let (mut total, mut found, mut a_total, mut a_found) = (0.0, 0.0, 0.0, 0.0);
        // Plain content words (not names, values or reporting verbs): what the claim
        // says happened. Names alone ("the US and Europe") make a topic, not a fact.
        let (mut p_total, mut p_found) = (0usize, 0.0f64);
        // Words each side says in other words (WordNet synonyms and hypernyms).
        // A word the other side states as written is spoken for: it does not also
        // stand for another word ("controls" states "controller", not "steered").
        let c_other = said_otherwise(claim, &phrase_groups(evidence, &ck));
        let e_other = said_otherwise(evidence, &phrase_groups(claim, &ek));
        let mut found_list = Vec::with_capacity(claim.len());
        for (i, (t, &prefix)) in claim.iter().zip(&c_prefix).enumerate() {
            let w = weight(t, prefix, claim_text);
            let present = w > 0.0
                && if t.kind.is_value() {
                    value_found(t, evidence)
                } else {
                    has(&t.key) || c_other[i]
                };
            found_list.push((w, present));
            if w == 0.0 {
                continue;
            }
            total += w;
            // A word said in other words states less surely than the word itself.
            let share = match present {
                false => 0.0,
                true if t.kind.is_value() || has(&t.key) => 1.0,
                true => OTHER_WORDS,
            };
            found += share * w;
            if w == 1.0 && t.kind == Kind::Word {
                p_total += 1;
                p_found += if present { 1.0 } else { 0.0 };
            }
            if !t.kind.is_value() && t.kind != Kind::Negation {
                a_total += w;
                if present {
                    a_found += w;
                }
            } else if matches!(t.kind, Kind::Measure { .. }) {
                // Its unit says what is measured (a depth in metres), as a word would.
                a_total += 1.0;
                p_total += 1;
                if present {
                    a_found += 1.0;
                    p_found += 1.0;
                }
            }
        }
        let coverage = if total > 0.0 { found / total } else { 0.0 };
        // A low share is enough only for a long claim: at least two words' worth stated.
        let enough = found >= 2.0 || coverage >= 0.5;
        let found_list_for_anchor = found_list.clone();
        let found = found_list;
        let predicate_found = p_total == 0 || p_found >= PREDICATE_SHARE * p_total as f64;
        let anchor = if a_total > 0.0 {
            a_found / a_total
        } else {
            coverage
        };
        let (mut e_total, mut e_found) = (0.0, 0.0);
        for (i, (t, &prefix)) in evidence.iter().zip(&e_prefix).enumerate() {
            let w = weight(t, prefix, evidence_text);
            if w == 0.0 {
                continue;
            }
            e_total += w;
            let present = if t.kind.is_value() {
                claim.iter().any(|c| compatible(&c.kind, &t.kind))
            } else {
                ck.contains(&t.key.as_str())
                    || c_lemmas.contains(&thesaurus::lemma(&t.key))
                    || e_other[i]
            };
            if present {
                e_found += w;
            }
        }
        let precision = if e_total > 0.0 {
            e_found / e_total
        } else {
            0.0
        };
        // Claim coverage matters most: a long evidence sentence may state the claim and more.
        let similarity = if coverage + precision > 0.0 {
            (1.25 * coverage * precision / (0.25 * precision + coverage)).clamp(0.0, 1.0)
        } else {
            0.0
        };

        let complete = claim
            .iter()
            .all(|t| !t.kind.is_value() || value_found(t, evidence));
        let mut conflicts = Vec::new();
        let mut values_matched = true;
        for (ci, ct) in claim.iter().enumerate() {
            if !ct.kind.is_value() {
                continue;
            }
            if value_found(ct, evidence) {
                continue;
            }
            // Candidate evidence values of the same kind that the claim does not state.
            let candidates: Vec<usize> = evidence
                .iter()
                .enumerate()
                .filter(|&(ei, e)| {
                    comparable(&ct.kind, &e.kind)
                        && !claim.iter().any(|c| compatible(&c.kind, &e.kind))
                        && in_tally(claim_text, claim, ci) == in_tally(evidence_text, evidence, ei)
                })
                .map(|(i, _)| i)
                .collect();
            // A number is the heart of a fact; a date or weekday the evidence leaves
            // out entirely is unaddressed rather than contradicted or missing.
            if matches!(ct.kind.family(), Some(Family::Quantity)) || !candidates.is_empty() {
                values_matched = false;
            }
            if candidates.is_empty() {
                continue;
            }
            let in_slot = candidates.iter().copied().find(|&ei| {
                replaced
                    .iter()
                    .any(|(o, n)| o.contains(&ci) && n.contains(&ei))
            });
            let same_context = candidates.iter().copied().find(|&ei| {
                let nc = next_content(claim, ci);
                let pc = prev_content(claim, ci);
                (nc.is_some() && nc == next_content(evidence, ei))
                    || (pc.is_some() && pc == prev_content(evidence, ei))
            });
            // A number counts something: "200 countries" and "28 climate (talks)" in the
            // same place of the diff count different things.
            let counts_other = |ei: usize| {
                let (nc, ne) = (next_content(claim, ci), next_content(evidence, ei));
                // … and the evidence speaks of the claim's counted thing elsewhere, or
                // the claim's is a unit of measure ("26 kg" is no count of "Earth days").
                matches!(ct.kind, Kind::Number(_) | Kind::Span(_))
                    && nc.is_some_and(|c| ek.contains(&c) || text::is_unit(c))
                    && ne.is_some_and(|w| Some(w) != nc && !ck.contains(&w))
            };
            // The party a number belongs to: the nearest name before it. "Reform UK took
            // five seats" is not answered by "Labour won 411 seats".
            // A sentence's first word counts when it is written with a capital and
            // nothing else is: "Labour won 411 seats".
            fn owner<'t>(toks: &'t [Token], text: &str, i: usize) -> Option<&'t str> {
                let near = &toks[i.saturating_sub(8)..i];
                near.iter()
                    .rev()
                    .find(|t| t.capital && t.kind == Kind::Word)
                    .or_else(|| {
                        near.first().filter(|t| {
                            t.start == toks[0].start
                                && t.kind == Kind::Word
                                && text[t.start..].starts_with(char::is_uppercase)
                        })
                    })
                    .map(|t| t.key.as_str())
            }
            let other_owner = |ei: usize| {
                matches!(ct.kind, Kind::Number(_))
                    && owner(claim, claim_text, ci).is_some_and(|c| {
                        owner(evidence, evidence_text, ei)
                            .is_some_and(|e| e != c && !ck.contains(&e))
                    })
            };
            // A rank conflicts with a rank of the same thing, named right after both:
            // "the third country" and "the fourth country", not "their fifth in six
            // seasons" and "his seventh season".
            let same_ranked = |ei: usize| {
                claim.get(ci + 1).is_some_and(|n| {
                    n.kind == Kind::Word && evidence.get(ei + 1).is_some_and(|m| m.key == n.key)
                })
            };
            let chosen = match ct.kind.family() {
                _ if matches!(ct.kind, Kind::Ordinal(_)) => {
                    candidates.iter().copied().find(|&ei| same_ranked(ei))
                }
                // "Monday's talks": a possessive date dates the thing after it, and
                // conflicts only with a date of that same thing.
                _ if claim_text
                    .get(ct.start..ct.end)
                    .is_some_and(|w| w.ends_with("'s") || w.ends_with("’s")) =>
                {
                    same_context
                }
                // An age is someone's wherever it stands ("At 74, he …" / "Charles, who
                // is 73, …"): one other age in a sentence about the same fact is in
                // conflict with it.
                _ if matches!(ct.kind, Kind::Age(_)) => match candidates[..] {
                    [only] => Some(only),
                    _ => same_context.or(in_slot),
                },
                Some(Family::Quantity) => same_context
                    .or(in_slot.filter(|&ei| !counts_other(ei)))
                    .filter(|&ei| !other_owner(ei)),
                Some(Family::Span) => in_slot.or(same_context).filter(|&ei| !counts_other(ei)),
                // A lone date of the same kind elsewhere in the sentence conflicts only
                // when nearly everything else is shared: "met on Monday" against "the
                // summit was on Friday" is about another event.
                _ => in_slot.or(same_context).or(
                    if candidates.len() == 1 && anchor >= 0.75 && coverage >= 0.5 {
                        Some(candidates[0])
                    } else {
                        None
                    },
                ),
            };
            if let Some(ei) = chosen {
                conflicts.push(Conflict {
                    kind: conflict_kind(&ct.kind),
                    claim: span_with_context(claim_text, claim, ci),
                    evidence: span_with_context(evidence_text, evidence, ei),
                });
            }
        }

        // Values bound to each other by a preposition: "60 per cent by 2030" is the
        // figure for 2030. The evidence's same figure bound to another value of that
        // kind ("60 per cent by 2035") is a conflict, unless it also binds the two as
        // the claim does.
        fn link(toks: &[Token], i: usize, j: usize) -> Vec<&str> {
            toks[i + 1..j].iter().map(|t| t.key.as_str()).collect()
        }
        let evidence_pairs = bound_values(evidence);
        // A partner the evidence never states is the rule above's to judge.
        for (ci, cj) in bound_values(claim)
            .into_iter()
            .filter(|&(_, cj)| value_found(&claim[cj], evidence))
        {
            let claim_link = link(claim, ci, cj);
            let pairs: Vec<(usize, usize)> = evidence_pairs
                .iter()
                .copied()
                .filter(|&(ei, ej)| {
                    compatible(&claim[ci].kind, &evidence[ei].kind)
                        && link(evidence, ei, ej) == claim_link
                        && comparable(&claim[cj].kind, &evidence[ej].kind)
                })
                .collect();
            let agrees = pairs
                .iter()
                .any(|&(_, ej)| compatible(&claim[cj].kind, &evidence[ej].kind));
            if let Some(&(ei, ej)) = pairs.first().filter(|_| !agrees) {
                conflicts.push(Conflict {
                    kind: conflict_kind(&claim[cj].kind),
                    claim: slice(claim_text, claim, ci..cj + 1).to_string(),
                    evidence: slice(evidence_text, evidence, ei..ej + 1).to_string(),
                });
            }
        }

        // Negation on one side only.
        let cneg = claim.iter().position(|t| t.kind == Kind::Negation);
        let eneg = evidence.iter().position(|t| t.kind == Kind::Negation);
        let agree_otherwise = coverage >= 0.7 && anchor >= 0.7;
        // In a sentence that otherwise says the same, the negated word may be worded
        // differently on the other side ("does not think" / "believes"): take the words
        // the diff replaced it with.
        let replaced_for = |negated_side_claim: bool, neg: usize| -> Option<String> {
            if !agree_otherwise {
                return None;
            }
            let (tokens, other_tokens, other_text) = if negated_side_claim {
                (claim, evidence, evidence_text)
            } else {
                (evidence, claim, claim_text)
            };
            let word = negated_word(tokens, neg)?;
            replaced.iter().find_map(|(o, n)| {
                let (mine, theirs) = if negated_side_claim { (o, n) } else { (n, o) };
                // The other side must say something in its place ("believes"), not
                // only function words ("No joke:" against "A").
                let says_something = theirs.clone().any(|k| other_tokens[k].kind == Kind::Word);
                (says_something && (mine.contains(&word) || mine.contains(&neg)))
                    .then(|| slice(other_text, other_tokens, theirs.clone()).to_string())
                    .filter(|s| !s.is_empty())
            })
        };
        // "The first time since 1972 that a crewed craft flew to the Moon" and "No crewed
        // craft had flown to the Moon since 1972" say the same: a first or a superlative
        // since a time is the negation of anything like it since then.
        let since_first = |negated_claim: bool| {
            let (text, tokens) = if negated_claim {
                (evidence_text, evidence)
            } else {
                (claim_text, claim)
            };
            let since = |toks: &[Token]| toks.iter().any(|t| t.key == "since");
            since(claim) && since(evidence) && states_a_first(text, tokens)
        };
        let cneg = cneg.filter(|_| !since_first(true));
        let eneg = eneg.filter(|_| !since_first(false));
        // A negation in the evidence about a word the claim never says ("… and accused
        // of not being grateful" against "he was criticised for his clothing") is about
        // another fact of the sentence.
        let eneg_about_claim = eneg.is_some_and(|j| {
            negated_word(evidence, j).is_some_and(|w| ck.contains(&evidence[w].key.as_str()))
        });
        let polarity_differs = match (cneg, eneg) {
            (Some(_), None) => true,
            (None, Some(_)) => eneg_about_claim,
            _ => false,
        };
        match (cneg, eneg) {
            (Some(i), None) => {
                if let Some(other) =
                    counterpart(evidence_text, evidence, claim, i).or_else(|| replaced_for(true, i))
                {
                    conflicts.push(Conflict {
                        kind: ConflictKind::Negation,
                        claim: negation_phrase(claim_text, claim, i),
                        evidence: other,
                    })
                }
            }
            (None, Some(j)) => {
                if let Some(other) =
                    counterpart(claim_text, claim, evidence, j).or_else(|| replaced_for(false, j))
                {
                    conflicts.push(Conflict {
                        kind: ConflictKind::Negation,
                        claim: other,
                        evidence: negation_phrase(evidence_text, evidence, j),
                    })
                }
            }
            _ => {}
        }

        // Antonyms.
        for (ci, ct) in claim.iter().enumerate() {
            if ct.kind != Kind::Word {
                continue;
            }
            // Antonyms from WordNet and a few by hand (`lexicon/antonyms.tsv`), read by
            // lemma: "won" against "lost".
            let lemma = thesaurus::lemma(&ct.key);
            for anti in thesaurus::antonyms(lemma) {
                let anti = anti.as_str();
                if e_lemmas.contains(&anti)
                    && !e_lemmas.contains(&lemma)
                    && !c_lemmas.contains(&anti)
                    && let Some(ei) = e_lemmas.iter().position(|k| *k == anti)
                    && !of_another(evidence, ei, &ck)
                    && !negated(evidence, ei)
                    && !negated(claim, ci)
                {
                    conflicts.push(Conflict {
                        kind: ConflictKind::Antonym,
                        claim: slice(claim_text, claim, ci..ci + 1).to_string(),
                        evidence: slice(evidence_text, evidence, ei..ei + 1).to_string(),
                    });
                }
            }
        }

        // A different name in the same slot: the names that open a replaced run on both
        // sides ("K. Sivan told engineers" against "S. Somanath announced").
        let mut swapped: Vec<usize> = Vec::new();
        for (o, n) in &replaced {
            let names = |toks: &[Token], r: &std::ops::Range<usize>| {
                let mut end = r.start;
                while end < r.end && toks[end].capital && toks[end].kind == Kind::Word {
                    end += 1;
                }
                r.start..end
            };
            let whole = |toks: &[Token],
                         r: &std::ops::Range<usize>,
                         run: &std::ops::Range<usize>| {
                !r.is_empty() && run.end == r.end && toks[r.start..r.end].iter().all(|t| t.capital)
            };
            let (o_run, n_run) = (names(claim, o), names(evidence, n));
            // A title or noun both sides share right before the names ("chairman",
            // "Governor") says the names fill the same role.
            // So do the words that mark an agent or a speaker ("said", "by", "from"), and
            // a content word and an article ("launched from the …").
            let shared = |back: usize| {
                o.start >= back
                    && n.start >= back
                    && claim[o.start - back].key == evidence[n.start - back].key
            };
            let role_word = |t: &Token| {
                t.kind == Kind::Word
                    || matches!(t.key.as_str(), "said" | "says" | "told" | "by" | "from")
            };
            let titled = (shared(1) && role_word(&claim[o.start - 1]))
                || (shared(1)
                    && shared(2)
                    && claim[o.start - 1].kind == Kind::Stop
                    && role_word(&claim[o.start - 2]));
            let all_names = whole(claim, o, &o_run) && whole(evidence, n, &n_run);
            if !o_run.is_empty()
                && !n_run.is_empty()
                && (all_names || titled)
                && !short_form(claim_text, claim, &o_run, evidence_text, evidence, &n_run)
                && o_run.clone().all(|i| !ek.contains(&claim[i].key.as_str()))
                && n_run
                    .clone()
                    .all(|i| !ck.contains(&evidence[i].key.as_str()))
            {
                conflicts.push(Conflict {
                    kind: ConflictKind::Entity,
                    claim: slice(claim_text, claim, o_run.clone()).to_string(),
                    evidence: slice(evidence_text, evidence, n_run.clone()).to_string(),
                });
                if titled {
                    swapped.extend(o_run);
                }
            }
        }
        // The anchor apart from the swapped names: a fact whose every other word is
        // shared, with another person in the same place, is the same fact with another
        // person ("The dissent came from Governor Waller" / "… Governor Bowman").
        let anchor_apart = if swapped.is_empty() {
            anchor
        } else {
            let (mut total, mut found) = (0.0, 0.0);
            for (i, t) in claim.iter().enumerate() {
                if t.kind.is_value() || t.kind == Kind::Negation || swapped.contains(&i) {
                    continue;
                }
                let (w, present) = found_list_for_anchor[i];
                total += w;
                if present {
                    found += w;
                }
            }
            if total > 0.0 { found / total } else { anchor }
        };

        // A sentence about the claim's subject that calls it false ("hoax", "denied",
        // "no evidence") refutes it even without a differing value.
        let claim_has = |stems: &[&str]| claim.iter().any(|t| stems.contains(&t.key.as_str()));
        // Or, with less of the claim shared, a word that calls it false right next to a
        // word of the claim ("the third breast story is a hoax"); a party's denial
        // ("Russia denied …") needs the full anchor.
        let near_shared = |i: usize| {
            let lo = i.saturating_sub(REFUTE_WINDOW);
            let hi = (i + REFUTE_WINDOW + 1).min(evidence.len());
            (lo..hi).any(|k| {
                k != i && evidence[k].kind == Kind::Word && ck.contains(&evidence[k].key.as_str())
            })
        };
        if conflicts.is_empty()
            && anchor >= REFUTE_ANCHOR_NEAR.min(self.refute_anchor)
            && !claim_has(REFUTATION)
            && let Some(i) = (0..evidence.len())
                .find(|&i| REFUTATION.contains(&evidence[i].key.as_str()) && disputes(evidence, i))
            && (anchor >= self.refute_anchor
                || (near_shared(i) && !DISPUTE_VERBS.contains(&evidence[i].key.as_str())))
        {
            conflicts.push(Conflict {
                kind: ConflictKind::Other,
                claim: "(stated as fact)".to_string(),
                evidence: phrase_around(evidence_text, evidence, i),
            });
        }
        // A sentence that only reports the claim ("reportedly", "allegedly") does not
        // state it.
        let mut hedged = has_hedge(evidence_text, evidence) && !has_hedge(claim_text, claim);
        // A question ("Could it be real?") states nothing.
        if text::is_question(evidence_text) {
            hedged = true;
        }
        // A name the sentence only refers back to cannot be swapped for another in it.
        if claim
            .iter()
            .any(|t| !ek.contains(&t.key.as_str()) && context.contains(&t.key.as_str()))
        {
            conflicts.retain(|c| c.kind != ConflictKind::Entity);
        }
        let refuted = conflicts.iter().any(|c| c.kind == ConflictKind::Other);
        let stance = if !conflicts.is_empty()
            && ((anchor.max(anchor_apart) >= self.contradict_anchor && similarity >= 0.2)
                || refuted)
        {
            Stance::Contradicts
        } else if conflicts.is_empty()
            && !hedged
            && !polarity_differs
            && !name_missing
            && predicate_found
            && values_matched
            && coverage >= self.support_coverage
            && enough
            && anchor >= self.support_coverage
        {
            Stance::Supports
        } else {
            Stance::Related
        };
        if stance != Stance::Contradicts {
            // Differences in a sentence about another fact are not conflicts of this claim.
            conflicts.retain(|_| stance == Stance::Contradicts);
        }
        Alignment {
            similarity,
            coverage,
            anchor,
            values_matched,
            complete,
            diff,
            conflicts,
            stance,
            hedged,
            found,
        }
    }

    /// Is this alignment worth listing as evidence at all?
    pub fn is_related(&self, a: &Alignment) -> bool {
        a.stance != Stance::Related || a.coverage >= self.related_coverage
    }
}

/// A value with the word it counts ("six European leaders" → "six European leaders" trimmed
/// to the value and up to two following content words), so the reason reads naturally.
/// Pairs of values joined by one or two function words ("60 per cent by 2030", "in
/// 1985 at 3 p.m."): (first, second) token indices.
/// Is the number at `i` one side of a score or tally ("1-0", "11-1", "2–1")? A tally
/// is one value: its numbers conflict only with another tally's, never with a count
/// ("three-time winners" against "beat Inter 1-0").
fn in_tally(text: &str, tokens: &[Token], i: usize) -> bool {
    let number = |t: &Token| matches!(t.kind, Kind::Number(_));
    let dash = |a: &Token, b: &Token| matches!(text.get(a.end..b.start), Some("-" | "–"));
    number(&tokens[i])
        && (tokens
            .get(i + 1)
            .is_some_and(|n| number(n) && dash(&tokens[i], n))
            || i.checked_sub(1)
                .is_some_and(|p| number(&tokens[p]) && dash(&tokens[p], &tokens[i])))
}

/// Is the word at `i` negated by a negation right before it ("without losing a match"
/// says no loss: it agrees with "won", it does not deny it)?
fn negated(tokens: &[Token], i: usize) -> bool {
    tokens[i.saturating_sub(2)..i]
        .iter()
        .any(|t| t.kind == Kind::Negation)
}

/// Is the word at `i` said of a party or thing the claim never names? The name right
/// after it (its object: "losing to Real Madrid") or, failing that, the nearest name
/// before it within a few words (its subject: "Tice lost"), when the claim's keys `ck`
/// do not hold it. An antonym said of someone else contradicts nothing.
fn of_another(tokens: &[Token], i: usize, ck: &[&str]) -> bool {
    let name = |t: &&Token| t.kind == Kind::Word;
    // Past a score or figure: "lose 1-0 to Chelsea".
    let after = tokens[i + 1..]
        .iter()
        .filter(|t| !t.kind.is_value())
        .take(3)
        .find(|t| t.kind == Kind::Word);
    if let Some(t) = after.filter(|t| t.capital && name(t)) {
        return !ck.contains(&t.key.as_str());
    }
    tokens[i.saturating_sub(6)..i]
        .iter()
        .rev()
        .find(|t| t.capital && name(t))
        .is_some_and(|t| !ck.contains(&t.key.as_str()))
}

/// A plain word: not a name, value, negation or function word. Only these are said in
/// other words; a name is matched as written.
fn plain(t: &Token) -> bool {
    t.kind == Kind::Word && !t.capital
}

/// The thesaurus key of the two-word phrase at `i` ("step down", "call off"), when both
/// are lower-case words (the second may be a function word) and one is plain.
fn pair_key(tokens: &[Token], i: usize) -> Option<String> {
    let (a, b) = (tokens.get(i)?, tokens.get(i + 1)?);
    let word = |t: &Token| matches!(t.kind, Kind::Word | Kind::Stop) && !t.capital;
    (word(a) && word(b) && (plain(a) || plain(b))).then(|| format!("{} {}", a.key, b.key))
}

/// Every thesaurus group of the side's plain words and two-word phrases, sorted, but
/// for the words the other side (`spoken`, its keys) states as written.
fn phrase_groups(tokens: &[Token], spoken: &[&str]) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if spoken.contains(&t.key.as_str()) {
            continue;
        }
        if plain(t) {
            out.extend_from_slice(thesaurus::groups(&t.key));
        }
        if let Some(k) = pair_key(tokens, i) {
            out.extend_from_slice(thesaurus::groups(&k));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Per token: does the other side say it in other words, by a word or phrase that
/// shares one of its `other` groups? A phrase marks both its words.
fn said_otherwise(tokens: &[Token], other: &[u32]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    for (i, t) in tokens.iter().enumerate() {
        if plain(t) && thesaurus::share(thesaurus::groups(&t.key), other) {
            out[i] = true;
        }
        if let Some(k) = pair_key(tokens, i)
            && thesaurus::share(thesaurus::groups(&k), other)
        {
            out[i] = true;
            out[i + 1] = true;
        }
    }
    out
}

fn bound_values(tokens: &[Token]) -> Vec<(usize, usize)> {
    (0..tokens.len())
        .filter(|&i| tokens[i].kind.is_value())
        .filter_map(|i| {
            let j = (i + 1..tokens.len().min(i + 4)).find(|&j| tokens[j].kind != Kind::Stop)?;
            (j > i + 1 && tokens[j].kind.is_value()).then_some((i, j))
        })
        .collect()
}

fn span_with_context(text: &str, tokens: &[Token], i: usize) -> String {
    let t = &tokens[i];
    let mut end = t.end;
    // Include a preposition before a span ("within two weeks") and the counted noun.
    let mut start = t.start;
    if i > 0
        && matches!(t.kind, Kind::Span(_))
        && matches!(
            tokens[i - 1].key.as_str(),
            "within" | "in" | "for" | "after" | "over"
        )
    {
        start = tokens[i - 1].start;
    }
    if matches!(t.kind, Kind::Number(_))
        && let Some(next) = tokens.get(i + 1)
        && next.kind == Kind::Word
    {
        end = next.end;
    }
    text.get(start..end).unwrap_or("").to_string()
}

/// A word and its neighbours, for quoting a cue in a reason.
fn phrase_around(text: &str, tokens: &[Token], i: usize) -> String {
    let start = tokens[i.saturating_sub(1)].start;
    let end = tokens[(i + 1).min(tokens.len() - 1)].end;
    text.get(start..end).unwrap_or("").to_string()
}

fn negation_phrase(text: &str, tokens: &[Token], i: usize) -> String {
    // The negation and the content word it negates: "does not believe", "without a ceasefire".
    let start =
        if i > 0 && tokens[i - 1].kind == Kind::Stop && tokens[i - 1].end + 1 >= tokens[i].start {
            tokens[i - 1].start
        } else {
            tokens[i].start
        };
    let end = tokens[i + 1..]
        .iter()
        .find(|t| t.kind == Kind::Word)
        .map(|t| t.end)
        .unwrap_or(tokens[i].end);
    text.get(start..end).unwrap_or("").to_string()
}

/// Does the text state a first or a superlative ("the first time", "the most
/// powerful", "the strongest")? Superlatives are told by the tagger (an adjective or
/// adverb in "-est"), so "protest" and "interest" are not.
fn states_a_first(text: &str, tokens: &[Token]) -> bool {
    tokens
        .iter()
        .any(|t| matches!(t.key.as_str(), "first" | "most" | "least"))
        || crate::pos::tag(text).iter().any(|t| {
            let w = t.word(text).to_lowercase();
            matches!(t.pos, crate::pos::Pos::ADJ | crate::pos::Pos::ADV)
                && (w.ends_with("est") || w == "best" || w == "worst")
        })
}

/// Is one name run a short form of the other: an initialism or an abbreviation that
/// opens with the same letter and has at most three letters ("I-695" for "Interstate
/// 695", "UN" for "United Nations")?
fn short_form(
    a_text: &str,
    a: &[Token],
    a_run: &std::ops::Range<usize>,
    b_text: &str,
    b: &[Token],
    b_run: &std::ops::Range<usize>,
) -> bool {
    let letters = |text: &str, toks: &[Token], r: &std::ops::Range<usize>| -> Vec<String> {
        toks[r.clone()]
            .iter()
            .map(|t| {
                deunicode::deunicode(&text[t.start..t.end])
                    .to_lowercase()
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .collect()
            })
            .collect()
    };
    let (x, y) = (letters(a_text, a, a_run), letters(b_text, b, b_run));
    let short = |s: &[String], long: &[String]| {
        s.len() == 1 && {
            let w = &s[0];
            let initials: String = long.iter().filter_map(|l| l.chars().next()).collect();
            !w.is_empty()
                && w.len() <= 3
                && (initials.starts_with(w.as_str())
                    || long.first().is_some_and(|l| l.starts_with(w.as_str())))
        }
    };
    short(&x, &y) || short(&y, &x)
}

/// Does the refutation word at `i` dispute something? "She denied taking it" does;
/// "he was denied parole" (refused) and "would not confirm or deny", "neither
/// confirmed nor denied" (left open) do not.
fn disputes(tokens: &[Token], i: usize) -> bool {
    let key = |back: usize| i.checked_sub(back).map(|k| tokens[k].key.as_str());
    // The auxiliary of a passive may stand one adverb back ("was later dismissed").
    let aux = |k: Option<&str>| {
        matches!(
            k,
            Some("was" | "were" | "been" | "be" | "is" | "are" | "get" | "got")
        )
    };
    let adverb = i
        .checked_sub(1)
        .is_some_and(|k| tokens[k].kind == Kind::Word && tokens[k].key.ends_with("li"));
    // A passive with no agent or object of the dispute is something done to a person
    // ("was denied parole", "was later dismissed"), not a dispute of the claim; "was
    // dismissed as speculation", "was denied by the ministry" still dispute it.
    let answered = tokens[i + 1..]
        .iter()
        .take(2)
        .any(|t| matches!(t.key.as_str(), "as" | "by"));
    let passive =
        (aux(key(1)) || (adverb && aux(key(2))) || (key(1) == Some("later") && aux(key(2))))
            && !answered;
    let open = matches!(key(1), Some("or" | "nor")) && key(2) == Some("confirm");
    !(passive || open)
}

/// The index of the word a negation applies to: the first plain content word within
/// a few words after it, past names ("without Joan's consent" negates "consent", "not
/// an ISIS scholar" negates "scholar"); a name only where no plain word follows
/// ("not Putin").
fn negated_word(tokens: &[Token], neg: usize) -> Option<usize> {
    let words: Vec<usize> = (neg + 1..tokens.len())
        .filter(|&k| tokens[k].kind == Kind::Word)
        .take(3)
        .collect();
    words
        .iter()
        .copied()
        .find(|&k| !tokens[k].capital)
        .or_else(|| words.first().copied())
}

/// The other side's wording of the word a negation applies to. `None` when the other
/// side does not say that word at all: then the negation is about something else.
fn counterpart(text: &str, tokens: &[Token], other: &[Token], neg: usize) -> Option<String> {
    let w = negated_word(other, neg)?;
    let said = |w: usize| {
        let lemma = thesaurus::lemma(&other[w].key);
        tokens.iter().find(|t| thesaurus::lemma(&t.key) == lemma)
    };
    // A verb this side does not say may take the one it governs: "never managed to
    // send" denies the sending that "had sent" states.
    let t = said(w).or_else(|| {
        let governed = (other.get(w + 1)?.key == "to"
            && other.get(w + 2)?.kind == Kind::Word
            && !other[w + 2].capital)
            .then_some(w + 2)?;
        said(governed)
    })?;
    text.get(t.start..t.end).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn align(c: &str, e: &str) -> Alignment {
        Aligner::default().align(c, &tokenize(c), e, &tokenize(e))
    }

    #[test]
    fn same_fact_in_other_words_supports() {
        let a = align(
            "Seven European leaders joined Zelensky at the White House.",
            "Zelensky was joined at the White House by 7 European leaders.",
        );
        assert_eq!(a.stance, Stance::Supports, "{a:#?}");
        assert!(a.conflicts.is_empty());
    }

    #[test]
    fn different_number_contradicts_with_values() {
        let a = align(
            "Six European leaders joined Zelensky at the White House.",
            "Seven European leaders joined Zelensky at the White House on Monday.",
        );
        assert_eq!(a.stance, Stance::Contradicts, "{a:#?}");
        assert_eq!(a.conflicts[0].kind, ConflictKind::Number);
        assert_eq!(a.conflicts[0].claim, "Six European");
        assert_eq!(a.conflicts[0].evidence, "Seven European");
    }

    #[test]
    fn time_span_and_weekday_conflicts_are_dates() {
        let a = align(
            "Merz said such a meeting could take place within three weeks.",
            "Merz said a meeting of the two could take place within two weeks.",
        );
        assert_eq!(a.stance, Stance::Contradicts, "{a:#?}");
        assert_eq!(a.conflicts[0].kind, ConflictKind::Date);
        assert_eq!(a.conflicts[0].claim, "within three weeks");
        assert_eq!(a.conflicts[0].evidence, "within two weeks");
        let b = align(
            "Trump met Putin at a summit in Alaska on Thursday.",
            "Trump and Putin held their summit in Alaska on Friday.",
        );
        assert_eq!(b.stance, Stance::Contradicts, "{b:#?}");
        assert_eq!(b.conflicts[0].kind, ConflictKind::Date);
    }

    #[test]
    fn negation_on_one_side_contradicts() {
        let a = align(
            "Trump said he believes a ceasefire is necessary to reach a peace deal.",
            "Trump said he does not believe a ceasefire is necessary to reach a peace deal.",
        );
        assert_eq!(a.stance, Stance::Contradicts, "{a:#?}");
        assert_eq!(a.conflicts[0].kind, ConflictKind::Negation);
        assert_eq!(a.conflicts[0].evidence, "does not believe");
        assert_eq!(a.conflicts[0].claim, "believes");
    }

    #[test]
    fn negation_applies_to_the_word_after_names() {
        // "without Joan's consent" negates the consent, not Joan: no conflict with a
        // claim that never mentions consent.
        let a = align(
            "Joan's personal doctor performed a biopsy during the procedure.",
            "Joan's personal doctor performed a biopsy without Joan's consent during the procedure.",
        );
        assert!(
            !a.conflicts.iter().any(|c| c.kind == ConflictKind::Negation),
            "{a:#?}"
        );
        // The negated word itself stated the other way is still a conflict.
        let b = align(
            "The singer wants to marry her fiance this winter.",
            "The singer doesn't want to marry her fiance this winter.",
        );
        assert_eq!(b.stance, Stance::Contradicts, "{b:#?}");
        assert_eq!(b.conflicts[0].kind, ConflictKind::Negation);
    }

    #[test]
    fn negation_against_function_words_is_no_conflict() {
        // "No joke:" opens a headline; the evidence has no word in its place.
        let a = align(
            "No joke: boy billed for missing friend's birthday party",
            "A boy was billed for missing his friend's birthday party.",
        );
        assert!(a.conflicts.is_empty(), "{a:#?}");
        assert_ne!(a.stance, Stance::Contradicts, "{a:#?}");
    }

    #[test]
    fn open_denial_and_questions_state_nothing() {
        let a = align(
            "US airstrikes targeted the group's leader.",
            "US officials would not confirm or deny whether airstrikes targeted the group's leader.",
        );
        assert_ne!(a.stance, Stance::Contradicts, "{a:#?}");
        let b = align(
            "The crab photo is real.",
            "A photo of a giant crab has people asking: is the crab photo real?",
        );
        assert_ne!(b.stance, Stance::Supports, "{b:#?}");
        assert!(b.hedged);
        // A denial stated as such still refutes.
        let c = align(
            "The doctor took a selfie during the operation.",
            "The doctor denied she took a selfie during the operation.",
        );
        assert_eq!(c.stance, Stance::Contradicts, "{c:#?}");
    }

    #[test]
    fn hedges_are_matched_as_written() {
        // "reportedly" stems to "report": matched as written, it still hedges.
        for hedge in ["reportedly", "allegedly", "supposedly"] {
            let a = align(
                "The fiancee wants to marry him in prison.",
                &format!("The fiancee {hedge} wants to marry him in prison."),
            );
            assert!(a.hedged, "{hedge}");
            assert_eq!(a.stance, Stance::Related, "{hedge}: {a:#?}");
        }
        // A hedged claim may be supported by a hedged sentence.
        let b = align(
            "The fiancee reportedly wants to marry him in prison.",
            "The fiancee reportedly wants to marry him in prison.",
        );
        assert_eq!(b.stance, Stance::Supports, "{b:#?}");
        // Attribution states a fact through its source.
        let c = align(
            "Three people died in the fire.",
            "According to police, three people died in the fire.",
        );
        assert!(!c.hedged);
        assert_eq!(c.stance, Stance::Supports, "{c:#?}");
    }

    /// Whose value a value is: (claim, evidence, contradicts). A row per rule.
    #[test]
    fn a_value_conflicts_only_with_the_value_of_the_same_role() {
        let rows = [
            // A possessive date dates the thing after it.
            (
                "Ukraine reported just hours after Monday's talks.",
                "Early on Tuesday, Kyiv time, Ukraine said Russian forces had launched new \
                 strikes on its energy infrastructure, hours after the talks in Washington ended.",
                false,
            ),
            (
                "Ukraine reported just hours after Monday's talks.",
                "Ukraine reported just hours after Friday's talks.",
                true,
            ),
            // A number's party may be its sentence's first word.
            (
                "Reform UK took five seats.",
                "Labour won 411 seats on 33.7 per cent of the UK-wide vote.",
                false,
            ),
            (
                "Reform UK took five seats.",
                "Reform UK took 14 seats.",
                true,
            ),
            // Values bound by a preposition: the evidence's 60 per cent is 2035's.
            (
                "Emissions must fall 60 per cent by 2030, the council said.",
                "Emissions must fall 43 per cent by 2030 and 60 per cent by 2035, the council said.",
                true,
            ),
            (
                "Emissions must fall 43 per cent by 2030, the council said.",
                "Emissions must fall 43 per cent by 2030 and 60 per cent by 2035, the council said.",
                false,
            ),
        ];
        for (claim, evidence, contradicts) in rows {
            let a = align(claim, evidence);
            assert_eq!(
                a.stance == Stance::Contradicts,
                contradicts,
                "{claim} / {evidence}: {a:#?}"
            );
        }
    }

    #[test]
    fn refutation_next_to_the_claims_words() {
        // Little of the claim is shared, but the sentence calls it a hoax.
        let a = align(
            "Florida woman has surgery to add a third breast to her chest",
            "The third breast story is a hoax.",
        );
        assert!(a.anchor < 0.3, "{a:#?}");
        assert_eq!(a.stance, Stance::Contradicts, "{a:#?}");
        // A party's denial needs the full anchor: "Russia denied" alone does not
        // contradict every claim about Russia.
        let b = align(
            "Russia launched new strikes on the energy grid of Ukraine overnight",
            "Russia denied that its strikes had hit civilians.",
        );
        assert!((0.2..0.3).contains(&b.anchor), "{b:#?}");
        assert_ne!(b.stance, Stance::Contradicts, "{b:#?}");
        // "was denied parole" is a refusal, not a denial.
        let c = align(
            "Manson has a parole hearing in the prison this year",
            "Manson was denied parole in the prison this year.",
        );
        assert_ne!(c.stance, Stance::Contradicts, "{c:#?}");
    }

    #[test]
    fn support_needs_more_than_names_or_one_word() {
        // Shares only the claim's names: the same people, another fact.
        let a = align(
            "However, differences between the US and Europe are still visible.",
            "European countries would provide the guarantees in coordination with the US and Europe.",
        );
        assert_ne!(a.stance, Stance::Supports, "{a:#?}");
        // One shared word of a short claim is not enough.
        let b = align(
            "Both leaders said they are willing to meet.",
            "A trilateral meeting of the three presidents would follow the bilateral meeting.",
        );
        assert_ne!(b.stance, Stance::Supports, "{b:#?}");
        // A long claim stated in part, in other words, is.
        let c = align(
            "That meeting had a hostile tone, with the president being criticised for his attire and accused of not showing enough gratitude for US support.",
            "Back then he was criticised for his clothing and accused of not being grateful enough for US support.",
        );
        assert_eq!(c.stance, Stance::Supports, "{c:#?}");
        // Framing words ("a study finds", "scientists say") weigh little.
        let d = align(
            "A new study finds that sea ice in the Arctic is shrinking.",
            "Sea ice in the Arctic is shrinking.",
        );
        assert_eq!(d.stance, Stance::Supports, "{d:#?}");
        assert!(d.coverage >= 0.7, "{d:#?}");
    }

    #[test]
    fn antonym_and_entity_conflicts() {
        let a = align(
            "The central bank approved the new rate.",
            "The central bank rejected the new rate.",
        );
        assert_eq!(a.stance, Stance::Contradicts, "{a:#?}");
        assert_eq!(a.conflicts[0].kind, ConflictKind::Antonym);
        let b = align(
            "The strike drew criticism from Hungary's foreign minister on Tuesday.",
            "The strike drew criticism from Slovakia's foreign minister on Tuesday.",
        );
        assert_eq!(b.stance, Stance::Contradicts, "{b:#?}");
        assert_eq!(b.conflicts[0].kind, ConflictKind::Entity);
    }

    #[test]
    fn another_person_in_the_same_role_contradicts() {
        // Everything but the name is shared: the same fact with another person.
        let a = align(
            "The dissent came from Governor Christopher Waller.",
            "The lone dissent came from Governor Michelle Bowman, who wanted a smaller cut.",
        );
        assert_eq!(a.stance, Stance::Contradicts, "{a:#?}");
        assert_eq!(a.conflicts[0].kind, ConflictKind::Entity);
        assert_eq!(a.conflicts[0].claim, "Christopher Waller");
        // A short form is the same name, not a swap.
        let b = align(
            "The bridge carried Interstate 695 across the harbor.",
            "The bridge carried I-695 across the harbor.",
        );
        assert!(
            !b.conflicts.iter().any(|c| c.kind == ConflictKind::Entity),
            "{b:#?}"
        );
        // Names after a bare article fill no shared role: no lowered threshold.
        let c = align(
            "Its support ship, the Polar Prince, lost contact with the sub.",
            "Its crew asked the US Navy for help.",
        );
        assert_ne!(c.stance, Stance::Contradicts, "{c:#?}");
    }

    #[test]
    fn a_number_conflicts_only_with_the_same_count_of_the_same_party() {
        // Another party's count in the same place of the diff.
        let a = align(
            "In the election, Reform UK took five seats.",
            "In the election, Labour took 411 seats.",
        );
        assert!(
            !a.conflicts.iter().any(|c| c.kind == ConflictKind::Number),
            "{a:#?}"
        );
        // A measure is no count of something else.
        let b = align(
            "The Pragyan rover weighs about 26 kg.",
            "The Pragyan rover is expected to operate for about 14 Earth days.",
        );
        assert!(
            !b.conflicts.iter().any(|c| c.kind == ConflictKind::Number),
            "{b:#?}"
        );
        // The same party's count still conflicts.
        let c = align(
            "In the election, Labour took 400 seats.",
            "In the election, Labour took 411 seats.",
        );
        assert_eq!(c.stance, Stance::Contradicts, "{c:#?}");
    }

    #[test]
    fn clock_times_compare_across_zones() {
        let a = align(
            "The rocket lifted off at 1:47 a.m. EST from the pad.",
            "The rocket lifted off at 0647 GMT from the pad.",
        );
        assert!(a.values_matched, "{a:#?}");
        assert!(a.conflicts.is_empty(), "{a:#?}");
        // Without a zone on one side, a whole number of quarter hours apart may be
        // the same moment; other minutes conflict.
        assert!(same_time(18 * 60 + 4, None, 12 * 60 + 34, Some(0)));
        assert!(!same_time(18 * 60 + 4, None, 12 * 60 + 40, Some(0)));
        let b = align(
            "The lander touched down at 6:04 p.m. near the pole.",
            "The lander touched down at 6:40 p.m. near the pole.",
        );
        assert_eq!(b.stance, Stance::Contradicts, "{b:#?}");
    }

    #[test]
    fn a_first_since_is_the_negation_of_any_since() {
        let a = align(
            "It was the most powerful earthquake to hit Turkey since 1939.",
            "No earthquake this powerful had hit Turkey since 1939.",
        );
        assert!(
            !a.conflicts.iter().any(|c| c.kind == ConflictKind::Negation),
            "{a:#?}"
        );
        // A negation in the evidence about another fact of the sentence.
        let b = align(
            "He was criticised for his clothing.",
            "He was criticised for his clothing and accused of not being grateful.",
        );
        assert_eq!(b.stance, Stance::Supports, "{b:#?}");
    }

    #[test]
    fn same_topic_other_fact_is_only_related() {
        let a = align(
            "Merz said a meeting between Putin and Zelensky could take place within two weeks.",
            "A trilateral summit with Trump could follow within a month.",
        );
        assert_eq!(a.stance, Stance::Related, "{a:#?}");
        assert!(a.conflicts.is_empty());
        let b = align(
            "Seven European leaders joined Zelensky at the White House.",
            "Russia launched 270 drones overnight.",
        );
        assert_ne!(b.stance, Stance::Contradicts);
    }

    #[test]
    fn paraphrased_values_match() {
        let a = align(
            "The telescope has a 6.5 m mirror launched on Dec. 25.",
            "Launched on 25 December, the telescope carries a 6.5-metre mirror.",
        );
        assert!(a.values_matched, "{a:#?}");
        assert_eq!(a.stance, Stance::Supports, "{a:#?}");
    }

    #[test]
    fn diff_marks_differing_words() {
        let a = align("Merz spoke on Monday.", "Merz spoke on Friday.");
        assert!(
            a.diff
                .iter()
                .any(|d| d.op == Op::Delete && d.text == "Monday")
        );
        assert!(
            a.diff
                .iter()
                .any(|d| d.op == Op::Insert && d.text == "Friday")
        );
        assert!(
            a.diff
                .iter()
                .any(|d| d.op == Op::Equal && d.text.contains("Merz"))
        );
    }
}
