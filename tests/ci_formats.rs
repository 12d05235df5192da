//! claimcheck as a CI checker: every output format on the fixture draft (snapshots),
//! SARIF against the official schema, exact positions on lines with non-ASCII text,
//! folders of drafts, baselines and inline suppressions, and the HTML page in a real
//! headless browser.

mod common;

use std::path::{Path, PathBuf};

use common::{ARTICLE, SOURCES, cmd, root, run, run_in};
use serde_json::Value;

const PUBLISHER: &str = "tests/ci/publisher.toml";

/// The fixture run's counts, from the JSON contract (so that tuning the verdicts
/// changes the snapshots, not every assertion).
struct Counts {
    claims: usize,
    contradicted: usize,
    unverified: usize,
    supported: usize,
}

static N: std::sync::LazyLock<Counts> = std::sync::LazyLock::new(|| {
    let (_, out, _) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--isolated",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let n = |k: &str| v["summary"][k].as_u64().unwrap() as usize;
    Counts {
        claims: n("claims"),
        contradicted: n("contradicted"),
        unverified: n("unverified"),
        supported: n("supported"),
    }
});

fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

fn format(name: &str) -> String {
    let (code, out, err) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--isolated",
        "--format",
        name,
    ]);
    assert_eq!(code, 1, "{err}");
    out
}

fn sources() -> String {
    root().join(SOURCES).to_string_lossy().into_owned()
}

/// The characters of line `line` (1-based) of `text` from column `col` (1-based).
fn from_column(text: &str, line: usize, col: usize) -> String {
    text.lines()
        .nth(line - 1)
        .expect("line exists")
        .chars()
        .skip(col - 1)
        .collect()
}

// ---------------------------------------------------------------- formats

#[test]
fn github_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "previous step\n").unwrap();
    let out = cmd()
        .args([
            "check",
            ARTICLE,
            "--corpus",
            SOURCES,
            "--isolated",
            "--format",
            "github",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("github", out);
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), N.contradicted);
    assert!(
        !out.contains("::warning"),
        "unverified is not a failure by default"
    );
    for l in &errors {
        assert!(!l.contains('\n') && !l.contains('\r'));
        let (props, _) = l["::error ".len()..].split_once("::").unwrap();
        for key in ["file=", "line=", "col=", "endLine=", "endColumn=", "title="] {
            assert!(props.contains(key), "{key} missing: {l}");
        }
    }
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.starts_with("previous step\n"),
        "appended, not overwritten"
    );
    insta::assert_snapshot!("github_step_summary", md);

    // Under --fail-on unverified, unverified claims become warnings.
    let (code, out, _) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--isolated",
        "--format",
        "github",
        "--fail-on",
        "unverified",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::warning ")).count(),
        N.unverified
    );
}

#[test]
fn github_columns_on_a_line_with_non_ascii_characters() {
    let text = std::fs::read_to_string(root().join(ARTICLE)).unwrap();
    let out = format("github");
    // Line 15 has typographic quotes (“cannot imagine”) before the contradicted claims.
    let l = out
        .lines()
        .find(|l| l.contains("within three weeks"))
        .expect("annotation for the planted date error");
    let prop = |k: &str| -> usize {
        l.split([',', ' ', ':'])
            .find_map(|p| p.strip_prefix(&format!("{k}=")))
            .unwrap()
            .parse()
            .unwrap()
    };
    let (line, col, end_line, end_col) = (
        prop("line"),
        prop("col"),
        prop("endLine"),
        prop("endColumn"),
    );
    assert_eq!((line, end_line), (15, 15));
    let source_line = text.lines().nth(line - 1).unwrap();
    assert!(!source_line.is_ascii());
    assert!(source_line.find('“').unwrap() < source_line.find("within three").unwrap());
    let claim = "Merz said a meeting between Putin and Zelensky could be held within three weeks.";
    assert!(
        from_column(&text, line, col).starts_with(claim),
        "col {col}"
    );
    // endColumn is the claim's last character.
    assert_eq!(end_col - col + 1, claim.chars().count());
}

/// `key=value` properties of a workflow command line.
fn annotation_props(line: &str) -> std::collections::BTreeMap<String, String> {
    let body = line.split_once(' ').unwrap().1;
    let (props, _) = body.split_once("::").unwrap();
    props
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect()
}

