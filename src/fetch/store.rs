//! The corpus folder `claimcheck fetch` writes: one file per page, `manifest.json`, and a
//! `sources.toml` so that `claimcheck check --corpus DIR` weighs the pages as told.
//!
//! File names are readable and stable: a slug of the host and path, a short hash of the
//! whole URL (so two URLs never share a file and a re-run overwrites the same file), and
//! an extension from the content type (`.html`, `.md`, `.txt`) so the corpus reader
//! ingests the page as it was served: `example-org-news-talks-1a2b3c4d.html`.
//!
//! Outlet, reliability and publication date cannot be read reliably off a page, yet
//! reliability decides verdicts; so a URL list (`--from urls.txt`) may give them after
//! the URL, and they go to `sources.toml`, which re-runs merge rather than overwrite
//! (hand edits are kept). `manifest.json` records how each URL was fetched; it is sorted
//! by URL and its only changing field is the fetch time.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use url::Url;

use super::{FetchError, FetchOptions, Fetcher, Page, decode, parse_url};
use crate::error::{Error, Result};
use crate::fsutil::{sha256_hex, write_atomic};
use crate::manifest::{self, Reliability};

pub const MANIFEST: &str = "manifest.json";
pub const MANIFEST_SCHEMA: &str = "claimcheck.fetch/1";
pub const SOURCES: &str = manifest::FILE_NAME;
/// Held (an OS file lock, released however the run ends) while a run writes the folder.
pub const LOCK: &str = ".claimcheck-fetch.lock";
/// One JSON line per page saved and not yet merged into `manifest.json` and
/// `sources.toml`: what a killed run leaves is merged by the next one.
pub const JOURNAL: &str = ".claimcheck-fetch.journal";

/// A journal line: the page's record and the attributes its URL list gave.
#[derive(Debug, Serialize, Deserialize)]
struct JournalLine {
    record: Record,
    outlet: Option<String>,
    reliability: Option<Reliability>,
    published: Option<String>,
}

/// Take the folder's lock, or say who holds it.
fn lock(out: &Path) -> Result<std::fs::File> {
    let path = out.join(LOCK);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::write(&path, &e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::input(
            out,
            "another `claimcheck fetch` is writing into this folder; wait for it to finish, or give another --out",
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::write(&path, &e)),
    }
}

/// Merge what a killed run journaled into `manifest.json` and `sources.toml`, then drop
/// the journal. A last line cut short by the kill is left out.
fn recover(out: &Path) -> Result<usize> {
    let path = out.join(JOURNAL);
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(Error::io(&path, &e)),
    };
    let lines: Vec<JournalLine> = raw
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let records: Vec<Record> = lines.iter().map(|l| l.record.clone()).collect();
    let entries: Vec<(String, UrlEntry)> = lines
        .into_iter()
        .filter_map(|l| {
            let file = l.record.file?;
            let entry = UrlEntry {
                url: l.record.url,
                outlet: l.outlet,
                reliability: l.reliability,
                published: l.published,
            };
            Some((file, entry))
        })
        .collect();
    let written: BTreeMap<String, (String, &UrlEntry)> = entries
        .iter()
        .map(|(file, e)| (e.url.clone(), (file.clone(), e)))
        .collect();
    write_manifest(out, &records)?;
    write_sources(out, &written)?;
    std::fs::remove_file(&path).map_err(|e| Error::write(&path, &e))?;
    Ok(records.len())
}

/// Append one saved page to the journal, on disk before the next page is saved.
fn journal(file: &mut std::fs::File, record: &Record, entry: &UrlEntry) -> std::io::Result<()> {
    use std::io::Write;
    let line = JournalLine {
        record: record.clone(),
        outlet: entry.outlet.clone(),
        reliability: entry.reliability,
        published: entry.published.clone(),
    };
    let mut json = serde_json::to_vec(&line).map_err(std::io::Error::other)?;
    json.push(b'\n');
    file.write_all(&json)?;
    file.sync_data()
}

