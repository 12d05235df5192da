//! `--format html`: one self-contained page for an editor.
//!
//! The article is shown as written (the file's own text, so line breaks and Markdown
//! stay recognisable) with every claim highlighted in its verdict's colour. Hovering a
//! claim shows the verdict, the reason, the best evidence and the word diff; clicking
//! it jumps to its card in the list beside the text, which carries all the evidence.
//! The page works from a CI artifact or an e-mail attachment: no script, no external
//! style sheet, font or image. Every piece of text that comes from the article, the
//! corpus or the configuration is HTML-escaped, so a draft cannot inject markup.
//!
//! Highlights use the claims' byte ranges in the file. Overlapping ranges are clipped to
//! the end of the previous highlight; a claim without text (a reviewed claim set whose
//! article is not readable) still gets its card.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::model::{ArticleReport, ClaimReport, EvidenceReport, Report, RunReport};
use super::policy::FailOn;
use crate::align::Op;
use crate::verdict::Label;

pub struct HtmlReport {
    pub fail_on: FailOn,
    /// Each article's file as read, by report path.
    pub articles: BTreeMap<String, String>,
}

/// Escape text for an HTML element or a double-quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are parse errors in HTML; the one ingest puts for a byte
            // that was not UTF-8 among them.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --red: #b42318; --red-bg: #fde2e0; --amber: #8a5a00; --amber-bg: #fff1c2;
        --green: #1a7f37; --green-bg: #dcf5e3; --ink: #1f2328; --muted: #656d76; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f8fa; }