// JSON, SARIF and the annotation name the same file and the same characters: JSON's
// `end_column` and SARIF's `endColumn` are exclusive, the annotation's is inclusive.
#[test]
fn json_sarif_and_annotations_agree_on_file_and_range() {
    let args = |format: &str| {
        let (_, out, err) = run(&[
            "check",
            &format!("./{ARTICLE}"),
            "--corpus",
            SOURCES,
            "--isolated",
            "--format",
            format,
            "--fail-on",
            "unverified",
        ]);
        assert!(!out.is_empty(), "{err}");
        out
    };
    let json: Value = serde_json::from_str(&args("json")).unwrap();
    let sarif: Value = serde_json::from_str(&args("sarif")).unwrap();
    let github = args("github");
    let claims: Vec<&Value> = json["articles"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["verdict"] != "supported")
        .collect();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let annotations: Vec<&str> = github.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(claims.len(), N.contradicted + N.unverified);
    assert_eq!(results.len(), claims.len());
    assert_eq!(annotations.len(), claims.len());
    let text = std::fs::read_to_string(root().join(ARTICLE)).unwrap();
    let mut one_line = 0;
    for ((c, r), a) in claims.iter().zip(results).zip(&annotations) {
        let loc = &c["location"];
        let n = |v: &Value| v.as_u64().unwrap() as usize;
        let (line, col, end_line, end_col) = (
            n(&loc["line"]),
            n(&loc["column"]),
            n(&loc["end_line"]),
            n(&loc["end_column"]),
        );
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (
                n(&region["startLine"]),
                n(&region["startColumn"]),
                n(&region["endLine"]),
                n(&region["endColumn"])
            ),
            (line, col, end_line, end_col),
            "SARIF region = JSON location"
        );
        let p = annotation_props(a);
        assert_eq!(p["file"], ARTICLE, "no ./ on the annotation's file: {a}");
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            p["file"].as_str(),
            "the same path in SARIF"
        );
        assert_eq!(p["line"], line.to_string());
        assert_eq!(p["endLine"], end_line.to_string());
        if line == end_line {
            one_line += 1;
            assert_eq!(p["col"], col.to_string());
            let last: usize = p["endColumn"].parse().unwrap();
            assert_eq!(last, end_col - 1, "inclusive: the last character's column");
            // The characters the annotation covers are the claim's, exactly.
            let covered: String = from_column(&text, line, col)
                .chars()
                .take(last - col + 1)
                .collect();
            let bytes = n(&loc["byte_start"])..n(&loc["byte_end"]);
            assert_eq!(covered, text[bytes], "{a}");
        } else {
            assert!(
                !p.contains_key("col") && !p.contains_key("endColumn"),
                "{a}"
            );
        }
    }
    assert!(one_line > 0);
}

#[test]
fn sarif_log() {
    let out = format("sarif");
    insta::assert_snapshot!("sarif", out);
    let v: Value = serde_json::from_str(&out).unwrap();
    let run = &v["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "claimcheck/contradicted",
            "claimcheck/unverified",
            "claimcheck/supported"
        ]
    );
    // Every rule has help for code scanning and a default level it shows.
    for r in run["tool"]["driver"]["rules"].as_array().unwrap() {
        let level = r["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["note", "warning", "error"].contains(&level), "{level}");
        assert!(!r["help"]["text"].as_str().unwrap().is_empty());
        assert!(r["help"]["markdown"].as_str().unwrap().contains("**"));
    }
    // %SRCROOT% is declared, without a machine's absolute path.
    let base = &run["originalUriBaseIds"]["%SRCROOT%"];
    assert!(base["description"]["text"].is_string(), "{base}");
    assert!(base.get("uri").is_none());
    let results = run["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        N.claims - N.supported,
        "supported claims are no results by default"
    );
    assert!(
        results
            .iter()
            .all(|r| r["ruleId"] != "claimcheck/supported")
    );
    let failing: Vec<&Value> = results.iter().filter(|r| r["kind"] == "fail").collect();
    assert_eq!(failing.len(), N.contradicted);
    let text = std::fs::read_to_string(root().join(ARTICLE)).unwrap();
    let hashes = claimcheck::report::linehash::line_hashes(&text);
    let hash_form = regex::Regex::new("^[0-9a-f]{1,16}:[1-9][0-9]*$").unwrap();
    for r in results {
        assert!(
            r["partialFingerprints"]["claimId/v1"]
                .as_str()
                .unwrap()
                .starts_with("c-")
        );
        // GitHub's line hash of the claim's first line, as its upload action computes it.
        let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap() as usize;
        let hash = r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap();
        assert!(hash_form.is_match(hash), "{hash}");
        assert_eq!(hash, hashes[line - 1]);
        let artifact = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(
            artifact["uri"], ARTICLE,
            "relative to the working directory"
        );
        assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
        if r["kind"] != "fail" {
            assert_eq!(r["level"], "none");
        }
    }
    // Different lines of the draft have different hashes.
    let mut by_line = std::collections::BTreeMap::new();
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        let hash = r["partialFingerprints"]["primaryLocationLineHash"].clone();
        by_line.insert(region["startLine"].as_u64().unwrap(), hash);
    }
    let distinct: std::collections::BTreeSet<String> =
        by_line.values().map(|v| v.to_string()).collect();
    assert_eq!(distinct.len(), by_line.len());
    // Code-point columns; the end column is exclusive.
    let r = results
        .iter()
        .find(|r| {
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("three weeks")
        })
        .unwrap();
    let region = &r["locations"][0]["physicalLocation"]["region"];
    let col = region["startColumn"].as_u64().unwrap() as usize;
    let end = region["endColumn"].as_u64().unwrap() as usize;
    let from = from_column(&text, 15, col);
    let snippet = region["snippet"]["text"].as_str().unwrap();
    assert_eq!(from.chars().take(end - col).collect::<String>(), snippet);
    let start = region["byteOffset"].as_u64().unwrap() as usize;
    let len = region["byteLength"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + len], snippet);
}

