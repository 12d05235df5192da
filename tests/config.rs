//! claimcheck.toml where a case file cannot say it: discovery stopping at the
//! repository root (a `.git` marker, which git cannot hold inside a case's input
//! folder), `--dump-config` output read back as a config file, and ignore rules
//! judged on the JSON Lines report. Discovery, precedence (flags > environment >
//! file > defaults), `--isolated` and bad config files are case files in
//! `tests/cmd/config-*.toml` (see `tests/cmd.rs`).

mod common;

use common::{ARTICLE, root, run_in as run};
use serde_json::Value;

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
fn a_config_above_the_repository_root_is_not_read() {
    let dir = repo("");
    let r = dir.path().join("repo");
    std::fs::write(dir.path().join("claimcheck.toml"), "format = \"junit\"\n").unwrap();
    let (code, out, err) = run(&r.join("drafts"), &["check", "--dump-config"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("# config file: none"), "{out}");
    assert_eq!(dumped(&out, "format"), "\"text\"");
    // Without the `.git` marker the walk goes on up and finds it.
    std::fs::remove_dir(r.join(".git")).unwrap();
    let (_, out, _) = run(&r.join("drafts"), &["check", "--dump-config"]);
    assert!(
        out.contains("# config file: ../../claimcheck.toml"),
        "{out}"
    );
    assert_eq!(dumped(&out, "format"), "\"junit\"");
}

#[test]
fn the_dump_is_itself_a_valid_config_file() {
    let dir = repo(
        "corpus = [\"sources\", \"https://example.org/wire.html\"]\n\
         [publisher]\nname = \"Meridian Fact Desk\"\nurl = \"https://meridian.example\"\n\
         [thresholds]\nsupport-coverage = 0.7\n\
         [ignore]\nclaims = [\"c-0123456789ab\"]\npaths = [\"archive/\"]\n",
    );
    let (code, out, err) = run(&dir.path().join("repo"), &["check", "--dump-config"]);
    assert_eq!(code, 0, "{err}");
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
    // Read back as claimcheck.toml, it is accepted and dumps the same settings.
    std::fs::write(dir.path().join("repo/claimcheck.toml"), &body).unwrap();
    let (code, again, err) = run(&dir.path().join("repo"), &["check", "--dump-config"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(again, out);
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

#[test]
fn the_config_beside_the_article_applies_when_run_from_elsewhere() {
    let dir = repo("corpus = [\"sources\"]\nformat = \"junit\"\n");
    let elsewhere = tempfile::tempdir().unwrap();
    let draft = dir.path().join("repo/drafts/talks.md");
    let draft = draft.to_str().unwrap();
    let (code, out, err) = run(elsewhere.path(), &["check", draft, "--dump-config"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(dumped(&out, "format"), "\"junit\"");
    // Its corpus is relative to the file, so the check finds the sources.
    let (code, out, err) = run(elsewhere.path(), &["check", draft, "--fail-on", "never"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("<?xml"), "{out}");
    // A second repository with its own file: one run cannot serve both.
    let other = repo("format = \"json\"\n");
    let second = other.path().join("repo/drafts/talks.md");
    let (code, _, err) = run(
        elsewhere.path(),
        &["check", draft, second.to_str().unwrap()],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("check them in separate runs") && err.contains("--config"),
        "{err}"
    );
    // --config settles it.
    let cfg = dir.path().join("repo/claimcheck.toml");
    let (code, out, err) = run(
        elsewhere.path(),
        &[
            "check",
            draft,
            second.to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
            "--dump-config",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(dumped(&out, "format"), "\"junit\"");
}

/// The `claimcheck.toml` example of the README, as a user copies it.
fn readme_example() -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = &readme[readme.find("### claimcheck.toml").expect("section")..];
    let start = section.find("```toml\n").expect("toml block") + 8;
    let end = start + section[start..].find("```").unwrap();
    section[start..end].to_string()
}

#[test]
fn the_readme_example_is_accepted_and_keeps_the_default_thresholds() {
    let example = readme_example();
    let dir = repo(&example);
    let (code, out, err) = run(&dir.path().join("repo"), &["check", "--dump-config"]);
    assert_eq!(code, 0, "{err}");
    let (_, defaults, _) = run(dir.path(), &["check", "--isolated", "--dump-config"]);
    let table = |dump: &str| -> toml::Value {
        let body: String = dump
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        toml::from_str::<toml::Value>(&body).unwrap()["thresholds"].clone()
    };
    // Copying the example must not change verdicts: every threshold it spells out
    // is the default.
    let written: toml::Value = toml::from_str(&example).unwrap();
    let defaults = table(&defaults);
    for (key, value) in written["thresholds"].as_table().unwrap() {
        assert_eq!(
            Some(value),
            defaults.get(key),
            "thresholds.{key} in the README"
        );
    }
    assert_eq!(table(&out), defaults);
}
