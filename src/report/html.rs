//! `--format html`: one self-contained page for an editor.
//!
//! At the top of each article, its findings: contradicted claims first, then
//! unverified, then supported, each a link to its card and to its place in the text.
//! Filters by verdict are radio buttons and CSS (no script). The article is shown as
//! written (the file's own text) with every claim highlighted; verdicts differ by icon,
//! word and underline style as well as colour. Hovering a claim shows the verdict, the
//! reason, the best evidence and the word diff; clicking it jumps to its card, which
//! carries all the evidence, with source titles linked to their http(s) URL. One
//! column below 760 px, and a print style that never splits a card. The page works
//! from a CI artifact or an e-mail attachment: no script, no external style sheet,
//! font or image. Every piece of text that comes from the article, the corpus or the
//! configuration is HTML-escaped, so a draft cannot inject markup.
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
        --green: #116329; --green-bg: #dcf5e3; --ink: #1f2328; --muted: #656d76; }
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
mark.supported { border-bottom-style: dotted; }
.where, .source, .article h2 { overflow-wrap: anywhere; }
.findings { margin: 0 0 12px; padding: 10px 12px; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; }
.findings h3 { margin: 0 0 6px; font-size: 14px; }
.findings ol { margin: 0; padding-left: 20px; }
.findings li { margin: 2px 0; }
.findings a { color: #0969da; }
.filters { margin: 8px 0 0; font-size: 13px; }
.filters label { margin-right: 10px; cursor: pointer; }
#f-contradicted:checked ~ main .card:not(.contradicted),
#f-unverified:checked ~ main .card:not(.unverified),
#f-supported:checked ~ main .card:not(.supported),
#f-contradicted:checked ~ main .findings li:not(.contradicted),
#f-unverified:checked ~ main .findings li:not(.unverified),
#f-supported:checked ~ main .findings li:not(.supported) { display: none; }
.filter-input { position: absolute; opacity: 0; }
.filters label { padding: 1px 6px; border: 1px solid #d0d7de; border-radius: 10px; }
#f-all:checked ~ header label[for="f-all"], #f-contradicted:checked ~ header label[for="f-contradicted"],
#f-unverified:checked ~ header label[for="f-unverified"], #f-supported:checked ~ header label[for="f-supported"] {
  background: var(--ink); color: #fff; border-color: var(--ink); }
.filter-input:focus-visible + header .filters { outline: 2px solid #0969da; }
a.src { color: #0969da; }
@media (max-width: 760px) {
  .layout { grid-template-columns: 1fr; }
  .article { margin: 12px 8px; }
  header { padding: 12px; }
  mark .pop { width: auto; max-width: 90vw; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  .filters, .filter-input, mark .pop { display: none !important; }
  .layout { display: block; }
  .text { border: none; padding: 0; }
  .card { break-inside: avoid; page-break-inside: avoid; }
  .card:target { outline: none; }
  a.src::after { content: " <" attr(href) ">"; font-size: 9pt; color: var(--muted); }
}
"#;

/// Radio buttons before `<header>` and `<main>`, so CSS (`:checked ~ main`) filters
/// the cards and findings without a script.
const FILTER_INPUTS: &str = concat!(
    r#"<input class="filter-input" type="radio" name="filter" id="f-all" checked>"#,
    r#"<input class="filter-input" type="radio" name="filter" id="f-contradicted">"#,
    r#"<input class="filter-input" type="radio" name="filter" id="f-unverified">"#,
    r#"<input class="filter-input" type="radio" name="filter" id="f-supported">"#,
    "\n"
);

const FILTER_LABELS: &str = concat!(
    r#"<p class="filters">Show: <label for="f-all">all</label>"#,
    r#"<label for="f-contradicted">contradicted</label>"#,
    r#"<label for="f-unverified">unverified</label>"#,
    r#"<label for="f-supported">supported</label></p>"#
);

fn verdict_word(label: Label) -> &'static str {
    super::words::title(label)
}

/// The verdict as an icon and a word, so it reads without colour.
fn verdict_badge(label: Label) -> String {
    let icon = match label {
        Label::Contradicted => "\u{2717}",
        Label::Unverified => "?",
        Label::Supported => "\u{2713}",
    };
    format!(
        r#"<span class="verdict"><span aria-hidden="true">{icon}</span> {}</span>"#,
        verdict_word(label)
    )
}

/// Order of the findings list: what needs the desk's attention first.
fn urgency(label: Label) -> u8 {
    match label {
        Label::Contradicted => 0,
        Label::Unverified => 1,
        Label::Supported => 2,
    }
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

/// The source's title linked to its URL (http and https only), for a card.
fn source_link(e: &EvidenceReport) -> String {
    let Some(url) = e.source.url.as_deref() else {
        return String::new();
    };
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return String::new();
    }
    let title = e.source.title.as_deref().unwrap_or(url);
    format!(
        r#"<br><a class="src" href="{}" rel="noopener noreferrer">{}</a>"#,
        escape(url),
        escape(title)
    )
}

/// The hover box of a highlight.
fn popup(c: &ClaimReport) -> String {
    let mut p = format!(
        r#"<span class="pop">{} {}"#,
        verdict_badge(c.verdict),
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
        r##"<li class="card {v}" id="{anchor}" data-claim="{id}" data-verdict="{v}">{word} <span class="where"><a href="#m-{anchor}">{path}:{line}:{col}</a> · {id} · confidence {conf:.2}</span><br><q>{text}</q><br>{reason}"##,
        v = c.verdict.as_str(),
        word = verdict_badge(c.verdict),
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
                r#"<li>{}<br><span class="source">{}</span>{}"#,
                escape(&e.sentence),
                source(e),
                source_link(e)
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
            r##"<mark class="claim {v}" id="m-{anchor}" data-claim="{id}" data-verdict="{v}" tabindex="0"><a href="#{anchor}">{text}</a>{pop}</mark>"##,
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

/// Contradicted first, then unverified, then supported; in document order within each.
fn findings(claims: &[(String, &ClaimReport)]) -> String {
    let mut order: Vec<&(String, &ClaimReport)> = claims.iter().collect();
    order.sort_by_key(|(_, c)| (urgency(c.verdict), c.location.byte_start));
    let items: String = order
        .iter()
        .map(|(anchor, c)| {
            format!(
                r##"<li class="{v}">{badge} <a href="#{anchor}">{text}</a> <span class="where">(<a href="#m-{anchor}">line {line}</a>)</span></li>"##,
                v = c.verdict.as_str(),
                badge = verdict_badge(c.verdict),
                text = escape(&c.text),
                line = c.location.line,
            )
        })
        .collect();
    format!(
        "<nav class=\"findings\" aria-label=\"Findings\"><h3>Findings, most urgent first</h3><ol>{items}</ol></nav>\n"
    )
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
            "<section class=\"article\" data-path=\"{path}\">\n<h2>{path}</h2>{title}{counts}\n{findings}<div class=\"layout\">\n{text}\n<ol class=\"claims\">\n{cards}</ol>\n</div>\n</section>\n",
            path = escape(&a.path),
            counts = counts(&a.summary),
            findings = findings(&claims),
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
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"{} {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{FILTER_INPUTS}<header><h1>{}</h1>{}<p class=\"where\">Failing at: {}. Corpus: {}, {}. Hover a highlighted claim for its evidence; click it for the full card.</p>{FILTER_LABELS}</header>\n<main>\n",
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
