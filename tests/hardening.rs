//! Safe to run on untrusted drafts: outputs never replace what they should not, inputs
//! are bounded, every stage grows no faster than its input, and nothing a draft or a
//! corpus holds can forge terminal or CI output. Each test is one row of what an
//! attacker tried; none touches the network.

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use common::{ARTICLE, SOURCES, abs, cmd_in, run, run_in};

/// A claim every test corpus below can state.
const LEEDS: &str = "The council approved 40 new homes in Leeds on Monday.\n";

// ---------------------------------------------------------------- outputs

#[cfg(unix)]
#[test]
fn output_onto_a_device_or_a_fifo_writes_through_it() {
    let (code, _, err) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--output",
        "/dev/null",
    ]);
    assert_eq!(code, 1, "{err}");
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(!meta.is_file(), "/dev/null is still a device");

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped the FIFO half: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, err) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--format",
        "json",
        "--output",
        fifo.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    let report = reader.join().unwrap();
    assert!(
        report.contains("\"schema\""),
        "the report came through the FIFO"
    );
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(!kind.is_file(), "the FIFO was not replaced by a file");
}

#[test]
fn output_onto_a_folder_the_config_or_the_baseline_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("claimcheck.toml"), "fail-on = \"never\"\n").unwrap();
    let article = abs(ARTICLE);
    let sources = abs(SOURCES);
    let (code, _, err) = run_in(
        d,
        &["check", &article, "--corpus", &sources, "--output", "."],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a folder"), "{err}");

    let (code, _, err) = run_in(
        d,
        &[
            "check",
            &article,
            "--corpus",
            &sources,
            "--output",
            "claimcheck.toml",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("would overwrite"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("claimcheck.toml")).unwrap(),
        "fail-on = \"never\"\n"
    );

    let (code, _, err) = run_in(
        d,
        &[
            "check",
            &article,
            "--corpus",
            &sources,
            "--write-baseline",
            "base.json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let before = std::fs::read(d.join("base.json")).unwrap();
    let (code, _, err) = run_in(
        d,
        &[
            "check",
            &article,
            "--corpus",
            &sources,
            "--baseline",
            "base.json",
            "--output",
            "base.json",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("would overwrite"), "{err}");
    assert_eq!(std::fs::read(d.join("base.json")).unwrap(), before);
}

// ---------------------------------------------------------------- inputs

/// A claim set whose `article.path` names something other than its article.
fn claimset_naming(dir: &Path, article_path: &str) -> PathBuf {
    let set = serde_json::json!({
        "schema": "claimcheck.claims/1",
        "article": { "path": article_path, "title": null, "published": null },
        "claims": [{
            "id": "c-1",
            "text": "Zelensky was accompanied by six European leaders at the White House talks.",
            "sentence": "Zelensky was accompanied by six European leaders at the White House talks.",
            "location": { "line": 1, "column": 1, "end_line": 1, "end_column": 75,
                          "byte_start": 0, "byte_end": 74 }
        }]
    });
    let path = dir.join("set.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&set).unwrap()).unwrap();
    path
}

#[cfg(target_os = "linux")]
#[test]
fn a_claim_set_cannot_embed_the_environment_or_read_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let sources = abs(SOURCES);
    for target in ["/proc/self/environ", "/dev/zero"] {
        let set = claimset_naming(dir.path(), target);
        let out = cmd_in(dir.path())
            .env("CLAIMCHECK_TEST_SECRET", "hunter2-do-not-print")
            .args([
                "check",
                "--claims",
                set.to_str().unwrap(),
                "--corpus",
                &sources,
            ])
            .args(["--format", "html", "--fail-on", "never"])
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{target}: {stderr}");
        assert!(
            !stdout.contains("hunter2"),
            "{target}: the environment reached the report"
        );
        assert!(
            stderr.contains(target) && stderr.contains("is not shown"),
            "{target}: the skip is explained: {stderr}"
        );
        assert!(
            stdout.contains("six European leaders"),
            "the claims are still checked"
        );
    }
}

#[test]
fn a_local_file_over_the_size_cap_is_refused_with_the_flag_to_raise_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "The council met on Monday. ".repeat(200)).unwrap();
    let (code, _, err) = run(&[
        "check",
        big.to_str().unwrap(),
        "--corpus",
        SOURCES,
        "--max-bytes",
        "1000",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("big.txt") && err.contains("--max-bytes"),
        "{err}"
    );
    // `extract` reads under the same cap, and the flag raises it.
    let path = big.to_str().unwrap();
    let (code, _, err) = run(&["extract", path, "--max-bytes", "1000"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--max-bytes"), "{err}");
    let (code, out, err) = run(&["extract", path, "--max-bytes", "100000"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("council"), "{out}");
}

#[test]
fn locations_in_a_file_that_is_not_utf8_are_the_files_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // Latin-1: "é" is one byte, 0xE9, which is not UTF-8.
    let mut draft = b"Caf\xe9 \xe9t\xe9 news. ".to_vec();
    let claim_at = draft.len();
    draft.extend_from_slice(LEEDS.as_bytes());
    let path = dir.path().join("latin1.txt");
    std::fs::write(&path, &draft).unwrap();
    let corpus = dir.path().join("sources");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("wire.txt"), LEEDS).unwrap();
    let (code, out, err) = run(&[
        "check",
        path.to_str().unwrap(),
        "--corpus",
        corpus.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3 bytes replaced"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let claims = json["articles"][0]["claims"].as_array().unwrap();
    let leeds = claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("Leeds"))
        .expect("the Leeds claim");
    let loc = &leeds["location"];
    let (start, end) = (
        loc["byte_start"].as_u64().unwrap() as usize,
        loc["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(start, claim_at, "{loc}");
    assert_eq!(&draft[start..end], LEEDS.trim_end().as_bytes(), "{loc}");
    assert_eq!(loc["column"].as_u64(), Some(claim_at as u64 + 1), "{loc}");
    // Readers see the usual replacement character, never a raw control character.
    let (_, text, _) = run(&["extract", path.to_str().unwrap(), "--format", "text"]);
    assert!(!text.contains('\u{1a}'), "{text}");
}

// ---------------------------------------------------------------- complexity

/// The best of three wall times of `f`, in seconds.
fn best_of_three(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// For an input `factor` times larger the time may grow at most 2.5 × `factor`: a
/// generous margin for a busy machine that a quadratic stage (`factor`²) still exceeds.
/// Two sizes on the same machine, so no wall-clock threshold is involved.
fn assert_grows_linearly(what: &str, factor: usize, input: impl Fn(usize) -> String, base: usize) {
    assert_stage_grows_linearly(what, factor, input, base, |doc| {
        std::hint::black_box(claimcheck::check::extract(doc));
    });
}

/// [`assert_grows_linearly`] for the stages after ingest that `stage` runs.
fn assert_stage_grows_linearly(
    what: &str,
    factor: usize,
    input: impl Fn(usize) -> String,
    base: usize,
    stage: fn(&claimcheck::ingest::Document),
) {
    let work = |n: usize| {
        let text = input(n);
        move || {
            let doc = claimcheck::ingest::from_bytes("input.html", text.as_bytes(), None)
                .expect("ingests");
            stage(&doc);
        }
    };
    let small = best_of_three(work(base));
    let large = best_of_three(work(base * factor));
    let ratio = large / small.max(1e-6);
    eprintln!(
        "{what}: {small:.3}s for {base}, {large:.3}s for {}",
        base * factor
    );
    assert!(
        ratio < 2.5 * factor as f64,
        "{what}: {factor}× the input took {ratio:.1}× the time ({small:.3}s → {large:.3}s)"
    );
}

#[test]
fn deep_nesting_grows_linearly() {
    assert_grows_linearly(
        "nested <div>s",
        8,
        |n| {
            format!(
                "<html><body>{}<p>The council approved 40 new homes on Monday.</p>{}</body></html>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )
        },
        1_000,
    );
}

#[test]
fn identical_claim_lines_grow_linearly() {
    assert_grows_linearly(
        "identical claims",
        8,
        |n| "<p>The council approved 40 new homes on Monday.</p>\n".repeat(n),
        250,
    );
}

#[test]
fn unique_claims_grow_linearly() {
    assert_grows_linearly(
        "unique claims",
        8,
        |n| {
            (0..n)
                .map(|i| {
                    format!("<p>The council approved {i} new homes in Ward {i} on Monday.</p>\n")
                })
                .collect()
        },
        250,
    );
}

#[test]
fn a_one_line_page_grows_linearly() {
    // Ingest and segmentation alone, where counting columns from the line start for
    // every sentence once made a one-line page quadratic; short sentences, so that
    // counting is most of the work.
    assert_stage_grows_linearly(
        "sentences on one line",
        16,
        |n| format!("<p>{}</p>", "It rained. ".repeat(n)),
        4_000,
        |doc| {
            std::hint::black_box(claimcheck::segment::sentences(doc));
        },
    );
}

// ---------------------------------------------------------------- output injection

#[test]
fn a_long_run_of_abbreviations_grows_linearly() {
    // The sentence splitter's time grew faster than its input where abbreviations
    // never end a sentence (fuzzing found it: 12.5× the time for 4× the text); it is
    // now given bounded windows.
    assert_stage_grows_linearly(
        "abbreviations without a sentence end",
        8,
        |n| "Mr. U.S. e.g. 6:04 p.m. ".repeat(n),
        2_000,
        |doc| {
            std::hint::black_box(claimcheck::segment::sentences(doc));
        },
    );
}

#[test]
fn control_characters_from_the_corpus_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("src")).unwrap();
    // ESC ] 0 ; … BEL retitles a terminal; ESC [ 2 J clears it; U+202E reorders text.
    std::fs::write(
        d.join("src/a.html"),
        "<p>The council approved 40 new homes &#27;]0;pwned&#7; in Leeds on Monday.&#27;[2J &#x202e;</p>",
    )
    .unwrap();
    std::fs::write(d.join("draft.md"), LEEDS).unwrap();
    for format in ["text", "github"] {
        let (code, out, err) = run_in(
            d,
            &[
                "check",
                "draft.md",
                "--corpus",
                "src",
                "--format",
                format,
                "--fail-on",
                "never",
            ],
        );
        assert_eq!(code, 0, "{err}");
        for bad in ['\x1b', '\x07', '\u{202e}'] {
            assert!(
                !out.contains(bad) && !err.contains(bad),
                "{format}: {bad:?} printed raw"
            );
        }
        if format == "text" {
            assert!(
                out.contains("\\u{1b}]0;pwned\\u{7}"),
                "shown as escapes: {out}"
            );
        }
    }
}

#[test]
fn a_file_name_cannot_forge_a_workflow_command_in_the_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.md"), LEEDS).unwrap();
    std::fs::write(
        d.join("sources.toml"),
        "[[source]]\npath = \"x\\n::error file=draft.md,line=1::forged\"\n",
    )
    .unwrap();
    let (code, _, err) = run_in(d, &["check", "a.md", "--corpus", ".", "--fail-on", "never"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("x\\n::error"),
        "the name is shown escaped: {err}"
    );
    assert!(
        err.lines().all(|l| !l.starts_with("::")),
        "no line of stderr is a workflow command: {err}"
    );
}

#[test]
fn the_step_summary_shows_markdown_from_a_claim_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("draft.txt"),
        "The council approved 40 new homes in Leeds on Monday, said ![x](javascript:alert(1)) <img src=x onerror=alert(1)> officials.\n",
    )
    .unwrap();
    let summary = d.join("summary.md");
    let out = cmd_in(d)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args([
            "check",
            "draft.txt",
            "--corpus",
            &abs(SOURCES),
            "--format",
            "github",
        ])
        .args(["--fail-on", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("draft.txt"), "{md}");
    assert!(!md.contains("[x](javascript"), "a link survived: {md}");
    assert!(!md.contains(" <img"), "raw HTML survived: {md}");
    assert!(md.contains("\\<img src=x"), "{md}");
    assert!(md.contains("\\!\\[x\\](javascript:alert(1))"), "{md}");
}

#[test]
fn a_manifest_url_must_be_http_and_the_error_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.md"), LEEDS).unwrap();
    for url in [
        "javascript:alert(1)",
        "data:text/html,hi",
        "file:///etc/passwd",
    ] {
        std::fs::write(
            d.join("sources.toml"),
            format!("[[source]]\npath = \"a.md\"\nurl = \"{url}\"\n"),
        )
        .unwrap();
        let (code, out, err) = run_in(d, &["check", "a.md", "--corpus", "."]);
        assert_eq!(code, 2, "{url}: {err}");
        assert!(
            err.contains("sources.toml:3:") && err.contains("http(s)"),
            "{url}: {err}"
        );
        assert!(out.is_empty());
    }
}

// ---------------------------------------------------------------- partial runs

#[test]
fn eval_skips_and_counts_a_line_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.jsonl");
    let good = r#"{"id": "a", "claim": "Seven leaders met on Monday.", "evidence": [{"source": "s", "text": "Seven leaders met on Monday."}], "label": "supported"}"#;
    let mut bytes = format!("{good}\n").into_bytes();
    bytes.extend_from_slice(b"{\"id\": \"b\", \"claim\": \"caf\xe9\"}\n");
    bytes.extend_from_slice(good.replace("\"a\"", "\"c\"").as_bytes());
    bytes.push(b'\n');
    std::fs::write(&data, bytes).unwrap();
    let (code, out, err) = run(&["eval", data.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("data.jsonl:2") && err.contains("not UTF-8"),
        "{err}"
    );
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (r["examples"].as_u64(), r["skipped"].as_u64()),
        (Some(2), Some(1))
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_subfolder_is_a_warning_and_the_rest_is_used() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("src/locked")).unwrap();
    std::fs::write(d.join("src/a.md"), LEEDS).unwrap();
    std::fs::write(d.join("src/locked/b.md"), "Another sentence was written.\n").unwrap();
    std::fs::set_permissions(d.join("src/locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(d.join("src/locked")).is_ok() {
        // Root reads any folder; nothing to test as root.
        std::fs::set_permissions(d.join("src/locked"), std::fs::Permissions::from_mode(0o755))
            .unwrap();
        eprintln!("skipped: this user can read a folder with mode 000");
        return;
    }
    std::fs::write(d.join("draft.md"), LEEDS).unwrap();
    let (code, out, err) = run_in(d, &["check", "draft.md", "--corpus", "src"]);
    std::fs::set_permissions(d.join("src/locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning") && err.contains("locked"), "{err}");
    assert!(out.contains("SUPPORTED"), "{out}");
}
