//! The JSON Schemas shipped in `schemas/` (and printed by `claimcheck schema`): the
//! documents claimcheck writes validate against them, and each one promises at least
//! what the contract in `../shared/spec` promises (same types, enums and bounds, every
//! field the contract requires required), so a program written against either
//! accepts what claimcheck prints.

mod common;

use common::{ARTICLE, SOURCES, root, run};
use serde_json::Value;

fn shipped(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("schemas").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    let (code, out, err) = run(args);
    assert!(code == 0 || code == 1, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"))
}

fn assert_valid(schema: &Value, doc: &Value, what: &str) {
    let validator = jsonschema::validator_for(schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// A small labelled dataset of our own, for an eval report.
fn dataset(dir: &std::path::Path) -> String {
    let path = dir.join("tiny.jsonl");
    let lines = [
        r#"{"id":"a","claim":"The council approved 40 new homes.","evidence":[{"source":"w","text":"The council approved 40 new homes on Monday."}],"label":"supported"}"#,
        r#"{"id":"b","claim":"The council approved 60 new homes.","evidence":[{"source":"w","text":"The council approved 40 new homes on Monday."}],"label":"contradicted"}"#,
        r#"{"id":"c","claim":"The mayor resigned.","evidence":[{"source":"w","text":"The council approved 40 new homes on Monday."}],"label":"unverified"}"#,
    ];
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path.display().to_string()
}

#[test]
fn the_schema_command_prints_the_shipped_files() {
    for (which, file) in [
        ("report", "report-v1.schema.json"),
        ("eval", "eval-v1.schema.json"),
        ("claims", "claims-v1.schema.json"),
    ] {
        let (code, out, err) = run(&["schema", which]);
        assert_eq!(code, 0, "{err}");
        let on_disk = std::fs::read_to_string(root().join("schemas").join(file)).unwrap();
        assert_eq!(out, on_disk, "claimcheck schema {which}");
    }
    let (code, _, err) = run(&["schema", "sarif"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn what_claimcheck_writes_validates_against_the_shipped_schemas() {
    let report = json_of(&["check", ARTICLE, "--corpus", SOURCES, "--format", "json"]);
    assert_valid(&shipped("report-v1.schema.json"), &report, "check report");
    let claims = json_of(&["extract", ARTICLE, "--format", "json"]);
    assert_valid(&shipped("claims-v1.schema.json"), &claims, "claim set");
    let dir = tempfile::tempdir().unwrap();
    let eval = json_of(&["eval", &dataset(dir.path()), "--format", "json", "--quiet"]);
    assert_valid(&shipped("eval-v1.schema.json"), &eval, "eval report");
    // The schemas reject what breaks the contract.
    let mut bad = report.clone();
    bad["articles"][0]["claims"][0]["verdict"] = Value::from("true");
    let validator = jsonschema::validator_for(&shipped("report-v1.schema.json")).unwrap();
    assert!(!validator.is_valid(&bad));
    let mut bad = claims.clone();
    bad["article"]["author"] = Value::from("someone");
    let validator = jsonschema::validator_for(&shipped("claims-v1.schema.json")).unwrap();
    assert!(!validator.is_valid(&bad));
}

/// `node` with every `$ref` into `root` followed.
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    while let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let pointer = r.strip_prefix('#').expect("local $ref");
        node = root
            .pointer(pointer)
            .unwrap_or_else(|| panic!("dangling {r}"));
    }
    node
}

/// Every promise of `spec` (at `path`) is kept by `ours`.
fn keeps(ours_root: &Value, ours: &Value, spec_root: &Value, spec: &Value, path: &str) {
    let ours = resolve(ours_root, ours);
    let spec = resolve(spec_root, spec);
    for key in ["type", "enum", "const", "minimum", "maximum", "minLength"] {
        if let Some(v) = spec.get(key) {
            assert_eq!(
                ours.get(key),
                Some(v),
                "{path}: `{key}` differs from the contract"
            );
        }
    }
    if let Some(req) = spec.get("required").and_then(Value::as_array) {
        let have: Vec<&Value> = ours
            .get("required")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        for r in req {
            assert!(have.contains(&r), "{path}: {r} is required by the contract");
        }
    }
    if let Some(props) = spec.get("properties").and_then(Value::as_object) {
        for (name, sub) in props {
            let mine = ours
                .get("properties")
                .and_then(|p| p.get(name))
                .unwrap_or_else(|| panic!("{path}.{name}: missing from the shipped schema"));
            keeps(ours_root, mine, spec_root, sub, &format!("{path}.{name}"));
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(sub) = spec.get(key).filter(|v| v.is_object()) {
            let mine = ours
                .get(key)
                .unwrap_or_else(|| panic!("{path}: `{key}` missing"));
            keeps(ours_root, mine, spec_root, sub, &format!("{path}/{key}"));
        }
    }
    for key in ["allOf", "anyOf"] {
        if let Some(list) = spec.get(key).and_then(Value::as_array) {
            let mine = ours
                .get(key)
                .and_then(Value::as_array)
                .unwrap_or_else(|| panic!("{path}: `{key}` missing"));
            assert_eq!(mine.len(), list.len(), "{path}: `{key}`");
            for (i, (m, s)) in mine.iter().zip(list).enumerate() {
                keeps(ours_root, m, spec_root, s, &format!("{path}/{key}/{i}"));
            }
        }
    }
}

#[test]
fn the_shipped_schemas_keep_every_promise_of_the_contract() {
    let spec_dir = root().join("../shared/spec");
    if !spec_dir.is_dir() {
        eprintln!("skipping: ../shared/spec is absent");
        return;
    }
    for name in ["report-v1.schema.json", "eval-v1.schema.json"] {
        let spec: Value =
            serde_json::from_str(&std::fs::read_to_string(spec_dir.join(name)).unwrap()).unwrap();
        let ours = shipped(name);
        assert_eq!(ours["$id"], spec["$id"], "{name}");
        keeps(&ours, &ours, &spec, &spec, name);
    }
    // And what claimcheck writes passes the contract's own schemas too.
    let read = |n: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(spec_dir.join(n)).unwrap()).unwrap()
    };
    let report = json_of(&["check", ARTICLE, "--corpus", SOURCES, "--format", "json"]);
    assert_valid(
        &read("report-v1.schema.json"),
        &report,
        "check report (contract)",
    );
    let dir = tempfile::tempdir().unwrap();
    let eval = json_of(&["eval", &dataset(dir.path()), "--format", "json", "--quiet"]);
    assert_valid(
        &read("eval-v1.schema.json"),
        &eval,
        "eval report (contract)",
    );
}
