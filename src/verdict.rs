//! From aligned evidence to a verdict with a confidence and a reason.
//!
//! The verdict weighs sources by reliability: a claim that reliable sources state
//! and only a low-reliability source disputes is `supported`, with the dissent kept
//! as contradicting evidence and named in the reason; where sources of equal
//! standing disagree the claim is `contradicted` and both sides are listed. Every
//! verdict carries its reason and the evidence that decided it, so a reader can see
//! why without re-running anything.

use std::cmp::Ordering;

use rayon::prelude::*;
use serde::Serialize;

use crate::align::{Aligner, Alignment, Conflict, ConflictKind, Stance};
use crate::claims::Claim;
use crate::corpus::Corpus;
use crate::index::Retriever;
use crate::manifest::Reliability;
use crate::text::{self, Token};

/// The three verdicts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize, Hash,
)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Supported,
    Contradicted,
    Unverified,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Supported => "supported",
            Label::Contradicted => "contradicted",
            Label::Unverified => "unverified",
        }
    }
}

/// One piece of evidence for a claim: a corpus sentence and its alignment.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// Index into the corpus sentences.
    pub sentence: usize,
    pub alignment: Alignment,
    /// Supports together with other sentences of its source, not alone.
    pub combined: bool,
    /// Would support the claim, but its source only retells the story: its wording
    /// hedges throughout ([`crate::corpus::Register::reports_only`]).
    pub reported: bool,
}

/// A claim's verdict.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub label: Label,
    pub confidence: f64,
    pub reason: Reason,
    /// Best first: deciding evidence, then the other side, then related sentences.
    pub evidence: Vec<Evidence>,
}

/// Why a verdict was given: the rule that decided, the sources it weighed and the
/// values in conflict. `report` writes it in words ([`crate::report::words::reason`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// No sentence of the corpus is related to the claim.
    NotMentioned,
    /// Sentences are related, none states or disputes the claim; `closest` is the
    /// best one's source.
    RelatedOnly { closest: String },
    /// A sentence would support the claim, but its source only retells the story
    /// ([`crate::corpus::Register::reports_only`]).
    ReportedOnly {
        source: String,
        hedges: usize,
        words: usize,
        examples: Vec<String>,
    },
    /// A question asserts no fact to check.
    Question,
    /// `source` states the claim (across `across` of its sentences when it does not in
    /// one), and so do `others` other sources.
    Stated {
        source: String,
        across: Option<usize>,
        others: usize,
    },
    /// Only a low-reliability source disputes the claim, and none states it.
    DisputedOnlyByLow {
        source: String,
        conflicts: Vec<Conflict>,
    },
    /// `source` states something else, and no source states the claim.
    Contradicted {
        source: String,
        conflicts: Vec<Conflict>,
    },
    /// A more reliable source states the claim than the one that disputes it.
    DissentOutweighed {
        source: String,
        reliability: Reliability,
        dissent: String,
        dissent_reliability: Reliability,
        conflicts: Vec<Conflict>,
    },
    /// A more reliable source disputes the claim than the one that states it.
    SupportOutweighed {
        source: String,
        reliability: Reliability,
        support: String,
        conflicts: Vec<Conflict>,
    },
    /// Sources of equal standing disagree, but the supporting sentence states every
    /// value of the claim and matches it far more closely (`similarity` against
    /// `dissent_similarity`, by at least `Verifier::closer_support`): the dispute is
    /// read as being about another fact.
    CloserSupport {
        source: String,
        similarity: f64,
        dissent: String,
        dissent_similarity: f64,
        conflicts: Vec<Conflict>,
    },
    /// Sources of equal standing disagree; the dispute wins.
    EqualStanding {
        source: String,
        support: String,
        conflicts: Vec<Conflict>,
    },
}

