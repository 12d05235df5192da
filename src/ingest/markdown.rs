//! Markdown: the rendered reading of the article, mapped back to its source.
//!
//! pulldown-cmark's offset iterator gives each event its source range, so text that reads
//! the same as its source (almost all of it) maps exactly; escapes, entities and code-span
//! backticks map to the start of their range. Markup that a reader never sees (link
//! targets, images, HTML comments, front matter) does not become text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::builder::{BlockKind, Extracted, TextBuilder, bom_len};
use super::dates::normalize_date;

pub(super) fn extract(raw: &str) -> Extracted {
    let base = bom_len(raw);
    let source = &raw[base..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;

    let mut builder = TextBuilder::new(raw);
    let mut front_matter = String::new();
    let mut in_front_matter = false;
    let mut hidden = 0usize; // depth inside images and code blocks
    let mut h1: Option<String> = None;
    let mut in_h1 = false;
    let mut items = 0usize; // list item depth: paragraphs in lists are never labels

    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        let range = range.start + base..range.end + base;
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_front_matter = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_front_matter = false,
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_)) => hidden += 1,
            Event::End(TagEnd::Image | TagEnd::CodeBlock) => hidden = hidden.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) => {
                builder.block_break(BlockKind::Heading);
                in_h1 = level == pulldown_cmark::HeadingLevel::H1 && h1.is_none();
                if in_h1 {
                    h1 = Some(String::new());
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                builder.block_break(BlockKind::Other);
                in_h1 = false;
            }
            Event::Start(Tag::Paragraph) if items == 0 => builder.block_break(BlockKind::Paragraph),
            Event::Start(tag) if is_block(&tag) => {
                items += usize::from(matches!(tag, Tag::Item));
                builder.block_break(BlockKind::Other);
            }
            Event::End(tag) if is_block_end(tag) => {
                items -= usize::from(matches!(tag, TagEnd::Item) && items > 0);
                builder.block_break(BlockKind::Other);
            }
            Event::Rule => builder.block_break(BlockKind::Other),
            Event::Text(text) if in_front_matter => front_matter.push_str(&text),
            Event::Text(text) | Event::Code(text) if hidden == 0 => {
                if in_h1 && let Some(title) = h1.as_mut() {
                    title.push_str(&text);
                }
                match raw[range.clone()].find(&*text) {
                    // Verbatim (a code span's text sits inside its backticks).
                    Some(at) => builder.exact(&text, range.start + at),
                    None => builder.synthetic(&text, range),
                }
            }
            Event::SoftBreak | Event::HardBreak if hidden == 0 => {
                if in_h1 && let Some(title) = h1.as_mut() {
                    title.push(' ');
                }
                builder.space();
            }
            _ => {}
        }
    }

    let (text, map) = builder.finish();
    let field = |keys: &[&str]| front_matter_field(&front_matter, keys);
    let title = field(&["title"])
        .or_else(|| h1.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")))
        .filter(|t| !t.is_empty());
    let published =
        field(&["date", "published", "published_at", "pubdate"]).and_then(|d| normalize_date(&d));
    Extracted {
        text,
        map,
        title,
        published,
    }
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::HtmlBlock
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// A `key: value` (YAML) or `key = "value"` (TOML) line of front matter, unquoted.
fn front_matter_field(front_matter: &str, keys: &[&str]) -> Option<String> {
    front_matter.lines().find_map(|line| {
        let at = line.find([':', '='])?;
        let (key, value) = (&line[..at], &line[at + 1..]);
        let key = key.trim().to_ascii_lowercase();
        keys.contains(&key.as_str()).then(|| {
            value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .trim()
                .to_string()
        })
    })
}
