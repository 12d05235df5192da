//! The aligner against a gold table: every row of `tests/align_pairs.toml` is a claim,
//! an evidence sentence and what the alignment must say (stance, first conflict, no
//! conflict of a kind, hedged, values matched). All rows run, and every failing row is
//! reported at once, the way a gold table is checked.

mod common;

use claimcheck::align::{Aligner, Alignment};
use claimcheck::text::tokenize;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    pair: Vec<Pair>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Pair {
    claim: String,
    evidence: String,
    /// Why this outcome is expected; shown with a failing row.
    why: String,
    stance: Option<String>,
    not_stance: Option<String>,
    conflict: Option<ExpectedConflict>,
    no_conflict: Option<String>,
    hedged: Option<bool>,
    values_matched: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedConflict {
    kind: String,
    claim: Option<String>,
    evidence: Option<String>,
}

const STANCES: &[&str] = &["supports", "contradicts", "related"];
const KINDS: &[&str] = &[
    "number", "date", "negation", "entity", "antonym", "quantity", "other",
];

/// A serialised enum as its lowercase name ("supports", "number").
fn name(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// What is wrong with `a` for the row `p`; empty when the row holds.
fn check(p: &Pair, a: &Alignment) -> Vec<String> {
    let mut wrong = Vec::new();
    let stance = name(a.stance);
    if let Some(want) = &p.stance
        && *want != stance
    {
        wrong.push(format!("stance {stance}, expected {want}"));
    }
    if let Some(not) = &p.not_stance
        && *not == stance
    {
        wrong.push(format!("stance {stance}, which the row rules out"));
    }
    if let Some(want) = &p.conflict {
        match a.conflicts.first() {
            None => wrong.push(format!("no conflict, expected {}", want.kind)),
            Some(c) => {
                let got = (name(c.kind), &c.claim, &c.evidence);
                let kind_ok = got.0 == want.kind;
                let claim_ok = want.claim.as_ref().is_none_or(|w| w == got.1);
                let evidence_ok = want.evidence.as_ref().is_none_or(|w| w == got.2);
                if !(kind_ok && claim_ok && evidence_ok) {
                    wrong.push(format!(
                        "first conflict {} '{}' vs '{}', expected {} '{}' vs '{}'",
                        got.0,
                        got.1,
                        got.2,
                        want.kind,
                        want.claim.as_deref().unwrap_or("…"),
                        want.evidence.as_deref().unwrap_or("…"),
                    ));
                }
            }
        }
    }
    if let Some(kind) = &p.no_conflict {
        let found: Vec<String> = a
            .conflicts
            .iter()
            .filter(|c| kind == "any" || name(c.kind) == *kind)
            .map(|c| format!("{} '{}' vs '{}'", name(c.kind), c.claim, c.evidence))
            .collect();
        if !found.is_empty() {
            wrong.push(format!(
                "conflicts {}, expected none of {kind}",
                found.join(", ")
            ));
        }
    }
    if let Some(want) = p.hedged
        && a.hedged != want
    {
        wrong.push(format!("hedged {}, expected {want}", a.hedged));
    }
    if let Some(want) = p.values_matched
        && a.values_matched != want
    {
        wrong.push(format!(
            "values_matched {}, expected {want}",
            a.values_matched
        ));
    }
    wrong
}

/// A row that names no stance or conflict kind the aligner has, or asserts nothing,
/// is a mistake in the table, not a pass.
fn validate(i: usize, p: &Pair) -> Vec<String> {
    let mut bad = Vec::new();
    for s in [&p.stance, &p.not_stance].into_iter().flatten() {
        if !STANCES.contains(&s.as_str()) {
            bad.push(format!("row {i}: unknown stance '{s}'"));
        }
    }
    if let Some(c) = &p.conflict
        && !KINDS.contains(&c.kind.as_str())
    {
        bad.push(format!("row {i}: unknown conflict kind '{}'", c.kind));
    }
    if let Some(k) = &p.no_conflict
        && k != "any"
        && !KINDS.contains(&k.as_str())
    {
        bad.push(format!("row {i}: unknown conflict kind '{k}'"));
    }
    let asserts = p.stance.is_some()
        || p.not_stance.is_some()
        || p.conflict.is_some()
        || p.no_conflict.is_some()
        || p.hedged.is_some()
        || p.values_matched.is_some();
    if !asserts {
        bad.push(format!("row {i}: expects nothing"));
    }
    bad
}

#[test]
fn every_pair_aligns_as_the_table_says() {
    let path = common::root().join("tests/align_pairs.toml");
    let table: Table = toml::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(table.pair.len() >= 30, "{} rows", table.pair.len());
    let invalid: Vec<String> = table
        .pair
        .iter()
        .enumerate()
        .flat_map(|(i, p)| validate(i + 1, p))
        .collect();
    assert!(invalid.is_empty(), "{}", invalid.join("\n"));

    let aligner = Aligner::default();
    let mut failures = Vec::new();
    for (i, p) in table.pair.iter().enumerate() {
        let a = aligner.align(
            &p.claim,
            &tokenize(&p.claim),
            &p.evidence,
            &tokenize(&p.evidence),
        );
        let wrong = check(p, &a);
        if !wrong.is_empty() {
            failures.push(format!(
                "row {} ({}):\n  claim     {}\n  evidence  {}\n  {}",
                i + 1,
                p.why,
                p.claim,
                p.evidence,
                wrong.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n\n{}",
        failures.len(),
        table.pair.len(),
        failures.join("\n\n")
    );
}
