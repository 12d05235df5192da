//! No input makes the pipeline panic: random text, markup and bytes through every stage.

use claimcheck::align::Aligner;
use claimcheck::check;
use claimcheck::corpus::Corpus;
use claimcheck::index::Bm25;
use claimcheck::ingest::{self, Format};
use claimcheck::text;
use claimcheck::verdict::Verifier;

/// A deterministic generator, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const PIECES: &[&str] = &[
    "Mr.",
    "U.S.",
    "said",
    "not",
    "£5bn",
    "€",
    "$",
    "10%",
    "per cent",
    "Dec. 25",
    "25 December",
    "two weeks",
    "a quarter of a percentage point",
    "—",
    "“",
    "”",
    "’s",
    "Péter",
    "Szijjártó",
    "\n",
    "\n\n",
    "<p>",
    "</p>",
    "<script>x</script>",
    "&amp;",
    "&rdquo;",
    "# ",
    "*",
    "[a](b)",
    "<!--",
    "-->",
    "?",
    ".",
    ",",
    "and",
    "1,500",
    "1.5",
    "million",
    "Friday",
    "within",
    "hoax",
    "KYIV —",
    "(Reuters) -",
    "\u{0}",
    "\u{feff}",
    "🙂",
    "ﬁ",
    "\t",
    "  ",
    "one",
    "of",
    "6.5-metre",
    "U.K",
];

fn random_text(rng: &mut Rng, len: usize) -> String {
    let mut s = String::new();
    for _ in 0..len {
        s.push_str(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
        if rng.next().is_multiple_of(3) {
            s.push(' ');
        }
    }
    s
}

#[test]
fn random_text_never_panics() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for round in 0..300 {
        let a = random_text(&mut rng, (round % 40) + 1);
        let b = random_text(&mut rng, (round % 30) + 1);
        let ta = text::tokenize(&a);
        let tb = text::tokenize(&b);
        for t in ta.iter().chain(&tb) {
            assert!(t.start <= t.end);
        }
        let _ = Aligner::default().align(&a, &ta, &b, &tb);
        for format in [Format::Text, Format::Markdown, Format::Html] {
            // A NUL piece makes the text look binary: that is a clean error.
            let Ok(doc) = ingest::from_bytes("random", a.as_bytes(), Some(format)) else {
                assert!(a.contains('\u{0}'));
                continue;
            };
            let claims = check::extract(&doc);
            for c in &claims.claims {
                assert!(c.location.byte_start <= c.location.byte_end);
                assert!(c.location.byte_end <= doc.raw.len());
            }
            let corpus = Corpus::from_texts([("b", b.as_str()), ("a", a.as_str())]);
            let index = Bm25::new(&corpus.sentences);
            for c in &claims.claims {
                let v = Verifier::default().verify(&c.text, &corpus, &index);
                assert!((0.0..=1.0).contains(&v.confidence));
            }
        }
    }
}

#[test]
fn random_bytes_are_errors_or_documents() {
    let mut rng = Rng(0xfeed_f00d_dead_beef);
    for _ in 0..200 {
        let len = (rng.next() % 300) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if let Ok(doc) = ingest::from_bytes("bytes", &bytes, None) {
            let _ = check::extract(&doc);
        }
    }
}
