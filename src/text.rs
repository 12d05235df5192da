//! Tokens that compare facts rather than spellings.
//!
//! Claims and evidence say the same fact in different words: "seven" and "7",
//! "per cent" and "%", "U.S." and "US", "Dec. 25" and "25 December", "$10bn" and
//! "10 billion dollars", "two weeks" and "14 days". Retrieval, diffing and conflict
//! detection all work over the [`Token`]s made here, so that such paraphrases are
//! equal and only a real difference in value shows up as a difference. Every token
//! keeps the byte span of the words it came from, so a diff can show the original
//! wording.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use rust_stemmers::{Algorithm, Stemmer};

/// What a token stands for. Values are normalised so that equal facts compare equal.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// An ordinary content word (key is its stem).
    Word,
    /// A function word: kept for the diff, ignored for retrieval and similarity.
    Stop,
    /// A negation ("not", "no", "never", "without", "n't").
    Negation,
    /// A plain quantity.
    Number(f64),
    /// A person's age in years ("aged 96", "a 73-year-old", "Charles, who is 73,"): it
    /// is compared with ages only.
    Age(f64),
    /// A rank: "third", "3rd", "68th". It ranks, so it is compared with ranks only
    /// ("the seventh season" says nothing of "six seasons").
    Ordinal(f64),
    /// A sum of money in a currency.
    Money(f64, &'static str),
    /// A percentage.
    Percent(f64),
    /// Percentage points (basis points are converted: 25 bp = 0.25 pp).
    Points(f64),
    /// A year such as 2025.
    Year(i32),
    /// A month 1–12 on its own.
    Month(u8),
    /// A weekday 1 (Monday) – 7 (Sunday).
    Weekday(u8),
    /// A day of a month, with the year where given.
    Date {
        month: u8,
        day: u8,
        year: Option<i32>,
    },
    /// A length of time, in days.
    Span(f64),
    /// A measure in a unit ("16.5 feet", "5 metres", "26-kilogram"): its size in the
    /// dimension's SI unit, the unit's size, and the precision the figure was written
    /// to ("16.5" to a tenth, "64,000" to a thousand), also in SI units, so a figure
    /// converted and rounded ("about 5 metres" for 16.5 feet) still agrees.
    Measure {
        si: f64,
        dim: &'static str,
        unit: f64,
        precision: f64,
    },
    /// A time of day in minutes after midnight, with the time zone's offset from UTC in
    /// minutes where the text gives one ("0647 GMT", "1:47 a.m. EST").
    Time { minutes: u16, offset: Option<i16> },
}

impl Kind {
    /// Is this a value (number, date, …) that can conflict with another value?
    pub fn is_value(&self) -> bool {
        !matches!(self, Kind::Word | Kind::Stop | Kind::Negation)
    }

    /// The family a value belongs to; two values conflict only within a family.
    pub fn family(&self) -> Option<Family> {
        Some(match self {
            Kind::Number(_)
            | Kind::Ordinal(_)
            | Kind::Age(_)
            | Kind::Money(..)
            | Kind::Percent(_)
            | Kind::Points(_)
            | Kind::Measure { .. } => Family::Quantity,
            Kind::Year(_) | Kind::Month(_) | Kind::Date { .. } => Family::Date,
            Kind::Weekday(_) => Family::Weekday,
            Kind::Span(_) => Family::Span,
            Kind::Time { .. } => Family::Time,
            _ => return None,
        })
    }
}

/// Families of values that can be compared with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Quantity,
    Date,
    Weekday,
    Span,
    Time,
}

/// One normalised token with the byte span of the text it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Canonical form used for equality (a stem, or a value's canonical spelling).
    pub key: String,
    pub kind: Kind,
    /// Byte range in the tokenised string.
    pub start: usize,
    pub end: usize,
    /// Written with a capital letter (and not only because it opens the sentence).
    pub capital: bool,
}

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

static RAW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<time>\b\d{1,2}(?:[:.]\d{2})?\s?[ap]\.?m\b\.?|\b\d{1,2}:\d{2}\b)
      | (?P<money>[$€£]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|tn|m|k)\b)?)
      | (?P<named>\p{Lu}[\p{L}\p{M}]*-\d+(?:\.\d+)?\b)
      | (?P<num>\d[\d,]*(?:\.\d+)?(?:bn|tn|m|k|st|nd|rd|th|s|km|cm|mm|kg|ft|lbs|lb)?\b%?)
      | (?P<acr>\p{L}(?:\.\p{L})+\.?)
      | (?P<word>\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)?)
      | (?P<pct>%)
    ",
    )
    .expect("token regex")
});

const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "them",
    "his",
    "her",
    "their",
    "we",
    "our",
    "you",
    "your",
    "i",
    "me",
    "my",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "shall",
    "into",
    "about",
    "over",
    "after",
    "before",
    "than",
    "then",
    "so",
    "such",
    "also",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "there",
    "here",
    "if",
    "while",
    "up",
    "out",
    "s",
    "said",
    "says",
    "say",
    "told",
    "according",
    "just",
    "very",
    "more",
    "most",
    "some",
    "any",
    "all",
    "both",
    "each",
    "other",
    "him",
    "per",
    "between",
    "during",
    "since",
    "until",
    "via",
    "because",
];

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "without", "none", "nor", "cannot", "neither",
];

const WEEKDAYS: &[(&str, u8)] = &[
    ("monday", 1),
    ("tuesday", 2),
    ("wednesday", 3),
    ("thursday", 4),
    ("friday", 5),
    ("saturday", 6),
    ("sunday", 7),
];

const SPAN_UNITS: &[(&str, f64)] = &[
    ("hour", 1.0 / 24.0),
    ("hours", 1.0 / 24.0),
    ("day", 1.0),
    ("days", 1.0),
    ("week", 7.0),
    ("weeks", 7.0),
    ("fortnight", 14.0),
    ("month", 30.0),
    ("months", 30.0),
    ("year", 365.0),
    ("years", 365.0),
    ("decade", 3650.0),
    ("decades", 3650.0),
];

