//! Fetching over HTTP, against real servers the tests start on 127.0.0.1 (wiremock, and a
//! small counting server for the concurrency limits). No test touches any other address.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use claimcheck::fetch::{CacheStatus, FetchError, Fetcher};
use common::root;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The one non-public address the tests may reach: the servers they start.
fn loopback() -> ipnet::IpNet {
    "127.0.0.1/32".parse().unwrap()
}

/// A fetcher for tests: no cache, short timeout, fast retries, loopback allowed.
fn fetcher() -> Arc<Fetcher> {
    Arc::new(
        Fetcher::builder()
            .env_proxy(false)
            .cache_dir(None)
            .timeout(Duration::from_secs(3))
            .retry_base(Duration::from_millis(10))
            .allow_address(loopback())
            .build()
            .expect("fetcher"),
    )
}

fn html(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "text/html; charset=utf-8")
}

async fn hits(server: &MockServer, p: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == p)
        .count()
}

const PAGE: &str = "<html><head><title>Talks end</title></head><body><article>\
    <h1>Talks end</h1><p>The talks in Washington ended on Monday after three hours.</p>\
    </article></body></html>";

#[tokio::test]
async fn success_gives_decoded_page_with_metadata() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/news/talks.html"))
        .and(header("user-agent", claimcheck::fetch::USER_AGENT))
        .respond_with(html(PAGE))
        .mount(&server)
        .await;
    let url = format!("{}/news/talks.html", server.uri());
    let page = fetcher().fetch(&url).await.expect("fetched");
    assert_eq!(page.status, 200);
    assert_eq!(page.final_url, url);
    assert_eq!(
        page.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.cache, CacheStatus::Off);
    let doc = page.to_document().unwrap();
    assert_eq!(doc.name, url);
    assert_eq!(doc.title.as_deref(), Some("Talks end"));
    assert!(doc.text.contains("three hours"));
}

#[tokio::test]
async fn redirect_chain_is_followed() {
    let server = MockServer::start().await;
    for (from, to) in [("/a", "/b"), ("/b", "/c"), ("/c", "/final")] {
        Mock::given(path(from))
            .respond_with(ResponseTemplate::new(302).insert_header("location", to))
            .mount(&server)
            .await;
    }
    Mock::given(path("/final"))
        .respond_with(html(PAGE))
        .mount(&server)
        .await;
    let page = fetcher()
        .fetch(&format!("{}/a", server.uri()))
        .await
        .expect("fetched");
    assert_eq!(page.final_url, format!("{}/final", server.uri()));
    assert_eq!(page.url, format!("{}/a", server.uri()));
}

