//! Bringing web pages in: fetch articles and sources over HTTP, concurrently and politely.
//!
//! Verification desks work from links, so a URL must work wherever a file does. A fetcher
//! that talks to other people's servers has duties besides getting bytes: it must not
//! hammer one site (a global *and* a per-host concurrency limit), must say who it is (an
//! identifying `User-Agent`), must honour `robots.txt`, must give up in bounded time and
//! memory (timeouts, a body cap checked while streaming, so a huge or endless page is an
//! error for that URL and never an out-of-memory), must retry only what is worth retrying
//! (connection errors, 429 and 5xx, with exponential backoff, jitter and `Retry-After`),
//! and must not download twice what has not changed (an on-disk cache revalidated with
//! `ETag`/`Last-Modified`, so a second run costs a 304).
//!
//! What comes back is text: only text-like content types are kept (HTML, plain text,
//! Markdown, JSON), decoded from whatever charset the page declares (header or
//! `<meta charset>`) into UTF-8, so that [`crate::ingest`] reads a fetched page exactly as
//! it reads a file.
//!
//! Layout: this file holds the [`Fetcher`] (limits, retries, robots); [`decode`] the
//! content-type and charset rules; [`cache`] the on-disk HTTP cache; [`store`] the corpus
//! folder that `claimcheck fetch` writes (file names, `manifest.json`, `sources.toml`).
//! The async API is the core; [`fetch_documents`] and [`store::fetch_to_dir`] wrap it in a
//! small tokio runtime for the synchronous pipeline.

pub mod args;
pub mod cache;
pub mod decode;
mod error;
pub mod guard;
pub mod store;

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{StatusCode, redirect};
use tokio::sync::{OnceCell, Semaphore};
use url::Url;

use crate::error::{Error, Result};
use crate::ingest::{self, Document, Format};
use guard::AddressGuard;

pub use cache::{Cache, CacheStatus};
pub use error::{FetchError, ROBOTS_AGENT};

/// The `User-Agent` sent with every request: names the tool and its version.
pub const USER_AGENT: &str = concat!(
    "claimcheck/",
    env!("CARGO_PKG_VERSION"),
    " (news claim verification; honours robots.txt)"
);

/// Everything that shapes how pages are fetched. `Default` gives the documented defaults.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// At most this many requests in flight in all (`--concurrency`, default 8).
    pub concurrency: usize,
    /// At most this many requests in flight to one host (`--per-host`, default 2).
    pub per_host: usize,
    /// Total time for one request, body included (`--timeout`, default 20 s).
    pub timeout: Duration,
    /// Time to establish a connection (default: the smaller of `timeout` and 10 s).
    pub connect_timeout: Duration,
    /// Redirects followed before giving up (default 5).
    pub max_redirects: usize,
    /// Largest body kept, after decompression (`--max-bytes`, default 10 MiB).
    pub max_bytes: u64,
    /// Retries after the first attempt (`--retries`, default 3).
    pub retries: u32,
    /// First backoff delay; doubled at each retry, with jitter (default 500 ms).
    pub retry_base: Duration,
    /// Longest single wait, including a server's `Retry-After` (default 60 s). A server
    /// asking for a longer wait makes that URL fail rather than stall the run.
    pub retry_max: Duration,
    /// Respect `robots.txt` (default true; `--ignore-robots` turns it off).
    pub robots: bool,
    /// Cache folder; `None` disables the cache (`--no-cache`).
    pub cache_dir: Option<PathBuf>,
    pub user_agent: String,
    /// Use the proxy named by `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY` (default true).
    pub env_proxy: bool,
    /// Non-public addresses that may be connected to anyway (`--allow-address`); every
    /// other loopback, private, link-local… address is refused (see [`guard`]).
    pub allow_addresses: Vec<ipnet::IpNet>,
}