/// Time zone abbreviations common in news copy, with their offsets from UTC in
/// minutes (IANA zone data; "IST" is India's, as in news datelines from there).
const ZONES: &[(&str, i16)] = &[
    ("gmt", 0),
    ("utc", 0),
    ("bst", 60),
    ("cet", 60),
    ("cest", 120),
    ("eet", 120),
    ("eest", 180),
    ("msk", 180),
    ("trt", 180),
    ("ist", 330),
    ("jst", 540),
    ("kst", 540),
    ("aest", 600),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "usd"),
    ("dollars", "usd"),
    ("usd", "usd"),
    ("euro", "eur"),
    ("euros", "eur"),
    ("eur", "eur"),
    ("pound", "gbp"),
    ("pounds", "gbp"),
    ("sterling", "gbp"),
    ("gbp", "gbp"),
];

/// Spelling variants that mean the same thing; applied to lower-cased words.
const SYNONYMS: &[(&str, &str)] = &[
    ("us", "us"),
    ("u.s", "us"),
    ("u.s.", "us"),
    ("usa", "us"),
    ("u.s.a.", "us"),
    ("uk", "uk"),
    ("u.k.", "uk"),
    ("britain", "uk"),
    ("eu", "eu"),
    ("e.u.", "eu"),
    ("metre", "m"),
    ("metres", "m"),
    ("meter", "m"),
    ("meters", "m"),
    ("kilometre", "km"),
    ("kilometres", "km"),
    ("kilometer", "km"),
    ("kilometers", "km"),
    ("kilogram", "kg"),
    ("kilograms", "kg"),
    ("ukrainian", "ukraine"),
    ("russian", "russia"),
    ("american", "us"),
    ("german", "germany"),
    ("french", "france"),
    ("italian", "italy"),
    ("finnish", "finland"),
    ("british", "uk"),
    ("european", "europe"),
    ("kiev", "kyiv"),
];

/// Words after which an ordinal ranks ("the third country", "its fifth title"); after
/// "a" it mostly means "another" ("a second quake").
const ORDINAL_DETERMINERS: &[&str] = &["the", "its", "his", "her", "their", "our", "my", "your"];

/// The unit a word names, if any.
fn measure_unit(word: &str) -> Option<(&'static str, f64)> {
    crate::lexicon::MEASURE_UNITS
        .iter()
        .find(|(w, dim, _)| *w == word && *dim != "-")
        .map(|&(_, dim, f)| (dim, f))
}

/// `v` (already scaled by `scale`, as "1.5 million") in `unit`s of `dim`, written as
/// `figure`.
fn measure(v: f64, figure: &str, scale: f64, dim: &'static str, unit: f64) -> Kind {
    Kind::Measure {
        si: v * unit,
        dim,
        unit,
        precision: written_precision(figure) * scale * unit,
    }
}

/// The precision a figure was written to: a tenth for "16.5", a thousand for
/// "64,000", but never coarser than its second digit ("40,000" is to a thousand, not
/// to ten thousand), and one for a number in words.
fn written_precision(figure: &str) -> f64 {
    let digits: String = figure
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .filter(|c| *c != ',')
        .collect();
    if let Some((_, decimals)) = digits.split_once('.') {
        return 10f64.powi(-(decimals.len() as i32));
    }
    if digits.is_empty() {
        return 1.0;
    }
    let zeros = digits.len() - digits.trim_end_matches('0').len();
    10f64.powi(zeros.min(digits.len().saturating_sub(2)) as i32)
}

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table.iter().find(|(w, _)| *w == word).map(|(_, v)| *v)
}

/// Is this key (a stem) a unit of measure ("kg", "mile", "feet")? A number with one
/// measures, it does not count. Every word of `lexicon/units.tsv` is one, those whose size
/// is not converted ("ton", "knot") too.
pub fn is_unit(key: &str) -> bool {
    static STEMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
        crate::lexicon::MEASURE_UNITS
            .iter()
            .map(|(w, ..)| STEMMER.stem(w).into_owned())
            .collect()
    });
    STEMS.contains(key)
}

/// Is `word` (lower case) a function word?
pub fn is_stop(word: &str) -> bool {
    STOP.contains(&word) || crate::lexicon::is_courtesy_title(word)
}

/// Is `word` (lower case) a negation?
pub fn is_negation(word: &str) -> bool {
    NEGATIONS.contains(&word)
}

/// Is this "sentence" script or style sheet code that leaked into a text ("var x = 'a';
/// f({ 'id': 1 });")? Prose almost never has four braces, semicolons or equals signs.
pub fn looks_like_code(sentence: &str) -> bool {
    sentence
        .chars()
        .filter(|c| matches!(c, '{' | '}' | ';' | '='))
        .count()
        >= 4
}

/// Does the sentence ask rather than state ("Did the minister resign?")? A question
/// asserts nothing, so it neither states nor disputes a fact. A question quoted at the
/// end of a statement ("… and asked doctors 'How's it going?'") does not make the
/// statement a question; a sentence quoted whole ("'Is it real?'") is one.
pub fn is_question(sentence: &str) -> bool {
    const CLOSING: [char; 6] = ['"', '\'', '\u{201d}', '\u{2019}', ')', ']'];
    const OPENING: [char; 6] = ['"', '\'', '\u{201c}', '\u{2018}', '(', '['];
    let s = sentence.trim();
    let inner = s.trim_end_matches(CLOSING);
    inner.ends_with('?') && (inner.len() == s.len() || s.starts_with(OPENING))
}

/// The stem of a lower-cased word.
pub fn stem(word: &str) -> String {
    STEMMER.stem(word).into_owned()
}

/// A first pass token: what the regex found, before values are assembled.
struct Raw<'a> {
    text: &'a str,
    lower: String,
    start: usize,
    end: usize,
    class: RawClass,
}

#[derive(PartialEq, Clone, Copy)]
enum RawClass {
    Time,
    Money,
    Num,
    Acronym,
    Word,
    Pct,
}

fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|c| *c != ',').collect();
    cleaned.parse().ok()
}

/// Split `95bn` / `10m` / `3rd` / `1990s` into value and suffix.
fn split_suffix(s: &str) -> (&str, &str) {
    let idx = s
        .char_indices()
        .find(|(_, c)| c.is_ascii_alphabetic() || *c == '%')
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    (&s[..idx], &s[idx..])
}

