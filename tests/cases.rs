//! Verdict quality on the news cases in `../shared/cases`: the scorer that ships with
//! them (`../shared/tools/score-cases`) runs on this build's binary, and each figure
//! must stay at or above its floor in `docs/cases-floor.toml`. Skips (with a line
//! saying why) where `../shared` or `python3` is absent.

mod common;

use std::process::Command;

use common::root;

#[test]
fn news_case_figures_stay_above_their_floor() {
    let scorer = root().join("../shared/tools/score-cases");
    let cases = root().join("../shared/cases");
    if !scorer.is_file() || !cases.is_dir() {
        eprintln!("skipped: ../shared/tools/score-cases or ../shared/cases is absent");
        return;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let figures = dir.path().join("figures.json");
    let out = Command::new("python3")
        .arg(&scorer)
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_claimcheck"))
        .arg("--cases")
        .arg(&cases)
        .arg("--json")
        .arg(&figures)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Exit 2: a case did not run at all (a crash or a bad exit code).
    assert_ne!(out.status.code(), Some(2), "a case did not run:\n{stdout}");
    let got: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&figures).unwrap()).unwrap();
    let floor: toml::Table =
        toml::from_str(&std::fs::read_to_string(root().join("docs/cases-floor.toml")).unwrap())
            .unwrap();
    let floor = floor["news-cases"]
        .as_table()
        .expect("[news-cases] in the floor file");
    for (key, min) in floor {
        let min = min.as_float().unwrap();
        let value = got[key.as_str()].as_f64().unwrap();
        assert!(
            value + 5e-4 >= min,
            "news cases: {key} {value:.3} is below its floor {min:.3}\n{stdout}"
        );
    }
    assert!(
        got["claims_found"].as_f64().unwrap() >= 0.99,
        "gold claims not extracted:\n{stdout}"
    );
}