/// The documented defaults of fetching, in one place: [`FetchOptions::default`], the
/// flags ([`args::NetArgs`]) and their `--help` all take them from here.
pub mod defaults {
    /// Requests in flight in all (`--concurrency`).
    pub const CONCURRENCY: usize = 8;
    /// Requests in flight to one host (`--per-host`).
    pub const PER_HOST: usize = 2;
    /// Seconds for one request, body included (`--timeout`).
    pub const TIMEOUT_SECS: u64 = 20;
    /// Seconds to connect, at most.
    pub const CONNECT_TIMEOUT_SECS: u64 = 10;
    /// Redirects followed.
    pub const MAX_REDIRECTS: usize = 5;
    /// Largest page kept (`--max-bytes`): the cap on any file read.
    pub const MAX_BYTES: u64 = crate::fsutil::DEFAULT_MAX_BYTES;
    /// [`MAX_BYTES`] as the flag's help writes it.
    pub const MAX_BYTES_FLAG: &str = "10M";
    /// Retries on connection errors, 429 and 5xx (`--retries`).
    pub const RETRIES: u32 = 3;
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            concurrency: defaults::CONCURRENCY,
            per_host: defaults::PER_HOST,
            timeout: Duration::from_secs(defaults::TIMEOUT_SECS),
            connect_timeout: Duration::from_secs(defaults::CONNECT_TIMEOUT_SECS),
            max_redirects: defaults::MAX_REDIRECTS,
            max_bytes: defaults::MAX_BYTES,
            retries: defaults::RETRIES,
            retry_base: Duration::from_millis(500),
            retry_max: Duration::from_secs(60),
            robots: true,
            cache_dir: default_cache_dir(),
            user_agent: USER_AGENT.to_string(),
            env_proxy: true,
            allow_addresses: Vec::new(),
        }
    }
}

/// `<platform cache folder>/claimcheck/http` (e.g. `~/.cache/claimcheck/http` on Linux).
pub fn default_cache_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|d| d.join("claimcheck").join("http"))
}

/// A page brought in and decoded.
#[derive(Debug, Clone)]
pub struct Page {
    /// The URL as asked for.
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    /// HTTP status of the page (200 also when a 304 revalidated the cached copy).
    pub status: u16,
    pub content_type: Option<String>,
    /// How the page is written, from its content type (sniffed when it has none).
    pub format: Option<Format>,
    /// The body decoded to UTF-8.
    pub text: String,
    /// The charset the body was decoded from.
    pub charset: &'static str,
    pub cache: CacheStatus,
    /// When the response was received (RFC 3339, UTC).
    pub fetched_at: String,
}

impl Page {
    /// Ingest the page like a file; the document is named by the URL as asked for.
    pub fn to_document(&self) -> Result<Document> {
        ingest::from_bytes(&self.url, self.text.as_bytes(), self.format)
    }
}

/// Parse and check a URL: absolute, `http` or `https`.
pub fn parse_url(s: &str) -> std::result::Result<Url, FetchError> {
    let url = Url::parse(s.trim()).map_err(|e| FetchError::BadUrl(format!("'{s}' ({e})")))?;
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(FetchError::Scheme(other.to_string())),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::BadUrl(format!("'{s}' (no host)")));
    }
    Ok(url)
}

/// What robots.txt says about one origin.
enum Robots {
    AllowAll,
    Rules(Box<texting_robots::Robot>),
    /// Could not be read (the cause): everything is disallowed.
    Unreachable(String),
    /// Its host may not be, or could not be, connected to (a refused address, a failed
    /// DNS look-up, a connection that failed): the page cannot be either, and that
    /// cause is what the user needs to hear, not that robots.txt disallows it.
    HostFails(FetchError),
}

/// How much of a robots.txt is read and parsed (RFC 9309 asks for at least 500 KiB).
pub const ROBOTS_MAX_BYTES: usize = 512 * 1024;

/// Redirects followed for robots.txt (RFC 9309: at least five).
const ROBOTS_REDIRECTS: usize = 5;

/// What one request brought: the page, or the next hop of a redirect.
enum Hop {
    Page(Box<Page>),
    Redirect(Url),
}