/// If the number `raws[i]` (its words ending before `j`) states someone's age, the
/// index of the raw after the age's last word.
fn age_at(text: &str, raws: &[Raw], i: usize, j: usize) -> Option<usize> {
    let word = |k: usize| raws.get(k).map_or("", |r| r.lower.as_str());
    // The text between raws `a` and `a + 1` (the end of the text after the last).
    let gap = |a: usize| {
        let from = raws[a].end;
        let to = raws.get(a + 1).map_or(text.len(), |r| r.start);
        text.get(from..to).unwrap_or("")
    };
    let comma_after = gap(j - 1).trim_start().starts_with([',', '.', ';', ')']) || j >= raws.len();
    if word(j) == "year" && word(j + 1) == "old" || word(j) == "years" && word(j + 1) == "old" {
        return Some(j + 2);
    }
    if i == 0 {
        return None;
    }
    let before = word(i - 1);
    if before == "aged" || (before == "of" && i >= 2 && word(i - 2) == "age") {
        return Some(j);
    }
    if matches!(before, "is" | "was") && i >= 2 && word(i - 2) == "who" && comma_after {
        return Some(j);
    }
    // "At 74, he …": a sentence that opens with an age.
    if before == "at" && i == 1 && gap(i).trim_start().starts_with(',') {
        return Some(j);
    }
    // "Shahzada Dawood, 48,": a number set off by commas right after a name.
    if gap(i - 1).trim() == ","
        && raws[i - 1]
            .text
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        && raws[i - 1].class == RawClass::Word
        && comma_after
    {
        return Some(j);
    }
    None
}

/// Tokenise and normalise a piece of text.
pub fn tokenize(text: &str) -> Vec<Token> {
    // Most matches are plain words: a match of letters (and apostrophes) only can be no
    // other alternative than `word`, so the capture groups (a slower search) are asked
    // for only when a match holds something else.
    let raws: Vec<Raw> = RAW
        .find_iter(text)
        .map(|found| {
            let plain = found
                .as_str()
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’');
            let (class, m) = if plain {
                (RawClass::Word, found)
            } else {
                let c = RAW
                    .captures_at(text, found.start())
                    .expect("the match again");
                if let Some(m) = c.name("time") {
                    (RawClass::Time, m)
                } else if let Some(m) = c.name("named") {
                    (RawClass::Word, m)
                } else if let Some(m) = c.name("money") {
                    (RawClass::Money, m)
                } else if let Some(m) = c.name("num") {
                    (RawClass::Num, m)
                } else if let Some(m) = c.name("acr") {
                    (RawClass::Acronym, m)
                } else if let Some(m) = c.name("word") {
                    (RawClass::Word, m)
                } else {
                    (RawClass::Pct, c.get(0).expect("match"))
                }
            };
            Raw {
                text: m.as_str(),
                lower: m.as_str().to_lowercase(),
                start: m.start(),
                end: m.end(),
                class,
            }
        })
        .collect();
    let mut tokens = assemble(text, &raws);
    // In a Title Case Headline every word is capitalised: capitals say nothing there.
    let words = tokens.iter().filter(|t| t.kind == Kind::Word).count();
    let capitals = tokens.iter().filter(|t| t.capital).count();
    if capitals >= 3 && capitals * 10 >= words * 8 {
        for t in &mut tokens {
            t.capital = false;
        }
    }
    tokens
}

fn word_token(r: &Raw, first: bool) -> Vec<Token> {
    let capital = !first && r.text.chars().next().is_some_and(char::is_uppercase);
    let mut lower = r.lower.replace('’', "'");
    // "Atatürk" and "Ataturk", "Comăneci" and "Comaneci" are one name: wires drop
    // accents and transliterate.
    if !lower.is_ascii() {
        lower = deunicode::deunicode(&lower).to_lowercase();
    }
    let mut extra_neg = false;
    if let Some(base) = lower.strip_suffix("n't") {
        extra_neg = true;
        lower = match base {
            "wo" => "will".into(),
            "ca" => "can".into(),
            "sha" => "shall".into(),
            b => b.into(),
        };
    } else if let Some(base) = lower.strip_suffix("'s") {
        lower = base.into();
    } else if let Some((base, _)) = lower.split_once('\'') {
        lower = base.into();
    }
    if lower == "cannot" {
        lower = "can".into();
        extra_neg = true;
    }
    if r.class == RawClass::Acronym {
        lower = lower.trim_end_matches('.').to_string();
    }
    if let Some(syn) = lookup(SYNONYMS, &lower) {
        lower = syn.to_string();
    } else if r.class == RawClass::Acronym {
        lower = lower.replace('.', "");
    }
    let mut out = Vec::with_capacity(2);
    let kind = if is_negation(&lower) {
        Kind::Negation
    } else if is_stop(&lower) && !(capital && lower == "us") {
        Kind::Stop
    } else {
        Kind::Word
    };
    let key = match kind {
        Kind::Negation => "not".to_string(),
        Kind::Word => stem(&lower),
        _ => lower.clone(),
    };
    // "doesn't" and "cannot" are two tokens with spans of their own ("does" + "n't",
    // "can" + "not"), so a diff can show the negation alone.
    let split = if extra_neg {
        r.text
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, 'n' | 'N'))
            .map(|(i, _)| r.start + i)
            .filter(|&i| i > r.start)
            .unwrap_or(r.end)
    } else {
        r.end
    };
    out.push(Token {
        key,
        kind,
        start: r.start,
        end: split,
        capital,
    });
    if extra_neg {
        out.push(Token {
            key: "not".into(),
            kind: Kind::Negation,
            start: split.min(r.end),
            end: r.end,
            capital: false,
        });
    }
    out
}

