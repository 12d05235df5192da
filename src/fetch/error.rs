//! Why one URL could not be brought in, in words a user can act on.

use std::time::Duration;

/// The token matched against `User-agent:` lines of `robots.txt`.
pub const ROBOTS_AGENT: &str = "claimcheck";

/// Why one URL could not be brought in. Each message says what happened and, where the
/// user can do something, what.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("not a valid URL: {0}; give an absolute http:// or https:// address")]
    BadUrl(String),
    #[error("scheme '{0}' is not supported; only http:// and https:// addresses are fetched")]
    Scheme(String),
    #[error(
        "robots.txt of {0} disallows {ROBOTS_AGENT} from this page; pass --ignore-robots only for pages you may fetch"
    )]
    Robots(String),
    #[error(
        "robots.txt of {origin} could not be read ({cause}), so the site counts as disallowed (RFC 9309); pass --ignore-robots only for pages you may fetch"
    )]
    RobotsUnreachable { origin: String, cause: String },
    #[error(
        "refused to connect to {addr} ({class} address){}; claimcheck fetches only public addresses unless --allow-address {addr} is given",
        if host.trim_matches(['[', ']']) == addr { String::new() } else { format!(", which {host} resolves to") }
    )]
    Refused {
        host: String,
        addr: String,
        class: &'static str,
    },
    #[error("HTTP {status}{}", reason.as_deref().map(|r| format!(" {r}")).unwrap_or_default())]
    Status { status: u16, reason: Option<String> },
    #[error("skipped: content type '{0}' is not text (HTML, plain text, Markdown or JSON)")]
    ContentType(String),
    #[error("body larger than the {limit}-byte cap; raise --max-bytes to keep it")]
    TooLarge { limit: u64 },
    #[error("timed out after {0:?}; raise --timeout for slow servers")]
    Timeout(Duration),
    #[error("too many redirects (more than {0})")]
    TooManyRedirects(usize),
    #[error("redirect loop at {0}")]
    RedirectLoop(String),
    #[error("server asked to retry after {0} s, longer than the {1} s limit")]
    RetryAfterTooLong(u64, u64),
    #[error("connection failed: {0}")]
    Connect(String),
    #[error(
        "cannot resolve {host} ({cause}); check the address, and this machine's network and DNS settings"
    )]
    Dns { host: String, cause: String },
    #[error("{0}")]
    Other(String),
}

impl FetchError {
    /// Worth another attempt: connection errors, 429 and 5xx.
    pub(super) fn retryable(&self) -> bool {
        match self {
            FetchError::Connect(_) | FetchError::Dns { .. } => true,
            FetchError::Status { status, .. } => *status == 429 || *status >= 500,
            _ => false,
        }
    }
}
