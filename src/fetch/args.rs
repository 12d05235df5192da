//! The command-line face of fetching: the network flags shared by `fetch` and `check`,
//! and `claimcheck fetch` itself (progress bar on stderr, summary on stdout, exit code
//! 0 all fetched, 1 some failed, 2 usage). Kept here so that `cli.rs` only dispatches.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::store::{self, UrlEntry};
use super::{FetchOptions, default_cache_dir, defaults, parse_url};
use crate::error::{Error, Result};

/// Flags that shape how URLs are fetched (by `fetch`, and by `check` for URL arguments).
#[derive(Debug, Clone, clap::Args)]
pub struct NetArgs {
    /// Requests in flight at once, in all. Example: `--concurrency 4`
    #[arg(long, value_name = "N", default_value_t = defaults::CONCURRENCY as u64, value_parser = clap::value_parser!(u64).range(1..=256))]
    pub concurrency: u64,
    /// Requests in flight at once to one host. Example: `--per-host 1`
    #[arg(long, value_name = "N", default_value_t = defaults::PER_HOST as u64, value_parser = clap::value_parser!(u64).range(1..=64))]
    pub per_host: u64,
    /// Seconds allowed for one request, body included (connecting: at most 10). Example: `--timeout 5`
    #[arg(long, value_name = "SECONDS", default_value_t = defaults::TIMEOUT_SECS as f64, value_parser = parse_seconds)]
    pub timeout: f64,
    /// Largest page kept (bytes; K, M suffixes are KiB, MiB); larger pages fail. Example: `--max-bytes 2M`
    #[arg(long, value_name = "SIZE", default_value = defaults::MAX_BYTES_FLAG, value_parser = parse_size)]
    pub max_bytes: u64,
    /// Retries on connection errors, 429 and 5xx (backoff with jitter, Retry-After honoured).
    /// Example: `--retries 0`
    #[arg(long, value_name = "N", default_value_t = defaults::RETRIES)]
    pub retries: u32,
    /// Cache folder (default: the platform cache folder, e.g. ~/.cache/claimcheck/http).
    /// Example: `--cache-dir .cache/http`
    #[arg(long, value_name = "DIR", env = "CLAIMCHECK_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Do not read or write the HTTP cache. Example: `--no-cache`
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
    /// Fetch pages that robots.txt disallows. Only for pages you have a right to fetch.
    /// Example: `--ignore-robots`
    #[arg(long)]
    pub ignore_robots: bool,
    /// Permit connecting to this loopback, private or link-local address or network
    /// (refused by default, so a page cannot make claimcheck read internal services).
    /// Repeatable. Example: `--allow-address 127.0.0.1 --allow-address 10.0.0.0/8`
    #[arg(long = "allow-address", value_name = "ADDR_OR_CIDR", value_parser = super::guard::parse_allowed)]
    pub allow_addresses: Vec<ipnet::IpNet>,
}

impl Default for NetArgs {
    fn default() -> Self {
        NetArgs {
            concurrency: defaults::CONCURRENCY as u64,
            per_host: defaults::PER_HOST as u64,
            timeout: defaults::TIMEOUT_SECS as f64,
            max_bytes: defaults::MAX_BYTES,
            retries: defaults::RETRIES,
            cache_dir: None,
            no_cache: false,
            ignore_robots: false,
            allow_addresses: Vec::new(),
        }
    }
}

impl NetArgs {
    pub fn to_options(&self) -> FetchOptions {
        let timeout = Duration::from_secs_f64(self.timeout);
        FetchOptions {
            concurrency: self.concurrency as usize,
            per_host: self.per_host as usize,
            timeout,
            connect_timeout: timeout.min(Duration::from_secs(defaults::CONNECT_TIMEOUT_SECS)),
            max_bytes: self.max_bytes,
            retries: self.retries,
            robots: !self.ignore_robots,
            allow_addresses: self.allow_addresses.clone(),
            cache_dir: if self.no_cache {
                None
            } else {
                self.cache_dir.clone().or_else(default_cache_dir)
            },
            ..FetchOptions::default()
        }
    }
}

fn parse_seconds(s: &str) -> std::result::Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v <= 3600.0 => Ok(v),
        _ => Err(format!(
            "'{s}' is not a number of seconds between 0 and 3600, e.g. 20 or 2.5"
        )),
    }
}

