//! HTML: the story of a news page, without the page around it.
//!
//! Pages wrap a few paragraphs of story in navigation, cookie banners, tickers, share
//! bars, "related" lists, newsletter promos and scripts. We drop those by tag and by
//! class/id, prefer the largest `<article>` (else `<main>`, else `[role=main]`, else what
//! readability finds), and read block elements as blocks.
//!
//! html5ever keeps no source positions, so each text node is found again in the raw file
//! by searching forward from a cursor that never moves back. Words are matched one by one,
//! allowing any whitespace between them and an entity (`&rsquo;`) wherever a character
//! differs, so ordinary paragraphs map exactly and entity-laden ones map word by word.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use super::builder::{BlockKind, Extracted, TextBuilder, ceil_char_boundary, floor_char_boundary};
use super::dates::normalize_date;

/// Elements that are never story text.
const DROPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
    "figure",
    "figcaption",
    "head",
    "title",
    "select",
    "dialog",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "menu",
];

/// Elements whose content is a block of its own.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "table",
    "tr",
    "caption",
    "address",
    "hr",
    "body",
    "details",
    "summary",
    "center",
    "hgroup",
];

/// Class or id fragments that mark page furniture rather than story.
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)cookie|consent|gdpr|banner|ticker|breaking|share|social|related|recommend|newsletter|subscribe|promo|advert|(?:^|[\s_-])ads?(?:$|[\s_-])|sponsor|breadcrumb|comment|sidebar|menu|popup|modal|footer|header|nav",
    )
    .expect("valid regex")
});

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

static ARTICLE: LazyLock<Selector> = LazyLock::new(|| selector("article"));
static MAIN: LazyLock<Selector> = LazyLock::new(|| selector("main"));
static ROLE_MAIN: LazyLock<Selector> = LazyLock::new(|| selector("[role=main]"));
static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));
static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static SCRIPT: LazyLock<Selector> = LazyLock::new(|| selector("script"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));

pub(super) fn extract(raw: &str) -> Extracted {
    // Parse a copy with pathological nesting flattened: same bytes, same offsets.
    let capped = super::depth::cap_depth(raw);
    let parsed = capped.as_deref().unwrap_or(raw);
    let page = Html::parse_document(parsed);
    let meta = Meta::read(&page);
    let root = story_root(&page, parsed);

    let mut builder = TextBuilder::new(raw);
    let mut locator = Locator {
        raw: parsed,
        cursor: start_hint(&page, &root, parsed),
    };
    let published_in_story = match &root {
        Root::Page(el) => {
            walk(*el, &mut builder, &mut locator);
            el.select(&TIME)
                .find_map(|t| t.attr("datetime").and_then(normalize_date))
        }
        Root::Readability(fragment) => {
            walk(fragment.root_element(), &mut builder, &mut locator);
            None
        }
    };
    let (text, map) = builder.finish();

    let first_h1 = || {
        page.select(&H1)
            .map(|h| collapse(&h.text().collect::<String>()))
            .find(|t| !t.is_empty())
    };
    let title = meta
        .property("og:title")
        .or(meta.json_ld_headline.clone())
        .or_else(|| {
            page.select(&TITLE)
                .next()
                .map(|t| strip_outlet(&collapse(&t.text().collect::<String>())))
        })
        .filter(|t| !t.is_empty())
        .or_else(first_h1);
    let published = [
        meta.property("article:published_time"),
        meta.json_ld_published.clone(),
    ]
    .into_iter()
    .flatten()
    .find_map(|d| normalize_date(&d))
    .or(published_in_story)
    .or_else(|| {
        [
            "og:published_time",
            "date",
            "pubdate",
            "publishdate",
            "article.published",
        ]
        .into_iter()
        .filter_map(|k| meta.property(k))
        .find_map(|d| normalize_date(&d))
    });
    Extracted {
        text,
        map,
        title,
        published,
    }
}

/// A raw byte offset at or before the story root's opening tag, so that text in the
/// `<head>` or in earlier page furniture is not mistaken for the story's text.
fn start_hint(page: &Html, root: &Root, raw: &str) -> usize {
    let (name, index) = match root {
        Root::Page(el) => {
            let name = el.value().name();
            let same = Selector::parse(name).ok();
            let index = same.and_then(|sel| page.select(&sel).position(|e| e == *el));
            (name, index.unwrap_or(0))
        }
        Root::Readability(_) => ("body", 0),
    };
    find_open_tag(raw, name, index)
        .or_else(|| find_open_tag(raw, "body", 0))
        .unwrap_or(0)
}

