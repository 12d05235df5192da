//! The words reports write: verdict and stance names, counts, and text made safe to
//! print. One table, so the terminal, the HTML page and the CI formats name a verdict
//! the same way.

use crate::align::{Conflict, Stance};
use crate::verdict::{Label, Reason};

/// A verdict's name in a sentence or a heading: "Supported", "Contradicted", "Unverified".
pub fn title(label: Label) -> &'static str {
    match label {
        Label::Supported => "Supported",
        Label::Contradicted => "Contradicted",
        Label::Unverified => "Unverified",
    }
}

/// What a piece of evidence does to the claim, as a verb: "supports", "contradicts",
/// "related".
pub fn stance_verb(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "supports",
        Stance::Contradicts => "contradicts",
        Stance::Related => "related",
    }
}

/// The same, as an adjective for a piece of evidence: "Supporting", "Contradicting",
/// "Related".
pub fn stance_adjective(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "Supporting",
        Stance::Contradicts => "Contradicting",
        Stance::Related => "Related",
    }
}

/// A verdict's reason in words, as every format shows it.
pub fn reason(reason: &Reason) -> String {
    match reason {
        Reason::NotMentioned => "no source mentions this".to_string(),
        Reason::RelatedOnly { closest } => {
            format!("no source states this; closest is related only ({closest})")
        }
        Reason::ReportedOnly {
            source,
            hedges,
            words,
            examples,
        } => format!(
            "only reported, not asserted: {source} retells the story without vouching for it \
             ({hedges} reporting words in {}, such as '{}')",
            plural(*words, "word"),
            examples.join("', '")
        ),
        Reason::Question => "a question asserts no fact to check".to_string(),
        Reason::Stated {
            source,
            across,
            others,
        } => {
            let more = match others {
                0 => String::new(),
                1 => " and 1 other source".to_string(),
                n => format!(" and {n} other sources"),
            };
            match across {
                Some(parts) => format!("stated across {parts} sentences of {source}{more}"),
                None => format!("stated by {source}{more}"),
            }
        }
        Reason::DisputedOnlyByLow { source, conflicts } => format!(
            "disputed only by {source} (low reliability): {}; no reliable source states it",
            conflicts_text(conflicts)
        ),
        Reason::Contradicted { source, conflicts } => {
            format!("{} ({source})", conflicts_text(conflicts))
        }
        Reason::DissentOutweighed {
            source,
            reliability,
            dissent,
            dissent_reliability,
            conflicts,
        } => format!(
            "stated by {source} ({} reliability); disputed only by {dissent} ({} reliability): {}",
            reliability.as_str(),
            dissent_reliability.as_str(),
            conflicts_text(conflicts)
        ),
        Reason::SupportOutweighed {
            source,
            reliability,
            support,
            conflicts,
        } => format!(
            "{} ({source}, {} reliability); a less reliable source, {support}, agrees with the claim",
            conflicts_text(conflicts),
            reliability.as_str()
        ),
        Reason::CloserSupport {
            source,
            similarity,
            dissent,
            dissent_similarity,
            conflicts,
        } => format!(
            "stated by {source} (similarity {similarity:.2}); {dissent} differs ({}) in a sentence that matches the claim far less ({dissent_similarity:.2}), so about another fact",
            conflicts_text(conflicts)
        ),
        Reason::EqualStanding {
            source,
            support,
            conflicts,
        } => format!(
            "{} ({source}); sources of equal standing disagree: {support} states the claim",
            conflicts_text(conflicts)
        ),
    }
}

/// "number: '12' vs '15'; date: 'Monday' vs 'Sunday'".
fn conflicts_text(conflicts: &[Conflict]) -> String {
    conflicts
        .iter()
        .map(|c| format!("{}: '{}' vs '{}'", c.kind.describe(), c.claim, c.evidence))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Text safe to print on a terminal or a CI log: control characters (ESC, BEL, C1),
/// line breaks and bidirectional overrides from a draft, a corpus or a file name are
/// written as visible escapes (`\u{1b}`, `\n`), so they cannot retitle or clear the
/// terminal, reorder what it shows, or start a line that CI reads as a workflow command
/// (`::error …`). A tab becomes a space. Text without any comes back borrowed.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            crate::ingest::SUBSTITUTE => out.push('\u{fffd}'),
            c if unsafe_char(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// "1 claim", "2 claims": counts in summary lines.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