/// The file name of a fetched page: `<host-and-path slug>-<8 hex of sha256(url)>.<ext>`.
pub fn file_name(url: &Url, kind: decode::Kind) -> String {
    let host = url.host_str().unwrap_or("page");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let mut path = url.path().trim_end_matches('/').to_string();
    // Drop the last segment's extension (`.html`, `.php`): the content type gives ours.
    if let Some(dot) = path.rfind('.')
        && !path[dot..].contains('/')
        && path.len() - dot <= 6
    {
        path.truncate(dot);
    }
    let mut slug = String::new();
    for c in format!("{host}{path}").chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.truncate(60);
    let slug = slug.trim_matches('-');
    let hash = &sha256_hex(url.as_str().as_bytes())[..8];
    format!("{slug}-{hash}.{}", kind.extension())
}

/// A URL to fetch, with what a list may say about its source.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UrlEntry {
    /// Normalised (`Url` serialisation).
    pub url: String,
    pub outlet: Option<String>,
    pub reliability: Option<Reliability>,
    pub published: Option<String>,
}

/// Read a URL list: one URL a line, optionally followed by `key=value` pairs (`outlet`,
/// `reliability`, `published`; values with spaces in double quotes). Blank lines and
/// lines starting with `#` are skipped.
///
/// ```text
/// https://example.org/news/talks.html outlet="Example News" reliability=high published=2025-08-18
/// ```
pub fn parse_url_list(path: &Path, text: &str) -> Result<Vec<UrlEntry>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (url, mut rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let parsed = parse_url(url).map_err(|e| Error::parse(path, line_no, e.to_string()))?;
        let mut entry = UrlEntry {
            url: parsed.to_string(),
            ..UrlEntry::default()
        };
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('#') {
                break;
            }
            let bad = |msg: &str| {
                Error::parse(
                    path,
                    line_no,
                    format!(
                        "{msg}; write `URL key=value ...` with keys outlet, reliability, published, \
                         e.g. `https://example.org/a.html outlet=\"Example News\" reliability=high`"
                    ),
                )
            };
            let (key, after) = rest
                .split_once('=')
                .ok_or_else(|| bad(&format!("expected key=value, found '{rest}'")))?;
            let key = key.trim();
            let (value, next) = if let Some(q) = after.strip_prefix('"') {
                let end = q.find('"').ok_or_else(|| bad("unclosed quote"))?;
                (&q[..end], &q[end + 1..])
            } else {
                after.split_once(char::is_whitespace).unwrap_or((after, ""))
            };
            match key {
                "outlet" => entry.outlet = Some(value.to_string()),
                "published" => entry.published = Some(value.to_string()),
                "reliability" => {
                    entry.reliability = Some(match value {
                        "high" => Reliability::High,
                        "normal" => Reliability::Normal,
                        "low" => Reliability::Low,
                        _ => {
                            return Err(bad(&format!(
                                "reliability '{value}' is not one of high, normal, low"
                            )));
                        }
                    })
                }
                _ => return Err(bad(&format!("unknown key '{key}'"))),
            }
            rest = next;
        }
        out.push(entry);
    }
    Ok(out)
}

/// One URL's line in `manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub url: String,
    pub final_url: Option<String>,
    pub status: Option<u16>,
    pub content_type: Option<String>,
    /// Size of the saved file (UTF-8) in bytes.
    pub bytes: Option<u64>,
    /// SHA-256 of the saved file.
    pub sha256: Option<String>,
    pub fetched_at: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    /// File name in the folder.
    pub file: Option<String>,
    /// The charset the page was decoded from.
    pub charset: Option<String>,
    /// `miss`, `revalidated` (304) or `off`.
    pub cache: Option<String>,
    pub error: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ManifestFile {
    schema: String,
    pages: Vec<Record>,
}