/// Fetches pages under global and per-host limits, with retries, robots.txt and a cache.
/// Cheap to share: wrap it in an [`Arc`] and call [`Fetcher::fetch_all`].
pub struct Fetcher {
    client: reqwest::Client,
    robots_client: reqwest::Client,
    guard: Arc<AddressGuard>,
    opts: FetchOptions,
    cache: Option<Cache>,
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    robots: Mutex<HashMap<String, Arc<OnceCell<Arc<Robots>>>>>,
    jitter: std::collections::hash_map::RandomState,
}

/// Builds a [`Fetcher`]; every setting defaults to [`FetchOptions::default`].
#[derive(Debug, Clone, Default)]
pub struct FetcherBuilder {
    opts: FetchOptions,
}

impl FetcherBuilder {
    pub fn options(mut self, opts: FetchOptions) -> Self {
        self.opts = opts;
        self
    }
    pub fn concurrency(mut self, n: usize) -> Self {
        self.opts.concurrency = n;
        self
    }
    pub fn per_host(mut self, n: usize) -> Self {
        self.opts.per_host = n;
        self
    }
    /// Total per-request timeout; the connect timeout becomes the smaller of it and 10 s.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.opts.timeout = t;
        self.opts.connect_timeout = t.min(Duration::from_secs(10));
        self
    }
    pub fn max_bytes(mut self, n: u64) -> Self {
        self.opts.max_bytes = n;
        self
    }
    pub fn retries(mut self, n: u32) -> Self {
        self.opts.retries = n;
        self
    }
    pub fn retry_base(mut self, d: Duration) -> Self {
        self.opts.retry_base = d;
        self
    }
    pub fn retry_max(mut self, d: Duration) -> Self {
        self.opts.retry_max = d;
        self
    }
    pub fn robots(mut self, respect: bool) -> Self {
        self.opts.robots = respect;
        self
    }
    pub fn cache_dir(mut self, dir: Option<PathBuf>) -> Self {
        self.opts.cache_dir = dir;
        self
    }
    /// Whether to use a proxy from the environment (tests turn it off to stay on loopback).
    pub fn env_proxy(mut self, use_it: bool) -> Self {
        self.opts.env_proxy = use_it;
        self
    }
    /// Permit connections to this non-public address or network (`--allow-address`).
    pub fn allow_address(mut self, net: ipnet::IpNet) -> Self {
        self.opts.allow_addresses.push(net);
        self
    }

    pub fn build(self) -> Result<Fetcher> {
        Fetcher::new(self.opts)
    }
}

impl Fetcher {
    pub fn builder() -> FetcherBuilder {
        FetcherBuilder::default()
    }