header { padding: 16px 24px; background: #fff; border-bottom: 1px solid #d0d7de; }
header h1 { margin: 0 0 4px; font-size: 20px; }
.counts span { display: inline-block; margin-right: 12px; padding: 1px 8px; border-radius: 10px; font-weight: 600; }
.article { margin: 16px 24px; }
.article h2 { font-size: 16px; margin: 0 0 8px; font-family: ui-monospace, monospace; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; align-items: start; }
.text { margin: 0; padding: 16px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px;
        white-space: pre-wrap; word-wrap: break-word; font: 14px/1.7 Georgia, serif; }
mark { position: relative; padding: 1px 0; border-radius: 3px; color: inherit; cursor: pointer; }
mark > a { color: inherit; text-decoration: none; }
mark.contradicted { background: var(--red-bg); border-bottom: 2px solid var(--red); }
mark.unverified { background: var(--amber-bg); border-bottom: 2px dashed var(--amber); }
mark.supported { background: var(--green-bg); border-bottom: 2px solid var(--green); }
mark .pop { display: none; position: absolute; left: 0; top: 1.6em; z-index: 10; width: 28em; max-width: 80vw;
            padding: 8px 10px; background: #fff; border: 1px solid #8c959f; border-radius: 6px;
            box-shadow: 0 4px 12px rgba(0,0,0,.15); font: 13px/1.45 system-ui, sans-serif; white-space: normal; }
mark:hover .pop, mark:focus-within .pop { display: block; }
.claims { list-style: none; margin: 0; padding: 0; }
.card { margin: 0 0 10px; padding: 10px 12px; background: #fff; border: 1px solid #d0d7de; border-left-width: 5px; border-radius: 6px; }
.card:target { outline: 3px solid #0969da; }
.card.contradicted { border-left-color: var(--red); }
.card.unverified { border-left-color: var(--amber); }
.card.supported { border-left-color: var(--green); }
.verdict { font-weight: 700; text-transform: uppercase; font-size: 12px; letter-spacing: .04em; }
.contradicted .verdict, .counts .contradicted { color: var(--red); }
.unverified .verdict, .counts .unverified { color: var(--amber); }
.supported .verdict, .counts .supported { color: var(--green); }
.counts .contradicted { background: var(--red-bg); } .counts .unverified { background: var(--amber-bg); } .counts .supported { background: var(--green-bg); }
.where, .source { color: var(--muted); font-size: 12px; font-family: ui-monospace, monospace; }
.evidence { margin: 6px 0 0; padding-left: 16px; }
.diff del { background: var(--red-bg); color: var(--red); }
.diff ins { background: var(--green-bg); color: var(--green); text-decoration: none; }
"#;

fn verdict_word(label: Label) -> &'static str {
    super::words::title(label)
}

fn diff(e: &EvidenceReport) -> String {
    e.diff
        .iter()
        .map(|d| match d.op {
            Op::Equal => escape(&d.text),
            Op::Delete => format!("<del>{}</del>", escape(&d.text)),
            Op::Insert => format!("<ins>{}</ins>", escape(&d.text)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn source(e: &EvidenceReport) -> String {
    escape(&e.provenance())
}

/// The hover box of a highlight.
fn popup(c: &ClaimReport) -> String {
    let mut p = format!(
        r#"<span class="pop"><span class="verdict">{}</span> {}"#,
        verdict_word(c.verdict),
        escape(&c.reason)
    );
    if let Some(e) = c.evidence.first() {
        p.push_str(&format!(
            r#"<br><span class="source">{}</span><br>{}"#,
            source(e),
            escape(&e.sentence)
        ));
        if c.verdict != Label::Unverified {
            p.push_str(&format!(r#"<br><span class="diff">{}</span>"#, diff(e)));
        }
    }
    p.push_str("</span>");
    p
}

fn card(anchor: &str, path: &str, c: &ClaimReport) -> String {
    let mut s = format!(
        r#"<li class="card {v}" id="{anchor}" data-claim="{id}" data-verdict="{v}"><span class="verdict">{word}</span> <span class="where">{path}:{line}:{col} · {id} · confidence {conf:.2}</span><br><q>{text}</q><br>{reason}"#,
        v = c.verdict.as_str(),
        word = verdict_word(c.verdict),
        path = escape(path),
        line = c.location.line,
        col = c.location.column,
        id = escape(&c.id),
        conf = c.confidence,
        text = escape(&c.text),
        reason = escape(&c.reason),
    );
    if !c.evidence.is_empty() {
        s.push_str(r#"<ul class="evidence">"#);
        for (i, e) in c.evidence.iter().enumerate() {
            s.push_str(&format!(
                r#"<li>{}<br><span class="source">{}</span>"#,
                escape(&e.sentence),
                source(e)
            ));
            if i == 0 && c.verdict != Label::Unverified {
                s.push_str(&format!(r#"<div class="diff">{}</div>"#, diff(e)));
            }
            s.push_str("</li>");
        }
        s.push_str("</ul>");
    }
    s.push_str("</li>\n");
    s
}

/// The article text with each claim's byte range wrapped in a `<mark>`.
fn highlighted(raw: &str, claims: &[(String, &ClaimReport)]) -> String {
    let mut order: Vec<&(String, &ClaimReport)> = claims.iter().collect();
    order.sort_by_key(|(_, c)| (c.location.byte_start, c.location.byte_end));
    let mut out = String::with_capacity(raw.len() * 2);
    let mut pos = 0;
    for (anchor, c) in order {
        let start = c.location.byte_start.max(pos);
        let end = c.location.byte_end.min(raw.len());
        if start >= end || !raw.is_char_boundary(start) || !raw.is_char_boundary(end) {
            continue;
        }
        out.push_str(&escape(&raw[pos..start]));
        out.push_str(&format!(
            r##"<mark class="claim {v}" data-claim="{id}" data-verdict="{v}" tabindex="0"><a href="#{anchor}">{text}</a>{pop}</mark>"##,
            v = c.verdict.as_str(),
            id = escape(&c.id),
            text = escape(&raw[start..end]),
            pop = popup(c),
        ));
        pos = end;
    }
    out.push_str(&escape(&raw[pos..]));
    out
}

fn counts(s: &super::model::Summary) -> String {
    format!(
        r#"<p class="counts">{}: <span class="contradicted">{} contradicted</span><span class="unverified">{} unverified</span><span class="supported">{} supported</span></p>"#,
        super::words::plural(s.claims, "claim"),
        s.contradicted,
        s.unverified,
        s.supported
    )
}

impl HtmlReport {
    fn article(&self, index: usize, a: &ArticleReport) -> String {
        let claims: Vec<(String, &ClaimReport)> = a
            .claims
            .iter()
            .enumerate()
            .map(|(j, c)| (format!("a{index}-c{j}"), c))
            .collect();
        let text = match self.articles.get(&a.path) {
            Some(raw) => format!(r#"<pre class="text">{}</pre>"#, highlighted(raw, &claims)),
            None => r#"<p class="text">The article's text is not available; the claims are listed beside.</p>"#
                .to_string(),
        };
        let title = a
            .title
            .as_deref()
            .map(|t| format!("<p>{}</p>", escape(t)))
            .unwrap_or_default();
        let cards: String = claims
            .iter()
            .map(|(anchor, c)| card(anchor, &a.path, c))
            .collect();
        format!(
            "<section class=\"article\" data-path=\"{path}\">\n<h2>{path}</h2>{title}{counts}\n<div class=\"layout\">\n{text}\n<ol class=\"claims\">\n{cards}</ol>\n</div>\n</section>\n",
            path = escape(&a.path),
            counts = counts(&a.summary),
        )
    }
}

impl Report for HtmlReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        let title = match report.articles.as_slice() {
            [one] => format!("claimcheck: {}", one.path),
            _ => format!("claimcheck: {} articles", report.articles.len()),
        };
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"{} {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header><h1>{}</h1>{}<p class=\"where\">Failing at: {}. Corpus: {}, {}. Hover a highlighted claim for its evidence; click it for the full card.</p></header>\n<main>\n",
            report.tool.name,
            report.tool.version,
            escape(&title),
            escape(&title),
            counts(&report.summary),
            self.fail_on.as_str(),
            super::words::plural(report.corpus.documents, "document"),
            super::words::plural(report.corpus.sentences, "sentence"),
        )?;
        for (i, a) in report.articles.iter().enumerate() {
            out.write_all(self.article(i, a).as_bytes())?;
        }
        writeln!(out, "</main>\n</body>\n</html>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_user_written() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