/// What a `fetch` run did.
#[derive(Debug, Clone, Default)]
pub struct FetchSummary {
    /// The records of this run, sorted by URL.
    pub records: Vec<Record>,
    pub fetched: usize,
    pub revalidated: usize,
    pub failed: usize,
}

#[derive(Debug, Serialize)]
struct SourcesOut {
    source: Vec<SourceOut>,
}

#[derive(Debug, Serialize)]
struct SourceOut {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    reliability: Reliability,
}

/// Fetch URLs into a corpus folder (created if missing): pages, `manifest.json` and
/// `sources.toml`. One failing URL never stops the others; it is recorded with its
/// error. `on_done` is told of each URL as it finishes (a progress bar).
pub fn fetch_to_dir(
    entries: &[UrlEntry],
    out: &Path,
    opts: &FetchOptions,
    on_done: impl Fn(&str, &std::result::Result<Page, FetchError>) + Send + Sync + 'static,
) -> Result<FetchSummary> {
    if out.exists() && !out.is_dir() {
        return Err(Error::input(
            out,
            "is a file; --out needs a folder (it is created if missing)",
        ));
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, &e))?;
    let _lock = lock(out)?;
    crate::fsutil::remove_stale_temporaries(out);
    recover(out)?;
    // Merge duplicates, keeping the first line's attributes.
    let mut unique: BTreeMap<String, UrlEntry> = BTreeMap::new();
    for e in entries {
        unique.entry(e.url.clone()).or_insert_with(|| e.clone());
    }
    let urls: Vec<String> = unique.keys().cloned().collect();
    let fetcher = Arc::new(Fetcher::new(opts.clone())?);
    let pages = super::runtime()?.block_on(fetcher.fetch_all(&urls, on_done));

    let mut summary = FetchSummary::default();
    let mut written: BTreeMap<String, (String, &UrlEntry)> = BTreeMap::new();
    let journal_path = out.join(JOURNAL);
    let mut journal_file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&journal_path)
        .map_err(|e| Error::write(&journal_path, &e))?;
    for (url, page) in urls.iter().zip(pages) {
        let record = match page.and_then(|p| save_page(&p, out)) {
            Ok(record) => {
                journal(&mut journal_file, &record, &unique[url])
                    .map_err(|e| Error::write(&journal_path, &e))?;
                if record.cache.as_deref() == Some("revalidated") {
                    summary.revalidated += 1;
                }
                summary.fetched += 1;
                if let Some(file) = &record.file {
                    written.insert(url.clone(), (file.clone(), &unique[url]));
                }
                record
            }
            Err(e) => {
                summary.failed += 1;
                let status = match &e {
                    FetchError::Status { status, .. } => Some(*status),
                    _ => None,
                };
                Record {
                    url: url.clone(),
                    final_url: None,
                    status,
                    content_type: None,
                    bytes: None,
                    sha256: None,
                    fetched_at: None,
                    title: None,
                    published: None,
                    file: None,
                    charset: None,
                    cache: None,
                    error: Some(e.to_string()),
                }
            }
        };
        summary.records.push(record);
    }
    write_manifest(out, &summary.records)?;
    write_sources(out, &written)?;
    drop(journal_file);
    std::fs::remove_file(&journal_path).map_err(|e| Error::write(&journal_path, &e))?;
    Ok(summary)
}

