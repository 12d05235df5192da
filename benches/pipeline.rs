//! Speed of the pipeline: the fixture check end to end, and claims verified per
//! second against a generated corpus of 12,000 sentences, on one core.
//! Run with `cargo bench --bench pipeline`; figures go to BENCHMARKS.md.

use std::hint::black_box;
use std::path::PathBuf;

use claimcheck::check;
use claimcheck::corpus::Corpus;
use claimcheck::index::Bm25;
use claimcheck::verdict::Verifier;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The README's main job: ingest the draft and the seven sources, extract, verify.
fn fixture_check(c: &mut Criterion) {
    let article = root().join("fixtures/articles/white-house-talks.md");
    let sources = vec![root().join("fixtures/sources")];
    c.bench_function("fixture_check_end_to_end", |b| {
        b.iter(|| {
            let doc = check::read_article(&article).unwrap();
            let claims = check::extract(&doc);
            let corpus = claimcheck::sources::load(&sources, &mut |_| {}).unwrap();
            let index = Bm25::new(&corpus.sentences);
            black_box(check::run(&[claims], &corpus, &index, &Verifier::default()))
        })
    });
}

/// A small deterministic generator (xorshift), so the corpus is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PEOPLE: &[&str] = &[
    "Anna Kovacs",
    "Mark Feld",
    "Lena Ortiz",
    "Omar Haddad",
    "Priya Nair",
    "Tomas Berg",
    "Jon Ekwueme",
    "Sara Lind",
    "Ivo Petrov",
    "Mei Tanaka",
    "Carlos Ruiz",
    "Nadia Sokol",
];
const PLACES: &[&str] = &[
    "Vienna", "Lagos", "Quito", "Oslo", "Hanoi", "Tunis", "Lima", "Riga", "Perth", "Cork", "Osaka",
    "Leeds", "Split", "Turku",
];
const VERBS: &[&str] = &[
    "announced",
    "approved",
    "rejected",
    "opened",
    "delayed",
    "funded",
];
const THINGS: &[&str] = &[
    "a new bridge",
    "the port expansion",
    "a rail link",
    "the solar farm",
    "a water plant",
    "the budget",
    "a school programme",
    "the metro line",
    "a flood barrier",
    "the airport",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];

fn sentence(rng: &mut Rng) -> String {
    let n = rng.next() % 900 + 2;
    match rng.next() % 3 {
        0 => format!(
            "{} said on {} that {} would get {} million dollars for {} in {}.",
            rng.pick(PEOPLE),
            rng.pick(DAYS),
            rng.pick(PLACES),
            n,
            rng.pick(THINGS),
            rng.pick(MONTHS)
        ),
        1 => format!(
            "The council of {} {} {} after {} people signed a petition, {} told reporters.",
            rng.pick(PLACES),
            rng.pick(VERBS),
            rng.pick(THINGS),
            n * 10,
            rng.pick(PEOPLE)
        ),
        _ => format!(
            "Officials in {} did not confirm whether {} would be {} within {} weeks.",
            rng.pick(PLACES),
            rng.pick(THINGS),
            rng.pick(VERBS),
            n % 9 + 2
        ),
    }
}

fn generated_corpus(sentences: usize) -> Corpus {
    let mut rng = Rng(0x5eed_cafe_f00d_beef);
    let docs: Vec<(String, String)> = (0..sentences / 20)
        .map(|d| {
            let body: Vec<String> = (0..20).map(|_| sentence(&mut rng)).collect();
            (format!("doc-{d:04}.txt"), body.join(" "))
        })
        .collect();
    Corpus::from_texts(docs.iter().map(|(n, t)| (n.as_str(), t.as_str())))
}

/// Claims per second at 12,000 sentences, sequentially on one core.
fn claims_per_second(c: &mut Criterion) {
    let corpus = generated_corpus(12_000);
    assert!(
        corpus.sentences.len() >= 10_000,
        "{}",
        corpus.sentences.len()
    );
    let index = Bm25::new(&corpus.sentences);
    let mut rng = Rng(0x0dd_ba11);
    let claims: Vec<String> = (0..200).map(|_| sentence(&mut rng)).collect();
    let verifier = Verifier::default();
    let mut group = c.benchmark_group("verify_12k_sentences");
    group.throughput(Throughput::Elements(claims.len() as u64));
    group.bench_function("200_claims_one_core", |b| {
        b.iter(|| {
            for claim in &claims {
                black_box(verifier.verify(claim, &corpus, &index));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, fixture_check, claims_per_second);
criterion_main!(benches);