/// Byte offset of the `index`-th `<name` opening tag in `raw` (ASCII case-insensitive).
fn find_open_tag(raw: &str, name: &str, index: usize) -> Option<usize> {
    let bytes = raw.as_bytes();
    let pattern = format!("<{name}");
    let mut seen = 0;
    let mut from = 0;
    while let Some(at) = raw[from..].find('<').map(|i| from + i) {
        let end = at + pattern.len();
        let matches = bytes
            .get(at..end)
            .is_some_and(|b| b.eq_ignore_ascii_case(pattern.as_bytes()))
            && bytes
                .get(end)
                .is_none_or(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
        if matches {
            if seen == index {
                return Some(at);
            }
            seen += 1;
        }
        from = at + 1;
    }
    None
}

/// Where the story lives.
enum Root<'a> {
    Page(ElementRef<'a>),
    Readability(Html),
}

fn story_root<'a>(page: &'a Html, raw: &str) -> Root<'a> {
    let kept = |el: &ElementRef| !has_dropped_ancestor(el) && !is_dropped(el);
    let largest_article = page
        .select(&ARTICLE)
        .filter(kept)
        .map(|el| (kept_text_len(el), el))
        .filter(|(len, _)| *len > 0)
        .max_by_key(|(len, _)| *len)
        .map(|(_, el)| el);
    if let Some(el) = largest_article
        .or_else(|| {
            page.select(&MAIN)
                .find(|el| kept(el) && kept_text_len(*el) > 0)
        })
        .or_else(|| {
            page.select(&ROLE_MAIN)
                .find(|el| kept(el) && kept_text_len(*el) > 0)
        })
    {
        return Root::Page(el);
    }
    if let Ok(mut readability) = dom_smoothie::Readability::new(raw, None, None)
        && let Ok(article) = readability.parse()
        && !article.text_content.trim().is_empty()
    {
        return Root::Readability(Html::parse_fragment(&article.content));
    }
    Root::Page(
        page.select(&BODY)
            .next()
            .unwrap_or_else(|| page.root_element()),
    )
}

fn is_dropped(el: &ElementRef) -> bool {
    let e = el.value();
    let name = e.name();
    if DROPPED_TAGS.contains(&name) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    // The page's skeleton may carry state classes ("nav-open"); only furniture is dropped.
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let class = e.attr("class").unwrap_or_default();
    let id = e.attr("id").unwrap_or_default();
    BOILERPLATE.is_match(class) || BOILERPLATE.is_match(id)
}

fn has_dropped_ancestor(el: &ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| is_dropped(&a))
}

/// Length of the non-whitespace text that would be kept from `el`.
fn kept_text_len(el: ElementRef) -> usize {
    let mut len = 0;
    let mut stack = vec![*el];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => len += t.chars().filter(|c| !c.is_whitespace()).count(),
            Node::Element(_) if ElementRef::wrap(node).is_some_and(|e| !is_dropped(&e)) => {
                stack.extend(node.children());
            }
            Node::Document | Node::Fragment => stack.extend(node.children()),
            _ => {}
        }
    }
    len
}