/// Settings of the verification step.
#[derive(Debug, Clone)]
pub struct Verifier {
    pub aligner: Aligner,
    /// Candidates retrieved per claim.
    pub candidates: usize,
    /// Evidence listed per claim in reports.
    pub max_evidence: usize,
    /// Coverage that up to three sentences of one source must reach together to
    /// support a claim that no single sentence states whole.
    pub combine_coverage: f64,
    /// How much closer than the disputing sentence a sentence stating every value of
    /// the claim must match it to outweigh a source of equal standing: a dispute from
    /// a sentence that shares far less with the claim is about another fact.
    pub closer_support: f64,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier {
            aligner: Aligner::default(),
            candidates: 12,
            max_evidence: 3,
            combine_coverage: 0.6,
            closer_support: 0.3,
        }
    }
}

fn rank(stance: Stance) -> u8 {
    match stance {
        Stance::Contradicts | Stance::Supports => 0,
        Stance::Related => 1,
    }
}

impl Verifier {
    /// Verify many claims against one corpus, on all cores; results in claim order.
    pub fn verify_all(
        &self,
        claims: &[Claim],
        corpus: &Corpus,
        index: &dyn Retriever,
    ) -> Vec<Verdict> {
        claims
            .par_iter()
            .map(|c| {
                let tokens = if c.tokens.is_empty() {
                    text::tokenize(&c.text)
                } else {
                    c.tokens.clone()
                };
                self.verify_tokens(&c.text, tokens, corpus, index)
            })
            .collect()
    }

    /// Verify one claim text.
    pub fn verify(&self, claim: &str, corpus: &Corpus, index: &dyn Retriever) -> Verdict {
        self.verify_tokens(claim, text::tokenize(claim), corpus, index)
    }

    /// Verify a claim analysed already ([`Claim::tokens`]); how the corpus writes the
    /// claim's words settles the names the claim alone could not.
    fn verify_tokens(
        &self,
        claim: &str,
        mut tokens: Vec<Token>,
        corpus: &Corpus,
        index: &dyn Retriever,
    ) -> Verdict {
        corpus.mark_names(claim, &mut tokens);
        let hits = index.search(&tokens, self.candidates);
        let mut evidence: Vec<Evidence> = hits
            .into_iter()
            .map(|hit| {
                let s = &corpus.sentences[hit.sentence];
                let context = refers_back(corpus, hit.sentence);
                let mut alignment = self
                    .aligner
                    .align_in_context(claim, &tokens, &s.text, &s.tokens, &context);
                // A source that retells a story ("reportedly", "sources say") does not
                // vouch for it, though this sentence may read as plain fact.
                let reported = alignment.stance == Stance::Supports
                    && corpus.sources[s.source].register.reports_only();
                if reported {
                    alignment.stance = Stance::Related;
                }
                Evidence {
                    sentence: hit.sentence,
                    alignment,
                    combined: false,
                    reported,
                }
            })
            .filter(|e| self.aligner.is_related(&e.alignment))
            .collect();
        if evidence
            .iter()
            .all(|e| e.alignment.stance == Stance::Related)
        {
            for i in self.combined_support(&tokens, &evidence, corpus) {
                evidence[i].alignment.stance = Stance::Supports;
                evidence[i].combined = true;
            }
        }
        // A question ("Did the minister resign?") asserts nothing: nothing can state or
        // dispute it, though related sentences are still listed.
        let question = text::is_question(claim);
        if question {
            for e in &mut evidence {
                e.alignment.stance = Stance::Related;
                e.alignment.conflicts.clear();
                e.combined = false;
            }
        }
        let weight = |e: &Evidence| corpus.sources[corpus.sentences[e.sentence].source].reliability;
        evidence.sort_by(|a, b| {
            rank(a.alignment.stance)
                .cmp(&rank(b.alignment.stance))
                .then(weight(b).cmp(&weight(a)))
                .then(b.alignment.similarity.total_cmp(&a.alignment.similarity))
                .then(a.sentence.cmp(&b.sentence))
        });
        let mut verdict = decide(evidence, corpus, self.max_evidence, self.closer_support);
        if question {
            verdict.reason = Reason::Question;
        }
        verdict
    }
}