fn value_key(kind: &Kind) -> String {
    fn n(v: f64) -> String {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
    match kind {
        Kind::Number(v) => format!("#{}", n(*v)),
        Kind::Ordinal(v) => format!("#{}th", n(*v)),
        Kind::Age(v) => format!("age{}", n(*v)),
        Kind::Money(v, c) => format!("{c}{}", n(*v)),
        Kind::Percent(v) => format!("{}%", n(*v)),
        Kind::Points(v) => format!("{}pp", n(*v)),
        Kind::Year(y) => format!("y{y}"),
        Kind::Month(m) => format!("month{m}"),
        Kind::Weekday(d) => format!("wd{d}"),
        Kind::Date { month, day, year } => match year {
            Some(y) => format!("{y}-{month:02}-{day:02}"),
            None => format!("{month:02}-{day:02}"),
        },
        Kind::Span(d) => format!("span{}d", n(*d)),
        Kind::Measure { si, dim, .. } => format!("{dim}{}", n(*si)),
        Kind::Time { minutes, offset } => {
            // Retrieval compares instants: a time with a zone is keyed in UTC.
            let utc = |m: i32| m.rem_euclid(24 * 60);
            match offset {
                Some(o) => format!("t{:04}z", utc(i32::from(*minutes) - i32::from(*o))),
                None => format!("t{minutes:04}"),
            }
        }
        _ => String::new(),
    }
}

fn value(kind: Kind, start: usize, end: usize) -> Token {
    Token {
        key: value_key(&kind),
        kind,
        start,
        end,
        capital: false,
    }
}

/// A year (1800–2199) written as the number token at `j`, with the token's end.
fn year_at(raws: &[Raw], j: usize) -> Option<(i32, usize)> {
    let next = raws.get(j).filter(|n| n.class == RawClass::Num)?;
    let y = parse_number(next.text).filter(|y| (1800.0..2200.0).contains(y))?;
    Some((y as i32, next.end))
}

/// Minutes after midnight of a clock time as written ("6:04 p.m.", "6.04pm", "4:17",
/// "11am").
fn clock(lower: &str) -> Option<u16> {
    let digits: String = lower
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ':' | '.'))
        .collect();
    let rest = lower[digits.len()..].replace(['.', ' '], "");
    let (h, m) = match digits.trim_end_matches('.').split_once([':', '.']) {
        Some((h, m)) => (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?),
        None => (digits.trim_end_matches('.').parse::<u16>().ok()?, 0),
    };
    if m >= 60 {
        return None;
    }
    let h = match rest.as_str() {
        "am" if (1..=12).contains(&h) => h % 12,
        "pm" if (1..=12).contains(&h) => h % 12 + 12,
        "" if h < 24 => h,
        _ => return None,
    };
    Some(h * 60 + m)
}

/// The offset from UTC, in minutes, of a time zone's abbreviation (lower case).
fn zone(word: &str) -> Option<i16> {
    lookup(ZONES, word)
}