/// Emit the kept text under `root` into `builder`, block by block.
fn walk(root: ElementRef, builder: &mut TextBuilder, locator: &mut Locator) {
    // (node, leaving): a block element is pushed again to close its block on the way out.
    let mut stack = vec![(*root, false)];
    while let Some((node, leaving)) = stack.pop() {
        if leaving {
            builder.block_break(BlockKind::Other);
            continue;
        }
        match node.value() {
            Node::Text(t) => emit_text(t, builder, locator),
            Node::Element(e) => {
                let Some(el) = ElementRef::wrap(node) else {
                    continue;
                };
                if node != *root && is_dropped(&el) {
                    continue;
                }
                let name = e.name();
                if name == "br" {
                    builder.space();
                    continue;
                }
                if BLOCK_TAGS.contains(&name) {
                    builder.block_break(match name {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
                        "p" | "div" | "section" | "article" | "main" | "body" | "blockquote"
                        | "center" | "address" => BlockKind::Paragraph,
                        _ => BlockKind::Other,
                    });
                    stack.push((node, true));
                }
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            Node::Document | Node::Fragment => {
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
}

/// Emit a decoded text node: its words joined by single spaces, each mapped into raw.
fn emit_text(text: &str, builder: &mut TextBuilder, locator: &mut Locator) {
    if text.starts_with(char::is_whitespace) {
        builder.space();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            builder.space();
        }
        match locator.locate(&words, i) {
            Some(pieces) => {
                for piece in pieces {
                    builder.push(&word[piece.text], piece.raw, piece.exact);
                }
            }
            None => builder.synthetic(word, locator.cursor..locator.cursor),
        }
    }
    if text.ends_with(char::is_whitespace) && !words.is_empty() {
        builder.space();
    }
}

/// Part of a word and where it sits in raw.
struct Piece {
    text: std::ops::Range<usize>,
    raw: std::ops::Range<usize>,
    exact: bool,
}

/// Finds decoded text again in the raw HTML, moving only forward.
struct Locator<'r> {
    raw: &'r str,
    cursor: usize,
}

impl Locator<'_> {
    /// How many candidate positions to try for a word before giving up on it.
    const MAX_CANDIDATES: usize = 512;
    /// How far past the previous word the next word of the same text node may be.
    const NEAR: usize = 256;

    /// Locate `words[i]`, the next word after the cursor, and move the cursor past it.
    fn locate(&mut self, words: &[&str], i: usize) -> Option<Vec<Piece>> {
        let word = words[i];
        let anchored = (i > 0)
            .then(|| match_word(self.raw, skip_space(self.raw, self.cursor), word))
            .flatten();
        let limit = if i == 0 {
            self.raw.len()
        } else {
            self.cursor + Self::NEAR
        };
        let (end, pieces) = anchored.or_else(|| self.search(words, i, limit))?;
        self.cursor = end;
        Some(pieces)
    }

    /// Search forward for `words[i]` at a position outside tags where the next two words
    /// of the node follow it too.
    fn search(&self, words: &[&str], i: usize, limit: usize) -> Option<(usize, Vec<Piece>)> {
        let raw = self.raw;
        let limit = floor_char_boundary(raw, limit);
        if self.cursor >= limit {
            return None;
        }
        let hay = &raw[self.cursor..limit];
        let word = words[i];
        let literal_len = word
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(word.len());
        let candidates: Box<dyn Iterator<Item = usize>> = if literal_len > 0 {
            Box::new(hay.match_indices(&word[..literal_len]).map(|(at, _)| at))
        } else {
            let first = word.chars().next()?;
            Box::new(
                hay.char_indices()
                    .filter(move |&(_, c)| c == first || c == '&')
                    .map(|(at, _)| at),
            )
        };
        candidates
            .take(Self::MAX_CANDIDATES)
            .map(|at| self.cursor + at)
            .filter(|&at| !inside_tag(raw, at) && !inside_script(raw, at))
            .find_map(|at| {
                let (end, pieces) = match_word(raw, at, word)?;
                let mut next = end;
                for following in words[i + 1..].iter().take(2) {
                    next = match_word(raw, skip_space(raw, next), following)?.0;
                }
                Some((end, pieces))
            })
    }
}

/// Match `word` at `raw[at..]`, each character either literally or as one entity.
/// Returns the raw end and the pieces (literal runs exact, entities not).
fn match_word(raw: &str, at: usize, word: &str) -> Option<(usize, Vec<Piece>)> {
    let mut pos = at;
    let mut pieces: Vec<Piece> = Vec::new();
    for (i, ch) in word.char_indices() {
        let rest = raw.get(pos..)?;
        let entity = entity_len(rest);
        let text = i..i + ch.len_utf8();
        if let (Some(len), true) = (entity, ch == '&' || !rest.starts_with(ch)) {
            pieces.push(Piece {
                text,
                raw: pos..pos + len,
                exact: false,
            });
            pos += len;
        } else if rest.starts_with(ch) {
            match pieces.last_mut() {
                Some(last) if last.exact && last.raw.end == pos => {
                    last.text.end = text.end;
                    last.raw.end += ch.len_utf8();
                }
                _ => pieces.push(Piece {
                    text,
                    raw: pos..pos + ch.len_utf8(),
                    exact: true,
                }),
            }
            pos += ch.len_utf8();
        } else {
            return None;
        }
    }
    Some((pos, pieces))
}

/// Length of a character reference (`&amp;`, `&#8217;`, `&#x2019;`) at the start of `s`.
fn entity_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('&')?;
    let end = body.bytes().take(32).position(|b| b == b';')?;
    let name = &body[..end];
    (!name.is_empty() && name.bytes().all(|b| b == b'#' || b.is_ascii_alphanumeric()))
        .then_some(end + 2)
}

