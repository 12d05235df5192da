//! Publication dates as metadata writes them, normalised to `YYYY-MM-DD`.

use std::sync::LazyLock;

use regex::Regex;

/// Normalise a date as found in metadata ("2025-08-18T23:50:00-04:00", "2025/08/18",
/// "Aug. 18, 2025", "18 August 2025") to "YYYY-MM-DD". The calendar date is taken as
/// written, without converting time zones.
pub fn normalize_date(s: &str) -> Option<String> {
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|\D)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\D|$)|^(\d{4})(\d{2})(\d{2})(?:\D|$)",
        )
        .expect("valid regex")
    });
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b")
            .expect("valid regex")
    });
    static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
            .expect("valid regex")
    });
    static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|\D)(\d{1,2})/(\d{1,2})/(\d{4})(?:\D|$)").expect("valid regex")
    });
    let ymd = |y: &str, m: usize, d: &str| -> Option<String> {
        let d: usize = d.parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}-{m:02}-{d:02}"))
    };
    let s = s.trim();
    if let Some(c) = NUMERIC.captures(s) {
        let (y, m, d) = if c.get(1).is_some() {
            (1, 2, 3)
        } else {
            (4, 5, 6)
        };
        return ymd(&c[y], c[m].parse().ok()?, &c[d]);
    }
    if let Some(c) = SLASHED.captures(s) {
        // 19/08/2025 or 08/19/2025; ambiguous when both parts could be the month.
        let (a, b): (usize, usize) = (c[1].parse().ok()?, c[2].parse().ok()?);
        return match (a > 12, b > 12) {
            (true, false) => ymd(&c[3], b, &c[1]),
            (false, true) => ymd(&c[3], a, &c[2]),
            _ => None,
        };
    }
    if let Some(c) = DAY_MONTH.captures(s)
        && let Some(m) = month_number(&c[2])
    {
        return ymd(&c[3], m, &c[1]);
    }
    if let Some(c) = MONTH_DAY.captures(s)
        && let Some(m) = month_number(&c[1])
    {
        return ymd(&c[3], m, &c[2]);
    }
    None
}

/// The number of a month named in full, by a prefix of three letters or more ("Sept",
/// "Febr") or by its abbreviation (`lexicon/months.tsv`).
fn month_number(name: &str) -> Option<usize> {
    let name = name.to_ascii_lowercase();
    if name.len() < 3 {
        return None;
    }
    crate::lexicon::months()
        .find(|(_, full, abbreviations)| {
            full.starts_with(&name) || abbreviations.contains(&name.as_str())
        })
        .map(|(n, ..)| usize::from(n))
}
