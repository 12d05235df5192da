//! Sentences, each with its exact place in the file the user gave us.
//!
//! A claim is checked sentence by sentence, and a report must send the reader to the right
//! line and column, so every sentence carries a [`Span`] in the *raw* file (through the
//! document's [`OffsetMap`](crate::ingest::OffsetMap)) as well as its clean text.
//!
//! Splitting uses sentencex per block, so no sentence ever runs across a paragraph or a
//! heading. News prose trips general-purpose splitters, so the result is repaired: a split
//! after a title (`Mr.`), a month (`Aug. 18`), an initial (`J. D. Vance`) or before a
//! lower-case word is undone, and closing quotes stay with the sentence they close.
//! Datelines ("KYIV (Reuters) -") stay in the text but are reported, so claim extraction
//! can strip them.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::ingest::{
    Document, OffsetMap, TextBlock, ceil_char_boundary, floor_char_boundary, plain_blocks,
};

/// Where a sentence is in the raw file.
///
/// `line`/`column` are 1-based; columns count Unicode code points from the line start.
/// `end_line` is the line of the sentence's last character and `end_column` the column
/// just after it (exclusive, as in the JSON contract: `column` + length on one line).
/// `byte_start..byte_end` is the half-open byte range in the raw file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

#[derive(Debug, Clone)]
pub struct Sentence {
    /// The sentence as it reads in `Document::text`, trimmed, inner whitespace collapsed
    /// to single spaces.
    pub text: String,
    /// In the raw file.
    pub span: Span,
    /// Index of the block (paragraph) it came from.
    pub block: usize,
    /// Came from a heading, or is a short stand-alone line without final punctuation.
    pub is_heading: bool,
    /// A dateline found at the start ("WASHINGTON —", "KYIV (Reuters) -"); kept in `text`.
    pub dateline: Option<String>,
}

/// Split a document's story text into sentences.
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    let blocks = if doc.map.blocks().is_empty() {
        plain_blocks(&doc.text)
    } else {
        doc.map.blocks().to_vec()
    };
    split(&doc.text, &doc.raw, &doc.map, &blocks)
}

/// Split an arbitrary plain string (evaluation evidence): same rules as plain-text
/// articles, spans relative to that string, line/column counted in it.
pub fn split_text(text: &str) -> Vec<Sentence> {
    split(
        text,
        text,
        &OffsetMap::identity(text.len()),
        &plain_blocks(text),
    )
}

fn split(text: &str, raw: &str, map: &OffsetMap, blocks: &[TextBlock]) -> Vec<Sentence> {
    let lines = LineIndex::new(raw);
    let mut out = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let Some(block_text) = text.get(block.range.clone()) else {
            continue;
        };
        for range in split_block(block_text) {
            let range = block.range.start + range.start..block.range.start + range.end;
            let sentence = collapse(&text[range.clone()]);
            out.push(Sentence {
                span: span(raw, map, &lines, range),
                block: index,
                is_heading: block.heading,
                dateline: dateline(&sentence),
                text: sentence,
            });
        }
    }
    out
}

fn span(raw: &str, map: &OffsetMap, lines: &LineIndex, range: Range<usize>) -> Span {
    let byte_start = floor_char_boundary(raw, map.to_raw(range.start));
    let byte_end = ceil_char_boundary(raw, map.to_raw_end(range.end)).max(byte_start);
    let last = if byte_end > byte_start {
        floor_char_boundary(raw, byte_end - 1)
    } else {
        byte_start
    };
    let (line, column) = lines.position(raw, byte_start);
    let (end_line, last_column) = lines.position(raw, last);
    let end_column = if byte_end > byte_start {
        last_column + 1
    } else {
        last_column
    };
    Span {
        line,
        column,
        end_line,
        end_column,
        byte_start,
        byte_end,
    }
}

/// The most text `sentencex` is given at once. Its time grows faster than its input on a
/// long run without a clear sentence end (a 1.1 MB one-line page took 7 s, 8× the time
/// of one an eighth its size), while a news paragraph is a few hundred bytes.
const SENTENCEX_WINDOW: usize = 8 * 1024;

