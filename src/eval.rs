//! Measuring verdict quality on labelled data (`claimcheck eval`).
//!
//! Our own fixtures are written by us; labelled data written by other people is the
//! honest measure. Each example is verified by the same pipeline as `check`, against
//! its own evidence texts only (segmented, indexed, aligned, decided), and the
//! predictions are scored as the contract `claimcheck.eval/1` describes
//! (`shared/spec/report-v1.md`, section 2). Many examples share an evidence text (one
//! FNC-1 body serves dozens of headlines), so each distinct evidence set is segmented
//! and indexed once.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::align::Stance;
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::index::Bm25;
use crate::verdict::{Label, Verifier};

/// One labelled example.
#[derive(Debug, Clone, Deserialize)]
pub struct Example {
    pub id: String,
    pub claim: String,
    pub evidence: Vec<EvidenceText>,
    pub label: Label,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EvidenceText {
    #[serde(default)]
    pub source: String,
    pub text: String,
}

/// A line that could not be read, with its 1-based number.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub line: usize,
    pub message: String,
}

/// Read a JSON Lines file, gzip-compressed when its name ends in `.gz`.
/// Malformed lines are returned as [`Skipped`], not errors.
pub fn read_dataset(path: &Path, limit: Option<usize>) -> Result<(Vec<Example>, Vec<Skipped>)> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::input(
            path,
            "is a folder; give a .jsonl or .jsonl.gz file",
        ));
    }
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut examples = Vec::new();
    let mut skipped = Vec::new();
    // Bytes, not `lines()`: one line that is not UTF-8 is skipped and counted like any
    // other malformed line; only a read error (a broken gzip stream) stops the run.
    for (i, bytes) in BufReader::with_capacity(1 << 16, reader)
        .split(b'\n')
        .enumerate()
    {
        if limit.is_some_and(|n| examples.len() >= n) {
            break;
        }
        let bytes = bytes.map_err(|e| {
            Error::parse(
                path,
                i + 1,
                format!("cannot read: {e} (is it really gzip?)"),
            )
        })?;
        let Ok(line) = std::str::from_utf8(&bytes) else {
            skipped.push(Skipped {
                line: i + 1,
                message: "not UTF-8 text".into(),
            });
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Example>(line) {
            Ok(ex) => examples.push(ex),
            Err(e) => skipped.push(Skipped {
                line: i + 1,
                message: e.to_string(),
            }),
        }
    }
    Ok((examples, skipped))
}

/// The prediction for one example.
#[derive(Debug, Clone, Serialize)]
pub struct Prediction {
    pub id: String,
    pub label: Label,
    pub verdict: Label,
    pub confidence: f64,
    pub related: bool,
}

/// Precision, recall, F1 and support of one label.
#[derive(Debug, Clone, Copy, Serialize, Default, PartialEq)]
pub struct LabelScore {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// The evaluation report (`claimcheck.eval/1`).
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub schema: &'static str,
    pub dataset: String,
    pub examples: usize,
    pub skipped: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub per_label: BTreeMap<&'static str, LabelScore>,
    pub confusion: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
    pub seconds: f64,
}

const LABELS: [Label; 3] = [Label::Supported, Label::Contradicted, Label::Unverified];

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Score predictions.
pub fn score(
    dataset: &str,
    predictions: &[Prediction],
    skipped: usize,
    seconds: f64,
) -> EvalReport {
    let mut confusion: BTreeMap<&'static str, BTreeMap<&'static str, usize>> = BTreeMap::new();
    for gold in LABELS {
        let row = confusion.entry(gold.as_str()).or_default();
        for pred in LABELS {
            row.insert(pred.as_str(), 0);
        }
    }
    for p in predictions {
        *confusion
            .get_mut(p.label.as_str())
            .and_then(|r| r.get_mut(p.verdict.as_str()))
            .expect("all labels present") += 1;
    }
    let mut per_label = BTreeMap::new();
    let mut f1_sum = 0.0;
    for l in LABELS {
        let tp = confusion[l.as_str()][l.as_str()] as f64;
        let predicted: usize = LABELS
            .iter()
            .map(|g| confusion[g.as_str()][l.as_str()])
            .sum();
        let support: usize = confusion[l.as_str()].values().sum();
        let precision = if predicted > 0 {
            tp / predicted as f64
        } else {
            0.0
        };
        let recall = if support > 0 {
            tp / support as f64
        } else {
            0.0
        };
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        f1_sum += f1;
        per_label.insert(
            l.as_str(),
            LabelScore {
                precision: round4(precision),
                recall: round4(recall),
                f1: round4(f1),
                support,
            },
        );
    }
    let correct = predictions.iter().filter(|p| p.label == p.verdict).count();
    EvalReport {
        schema: "claimcheck.eval/1",
        dataset: dataset.to_string(),
        examples: predictions.len(),
        skipped,
        accuracy: if predictions.is_empty() {
            0.0
        } else {
            round4(correct as f64 / predictions.len() as f64)
        },
        macro_f1: round4(f1_sum / 3.0),
        per_label,
        confusion,
        seconds: (seconds * 100.0).round() / 100.0,
    }
}