#[test]
fn sarif_lists_supported_claims_only_when_asked_and_paths_have_no_dot_segment() {
    let (code, out, err) = run(&[
        "check",
        &format!("./{ARTICLE}"),
        "--corpus",
        SOURCES,
        "--isolated",
        "--format",
        "sarif",
        "--sarif-supported",
    ]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), N.claims);
    let supported: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "claimcheck/supported")
        .collect();
    assert_eq!(supported.len(), N.supported);
    for r in &supported {
        assert_eq!((&r["kind"], &r["level"]), (&"pass".into(), &"none".into()));
        assert_eq!(r["ruleIndex"], 2);
    }
    for r in results {
        let uri = &r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert_eq!(uri, ARTICLE, "no ./ prefix");
    }
}

// A file that is not UTF-8 is hashed differently by the upload action: no line hash.
#[test]
fn sarif_gives_no_line_hash_it_cannot_be_sure_of() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"Zelensky was accompanied by six European leaders at the White House talks.\n\nCaf\xe9 owners said so.\n".to_vec();
    std::fs::write(dir.path().join("latin1.txt"), &bytes).unwrap();
    bytes.retain(|&b| b < 0x80);
    std::fs::write(dir.path().join("utf8.txt"), &bytes).unwrap();
    for (name, expect_hash) in [("latin1.txt", false), ("utf8.txt", true)] {
        let (_, out, err) = run_in(
            dir.path(),
            &[
                "check",
                name,
                "--corpus",
                &sources(),
                "--isolated",
                "--quiet",
                "--format",
                "sarif",
            ],
        );
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
        let r = &v["runs"][0]["results"][0];
        assert_eq!(
            r["partialFingerprints"]
                .get("primaryLocationLineHash")
                .is_some(),
            expect_hash,
            "{name}: {r}"
        );
        assert!(r["partialFingerprints"]["claimId/v1"].is_string());
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared is absent");
        return;
    };
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("spec/sarif-2.1.0.schema.json")).unwrap(),
    )
    .unwrap();
    // The official schema's `language` patterns have a stray `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), which the validator's meta-schema
    // check rejects as a regex. claimcheck never writes `language`; use the intended
    // pattern in memory so the rest of the schema is checked as published.
    fn fix_patterns(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for (k, x) in map.iter_mut() {
                    if k == "pattern" && x.as_str().is_some_and(|p| p.ends_with("[a-zA-Z]{2}]?$")) {
                        *x = Value::String("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into());
                    } else {
                        fix_patterns(x);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(fix_patterns),
            _ => {}
        }
    }
    fix_patterns(&mut schema);
    let validator = jsonschema::validator_for(&schema).unwrap();
    for fail_on in ["contradicted", "unverified", "never", "supported"] {
        // "supported" stands for --fail-on never with --sarif-supported.
        let (flag, extra) = match fail_on {
            "supported" => ("never", "--sarif-supported"),
            f => (f, "--quiet"),
        };
        let (_, out, _) = run(&[
            "check",
            ARTICLE,
            "--corpus",
            SOURCES,
            "--isolated",
            "--format",
            "sarif",
            "--fail-on",
            flag,
            extra,
        ]);
        let v: Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{fail_on}: {errors:#?}");
    }
    // The validator does catch a broken log.
    let (_, out, _) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--isolated",
        "--format",
        "sarif",
    ]);
    let mut v: Value = serde_json::from_str(&out).unwrap();
    v["runs"][0]["results"][0]["level"] = Value::String("fatal".into());
    assert!(!validator.is_valid(&v));
}

#[test]
fn junit_xml() {
    let out = format("junit");
    insta::assert_snapshot!("junit", out);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    assert_eq!(
        suites.attribute("tests"),
        Some(N.claims.to_string().as_str())
    );
    assert_eq!(
        suites.attribute("failures"),
        Some(N.contradicted.to_string().as_str())
    );
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(cases, N.claims);
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(failures, N.contradicted);
    // Unverified claims below --fail-on are skipped, with the reason.
    let skipped: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("skipped"))
        .collect();
    assert_eq!(skipped.len(), N.unverified);
    assert_eq!(
        suites.attribute("skipped"),
        Some(N.unverified.to_string().as_str())
    );
    for s in &skipped {
        let message = s.attribute("message").unwrap();
        assert!(message.starts_with("unverified: "), "{message}");
        assert!(message.len() > "unverified: ".len());
        let case = s.parent_element().unwrap();
        assert!(case.has_tag_name("testcase"));
    }
    // Test names come from the claim, not its position; the position is kept.
    let json: Value = serde_json::from_str(&format("json")).unwrap();
    let claims = json["articles"][0]["claims"].as_array().unwrap();
    let testcases: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    for (case, c) in testcases.iter().zip(claims) {
        let name = case.attribute("name").unwrap();
        let id = c["id"].as_str().unwrap();
        assert_eq!(name, format!("{} [{id}]", c["text"].as_str().unwrap()));
        let line = c["location"]["line"].as_u64().unwrap();
        assert_eq!(case.attribute("line"), Some(line.to_string().as_str()));
        let out = case
            .children()
            .find(|n| n.has_tag_name("system-out") || n.has_tag_name("failure"))
            .and_then(|n| n.text())
            .unwrap();
        let column = c["location"]["column"].as_u64().unwrap();
        assert!(
            out.starts_with(&format!("{ARTICLE}:{line}:{column}: ")),
            "{out}"
        );
        if c["verdict"] == "supported" {
            assert!(
                !case
                    .children()
                    .any(|n| n.has_tag_name("failure") || n.has_tag_name("skipped"))
            );
        }
    }
    // --fail-on unverified fails the unverified claims too; never fails nothing.
    let (_, out, _) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--isolated",
        "--format",
        "junit",
        "--fail-on",
        "unverified",
    ]);
    assert!(out.contains(&format!(
        r#"<testsuites name="claimcheck" tests="{}" failures="{}" errors="0" skipped="0">"#,
        N.claims,
        N.contradicted + N.unverified
    )));
    assert!(!out.contains("<skipped"), "a failure is not skipped too");
    let (code, out, _) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--isolated",
        "--format",
        "junit",
        "--fail-on",
        "never",
    ]);
    assert_eq!(code, 0);
    assert!(!out.contains("<failure"));
}