/// Assemble values (numbers with scales, units, currencies, dates, spans) from raw tokens.
fn assemble(text: &str, raws: &[Raw]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(raws.len());
    let mut i = 0;
    let word = |j: usize| raws.get(j).map(|r| r.lower.as_str()).unwrap_or("");
    // "the first word of a sentence" for capitalisation: the first word token, or one after a ". "
    let is_first = |j: usize| {
        if j == 0 {
            return true;
        }
        let prev_end = raws[j - 1].end;
        let between = &text[prev_end..raws[j].start];
        between.contains(['.', '!', '?', ':', '"', '“', '—']) && !between.contains(',')
    };
    while i < raws.len() {
        let r = &raws[i];
        // A bare number, spelled-out number, or "a"/"an" before a span unit.
        let mut num: Option<(f64, usize)> = None; // value, tokens consumed
        match r.class {
            RawClass::Time => {
                if let Some(minutes) = clock(&r.lower) {
                    let (offset, end, consumed) = match zone(word(i + 1)) {
                        Some(o) => (Some(o), raws[i + 1].end, 2),
                        None => (None, r.end, 1),
                    };
                    out.push(value(Kind::Time { minutes, offset }, r.start, end));
                    i += consumed;
                    continue;
                }
            }
            RawClass::Num
                if r.text.len() == 4
                    && r.text.bytes().all(|b| b.is_ascii_digit())
                    && zone(word(i + 1)).is_some() =>
            {
                // "0647 GMT": a 24-hour clock time with its zone.
                let (h, m) = (&r.text[..2], &r.text[2..]);
                if let (Ok(h), Ok(m)) = (h.parse::<u16>(), m.parse::<u16>())
                    && h < 24
                    && m < 60
                {
                    let offset = zone(word(i + 1));
                    out.push(value(
                        Kind::Time {
                            minutes: h * 60 + m,
                            offset,
                        },
                        r.start,
                        raws[i + 1].end,
                    ));
                    i += 2;
                    continue;
                }
            }
            RawClass::Money => {
                let cur = match r.text.chars().next() {
                    Some('€') => "eur",
                    Some('£') => "gbp",
                    _ => "usd",
                };
                let symbol_len = r.text.chars().next().map_or(0, char::len_utf8);
                let body = r.text[symbol_len..].trim();
                let (digits, suffix) = split_suffix(body);
                if let Some(mut v) = parse_number(digits) {
                    let mut consumed = 1;
                    if let Some(s) = lookup(&crate::lexicon::SCALES, suffix.trim()) {
                        v *= s;
                    } else if let Some(s) = lookup(&crate::lexicon::SCALES, word(i + 1)) {
                        v *= s;
                        consumed = 2;
                    }
                    let end = raws[i + consumed - 1].end;
                    out.push(value(Kind::Money(v, cur), r.start, end));
                    i += consumed;
                    continue;
                }
            }
            RawClass::Num => {
                let (digits, suffix) = split_suffix(r.text);
                if let Some(v) = parse_number(digits) {
                    if suffix == "%" {
                        out.push(value(Kind::Percent(v), r.start, r.end));
                        i += 1;
                        continue;
                    }
                    // "50ft", "26kg": the unit written onto the figure.
                    if let Some((dim, unit)) = measure_unit(suffix).filter(|_| suffix != "m") {
                        out.push(value(measure(v, digits, 1.0, dim, unit), r.start, r.end));
                        i += 1;
                        continue;
                    }
                    if matches!(suffix, "st" | "nd" | "rd" | "th") {
                        out.push(value(Kind::Ordinal(v), r.start, r.end));
                        i += 1;
                        continue;
                    }
                    if let Some(s) = lookup(&crate::lexicon::SCALES, suffix) {
                        num = Some((v * s, 1));
                    } else if !digits.contains([',', '.'])
                        && digits.len() == 4
                        && (1800.0..2200.0).contains(&v)
                        && suffix.is_empty()
                    {
                        out.push(value(Kind::Year(v as i32), r.start, r.end));
                        i += 1;
                        continue;
                    } else if suffix == "s" && digits.len() == 4 {
                        // "1990s": a decade, keep as a year-ish number
                        out.push(value(Kind::Year(v as i32), r.start, r.end));
                        i += 1;
                        continue;
                    } else {
                        num = Some((v, 1));
                    }
                }
            }
            RawClass::Word => {
                // "Monday's", "August's": the possessive does not change the value.
                let w = r
                    .lower
                    .strip_suffix("'s")
                    .or_else(|| r.lower.strip_suffix("’s"))
                    .unwrap_or(r.lower.as_str());
                if let Some(v) = lookup(&crate::lexicon::NUMBER_WORDS, w) {
                    // "one of", "a half": treat "one" as a number only before a noun-ish word
                    let mut v = v;
                    let mut consumed = 1;
                    // twenty five / twenty-five
                    if (20.0..100.0).contains(&v)
                        && let Some(u) =
                            lookup(&crate::lexicon::NUMBER_WORDS, word(i + 1)).filter(|u| *u < 10.0)
                    {
                        v += u;
                        consumed = 2;
                    }
                    if word(i + consumed) == "hundred" {
                        v *= 100.0;
                        consumed += 1;
                    }
                    // "a quarter of a percentage point", "half a percentage point"
                    if w == "quarter" || w == "half" {
                        let mut j = i + 1;
                        while matches!(word(j), "of" | "a" | "an") {
                            j += 1;
                        }
                        if word(j) == "percentage" && word(j + 1).starts_with("point") {
                            let start = if i > 0 && matches!(word(i - 1), "a" | "an") {
                                out.pop();
                                raws[i - 1].start
                            } else {
                                r.start
                            };
                            out.push(value(Kind::Points(v), start, raws[j + 1].end));
                            i = j + 2;
                            continue;
                        }
                        if lookup(SPAN_UNITS, word(j)).is_none() {
                            out.extend(word_token(r, is_first(i)));
                            i += 1;
                            continue;
                        }
                        consumed = j - i;
                    }
                    num = Some((v, consumed));
                } else if matches!(w, "a" | "an")
                    && lookup(SPAN_UNITS, word(i + 1)).is_some_and(|d| d >= 1.0)
                {
                    num = Some((1.0, 1));
                } else if let Some(d) = lookup(WEEKDAYS, w) {
                    out.push(value(Kind::Weekday(d), r.start, r.end));
                    i += 1;
                    continue;
                } else if let Some(v) = lookup(&crate::lexicon::ORDINAL_WORDS, w)
                    && i > 0
                    && ORDINAL_DETERMINERS.contains(&word(i - 1))
                    && word(i + 1) != "of"
                {
                    // "the third country" ranks as "the 3rd country" does; "a third of"
                    // is a fraction, "a second quake" another one, and a bare "Third
                    // Breast" in a headline is a word.
                    // The key stays the word's, so "Third Breast" still shares it.
                    let mut token = value(Kind::Ordinal(v), r.start, r.end);
                    token.key = stem(w);
                    out.push(token);
                    i += 1;
                    continue;
                } else if let Some(m) =
                    lookup(&crate::lexicon::MONTH_WORDS, w.trim_end_matches('.'))
                    && (w.len() > 3 || r.text.chars().next().is_some_and(char::is_uppercase))
                    && (w != "may" || r.text.starts_with('M'))
                    && (w != "march" || r.text.starts_with('M'))
                {
                    // Month [day][,] [year]
                    let mut end = r.end;
                    let mut consumed = 1;
                    let mut day = None;
                    let mut year = None;
                    if let Some(next) = raws.get(i + 1).filter(|n| n.class == RawClass::Num) {
                        let (d, suf) = split_suffix(next.text);
                        if let Some(d) = parse_number(d).filter(|d| (1.0..=31.0).contains(d))
                            && matches!(suf, "" | "st" | "nd" | "rd" | "th")
                        {
                            day = Some(d as u8);
                            end = next.end;
                            consumed = 2;
                        } else if let Some(y) = parse_number(d)
                            .filter(|y| (1800.0..2200.0).contains(y) && suf.is_empty())
                        {
                            year = Some(y as i32);
                            end = next.end;
                            consumed = 2;
                        }
                    }
                    if day.is_some()
                        && let Some((y, y_end)) = year_at(raws, i + 2)
                    {
                        year = Some(y);
                        end = y_end;
                        consumed = 3;
                    }
                    // "25 December": a day number just before the month
                    if day.is_none()
                        && let Some(prev) = out.last()
                        && let Kind::Number(d) | Kind::Ordinal(d) = prev.kind
                        && (1.0..=31.0).contains(&d)
                        && d.fract() == 0.0
                        && i > 0
                        && raws[i - 1].end == prev.end
                    {
                        let start = prev.start;
                        out.pop();
                        let mut year = year;
                        if year.is_none()
                            && let Some((y, y_end)) = year_at(raws, i + 1)
                        {
                            year = Some(y);
                            end = y_end;
                            consumed = 2;
                        }
                        out.push(value(
                            Kind::Date {
                                month: m,
                                day: d as u8,
                                year,
                            },
                            start,
                            end,
                        ));
                        i += consumed;
                        continue;
                    }
                    match day {
                        Some(day) => out.push(value(
                            Kind::Date {
                                month: m,
                                day,
                                year,
                            },
                            r.start,
                            end,
                        )),
                        None => {
                            out.push(value(Kind::Month(m), r.start, r.end));
                            if let Some(y) = year {
                                out.push(value(Kind::Year(y), raws[i + 1].start, end));
                            }
                        }
                    }
                    i += consumed;
                    continue;
                } else if w == "percent" || w == "%" {
                    if let Some(prev) = out.last_mut()
                        && let Kind::Number(v) = prev.kind
                    {
                        prev.kind = Kind::Percent(v);
                        prev.key = value_key(&prev.kind);
                        prev.end = r.end;
                        i += 1;
                        continue;
                    }
                } else if w == "per" && word(i + 1) == "cent" {
                    if let Some(prev) = out.last_mut()
                        && let Kind::Number(v) = prev.kind
                    {
                        prev.kind = Kind::Percent(v);
                        prev.key = value_key(&prev.kind);
                        prev.end = raws[i + 1].end;
                        i += 2;
                        continue;
                    }
                } else if matches!(w, "basis" | "percentage")
                    && word(i + 1).starts_with("point")
                    && let Some(prev) = out.last_mut()
                    && let Kind::Number(v) = prev.kind
                {
                    let v = if w == "basis" { v / 100.0 } else { v };
                    prev.kind = Kind::Points(v);
                    prev.key = value_key(&prev.kind);
                    prev.end = raws[i + 1].end;
                    i += 2;
                    continue;
                }
            }
            RawClass::Pct => {
                if let Some(prev) = out.last_mut()
                    && let Kind::Number(v) = prev.kind
                {
                    prev.kind = Kind::Percent(v);
                    prev.key = value_key(&prev.kind);
                    prev.end = r.end;
                }
                i += 1;
                continue;
            }
            RawClass::Acronym => {}
        }
        if let Some((mut v, consumed)) = num {
            let mut j = i + consumed;
            // "25 and a half days"
            if word(j) == "and" && matches!(word(j + 1), "a" | "one") && word(j + 2) == "half" {
                v += 0.5;
                j += 3;
            }
            // 1.5 million
            // ("6.5 m", with a space, is metres; "6.5m" is millions)
            let mut scale = 1.0;
            if let Some(s) = lookup(&crate::lexicon::SCALES, word(j))
                && !(word(j) == "m" && raws.get(j).is_some_and(|r| r.start > raws[j - 1].end))
            {
                v *= s;
                scale = s;
                j += 1;
            }
            let start = r.start;
            // An age: "aged 96", "at the age of 96", "a 73-year-old", "Charles, who is
            // 73,", "At 74, he …", "Shahzada Dawood, 48,".
            if scale == 1.0
                && v.fract() == 0.0
                && (0.0..=130.0).contains(&v)
                && let Some(end) = age_at(text, raws, i, j)
            {
                out.push(value(Kind::Age(v), start, raws[end - 1].end));
                i = end;
                continue;
            }
            // Currency after the number: 10 billion dollars
            if let Some(cur) = lookup(CURRENCY_WORDS, word(j)) {
                out.push(value(Kind::Money(v, cur), start, raws[j].end));
                i = j + 1;
                continue;
            }
            // A span: two weeks, 14 days, a month
            if let Some(d) = lookup(SPAN_UNITS, word(j)) {
                out.push(value(Kind::Span(v * d), start, raws[j].end));
                i = j + 1;
                continue;
            }
            // A measure: 16.5 feet, a 26-kilogram rover
            if let Some((dim, unit)) = measure_unit(word(j)) {
                let figure = if r.class == RawClass::Num { r.text } else { "" };
                out.push(value(
                    measure(v, figure, scale, dim, unit),
                    start,
                    raws[j].end,
                ));
                i = j + 1;
                continue;
            }
            // A plain quantity.
            if matches!(raws[i].class, RawClass::Word) && consumed == 1 && matches!(word(i), "one")
            {
                // "one" is often a pronoun ("one of the outcomes"): keep it a number only
                // when it counts something.
                if matches!(word(i + 1), "of" | "another" | "") {
                    out.extend(word_token(r, is_first(i)));
                    i += 1;
                    continue;
                }
            }
            let end = raws[j - 1].end;
            out.push(value(Kind::Number(v), start, end));
            i = j;
            continue;
        }
        // "no-show", "no-fly zone", "a no-confidence vote": "no" joined to a word by a
        // hyphen makes a compound, not a negation.
        if r.lower == "no"
            && let Some(next) = raws.get(i + 1)
            && next.class == RawClass::Word
            && text.get(r.end..next.start) == Some("-")
        {
            out.push(plain_word(
                format!("no-{}", stem(&next.lower)),
                r.start,
                next.end,
            ));
            i += 2;
            continue;
        }
        // Two-word names with a usual short form.
        if let Some(short) = match (r.lower.as_str(), word(i + 1)) {
            ("united", "states") => Some("us"),
            ("united", "kingdom") => Some("uk"),
            ("european", "union") => Some("eu"),
            _ => None,
        } {
            out.push(Token {
                key: short.to_string(),
                kind: Kind::Word,
                start: r.start,
                end: raws[i + 1].end,
                capital: r.text.starts_with('U') || r.text.starts_with('E'),
            });
            i += 2;
            continue;
        }
        // Negation said with a verb: "decided against carrying", "declined to say",
        // "failed to send", "refused to sign" state that the act did not happen.
        if r.class == RawClass::Word
            && matches!(word(i + 1), "to" | "against")
            && lookup(NEGATING_VERBS, r.lower.as_str()) == Some(word(i + 1))
        {
            out.extend(word_token(r, is_first(i)));
            out.push(Token {
                key: "not".into(),
                kind: Kind::Negation,
                start: raws[i + 1].start,
                end: raws[i + 1].end,
                capital: false,
            });
            i += 2;
            continue;
        }
        // A quoted term ("a 'no show' fee", "the “no deal” option") names a thing; its
        // "no" negates nothing.
        if r.lower == "no" && quoted_term(text, raws, i) {
            out.push(plain_word("no".into(), r.start, r.end));
            i += 1;
            continue;
        }
        out.extend(word_token(r, is_first(i)));
        i += 1;
    }
    out
}

