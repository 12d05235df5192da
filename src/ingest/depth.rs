//! A cap on how deeply HTML nests, applied before the page is parsed.
//!
//! An HTML parser checks "is an element of this kind in scope" against its stack of open
//! elements for many start and end tags, and readability scores walk ancestors: both cost
//! the nesting depth per tag, so a page of 10,000 nested `<div>`s (50 KB) costs
//! 10,000² steps and 100,000 never finish. No story nests more than a few dozen levels,
//! so tags opened past [`MAX_DEPTH`] are blanked (each byte of the tag replaced by a
//! space) together with their end tags. Their text stays, every byte offset stays where
//! it was (so locations still point into the file), and every later stage sees a tree
//! at most `MAX_DEPTH` deep. The scan is one linear pass with a stack of open tags.

/// Nesting beyond this many open elements is flattened.
pub const MAX_DEPTH: usize = 256;

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements whose end tag may be left out and which close themselves when a sibling of
/// their kind opens; they never deepen a tree much, so they are not counted.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb",
    "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// `raw` with nesting past [`MAX_DEPTH`] blanked, or `None` when it nests no deeper.
pub fn cap_depth(raw: &str) -> Option<String> {
    cap_depth_at(raw, MAX_DEPTH)
}

fn cap_depth_at(raw: &str, max: usize) -> Option<String> {
    let b = raw.as_bytes();
    // Open elements: (lowercase name, blanked).
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut blanks: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let at = i + off;
        if b[at..].starts_with(b"<!--") {
            i = find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if matches!(b.get(at + 1), Some(b'!') | Some(b'?')) {
            i = memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1);
            continue;
        }
        let closing = b.get(at + 1) == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_end = b[name_start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric() && *c != b'-' && *c != b':')
            .map_or(b.len(), |p| name_start + p);
        if name_end == name_start || !b[name_start].is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }
        let name = raw[name_start..name_end].to_ascii_lowercase();
        let end = tag_end(b, name_end);
        let self_closing = end >= 2 && b[end - 2] == b'/';
        if closing {
            if let Some(pos) = stack.iter().rposition(|(n, _)| *n == name) {
                if stack[pos].1 {
                    blanks.push((at, end));
                }
                stack.truncate(pos);
            }
            i = end;
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Skip its content: markup inside a script is not markup.
            let close = format!("</{name}");
            i = find_ascii_ci(b, end, close.as_bytes()).unwrap_or(b.len());
            continue;
        }
        if VOID.contains(&name.as_str()) || OPTIONAL_END.contains(&name.as_str()) || self_closing {
            i = end;
            continue;
        }
        let blank = stack.len() >= max;
        if blank {
            blanks.push((at, end));
        }
        stack.push((name, blank));
        i = end;
    }
    if blanks.is_empty() {
        return None;
    }
    let mut out = b.to_vec();
    for (s, e) in blanks {
        out[s..e].fill(b' ');
    }
    // Only whole tags (from '<' to '>', ASCII both) were replaced by ASCII spaces.
    Some(String::from_utf8(out).expect("blanking whole tags keeps UTF-8"))
}

/// Index just past the `>` that ends a tag whose name ends at `from`, skipping quoted
/// attribute values.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (k, &c) in b.iter().enumerate().skip(from) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return k + 1,
            None => {}
        }
    }
    b.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| from + p)
}

fn find_ascii_ci(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_left_alone() {
        let page = "<html><body><article><div><p>One.<p>Two.</div></article></body></html>";
        assert_eq!(cap_depth_at(page, 3), None);
        let unclosed_p = "<p>a".repeat(1000);
        assert_eq!(cap_depth_at(&unclosed_p, 3), None);
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_offsets() {
        let page = format!(
            "{}<p>Deep text.</p>{}",
            "<div class=\"x>y\">".repeat(5),
            "</div>".repeat(5)
        );
        let capped = cap_depth_at(&page, 2).unwrap();
        assert_eq!(capped.len(), page.len());
        assert_eq!(capped.matches("<div").count(), 2);
        assert_eq!(capped.matches("</div>").count(), 2);
        assert_eq!(capped.find("Deep text."), page.find("Deep text."));
    }

    #[test]
    fn markup_inside_scripts_and_comments_is_not_counted() {
        let page = format!(
            "<script>{}</script><!-- {} --><div>ok</div>",
            "<div>".repeat(10),
            "<div>".repeat(10)
        );
        assert_eq!(cap_depth_at(&page, 1), None);
    }
}