/// Sentence boundaries from `sentencex`, in windows of at most [`SENTENCEX_WINDOW`]
/// bytes, each cut after the last ". " in it, else after its last space.
fn boundaries(block: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < block.len() {
        let mut end = block.len();
        if end - start > SENTENCEX_WINDOW {
            let window = &block[start..floor_char_boundary(block, start + SENTENCEX_WINDOW)];
            let cut = window
                .rfind(". ")
                .map(|i| i + 2)
                .or_else(|| window.rfind(' ').map(|i| i + 1))
                .filter(|&i| i > 0)
                .unwrap_or(window.len().max(1));
            end = ceil_char_boundary(block, start + cut);
        }
        for b in sentencex::get_sentence_boundaries("en", &block[start..end]) {
            out.push(start + b.start_byte..start + b.end_byte);
        }
        start = end;
    }
    out
}

/// Sentence ranges within one block: trimmed, non-empty, repaired for news prose.
fn split_block(block: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for boundary in boundaries(block) {
        let mut range = trim(block, boundary);
        if range.is_empty() {
            continue;
        }
        if let Some(prev) = out.last_mut() {
            // `"We won." He left.` may come back as `"We won.` + `" He left.`.
            let closing = closing_quotes(&block[range.clone()]);
            if closing > 0 && block[..prev.end].ends_with(['.', '!', '?', '…']) {
                prev.end = range.start + closing;
                range = trim(block, prev.end..range.end);
                if range.is_empty() {
                    continue;
                }
            }
            if should_merge(&block[prev.clone()], &block[range.clone()]) {
                prev.end = range.end;
                continue;
            }
        }
        out.push(range);
    }
    out
}

fn trim(s: &str, range: Range<usize>) -> Range<usize> {
    let Some(piece) = s.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (piece.len() - piece.trim_start().len());
    start..start + piece.trim().len()
}

/// Byte length of the closing quotes a piece starts with (a quote followed by a space or
/// the end, or a typographic closing quote).
fn closing_quotes(piece: &str) -> usize {
    let mut len = 0;
    for c in piece.chars() {
        match c {
            '”' | '’' | '»' => len += c.len_utf8(),
            '"' | '\'' | ')'
                if piece[len + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace) =>
            {
                len += 1;
            }
            _ => break,
        }
    }
    len
}

/// Should `next` continue the sentence `prev` (a wrong split by the splitter)?
fn should_merge(prev: &str, next: &str) -> bool {
    let Some(first) = next.chars().next() else {
        return true;
    };
    if first.is_lowercase() {
        return true;
    }
    let Some(stem) = prev.strip_suffix('.') else {
        return false;
    };
    let last_word = stem
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or_default();
    let lower = last_word.to_lowercase();
    if crate::lexicon::TITLES_BEFORE_NAMES.contains(&lower.as_str()) {
        return true;
    }
    // An initial ("J. D. Vance", "Donald J. Trump"), but not "said X. Then".
    let mut chars = last_word.chars();
    if chars.next().is_some_and(char::is_uppercase) && chars.next().is_none() {
        let before = stem[..stem.len() - last_word.len()]
            .split_whitespace()
            .next_back();
        let in_name = before.is_none_or(|w| w.starts_with(char::is_uppercase));
        return in_name && first.is_uppercase();
    }
    crate::lexicon::SENTENCE_ABBREVIATIONS.contains(&lower.as_str()) && first.is_ascii_digit()
}

/// A dateline at the start of a sentence: "WASHINGTON —", "KYIV (Reuters) -",
/// "WASHINGTON, Aug 18 (Meridian Wire) -", including its dash.
pub fn dateline(sentence: &str) -> Option<String> {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^[A-Z][A-Z.'’\-]*[A-Z.](?:\s+[A-Z][A-Z.'’\-]*[A-Z.])*(?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)){0,2}(?:\s+\([^()]{1,40}\))?(?:\s*[—–]|\s+--?)(?:\s|$)",
        )
        .expect("valid regex")
    });
    DATELINE
        .find(sentence)
        .map(|m| m.as_str().trim_end().to_string())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Line/column lookup over a raw file: build once, query many times.