/// An ordinary lower-case word with `key`: "no" where it negates nothing.
fn plain_word(key: String, start: usize, end: usize) -> Token {
    Token {
        key,
        kind: Kind::Word,
        start,
        end,
        capital: false,
    }
}

/// Does raw `i` open a quoted term of at most three words: a quotation mark right
/// before it and its closing mark within the next three words?
fn quoted_term(text: &str, raws: &[Raw], i: usize) -> bool {
    const OPEN: [char; 4] = ['\'', '"', '‘', '“'];
    const CLOSE: [char; 4] = ['\'', '"', '’', '”'];
    let before = text[..raws[i].start].trim_end_matches(' ');
    if !before.ends_with(OPEN) {
        return false;
    }
    (i..raws.len().min(i + 3)).any(|k| {
        let to = raws.get(k + 1).map_or(text.len(), |n| n.start);
        text.get(raws[k].end..to)
            .is_some_and(|gap| gap.trim_start().starts_with(CLOSE))
    })
}

/// Verbs that negate the act after them, with the word that links them to it.
const NEGATING_VERBS: &[(&str, &str)] = &[
    ("decided", "against"),
    ("decide", "against"),
    ("decides", "against"),
    ("chose", "against"),
    ("voted", "against"),
    ("declined", "to"),
    ("declines", "to"),
    ("refused", "to"),
    ("refuses", "to"),
    ("failed", "to"),
    ("fails", "to"),
];