/// Ingest a page (for its title and date, and to refuse what ingest cannot read) and save
/// it atomically.
fn save_page(page: &Page, out: &Path) -> std::result::Result<Record, FetchError> {
    let doc = page
        .to_document()
        .map_err(|e| FetchError::Other(format!("cannot ingest: {e}")))?;
    let kind = page
        .content_type
        .as_deref()
        .and_then(decode::kind)
        .unwrap_or(match doc.format {
            crate::ingest::Format::Html => decode::Kind::Html,
            crate::ingest::Format::Markdown => decode::Kind::Markdown,
            crate::ingest::Format::Text => decode::Kind::Plain,
        });
    let url = parse_url(&page.url)?;
    let name = file_name(&url, kind);
    let bytes = page.text.as_bytes();
    write_atomic(&out.join(&name), bytes).map_err(|e| {
        FetchError::Other(format!("cannot write {}: {e}", out.join(&name).display()))
    })?;
    Ok(Record {
        url: page.url.clone(),
        final_url: Some(page.final_url.clone()),
        status: Some(page.status),
        content_type: page.content_type.clone(),
        bytes: Some(bytes.len() as u64),
        sha256: Some(sha256_hex(bytes)),
        fetched_at: Some(page.fetched_at.clone()),
        title: doc.title,
        published: doc.published,
        file: Some(name),
        charset: Some(page.charset.to_string()),
        cache: Some(
            serde_json::to_value(page.cache)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        ),
        error: None,
    })
}

/// Read the `manifest.json` of a folder (empty when there is none).
pub fn read_manifest(out: &Path) -> Result<Vec<Record>> {
    let path = out.join(MANIFEST);
    let raw = match std::fs::read(&path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&path, &e)),
    };
    let m: ManifestFile = serde_json::from_slice(&raw).map_err(|e| {
        Error::parse(
            &path,
            e.line(),
            format!("{e}; delete it to start afresh (it is rewritten by `claimcheck fetch`)"),
        )
    })?;
    Ok(m.pages)
}

/// Merge this run's records into `manifest.json`: a URL fetched again replaces its
/// record; a failure keeps the earlier file name so the page on disk stays accounted for.
fn write_manifest(out: &Path, records: &[Record]) -> Result<()> {
    let mut all: BTreeMap<String, Record> = read_manifest(out)?
        .into_iter()
        .map(|r| (r.url.clone(), r))
        .collect();
    for r in records {
        let mut r = r.clone();
        if r.error.is_some()
            && let Some(old) = all.get(&r.url)
        {
            r.file = old.file.clone();
        }
        all.insert(r.url.clone(), r);
    }
    let file = ManifestFile {
        schema: MANIFEST_SCHEMA.to_string(),
        pages: all.into_values().collect(),
    };
    let mut json = serde_json::to_vec_pretty(&file)
        .map_err(|e| Error::Usage(format!("cannot serialise the manifest: {e}")))?;
    json.push(b'\n');
    let path = out.join(MANIFEST);
    write_atomic(&path, &json).map_err(|e| Error::write(&path, &e))
}