#[tokio::test]
async fn redirect_loop_and_too_many_redirects_fail() {
    let server = MockServer::start().await;
    Mock::given(path("/loop1"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", "/loop2"))
        .mount(&server)
        .await;
    Mock::given(path("/loop2"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", "/loop1"))
        .mount(&server)
        .await;
    for i in 0..8 {
        Mock::given(path(format!("/hop{i}")))
            .respond_with(
                ResponseTemplate::new(302).insert_header("location", format!("/hop{}", i + 1)),
            )
            .mount(&server)
            .await;
    }
    let f = fetcher();
    let err = f
        .fetch(&format!("{}/loop1", server.uri()))
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::RedirectLoop(_)), "{err:?}");
    assert!(err.to_string().contains("redirect loop"), "{err}");
    let err = f
        .fetch(&format!("{}/hop0", server.uri()))
        .await
        .unwrap_err();
    assert_eq!(err, FetchError::TooManyRedirects(5));
}

#[tokio::test]
async fn not_found_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/gone"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let err = fetcher()
        .fetch(&format!("{}/gone", server.uri()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "HTTP 404 Not Found");
    assert_eq!(hits(&server, "/gone").await, 1, "a 404 is final");
}

#[tokio::test]
async fn server_error_then_success_on_retry() {
    let server = MockServer::start().await;
    Mock::given(path("/flaky"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/flaky"))
        .respond_with(html(PAGE))
        .with_priority(2)
        .mount(&server)
        .await;
    let page = fetcher()
        .fetch(&format!("{}/flaky", server.uri()))
        .await
        .expect("third attempt succeeds");
    assert_eq!(page.status, 200);
    assert_eq!(hits(&server, "/flaky").await, 3);

    // Out of retries: the 5xx is the error.
    Mock::given(path("/down"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let err = fetcher()
        .fetch(&format!("{}/down", server.uri()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 503, .. }),
        "{err:?}"
    );
    assert_eq!(
        hits(&server, "/down").await,
        4,
        "first attempt and 3 retries"
    );
}

#[tokio::test]
async fn too_many_requests_honours_retry_after() {
    let server = MockServer::start().await;
    Mock::given(path("/busy"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/busy"))
        .respond_with(html(PAGE))
        .with_priority(2)
        .mount(&server)
        .await;
    let start = Instant::now();
    let page = fetcher()
        .fetch(&format!("{}/busy", server.uri()))
        .await
        .expect("succeeds after waiting");
    assert_eq!(page.status, 200);
    // Waited as told (a lower bound, not a speed measurement).
    assert!(start.elapsed() >= Duration::from_millis(950));
    assert_eq!(hits(&server, "/busy").await, 2);

    // A server asking for an hour makes the URL fail instead of stalling the run.
    Mock::given(path("/later"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .mount(&server)
        .await;
    let err = fetcher()
        .fetch(&format!("{}/later", server.uri()))
        .await
        .unwrap_err();
    assert_eq!(err, FetchError::RetryAfterTooLong(3600, 60));
}

#[tokio::test]
async fn stalled_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(path("/stall"))
        .respond_with(html(PAGE).set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;
    let f = Fetcher::builder()
        .env_proxy(false)
        .cache_dir(None)
        .timeout(Duration::from_millis(300))
        .retry_base(Duration::from_millis(10))
        .allow_address(loopback())
        .build()
        .unwrap();
    let err = f
        .fetch(&format!("{}/stall", server.uri()))
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Timeout(_)), "{err:?}");
    assert!(err.to_string().contains("--timeout"), "{err}");
}

#[tokio::test]
async fn body_over_the_cap_is_an_error_for_that_url() {
    let server = MockServer::start().await;
    let big = format!("<p>{}</p>", "word ".repeat(1000));
    Mock::given(path("/big"))
        .respond_with(html(&big))
        .mount(&server)
        .await;
    // Small on the wire, large once decompressed: caught while streaming.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(big.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    assert!(gz.len() < 1000);
    Mock::given(path("/bomb"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(gz, "text/html")
                .insert_header("content-encoding", "gzip"),
        )
        .mount(&server)
        .await;
    let f = Fetcher::builder()
        .env_proxy(false)
        .cache_dir(None)
        .max_bytes(1000)
        .allow_address(loopback())
        .build()
        .unwrap();
    for p in ["/big", "/bomb"] {
        let err = f.fetch(&format!("{}{p}", server.uri())).await.unwrap_err();
        assert_eq!(err, FetchError::TooLarge { limit: 1000 }, "{p}");
    }
}

#[tokio::test]
async fn gzip_responses_are_decompressed() {
    let server = MockServer::start().await;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PAGE.as_bytes()).unwrap();
    Mock::given(path("/gz"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(gz.finish().unwrap(), "text/html")
                .insert_header("content-encoding", "gzip"),
        )
        .mount(&server)
        .await;
    let page = fetcher()
        .fetch(&format!("{}/gz", server.uri()))
        .await
        .expect("fetched");
    assert_eq!(page.text, PAGE);
    let reqs = server.received_requests().await.unwrap();
    let sent = reqs[0]
        .headers
        .get("accept-encoding")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(sent.contains("gzip") && sent.contains("br"), "{sent}");
}

#[tokio::test]
async fn latin1_pages_are_decoded() {
    let server = MockServer::start().await;
    let body = b"<html><head><title>Caf\xe9 talks</title></head><body><p>The caf\xe9 in M\xfcnchen closed on Monday.</p></body></html>".to_vec();
    Mock::given(path("/header"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(body.clone(), "text/html; charset=ISO-8859-1"),
        )
        .mount(&server)
        .await;
    let mut meta = b"<html><head><meta charset=\"iso-8859-1\">".to_vec();
    meta.extend_from_slice(&body[6..]);
    Mock::given(path("/meta"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(meta, "text/html"))
        .mount(&server)
        .await;
    for p in ["/header", "/meta"] {
        let page = fetcher()
            .fetch(&format!("{}{p}", server.uri()))
            .await
            .expect("fetched");
        assert!(
            page.text.contains("The café in München"),
            "{p}: {}",
            page.text
        );
        assert_eq!(page.charset, "windows-1252");
        let doc = page.to_document().unwrap();
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }
}

#[tokio::test]
async fn pdf_and_images_are_skipped_with_a_reason() {
    let server = MockServer::start().await;
    Mock::given(path("/report.pdf"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(b"%PDF-1.7".to_vec(), "application/pdf"),
        )
        .mount(&server)
        .await;
    let err = fetcher()
        .fetch(&format!("{}/report.pdf", server.uri()))
        .await
        .unwrap_err();
    assert_eq!(err, FetchError::ContentType("application/pdf".into()));
    assert!(
        err.to_string()
            .starts_with("skipped: content type 'application/pdf'")
    );
}

#[tokio::test]
async fn only_http_and_https_are_fetched() {
    let err = fetcher()
        .fetch("ftp://127.0.0.1/file.txt")
        .await
        .unwrap_err();
    assert_eq!(err, FetchError::Scheme("ftp".into()));
    assert!(err.to_string().contains("only http:// and https://"));
}

#[tokio::test]
async fn robots_txt_disallow_is_respected_unless_ignored() {
    let server = MockServer::start().await;
    Mock::given(path("/robots.txt"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            b"User-agent: *\nDisallow: /private/\n".to_vec(),
            "text/plain",
        ))
        .mount(&server)
        .await;
    Mock::given(path("/private/page"))
        .respond_with(html(PAGE))
        .mount(&server)
        .await;
    Mock::given(path("/public/page"))
        .respond_with(html(PAGE))
        .mount(&server)
        .await;
    let f = fetcher();
    let err = f
        .fetch(&format!("{}/private/page", server.uri()))
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Robots(_)), "{err:?}");
    assert!(err.to_string().contains("--ignore-robots"));
    assert_eq!(hits(&server, "/private/page").await, 0);
    f.fetch(&format!("{}/public/page", server.uri()))
        .await
        .expect("allowed");
    assert_eq!(
        hits(&server, "/robots.txt").await,
        1,
        "robots.txt read once"
    );

    let bold = Fetcher::builder()
        .env_proxy(false)
        .cache_dir(None)
        .robots(false)
        .allow_address(loopback())
        .build()
        .unwrap();
    bold.fetch(&format!("{}/private/page", server.uri()))
        .await
        .expect("--ignore-robots fetches it");
}

#[tokio::test]
async fn cache_revalidates_with_etag_and_last_modified() {
    let server = MockServer::start().await;
    Mock::given(path("/cached"))
        .and(header("if-none-match", "\"v1\""))
        .respond_with(ResponseTemplate::new(304))
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/cached"))
        .respond_with(
            html(PAGE)
                .insert_header("etag", "\"v1\"")
                .insert_header("last-modified", "Mon, 18 Aug 2025 09:30:00 GMT"),
        )
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("{}/cached", server.uri());
    let make = || {
        Fetcher::builder()
            .env_proxy(false)
            .cache_dir(Some(dir.path().to_path_buf()))
            .allow_address(loopback())
            .build()
            .unwrap()
    };
    let first = make().fetch(&url).await.expect("first");
    assert_eq!(first.cache, CacheStatus::Miss);
    let second = make().fetch(&url).await.expect("second");
    assert_eq!(second.cache, CacheStatus::Revalidated);
    assert_eq!(second.status, 200);
    assert_eq!(second.text, first.text);
    let reqs = server.received_requests().await.unwrap();
    let last = reqs.iter().rfind(|r| r.url.path() == "/cached").unwrap();
    assert_eq!(
        last.headers.get("if-modified-since").unwrap(),
        "Mon, 18 Aug 2025 09:30:00 GMT"
    );
    server.verify().await;
}

/// A tiny HTTP/1.1 server that counts requests in flight and remembers the peak.
async fn counting_server(hold: Duration) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let in_flight = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let peak_out = Arc::clone(&peak);
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let in_flight = Arc::clone(&in_flight);
            let peak = Arc::clone(&peak);
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 1024];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match sock.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                let robots = buf.starts_with(b"GET /robots.txt ");
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                tokio::time::sleep(hold).await;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                let (status, body) = if robots {
                    ("404 Not Found", "")
                } else {
                    ("200 OK", "The talks ended on Monday.")
                };
                let resp = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(resp.as_bytes()).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    (format!("http://{addr}"), peak_out)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_urls_at_once_respect_the_per_host_limit() {
    let (base, peak) = counting_server(Duration::from_millis(40)).await;
    let urls: Vec<String> = (0..20).map(|i| format!("{base}/page/{i}")).collect();
    let done = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&done);
    let results = fetcher()
        .fetch_all(&urls, move |_, _| {
            counter.fetch_add(1, Ordering::SeqCst);
        })
        .await;
    assert_eq!(
        done.load(Ordering::SeqCst),
        20,
        "progress told of every URL"
    );
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let seen = peak.load(Ordering::SeqCst);
    assert!(seen <= 2, "per-host limit 2, saw {seen} at once");
    assert_eq!(seen, 2, "the limit is used, not just respected");

    // The global limit holds too when the per-host one is looser.
    let (base, peak) = counting_server(Duration::from_millis(40)).await;
    let urls: Vec<String> = (0..20).map(|i| format!("{base}/page/{i}")).collect();
    let f = Arc::new(
        Fetcher::builder()
            .env_proxy(false)
            .cache_dir(None)
            .concurrency(3)
            .per_host(10)
            .allow_address(loopback())
            .build()
            .unwrap(),
    );
    let results = f.fetch_all(&urls, |_, _| {}).await;
    assert!(results.iter().all(Result::is_ok));
    assert!(peak.load(Ordering::SeqCst) <= 3);
}

// ---------------------------------------------------------------- the command line

/// [`common::cmd`] without a cache folder or a proxy from the caller's environment.
fn cmd() -> Command {
    let mut c = common::cmd();
    c.env_remove("CLAIMCHECK_CACHE_DIR");
    // Loopback only: no proxy may carry the test traffic elsewhere.
    for var in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
        c.env_remove(var).env_remove(var.to_ascii_lowercase());
    }
    c
}

/// Run `claimcheck ARGS`; `fetch` and `check` may reach the test servers on 127.0.0.1.
fn run(args: &[&str]) -> (i32, String, String) {
    let mut c = cmd();
    c.args(args);
    if matches!(args.first(), Some(&"fetch") | Some(&"check")) {
        c.args(["--allow-address", "127.0.0.1"]);
    }
    common::capture(&mut c)
}

fn content_type_of(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("md") => "text/markdown; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    }
}

/// Serve every file of a folder at `/<name>` with a content type from its extension.
async fn serve_folder(server: &MockServer, dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if name == "sources.toml" {
            continue;
        }
        Mock::given(path(format!("/{name}")))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_raw(std::fs::read(&p).unwrap(), content_type_of(&p))
                    .insert_header("etag", format!("\"{name}\"")),
            )
            .mount(server)
            .await;
        names.push(name);
    }
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_command_writes_pages_manifest_and_sources() {
    let server = MockServer::start().await;
    Mock::given(path("/a.html"))
        .and(header("if-none-match", "\"a\""))
        .respond_with(ResponseTemplate::new(304))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/a.html"))
        .respond_with(html(PAGE).insert_header("etag", "\"a\""))
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(path("/missing"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    Mock::given(path("/doc.pdf"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(b"%PDF".to_vec(), "application/pdf"))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let cache = dir.path().join("cache");
    let list = dir.path().join("urls.txt");
    let base = server.uri();
    std::fs::write(
        &list,
        format!(
            "# fixture links\n{base}/a.html outlet=\"Example News\" reliability=high published=2025-08-18\n{base}/missing\n"
        ),
    )
    .unwrap();
    let args = |extra: &[&str]| {
        let mut v: Vec<String> = vec![
            "fetch".into(),
            format!("{base}/doc.pdf"),
            "--from".into(),
            list.display().to_string(),
            "--out".into(),
            out.display().to_string(),
            "--cache-dir".into(),
            cache.display().to_string(),
            "--retries".into(),
            "0".into(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let a = args(&[]);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = run(&a);
    assert_eq!(code, 1, "some failed: {stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("FAILED {base}/missing: HTTP 404 Not Found")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "FAILED {base}/doc.pdf: skipped: content type 'application/pdf'"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("1 of 3 pages fetched"), "{stdout}");
    assert!(
        stderr.is_empty(),
        "no progress bar off a terminal: {stderr}"
    );

    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["schema"], "claimcheck.fetch/1");
    let pages = manifest["pages"].as_array().unwrap();
    let urls: Vec<&str> = pages.iter().map(|p| p["url"].as_str().unwrap()).collect();
    let mut sorted = urls.clone();
    sorted.sort();
    assert_eq!(urls, sorted, "sorted by URL");
    let ok = pages
        .iter()
        .find(|p| p["url"] == format!("{base}/a.html"))
        .unwrap();
    let file = ok["file"].as_str().unwrap();
    assert!(
        file.starts_with("127-0-0-1-a-") && file.ends_with(".html"),
        "{file}"
    );
    assert_eq!(ok["status"], 200);
    assert_eq!(ok["final_url"], format!("{base}/a.html"));
    assert_eq!(ok["content_type"], "text/html; charset=utf-8");
    assert_eq!(ok["title"], "Talks end");
    assert_eq!(ok["bytes"], PAGE.len());
    assert_eq!(ok["cache"], "miss");
    assert!(ok["error"].is_null());
    assert!(ok["fetched_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(std::fs::read_to_string(out.join(file)).unwrap(), PAGE);
    let missing = pages
        .iter()
        .find(|p| p["url"] == format!("{base}/missing"))
        .unwrap();
    assert_eq!(missing["status"], 404);
    assert_eq!(missing["error"], "HTTP 404 Not Found");
    let sources = std::fs::read_to_string(out.join("sources.toml")).unwrap();
    assert!(sources.contains(&format!("path = \"{file}\"")), "{sources}");
    assert!(sources.contains("outlet = \"Example News\""), "{sources}");
    assert!(sources.contains("reliability = \"high\""), "{sources}");
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A second run revalidates from the cache and keeps the same file name.
    let (code, stdout, _) = run(&a);
    assert_eq!(code, 1);
    assert!(stdout.contains("(1 unchanged since the cache)"), "{stdout}");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let again = manifest["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["url"] == format!("{base}/a.html"))
        .unwrap()
        .clone();
    assert_eq!(again["file"], file);
    assert_eq!(again["cache"], "revalidated");
    assert_eq!(again["sha256"], ok["sha256"]);
    let reqs = server.received_requests().await.unwrap();
    assert!(
        reqs.iter()
            .any(|r| r.url.path() == "/a.html" && r.headers.get("if-none-match").is_some()),
        "second run sent the ETag back"
    );

    // All succeed: exit 0.
    let (code, stdout, stderr) = run(&[
        "fetch",
        &format!("{base}/a.html"),
        "--out",
        out.to_str().unwrap(),
        "--no-cache",
        "--quiet",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn fetch_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c");
    let (code, _, err) = run(&["fetch", "ftp://127.0.0.1/x", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("scheme 'ftp' is not supported"), "{err}");
    let (code, _, err) = run(&["fetch", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("no URL given"), "{err}");
    let list = dir.path().join("urls.txt");
    std::fs::write(
        &list,
        "http://127.0.0.1:9/a\nhttp://127.0.0.1:9/b tone=grim\n",
    )
    .unwrap();
    let (code, _, err) = run(&[
        "fetch",
        "--from",
        list.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("urls.txt:2: unknown key 'tone'"), "{err}");
    let (code, _, err) = run(&[
        "fetch",
        "http://127.0.0.1:9/a",
        "--out",
        out.to_str().unwrap(),
        "--timeout",
        "soon",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("not a number of seconds"), "{err}");
    assert!(!out.exists(), "nothing written on a usage error");
}

/// claim id → verdict, from a JSON report.
fn verdicts(report: &str) -> BTreeMap<String, String> {
    let v: Value = serde_json::from_str(report).expect("json report");
    let mut out = BTreeMap::new();
    for a in v["articles"].as_array().unwrap() {
        for c in a["claims"].as_array().unwrap() {
            out.insert(
                c["id"].as_str().unwrap().to_string(),
                c["verdict"].as_str().unwrap().to_string(),
            );
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetched_fixture_corpus_gives_the_same_verdicts() {
    let server = MockServer::start().await;
    let sources = root().join("fixtures/sources");
    let names = serve_folder(&server, &sources).await;
    // The URL list carries what fixtures/sources/sources.toml says about each file.
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(sources.join("sources.toml")).unwrap()).unwrap();
    let mut list = String::new();
    for name in &names {
        let entry = manifest["source"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["path"].as_str() == Some(name));
        list.push_str(&format!("{}/{name}", server.uri()));
        if let Some(e) = entry {
            for key in ["outlet", "reliability", "published"] {
                if let Some(v) = e.get(key).and_then(|v| v.as_str()) {
                    list.push_str(&format!(" {key}=\"{v}\""));
                }
            }
        }
        list.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let urls = dir.path().join("urls.txt");
    std::fs::write(&urls, list).unwrap();
    let out = dir.path().join("corpus");
    let (code, stdout, stderr) = run(&[
        "fetch",
        "--from",
        urls.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--no-cache",
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(stdout.contains(&format!("{} of {} pages fetched", names.len(), names.len())));

    let article = "fixtures/articles/white-house-talks.md";
    let check = |corpus: &str| {
        let (code, stdout, stderr) = run(&[
            "check",
            article,
            "--corpus",
            corpus,
            "--format",
            "json",
            "--fail-on",
            "never",
        ]);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let direct = verdicts(&check("fixtures/sources"));
    let fetched_report = check(out.to_str().unwrap());
    let fetched = verdicts(&fetched_report);
    assert!(!direct.is_empty());
    assert_eq!(fetched, direct);
    // Evidence from the fetched folder names the page's URL.
    assert!(
        fetched_report.contains(&format!("\"url\": \"{}/", server.uri())),
        "source.url set"
    );

    // An article and a source given as URLs work wherever a file does.
    Mock::given(path("/article.md"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            std::fs::read(root().join(article)).unwrap(),
            "text/markdown",
        ))
        .mount(&server)
        .await;
    let article_url = format!("{}/article.md", server.uri());
    let wire_url = format!("{}/wire-report.txt", server.uri());
    let (code, stdout, stderr) = run(&[
        "check",
        &article_url,
        "--corpus",
        &wire_url,
        "--format",
        "json",
        "--fail-on",
        "never",
        "--no-cache",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["articles"][0]["path"], article_url);
    let evidence: Vec<&Value> = report["articles"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap())
        .collect();
    assert!(!evidence.is_empty());
    for e in evidence {
        assert_eq!(e["source"]["url"], wire_url.as_str());
        assert!(e["source"]["path"].is_null());
    }
}

// ---------------------------------------------------------------- what may not be reached

#[tokio::test]
async fn non_public_addresses_are_refused_by_default() {
    let server = MockServer::start().await;
    Mock::given(path("/page"))
        .respond_with(html(PAGE))
        .mount(&server)
        .await;
    let strict = Fetcher::builder()
        .env_proxy(false)
        .cache_dir(None)
        .retries(0)
        .build()
        .unwrap();
    let port = server.address().port();
    for url in [
        format!("http://127.0.0.1:{port}/page"),
        format!("http://2130706433:{port}/page"),
        format!("http://0x7f000001:{port}/page"),
        format!("http://0.0.0.0:{port}/page"),
        format!("http://[::1]:{port}/page"),
        // A name is checked once resolved.
        format!("http://localhost:{port}/page"),
    ] {
        let err = strict.fetch(&url).await.unwrap_err();
        assert!(matches!(err, FetchError::Refused { .. }), "{url}: {err:?}");
        assert!(err.to_string().contains("--allow-address"), "{err}");
    }
    assert_eq!(
        hits(&server, "/page").await,
        0,
        "nothing reached the server"
    );
    // Allowed explicitly, the same page is fetched.
    assert!(
        fetcher()
            .fetch(&format!("{}/page", server.uri()))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_redirect_to_the_metadata_service_or_a_private_address_is_refused() {
    let server = MockServer::start().await;
    for (from, to) in [
        ("/meta", "http://169.254.169.254/latest/meta-data/"),
        ("/private", "http://10.0.0.7/admin"),
        ("/mapped", "http://[::ffff:169.254.169.254]/"),
        ("/decimal", "http://2852039166/"),
    ] {
        Mock::given(path(from))
            .respond_with(ResponseTemplate::new(302).insert_header("location", to))
            .mount(&server)
            .await;
    }
    // Loopback is allowed (the test server), the redirect target is not.
    let f = fetcher();
    for (from, addr) in [
        ("/meta", "169.254.169.254"),
        ("/private", "10.0.0.7"),
        ("/mapped", "169.254.169.254"),
        ("/decimal", "169.254.169.254"),
    ] {
        let err = f
            .fetch(&format!("{}{from}", server.uri()))
            .await
            .unwrap_err();
        match &err {
            FetchError::Refused { addr: a, .. } => assert_eq!(a, addr, "{from}"),
            other => panic!("{from}: {other:?}"),
        }
        assert!(err.to_string().contains(addr), "{err}");
    }
}

#[tokio::test]
async fn robots_txt_is_asked_at_every_host_a_redirect_reaches() {
    let first = MockServer::start().await;
    let second = MockServer::start().await;
    Mock::given(path("/robots.txt"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string("User-agent: claimcheck\nDisallow: /\n"),
        )
        .mount(&second)
        .await;
    Mock::given(path("/page"))
        .respond_with(html(PAGE))
        .mount(&second)
        .await;
    Mock::given(path("/go"))
        .respond_with(
            ResponseTemplate::new(302).insert_header("location", format!("{}/page", second.uri())),
        )
        .mount(&first)
        .await;
    let err = fetcher()
        .fetch(&format!("{}/go", first.uri()))
        .await
        .unwrap_err();
    assert_eq!(err, FetchError::Robots(second.uri()), "{err}");
    assert_eq!(hits(&second, "/robots.txt").await, 1);
    assert_eq!(
        hits(&second, "/page").await,
        0,
        "disallowed page not requested"
    );
}

#[tokio::test]
async fn a_huge_robots_txt_is_read_up_to_its_first_500_kib() {
    let server = MockServer::start().await;
    let mut body = String::from("User-agent: claimcheck\nDisallow: /\n");
    while body.len() < 3 * 1024 * 1024 {
        body.push_str("# padding padding padding padding padding padding padding\n");
    }
    Mock::given(path("/robots.txt"))
        .respond_with(ResponseTemplate::new(200).set_body_string(body))
        .mount(&server)
        .await;
    Mock::given(path("/page"))
        .respond_with(html(PAGE))
        .mount(&server)
        .await;
    // A page cap smaller than the file does not make robots.txt count as absent.
    let f = Fetcher::builder()
        .env_proxy(false)
        .cache_dir(None)
        .max_bytes(1024 * 1024)
        .allow_address(loopback())
        .build()
        .unwrap();
    let err = f
        .fetch(&format!("{}/page", server.uri()))
        .await
        .unwrap_err();
    assert_eq!(err, FetchError::Robots(server.uri()));
}

#[tokio::test]
async fn an_unreachable_robots_txt_disallows_and_says_why() {
    // A stalled robots.txt.
    let server = MockServer::start().await;
    Mock::given(path("/robots.txt"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(10)))
        .mount(&server)
        .await;
    let f = Fetcher::builder()
        .env_proxy(false)
        .cache_dir(None)
        .timeout(Duration::from_millis(300))
        .retries(0)
        .allow_address(loopback())
        .build()
        .unwrap();
    let err = f
        .fetch(&format!("{}/page", server.uri()))
        .await
        .unwrap_err();
    match &err {
        FetchError::RobotsUnreachable { cause, .. } => {
            assert!(cause.contains("timed out"), "{cause}")
        }
        other => panic!("{other:?}"),
    }
    // A server that is down is reported as down, not as disallowing.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = fetcher()
        .fetch(&format!("http://127.0.0.1:{port}/page"))
        .await
        .unwrap_err();
    match &err {
        FetchError::Connect(cause) => assert!(cause.contains("refused"), "{cause}"),
        other => panic!("{other:?}"),
    }
    assert!(!err.to_string().contains("robots"), "{err}");
}

#[test]
fn allow_address_flag_and_config_key_are_checked() {
    let (code, _, err) = run(&["fetch", "http://x.example/", "--allow-address", "nope"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("CIDR"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("claimcheck.toml");
    std::fs::write(
        &config,
        "allow-addresses = [\"10.0.0.0/8\", \"intranet\"]\n",
    )
    .unwrap();
    let (code, _, err) = run(&[
        "check",
        "fixtures/articles/white-house-talks.md",
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("claimcheck.toml:1:") && err.contains("allow-addresses"),
        "{err}"
    );
}
