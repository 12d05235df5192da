//! `claimcheck eval`: the contract, bad input, and the quality floor on real data.

mod common;

use std::path::PathBuf;

use common::{cmd, root};
use serde_json::Value;

fn datasets() -> Option<PathBuf> {
    let p = root().join("../shared/datasets");
    p.is_dir().then_some(p)
}

/// `claimcheck eval ARGS` in the crate root.
fn eval(args: &[&str]) -> (i32, String, String) {
    common::capture(cmd().arg("eval").args(args))
}

const SMALL: &str = r#"{"id": "a", "claim": "Seven European leaders joined Zelensky at the White House on Monday.", "evidence": [{"source": "s1", "text": "On Monday, seven European leaders joined Zelensky at the White House. The weather was fine."}], "label": "supported", "orig_label": "agree"}
{"id": "b", "claim": "Six European leaders joined Zelensky at the White House on Monday.", "evidence": [{"source": "s1", "text": "On Monday, seven European leaders joined Zelensky at the White House."}], "label": "contradicted"}
this line is not JSON
{"id": "c", "claim": "The central bank raised rates in March.", "evidence": [{"source": "s2", "text": "A football match was played in Lisbon."}], "label": "unverified"}
"#;

#[test]
fn small_dataset_scores_and_reports_skips() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("small.jsonl");
    std::fs::write(&data, SMALL).unwrap();
    let preds = dir.path().join("preds.jsonl");
    let (code, out, err) = eval(&[
        data.to_str().unwrap(),
        "--format",
        "json",
        "--predictions",
        preds.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("small.jsonl:3"),
        "malformed line reported with its number: {err}"
    );
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["schema"], "claimcheck.eval/1");
    assert_eq!(r["examples"], 3);
    assert_eq!(r["skipped"], 1);
    assert_eq!(r["accuracy"], 1.0, "{r}");
    assert_eq!(r["confusion"]["contradicted"]["contradicted"], 1);
    let lines: Vec<Value> = std::fs::read_to_string(&preds)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["id"], "b");
    assert_eq!(lines[1]["verdict"], "contradicted");
    assert_eq!(lines[0]["related"], true);
    assert_eq!(lines[2]["related"], false);

    let (code, text, _) = eval(&[data.to_str().unwrap(), "--limit", "1"]);
    assert_eq!(code, 0);
    assert!(text.contains("examples  1 (0 skipped)"), "{text}");
    assert!(text.contains("confusion"));
}

#[test]
fn gzip_input_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("small.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut enc, SMALL.as_bytes()).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let (code, out, _) = eval(&[gz.to_str().unwrap(), "--format", "json", "--quiet"]);
    assert_eq!(code, 0);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["examples"], 3);

    let (code, _, err) = eval(&["no-such-file.jsonl"]);
    assert_eq!(code, 2);
    assert!(err.contains("no such file"), "{err}");
    let (code, _, err) = eval(&["fixtures"]);
    assert_eq!(code, 2, "{err}");
    let not_gz = dir.path().join("plain.jsonl.gz");
    std::fs::write(&not_gz, SMALL).unwrap();
    let (code, _, err) = eval(&[not_gz.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("plain.jsonl.gz:1"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn eval_json_validates_against_the_contract() {
    let Some(data) = datasets() else {
        eprintln!("skipping: ../shared is absent");
        return;
    };
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(data.join("../spec/eval-v1.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (code, out, _) = eval(&[
        data.join("fnc1/dev-balanced.jsonl").to_str().unwrap(),
        "--format",
        "json",
        "--limit",
        "60",
    ]);
    assert_eq!(code, 0);
    let r: Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator.iter_errors(&r).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[derive(serde::Deserialize)]
struct Floor {
    path: String,
    macro_f1: f64,
}

/// Later changes cannot quietly make verdicts worse.
#[test]
fn quality_does_not_regress() {
    let Some(data) = datasets() else {
        eprintln!("skipping: ../shared is absent");
        return;
    };
    let floors: std::collections::BTreeMap<String, Floor> =
        toml::from_str(&std::fs::read_to_string(root().join("docs/quality-floor.toml")).unwrap())
            .unwrap();
    assert!(floors.len() >= 2);
    let mut failures = Vec::new();
    for (name, floor) in &floors {
        let (code, out, err) = eval(&[
            data.join(&floor.path).to_str().unwrap(),
            "--format",
            "json",
            "--quiet",
        ]);
        assert_eq!(code, 0, "{err}");
        let r: Value = serde_json::from_str(&out).unwrap();
        let got = r["macro_f1"].as_f64().unwrap();
        if got < floor.macro_f1 - 0.02 {
            failures.push(format!(
                "{name}: macro-F1 {got:.4} < recorded {:.4} - 0.02",
                floor.macro_f1
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