// A claim that moves down the draft keeps its test case name (and so its history).
#[test]
fn junit_names_survive_a_claim_moving() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(ARTICLE)).unwrap();
    let cases = |draft: &str| -> Vec<(String, String)> {
        std::fs::write(dir.path().join("draft.md"), draft).unwrap();
        let (_, out, err) = run_in(
            dir.path(),
            &[
                "check",
                "draft.md",
                "--corpus",
                &sources(),
                "--isolated",
                "--format",
                "junit",
            ],
        );
        let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
        doc.descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .map(|n| {
                (
                    n.attribute("name").unwrap().to_string(),
                    n.attribute("line").unwrap().to_string(),
                )
            })
            .collect()
    };
    let before = cases(&text);
    // Two paragraphs more after the headline: every claim is two lines further down.
    let (head, rest) = text.split_once("\n\n").unwrap();
    let after = cases(&format!(
        "{head}\n\nEditor's note: this story was updated.\n\n{rest}"
    ));
    let names = |c: &[(String, String)]| c.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    let after_names = names(&after);
    for (name, line) in &before {
        let i = after_names
            .iter()
            .position(|n| n == name)
            .unwrap_or_else(|| panic!("{name} lost its test case"));
        assert_ne!(&after[i].1, line, "{name} did move");
    }
    // Names are unique within an article, even for a repeated claim.
    let repeated = "Zelensky was accompanied by six European leaders at the White House talks.";
    let twice = cases(&format!("{repeated}\n\n{repeated}\n"));
    assert_eq!(twice.len(), 2);
    assert_ne!(twice[0].0, twice[1].0, "{twice:?}");
}

#[test]
fn jsonl_stream() {
    let out = format("jsonl");
    insta::assert_snapshot!("jsonl", out);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), N.claims + 1);
    assert!(
        lines[..N.claims]
            .iter()
            .all(|l| l["type"] == "claim" && l["path"] == ARTICLE)
    );
    let last = &lines[N.claims];
    assert_eq!(last["type"], "summary");
    assert_eq!(last["claims"], N.claims);
    assert_eq!(last["contradicted"], N.contradicted);
    // Ordered by position.
    let pos: Vec<(u64, u64)> = lines[..N.claims]
        .iter()
        .map(|l| {
            (
                l["location"]["line"].as_u64().unwrap(),
                l["location"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = pos.clone();
    sorted.sort();
    assert_eq!(pos, sorted);
}

#[test]
fn claimreview_json_ld() {
    let (code, out, err) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--config",
        PUBLISHER,
        "--format",
        "claimreview",
    ]);
    assert_eq!(code, 1, "{err}");
    insta::assert_snapshot!("claimreview", out);
    let v: Value = serde_json::from_str(&out).unwrap();
    let all = v.as_array().unwrap();
    assert_eq!(
        all.len(),
        N.contradicted + N.supported,
        "no review of an unverified claim by default"
    );
    for r in all {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        let rating = &r["reviewRating"];
        let (value, name) = (
            rating["ratingValue"].as_u64().unwrap(),
            &rating["alternateName"],
        );
        let expected = match value {
            1 => "Contradicted",
            3 => "Supported",
            _ => panic!("{value}: not a published rating"),
        };
        assert_eq!(name, expected);
        assert_eq!(
            (
                rating["worstRating"].as_u64(),
                rating["bestRating"].as_u64()
            ),
            (Some(1), Some(3))
        );
        assert!(!rating["ratingExplanation"].as_str().unwrap().is_empty());
        assert_eq!(r["author"]["name"], "Meridian Fact Desk");
        assert_eq!(r["author"]["url"], "https://meridian.example");
        let id = r["identifier"].as_str().unwrap();
        assert_eq!(r["url"], format!("https://meridian.example/checks/{id}"));
        // The claim appears in the publisher's own article, at its published address.
        let item = &r["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert_eq!(item["author"]["name"], "Meridian Fact Desk");
        let appearance = &item["appearance"];
        assert_eq!(
            appearance["url"],
            "https://meridian.example/news/white-house-talks"
        );
        assert!(
            appearance.get("name").is_none(),
            "no local path: {appearance}"
        );
        assert!(
            appearance["headline"]
                .as_str()
                .unwrap()
                .starts_with("Zelensky brings European leaders")
        );
        // The fixture has no date: nothing invented, and a warning says so.
        assert!(r.get("datePublished").is_none() && item.get("datePublished").is_none());
    }
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("ClaimReview")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].starts_with(&format!(
            "claimcheck: warning: {ARTICLE}: ClaimReview: no `datePublished`"
        )),
        "{err}"
    );

    // Without a publisher, nothing is invented, and each missing property is a warning
    // on stderr; stdout stays the JSON document.
    let (_, out, err) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--isolated",
        "--format",
        "claimreview",
    ]);
    let v: Value = serde_json::from_str(&out).expect("stdout is only the reviews");
    assert!(
        !out.contains("\"author\"") && !out.contains("\"url\""),
        "{out}"
    );
    assert_eq!(v.as_array().unwrap().len(), N.contradicted + N.supported);
    for missing in [
        "no `url`",
        "no `author.name`",
        "no `author.url`",
        "no `datePublished`",
        "no `itemReviewed.author`",
        "no `itemReviewed.appearance.url`",
    ] {
        assert_eq!(
            err.lines()
                .filter(|l| l.starts_with("claimcheck: warning: ") && l.contains(missing))
                .count(),
            1,
            "{missing}: {err}"
        );
    }
    let (_, _, err) = run(&[
        "check",
        ARTICLE,
        "--corpus",
        SOURCES,
        "--isolated",
        "--quiet",
        "--format",
        "claimreview",
    ]);
    assert!(!err.contains("ClaimReview"), "{err}");
}

