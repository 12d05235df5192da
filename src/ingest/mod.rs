//! Reading articles: from a file's bytes to the story text, with a map back to the file.
//!
//! A news page is mostly not news: navigation, cookie banners, tickers, share bars,
//! "related" lists and scripts. Checking those would only produce noise, so ingest keeps
//! the story alone and flattens it into `Document::text`, one block (paragraph, heading,
//! list item) after another, separated by `"\n\n"`.
//!
//! Every verdict must point at the line and column of the article *as the user wrote it*,
//! not at our flattened text. So next to the text we keep an [`OffsetMap`] from text byte
//! offsets to raw byte offsets. It is exact wherever text was copied verbatim from the
//! file (plain text, ordinary Markdown and HTML paragraphs) and falls back to the start of
//! the enclosing source piece where it could not be (entities, escapes, inserted spaces).

mod builder;
mod dates;
mod depth;
mod html;
mod markdown;

pub(crate) use builder::{
    BlockKind, Extracted, TextBuilder, bom_len, ceil_char_boundary, ends_sentence,
    floor_char_boundary,
};
pub use builder::{OffsetMap, TextBlock};
pub use dates::normalize_date;

use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::error::{Error, Result};

/// How the article is written, which decides how its story text is extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// From the file extension: .md/.markdown/.mdown/.mkd -> Markdown, .html/.htm/.xhtml
    /// -> Html, .txt or anything else -> Text.
    pub fn from_path(path: &Path) -> Format {
        Format::of_extension(path).unwrap_or(Format::Text)
    }

    /// The format of a file that a folder walk picks up as an article or a source, by
    /// its extension; `None` for any other file. This is the one list of extensions:
    /// what `claimcheck check drafts/` checks and what a corpus folder contributes.
    pub fn of_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// Sniff content when there is no extension (stdin): a leading `<!doctype html` /
    /// `<html` or many tags -> Html; `# ` heading lines, `[x](y)` links or front matter ->
    /// Markdown; else Text.
    pub fn sniff(raw: &str) -> Format {
        static TAG: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)</?(?:html|head|body|p|div|span|a|br|h[1-6]|article|main|section|meta|li|ul|script|title)\b[^>]*>").expect("valid regex")
        });
        static MD_HEADING: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?m)^#{1,6} \S").expect("valid regex"));
        static MD_LINK: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"!?\[[^\]\n]+\]\([^)\s]+\)").expect("valid regex"));

        let head = raw.trim_start_matches('\u{feff}').trim_start();
        let lower: String = head
            .chars()
            .take(32)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            return Format::Html;
        }
        let sample = &raw[..floor_char_boundary(raw, raw.len().min(64 * 1024))];
        if TAG.find_iter(sample).take(5).count() >= 5 {
            return Format::Html;
        }
        if head.starts_with("---\n")
            || head.starts_with("---\r\n")
            || MD_HEADING.is_match(sample)
            || MD_LINK.is_match(sample)
        {
            return Format::Markdown;
        }
        Format::Text
    }
}

/// An ingested article: the file as read, and its story text with a map back into it.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path or URL as given by the user, or "-" / "<stdin>".
    pub name: String,
    pub format: Format,
    pub title: Option<String>,
    /// "YYYY-MM-DD" when known.
    pub published: Option<String>,
    /// The whole file as read: UTF-8, with each invalid byte replaced by [`SUBSTITUTE`]
    /// so that byte offsets are the file's.
    pub raw: String,
    /// The story text only; blocks (paragraphs, headings, list items) separated by "\n\n".
    pub text: String,
    /// `text` byte offset -> `raw` byte offset.
    pub map: OffsetMap,
    /// Problems worth telling the user about (e.g. invalid UTF-8 replaced); the caller
    /// prints them on stderr, after the document's name.
    pub warnings: Vec<String>,
}