/// Verify every example against its own evidence, on all cores. `progress` is called
/// with the number of examples done so far (from worker threads).
pub fn predict(
    examples: &[Example],
    verifier: &Verifier,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<Prediction> {
    // Build each distinct evidence set's corpus and index once.
    let mut groups: HashMap<Vec<&str>, Vec<usize>> = HashMap::new();
    for (i, ex) in examples.iter().enumerate() {
        let key: Vec<&str> = ex.evidence.iter().map(|e| e.text.as_str()).collect();
        groups.entry(key).or_default().push(i);
    }
    let mut groups: Vec<(Vec<&str>, Vec<usize>)> = groups.into_iter().collect();
    groups.sort_by_key(|(_, idx)| idx[0]);
    let done = std::sync::atomic::AtomicU64::new(0);
    let mut out: Vec<(usize, Prediction)> = groups
        .par_iter()
        .flat_map_iter(|(_, members)| {
            let first = &examples[members[0]];
            let corpus = Corpus::from_texts(
                first
                    .evidence
                    .iter()
                    .map(|e| (e.source.as_str(), e.text.as_str())),
            );
            let index = Bm25::new(&corpus.sentences);
            let preds: Vec<(usize, Prediction)> = members
                .iter()
                .map(|&i| {
                    let ex = &examples[i];
                    let v = verifier.verify(&ex.claim, &corpus, &index);
                    let related = v.label != Label::Unverified
                        || v.evidence.iter().any(|e| {
                            e.alignment.stance != Stance::Related || e.alignment.anchor >= 0.45
                        });
                    (
                        i,
                        Prediction {
                            id: ex.id.clone(),
                            label: ex.label,
                            verdict: v.label,
                            confidence: v.confidence,
                            related,
                        },
                    )
                })
                .collect();
            let n = done.fetch_add(members.len() as u64, std::sync::atomic::Ordering::Relaxed)
                + members.len() as u64;
            progress(n);
            preds
        })
        .collect();
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, p)| p).collect()
}

/// Run an evaluation end to end.
pub fn run(
    path: &Path,
    limit: Option<usize>,
    verifier: &Verifier,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<(EvalReport, Vec<Prediction>, Vec<Skipped>)> {
    let started = Instant::now();
    let (examples, skipped) = read_dataset(path, limit)?;
    let total = examples.len() as u64;
    let preds = predict(examples.as_slice(), verifier, &|n| progress(n, total));
    let report = score(
        &path.display().to_string(),
        &preds,
        skipped.len(),
        started.elapsed().as_secs_f64(),
    );
    Ok((report, preds, skipped))
}

/// The text rendering of an evaluation report.
pub fn render_text(r: &EvalReport) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "dataset   {}", r.dataset);
    let _ = writeln!(s, "examples  {} ({} skipped)", r.examples, r.skipped);
    let _ = writeln!(s, "accuracy  {:.4}", r.accuracy);
    let _ = writeln!(s, "macro-F1  {:.4}", r.macro_f1);
    let _ = writeln!(s, "seconds   {:.2}", r.seconds);
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<14}{:>10}{:>10}{:>10}{:>10}",
        "label", "precision", "recall", "f1", "support"
    );
    for l in LABELS {
        let p = &r.per_label[l.as_str()];
        let _ = writeln!(
            s,
            "{:<14}{:>10.4}{:>10.4}{:>10.4}{:>10}",
            l.as_str(),
            p.precision,
            p.recall,
            p.f1,
            p.support
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "confusion (rows: gold, columns: predicted)");
    let _ = writeln!(
        s,
        "{:<14}{:>14}{:>14}{:>14}",
        "", "supported", "contradicted", "unverified"
    );
    for g in LABELS {
        let row = &r.confusion[g.as_str()];
        let _ = writeln!(
            s,
            "{:<14}{:>14}{:>14}{:>14}",
            g.as_str(),
            row["supported"],
            row["contradicted"],
            row["unverified"]
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(label: Label, verdict: Label) -> Prediction {
        Prediction {
            id: "x".into(),
            label,
            verdict,
            confidence: 0.5,
            related: false,
        }
    }

    #[test]
    fn scores_are_computed_per_label() {
        use Label::*;
        let preds = vec![
            p(Supported, Supported),
            p(Supported, Unverified),
            p(Contradicted, Contradicted),
            p(Unverified, Unverified),
            p(Unverified, Supported),
        ];
        let r = score("d", &preds, 1, 0.0);
        assert_eq!(r.examples, 5);
        assert_eq!(r.skipped, 1);
        assert_eq!(r.accuracy, 0.6);
        let s = r.per_label["supported"];
        assert_eq!((s.precision, s.recall, s.support), (0.5, 0.5, 2));
        assert_eq!(r.per_label["contradicted"].f1, 1.0);
        assert_eq!(r.confusion["unverified"]["supported"], 1);
        assert!((r.macro_f1 - round4((0.5 + 1.0 + 0.5) / 3.0)).abs() < 1e-9);
    }

    #[test]
    fn malformed_lines_are_skipped_with_their_number() {
        let dir = std::env::temp_dir().join(format!("cc-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("d.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"a\",\"claim\":\"Seven leaders met on Monday.\",\"evidence\":[{\"source\":\"s\",\"text\":\"Seven leaders met on Monday.\"}],\"label\":\"supported\"}\n\
             not json\n\
             {\"id\":\"b\",\"claim\":\"x\",\"evidence\":[],\"label\":\"maybe\"}\n",
        )
        .unwrap();
        let (ex, skipped) = read_dataset(&path, None).unwrap();
        assert_eq!(ex.len(), 1);
        assert_eq!(
            skipped.iter().map(|s| s.line).collect::<Vec<_>>(),
            vec![2, 3]
        );
        let preds = predict(&ex, &Verifier::default(), &|_| {});
        assert_eq!(preds[0].verdict, Label::Supported);
        assert!(preds[0].related);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
