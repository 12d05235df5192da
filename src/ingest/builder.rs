//! The story text as it is built, and the map from it back to the file.
//!
//! Every extractor (plain text, Markdown, HTML) appends pieces of the file to a
//! [`TextBuilder`]; what comes out is the story text, an [`OffsetMap`] from its bytes to
//! the file's, and its blocks. Kept apart from the extractors so that each of them
//! depends on this and none on another.

use std::ops::Range;

/// One block of [`Document::text`]: a paragraph, heading or list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    /// Byte range in `Document::text` (no surrounding separator).
    pub range: Range<usize>,
    /// The block came from a heading (Markdown/HTML) or a short stand-alone label line.
    pub heading: bool,
}

/// What kind of source element a block of text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// A paragraph: a heading too if it is a short label line ("Related news").
    Paragraph,
    Heading,
    /// List items, table cells and the like: never a heading.
    Other,
}

/// A run of `text` that came from one place in `raw`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    text_start: usize,
    len: usize,
    raw_start: usize,
    raw_end: usize,
    /// Copied verbatim: byte `i` of the run is byte `raw_start + i` of raw.
    exact: bool,
}

/// Maps byte offsets in `Document::text` back to byte offsets in `Document::raw`.
///
/// It also remembers the blocks of the text and which of them were headings, because that
/// structure is otherwise lost once the document is flattened to a string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    raw_len: usize,
    blocks: Vec<TextBlock>,
}

impl OffsetMap {
    /// The map for a text that is the raw file itself.
    pub fn identity(len: usize) -> OffsetMap {
        let segs = if len == 0 {
            Vec::new()
        } else {
            vec![Seg {
                text_start: 0,
                len,
                raw_start: 0,
                raw_end: len,
                exact: true,
            }]
        };
        OffsetMap {
            segs,
            raw_len: len,
            blocks: Vec::new(),
        }
    }

    /// Raw byte offset for a byte offset in `text`. Monotonic; exact wherever the text was
    /// copied verbatim from raw; otherwise the start of the enclosing source piece. Never
    /// panics and always returns a value `<= raw.len()`; for a char boundary of `text` it
    /// is a char boundary of raw. Offsets past the end map to the end of the last piece.
    pub fn to_raw(&self, text_offset: usize) -> usize {
        let i = self.segs.partition_point(|s| s.text_start <= text_offset);
        let Some(seg) = i.checked_sub(1).map(|i| &self.segs[i]) else {
            return 0;
        };
        let raw = if text_offset < seg.text_start + seg.len {
            if seg.exact {
                seg.raw_start + (text_offset - seg.text_start)
            } else {
                seg.raw_start
            }
        } else {
            seg.raw_end
        };
        raw.min(self.raw_len)
    }

    /// Raw byte offset for an exclusive end offset in `text`: exact where the text was
    /// copied verbatim, otherwise the end of the source piece holding the last byte (so
    /// `to_raw(start)..to_raw_end(end)` covers whole entities, escapes and the like).
    pub fn to_raw_end(&self, text_end: usize) -> usize {
        if text_end == 0 {
            return self.to_raw(0);
        }
        let i = self.segs.partition_point(|s| s.text_start < text_end);
        let Some(seg) = i.checked_sub(1).map(|i| &self.segs[i]) else {
            return 0;
        };
        let raw = if seg.exact && text_end <= seg.text_start + seg.len {
            seg.raw_start + (text_end - seg.text_start)
        } else {
            seg.raw_end
        };
        raw.min(self.raw_len)
    }

    /// The blocks recorded while ingesting, in text order. Empty for maps made with
    /// [`OffsetMap::identity`]; callers then split the text on blank lines themselves.
    pub fn blocks(&self) -> &[TextBlock] {
        &self.blocks
    }
}

/// Builds `text` and its [`OffsetMap`] piece by piece, inserting block separators and
/// collapsed spaces lazily so that no block starts or ends with a separator.
pub(crate) struct TextBuilder<'r> {
    raw: &'r str,
    text: String,
    segs: Vec<Seg>,
    blocks: Vec<TextBlock>,
    kinds: Vec<BlockKind>,
    /// Raw end of the last piece: pieces never map before it (keeps the map monotonic).
    raw_cursor: usize,
    pending_break: bool,
    pending_space: bool,
    next_kind: BlockKind,
}

