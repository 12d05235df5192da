//! `--format text`: for a person at a terminal.
//!
//! One block per claim: where it is, the verdict and how sure it is, the reason, the
//! best evidence with its source and a word diff in the style of `git diff
//! --word-diff` (`[-claim only-]{+evidence only+}`), then the other evidence, each on
//! its own labelled line so none reads as part of the diff above it. Coloured when
//! stdout is a terminal (`--color`, `NO_COLOR`). `--verbose` adds the sentence a fact
//! was taken from and a diff under every piece of evidence.

use std::io::{self, Write};

use super::model::{ClaimReport, EvidenceReport, Report, RunReport};
use super::words::{plural, printable};
use crate::align::Op;
use crate::verdict::Label;

pub struct TextReport {
    pub color: bool,
    /// `--verbose`: each fact's sentence and every evidence's diff.
    pub verbose: bool,
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

impl TextReport {
    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    fn label(&self, label: Label) -> String {
        let style = match label {
            Label::Supported => GREEN,
            Label::Contradicted => RED,
            Label::Unverified => YELLOW,
        };
        let word = super::words::title(label).to_uppercase();
        self.paint(&format!("{BOLD}{style}"), &word)
    }

    fn diff(&self, e: &EvidenceReport) -> String {
        e.diff
            .iter()
            .map(|d| match d.op {
                Op::Equal => printable(&d.text).into_owned(),
                Op::Delete => self.paint(RED, &format!("[-{}-]", printable(&d.text))),
                Op::Insert => self.paint(GREEN, &format!("{{+{}+}}", printable(&d.text))),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn claim(&self, out: &mut dyn Write, path: &str, c: &ClaimReport) -> io::Result<()> {
        writeln!(
            out,
            "{}:{}:{}: {} {}",
            printable(path),
            c.location.line,
            c.location.column,
            self.label(c.verdict),
            self.paint(
                DIM,
                &format!(
                    "{} (confidence {:.2}{})",
                    printable(&c.id),
                    c.confidence,
                    // What an unverified verdict is sure of is an absence.
                    if c.verdict == Label::Unverified {
                        " that no source settles it"
                    } else {
                        ""
                    }
                )
            )
        )?;
        writeln!(out, "  claim     {}", printable(&c.text))?;
        if self.verbose && c.sentence.trim() != c.text.trim() {
            writeln!(out, "  sentence  {}", printable(&c.sentence))?;
        }
        writeln!(out, "  reason    {}", printable(&c.reason))?;
        for (i, e) in c.evidence.iter().enumerate() {
            let head = if i == 0 { "evidence" } else { "also    " };
            writeln!(
                out,
                "  {head}  [{}] {}",
                stance_word(e),
                printable(&e.sentence)
            )?;
            writeln!(
                out,
                "            {}",
                self.paint(DIM, &format!("— {}", printable(&e.provenance())))
            )?;
            let diff = if self.verbose {
                true
            } else {
                i == 0 && c.verdict != Label::Unverified
            };
            if diff {
                writeln!(out, "  diff      {}", self.diff(e))?;
            }
        }
        writeln!(out)
    }
}

fn stance_word(e: &EvidenceReport) -> &'static str {
    super::words::stance_verb(e.stance)
}

impl Report for TextReport {
    fn render(&self, report: &RunReport, out: &mut dyn Write) -> io::Result<()> {
        for article in &report.articles {
            for c in &article.claims {
                self.claim(out, &article.path, c)?;
            }
        }
        let s = &report.summary;
        writeln!(
            out,
            "{} in {}: {} supported, {} contradicted, {} unverified (corpus: {}, {})",
            plural(s.claims, "claim"),
            plural(report.articles.len(), "article"),
            self.paint(GREEN, &s.supported.to_string()),
            self.paint(RED, &s.contradicted.to_string()),
            self.paint(YELLOW, &s.unverified.to_string()),
            plural(report.corpus.documents, "document"),
            plural(report.corpus.sentences, "sentence")
        )
    }
}
