//! The command line where a case file cannot say it: the JSON contract, what lands on
//! disk (and what must not), and a claim set edited between `extract` and `check`.
//! What a command prints and its exit code are case files in `tests/cmd/` (see
//! `tests/cmd.rs`).

mod common;

use common::{ARTICLE, SOURCES, root, run};
use serde_json::Value;

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
fn completions_and_man_pages_cover_every_command() {
    let (code, bash, err) = common::run(&["completions", "bash"]);
    assert_eq!(code, 0, "{err}");
    for word in [
        "check",
        "extract",
        "eval",
        "fetch",
        "index",
        "schema",
        "--stdin-filename",
    ] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
    // The script is valid bash.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("claimcheck.bash");
    std::fs::write(&script, &bash).unwrap();
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = common::run(&["completions", shell]);
        assert!(code == 0 && out.contains("claimcheck"), "{shell}: {err}");
    }
    let (code, page, err) = common::run(&["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(page.contains(".TH claimcheck 1"), "{page}");
    for sub in ["check", "extract", "eval", "fetch", "index"] {
        assert!(
            page.contains(&format!("claimcheck\\-{sub}")),
            "man page lacks {sub}"
        );
        let (code, own, err) = common::run(&["man", sub]);
        assert_eq!(code, 0, "{err}");
        assert!(own.contains(&format!(".TH claimcheck-{sub} 1")), "{own}");
    }
    let (code, _, err) = common::run(&["man", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("the commands are check"), "{err}");
}

#[test]
fn color_and_verbose_flags() {
    let base = ["check", ARTICLE, "--corpus", SOURCES, "--fail-on", "never"];
    let with = |extra: &[&str], no_color: bool| -> String {
        let mut c = common::cmd();
        c.args(base).args(extra);
        if no_color {
            c.env("NO_COLOR", "1");
        }
        let (code, out, err) = common::capture(&mut c);
        assert_eq!(code, 0, "{err}");
        out
    };
    // Into a pipe, auto means no colour; always colours even with NO_COLOR set.
    assert!(!with(&[], false).contains('\x1b'));
    assert!(with(&["--color", "always"], true).contains("\x1b[1m\x1b[31mCONTRADICTED"));
    assert!(!with(&["--color", "never"], false).contains('\x1b'));
    let plain = with(&[], false);
    let verbose = with(&["--verbose"], false);
    let count = |s: &str, what: &str| s.matches(what).count();
    assert!(count(&verbose, "\n  diff ") > count(&plain, "\n  diff "));
    // A fact split from its sentence shows the sentence it came from.
    assert!(count(&plain, "\n  sentence  ") == 0);
    assert!(count(&verbose, "\n  sentence  ") > 0, "{verbose}");
    assert!(plain.contains("(confidence 0.") && plain.contains("that no source settles it"));
    let (code, _, err) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--color",
        "sometimes",
    ]);
    assert_eq!(code, 2, "{err}");
}
