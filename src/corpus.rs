//! The evidence: sources read once, split into sentences, tokenised once.
//!
//! A corpus is every `.txt`, `.md` and `.html`/`.htm` file under the paths given,
//! read with the same `ingest` as articles, so boilerplate (related links, tickers)
//! never becomes evidence. A folder may carry a `sources.toml` manifest naming each
//! source's outlet, URL, date and reliability; reliability decides which side wins
//! when sources disagree. One unreadable file is a warning; an empty corpus is an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ingest::{self, Document};
use crate::segment::{self, Span};
use crate::text::{self, Token};

/// How far a source is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Reliability {
    Low,
    #[default]
    Normal,
    High,
}

impl Reliability {
    /// The weight a source's word carries.
    pub fn weight(self) -> f64 {
        match self {
            Reliability::Low => 0.35,
            Reliability::Normal => 0.85,
            Reliability::High => 1.0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Reliability::Low => "low",
            Reliability::Normal => "normal",
            Reliability::High => "high",
        }
    }
}

/// One entry of a folder's `sources.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    pub path: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    #[serde(default)]
    pub reliability: Reliability,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    source: Vec<ManifestEntry>,
}

/// A source document of the corpus.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as displayed (relative to the working directory when given so), or URL.
    pub name: String,
    /// Set when the source was given or fetched as a URL.
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub reliability: Reliability,
}

/// One sentence of evidence.
#[derive(Debug, Clone)]
pub struct EvidenceSentence {
    /// Index into [`Corpus::sources`].
    pub source: usize,
    pub text: String,
    pub span: Span,
    pub tokens: Vec<Token>,
}

/// All sources and their sentences.
#[derive(Debug, Default)]
pub struct Corpus {
    pub sources: Vec<Source>,
    pub sentences: Vec<EvidenceSentence>,
}

const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

impl Corpus {
    /// Add an ingested document as a source.
    pub fn add_document(&mut self, doc: &Document, meta: Option<&ManifestEntry>) {
        let source = self.sources.len();
        self.sources.push(Source {
            name: doc.name.clone(),
            url: meta.and_then(|m| m.url.clone()),
            title: doc.title.clone(),
            outlet: meta.and_then(|m| m.outlet.clone()),
            published: meta
                .and_then(|m| m.published.clone())
                .or_else(|| doc.published.clone()),
            reliability: meta.map(|m| m.reliability).unwrap_or_default(),
        });
        for s in segment::sentences(doc) {
            if s.is_heading {
                continue;
            }
            let tokens = text::tokenize(&s.text);
            self.sentences.push(EvidenceSentence {
                source,
                text: s.text,
                span: s.span,
                tokens,
            });
        }
    }

    /// Build a corpus from plain texts (evaluation: each example's own evidence).
    pub fn from_texts<'a>(items: impl IntoIterator<Item = (&'a str, &'a str)>) -> Corpus {
        let mut corpus = Corpus::default();
        for (name, body) in items {
            let source = corpus.sources.len();
            corpus.sources.push(Source {
                name: name.to_string(),
                url: None,
                title: None,
                outlet: None,
                published: None,
                reliability: Reliability::Normal,
            });
            for s in segment::split_text(body) {
                let tokens = text::tokenize(&s.text);
                corpus.sentences.push(EvidenceSentence {
                    source,
                    text: s.text,
                    span: s.span,
                    tokens,
                });
            }
        }
        corpus
    }
}

/// Read the manifest of a folder, if it has one.
pub fn read_manifest(dir: &Path) -> Result<BTreeMap<String, ManifestEntry>> {
    let path = dir.join("sources.toml");
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(Error::io(&path, &e)),
    };
    let manifest: Manifest = toml::from_str(&raw).map_err(|e| {
        let line = e
            .span()
            .map(|s| raw[..s.start].lines().count().max(1))
            .unwrap_or(1);
        Error::parse(
            &path,
            line,
            format!("{}; see README, \"Corpus manifest\"", e.message()),
        )
    })?;
    let mut out = BTreeMap::new();
    for entry in manifest.source {
        out.insert(entry.path.clone(), entry);
    }
    Ok(out)
}