#[test]
fn claimreview_fills_dates_from_the_article_and_reviews_unverified_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = std::fs::read_to_string(root().join(ARTICLE)).unwrap();
    std::fs::write(
        d.join("talks.md"),
        format!("---\ntitle: Talks in Washington\ndate: 2025-08-19\n---\n\n{text}"),
    )
    .unwrap();
    let publisher = std::fs::read_to_string(root().join(PUBLISHER)).unwrap();
    std::fs::write(d.join("claimcheck.toml"), &publisher).unwrap();
    let check = |dir: &Path| {
        run_in(
            dir,
            &[
                "check",
                "talks.md",
                "--corpus",
                &sources(),
                "--format",
                "claimreview",
            ],
        )
    };
    let (_, out, err) = check(d);
    assert!(!err.contains("ClaimReview"), "every property filled: {err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), N.contradicted + N.supported);
    for r in all {
        assert_eq!(r["datePublished"], "2025-08-19");
        assert_eq!(r["itemReviewed"]["datePublished"], "2025-08-19");
        let appearance = &r["itemReviewed"]["appearance"];
        assert_eq!(appearance["datePublished"], "2025-08-19");
        assert_eq!(appearance["headline"], "Talks in Washington");
        assert_eq!(appearance["url"], "https://meridian.example/news/talks");
    }
    // publish-unverified = true reviews every claim, unverified ones rated 2.
    std::fs::write(
        d.join("claimcheck.toml"),
        format!("{publisher}publish-unverified = true\n"),
    )
    .unwrap();
    let (_, out, err) = check(d);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), N.claims);
    assert_eq!(
        all.iter()
            .filter(|r| r["reviewRating"]["ratingValue"] == 2)
            .count(),
        N.unverified
    );
    // A bad article-url is a config error.
    std::fs::write(
        d.join("claimcheck.toml"),
        "[publisher]\narticle-url = \"news/{stem}\"\n",
    )
    .unwrap();
    let (code, _, err) = check(d);
    assert_eq!(code, 2);
    assert!(err.contains("publisher.article-url"), "{err}");
}

#[test]
fn html_page() {
    let out = format("html");
    insta::assert_snapshot!("html", out);
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert_eq!(out.matches("<mark class=\"claim ").count(), N.claims);
    assert_eq!(
        out.matches("<mark class=\"claim contradicted\"").count(),
        N.contradicted
    );
    assert!(!out.contains("<script"), "self-contained, no script");
    // Nothing is loaded from elsewhere; the only outside links are source titles.
    assert!(!out.contains("src=\"http"), "nothing external");
    assert_eq!(
        out.matches("href=\"http").count(),
        out.matches("<a class=\"src\" href=\"http").count()
    );
    assert!(out.contains("<a class=\"src\" href=\"https://meridianwire.example/"));
    // The findings list: contradicted claims first, each linked to its card and place.
    let start = out.find("<nav class=\"findings\"").expect("findings list");
    let nav = &out[start..start + out[start..].find("</nav>").unwrap()];
    let classes: Vec<&str> = nav
        .split("<li class=\"")
        .skip(1)
        .map(|li| li.split('"').next().unwrap())
        .collect();
    assert_eq!(classes.len(), N.claims);
    assert!(
        classes[..N.contradicted]
            .iter()
            .all(|c| *c == "contradicted"),
        "{classes:?}"
    );
    let mut sorted = classes.clone();
    sorted.sort_by_key(|c| {
        ["contradicted", "unverified", "supported"]
            .iter()
            .position(|x| x == c)
    });
    assert_eq!(classes, sorted);
    for target in nav
        .split("href=\"#")
        .skip(1)
        .map(|h| h.split('"').next().unwrap())
    {
        assert!(
            out.contains(&format!("id=\"{target}\"")),
            "dangling #{target}"
        );
    }
    // Verdicts read without colour: an icon and a word.
    assert!(
        out.contains("\u{2717}</span> Contradicted") && out.contains("\u{2713}</span> Supported")
    );
    assert!(out.contains("@media print") && out.contains("break-inside: avoid"));
}