/// Read a file and ingest it.
///
/// Errors: the path is a folder, cannot be read, or looks binary. Invalid UTF-8 is decoded
/// lossily with a warning. The format comes from the extension; a file without one is
/// sniffed.
pub fn read_path(path: &Path) -> Result<Document> {
    read_path_capped(path, crate::fsutil::DEFAULT_MAX_BYTES)
}

/// [`read_path`] with a size cap (`--max-bytes`): a larger file, a device, a FIFO or a
/// kernel pseudo-file is an error that says so.
pub fn read_path_capped(path: &Path, limit: u64) -> Result<Document> {
    let bytes = read_bytes_capped(path, limit)?;
    from_file_bytes(path, &bytes)
}

/// The bytes of a file to ingest, up to `limit` (the errors [`read_path_capped`] gives).
pub fn read_bytes_capped(path: &Path, limit: u64) -> Result<Vec<u8>> {
    use crate::fsutil::{ReadError, read_capped};
    read_capped(path, limit).map_err(|e| match e {
        ReadError::Io(e) => Error::io(path, &e),
        ReadError::NotAFile("is a folder") => Error::input(
            path,
            "is a folder; give an article file, or pass folders with --corpus",
        ),
        other => Error::input(path, other.to_string()),
    })
}

/// Ingest the bytes read from `path`, in the format its extension names (sniffed
/// without one).
pub fn from_file_bytes(path: &Path, bytes: &[u8]) -> Result<Document> {
    let format = path.extension().map(|_| Format::from_path(path));
    from_bytes(&path.display().to_string(), bytes, format)
}

/// Ingest bytes already read (stdin, a fetched page). `name` is used in messages;
/// `format` None = sniff.
pub fn from_bytes(name: &str, bytes: &[u8], format: Option<Format>) -> Result<Document> {
    if looks_binary(bytes) {
        return Err(Error::input(
            name,
            "looks like a binary file, not an article (text, Markdown or HTML)",
        ));
    }
    let mut warnings = Vec::new();
    let (raw, replaced) = decode_lossy(bytes);
    if replaced > 0 {
        warnings.push(format!(
            "invalid UTF-8: {replaced} byte{} replaced (shown as U+FFFD); \
             save the file as UTF-8 to see them",
            if replaced == 1 { "" } else { "s" }
        ));
    }
    let format = format.unwrap_or_else(|| Format::sniff(&raw));
    let extracted = match format {
        Format::Text => extract_text(&raw),
        Format::Markdown => markdown::extract(&raw),
        Format::Html => html::extract(&raw),
    };
    Ok(Document {
        name: name.to_string(),
        format,
        title: extracted.title,
        published: extracted.published,
        raw,
        text: extracted.text,
        map: extracted.map,
        warnings,
    })
}

/// Stands in for one byte that is not UTF-8. It is one byte long, so every offset into
/// [`Document::raw`] is also the offset into the file, as reports promise; reports show
/// it as U+FFFD.
pub const SUBSTITUTE: char = '\u{1a}';

/// Decode `bytes` as UTF-8, each invalid byte replaced by [`SUBSTITUTE`]; also returns
/// how many were replaced. (`String::from_utf8_lossy` puts a three-byte U+FFFD for each
/// bad sequence, which would move every later offset away from the file's.)
fn decode_lossy(bytes: &[u8]) -> (String, usize) {
    let mut raw = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        raw.push_str(chunk.valid());
        let bad = chunk.invalid().len();
        replaced += bad;
        raw.extend(std::iter::repeat_n(SUBSTITUTE, bad));
    }
    (raw, replaced)
}

/// A NUL byte in the first 8 KiB, or more than 30% control bytes there.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8 * 1024)];
    if head.is_empty() {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    control * 10 > head.len() * 3
}