    pub fn new(opts: FetchOptions) -> Result<Fetcher> {
        if opts.concurrency == 0 || opts.per_host == 0 {
            return Err(Error::Usage(
                "--concurrency and --per-host must be at least 1".into(),
            ));
        }
        let guard = Arc::new(AddressGuard::new(opts.allow_addresses.clone()));
        let resolver = Arc::new(guard::GuardedResolver {
            guard: Arc::clone(&guard),
        });
        let client_with = |policy: redirect::Policy| {
            let mut client = reqwest::Client::builder();
            if !opts.env_proxy {
                client = client.no_proxy();
            }
            client
                .user_agent(opts.user_agent.clone())
                .timeout(opts.timeout)
                .connect_timeout(opts.connect_timeout)
                .redirect(policy)
                .dns_resolver(Arc::clone(&resolver))
                .gzip(true)
                .brotli(true)
                .build()
                .map_err(|e| Error::Usage(format!("cannot set up the HTTP client: {e}")))
        };
        // Pages: redirects are followed by `fetch` itself, so that every hop is checked
        // against the address guard and its own host's robots.txt.
        let client = client_with(redirect::Policy::none())?;
        // robots.txt: up to five redirects (RFC 9309), IP literals checked on each.
        let robots_guard = Arc::clone(&guard);
        let robots_client = client_with(redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() > ROBOTS_REDIRECTS {
                return attempt.error(FetchError::TooManyRedirects(ROBOTS_REDIRECTS));
            }
            if !matches!(attempt.url().scheme(), "http" | "https") {
                let s = attempt.url().scheme().to_string();
                return attempt.error(FetchError::Scheme(s));
            }
            if let Err(e) = robots_guard.check_url(attempt.url()) {
                return attempt.error(e);
            }
            attempt.follow()
        }))?;
        let cache = opts.cache_dir.clone().map(Cache::new);
        Ok(Fetcher {
            client,
            robots_client,
            guard,
            global: Arc::new(Semaphore::new(opts.concurrency)),
            hosts: Mutex::new(HashMap::new()),
            robots: Mutex::new(HashMap::new()),
            jitter: std::collections::hash_map::RandomState::new(),
            cache,
            opts,
        })
    }

    pub fn options(&self) -> &FetchOptions {
        &self.opts
    }

    /// Fetch many URLs at once under the limits; one failing never stops the others.
    /// `on_done` is called as each finishes (for a progress bar). Results come back in
    /// the order of `urls`.
    pub async fn fetch_all(
        self: &Arc<Self>,
        urls: &[String],
        on_done: impl Fn(&str, &std::result::Result<Page, FetchError>) + Send + Sync + 'static,
    ) -> Vec<std::result::Result<Page, FetchError>> {
        let on_done = Arc::new(on_done);
        let mut set = tokio::task::JoinSet::new();
        for (i, url) in urls.iter().enumerate() {
            let me = Arc::clone(self);
            let url = url.clone();
            let on_done = Arc::clone(&on_done);
            set.spawn(async move {
                let r = me.fetch(&url).await;
                on_done(&url, &r);
                (i, r)
            });
        }
        let mut out: Vec<Option<std::result::Result<Page, FetchError>>> = vec![None; urls.len()];
        while let Some(joined) = set.join_next().await {
            match joined {
                Ok((i, r)) => out[i] = Some(r),
                Err(e) => {
                    // A panicking task is a bug; report it against no URL rather than abort.
                    eprintln!("claimcheck: internal error in a fetch task: {e}");
                }
            }
        }
        out.into_iter()
            .map(|r| r.unwrap_or_else(|| Err(FetchError::Other("internal error".into()))))
            .collect()
    }

    /// Fetch one URL: check it, ask robots.txt, request it with retries, and follow its
    /// redirects, checking the address and robots.txt again at every hop.
    pub async fn fetch(&self, url: &str) -> std::result::Result<Page, FetchError> {
        let mut current = parse_url(url)?;
        let mut seen: Vec<Url> = Vec::new();
        loop {
            self.guard.check_url(&current)?;
            if self.opts.robots {
                self.robots_check(&current).await?;
            }
            match self.with_retries(url, &current).await? {
                Hop::Page(page) => return Ok(*page),
                Hop::Redirect(next) => {
                    seen.push(current);
                    if !matches!(next.scheme(), "http" | "https") {
                        return Err(FetchError::Scheme(next.scheme().to_string()));
                    }
                    if seen.contains(&next) {
                        return Err(FetchError::RedirectLoop(next.to_string()));
                    }
                    if seen.len() > self.opts.max_redirects {
                        return Err(FetchError::TooManyRedirects(self.opts.max_redirects));
                    }
                    current = next;
                }
            }
        }
    }

    /// One hop (`current`, reached from `url`), retried on what is worth retrying.
    async fn with_retries(&self, url: &str, current: &Url) -> std::result::Result<Hop, FetchError> {
        let mut attempt = 0u32;
        loop {
            match self.attempt(url, current).await {
                Ok(hop) => return Ok(hop),
                Err((e, retry_after)) => {
                    if !e.retryable() || attempt >= self.opts.retries {
                        return Err(e);
                    }
                    let wait = match retry_after {
                        Some(d) if d > self.opts.retry_max => {
                            return Err(FetchError::RetryAfterTooLong(
                                d.as_secs(),
                                self.opts.retry_max.as_secs(),
                            ));
                        }
                        Some(d) => d,
                        None => self.backoff(url, attempt),
                    };
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
            }
        }
    }

    /// Exponential backoff with "equal jitter": half the delay fixed, half random.
    fn backoff(&self, url: &str, attempt: u32) -> Duration {
        let full = self
            .opts
            .retry_base
            .saturating_mul(2u32.saturating_pow(attempt))
            .min(self.opts.retry_max);
        let mut h = self.jitter.build_hasher();
        h.write(url.as_bytes());
        h.write_u32(attempt);
        h.write_u128(
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        let frac = (h.finish() % 1_000_000) as f64 / 1_000_000.0;
        full / 2 + full.mul_f64(frac / 2.0)
    }

    fn host_limit(&self, url: &Url) -> Arc<Semaphore> {
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        Arc::clone(
            hosts
                .entry(host)
                .or_insert_with(|| Arc::new(Semaphore::new(self.opts.per_host))),
        )
    }

    /// One request to one hop under the limits: the page, or where it redirects to. On
    /// failure, also the server's `Retry-After`. The cache is keyed by `url`, the URL as
    /// asked for.
    async fn attempt(
        &self,
        url: &str,
        parsed: &Url,
    ) -> std::result::Result<Hop, (FetchError, Option<Duration>)> {
        // Host first, then global: a task waiting for a busy host holds no global slot.
        let host = self.host_limit(parsed);
        let _host = host.acquire().await.expect("semaphore never closed");
        let _global = self.global.acquire().await.expect("semaphore never closed");

        let cached = self.cache.as_ref().and_then(|c| c.get(url));
        let mut req = self.client.get(parsed.clone()).header(
            header::ACCEPT,
            "text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,application/json;q=0.8,*/*;q=0.1",
        );
        if let Some(entry) = &cached {
            if let Some(etag) = &entry.meta.etag {
                req = req.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &entry.meta.last_modified {
                req = req.header(header::IF_MODIFIED_SINCE, lm);
            }
        }
        let resp = req.send().await.map_err(|e| (self.classify(e), None))?;
        let fetched_at = rfc3339(SystemTime::now());
        let status = resp.status();
        let final_url = resp.url().to_string();
        let headers = resp.headers().clone();

        if status.is_redirection()
            && status != StatusCode::NOT_MODIFIED
            && let Some(location) = headers.get(header::LOCATION)
        {
            let location = String::from_utf8_lossy(location.as_bytes()).into_owned();
            let next = parsed.join(location.trim()).map_err(|e| {
                (
                    FetchError::BadUrl(format!("redirect to '{location}' ({e})")),
                    None,
                )
            })?;
            return Ok(Hop::Redirect(next));
        }
        if status == StatusCode::NOT_MODIFIED
            && let Some(entry) = cached
        {
            let body = entry.body;
            return self
                .finish(
                    url,
                    entry.meta.final_url,
                    entry.meta.status,
                    entry.meta.content_type,
                    body,
                    CacheStatus::Revalidated,
                    fetched_at,
                )
                .map(|p| Hop::Page(Box::new(p)))
                .map_err(|e| (e, None));
        }
        if !status.is_success() {
            let retry_after = retry_after(&headers);
            return Err((
                FetchError::Status {
                    status: status.as_u16(),
                    reason: status.canonical_reason().map(str::to_string),
                },
                retry_after,
            ));
        }
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        if let Some(ct) = &content_type
            && decode::kind(ct).is_none()
        {
            return Err((FetchError::ContentType(decode::mime(ct)), None));
        }
        let body = self.read_body(resp).await.map_err(|e| (e, None))?;
        if let Some(cache) = &self.cache
            && let Some(meta) = cache::Meta::from_response(
                url,
                &final_url,
                status.as_u16(),
                content_type.as_deref(),
                &headers,
            )
        {
            // A cache that cannot be written only costs a download next time.
            let _ = cache.put(url, &meta, &body);
        }
        let cache_status = if self.cache.is_some() {
            CacheStatus::Miss
        } else {
            CacheStatus::Off
        };
        self.finish(
            url,
            final_url,
            status.as_u16(),
            content_type,
            body,
            cache_status,
            fetched_at,
        )
        .map(|p| Hop::Page(Box::new(p)))
        .map_err(|e| (e, None))
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        url: &str,
        final_url: String,
        status: u16,
        content_type: Option<String>,
        body: Vec<u8>,
        cache: CacheStatus,
        fetched_at: String,
    ) -> std::result::Result<Page, FetchError> {
        let kind = content_type.as_deref().and_then(decode::kind);
        let (text, charset) = decode::to_utf8(&body, content_type.as_deref());
        let format = match kind {
            Some(k) => k.format(),
            None => Some(Format::sniff(&text)),
        };
        Ok(Page {
            url: url.to_string(),
            final_url,
            status,
            content_type,
            format,
            text,
            charset,
            cache,
            fetched_at,
        })
    }

    /// Read the body as it streams in, stopping as soon as it passes the cap.
    async fn read_body(
        &self,
        mut resp: reqwest::Response,
    ) -> std::result::Result<Vec<u8>, FetchError> {
        let limit = self.opts.max_bytes;
        if resp.content_length().is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge { limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| self.classify(e))? {
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(FetchError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn classify(&self, e: reqwest::Error) -> FetchError {
        // Our own redirect-policy errors come back wrapped.
        let mut src: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(s) = src {
            if let Some(fe) = s.downcast_ref::<FetchError>() {
                return fe.clone();
            }
            src = s.source();
        }
        if e.is_timeout() {
            if e.is_connect() {
                return FetchError::Connect(format!(
                    "connecting timed out after {:?}",
                    self.opts.connect_timeout
                ));
            }
            return FetchError::Timeout(self.opts.timeout);
        }
        if e.is_connect() {
            return FetchError::Connect(innermost(&e));
        }
        if e.is_redirect() {
            return FetchError::TooManyRedirects(self.opts.max_redirects);
        }
        if e.is_body() || e.is_decode() {
            return FetchError::Connect(format!("reading the body failed: {}", innermost(&e)));
        }
        FetchError::Other(innermost(&e))
    }

    /// May we fetch this URL, by its origin's robots.txt? Fetched once per origin per run.
    async fn robots_check(&self, url: &Url) -> std::result::Result<(), FetchError> {
        let key = origin(url);
        let cell = {
            let mut map = self.robots.lock().unwrap_or_else(|p| p.into_inner());
            Arc::clone(map.entry(key.clone()).or_default())
        };
        let robots = cell
            .get_or_init(|| async { Arc::new(self.load_robots(url).await) })
            .await;
        match robots.as_ref() {
            Robots::AllowAll => Ok(()),
            Robots::Rules(r) if r.allowed(url.as_str()) => Ok(()),
            Robots::Rules(_) => Err(FetchError::Robots(key)),
            Robots::HostFails(e) => Err(e.clone()),
            Robots::Unreachable(cause) => Err(FetchError::RobotsUnreachable {
                origin: key,
                cause: cause.clone(),
            }),
        }
    }

    /// RFC 9309: 2xx → the rules (the first [`ROBOTS_MAX_BYTES`] of them); 4xx or too
    /// many redirects → no rules (allow); 5xx, a network error, a stalled or broken
    /// body → unreachable (disallow), with the cause kept for the message.
    async fn load_robots(&self, url: &Url) -> Robots {
        let Ok(robots_url) = url.join("/robots.txt") else {
            return Robots::AllowAll;
        };
        let host = self.host_limit(url);
        let _host = host.acquire().await.expect("semaphore never closed");
        let _global = self.global.acquire().await.expect("semaphore never closed");
        let resp = match self.robots_client.get(robots_url).send().await {
            Ok(r) => r,
            Err(e) => {
                return match self.classify(e) {
                    FetchError::TooManyRedirects(_) | FetchError::RedirectLoop(_) => {
                        Robots::AllowAll
                    }
                    host @ (FetchError::Refused { .. }
                    | FetchError::Dns { .. }
                    | FetchError::Connect(_)) => Robots::HostFails(host),
                    cause => Robots::Unreachable(cause.to_string()),
                };
            }
        };
        let status = resp.status();
        if status.is_client_error() {
            return Robots::AllowAll;
        }
        if !status.is_success() {
            return Robots::Unreachable(format!("HTTP {}", status.as_u16()));
        }
        let body = match self.read_prefix(resp, ROBOTS_MAX_BYTES).await {
            Ok(b) => b,
            Err(e) => return Robots::Unreachable(e.to_string()),
        };
        match texting_robots::Robot::new(ROBOTS_AGENT, &body) {
            Ok(r) => Robots::Rules(Box::new(r)),
            Err(_) => Robots::AllowAll,
        }
    }

    /// The first `limit` bytes of a body; the rest is not read.
    async fn read_prefix(
        &self,
        mut resp: reqwest::Response,
        limit: usize,
    ) -> std::result::Result<Vec<u8>, FetchError> {
        let mut body = Vec::new();
        while body.len() < limit {
            match resp.chunk().await.map_err(|e| self.classify(e))? {
                Some(chunk) => {
                    let room = limit - body.len();
                    body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
                None => break,
            }
        }
        Ok(body)
    }
}

fn origin(url: &Url) -> String {
    url.origin().ascii_serialization()
}

fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg = s.to_string();
        src = s.source();
    }
    msg
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let v: &HeaderValue = headers.get(header::RETRY_AFTER)?;
    let s = v.to_str().ok()?.trim();
    if let Ok(secs) = s.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(s).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// A time as RFC 3339 in UTC, to the second: `2025-08-18T09:30:00Z`.
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A small runtime for the synchronous pipeline: I/O bound, so two worker threads do.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the network runtime: {e}")))
}

/// Fetch URLs (articles or corpus entries given as URLs) and ingest each like a file;
/// each document is named by its URL. One failing URL gives an error for it alone.
pub fn fetch_documents(urls: &[String], opts: &FetchOptions) -> Result<Vec<Result<Document>>> {
    let fetcher = Arc::new(Fetcher::new(opts.clone())?);
    let rt = runtime()?;
    let pages = rt.block_on(fetcher.fetch_all(urls, |_, _| {}));
    Ok(urls
        .iter()
        .zip(pages)
        .map(|(url, page)| match page {
            Ok(page) => page.to_document(),
            Err(e) => Err(Error::input(url, format!("cannot fetch: {e}"))),
        })
        .collect())
}

/// Fetch one URL and ingest it (an article given as a URL).
pub fn fetch_document(url: &str, opts: &FetchOptions) -> Result<Document> {
    fetch_documents(&[url.to_string()], opts)?
        .pop()
        .unwrap_or_else(|| Err(Error::input(url, "nothing fetched")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_formats_known_instants() {
        assert_eq!(rfc3339(SystemTime::UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_755_509_400);
        assert_eq!(rfc3339(t), "2025-08-18T09:30:00Z");
        let leap = SystemTime::UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(rfc3339(leap), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn only_http_and_https() {
        assert!(parse_url("https://example.org/a").is_ok());
        assert!(
            matches!(parse_url("ftp://example.org/a"), Err(FetchError::Scheme(s)) if s == "ftp")
        );
        assert!(matches!(
            parse_url("file:///etc/passwd"),
            Err(FetchError::Scheme(_))
        ));
        assert!(matches!(parse_url("not a url"), Err(FetchError::BadUrl(_))));
    }

    #[test]
    fn retry_after_seconds() {
        let mut h = HeaderMap::new();
        h.insert(header::RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        h.insert(
            header::RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let f = Fetcher::builder()
            .retry_base(Duration::from_millis(100))
            .retry_max(Duration::from_secs(1))
            .cache_dir(None)
            .build()
            .unwrap();
        for attempt in 0..6 {
            let d = f.backoff("http://x/", attempt);
            let full = Duration::from_millis(100 * 2u64.pow(attempt)).min(Duration::from_secs(1));
            assert!(d >= full / 2 && d <= full, "{attempt}: {d:?}");
        }
    }
}