///
/// Columns count characters, so a query must count from somewhere: from the line start
/// would make every sentence of a one-line page (minified HTML, a pasted wire story)
/// cost the length of the line before it, quadratic in all. Marks every
/// [`MARK_STRIDE`] bytes keep each query to at most that many bytes of counting.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// `(byte offset, characters before it)`, the first at 0, one every
    /// [`MARK_STRIDE`] bytes or so, each on a character boundary.
    marks: Vec<(usize, usize)>,
}

/// Bytes between two [`LineIndex`] marks.
const MARK_STRIDE: usize = 1024;

impl LineIndex {
    pub fn new(raw: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(raw.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut marks = vec![(0, 0)];
        let mut next = MARK_STRIDE;
        for (chars, (byte, _)) in raw.char_indices().enumerate() {
            if byte >= next {
                marks.push((byte, chars));
                next = byte + MARK_STRIDE;
            }
        }
        LineIndex { starts, marks }
    }

    /// Characters in `raw` before `byte` (a character boundary).
    fn chars_before(&self, raw: &str, byte: usize) -> usize {
        let i = self.marks.partition_point(|&(at, _)| at <= byte).max(1) - 1;
        let (at, chars) = self.marks[i];
        chars + raw.get(at..byte).map_or(0, |s| s.chars().count())
    }

    /// 1-based line and 1-based column (in chars) of a byte offset in `raw` (the string
    /// the index was built from). Offsets inside a character count as that character.
    pub fn position(&self, raw: &str, byte: usize) -> (usize, usize) {
        let byte = floor_char_boundary(raw, byte);
        let line = self.starts.partition_point(|&start| start <= byte).max(1);
        let start = self.starts[line - 1].min(byte);
        let column = self.chars_before(raw, byte) - self.chars_before(raw, start) + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{Format, from_bytes};

    fn texts(input: &str) -> Vec<String> {
        split_text(input).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn a_block_longer_than_the_splitters_window_loses_no_sentence() {
        let block = "The council met on Monday in Leeds. ".repeat(1_000);
        assert!(block.len() > 4 * SENTENCEX_WINDOW);
        let got = texts(&block);
        assert_eq!(got.len(), 1_000);
        assert!(
            got.iter()
                .all(|s| s == "The council met on Monday in Leeds.")
        );
        // Without a sentence end the window is cut at a space, never inside a word, and
        // the pieces join up again.
        let words = "council ".repeat(3_000);
        assert_eq!(texts(&words), [words.trim_end()]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts("Mr. Smith met Dr. Jones in the U.S. capital at 3 p.m. on Monday. They talked."),
            [
                "Mr. Smith met Dr. Jones in the U.S. capital at 3 p.m. on Monday.",
                "They talked."
            ]
        );
        assert_eq!(
            texts("The vote is on Aug. 18 in Kyiv. It matters to Gov. Hochul."),
            [
                "The vote is on Aug. 18 in Kyiv.",
                "It matters to Gov. Hochul."
            ]
        );
        assert_eq!(
            texts("Guarantees come in coordination with the U.S. No details were given."),
            [
                "Guarantees come in coordination with the U.S.",
                "No details were given."
            ]
        );
    }

    #[test]
    fn decimals_and_initials() {
        assert_eq!(
            texts("Growth was 6.5 per cent in 2024. The hryvnia was at 41.4 per dollar."),
            [
                "Growth was 6.5 per cent in 2024.",
                "The hryvnia was at 41.4 per dollar."
            ]
        );
        assert_eq!(
            texts("J. D. Vance spoke first. Donald J. Trump spoke next."),
            ["J. D. Vance spoke first.", "Donald J. Trump spoke next."]
        );
    }

    #[test]
    fn quotations_stay_whole() {
        assert_eq!(
            texts("\"We are ready,\" he said. Then he left."),
            ["\"We are ready,\" he said.", "Then he left."]
        );
        assert_eq!(
            texts("\"Are we ready?\" he asked. Nobody answered."),
            ["\"Are we ready?\" he asked.", "Nobody answered."]
        );
        assert_eq!(
            texts("He said: “We will not stop.” Then he left."),
            ["He said: “We will not stop.”", "Then he left."]
        );
        assert_eq!(
            texts("Merz said \"a ceasefire must come first.\" Trump disagreed."),
            [
                "Merz said \"a ceasefire must come first.\"",
                "Trump disagreed."
            ]
        );
    }

    #[test]
    fn datelines_are_detected() {
        let cases = [
            ("WASHINGTON — Leaders met on Monday.", Some("WASHINGTON —")),
            (
                "KYIV (Reuters) - Russia struck again.",
                Some("KYIV (Reuters) -"),
            ),
            (
                "WASHINGTON, Aug 18 (Meridian Wire) - Talks began.",
                Some("WASHINGTON, Aug 18 (Meridian Wire) -"),
            ),
            (
                "NEW YORK, Aug. 18 (AP) — Stocks rose.",
                Some("NEW YORK, Aug. 18 (AP) —"),
            ),
            ("BRUSSELS – The EU met.", Some("BRUSSELS –")),
            ("U.S.-Russia talks ended.", None),
            ("NATO said it would meet.", None),
            ("Trump — who arrived late — spoke.", None),
        ];
        for (input, want) in cases {
            let got = split_text(input);
            assert_eq!(got.len(), 1, "{input}");
            assert_eq!(got[0].dateline.as_deref(), want, "{input}");
            assert_eq!(got[0].text, input);
        }
    }

    #[test]
    fn plain_spans_round_trip() {
        let raw = "Headline here\n\nFirst  sentence\nwraps here. Second one!\n\n   Third.  \n";
        let doc = from_bytes("t", raw.as_bytes(), Some(Format::Text)).unwrap();
        let got = sentences(&doc);
        let texts: Vec<_> = got.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Headline here",
                "First sentence wraps here.",
                "Second one!",
                "Third."
            ]
        );
        assert_eq!(
            &raw[got[1].span.byte_start..got[1].span.byte_end],
            "First  sentence\nwraps here."
        );
        for s in &got {
            assert_eq!(collapse(&raw[s.span.byte_start..s.span.byte_end]), s.text);
        }
        assert!(got[0].is_heading && !got[1].is_heading);
        assert_eq!(
            (got[0].block, got[1].block, got[2].block, got[3].block),
            (0, 1, 1, 2)
        );
        let first = &got[1].span;
        assert_eq!(
            (first.line, first.column, first.end_line, first.end_column),
            (3, 1, 4, 12)
        );
        let third = &got[3].span;
        assert_eq!(
            (third.line, third.column, third.end_line, third.end_column),
            (6, 4, 6, 10)
        );
    }

    #[test]
    fn columns_count_characters() {
        let got = split_text("Péter Szijjártó said X. Second sentence.");
        assert_eq!(got.len(), 2);
        let span = &got[1].span;
        assert_eq!((span.line, span.column, span.end_column), (1, 25, 41));
        assert_eq!(span.byte_start, "Péter Szijjártó said X. ".len());
        assert_eq!(got[0].span.end_column, 24);
        let index = LineIndex::new("ab\nçd\n");
        assert_eq!(index.position("ab\nçd\n", 5), (2, 2));
        assert_eq!(index.position("ab\nçd\n", 4), (2, 1));
        assert_eq!(index.position("ab\nçd\n", 99), (3, 1));
    }

    #[test]
    fn columns_on_a_long_line_match_counting_from_the_line_start() {
        let raw = format!("x\n{}\nend", "é ab çd. ".repeat(2_000));
        let index = LineIndex::new(&raw);
        for byte in (0..raw.len()).step_by(37) {
            let byte = floor_char_boundary(&raw, byte);
            let start = raw[..byte].rfind('\n').map_or(0, |i| i + 1);
            let line = raw[..byte].matches('\n').count() + 1;
            let column = raw[start..byte].chars().count() + 1;
            assert_eq!(index.position(&raw, byte), (line, column), "at byte {byte}");
        }
    }

    #[test]
    fn markdown_spans_point_into_the_source() {
        let raw =
            "# Title\n\nA plain paragraph here. With *emphasis* too.\n\n- Item [link](x) text.\n";
        let doc = from_bytes("t.md", raw.as_bytes(), Some(Format::Markdown)).unwrap();
        let got = sentences(&doc);
        let texts: Vec<_> = got.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Title",
                "A plain paragraph here.",
                "With emphasis too.",
                "Item link text."
            ]
        );
        assert!(got[0].is_heading);
        assert_eq!((got[0].span.line, got[0].span.column), (1, 3));
        assert_eq!(
            &raw[got[1].span.byte_start..got[1].span.byte_end],
            "A plain paragraph here."
        );
        assert_eq!(
            &raw[got[2].span.byte_start..got[2].span.byte_end],
            "With *emphasis* too."
        );
        assert_eq!(
            &raw[got[3].span.byte_start..got[3].span.byte_end],
            "Item [link](x) text."
        );
        assert_eq!((got[3].span.line, got[3].span.column), (5, 3));
    }

    #[test]
    fn html_spans_point_into_the_source() {
        let raw = "<html><body><article>\n<h2>Talks</h2>\n<p>Leaders met on Monday. They  agreed.</p>\n<p>P&eacute;ter left &ldquo;early&rdquo;.</p></article></body></html>";
        let doc = from_bytes("t.html", raw.as_bytes(), Some(Format::Html)).unwrap();
        let got = sentences(&doc);
        let texts: Vec<_> = got.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Talks",
                "Leaders met on Monday.",
                "They agreed.",
                "Péter left “early”."
            ]
        );
        assert!(got[0].is_heading && !got[1].is_heading);
        assert_eq!(
            &raw[got[1].span.byte_start..got[1].span.byte_end],
            "Leaders met on Monday."
        );
        assert_eq!(
            &raw[got[2].span.byte_start..got[2].span.byte_end],
            "They  agreed."
        );
        assert_eq!(
            &raw[got[3].span.byte_start..got[3].span.byte_end],
            "P&eacute;ter left &ldquo;early&rdquo;."
        );
        assert_eq!((got[1].span.line, got[1].span.column), (3, 4));
    }

    #[test]
    fn sentences_never_cross_blocks_and_empty_input_is_empty() {
        assert!(split_text("").is_empty());
        assert!(split_text(" \n\n \t\n").is_empty());
        let got = split_text("Bilateral talks\nThe talks went well. Very well\n\nNext part");
        let texts: Vec<_> = got.iter().map(|s| (s.block, s.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (0, "Bilateral talks"),
                (1, "The talks went well."),
                (1, "Very well"),
                (2, "Next part")
            ]
        );
    }

    #[test]
    fn seed_article_is_segmented_sensibly() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let doc = crate::ingest::read_path(&path).unwrap();
            let got = sentences(&doc);
            assert!(got.len() > 10, "{}", path.display());
            for label in ["Bilateral talks", "Differences remain", "Related news"] {
                if doc.raw.contains(label) {
                    let s = got.iter().find(|s| s.text.starts_with(label)).expect(label);
                    assert_eq!(s.text, label);
                    assert!(s.is_heading);
                }
            }
            if let Some(photo) = got.iter().find(|s| s.text.contains("© PHOTO")) {
                assert!(
                    photo.text.starts_with("©") && photo.is_heading,
                    "{}",
                    photo.text
                );
            }
            for s in &got {
                assert_eq!(
                    collapse(&doc.raw[s.span.byte_start..s.span.byte_end]),
                    s.text
                );
                assert!(!s.text.is_empty());
            }
        }
    }
}
