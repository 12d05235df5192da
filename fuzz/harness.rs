//! What the fuzz targets run, shared with `tests/fuzz_corpus.rs`, which replays the
//! checked-in corpus in `cargo test` so a case fuzzing once found stays fixed.
//!
//! Plain byte fuzzing never grows inputs past a few KB, while the inputs that hurt are
//! deep nesting and repetition, so [`generate`] reads the fuzzer's bytes as a small
//! program: each step either copies bytes or nests, repeats or interleaves a piece of
//! news-like markup, up to [`MAX_LEN`] bytes.

#![allow(dead_code)]

use claimcheck::align::{Aligner, Op, Stance};
use claimcheck::corpus::Corpus;
use claimcheck::index::Bm25;
use claimcheck::ingest::{self, Format};
use claimcheck::report::{self, RenderContext};
use claimcheck::verdict::Verifier;
use claimcheck::{check, segment, text};

/// The largest generated input.
pub const MAX_LEN: usize = 256 * 1024;

const PIECES: &[&str] = &[
    "<div>",
    "</div>",
    "<p>The council approved 40 new homes in Leeds on Monday.</p>",
    "<p>Officials said it did not approve 41 homes on Tuesday, 3 March 2025.</p>",
    "<table><tr><td>",
    "<li>",
    "<script>var x = '</p>';</script>",
    "&amp;&#x202e;&#27;&nbsp;",
    "# Heading\n\n",
    "> quoted *emphasis* [link](https://example.org)\n",
    "“Quote,” said Anna Kovacs, 52. ",
    "$4.5 billion (€4 bn), 12% up. ",
    "\n",
    "<!-- claimcheck: ignore -->",
    "Mr. U.S. e.g. 6:04 p.m. ",
];

/// Build an input from the fuzzer's bytes: a structure-aware generator.
pub fn generate(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() && out.len() < MAX_LEN {
        let op = data[i];
        i += 1;
        let arg = data.get(i).copied().unwrap_or(1) as usize;
        i += 1;
        let piece = PIECES[arg % PIECES.len()].as_bytes();
        match op % 4 {
            // Copy the next `arg % 32` raw bytes.
            0 => {
                let start = i.min(data.len());
                let end = (start + arg % 32).min(data.len());
                out.extend_from_slice(&data[start..end]);
                i = end;
            }
            // One piece.
            1 => out.extend_from_slice(piece),
            // A piece repeated up to 4,096 times.
            2 => {
                let times = 1 + (usize::from(op) * 16 + arg) % 4096;
                for _ in 0..times {
                    out.extend_from_slice(piece);
                }
            }
            // Nest up to 2,000 open tags around what follows.
            _ => {
                let depth = 1 + (usize::from(op) * 8 + arg) % 2000;
                for _ in 0..depth {
                    out.extend_from_slice(b"<div><span>");
                }
            }
        }
    }
    out.truncate(MAX_LEN);
    out
}

fn formats() -> [Format; 3] {
    [Format::Html, Format::Markdown, Format::Text]
}

/// Ingest and segment `data` as each format; every span stays inside the input.
pub fn ingest(data: &[u8]) {
    for format in formats() {
        let Ok(doc) = ingest::from_bytes("fuzz", data, Some(format)) else {
            continue;
        };
        for s in segment::sentences(&doc) {
            let at = format!("{format:?} {:?}", s.span);
            assert!(s.span.byte_start <= s.span.byte_end, "{at}");
            // Invalid UTF-8 bytes are replaced one for one, so spans index the file.
            let len = data.len();
            assert!(s.span.byte_end <= len, "{at} past {len}");
            assert!(s.span.line >= 1 && s.span.column >= 1, "{at}");
        }
    }
}

/// Extract claims from `data` as each format; ids are unique.
pub fn claims(data: &[u8]) {
    for format in formats() {
        let Ok(doc) = ingest::from_bytes("fuzz", data, Some(format)) else {
            continue;
        };
        let set = check::extract(&doc);
        let ids: std::collections::HashSet<&str> =
            set.claims.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), set.claims.len(), "claim ids are unique");
    }
}

/// The whole pipeline: the first half is the draft, the second the one source; every
/// format renders.
pub fn pipeline(data: &[u8]) {
    let (draft, source) = data.split_at(data.len() / 2);
    let format = match data.first() {
        Some(b) if b % 3 == 0 => Format::Html,
        Some(b) if b % 3 == 1 => Format::Markdown,
        _ => Format::Text,
    };
    let Ok(draft) = ingest::from_bytes("draft", draft, Some(format)) else {
        return;
    };
    let Ok(source) = ingest::from_bytes("source.html", source, Some(Format::Html)) else {
        return;
    };
    let mut corpus = Corpus::default();
    corpus.add_document(&source, None);
    let index = Bm25::new(&corpus.sentences);
    let claims = check::extract(&draft);
    let run = check::run(&[claims], &corpus, &index, &Verifier::default());
    let ctx = RenderContext::default();
    for format in <report::Format as clap::ValueEnum>::value_variants() {
        let mut out = Vec::new();
        report::reporter_for(*format, &ctx)
            .render(&run, &mut out)
            .expect("renders into memory");
        if *format == report::Format::Text {
            let text = String::from_utf8(out).expect("UTF-8");
            assert!(!text.contains('\u{1b}'), "no raw ESC in the text report");
        }
    }
}

/// Align the first half, as a claim, with the second, as evidence, both ways round:
/// scores stay in [0, 1], the diff keeps every word of both sides in order, a
/// contradiction names what conflicts, and the same pair gives the same alignment.
pub fn align(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mid = ingest_floor(&text, text.len() / 2);
    let (a, b) = text.split_at(mid);
    let aligner = Aligner::default();
    for (claim, evidence) in [(a, b), (b, a)] {
        let (ct, et) = (text::tokenize(claim), text::tokenize(evidence));
        let al = aligner.align(claim, &ct, evidence, &et);
        for score in [al.similarity, al.coverage, al.anchor] {
            assert!((0.0..=1.0).contains(&score), "score {score} out of [0, 1]");
        }
        assert!(
            al.found.len() <= ct.len(),
            "at most one entry per claim token"
        );
        let words = |keep: Op| -> usize {
            al.diff
                .iter()
                .filter(|p| p.op == Op::Equal || p.op == keep)
                .map(|p| p.text.split(' ').filter(|w| !w.is_empty()).count())
                .sum()
        };
        assert!(
            words(Op::Delete) <= ct.len().max(1) * 4,
            "diff invents claim words"
        );
        assert!(
            words(Op::Insert) <= et.len().max(1) * 4,
            "diff invents evidence words"
        );
        match al.stance {
            Stance::Contradicts => {
                assert!(!al.conflicts.is_empty(), "a contradiction names a conflict")
            }
            Stance::Supports => assert!(al.conflicts.is_empty() && al.values_matched && !al.hedged),
            Stance::Related => assert!(
                al.conflicts.is_empty(),
                "only a contradiction keeps conflicts"
            ),
        }
        let again = aligner.align(claim, &ct, evidence, &et);
        assert_eq!(al, again, "alignment is deterministic");
    }
}

/// The largest char boundary of `s` at or below `i`.
fn ingest_floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