pub(crate) fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        _ => 0,
    };
    match num.parse::<u64>() {
        Ok(n) if mult > 0 && n > 0 => Ok(n.saturating_mul(mult)),
        _ => Err(format!(
            "'{s}' is not a size; write bytes with an optional K or M suffix, e.g. 10M"
        )),
    }
}

/// `claimcheck fetch`: download pages into a corpus folder.
#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// Pages to fetch (http:// or https:// only).
    /// Example: `claimcheck fetch https://example.org/a.html --out sources/`
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,
    /// Read URLs from FILE (`-` for stdin): one a line, optionally with `outlet="..."`,
    /// `reliability=high|normal|low` and `published=YYYY-MM-DD` after it; `#` comments.
    /// Example: `--from urls.txt`
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Corpus folder to write pages, manifest.json and sources.toml into (created if missing).
    /// Example: `--out sources/`
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub net: NetArgs,
    /// No progress bar, no warnings on stderr. Example: `--quiet`
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Run `fetch`; returns the exit code (0 all fetched, 1 some failed).
pub fn run_fetch(args: &FetchArgs) -> Result<u8> {
    let mut entries: Vec<UrlEntry> = Vec::new();
    for (i, u) in args.urls.iter().enumerate() {
        let url = parse_url(u).map_err(|e| Error::Usage(format!("URL argument {}: {e}", i + 1)))?;
        entries.push(UrlEntry {
            url: url.to_string(),
            ..UrlEntry::default()
        });
    }
    if let Some(from) = &args.from {
        let text = if crate::input::Input::of(from) == crate::input::Input::Stdin {
            std::io::read_to_string(std::io::stdin()).map_err(|e| Error::io("<stdin>", &e))?
        } else {
            std::fs::read_to_string(from).map_err(|e| Error::io(from, &e))?
        };
        entries.extend(store::parse_url_list(from, &text)?);
    }
    if entries.is_empty() {
        return Err(Error::Usage(
            "no URL given; pass URLs as arguments or --from urls.txt (one URL a line)".into(),
        ));
    }
    let opts = args.net.to_options();
    let progress = if args.quiet
        || std::env::var_os("CI").is_some()
        || !std::io::stderr().is_terminal()
    {
        ProgressBar::hidden()
    } else {
        let bar =
            ProgressBar::with_draw_target(Some(entries.len() as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} fetching [{bar:30}] {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    };
    let bar = progress.clone();
    let summary = store::fetch_to_dir(&entries, &args.out, &opts, move |url, _| {
        bar.set_message(url.to_string());
        bar.inc(1);
    })?;
    progress.finish_and_clear();

    let mut out = Vec::new();
    for r in &summary.records {
        if let Some(err) = &r.error {
            let _ = writeln!(out, "FAILED {}: {err}", r.url);
        }
    }
    let _ = writeln!(
        out,
        "{} of {} pages fetched into {} ({} unchanged since the cache), {} failed",
        summary.fetched,
        summary.records.len(),
        args.out.display(),
        summary.revalidated,
        summary.failed
    );
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&out).and_then(|_| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(Error::io("<stdout>", &e)),
    }
    Ok(u8::from(summary.failed > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_seconds() {
        assert_eq!(parse_size("10M"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_size("512k"), Ok(512 * 1024));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert!(parse_seconds("0").is_err());
        assert_eq!(parse_seconds("2.5"), Ok(2.5));
    }

    #[test]
    fn the_flags_defaults_are_the_fetchers() {
        use clap::{Args, FromArgMatches};
        let cmd = NetArgs::augment_args(clap::Command::new("t"));
        let parsed = NetArgs::from_arg_matches(&cmd.get_matches_from(["t"])).unwrap();
        let (a, b) = (parsed.to_options(), FetchOptions::default());
        assert_eq!(
            parse_size(defaults::MAX_BYTES_FLAG),
            Ok(defaults::MAX_BYTES)
        );
        assert_eq!(
            (
                a.concurrency,
                a.per_host,
                a.timeout,
                a.connect_timeout,
                a.max_bytes,
                a.retries
            ),
            (
                b.concurrency,
                b.per_host,
                b.timeout,
                b.connect_timeout,
                b.max_bytes,
                b.retries
            )
        );
        let d = NetArgs::default().to_options();
        assert_eq!(
            (d.concurrency, d.max_bytes, d.timeout),
            (b.concurrency, b.max_bytes, b.timeout)
        );
    }
}