/// Merge the pages written into `sources.toml`: given attributes win, else the ones
/// already there (hand edits survive a re-run).
fn write_sources(out: &Path, written: &BTreeMap<String, (String, &UrlEntry)>) -> Result<()> {
    let existing = manifest::read_manifest(out)?;
    let mut merged: BTreeMap<String, SourceOut> = existing
        .into_values()
        .map(|e| {
            (
                e.path.clone(),
                SourceOut {
                    path: e.path,
                    outlet: e.outlet,
                    url: e.url,
                    published: e.published,
                    reliability: e.reliability,
                },
            )
        })
        .collect();
    for (url, (file, entry)) in written {
        let old = merged.remove(file);
        merged.insert(
            file.clone(),
            SourceOut {
                path: file.clone(),
                outlet: entry
                    .outlet
                    .clone()
                    .or_else(|| old.as_ref().and_then(|o| o.outlet.clone())),
                url: Some(url.clone()),
                published: entry
                    .published
                    .clone()
                    .or_else(|| old.as_ref().and_then(|o| o.published.clone())),
                reliability: entry
                    .reliability
                    .or(old.as_ref().map(|o| o.reliability))
                    .unwrap_or_default(),
            },
        );
    }
    let doc = SourcesOut {
        source: merged.into_values().collect(),
    };
    let body = toml::to_string(&doc)
        .map_err(|e| Error::Usage(format!("cannot serialise sources.toml: {e}")))?;
    let text = format!(
        "# Written by `claimcheck fetch`; outlet, published and reliability may be edited:\n\
         # a re-run keeps them unless the URL list gives new ones.\n\n{body}"
    );
    let path = out.join(SOURCES);
    write_atomic(&path, text.as_bytes()).map_err(|e| Error::write(&path, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_readable_stable_and_distinct() {
        let a = Url::parse("https://www.example.org/news/2025/talks.html?id=3").unwrap();
        let b = Url::parse("https://www.example.org/news/2025/talks.html?id=4").unwrap();
        let na = file_name(&a, decode::Kind::Html);
        assert!(na.starts_with("example-org-news-2025-talks-"), "{na}");
        assert!(na.ends_with(".html"));
        assert_eq!(na, file_name(&a, decode::Kind::Html));
        assert_ne!(na, file_name(&b, decode::Kind::Html));
        let root = Url::parse("http://127.0.0.1:8080/").unwrap();
        assert!(file_name(&root, decode::Kind::Plain).starts_with("127-0-0-1-"));
    }

    #[test]
    fn url_list_with_attributes() {
        let text = "# links\n\nhttps://a.example/x outlet=\"A News\" reliability=high published=2025-08-18\nhttp://b.example/y\n";
        let list = parse_url_list(Path::new("urls.txt"), text).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].outlet.as_deref(), Some("A News"));
        assert_eq!(list[0].reliability, Some(Reliability::High));
        assert_eq!(list[0].published.as_deref(), Some("2025-08-18"));
        assert_eq!(list[1].url, "http://b.example/y");
        let err = parse_url_list(Path::new("urls.txt"), "ftp://a.example/x\n").unwrap_err();
        assert!(err.to_string().starts_with("urls.txt:1:"), "{err}");
        let err = parse_url_list(Path::new("u"), "https://a.example/ colour=red\n").unwrap_err();
        assert!(err.to_string().contains("unknown key 'colour'"), "{err}");
        let err =
            parse_url_list(Path::new("u"), "https://a.example/ reliability=meh\n").unwrap_err();
        assert!(err.to_string().contains("high, normal, low"), "{err}");
    }

    fn record(url: &str, file: &str) -> Record {
        Record {
            url: url.into(),
            final_url: Some(url.into()),
            status: Some(200),
            content_type: Some("text/html".into()),
            bytes: Some(10),
            sha256: None,
            fetched_at: None,
            title: None,
            published: None,
            file: Some(file.into()),
            charset: None,
            cache: None,
            error: None,
        }
    }

    #[test]
    fn a_killed_runs_journal_is_merged_by_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("a.html"), "<p>x</p>").unwrap();
        let mut f = std::fs::File::create(out.join(JOURNAL)).unwrap();
        let entry = UrlEntry {
            url: "https://example.org/a".into(),
            outlet: Some("Example Gazette".into()),
            reliability: Some(Reliability::High),
            published: None,
        };
        journal(&mut f, &record("https://example.org/a", "a.html"), &entry).unwrap();
        // The kill cut the next line short.
        std::io::Write::write_all(&mut f, b"{\"record\":{\"url\":\"https://exa").unwrap();
        drop(f);
        assert_eq!(recover(out).unwrap(), 1);
        assert!(!out.join(JOURNAL).exists());
        let pages = read_manifest(out).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].file.as_deref(), Some("a.html"));
        let sources = manifest::read_manifest(out).unwrap();
        let a = &sources["a.html"];
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.outlet.as_deref(), Some("Example Gazette"));
        assert_eq!(a.reliability, Reliability::High);
        assert_eq!(recover(out).unwrap(), 0, "nothing left to merge");
    }

    #[test]
    fn one_run_at_a_time_writes_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path()).unwrap();
        let err = lock(dir.path()).unwrap_err().to_string();
        assert!(err.contains("another `claimcheck fetch`"), "{err}");
        drop(held);
        assert!(lock(dir.path()).is_ok(), "the lock goes with its run");
    }
}