impl Verifier {
    /// A source may state a claim across sentences ("X met Y on Monday." … "The talks
    /// in Z …"). When up to three unhedged sentences of one source, each about the
    /// claim's subject, together state enough of the claim, they support it together.
    /// Returns the indices of those sentences, or nothing.
    fn combined_support(
        &self,
        claim: &[Token],
        evidence: &[Evidence],
        corpus: &Corpus,
    ) -> Vec<usize> {
        let mut by_source: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for (i, e) in evidence.iter().enumerate() {
            let a = &e.alignment;
            let source = &corpus.sources[corpus.sentences[e.sentence].source];
            if !a.hedged
                && !source.register.reports_only()
                && a.anchor >= 0.3
                && a.coverage >= self.aligner.related_coverage
                && !someone_else_does_it(claim, &corpus.sentences[e.sentence])
            {
                by_source
                    .entry(corpus.sentences[e.sentence].source)
                    .or_default()
                    .push(i);
            }
        }
        for (_, mut members) in by_source {
            members.sort_by(|a, b| {
                evidence[*b]
                    .alignment
                    .coverage
                    .total_cmp(&evidence[*a].alignment.coverage)
            });
            members.truncate(3);
            // One of them names the subject ("attention turns to Pragyan, the rover");
            // another may state the rest of it ("The 26-kilogram rover will …").
            if members.len() < 2 || members.iter().all(|&m| evidence[m].alignment.anchor < 0.5) {
                continue;
            }
            let n = evidence[members[0]].alignment.found.len();
            let (mut total, mut found) = (0.0, 0.0);
            for t in 0..n {
                let w = evidence[members[0]].alignment.found[t].0;
                total += w;
                if members.iter().any(|&m| evidence[m].alignment.found[t].1) {
                    found += w;
                }
            }
            if total > 0.0 && found / total >= self.combine_coverage {
                return members;
            }
        }
        Vec::new()
    }
}

/// Does the sentence have someone the claim does not name do what the claim says:
/// a run of two or more capitalised words none of which the claim has ("Romelu
/// Lukaku"), right before a word of the claim ("headed")? Such a sentence cannot lend
/// its words to a claim put together from several sentences ("Rodri headed at
/// Ederson" from "… through Rodri." and "… when Romelu Lukaku headed at Ederson").
fn someone_else_does_it(claim: &[Token], s: &crate::corpus::EvidenceSentence) -> bool {
    let in_claim = |t: &Token| claim.iter().any(|c| c.key == t.key);
    let t = &s.tokens;
    let prefix = crate::align::name_prefixes(&s.text, t);
    (1..t.len().saturating_sub(1)).any(|i| {
        prefix[i - 1]
            && !in_claim(&t[i - 1])
            && !in_claim(&t[i])
            && t[i + 1].kind == text::Kind::Word
            && !t[i + 1].capital
            && in_claim(&t[i + 1])
    })
}

/// Words that open a sentence whose subject is someone or something named just
/// before: a definite description ("The Spain midfielder scored …") or a pronoun ("He
/// said …"). Not a possessive: "Their best chance came when Lukaku …" is about
/// someone else.
const BACK_REFERENCES: &[&str] = &["the", "he", "she", "it", "they"];

/// The names (keys of capitalised words) of the two sentences before sentence `i` of
/// the same source, when sentence `i` opens by referring back to something.
fn refers_back(corpus: &Corpus, i: usize) -> Vec<&str> {
    let s = &corpus.sentences[i];
    let opens = s
        .text
        .split_whitespace()
        .next()
        .is_some_and(|w| BACK_REFERENCES.contains(&w.to_lowercase().as_str()));
    if !opens {
        return Vec::new();
    }
    corpus.sentences[i.saturating_sub(2)..i]
        .iter()
        .filter(|p| p.source == s.source)
        .flat_map(|p| p.tokens.iter())
        .filter(|t| t.capital && t.kind == crate::text::Kind::Word)
        .map(|t| t.key.as_str())
        .collect()
}

