//! What a response is and how to read it: content types and charsets.
//!
//! Only text-like responses are worth keeping as articles or evidence; a PDF or an image
//! is skipped with a reason rather than fed to the text pipeline. Pages are decoded to
//! UTF-8 with `encoding_rs` from the charset that the `Content-Type` header names, else
//! the one a byte-order mark or an HTML `<meta charset>` names; a page that declares
//! nothing and is not valid UTF-8 is read as windows-1252, which is what browsers do.

use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

use crate::ingest::Format;

/// The text-like content types kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Html,
    Markdown,
    Plain,
    Json,
}

impl Kind {
    /// The ingest format; `None` lets ingest sniff.
    pub fn format(self) -> Option<Format> {
        match self {
            Kind::Html => Some(Format::Html),
            Kind::Markdown => Some(Format::Markdown),
            Kind::Plain | Kind::Json => Some(Format::Text),
        }
    }

    /// The file extension a fetched page of this kind is saved with. JSON is saved as
    /// `.txt` so that a corpus folder reads it (as plain text).
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Html => "html",
            Kind::Markdown => "md",
            Kind::Plain | Kind::Json => "txt",
        }
    }
}

/// The media type alone, lowercased: `text/html; charset=utf-8` → `text/html`.
pub fn mime(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The kind of a content type, or `None` when it is not text we keep.
pub fn kind(content_type: &str) -> Option<Kind> {
    let m = mime(content_type);
    match m.as_str() {
        "text/html" | "application/xhtml+xml" => Some(Kind::Html),
        "text/markdown" | "text/x-markdown" => Some(Kind::Markdown),
        "text/plain" | "" => Some(Kind::Plain),
        "application/json" | "text/json" => Some(Kind::Json),
        _ if m.ends_with("+json") => Some(Kind::Json),
        _ => None,
    }
}

/// The `charset` parameter of a content type.
pub fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(v.trim().trim_matches(['"', '\'']).as_bytes())
    })
}

/// The charset an HTML page declares in its first 4 KiB: `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`.
pub fn meta_charset(body: &[u8]) -> Option<&'static Encoding> {
    static META: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)"#)
            .expect("valid regex")
    });
    let head = &body[..body.len().min(4096)];
    let caps = META.captures(head)?;
    let enc = Encoding::for_label(&caps[1])?;
    // A page that says UTF-16 in ASCII cannot be UTF-16 (HTML standard): read as UTF-8.
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    Some(enc)
}

/// Decode a body to UTF-8; returns the text and the name of the charset used.
pub fn to_utf8(body: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    let declared =
        content_type
            .and_then(header_charset)
            .or_else(|| match content_type.and_then(kind) {
                Some(Kind::Html) | None => meta_charset(body),
                _ => None,
            });
    let encoding = match (Encoding::for_bom(body), declared) {
        (Some((bom, _)), _) => bom,
        (None, Some(enc)) => enc,
        (None, None) if std::str::from_utf8(body).is_ok() => UTF_8,
        (None, None) => WINDOWS_1252,
    };
    let (text, used, _had_errors) = encoding.decode(body);
    (text.into_owned(), used.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind("text/html; charset=UTF-8"), Some(Kind::Html));
        assert_eq!(kind("text/markdown"), Some(Kind::Markdown));
        assert_eq!(kind("application/ld+json"), Some(Kind::Json));
        assert_eq!(kind("application/pdf"), None);
        assert_eq!(kind("image/png"), None);
    }

    #[test]
    fn charset_from_header_meta_and_fallback() {
        let latin1 = b"<p>Caf\xe9 cr\xe8me</p>";
        assert_eq!(
            to_utf8(latin1, Some("text/html; charset=ISO-8859-1")).0,
            "<p>Café crème</p>"
        );
        let meta = b"<html><head><meta charset=\"iso-8859-1\"></head><p>Caf\xe9</p>";
        let (text, used) = to_utf8(meta, Some("text/html"));
        assert!(text.contains("Café"), "{text}");
        assert_eq!(used, "windows-1252");
        let equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8</p>";
        assert!(to_utf8(equiv, None).0.contains("При"));
        assert_eq!(to_utf8(b"Caf\xe9", Some("text/plain")).0, "Café");
        assert_eq!(to_utf8("Café".as_bytes(), Some("text/plain")).1, "UTF-8");
    }
}