/// Stems of the content words and canonical values of a text: what retrieval indexes.
pub fn index_terms(tokens: &[Token]) -> impl Iterator<Item = &str> {
    tokens
        .iter()
        .filter(|t| !matches!(t.kind, Kind::Stop))
        .map(|t| t.key.as_str())
}

/// Display a value kind in words, for reasons.
pub fn describe(kind: &Kind) -> &'static str {
    match kind {
        Kind::Number(_) => "number",
        Kind::Ordinal(_) => "rank",
        Kind::Age(_) => "age",
        Kind::Money(..) => "amount",
        Kind::Percent(_) => "percentage",
        Kind::Points(_) => "percentage points",
        Kind::Year(_) => "year",
        Kind::Month(_) => "month",
        Kind::Weekday(_) => "weekday",
        Kind::Date { .. } => "date",
        Kind::Span(_) => "time span",
        Kind::Measure { .. } => "measure",
        Kind::Time { .. } => "time",
        Kind::Negation => "negation",
        Kind::Word | Kind::Stop => "word",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_names_accents_halves_and_negating_verbs() {
        let keys = |s: &str| tokenize(s).into_iter().map(|t| t.key).collect::<Vec<_>>();
        assert_eq!(keys("at 1:47 a.m. EST"), keys("at 0647 GMT"));
        assert!(keys("at 6.04 pm").contains(&format!("t{:04}", 18 * 60 + 4)));
        // "Luna-25" is a name, not the number 25.
        assert!(
            tokenize("Russia's Luna-25 probe")
                .iter()
                .all(|t| !matches!(t.kind, Kind::Number(_)))
        );
        assert_eq!(keys("the Atatürk stadium"), keys("the Ataturk stadium"));
        assert!(
            tokenize("Monday's two earthquakes")
                .iter()
                .any(|t| t.kind == Kind::Weekday(1))
        );
        assert!(
            tokenize("25 and a half days")
                .iter()
                .any(|t| t.kind == Kind::Span(25.5))
        );
        assert!(
            tokenize("managers decided against carrying dummies")
                .iter()
                .any(|t| t.kind == Kind::Negation)
        );
    }

    #[test]
    fn code_is_told_from_prose() {
        assert!(looks_like_code(
            "var via = 'Wire'; share('top', { 'id': '27', 'title': 'Bear attack' });"
        ));
        assert!(looks_like_code("@media screen { .box { display: none; } }"));
        assert!(!looks_like_code(
            "The minister said: \"We will act; we must.\" Turnout was 61%."
        ));
    }

    #[test]
    fn questions_and_quoted_questions() {
        assert!(is_question("Did the minister resign on Monday?"));
        assert!(is_question("\u{2018}Is the crab real?\u{2019}"));
        assert!(is_question("Is it real? "));
        assert!(!is_question(
            "Teen wakes up in surgery and asks doctors \u{2018}How\u{2019}s it going?\u{2019}"
        ));
        assert!(!is_question("The minister resigned."));
    }

    fn keys(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .filter(|t| t.kind != Kind::Stop)
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn spelled_numbers_equal_digits() {
        assert_eq!(keys("seven leaders"), keys("7 leaders"));
        assert_eq!(keys("1.5 million people"), keys("1,500,000 people"));
        assert_eq!(keys("twenty-five cars"), keys("25 cars"));
    }

    #[test]
    fn money_and_percent_paraphrases() {
        assert_eq!(keys("$10bn"), keys("10 billion dollars"));
        assert_eq!(keys("$10 billion"), keys("10 billion dollars"));
        assert_eq!(keys("5 per cent"), keys("5%"));
        assert_eq!(keys("5 percent"), keys("5%"));
        assert_eq!(
            keys("a quarter of a percentage point"),
            keys("25 basis points")
        );
    }

    #[test]
    fn dates_in_any_order() {
        assert_eq!(keys("Dec. 25"), keys("25 December"));
        assert_eq!(keys("August 18, 2025"), keys("18 August 2025"));
        assert_eq!(keys("Aug 18"), vec!["08-18".to_string()]);
        assert_eq!(keys("on Friday"), vec!["wd5".to_string()]);
        assert_eq!(keys("in 2025"), vec!["y2025".to_string()]);
    }

    #[test]
    fn spans_in_days() {
        assert_eq!(keys("within two weeks"), keys("within 14 days"));
        assert_ne!(keys("within two weeks"), keys("within a month"));
        assert_eq!(
            keys("within a month"),
            vec!["within".to_string(), "span30d".to_string()]
        );
    }

    #[test]
    fn units_and_acronyms() {
        assert_eq!(keys("a 6.5 m mirror"), keys("a 6.5-metre mirror"));
        assert_eq!(keys("the U.S. said"), keys("the US said"));
    }

    #[test]
    fn negations_and_contractions() {
        let k = keys("he doesn't believe it");
        assert!(k.contains(&"not".to_string()), "{k:?}");
        assert!(keys("cannot imagine").contains(&"not".to_string()));
        assert!(keys("without a ceasefire").contains(&"not".to_string()));
    }

    #[test]
    fn contractions_split_into_their_own_spans() {
        let s = "He doesn't and cannot.";
        let t = tokenize(s);
        let words: Vec<&str> = t.iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(words, vec!["He", "does", "n't", "and", "can", "not"]);
    }

    #[test]
    fn one_as_pronoun_is_a_word() {
        let t = tokenize("One of the key outcomes");
        assert!(!t.iter().any(|t| t.kind.is_value()));
        let t = tokenize("one meeting");
        assert_eq!(t[0].kind, Kind::Number(1.0));
    }

    #[test]
    fn spans_point_back_to_text() {
        let s = "Merz said, on Aug. 18, that $10bn is fine.";
        for t in tokenize(s) {
            assert!(s.get(t.start..t.end).is_some());
        }
        let date = tokenize(s)
            .into_iter()
            .find(|t| matches!(t.kind, Kind::Date { .. }))
            .unwrap();
        assert_eq!(&s[date.start..date.end], "Aug. 18");
    }

    #[test]
    fn currency_symbols_of_any_width() {
        assert_eq!(keys("£15.95"), vec!["gbp15.95".to_string()]);
        assert_eq!(keys("€3bn"), keys("3 billion euros"));
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "£", "€,", "$", "5%%", "’s", "a.b.", "Dec.", "1st 2nd", "n't", "—", "½ £5m", "U.S.A",
        ] {
            for t in tokenize(s) {
                assert!(s.get(t.start..t.end).is_some(), "{s}");
            }
        }
    }

    #[test]
    fn capitals_mark_names_not_sentence_starts() {
        let t = tokenize("Both leaders met Putin. Then Zelensky left.");
        let caps: Vec<_> = t
            .iter()
            .filter(|t| t.capital)
            .map(|t| t.key.clone())
            .collect();
        assert_eq!(caps, vec!["putin".to_string(), "zelenski".to_string()]);
    }

    /// The first value of `s` that `pick` takes.
    fn first_value<T>(s: &str, pick: impl Fn(&Kind) -> Option<T>) -> Option<T> {
        tokenize(s).iter().find_map(|t| pick(&t.kind))
    }

    #[test]
    fn measures_in_other_units_are_converted() {
        let measure = |s: &str| {
            first_value(s, |k| match *k {
                Kind::Measure {
                    si, dim, precision, ..
                } => Some((si, dim, precision)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no measure in {s:?}"))
        };
        let (si, dim, precision) = measure("16.5 feet across");
        assert_eq!(dim, "length");
        assert!((si - 5.0292).abs() < 1e-9 && (precision - 0.03048).abs() < 1e-9);
        let (si, _, precision) = measure("some 64,000 km");
        assert_eq!((si, precision), (64_000_000.0, 1_000_000.0));
        assert_eq!(measure("the 26-kilogram rover").0, 26.0);
        assert_eq!(measure("thought to be 50ft across"), measure("50 feet"));
        assert_eq!(measure("1.5 million miles").0, 1.5e6 * 1609.344);
        // "6.5m" is millions; "26 pounds" is money in British copy.
        assert!(
            !tokenize("6.5m people")
                .iter()
                .any(|t| matches!(t.kind, Kind::Measure { .. }))
        );
        assert!(
            !tokenize("26 pounds")
                .iter()
                .any(|t| matches!(t.kind, Kind::Measure { .. }))
        );
        assert_eq!(written_precision("40,000"), 1000.0);
        assert_eq!(written_precision("5"), 1.0);
    }

    #[test]
    fn ordinals_are_numbers() {
        let rank = |s: &str| {
            first_value(s, |k| match k {
                Kind::Ordinal(v) => Some(*v),
                _ => None,
            })
        };
        assert_eq!(rank("the third country"), Some(3.0));
        assert_eq!(rank("the 3rd country"), Some(3.0));
        assert_eq!(rank("its twelfth title"), rank("its 12th title"));
        assert_eq!(rank("the 68th minute"), Some(68.0));
        assert_eq!(keys("a third breast"), keys("the third breast"));
        // A bare ordinal in a headline is a word that shares the ranked word's key.
        assert_eq!(rank("Add Third Breast"), None);
        assert_eq!(keys("Add Third Breast")[1], keys("a third breast")[0]);
        // "a third of" is a fraction, "first" ranks without counting.
        assert!(
            !tokenize("a third of the vote")
                .iter()
                .any(|t| t.kind.is_value())
        );
        assert!(
            !tokenize("for the first time")
                .iter()
                .any(|t| t.kind.is_value())
        );
        assert!(
            crate::lexicon::ORDINAL_WORDS.len() > 20,
            "the ordinal table loads"
        );
    }

    #[test]
    fn ages_are_values_of_their_own() {
        let age = |s: &str| {
            first_value(s, |k| match k {
                Kind::Age(v) => Some(*v),
                _ => None,
            })
        };
        assert_eq!(age("The Queen died aged 96."), Some(96.0));
        assert_eq!(age("She died at the age of 96."), Some(96.0));
        assert_eq!(age("a 73-year-old retired teacher"), Some(73.0));
        assert_eq!(age("Charles, who is 73, succeeded her."), Some(73.0));
        assert_eq!(age("At 74, he is the oldest."), Some(74.0));
        assert_eq!(age("Shahzada Dawood, 48, was aboard."), Some(48.0));
        // Counts are not ages.
        assert_eq!(age("Labour won 411 seats, a record."), None);
        assert_eq!(age("The vote was 11-1."), None);
        assert_eq!(age("At 10 Downing Street, he spoke."), None);
    }

    #[test]
    fn a_hyphenated_no_makes_a_compound_not_a_negation() {
        let kinds = |s: &str| tokenize(s).into_iter().map(|t| t.kind).collect::<Vec<_>>();
        assert!(!kinds("a party no-show").contains(&Kind::Negation));
        assert!(!kinds("a no-confidence vote").contains(&Kind::Negation));
        assert!(kinds("There was no vote.").contains(&Kind::Negation));
        assert_eq!(keys("a party no-show"), keys("the party no-shows"));
    }

    #[test]
    fn a_quoted_term_negates_nothing() {
        let negated = |s: &str| tokenize(s).iter().any(|t| t.kind == Kind::Negation);
        assert!(!negated(
            "Boy, 5, billed with 'no show fee' for missing a party"
        ));
        assert!(!negated("Ministers weighed the “no deal” option."));
        assert!(negated("He said 'no, we will go home'."));
        assert!(negated("There was no vote."));
    }
}
