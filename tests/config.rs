//! claimcheck.toml as a user meets it on the command line: discovery, precedence
//! (flags > environment > file > defaults), `--dump-config`, `--isolated`, ignore
//! rules, and bad config files as clear errors (exit 2) naming the key and the file.

mod common;

use std::path::Path;

use common::{ARTICLE, capture, cmd_in, root, run_in as run};
use serde_json::Value;

/// `claimcheck ARGS` in `dir` with the variables `env` set.
fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    capture(cmd_in(dir).args(args).envs(env.iter().copied()))
}

/// A repository: `repo/.git`, `repo/drafts/talks.md`, a copy of the corpus in
/// `repo/sources`, and `repo/claimcheck.toml` with `config`.
fn repo(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path().join("repo");
    std::fs::create_dir_all(r.join(".git")).unwrap();
    std::fs::create_dir_all(r.join("drafts")).unwrap();
    std::fs::create_dir_all(r.join("sources")).unwrap();
    std::fs::copy(root().join(ARTICLE), r.join("drafts/talks.md")).unwrap();
    for e in std::fs::read_dir(root().join("fixtures/sources")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, r.join("sources").join(p.file_name().unwrap())).unwrap();
    }
    if !config.is_empty() {
        std::fs::write(r.join("claimcheck.toml"), config).unwrap();
    }
    dir
}

/// The value of `key = …` in `--dump-config` output.
fn dumped<'a>(dump: &'a str, key: &str) -> &'a str {
    dump.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("{key} not in {dump}"))
}

