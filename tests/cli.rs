//! The command line as a user meets it: every flag, every exit code, bad input.

mod common;

use std::path::Path;

use common::{ARTICLE, SOURCES, capture, cmd, root, run};
use serde_json::Value;

#[test]
fn check_fixture_fails_on_contradictions_by_default() {
    let (code, out, err) = run(&["check", ARTICLE, "--corpus", SOURCES]);
    assert_eq!(code, 1, "stderr: {err}");
    assert!(out.contains("CONTRADICTED"), "{out}");
    assert!(out.contains("SUPPORTED"));
    assert!(out.lines().last().unwrap().contains("claims in 1 article"));
    assert!(
        !out.contains("\x1b["),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn fail_on_levels() {
    let (code, ..) = run(&["check", ARTICLE, "--corpus", SOURCES, "--fail-on", "never"]);
    assert_eq!(code, 0);
    let (code, ..) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--fail-on",
        "unverified",
    ]);
    assert_eq!(code, 1);
    // A claim that the corpus states plainly passes even under --fail-on unverified.
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("one.txt");
    std::fs::write(
        &article,
        "Mr. Zelensky was accompanied by seven European leaders at the White House talks.\n",
    )
    .unwrap();
    let (code, out, err) = run(&[
        "check",
        article.to_str().unwrap(),
        "--corpus",
        SOURCES,
        "--fail-on",
        "unverified",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 supported"), "{out}");
    let (code, _, err) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--fail-on",
        "sometimes",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn json_format_is_the_contract() {
    let (code, out, _) = run(&["check", ARTICLE, "--corpus", SOURCES, "--format", "json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["schema"], "claimcheck.report/1");
    assert_eq!(v["tool"]["name"], "claimcheck");
    assert_eq!(v["articles"][0]["path"], ARTICLE);
    assert_eq!(v["corpus"]["documents"], 7);
    let s = &v["summary"];
    assert_eq!(
        s["claims"].as_u64().unwrap(),
        s["supported"].as_u64().unwrap()
            + s["contradicted"].as_u64().unwrap()
            + s["unverified"].as_u64().unwrap()
    );
    // Same input, same bytes.
    let (_, again, _) = run(&["check", ARTICLE, "--corpus", SOURCES, "--format", "json"]);
    assert_eq!(out, again);
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("report.json");
    let (code, out, _) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--format",
        "json",
        "--output",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert!(written.contains("claimcheck.report/1"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

#[test]
fn output_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("draft.md");
    std::fs::copy(root().join(ARTICLE), &article).unwrap();
    let before = std::fs::read(&article).unwrap();
    let (code, _, err) = run(&[
        "check",
        article.to_str().unwrap(),
        "--corpus",
        SOURCES,
        "--output",
        article.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("would overwrite"), "{err}");
    assert_eq!(std::fs::read(&article).unwrap(), before);
    // Nor lands inside a corpus folder, where the next run would read it as a source.
    let corpus = dir.path().join("sources");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(
        root().join("fixtures/sources/wire-report.txt"),
        corpus.join("wire.txt"),
    )
    .unwrap();
    let inside = corpus.join("report.txt");
    let (code, _, err) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        corpus.to_str().unwrap(),
        "--output",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("land inside"), "{err}");
    assert!(!inside.exists());
}

#[test]
fn output_folder_must_exist() {
    let (code, _, err) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--output",
        "no/such/folder/report.json",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn stdin_article() {
    let text = std::fs::read_to_string(root().join(ARTICLE)).unwrap();
    let (code, out, err) = capture(
        cmd()
            .args([
                "check",
                "-",
                "--corpus",
                SOURCES,
                "--format",
                "json",
                "--fail-on",
                "never",
            ])
            .write_stdin(text),
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["articles"][0]["path"], "<stdin>");
    assert!(v["summary"]["contradicted"].as_u64().unwrap() >= 4);
}

#[test]
fn extract_then_check_a_reviewed_claim_set() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("claims.json");
    let (code, out, _) = run(&[
        "extract",
        ARTICLE,
        "--format",
        "json",
        "--output",
        set.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(out.is_empty());
    // The editor drops every claim but the first contradicted one and rewords nothing.
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&set).unwrap()).unwrap();
    let claims = v["claims"].as_array().unwrap().clone();
    let keep: Vec<Value> = claims
        .into_iter()
        .filter(|c| c["text"].as_str().unwrap().contains("six"))
        .collect();
    assert_eq!(keep.len(), 1);
    let line = keep[0]["location"]["line"].clone();
    v["claims"] = Value::Array(keep);
    std::fs::write(&set, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let (code, out, err) = run(&[
        "check",
        "--claims",
        set.to_str().unwrap(),
        "--corpus",
        SOURCES,
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["summary"]["claims"], 1);
    assert_eq!(r["articles"][0]["claims"][0]["verdict"], "contradicted");
    assert_eq!(r["articles"][0]["claims"][0]["location"]["line"], line);

    // Rewording a claim changes its id and its verdict.
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&set).unwrap()).unwrap();
    let text = v["claims"][0]["text"]
        .as_str()
        .unwrap()
        .replace("six", "seven");
    v["claims"][0]["text"] = Value::String(text);
    std::fs::write(&set, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let (code, out, _) = run(&[
        "check",
        "--claims",
        set.to_str().unwrap(),
        "--corpus",
        SOURCES,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["articles"][0]["claims"][0]["verdict"], "supported");
}

#[test]
fn extract_text_lists_claims_with_locations() {
    let (code, out, _) = run(&["extract", ARTICLE]);
    assert_eq!(code, 0);
    assert!(out.contains(&format!("{ARTICLE}:")));
    assert!(out.contains("values: number 'six'"), "{out}");
    assert!(out.trim_end().ends_with(ARTICLE));
    assert!(!out.contains("Related news"));
    assert!(!out.contains("Would European troops"));
}

#[test]
fn help_documents_every_flag_with_an_example() {
    let (code, out, _) = run(&["check", "--help"]);
    assert_eq!(code, 0);
    for flag in [
        "--corpus",
        "--claims",
        "--format",
        "--fail-on",
        "--output",
        "--quiet",
    ] {
        assert!(out.contains(flag), "{flag} missing from help");
    }
    assert!(out.contains("Example"), "{out}");
    let (code, out, _) = run(&["extract", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--format") && out.contains("Example"));
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.contains(env!("CARGO_PKG_VERSION")));
}

fn assert_usage_error(args: &[&str], needle: &str) {
    let (code, out, err) = run(args);
    assert_eq!(code, 2, "args {args:?}: stdout {out} stderr {err}");
    assert!(
        err.contains(needle),
        "args {args:?}: expected '{needle}' in: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_inputs_are_clear_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let binary = d.join("photo.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0]).unwrap();
    let empty = d.join("empty");
    std::fs::create_dir(&empty).unwrap();
    let bad_manifest = d.join("bad");
    std::fs::create_dir(&bad_manifest).unwrap();
    std::fs::write(
        bad_manifest.join("a.txt"),
        "Trump met Zelensky on Monday in Washington.",
    )
    .unwrap();
    std::fs::write(
        bad_manifest.join("sources.toml"),
        "[[source]]\npath = \"a.txt\"\nreliability = \"very\"\n",
    )
    .unwrap();
    let bad_claims = d.join("claims.json");
    std::fs::write(
        &bad_claims,
        "{\"schema\": \"claimcheck.claims/1\",\n \"claims\": [}",
    )
    .unwrap();

    assert_usage_error(
        &["check", "no-such-article.md", "--corpus", SOURCES],
        "no such file",
    );
    // A folder of drafts is walked; one with nothing to check (here: only the corpus) is an error.
    assert_usage_error(&["check", SOURCES, "--corpus", SOURCES], "is a folder");
    assert_usage_error(
        &["check", binary.to_str().unwrap(), "--corpus", SOURCES],
        "binary",
    );
    assert_usage_error(
        &["check", ARTICLE, "--corpus", empty.to_str().unwrap()],
        "no readable sentences",
    );
    assert_usage_error(
        &["check", ARTICLE, "--corpus", "no-such-folder"],
        "no such file",
    );
    assert_usage_error(
        &["check", ARTICLE, "--corpus", bad_manifest.to_str().unwrap()],
        "sources.toml:3",
    );
    assert_usage_error(
        &[
            "check",
            "--claims",
            bad_claims.to_str().unwrap(),
            "--corpus",
            SOURCES,
        ],
        "claims.json:2",
    );
    assert_usage_error(&["check", "--corpus", SOURCES], "no article given");
    assert_usage_error(&["check", ARTICLE], "--corpus");
    assert_usage_error(
        &["check", ARTICLE, "--corpus", SOURCES, "--bogus"],
        "--bogus",
    );
    assert_usage_error(&["extract", "fixtures"], "is a folder");
    assert_usage_error(&[], "Usage");
}

#[test]
fn invalid_utf8_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("latin1.txt");
    let mut bytes =
        b"Mr. Zelensky was accompanied by seven European leaders at the White House talks, said Sz"
            .to_vec();
    bytes.push(0xe9); // Latin-1 e-acute, invalid as UTF-8
    bytes.extend_from_slice(b"kely.\n");
    std::fs::write(&article, bytes).unwrap();
    let (code, out, err) = run(&["check", article.to_str().unwrap(), "--corpus", SOURCES]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("warning"), "{err}");
    let (code, _, err) = run(&[
        "check",
        article.to_str().unwrap(),
        "--corpus",
        SOURCES,
        "--quiet",
    ]);
    assert_eq!(code, 0);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn one_unreadable_source_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join(SOURCES)).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("garbage.txt"), [0u8; 64]).unwrap();
    let (code, _, err) = run(&["check", ARTICLE, "--corpus", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("garbage.txt"), "{err}");
}

#[test]
fn corpus_may_be_several_files_and_folders() {
    let (code, out, _) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        "fixtures/sources/wire-report.txt",
        "--corpus",
        "fixtures/sources/white-house-readout.md",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["corpus"]["documents"], 2);
    // The manifest beside a single file still applies.
    assert!(out.contains("Meridian Wire"), "manifest outlet missing");
    assert!(Path::new(&root().join(SOURCES)).is_dir());
}