/// Skip whitespace, including whitespace written as an entity (`&nbsp;`).
fn skip_space(raw: &str, mut pos: usize) -> usize {
    pos = ceil_char_boundary(raw, pos);
    while let Some(rest) = raw.get(pos..) {
        if let Some(c) = rest.chars().next().filter(|c| c.is_whitespace()) {
            pos += c.len_utf8();
        } else if let Some(len) = entity_len(rest).filter(|&len| {
            let name = rest[1..len - 1].to_ascii_lowercase();
            matches!(
                name.as_str(),
                "nbsp"
                    | "#160"
                    | "#xa0"
                    | "ensp"
                    | "emsp"
                    | "thinsp"
                    | "#32"
                    | "#x20"
                    | "#9"
                    | "#10"
            )
        }) {
            pos += len;
        } else {
            break;
        }
    }
    pos
}

/// Is `at` inside a tag or comment (the last `<` before it is not yet closed)?
fn inside_tag(raw: &str, at: usize) -> bool {
    let from = floor_char_boundary(raw, at.saturating_sub(2048));
    let before = &raw[from..at];
    match before.rfind(['<', '>']) {
        Some(i) if before.as_bytes()[i] == b'<' => before[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!'),
        _ => false,
    }
}

/// Is `at` inside a `<script>` or `<style>` element (whose text is never story)?
fn inside_script(raw: &str, at: usize) -> bool {
    let from = floor_char_boundary(raw, at.saturating_sub(8192));
    let before = &raw[from..at];
    let last = |needles: &[&str]| needles.iter().filter_map(|n| before.rfind(n)).max();
    let opened = last(&["<script", "<SCRIPT", "<style", "<STYLE"]);
    let closed = last(&["</script", "</SCRIPT", "</style", "</STYLE"]);
    opened > closed
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Talks end | The Harbour Ledger" -> "Talks end": drop a short outlet suffix.
fn strip_outlet(title: &str) -> String {
    [" | ", " - ", " — ", " – ", " :: "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
        .max_by_key(|(at, _)| *at)
        .filter(|&(at, len)| {
            !title[..at].trim().is_empty() && title[at + len..].split_whitespace().count() <= 5
        })
        .map_or_else(
            || title.to_string(),
            |(at, _)| title[..at].trim().to_string(),
        )
}

/// Page metadata: meta tags and the JSON-LD article object.
struct Meta {
    /// (lower-cased property or name, content), in document order.
    tags: Vec<(String, String)>,
    json_ld_headline: Option<String>,
    json_ld_published: Option<String>,
}

impl Meta {
    fn read(page: &Html) -> Meta {
        let tags = page
            .select(&META)
            .filter_map(|m| {
                let key = m
                    .attr("property")
                    .or(m.attr("name"))
                    .or(m.attr("itemprop"))?;
                let content = collapse(m.attr("content")?);
                (!content.is_empty()).then(|| (key.trim().to_ascii_lowercase(), content))
            })
            .collect();
        let article = page
            .select(&SCRIPT)
            .filter(|s| {
                s.attr("type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
            })
            .filter_map(|s| serde_json::from_str(&s.text().collect::<String>()).ok())
            .find_map(|v| find_article(&v).cloned());
        let field = |key: &str| {
            article
                .as_ref()
                .and_then(|a| a.get(key))
                .and_then(|v| v.as_str())
                .map(collapse)
        };
        Meta {
            tags,
            json_ld_headline: field("headline").or_else(|| field("name")),
            json_ld_published: field("datePublished"),
        }
    }

    fn property(&self, key: &str) -> Option<String> {
        self.tags
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

/// The first JSON-LD object typed as an article, looking through arrays and `@graph`.
fn find_article(value: &serde_json::Value) -> Option<&serde_json::Value> {
    const TYPES: &[&str] = &[
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
    ];
    match value {
        serde_json::Value::Array(items) => items.iter().find_map(find_article),
        serde_json::Value::Object(map) => {
            let typed = match map.get("@type") {
                Some(serde_json::Value::String(t)) => TYPES.contains(&t.as_str()),
                Some(serde_json::Value::Array(ts)) => ts
                    .iter()
                    .filter_map(|t| t.as_str())
                    .any(|t| TYPES.contains(&t)),
                _ => false,
            };
            if typed {
                Some(value)
            } else {
                map.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}