/// Plain text: blocks copied verbatim, joined by "\n\n".
fn extract_text(raw: &str) -> Extracted {
    let mut builder = TextBuilder::new(raw);
    let blocks = plain_blocks(raw);
    let title = blocks
        .first()
        .filter(|b| b.heading && !raw[b.range.clone()].contains('\n'))
        .map(|b| raw[b.range.clone()].to_string())
        .filter(|t| t.split_whitespace().count() < 20);
    for block in &blocks {
        builder.block_break(if block.heading {
            BlockKind::Heading
        } else {
            BlockKind::Other
        });
        builder.exact(&raw[block.range.clone()], block.range.start);
    }
    let (text, map) = builder.finish();
    Extracted {
        text,
        map,
        title,
        published: None,
    }
}

/// Split plain text into blocks (byte ranges of `text`, trimmed).
///
/// Blank lines separate blocks. So does a short line without final punctuation (fewer
/// than 8 words: a section label such as "Bilateral talks"; the first line may have up to
/// 19 words, as it is usually the title) unless the next line continues it in lower
/// case, and a line ending a sentence followed by a line
/// starting with a capital (one paragraph per line, as many news text files are written).
/// Stand-alone short lines are flagged as headings.
pub(crate) fn plain_blocks(text: &str) -> Vec<TextBlock> {
    let mut blocks: Vec<TextBlock> = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut prev_ended_sentence = false;
    let mut first_line = true;
    let mut start = bom_len(text);
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        let next = end + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blocks.extend(current.take().map(|range| TextBlock {
                range,
                heading: false,
            }));
            start = next;
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let range = start + lead..start + lead + trimmed.len();
        let words = trimmed.split_whitespace().count();
        let limit = if first_line { 20 } else { 8 };
        first_line = false;
        let wrapped = text[next.min(text.len())..]
            .trim_start()
            .starts_with(|c: char| c.is_lowercase());
        if !ends_sentence(trimmed) && words < limit && !wrapped {
            blocks.extend(current.take().map(|range| TextBlock {
                range,
                heading: false,
            }));
            blocks.push(TextBlock {
                range,
                heading: true,
            });
            prev_ended_sentence = false;
            start = next;
            continue;
        }
        let starts_capital = trimmed
            .trim_start_matches(['"', '“', '‘', '\'', '('])
            .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        match current.as_mut() {
            Some(cur) if !(prev_ended_sentence && starts_capital) => cur.end = range.end,
            _ => {
                blocks.extend(current.take().map(|range| TextBlock {
                    range,
                    heading: false,
                }));
                current = Some(range);
            }
        }
        prev_ended_sentence = ends_sentence(trimmed);
        start = next;
    }
    blocks.extend(current.map(|range| TextBlock {
        range,
        heading: false,
    }));
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(raw: &str, format: Format) -> Document {
        from_bytes("test", raw.as_bytes(), Some(format)).expect("ingest")
    }

    /// Every block of `text` that was copied verbatim maps back to the same bytes.
    fn assert_maps_verbatim(doc: &Document, needle: &str) {
        let at = doc.text.find(needle).expect("needle in text");
        let start = doc.map.to_raw(at);
        let end = doc.map.to_raw_end(at + needle.len());
        assert_eq!(&doc.raw[start..end], needle);
    }

    #[test]
    fn format_from_extension_and_content() {
        assert_eq!(Format::from_path(Path::new("a/story.md")), Format::Markdown);
        assert_eq!(
            Format::from_path(Path::new("story.MARKDOWN")),
            Format::Markdown
        );
        assert_eq!(Format::from_path(Path::new("story.htm")), Format::Html);
        assert_eq!(Format::from_path(Path::new("story.html")), Format::Html);
        assert_eq!(Format::from_path(Path::new("story.txt")), Format::Text);
        assert_eq!(Format::from_path(Path::new("story")), Format::Text);
        assert_eq!(
            Format::sniff("  <!DOCTYPE html><html></html>"),
            Format::Html
        );
        assert_eq!(Format::sniff("<html lang=en>"), Format::Html);
        assert_eq!(
            Format::sniff("<div><p>a</p><p>b</p><p>c</p><br></div>"),
            Format::Html
        );
        assert_eq!(Format::sniff("# Title\n\nBody."), Format::Markdown);
        assert_eq!(
            Format::sniff("See [the report](https://x.example)."),
            Format::Markdown
        );
        assert_eq!(Format::sniff("Just text. With #hashtags."), Format::Text);
    }

    #[test]
    fn plain_text_blocks_map_exactly() {
        let raw = "Short title here\n\nFirst paragraph line one\ncontinues here. Still.\nSecond paragraph starts.\nBilateral talks\nMore text follows.\n";
        let d = doc(raw, Format::Text);
        assert_eq!(d.title.as_deref(), Some("Short title here"));
        assert_eq!(
            d.text,
            "Short title here\n\nFirst paragraph line one\ncontinues here. Still.\n\nSecond paragraph starts.\n\nBilateral talks\n\nMore text follows."
        );
        let blocks = d.map.blocks();
        assert_eq!(blocks.len(), 5);
        assert!(blocks[0].heading && !blocks[1].heading && blocks[3].heading);
        for block in blocks {
            let s = &d.text[block.range.clone()];
            assert_maps_verbatim(&d, s);
        }
    }

    #[test]
    fn plain_text_with_crlf_and_bom() {
        let raw = "\u{feff}Headline\r\n\r\nOne sentence.\r\nAnother one.\r\n";
        let d = doc(raw, Format::Text);
        assert_eq!(d.text, "Headline\n\nOne sentence.\n\nAnother one.");
        assert_maps_verbatim(&d, "Another one.");
    }

    #[test]
    fn markdown_markup_is_stripped() {
        let raw = "---\ntitle: \"Front title\"\ndate: 2025-08-18T10:00:00Z\n---\n\n# Big *news* today\n\nPlain paragraph without markup.\n\nTrump said *no details* were [made public](https://x.example) and `code` stays.<!-- hidden -->\n![photo](a.jpg)\n\n- item one\n- item two\n\n> quoted line\n> continues\n";
        let d = doc(raw, Format::Markdown);
        assert_eq!(d.title.as_deref(), Some("Front title"));
        assert_eq!(d.published.as_deref(), Some("2025-08-18"));
        assert_eq!(
            d.text,
            "Big news today\n\nPlain paragraph without markup.\n\nTrump said no details were made public and code stays.\n\nitem one\n\nitem two\n\nquoted line continues"
        );
        assert!(!d.text.contains("title:"));
        assert!(d.map.blocks()[0].heading);
        assert_maps_verbatim(&d, "Plain paragraph without markup.");
        assert_maps_verbatim(&d, "Trump said ");
        assert_maps_verbatim(&d, "made public");
    }

    #[test]
    fn markdown_title_from_first_h1() {
        let d = doc(
            "Intro.\n\n## Section\n\n# The *real* title\n\n# Second\n",
            Format::Markdown,
        );
        assert_eq!(d.title.as_deref(), Some("The real title"));
        assert_eq!(d.published, None);
    }

    const PAGE: &str = r#"<!doctype html>