#[test]
fn html_escapes_user_text() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("evil.txt");
    std::fs::write(
        &article,
        "Zelensky was accompanied by six European leaders at the White House talks <script>alert(1)</script>.\n\n<img src=x onerror=alert(2)> Trump met Zelensky at the White House on Monday & said \"hello\".\n",
    )
    .unwrap();
    let (_, out, err) = run_in(
        dir.path(),
        &[
            "check",
            "evil.txt",
            "--corpus",
            &sources(),
            "--isolated",
            "--format",
            "html",
        ],
    );
    assert!(out.contains("</html>"), "{err}");
    assert!(!out.contains("<script>") && !out.contains("<img"), "{out}");
    assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(out.contains("&lt;img src=x onerror=alert(2)&gt;"));
}

/// Find a headless Chromium, if installed.
fn chromium() -> Option<PathBuf> {
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(name))
                .find(|p| p.is_file())
        })
    })
}

fn headless(browser: &Path, profile: &Path, extra: &[&str], page: &Path) -> std::process::Output {
    std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

#[test]
fn html_page_renders_in_a_headless_browser() {
    let Some(browser) = chromium() else {
        eprintln!("skipping: chromium is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, format("html")).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = headless(&browser, profile.path(), &["--dump-dom"], &page);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("</html>"),
        "no DOM from chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The browser parsed every highlight as an element, in the article text.
    assert_eq!(
        dom.matches("<mark class=\"claim contradicted\"").count(),
        N.contradicted
    );
    assert_eq!(dom.matches("<mark class=\"claim ").count(), N.claims);
    assert_eq!(dom.matches("<li class=\"card ").count(), N.claims);
    // Each highlight links to its card.
    for i in 0..N.claims {
        assert!(dom.contains(&format!("href=\"#a0-c{i}\"")));
        assert!(dom.contains(&format!("id=\"a0-c{i}\"")));
    }
    assert!(dom.contains("six European leaders"));

    // The findings list came through the parser, links and all.
    assert!(dom.contains("<nav class=\"findings\""));
    assert_eq!(dom.matches("id=\"m-a0-c").count(), N.claims);
    assert!(dom.contains("id=\"f-contradicted\""));

    // And it paints, at desk and at phone width: a screenshot is a real PNG.
    for width in [1400, 400] {
        let shot = dir.path().join(format!("report-{width}.png"));
        let profile = tempfile::tempdir().unwrap();
        let arg = format!("--screenshot={}", shot.display());
        let size = format!("--window-size={width},1600");
        headless(&browser, profile.path(), &[&arg, &size], &page);
        let png = std::fs::read(&shot).expect("screenshot written");
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "{} bytes",
            png.len()
        );
        if let Some(keep) = std::env::var_os("CLAIMCHECK_KEEP_SCREENSHOT") {
            let keep = PathBuf::from(keep).with_extension(format!("{width}.png"));
            std::fs::copy(&shot, keep).unwrap();
        }
    }
}

// ------------------------------------------------ locations in every article format

#[test]
fn locations_are_exact_in_text_and_html_articles() {
    let dir = tempfile::tempdir().unwrap();
    let claim = "Zelensky was accompanied by six European leaders at the White House talks.";
    let text = format!("Kyiv — Hungary’s minister Péter Szijjártó spoke on Tuesday. {claim}\n");
    std::fs::write(dir.path().join("draft.txt"), &text).unwrap();
    let html = format!(
        "<!doctype html><html><head><title>Talks</title></head><body><article>\n<h1>Talks in Washington</h1>\n<p>Kyiv — Hungary’s minister Péter Szijjártó spoke on Tuesday. {claim}</p>\n</article></body></html>\n"
    );
    std::fs::write(dir.path().join("draft.html"), &html).unwrap();
    for (name, raw) in [("draft.txt", &text), ("draft.html", &html)] {
        let (code, out, err) = run_in(
            dir.path(),
            &[
                "check",
                name,
                "--corpus",
                &sources(),
                "--isolated",
                "--format",
                "github",
            ],
        );
        assert_eq!(code, 1, "{name}: {out}{err}");
        let l = out
            .lines()
            .find(|l| l.contains("six European"))
            .expect(name);
        let prop = |k: &str| -> usize {
            l.split([',', ' ', ':'])
                .find_map(|p| p.strip_prefix(&format!("{k}=")))
                .unwrap()
                .parse()
                .unwrap()
        };
        let from = from_column(raw, prop("line"), prop("col"));
        assert!(from.starts_with(claim), "{name}: {from}");
        assert_eq!(
            prop("endColumn") - prop("col") + 1,
            claim.chars().count(),
            "{name}"
        );
        assert!(l.starts_with(&format!("::error file={name},")), "{l}");
    }
}

// ------------------------------------------------------------- folders of drafts

#[test]
fn a_folder_of_drafts_shares_one_corpus_and_respects_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("drafts/world")).unwrap();
    std::fs::create_dir_all(d.join("drafts/scratch")).unwrap();
    std::fs::copy(root().join(ARTICLE), d.join("drafts/world/talks.md")).unwrap();
    std::fs::write(
        d.join("drafts/a-brief.txt"),
        "Zelensky was accompanied by seven European leaders at the White House talks.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("drafts/scratch/notes.md"),
        "Zelensky was accompanied by nine European leaders at the White House talks.\n",
    )
    .unwrap();
    std::fs::write(d.join("drafts/.gitignore"), "scratch/\n").unwrap();
    std::fs::write(d.join("drafts/photo.jpg"), [0u8; 16]).unwrap();
    let (code, out, err) = run_in(
        d,
        &[
            "check",
            "drafts",
            "--corpus",
            &sources(),
            "--isolated",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let paths: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "claim")
        .map(|v| v["path"].as_str().unwrap().to_string())
        .collect();
    let mut unique = paths.clone();
    unique.dedup();
    assert_eq!(
        unique,
        ["drafts/a-brief.txt", "drafts/world/talks.md"],
        "sorted by path; scratch/ ignored"
    );
    let summary: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(summary["articles"], 2);
    assert_eq!(summary["contradicted"], N.contradicted);

    // A folder with nothing to check is a clear error.
    std::fs::create_dir(d.join("empty")).unwrap();
    let (code, _, err) = run_in(d, &["check", "empty", "--corpus", &sources(), "--isolated"]);
    assert_eq!(code, 2);
    assert!(err.contains("no articles to check"), "{err}");
}

// ------------------------------------------------------- baselines and suppressions

#[test]
fn a_baseline_silences_exactly_its_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join(ARTICLE), d.join("draft.md")).unwrap();
    let check = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "draft.md",
            "--corpus",
            SOURCES_ABS.as_str(),
            "--isolated",
        ];
        args.extend_from_slice(extra);
        run_in(d, &args)
    };
    let (code, out, err) = check(&["--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.is_empty());
    let findings = N.contradicted + N.unverified;
    assert!(
        err.contains(&format!("wrote {findings} finding(s) to baseline.json")),
        "{err}"
    );
    let written = std::fs::read_to_string(d.join("baseline.json")).unwrap();
    let b: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(b["schema"], "claimcheck.baseline/1");
    assert_eq!(b["findings"].as_array().unwrap().len(), findings);
    assert_eq!(b["findings"][0]["path"], "draft.md");

    // Same draft: everything is known, the run passes even under --fail-on unverified.
    let (code, out, err) = check(&[
        "--baseline",
        "baseline.json",
        "--fail-on",
        "unverified",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["summary"]["contradicted"], 0);
    assert_eq!(r["summary"]["unverified"], 0);
    assert_eq!(
        r["summary"]["supported"], N.supported,
        "supported claims are still reported"
    );
    assert!(
        err.contains(&format!("{findings} in the baseline")),
        "{err}"
    );

    // A new contradiction still fails, and only it is reported.
    let mut text = std::fs::read_to_string(d.join("draft.md")).unwrap();
    text.push_str(
        "\nZelensky was accompanied by nine European leaders at the White House talks.\n",
    );
    std::fs::write(d.join("draft.md"), text).unwrap();
    let (code, out, err) = check(&["--baseline", "baseline.json", "--format", "github"]);
    assert_eq!(code, 1, "{out}{err}");
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error")).collect();
    assert_eq!(errors.len(), 1, "{out}");
    assert!(errors[0].contains("nine European leaders"));

    // Rewording a baselined claim makes it new again.
    let text = std::fs::read_to_string(d.join("draft.md"))
        .unwrap()
        .replace("on Thursday.", "on Wednesday.");
    std::fs::write(d.join("draft.md"), text).unwrap();
    let (_, out, _) = check(&["--baseline", "baseline.json", "--format", "github"]);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::error")).count(),
        2,
        "{out}"
    );

    // A bad baseline is a clear error.
    std::fs::write(
        d.join("bad.json"),
        "{\"schema\": \"other\", \"findings\": []}",
    )
    .unwrap();
    let (code, _, err) = check(&["--baseline", "bad.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.json:1") && err.contains("claimcheck.baseline/1"),
        "{err}"
    );
    // --baseline and --write-baseline together make no sense.
    let (code, _, _) = check(&["--baseline", "baseline.json", "--write-baseline", "b2.json"]);
    assert_eq!(code, 2);
}

static SOURCES_ABS: std::sync::LazyLock<String> = std::sync::LazyLock::new(sources);

#[test]
fn an_editor_marks_a_claim_as_reviewed_in_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = std::fs::read_to_string(root().join(ARTICLE)).unwrap();
    // Mark the paragraph with the Thursday claim and the one with two planted errors.
    let text = text
        .replacen(
            "The White House meeting came after",
            "<!-- claimcheck: ignore -->\nThe White House meeting came after",
            1,
        )
        .replacen(
            "A bilateral meeting between",
            "<!-- claimcheck: ignore-next-line -->\nA bilateral meeting between",
            1,
        );
    std::fs::write(d.join("draft.md"), &text).unwrap();
    let (code, out, err) = run_in(
        d,
        &[
            "check",
            "draft.md",
            "--corpus",
            &sources(),
            "--isolated",
            "--format",
            "github",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error")).collect();
    assert_eq!(errors.len(), 1, "{out}");
    assert!(errors[0].contains("six European"));
    assert!(err.contains("3 marked in the draft"), "{err}");
    // The comment is not a claim, and the claims after it keep their real lines.
    assert!(!out.contains("claimcheck: ignore"));
    assert!(errors[0].contains("line=3,"));
}

// ------------------------------------------------------------------ README

/// The fenced code blocks of one README section, as (language, text).
fn readme_blocks(section: &str) -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find(&format!("\n## {section}\n"))
        .unwrap_or_else(|| panic!("README has no '## {section}' section"));
    let body = &readme[start + 1..];
    let body = &body[..body[3..].find("\n## ").map_or(body.len(), |i| i + 3)];
    let mut blocks = Vec::new();
    let mut lines = body.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(lang) = trimmed.strip_prefix("```") {
            let indent = line.len() - trimmed.len();
            let mut text = String::new();
            for l in lines.by_ref() {
                if l.trim_start().starts_with("```") {
                    break;
                }
                text.push_str(l.get(indent..).unwrap_or(l.trim_start()));
                text.push('\n');
            }
            blocks.push((lang.to_string(), text));
        }
    }
    blocks
}