fn source_name(corpus: &Corpus, e: &Evidence) -> String {
    let src = &corpus.sources[corpus.sentences[e.sentence].source];
    if crate::input::is_url(&src.name) {
        return src.name.clone();
    }
    std::path::Path::new(&src.name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| src.name.clone())
}

fn conflicts_of(e: &Evidence) -> Vec<Conflict> {
    e.alignment.conflicts.clone()
}

/// Decide a verdict from sorted evidence.
pub fn decide(
    evidence: Vec<Evidence>,
    corpus: &Corpus,
    max_evidence: usize,
    closer_support: f64,
) -> Verdict {
    // A sentence that leaves out the value a contradiction is about does not answer it:
    // "visited on Monday" outweighs "visited", whatever the latter's source.
    let value_dispute = evidence.iter().any(|e| {
        e.alignment.stance == Stance::Contradicts
            && e.alignment.conflicts.iter().any(|c| {
                matches!(
                    c.kind,
                    ConflictKind::Number | ConflictKind::Date | ConflictKind::Quantity
                )
            })
    });
    let evidence: Vec<Evidence> = evidence
        .into_iter()
        .map(|mut e| {
            if value_dispute && e.alignment.stance == Stance::Supports && !e.alignment.complete {
                e.alignment.stance = Stance::Related;
            }
            e
        })
        .collect();
    let rel = |e: &Evidence| corpus.sources[corpus.sentences[e.sentence].source].reliability;
    let best = |stance: Stance| {
        evidence
            .iter()
            .filter(|e| e.alignment.stance == stance)
            .max_by(|a, b| {
                rel(a)
                    .cmp(&rel(b))
                    .then(a.alignment.similarity.total_cmp(&b.alignment.similarity))
                    .then(b.sentence.cmp(&a.sentence))
            })
            .cloned()
    };
    let support = best(Stance::Supports);
    let contra = best(Stance::Contradicts);
    let n_support = evidence
        .iter()
        .filter(|e| e.alignment.stance == Stance::Supports)
        .count();
    let n_contra = evidence
        .iter()
        .filter(|e| e.alignment.stance == Stance::Contradicts)
        .count();

    let strength = |e: &Evidence, n: usize| {
        let base = 0.55 + 0.3 * e.alignment.similarity + 0.05 * (n.min(3) as f64 - 1.0);
        (base * (0.6 + 0.4 * rel(e).weight())).clamp(0.0, 0.99)
    };

    let (label, confidence, reason, first): (Label, f64, Reason, Option<Evidence>) =
        match (support, contra) {
            (None, None) => {
                let related = evidence
                    .first()
                    .map(|e| e.alignment.similarity)
                    .unwrap_or(0.0);
                let reported = evidence.iter().find(|e| e.reported);
                let reason = match (reported, evidence.first()) {
                    (Some(e), _) => {
                        let register =
                            &corpus.sources[corpus.sentences[e.sentence].source].register;
                        Reason::ReportedOnly {
                            source: source_name(corpus, e),
                            hedges: register.hedges,
                            words: register.words,
                            examples: register.examples.clone(),
                        }
                    }
                    (None, Some(e)) => Reason::RelatedOnly {
                        closest: source_name(corpus, e),
                    },
                    (None, None) => Reason::NotMentioned,
                };
                (
                    Label::Unverified,
                    (0.9 - 0.4 * related).clamp(0.3, 0.9),
                    reason,
                    None,
                )
            }
            (Some(s), None) => {
                // With no dissent, show the sentence that states most of the claim, weighed
                // by its source's reliability.
                let s = evidence
                    .iter()
                    .filter(|e| e.alignment.stance == Stance::Supports)
                    .max_by(|a, b| {
                        let score = |e: &Evidence| rel(e).weight() * e.alignment.coverage;
                        score(a)
                            .total_cmp(&score(b))
                            .then(a.alignment.similarity.total_cmp(&b.alignment.similarity))
                            .then(b.sentence.cmp(&a.sentence))
                    })
                    .cloned()
                    .unwrap_or(s);
                let source_of = |e: &Evidence| corpus.sentences[e.sentence].source;
                let mut others: Vec<usize> = evidence
                    .iter()
                    .filter(|e| {
                        e.alignment.stance == Stance::Supports && source_of(e) != source_of(&s)
                    })
                    .map(source_of)
                    .collect();
                others.sort_unstable();
                others.dedup();
                let across = s.combined.then(|| {
                    evidence
                        .iter()
                        .filter(|e| e.combined && source_of(e) == source_of(&s))
                        .count()
                });
                let reason = Reason::Stated {
                    source: source_name(corpus, &s),
                    across,
                    others: others.len(),
                };
                (Label::Supported, strength(&s, n_support), reason, Some(s))
            }
            (None, Some(c)) if rel(&c) == Reliability::Low => {
                let reason = Reason::DisputedOnlyByLow {
                    source: source_name(corpus, &c),
                    conflicts: conflicts_of(&c),
                };
                (Label::Unverified, 0.5, reason, Some(c))
            }
            (None, Some(c)) => {
                let reason = Reason::Contradicted {
                    source: source_name(corpus, &c),
                    conflicts: conflicts_of(&c),
                };
                (Label::Contradicted, strength(&c, n_contra), reason, Some(c))
            }
            (Some(s), Some(c)) => match rel(&s).cmp(&rel(&c)) {
                Ordering::Greater => {
                    let reason = Reason::DissentOutweighed {
                        source: source_name(corpus, &s),
                        reliability: rel(&s),
                        dissent: source_name(corpus, &c),
                        dissent_reliability: rel(&c),
                        conflicts: conflicts_of(&c),
                    };
                    let conf = strength(&s, n_support) * 0.9;
                    (Label::Supported, conf, reason, Some(s))
                }
                Ordering::Less => {
                    let reason = Reason::SupportOutweighed {
                        source: source_name(corpus, &c),
                        reliability: rel(&c),
                        support: source_name(corpus, &s),
                        conflicts: conflicts_of(&c),
                    };
                    let conf = strength(&c, n_contra) * 0.85;
                    (Label::Contradicted, conf, reason, Some(c))
                }
                Ordering::Equal
                    if s.alignment.complete
                        && s.alignment.similarity >= c.alignment.similarity + closer_support =>
                {
                    let reason = Reason::CloserSupport {
                        source: source_name(corpus, &s),
                        similarity: s.alignment.similarity,
                        dissent: source_name(corpus, &c),
                        dissent_similarity: c.alignment.similarity,
                        conflicts: conflicts_of(&c),
                    };
                    let conf = strength(&s, n_support) * 0.8;
                    (Label::Supported, conf, reason, Some(s))
                }
                Ordering::Equal => {
                    let reason = Reason::EqualStanding {
                        source: source_name(corpus, &c),
                        support: source_name(corpus, &s),
                        conflicts: conflicts_of(&c),
                    };
                    let conf = strength(&c, n_contra) * 0.7;
                    (Label::Contradicted, conf, reason, Some(c))
                }
            },
        };

    // Evidence order: the deciding sentence first, then the rest as sorted.
    let mut ordered: Vec<Evidence> = Vec::with_capacity(max_evidence);
    if let Some(f) = first {
        ordered.push(f);
    }
    // Make sure the other side of a disagreement is listed.
    let other = match label {
        Label::Supported => Some(Stance::Contradicts),
        Label::Contradicted => Some(Stance::Supports),
        Label::Unverified => None,
    };
    if let Some(stance) = other
        && let Some(e) = evidence.iter().find(|e| e.alignment.stance == stance)
        && !ordered.iter().any(|o| o.sentence == e.sentence)
    {
        ordered.push(e.clone());
    }
    for e in evidence {
        if ordered.len() >= max_evidence {
            break;
        }
        if !ordered.iter().any(|o| o.sentence == e.sentence) {
            ordered.push(e);
        }
    }
    let confidence = (confidence * 100.0).round() / 100.0;
    Verdict {
        label,
        confidence,
        reason,
        evidence: ordered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Source};
    use crate::index::Bm25;

    fn corpus(items: &[(&str, &str, Reliability)]) -> Corpus {
        let mut c = Corpus::from_texts(items.iter().map(|(n, t, _)| (*n, *t)));
        for (i, (_, _, r)) in items.iter().enumerate() {
            c.sources[i] = Source {
                reliability: *r,
                ..c.sources[i].clone()
            };
        }
        c
    }

    fn verify(claim: &str, c: &Corpus) -> Verdict {
        let index = Bm25::new(&c.sentences);
        Verifier::default().verify(claim, c, &index)
    }

    #[test]
    fn reliable_support_beats_low_dissent() {
        let c = corpus(&[
            (
                "wire.txt",
                "Merz said a meeting between Putin and Zelensky could take place within two weeks.",
                Reliability::High,
            ),
            (
                "blog.html",
                "Merz said a meeting between Putin and Zelensky could take place within a month.",
                Reliability::Low,
            ),
        ]);
        let v = verify(
            "Merz said a meeting between Putin and Zelensky could take place within two weeks.",
            &c,
        );
        assert_eq!(v.label, Label::Supported, "{v:#?}");
        assert!(
            matches!(&v.reason, Reason::DissentOutweighed { dissent, .. } if dissent == "blog.html"),
            "{:?}",
            v.reason
        );
        assert!(
            v.evidence
                .iter()
                .any(|e| e.alignment.stance == Stance::Contradicts)
        );
    }

    #[test]
    fn equal_standing_disagreement_is_contradicted() {
        let c = corpus(&[
            (
                "a.txt",
                "Merz said a meeting between Putin and Zelensky could take place within two weeks.",
                Reliability::Normal,
            ),
            (
                "b.txt",
                "Merz said a meeting between Putin and Zelensky could take place within a month.",
                Reliability::Normal,
            ),
        ]);
        let v = verify(
            "Merz said a meeting between Putin and Zelensky could take place within two weeks.",
            &c,
        );
        assert_eq!(v.label, Label::Contradicted, "{v:#?}");
        assert!(
            matches!(&v.reason, Reason::EqualStanding { conflicts, .. }
                if conflicts.iter().any(|c| c.evidence.contains("a month"))),
            "{:?}",
            v.reason
        );
        assert_eq!(v.evidence.len(), 2);
    }

    #[test]
    fn sentences_of_one_source_support_together() {
        let c = corpus(&[(
            "wire.txt",
            "Trump met Zelensky on Monday. \
             Security guarantees for Ukraine, a ceasefire and sanctions were covered.",
            Reliability::High,
        )]);
        let claim = "Trump met Zelensky to discuss security guarantees for Ukraine, a ceasefire and sanctions.";
        let v = verify(claim, &c);
        assert_eq!(v.label, Label::Supported, "{v:#?}");
        assert!(
            matches!(&v.reason, Reason::Stated { source, across: Some(2), .. } if source == "wire.txt"),
            "{:?}",
            v.reason
        );
        assert!(v.evidence.iter().filter(|e| e.combined).count() == 2);
    }

    #[test]
    fn a_sentence_may_refer_back_to_the_name_before_it() {
        let c = corpus(&[(
            "wire.txt",
            "City won the final through Rodri. The Spain midfielder scored in the 68th \
             minute. Their best chance came when Romelu Lukaku headed at Ederson.",
            Reliability::Normal,
        )]);
        let v = verify("Rodri scored in the 68th minute.", &c);
        assert_eq!(v.label, Label::Supported, "{v:#?}");
        let v = verify("Rodri scored in the 70th minute.", &c);
        assert_eq!(v.label, Label::Contradicted, "{v:#?}");
        // What someone else did does not combine with a sentence that names the claim's
        // subject: Lukaku headed at Ederson, not Rodri.
        let v = verify("Rodri headed at Ederson.", &c);
        assert_ne!(v.label, Label::Supported, "{v:#?}");
        // "The Spain midfielder" refers back to the names before it; a possessive
        // ("Their best chance came when Lukaku …") opens a sentence about someone else.
        assert!(
            refers_back(&c, 1).contains(&"rodri"),
            "{:?}",
            refers_back(&c, 1)
        );
        assert!(refers_back(&c, 2).is_empty(), "{:?}", refers_back(&c, 2));
    }

    #[test]
    fn one_sentence_names_the_subject_and_the_next_gives_its_measure() {
        let c = corpus(&[(
            "explainer.html",
            "Attention now turns to Pragyan, the six-wheeled rover folded up inside the lander. \
             The 26-kilogram rover will drive down a ramp and study the soil.",
            Reliability::Normal,
        )]);
        // Sentence by sentence or, as "The 26-kilogram rover" refers back to Pragyan,
        // by the second alone.
        let v = verify("The Pragyan rover weighs about 26 kg.", &c);
        assert_eq!(v.label, Label::Supported, "{v:#?}");
        // A measure no sentence gives is not made up by combining.
        let v = verify("The Pragyan rover weighs about 40 kg.", &c);
        assert_ne!(v.label, Label::Supported, "{v:#?}");
    }

    #[test]
    fn a_source_that_retells_does_not_support() {
        let body = "A man fought off a bear with a Justin Bieber ringtone, according to \
            local media. Sources close to the family said he was recovering. The story could \
            not be checked, and it is unclear where the video came from. Reports say the man \
            was fishing alone near his village when the bear attacked, and neighbours \
            apparently heard the music from far away.";
        let c = corpus(&[("retold.txt", body, Reliability::Normal)]);
        let v = verify("A man fought off a bear with a Justin Bieber ringtone.", &c);
        assert_eq!(v.label, Label::Unverified, "{v:#?}");
        assert!(
            matches!(&v.reason, Reason::ReportedOnly { source, .. } if source == "retold.txt"),
            "{:?}",
            v.reason
        );
        assert!(v.evidence.iter().any(|e| e.reported));
        // The same sentence in a plain report supports the claim.
        let c = corpus(&[(
            "plain.txt",
            "A man fought off a bear with a Justin Bieber ringtone. He was treated in hospital.",
            Reliability::Normal,
        )]);
        let v = verify("A man fought off a bear with a Justin Bieber ringtone.", &c);
        assert_eq!(v.label, Label::Supported, "{v:#?}");
    }

    #[test]
    fn a_question_is_not_checked() {
        let c = corpus(&[(
            "a.txt",
            "The minister resigned on Monday.",
            Reliability::High,
        )]);
        let v = verify("Did the minister resign on Monday?", &c);
        assert_eq!(v.label, Label::Unverified, "{v:#?}");
        assert_eq!(v.reason, Reason::Question);
        assert!(!v.evidence.is_empty(), "related sentences are still listed");
    }

    #[test]
    fn an_opening_name_must_be_in_the_evidence() {
        // "Trump" opens the claim, so its capital says nothing; the corpus writes it as
        // a name, so a sentence about Merz does not support it.
        let c = corpus(&[(
            "a.txt",
            "Reporters asked Trump about the talks. German Chancellor Friedrich Merz said a \
             ceasefire is necessary before the next round of talks.",
            Reliability::High,
        )]);
        let v = verify(
            "Trump said he believes a ceasefire is necessary to reach a peace deal.",
            &c,
        );
        assert_eq!(v.label, Label::Unverified, "{v:#?}");
    }

    #[test]
    fn nothing_said_is_unverified() {
        let c = corpus(&[(
            "a.txt",
            "The weather in Kyiv was warm on Monday.",
            Reliability::High,
        )]);
        let v = verify(
            "Seven European leaders joined Zelensky at the White House.",
            &c,
        );
        assert_eq!(v.label, Label::Unverified);
        assert!((0.0..=1.0).contains(&v.confidence));
    }
}