<html><head>
<title>Talks end in hope | The Ledger</title>
<meta property="og:title" content="Talks end in hope">
<meta property="article:published_time" content="2025-08-18T21:05:00+01:00">
<script>var layer = "Leaders met in Washington on Monday.";</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p></div>
<div id="ticker">Breaking: markets fall sharply.</div>
<p>Outside the article, this should not count.</p>
<article>
  <h1>Talks end in hope</h1>
  <p>Leaders met in Washington on Monday.
     They agreed to meet again.</p>
  <p>P&eacute;ter Szijj&aacute;rt&oacute; said &ldquo;no&rdquo; &amp; left.</p>
  <aside><ul class="related"><li>Another story about talks.</li></ul></aside>
  <ul><li>First point made.</li><li>Second point made.</li></ul>
  <div class="share-bar"><button>Share</button> Share on social</div>
</article>
<footer><p>Copyright The Ledger.</p></footer>
<script>console.log("x")</script>
</body></html>"#;

    #[test]
    fn html_keeps_only_the_story() {
        let d = doc(PAGE, Format::Html);
        assert_eq!(
            d.text,
            "Talks end in hope\n\nLeaders met in Washington on Monday. They agreed to meet again.\n\nPéter Szijjártó said “no” & left.\n\nFirst point made.\n\nSecond point made."
        );
        assert!(d.map.blocks()[0].heading);
        assert!(!d.map.blocks()[1].heading);
        assert_eq!(d.title.as_deref(), Some("Talks end in hope"));
        assert_eq!(d.published.as_deref(), Some("2025-08-18"));
    }

    #[test]
    fn html_maps_text_back_to_the_paragraph() {
        let d = doc(PAGE, Format::Html);
        // The same sentence also sits in a script earlier on; the paragraph wins.
        let at = PAGE.find("<p>Leaders met").unwrap() + 3;
        assert_eq!(d.map.to_raw(d.text.find("Leaders met").unwrap()), at);
        assert_maps_verbatim(&d, "Leaders met in Washington on Monday.");
        assert_maps_verbatim(&d, "First point made.");
        // Entities: words map to the raw words they were decoded from.
        let peter = d.text.find("Péter").unwrap();
        assert_eq!(d.map.to_raw(peter), PAGE.find("P&eacute;ter").unwrap());
        let end = d.text.find("left.").unwrap() + "left.".len();
        assert_eq!(d.map.to_raw_end(end), PAGE.find("left.</p>").unwrap() + 5);
    }

    #[test]
    fn offset_map_is_total_and_monotonic() {
        for (raw, format) in [
            (PAGE, Format::Html),
            ("# T\n\nA &amp; B \\* c `d` é.\n\n* x\n", Format::Markdown),
            ("Één. Twee!\n\nDrie", Format::Text),
            (
                "<p>&bogus; &#x2019;&#8220;</p><p></p><p>ü</p>",
                Format::Html,
            ),
        ] {
            let d = doc(raw, format);
            let mut last = 0;
            for t in 0..=d.text.len() + 3 {
                let r = d.map.to_raw(t);
                assert!(r <= raw.len() && r >= last, "{raw:?} at {t}");
                if d.text.is_char_boundary(t) {
                    assert!(raw.is_char_boundary(r));
                    assert!(raw.is_char_boundary(d.map.to_raw_end(t)));
                }
                last = r;
            }
        }
        let id = OffsetMap::identity(5);
        assert_eq!((id.to_raw(3), id.to_raw(9), id.to_raw_end(5)), (3, 5, 5));
        assert_eq!(OffsetMap::identity(0).to_raw(4), 0);
    }

    #[test]
    fn html_article_preferred_and_largest() {
        let raw = "<html><body><p>Sidebar words that are long enough to matter here.</p>\
            <article><p>Short teaser.</p></article>\
            <article><p>The main story is this much longer paragraph.</p></article></body></html>";
        let d = doc(raw, Format::Html);
        assert_eq!(d.text, "The main story is this much longer paragraph.");
        let raw = "<body><div class=\"menu\">Home</div><main><p>Main text.</p></main><p>Other.</p></body>";
        assert_eq!(doc(raw, Format::Html).text, "Main text.");
    }

    #[test]
    fn html_without_article_or_main_uses_readability() {
        let story = "<p>Ukrainian president Volodymyr Zelensky met US president Donald Trump at the White House on Monday, in talks about ending the war in Ukraine, with several European leaders present.</p>";
        let raw = format!(
            "<html><body><div class=\"top\"><a href=\"/\">Home</a> | <a href=\"/w\">World</a></div>\
             <div id=\"content\"><div class=\"story\">{}</div></div></body></html>",
            story.repeat(4)
        );
        let d = doc(&raw, Format::Html);
        assert!(d.text.starts_with("Ukrainian president"), "{}", d.text);
        assert!(!d.text.contains("Home"));
        assert_eq!(d.map.blocks().len(), 4);
        assert_maps_verbatim(&d, "with several European leaders present.");
    }

    #[test]
    fn html_title_and_date_fallbacks() {
        let json_ld = r#"<html><head><title>Ignored | Outlet</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
            {"@type":["NewsArticle"],"headline":"From JSON-LD","datePublished":"2025-08-19T01:00:00Z"}]}</script>
            </head><body><article><p>Body.</p></article></body></html>"#;
        let d = doc(json_ld, Format::Html);
        assert_eq!(d.title.as_deref(), Some("From JSON-LD"));
        assert_eq!(d.published.as_deref(), Some("2025-08-19"));

        let plain = r#"<html><head><title>Talks resume - The Daily Outlet</title></head>
            <body><article><time datetime="2025-08-17">Sunday</time><p>Body.</p></article></body></html>"#;
        let d = doc(plain, Format::Html);
        assert_eq!(d.title.as_deref(), Some("Talks resume"));
        assert_eq!(d.published.as_deref(), Some("2025-08-17"));

        let bare = "<body><article><h1>Only heading</h1><p>Body.</p></article></body>";
        let d = doc(bare, Format::Html);
        assert_eq!(d.title.as_deref(), Some("Only heading"));
        assert_eq!(d.published, None);
    }

    #[test]
    fn dates_are_normalised() {
        for (input, want) in [
            ("2025-08-18T23:50:00-04:00", Some("2025-08-18")),
            ("2025/8/1", Some("2025-08-01")),
            ("20250818", Some("2025-08-18")),
            ("Aug. 18, 2025", Some("2025-08-18")),
            ("18 August 2025", Some("2025-08-18")),
            ("19/08/2025", Some("2025-08-19")),
            ("05/06/2025", None),
            ("2025-13-01", None),
            ("yesterday", None),
        ] {
            assert_eq!(normalize_date(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let bytes = b"Caf\xe9 opens.\xff\xfe\n";
        let d = from_bytes("x.txt", bytes, None).unwrap();
        assert_eq!(d.raw, "Caf\u{1a} opens.\u{1a}\u{1a}\n");
        assert_eq!(d.raw.len(), bytes.len(), "offsets stay the file's");
        assert_eq!(d.warnings.len(), 1);
        assert!(
            d.warnings[0].contains("3 bytes replaced"),
            "{:?}",
            d.warnings
        );
        assert!(from_bytes("y", b"fine", None).unwrap().warnings.is_empty());
    }

    #[test]
    fn binary_input_is_refused() {
        let err = from_bytes("a.png", b"\x89PNG\r\n\x1a\n\0\0\0", None).unwrap_err();
        assert!(
            err.to_string().contains("looks like a binary file"),
            "{err}"
        );
        let controls: Vec<u8> = (0..100u8)
            .map(|i| if i % 2 == 0 { 1 } else { b'a' })
            .collect();
        assert!(from_bytes("b", &controls, None).is_err());
        assert!(from_bytes("empty", b"", None).unwrap().text.is_empty());
    }

    #[test]
    fn read_path_errors_and_success() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_path(dir.path()).unwrap_err();
        assert!(matches!(err, Error::Input { .. }));
        assert!(err.to_string().contains("is a folder"), "{err}");

        let missing = dir.path().join("nope.txt");
        assert!(matches!(read_path(&missing).unwrap_err(), Error::Io { .. }));

        let file = dir.path().join("story.md");
        std::fs::write(&file, "# Title\n\nBody text.\n").unwrap();
        let d = read_path(&file).unwrap();
        assert_eq!(
            (d.format, d.text.as_str()),
            (Format::Markdown, "Title\n\nBody text.")
        );
        assert_eq!(d.name, file.display().to_string());

        let bare = dir.path().join("STORY");
        std::fs::write(&bare, "<!doctype html><p>Hi there.</p>").unwrap();
        assert_eq!(read_path(&bare).unwrap().format, Format::Html);
    }
}
