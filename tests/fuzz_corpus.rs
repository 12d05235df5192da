//! Replays the checked-in fuzz corpus (`fuzz/corpus/<target>/`) through the same
//! harness the `cargo fuzz` targets run, so what fuzzing found stays fixed without
//! nightly Rust. See README, "Fuzzing".

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::PathBuf;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no cases", dir.display());
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let input = harness::generate(&data);
        let start = std::time::Instant::now();
        run(&input);
        eprintln!(
            "{}: {} bytes generated, {:.2} s",
            file.display(),
            input.len(),
            start.elapsed().as_secs_f64()
        );
    }
}

#[test]
fn ingest_corpus() {
    replay("ingest", harness::ingest);
}

#[test]
fn claims_corpus() {
    replay("claims", harness::claims);
}

#[test]
fn pipeline_corpus() {
    replay("pipeline", harness::pipeline);
}

#[test]
fn align_corpus() {
    replay("align", harness::align);
}
