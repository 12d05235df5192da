//! The `check` pipeline end to end: articles (or reviewed claim sets) in, a
//! [`RunReport`] out. Articles are independent; one corpus and one index serve them all.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::claims::{self, Claim};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::index::Retriever;
use crate::ingest::{self, Document};
use crate::input::{Input, is_url};
use crate::report::{
    ArticleReport, ClaimReport, CorpusStats, EvidenceLocation, EvidenceReport, RunReport, SCHEMA,
    SourceRef, Summary, Tool,
};
use crate::segment;
use crate::verdict::{Verdict, Verifier};

/// The claim-set file written by `claimcheck extract` and read by `check --claims`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ClaimSet {
    pub schema: String,
    pub article: ArticleMeta,
    pub claims: Vec<Claim>,
}

pub const CLAIMSET_SCHEMA: &str = "claimcheck.claims/1";

impl crate::versioned::Versioned for ClaimSet {
    const SCHEMA: &'static str = CLAIMSET_SCHEMA;
    const WRITTEN_BY: &'static str = "`claimcheck extract --format json`";
    const WHAT: &'static str = "a claim set";
    fn schema(&self) -> &str {
        &self.schema
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    pub path: String,
    pub title: Option<String>,
    pub published: Option<String>,
}

/// An article's claims, ready to verify.
#[derive(Debug, Clone)]
pub struct ArticleClaims {
    pub meta: ArticleMeta,
    pub claims: Vec<Claim>,
}

/// Read an article from a path, or from stdin when the path is `-`, or from the web
/// when it is an `http(s)` URL (fetched with the default options, through the cache).
pub fn read_article(path: &Path) -> Result<Document> {
    read_article_with(path, &crate::fetch::FetchOptions::default())
}

/// [`read_article`] with the options for fetching a URL.
pub fn read_article_with(path: &Path, net: &crate::fetch::FetchOptions) -> Result<Document> {
    read_article_as(path, net, None)
}

/// [`read_article_with`], naming stdin `stdin_name` (`--stdin-filename`): the path
/// every report gives, and the extension that says whether it is Markdown or HTML.
pub fn read_article_as(
    path: &Path,
    net: &crate::fetch::FetchOptions,
    stdin_name: Option<&Path>,
) -> Result<Document> {
    let label = stdin_name
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|| "<stdin>".to_string());
    let path = match Input::of(path) {
        Input::Url(url) => return crate::fetch::fetch_document(url, net),
        Input::Path(path) => path,
        Input::Stdin => {
            let mut bytes = Vec::new();
            let stdin = std::io::stdin();
            std::io::Read::read_to_end(
                &mut std::io::Read::take(stdin.lock(), net.max_bytes.saturating_add(1)),
                &mut bytes,
            )
            .map_err(|e| Error::io(&label, &e))?;
            if bytes.len() as u64 > net.max_bytes {
                return Err(Error::input(
                    &label,
                    format!(
                        "larger than the {}-byte cap; raise --max-bytes to read it",
                        net.max_bytes
                    ),
                ));
            }
            let format = stdin_name.and_then(ingest::Format::of_extension);
            return ingest::from_bytes(&label, &bytes, format);
        }
    };
    ingest::read_path_capped(path, net.max_bytes)
}

/// The story a claim set names, for inline suppressions and the HTML report: read only
/// when it is a regular text file under the cap and holds the set's first claim, so a
/// claim set cannot make the report embed `/proc/self/environ`, a device or any file
/// other than its article. `Err` says why it was not read.
pub fn claimset_story(set: &ArticleClaims, limit: u64) -> std::result::Result<String, String> {
    let path = Path::new(&set.meta.path);
    let bytes = crate::fsutil::read_capped(path, limit).map_err(|e| e.to_string())?;
    let raw = String::from_utf8(bytes).map_err(|_| "is not UTF-8 text".to_string())?;
    if let Some(first) = set.claims.first() {
        let doc =
            ingest::from_bytes(&set.meta.path, raw.as_bytes(), None).map_err(|e| e.to_string())?;
        if !doc.text.contains(first.sentence.trim()) {
            return Err(
                "does not hold the claim set's claims; is it the article they came from?".into(),
            );
        }
    }
    Ok(raw)
}

/// Extract the claims of an ingested article.
pub fn extract(doc: &Document) -> ArticleClaims {
    let sentences = segment::sentences(doc);
    ArticleClaims {
        meta: ArticleMeta {
            path: doc.name.clone(),
            title: doc.title.clone(),
            published: doc.published.clone(),
        },
        claims: claims::extract(&sentences, &doc.raw),
    }
}

impl ArticleClaims {
    pub fn to_claimset(&self) -> ClaimSet {
        ClaimSet {
            schema: CLAIMSET_SCHEMA.to_string(),
            article: self.meta.clone(),
            claims: self.claims.clone(),
        }
    }
}

/// Read a reviewed claim set. Each claim's id and features are recomputed from its
/// (possibly edited) text; its location in the article is kept.
pub fn read_claimset(path: &Path) -> Result<ArticleClaims> {
    let set: ClaimSet = crate::versioned::read(path)?;
    let names = claims::known_names(set.claims.iter().map(|c| c.sentence.as_str()));
    let mut claims: Vec<Claim> = Vec::with_capacity(set.claims.len());
    let mut ids = claims::UniqueIds::default();
    for c in set.claims {
        if c.text.trim().is_empty() {
            return Err(Error::parse(
                path,
                1,
                format!("claim {} has empty text", c.id),
            ));
        }
        let mut fresh = claims::make_claim(&c.text, &c.sentence, c.location, c.speaker, &names);
        fresh.id = ids.unique(std::mem::take(&mut fresh.id));
        claims.push(fresh);
    }
    Ok(ArticleClaims {
        meta: set.article,
        claims,
    })
}