impl<'r> TextBuilder<'r> {
    pub(crate) fn new(raw: &'r str) -> Self {
        TextBuilder {
            raw,
            text: String::new(),
            segs: Vec::new(),
            blocks: Vec::new(),
            kinds: Vec::new(),
            raw_cursor: 0,
            pending_break: true,
            pending_space: false,
            next_kind: BlockKind::Other,
        }
    }

    /// End the current block; the next piece starts a new one of the given kind.
    pub(crate) fn block_break(&mut self, kind: BlockKind) {
        self.pending_break = true;
        self.next_kind = kind;
    }

    /// Whitespace between pieces: becomes one space, unless at a block edge.
    pub(crate) fn space(&mut self) {
        self.pending_space = true;
    }

    /// Text copied verbatim from `raw[raw_start..]`.
    pub(crate) fn exact(&mut self, s: &str, raw_start: usize) {
        self.push(s, raw_start..raw_start + s.len(), true);
    }

    /// Text that stands for `raw[raw_range]` but is not a verbatim copy of it.
    pub(crate) fn synthetic(&mut self, s: &str, raw_range: Range<usize>) {
        self.push(s, raw_range, false);
    }

    pub(crate) fn push(&mut self, s: &str, raw_range: Range<usize>, exact: bool) {
        if s.is_empty() {
            return;
        }
        let starts_block = self.pending_break || self.blocks.is_empty();
        if starts_block && s.trim().is_empty() {
            return;
        }
        let raw_start = floor_char_boundary(self.raw, raw_range.start).max(self.raw_cursor);
        if starts_block {
            if let Some(last) = self.blocks.last_mut() {
                last.range.end = self.text.len();
                self.push_seg("\n\n", self.raw_cursor..raw_start, false);
            }
            self.blocks.push(TextBlock {
                range: self.text.len()..self.text.len(),
                heading: false,
            });
            self.kinds.push(self.next_kind);
            self.pending_break = false;
            self.next_kind = BlockKind::Other;
        } else if self.pending_space
            && !self.text.ends_with(char::is_whitespace)
            && !s.starts_with(char::is_whitespace)
        {
            self.push_seg(" ", self.raw_cursor..raw_start, false);
        }
        self.pending_space = false;
        let raw_end = ceil_char_boundary(self.raw, raw_range.end).max(raw_start);
        let exact = exact && self.raw.get(raw_start..raw_end) == Some(s);
        self.push_seg(s, raw_start..raw_end, exact);
    }

    fn push_seg(&mut self, s: &str, raw: Range<usize>, exact: bool) {
        let seg = Seg {
            text_start: self.text.len(),
            len: s.len(),
            raw_start: raw.start,
            raw_end: raw.end.max(raw.start),
            exact,
        };
        self.text.push_str(s);
        self.raw_cursor = seg.raw_end;
        self.segs.push(seg);
    }

    pub(crate) fn finish(mut self) -> (String, OffsetMap) {
        if let Some(last) = self.blocks.last_mut() {
            last.range.end = self.text.len();
        }
        for (block, kind) in self.blocks.iter_mut().zip(&self.kinds) {
            block.heading = match kind {
                BlockKind::Heading => true,
                BlockKind::Paragraph => is_label(&self.text[block.range.clone()]),
                BlockKind::Other => false,
            };
        }
        let map = OffsetMap {
            segs: self.segs,
            raw_len: self.raw.len(),
            blocks: self.blocks,
        };
        (self.text, map)
    }
}

/// The largest char boundary of `s` that is `<= i` (clamped to `s.len()`).
pub(crate) fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` that is `>= i` (clamped to `s.len()`).
pub(crate) fn ceil_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// What a format-specific extractor hands back.
pub(crate) struct Extracted {
    pub(crate) text: String,
    pub(crate) map: OffsetMap,
    pub(crate) title: Option<String>,
    pub(crate) published: Option<String>,
}

/// Byte length of a UTF-8 byte-order mark at the start of `raw`, if any.
pub(crate) fn bom_len(raw: &str) -> usize {
    if raw.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// Does this (trimmed) line end like a sentence?
pub(crate) fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '”', '"', '\'', '’', '…'])
}

/// A short single line without final punctuation: a section label, credit or kicker.
pub(crate) fn is_label(block: &str) -> bool {
    let block = block.trim();
    !block.contains('\n') && !ends_sentence(block) && block.split_whitespace().count() < 8
}