#[test]
fn config_is_found_by_walking_up_to_the_repository_root() {
    let dir = repo("corpus = [\"sources\"]\nformat = \"jsonl\"\n");
    let r = dir.path().join("repo");
    // From a subfolder, the repository's file applies, its paths relative to it.
    let (code, out, err) = run(&r.join("drafts"), &["check", "--dump-config"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("# config file: ../claimcheck.toml"), "{out}");
    assert_eq!(dumped(&out, "corpus"), "[\"../sources\"]");
    assert_eq!(dumped(&out, "format"), "\"jsonl\"");
    let (code, out, err) = run(&r.join("drafts"), &["check", "talks.md"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("{\"type\":\"summary\""),
        "{out}"
    );

    // A file above the repository root is not looked at.
    std::fs::remove_file(r.join("claimcheck.toml")).unwrap();
    std::fs::write(dir.path().join("claimcheck.toml"), "format = \"junit\"\n").unwrap();
    let (code, out, _) = run(&r.join("drafts"), &["check", "--dump-config"]);
    assert_eq!(code, 0);
    assert!(out.contains("# config file: none"), "{out}");
    assert_eq!(dumped(&out, "format"), "\"text\"");

    // The hidden name works too.
    std::fs::write(r.join(".claimcheck.toml"), "format = \"sarif\"\n").unwrap();
    let (_, out, _) = run(&r.join("drafts"), &["check", "--dump-config"]);
    assert!(out.contains("# config file: ../.claimcheck.toml"), "{out}");
    assert_eq!(dumped(&out, "format"), "\"sarif\"");
}

#[test]
fn precedence_is_flags_then_environment_then_file_then_defaults() {
    let dir = repo("corpus = [\"sources\"]\nformat = \"jsonl\"\nfail-on = \"never\"\n");
    let r = dir.path().join("repo");
    let dump = |args: &[&str], env: &[(&str, &str)]| {
        let mut a = vec!["check", "--dump-config"];
        a.extend_from_slice(args);
        let (code, out, err) = run_env(&r, &a, env);
        assert_eq!(code, 0, "{err}");
        out
    };
    // File over defaults.
    let out = dump(&[], &[]);
    assert_eq!(dumped(&out, "format"), "\"jsonl\"");
    assert_eq!(dumped(&out, "fail-on"), "\"never\"");
    // Environment over file.
    let env = [
        ("CLAIMCHECK_FORMAT", "json"),
        ("CLAIMCHECK_FAIL_ON", "unverified"),
    ];
    let out = dump(&[], &env);
    assert_eq!(dumped(&out, "format"), "\"json\"");
    assert_eq!(dumped(&out, "fail-on"), "\"unverified\"");
    // Flags over environment.
    let out = dump(&["--format", "github", "--fail-on", "contradicted"], &env);
    assert_eq!(dumped(&out, "format"), "\"github\"");
    assert_eq!(dumped(&out, "fail-on"), "\"contradicted\"");
    // --corpus over the file's corpus.
    let out = dump(&["--corpus", "elsewhere"], &[]);
    assert_eq!(dumped(&out, "corpus"), "[\"elsewhere\"]");
    // Defaults where nothing is said.
    let out = dump(&["--isolated"], &[]);
    assert_eq!(dumped(&out, "format"), "\"text\"");
    assert_eq!(dumped(&out, "fail-on"), "\"contradicted\"");
    assert_eq!(dumped(&out, "corpus"), "[]");

    // The merged settings drive the run: fail-on = "never" from the file passes...
    let (code, _, _) = run(&r, &["check", "drafts/talks.md"]);
    assert_eq!(code, 0);
    // ...and the environment overrides it.
    let (code, _, _) = run_env(
        &r,
        &["check", "drafts/talks.md"],
        &[("CLAIMCHECK_FAIL_ON", "contradicted")],
    );
    assert_eq!(code, 1);
    let (code, _, err) = run_env(
        &r,
        &["check", "drafts/talks.md"],
        &[("CLAIMCHECK_FAIL_ON", "sometimes")],
    );
    assert_eq!(code, 2);
    assert!(err.contains("sometimes"), "{err}");
}

#[test]
fn config_flag_environment_and_isolated() {
    let dir = repo("format = \"jsonl\"\n");
    let r = dir.path().join("repo");
    std::fs::create_dir(r.join("ci")).unwrap();
    std::fs::write(
        r.join("ci/strict.toml"),
        "fail-on = \"unverified\"\ncorpus = [\"../sources\"]\n",
    )
    .unwrap();
    let (_, out, _) = run(
        &r,
        &["check", "--dump-config", "--config", "ci/strict.toml"],
    );
    assert!(out.contains("# config file: ci/strict.toml"), "{out}");
    assert_eq!(dumped(&out, "fail-on"), "\"unverified\"");
    assert_eq!(
        dumped(&out, "format"),
        "\"text\"",
        "only the named file is read"
    );
    assert_eq!(
        dumped(&out, "corpus"),
        "[\"sources\"]",
        "relative to the file"
    );
    let (_, out, _) = run_env(
        &r,
        &["check", "--dump-config"],
        &[("CLAIMCHECK_CONFIG", "ci/strict.toml")],
    );
    assert_eq!(dumped(&out, "fail-on"), "\"unverified\"");
    let (_, out, _) = run_env(
        &r,
        &["check", "--dump-config", "--isolated"],
        &[("CLAIMCHECK_CONFIG", "ci/strict.toml")],
    );
    assert!(out.contains("# config file: none"), "{out}");
    assert_eq!(dumped(&out, "fail-on"), "\"contradicted\"");
    let (code, _, err) = run(
        &r,
        &["check", "--dump-config", "--config", "ci/missing.toml"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("ci/missing.toml") && err.contains("not found"),
        "{err}"
    );
}

#[test]
fn dump_config_prints_every_setting() {
    let dir = repo(
        "corpus = [\"sources\", \"https://example.org/wire.html\"]\n\
         [publisher]\nname = \"Meridian Fact Desk\"\nurl = \"https://meridian.example\"\n\
         [thresholds]\nsupport-coverage = 0.7\n\
         [ignore]\nclaims = [\"c-0123456789ab\"]\npaths = [\"archive/\"]\n",
    );
    let (code, out, err) = run(&dir.path().join("repo"), &["check", "--dump-config"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("dump_config", out);
    // What it prints is itself a valid config file.
    let body: String = out
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let parsed: toml::Value = toml::from_str(&body).unwrap();
    assert_eq!(
        parsed["thresholds"]["support-coverage"].as_float(),
        Some(0.7)
    );
    assert_eq!(parsed["thresholds"]["candidates"].as_integer(), Some(12));
}

#[test]
fn bad_config_files_are_clear_errors() {
    for (config, needles) in [
        (
            "fail_on = \"never\"\n",
            &["claimcheck.toml:1", "fail_on", "unknown field"][..],
        ),
        (
            "[thresholds]\nsupport = 0.5\n",
            &["claimcheck.toml:2", "thresholds.support"],
        ),
        (
            "fail-on = \"sometimes\"\n",
            &["claimcheck.toml:1", "fail-on", "sometimes"],
        ),
        (
            "format = \"pdf\"\n",
            &["claimcheck.toml:1", "format", "pdf"],
        ),
        ("corpus = \"sources\"\n", &["claimcheck.toml:1", "corpus"]),
        (
            "[thresholds]\nsupport-coverage = 1.5\n",
            &["claimcheck.toml:2", "support-coverage", "0 to 1"],
        ),
        (
            "[thresholds]\ncandidates = 0\n",
            &["claimcheck.toml:2", "candidates"],
        ),
        (
            "[publisher]\nurl = \"meridian.example\"\n",
            &["claimcheck.toml:2", "url", "https://"],
        ),
        (
            "[ignore]\npatterns = [\"(unclosed\"]\n",
            &["claimcheck.toml:2", "patterns", "regular expression"],
        ),
        (
            "[ignore]\nclaims = [\"six leaders\"]\n",
            &["claimcheck.toml:2", "claims", "claim id"],
        ),
        ("fail-on = \n", &["claimcheck.toml:1"]),
    ] {
        let dir = repo(config);
        let r = dir.path().join("repo");
        for args in [
            &["check", "--dump-config"][..],
            &["check", "drafts/talks.md", "--corpus", "sources"],
        ] {
            let (code, out, err) = run(&r, args);
            assert_eq!(code, 2, "{config}: {out}{err}");
            assert!(out.is_empty());
            for n in needles {
                assert!(err.contains(n), "{config}: expected '{n}' in {err}");
            }
        }
    }
}

#[test]
fn ignore_rules_in_the_config() {
    let dir = repo("corpus = [\"sources\"]\nformat = \"jsonl\"\n");
    let r = dir.path().join("repo");
    let contradicted = |out: &str| -> Vec<Value> {
        out.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|v| v["verdict"] == "contradicted")
            .collect()
    };
    let (code, out, _) = run(&r, &["check", "drafts"]);
    assert_eq!(code, 1);
    let all = contradicted(&out);
    assert_eq!(all.len(), 4);
    let six = all
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains("six"))
        .unwrap();
    let id = six["id"].as_str().unwrap();
    std::fs::write(
        r.join("claimcheck.toml"),
        format!(
            "corpus = [\"sources\"]\nformat = \"jsonl\"\n[ignore]\nclaims = [\"{id}\"]\npatterns = [\"(?i)ceasefire\"]\n"
        ),
    )
    .unwrap();
    let (code, out, err) = run(&r, &["check", "drafts"]);
    assert_eq!(code, 1);
    assert_eq!(contradicted(&out).len(), 2, "{out}");
    assert!(err.contains("2 ignored by config"), "{err}");
    // Paths: a folder walk skips them.
    std::fs::create_dir(r.join("drafts/archive")).unwrap();
    std::fs::write(
        r.join("drafts/archive/old.txt"),
        "Zelensky was accompanied by nine European leaders at the White House talks.\n",
    )
    .unwrap();
    let (_, out, _) = run(&r, &["check", "drafts"]);
    assert!(out.contains("drafts/archive/old.txt"));
    std::fs::write(
        r.join("claimcheck.toml"),
        "corpus = [\"sources\"]\nformat = \"jsonl\"\n[ignore]\npaths = [\"archive/\"]\n",
    )
    .unwrap();
    let (_, out, _) = run(&r, &["check", "drafts"]);
    assert!(!out.contains("drafts/archive/old.txt"), "{out}");
}