/// Verify the claims of several articles against one corpus.
pub fn run(
    articles: &[ArticleClaims],
    corpus: &Corpus,
    index: &dyn Retriever,
    verifier: &Verifier,
) -> RunReport {
    let all: Vec<Claim> = articles
        .iter()
        .flat_map(|a| a.claims.iter().cloned())
        .collect();
    let verdicts = verifier.verify_all(&all, corpus, index);
    let mut verdicts = verdicts.into_iter();
    let mut summary = Summary::default();
    let mut reports = Vec::with_capacity(articles.len());
    for article in articles {
        let mut art_summary = Summary::default();
        let mut claims = Vec::with_capacity(article.claims.len());
        for claim in &article.claims {
            let verdict = verdicts.next().expect("one verdict per claim");
            art_summary.add(verdict.label);
            claims.push(claim_report(claim, verdict, corpus));
        }
        summary.merge(&art_summary);
        reports.push(ArticleReport {
            path: article.meta.path.clone(),
            title: article.meta.title.clone(),
            published: article.meta.published.clone(),
            summary: art_summary,
            claims,
        });
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    RunReport {
        schema: SCHEMA,
        tool: Tool::default(),
        corpus: {
            let (documents, sentences) = corpus.size();
            CorpusStats {
                documents,
                sentences,
            }
        },
        summary,
        articles: reports,
    }
}

fn round2(x: f64) -> f64 {
    (x.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

fn claim_report(claim: &Claim, verdict: Verdict, corpus: &Corpus) -> ClaimReport {
    let evidence = verdict
        .evidence
        .into_iter()
        .map(|e| {
            let s = &corpus.sentences[e.sentence];
            let src = &corpus.sources[s.source];
            EvidenceReport {
                source: SourceRef {
                    path: if src.url.is_some() && is_url(&src.name) {
                        None
                    } else {
                        Some(src.name.clone())
                    },
                    url: src.url.clone(),
                    title: src.title.clone(),
                    outlet: src.outlet.clone(),
                    reliability: src.reliability.as_str(),
                },
                sentence: s.text.clone(),
                location: EvidenceLocation {
                    line: s.span.line,
                    column: s.span.column,
                },
                stance: e.alignment.stance,
                similarity: round2(e.alignment.similarity),
                diff: e.alignment.diff,
                conflicts: e.alignment.conflicts,
            }
        })
        .collect();
    ClaimReport {
        id: claim.id.clone(),
        text: claim.text.clone(),
        sentence: claim.sentence.clone(),
        location: claim.location.clone(),
        verdict: verdict.label,
        confidence: round2(verdict.confidence),
        reason: crate::report::words::reason(&verdict.reason),
        evidence,
    }
}

/// The articles to check: the inputs as given, with each folder replaced by the
/// articles under it (sorted by path), so a CI job can run `claimcheck check drafts/`.
/// A folder walk respects `.gitignore` (and `.ignore`), skips hidden files, files
/// inside the corpus, and the `[ignore] paths` globs of the config file (relative to
/// `root`, the config file's folder). Files named explicitly are always checked.
pub fn expand_articles(
    inputs: &[PathBuf],
    corpus: &[PathBuf],
    ignore_paths: &[String],
    root: &Path,
) -> Result<Vec<PathBuf>> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", &e))?;
    let corpus_roots: Vec<PathBuf> = corpus
        .iter()
        .filter_map(|c| std::fs::canonicalize(c).ok())
        .collect();
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut globs = ignore::gitignore::GitignoreBuilder::new(&root);
    for g in ignore_paths {
        globs
            .add_line(None, g)
            .map_err(|e| Error::Usage(format!("invalid [ignore] paths entry '{g}': {e}")))?;
    }
    let globs = globs
        .build()
        .map_err(|e| Error::Usage(format!("invalid [ignore] paths: {e}")))?;
    let mut out = Vec::new();
    for input in inputs {
        let is_dir = matches!(Input::of(input), Input::Path(_)) && input.is_dir();
        if !is_dir {
            out.push(input.clone());
            continue;
        }
        let mut found = Vec::new();
        let walker = ignore::WalkBuilder::new(input)
            .require_git(false)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry =
                entry.map_err(|e| Error::input(input, format!("cannot walk folder: {e}")))?;
            let path = entry.path();
            let article = entry.file_type().is_some_and(|t| t.is_file())
                && ingest::Format::of_extension(path).is_some();
            if !article {
                continue;
            }
            let abs = std::fs::canonicalize(path).unwrap_or_else(|_| cwd.join(path));
            if corpus_roots.iter().any(|c| abs.starts_with(c)) {
                continue;
            }
            // The matcher wants paths under its root (it panics otherwise).
            if abs.starts_with(&root) && globs.matched_path_or_any_parents(&abs, false).is_ignore()
            {
                continue;
            }
            found.push(path.to_path_buf());
        }
        if found.is_empty() {
            return Err(Error::input(
                input,
                "is a folder with no articles to check (.md, .txt, .html outside the corpus and \
                 the ignore rules); give article files or another folder",
            ));
        }
        out.extend(found);
    }
    Ok(out)
}