/// Every corpus file under `root`, sorted, with the manifest entry of its folder.
fn files_under(root: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| Error::input(root, format!("cannot walk folder: {e}")))?;
        let path = entry.path();
        if entry.file_type().is_some_and(|t| t.is_file())
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.push(path.to_path_buf());
        }
    }
    Ok(files)
}

/// Load a corpus from files and folders. Warnings (one unreadable file, a manifest
/// entry naming a missing file) go to `warn`; the run goes on.
pub fn load(paths: &[PathBuf], warn: &mut dyn FnMut(String)) -> Result<Corpus> {
    load_with(paths, &crate::fetch::FetchOptions::default(), warn)
}

/// [`load`], where entries may also be `http(s)` URLs: they are fetched concurrently
/// (through the cache) with `net`, and each page becomes a source named by its URL,
/// with `url` set. A URL that cannot be fetched is a warning, like an unreadable file.
pub fn load_with(
    paths: &[PathBuf],
    net: &crate::fetch::FetchOptions,
    warn: &mut dyn FnMut(String),
) -> Result<Corpus> {
    let mut corpus = Corpus::default();
    if paths.is_empty() {
        return Err(Error::Usage(
            "no corpus given; pass --corpus FOLDER (or set corpus in claimcheck.toml)".into(),
        ));
    }
    let urls: Vec<String> = paths
        .iter()
        .filter_map(|p| p.to_str())
        .filter(|s| crate::check::is_url(s))
        .map(str::to_string)
        .collect();
    let mut fetched: BTreeMap<String, Result<Document>> = if urls.is_empty() {
        BTreeMap::new()
    } else {
        urls.iter()
            .cloned()
            .zip(crate::fetch::fetch_documents(&urls, net)?)
            .collect()
    };
    for root in paths {
        if let Some(url) = root.to_str().filter(|s| crate::check::is_url(s)) {
            match fetched.remove(url) {
                Some(Ok(doc)) => {
                    for w in &doc.warnings {
                        warn(format!("{url}: {w}"));
                    }
                    let entry = ManifestEntry {
                        path: url.to_string(),
                        outlet: None,
                        url: Some(url.to_string()),
                        published: None,
                        reliability: Reliability::default(),
                    };
                    corpus.add_document(&doc, Some(&entry));
                }
                Some(Err(e)) => warn(format!("skipping source: {e}")),
                None => {}
            }
            continue;
        }
        let meta = std::fs::metadata(root).map_err(|e| Error::io(root, &e))?;
        if meta.is_dir() {
            let files = files_under(root)?;
            let mut manifests: BTreeMap<PathBuf, BTreeMap<String, ManifestEntry>> = BTreeMap::new();
            for file in &files {
                let dir = file.parent().unwrap_or(root).to_path_buf();
                if !manifests.contains_key(&dir) {
                    let m = read_manifest(&dir)?;
                    for name in m.keys() {
                        if !dir.join(name).is_file() {
                            warn(format!(
                                "{}: lists {name}, which is not in the folder",
                                dir.join("sources.toml").display()
                            ));
                        }
                    }
                    manifests.insert(dir.clone(), m);
                }
                let rel = file
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                let entry = manifests.get(&dir).and_then(|m| m.get(rel));
                match ingest::read_path(file) {
                    Ok(doc) => {
                        for w in &doc.warnings {
                            warn(format!("{}: {w}", file.display()));
                        }
                        corpus.add_document(&doc, entry);
                    }
                    Err(e) => warn(format!("skipping source: {e}")),
                }
            }
        } else {
            let doc = ingest::read_path(root)?;
            for w in &doc.warnings {
                warn(format!("{}: {w}", root.display()));
            }
            let dir = root.parent().unwrap_or(Path::new("."));
            let manifest = read_manifest(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })?;
            let rel = root
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            corpus.add_document(&doc, manifest.get(rel));
        }
    }
    if corpus.sentences.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::input(
            shown.join(", "),
            "the corpus has no readable sentences; give folders or files of .txt, .md or .html sources",
        ));
    }
    Ok(corpus)
}