#[test]
fn readme_use_in_ci_is_true() {
    use yaml_rust2::YamlLoader;
    let blocks = readme_blocks("Use in CI");
    let (_, help, _) = run(&["check", "--help"]);
    let flags_exist = |text: &str| {
        for word in text.split_whitespace() {
            let flag = word.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '-');
            if flag.starts_with("--") && flag.len() > 2 {
                assert!(
                    help.contains(flag),
                    "README uses {flag}, which `check --help` lacks"
                );
            }
        }
    };
    // The example config file is a valid config.
    let toml_blocks: Vec<&String> = blocks
        .iter()
        .filter(|(l, _)| l == "toml")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(toml_blocks.len(), 1);
    claimcheck::config::parse(Path::new("README.md"), toml_blocks[0])
        .expect("README config parses");

    let yaml: Vec<&String> = blocks
        .iter()
        .filter(|(l, _)| l == "yaml")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        yaml.len(),
        3,
        "a workflow with the action, one by hand and a pre-commit config"
    );
    let workflows: Vec<_> = yaml[..2]
        .iter()
        .map(|y| YamlLoader::load_from_str(y).expect("workflow is YAML")[0].clone())
        .collect();
    for wf in &workflows {
        assert!(!wf["on"]["pull_request"].is_badvalue());
        // Code scanning needs a push on the default branch to compare with.
        let branches = wf["on"]["push"]["branches"].as_vec().expect("push trigger");
        assert!(branches.iter().any(|b| b.as_str() == Some("main")));
        assert_eq!(wf["permissions"]["security-events"].as_str(), Some("write"));
        assert_eq!(wf["permissions"]["actions"].as_str(), Some("read"));
    }
    // The workflow with the action gives only inputs that action.yml declares.
    let action = std::fs::read_to_string(root().join("action.yml")).unwrap();
    let action = &YamlLoader::load_from_str(&action).expect("action.yml is YAML")[0];
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let inputs = action["inputs"].as_hash().expect("inputs");
    let steps = workflows[0]["jobs"]["claimcheck"]["steps"]
        .as_vec()
        .unwrap();
    let step = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.ends_with("/claimcheck@v1"))
        })
        .expect("a step uses the action");
    for (key, _) in step["with"].as_hash().expect("with") {
        assert!(inputs.contains_key(key), "action.yml has no input {key:?}");
    }
    for out in ["sarif-file", "html-file"] {
        assert!(!action["outputs"][out].is_badvalue(), "output {out}");
    }
    // The workflow by hand.
    let wf = &workflows[1];
    let steps = wf["jobs"]["claimcheck"]["steps"].as_vec().expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    for format in ["sarif", "html", "github"] {
        assert!(
            runs.iter()
                .any(|r| r.starts_with("claimcheck check")
                    && r.contains(&format!("--format {format}"))),
            "workflow runs no --format {format}"
        );
    }
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(
        uses.iter()
            .any(|u| u.starts_with("github/codeql-action/upload-sarif@"))
    );
    let sarif_step = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.contains("upload-sarif"))
        })
        .unwrap();
    assert_eq!(
        sarif_step["with"]["sarif_file"].as_str(),
        Some("claimcheck.sarif")
    );
    for r in &runs {
        if r.starts_with("claimcheck") {
            flags_exist(r);
        }
    }
    // The pre-commit hook.
    let pc = &YamlLoader::load_from_str(yaml[2]).expect("pre-commit config is YAML")[0];
    let hook = &pc["repos"][0]["hooks"][0];
    assert_eq!(pc["repos"][0]["repo"].as_str(), Some("local"));
    assert_eq!(hook["id"].as_str(), Some("claimcheck"));
    assert_eq!(hook["entry"].as_str(), Some("claimcheck check"));
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    assert!(files.is_match("drafts/talks.md") && !files.is_match("src/main.rs"));
    // The shell examples use real flags.
    for (lang, text) in &blocks {
        if lang == "sh" {
            flags_exist(text);
        }
    }
}
