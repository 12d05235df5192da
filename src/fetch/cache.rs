//! The on-disk HTTP cache: a page fetched once is revalidated, not downloaded again.
//!
//! Entries are keyed by the URL as asked for (its SHA-256) and hold the body (after
//! decompression, before charset decoding) and what is needed to revalidate it: `ETag`
//! and `Last-Modified`. Every use sends them back as `If-None-Match` /
//! `If-Modified-Since`, so an unchanged page costs a 304 and no body. There is no
//! freshness logic: a page is always revalidated, which is cheap and never stale.
//! Responses with neither validator, or marked `Cache-Control: no-store`, are not kept.
//! Files are written atomically (temporary file, then rename) and the body's hash is
//! checked on read, so an interrupted write is a miss, never a corrupt page.

use std::path::{Path, PathBuf};

use reqwest::header::{self, HeaderMap};
use serde::{Deserialize, Serialize};

use crate::fsutil::{sha256_hex, write_atomic};

/// Where a page came from, as recorded in `manifest.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CacheStatus {
    /// Downloaded (and stored when the server gave validators).
    Miss,
    /// The server answered 304: the cached copy was used.
    Revalidated,
    /// The cache is turned off (`--no-cache`).
    Off,
}

/// What the cache keeps about a response.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub url: String,
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body_sha256: String,
}

impl Meta {
    /// The entry to store for a response, or `None` when it cannot be revalidated or
    /// must not be stored.
    pub fn from_response(
        url: &str,
        final_url: &str,
        status: u16,
        content_type: Option<&str>,
        headers: &HeaderMap,
    ) -> Option<Meta> {
        let get = |h: header::HeaderName| {
            headers
                .get(h)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if get(header::CACHE_CONTROL).is_some_and(|c| c.to_ascii_lowercase().contains("no-store")) {
            return None;
        }
        let etag = get(header::ETAG);
        let last_modified = get(header::LAST_MODIFIED);
        if etag.is_none() && last_modified.is_none() {
            return None;
        }
        Some(Meta {
            url: url.to_string(),
            final_url: final_url.to_string(),
            status,
            content_type: content_type.map(str::to_string),
            etag,
            last_modified,
            body_sha256: String::new(),
        })
    }
}

/// A cached response.
#[derive(Debug, Clone)]
pub struct Entry {
    pub meta: Meta,
    pub body: Vec<u8>,
}

/// A cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = &sha256_hex(url.as_bytes())[..32];
        (
            self.dir.join(format!("{key}.json")),
            self.dir.join(format!("{key}.body")),
        )
    }

    /// The entry for a URL, if a whole and consistent one is stored.
    pub fn get(&self, url: &str) -> Option<Entry> {
        let (meta_path, body_path) = self.paths(url);
        let meta: Meta = serde_json::from_slice(&std::fs::read(meta_path).ok()?).ok()?;
        if meta.url != url {
            return None;
        }
        let body = std::fs::read(body_path).ok()?;
        if sha256_hex(&body) != meta.body_sha256 {
            return None;
        }
        Some(Entry { meta, body })
    }

    /// Store a response: the body first, then the metadata that makes it visible.
    pub fn put(&self, url: &str, meta: &Meta, body: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let (meta_path, body_path) = self.paths(url);
        let mut meta = meta.clone();
        meta.body_sha256 = sha256_hex(body);
        write_atomic(&body_path, body)?;
        let json = serde_json::to_vec_pretty(&meta).map_err(std::io::Error::other)?;
        write_atomic(&meta_path, &json)
    }
}
