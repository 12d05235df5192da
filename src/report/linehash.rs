//! `partialFingerprints.primaryLocationLineHash`, computed the way GitHub's SARIF upload
//! (github/codeql-action, `fingerprints.ts`) computes it, so that code scanning finds
//! the value it expects and tracks an alert across pushes by the text of its line.
//!
//! The algorithm, as the upload action documents and implements it:
//!
//! - the file is read as UTF-16 code units (JavaScript strings); spaces and tabs are
//!   skipped, and `\r\n`, `\r` and `\n` all become one `\n`;
//! - a line's hash is the polynomial hash, base 37, wrapping at 64 bits, of the 100
//!   characters that start at the line's first character (its first character that is
//!   not a space or a tab, the following lines included); the end of the file is one
//!   character 65535 followed by as many zeros as needed;
//! - the value is the hash in lowercase hexadecimal, `:`, and how many lines of the
//!   file so far (this one included) have the same hash: `a7f2ff13bc495cf2:2`.
//!
//! When the action finds a value already in the log it keeps it and warns if it differs
//! from its own, so a value is only given when it is certainly the action's: not for a
//! file that was not UTF-8 (the action's decoder and ours replace bad bytes
//! differently) or that breaks lines with a lone `\r` (the action counts those as line
//! breaks, our positions do not); the action then computes the value itself.

use std::collections::HashMap;

/// Characters hashed for each line.
const BLOCK: usize = 100;
/// The base of the polynomial hash.
const BASE: u64 = 37;
/// The character that stands for the end of the file.
const EOF: u64 = 65535;

/// The `primaryLocationLineHash` of every line of `text`: element 0 is line 1. The
/// list has one more element than `text` has line breaks (a file that ends with a line
/// break has an empty last line, as the action counts it).
pub fn line_hashes(text: &str) -> Vec<String> {
    let (space, tab, cr, lf) = (
        u64::from(b' '),
        u64::from(b'\t'),
        u64::from(b'\r'),
        u64::from(b'\n'),
    );
    // The characters that count, and where each line starts among them.
    let mut chars: Vec<u64> = Vec::with_capacity(text.len() + 1);
    let mut starts: Vec<usize> = Vec::new();
    let mut at_line_start = true;
    let mut after_cr = false;
    for unit in text
        .encode_utf16()
        .map(u64::from)
        .chain(std::iter::once(EOF))
    {
        if unit == space || unit == tab || (after_cr && unit == lf) {
            after_cr = false;
            continue;
        }
        after_cr = unit == cr;
        let c = if unit == cr { lf } else { unit };
        if at_line_start {
            at_line_start = false;
            starts.push(chars.len());
        }
        if c == lf {
            at_line_start = true;
        }
        chars.push(c);
    }
    let mut seen: HashMap<u64, usize> = HashMap::new();
    starts
        .into_iter()
        .map(|start| {
            let hash = (start..start + BLOCK).fold(0u64, |h, i| {
                h.wrapping_mul(BASE)
                    .wrapping_add(chars.get(i).copied().unwrap_or(0))
            });
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            format!("{hash:x}:{n}")
        })
        .collect()
}

/// [`line_hashes`] of an article's file as read, or `None` when the upload action could
/// read it differently (see the module's documentation).
pub fn article_line_hashes(raw: &str) -> Option<Vec<String>> {
    let lone_cr = raw
        .match_indices('\r')
        .any(|(i, _)| raw.as_bytes().get(i + 1) != Some(&b'\n'));
    if lone_cr || raw.contains(crate::ingest::SUBSTITUTE) {
        return None;
    }
    Some(line_hashes(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values from the upload action's own tests (fingerprints.test.ts).
    #[test]
    fn matches_the_upload_action() {
        assert_eq!(line_hashes(""), ["c129715d7a2bc9a3:1"]);
        assert_eq!(
            line_hashes(" a\nb\n  \t\tc\n d"),
            [
                "271789c17abda88f:1",
                "54703d4cd895b18:1",
                "180aee12dab6264:1",
                "a23a3dc5e078b07b:1"
            ]
        );
        let expected = [
            "e9496ae3ebfced30:1",
            "fb7c023a8b9ccb3f:1",
            "ce8ba1a563dcdaca:1",
            "e20e36e16fcb0cc8:1",
            "b3edc88f2938467e:1",
            "c8e28b0b4002a3a0:1",
            "c129715d7a2bc9a3:1",
        ];
        for text in [
            " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
            " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
            " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
            " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
        ] {
            assert_eq!(line_hashes(text), expected, "{text:?}");
        }
        assert_eq!(
            line_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End"),
            [
                "8b7cf3e952e7aeb2:1",
                "b1ae1287ec4718d9:1",
                "bff680108adb0fcc:1",
                "c6805c5e1288b612:1",
                "b86d3392aea1be30:1",
                "e6ceba753e1a442:1",
            ]
        );
    }

    #[test]
    fn identical_lines_are_numbered() {
        let hashes = line_hashes(&"Lorem ipsum dolor sit amet.\n".repeat(10));
        assert_eq!(
            hashes,
            [
                "a7f2ff13bc495cf2:1",
                "a7f2ff13bc495cf2:2",
                "a7f2ff13bc495cf2:3",
                "a7f2ff13bc495cf2:4",
                "a7f2ff13bc495cf2:5",
                "a7f2ff13bc495cf2:6",
                "a7f2ff1481e87703:1",
                "a9cf91f7bbf1862b:1",
                "55ec222b86bcae53:1",
                "cc97dc7b1d7d8f7b:1",
                "c129715d7a2bc9a3:1"
            ]
        );
    }

    #[test]
    fn characters_outside_the_bmp_count_as_two_code_units() {
        // "😀" is two UTF-16 code units, as JavaScript's charCodeAt sees it.
        let expected = [0xD83D, 0xDE00, EOF]
            .into_iter()
            .chain(std::iter::repeat(0))
            .take(BLOCK)
            .fold(0u64, |h, c| h.wrapping_mul(BASE).wrapping_add(c));
        assert_eq!(line_hashes("\u{1F600}"), [format!("{expected:x}:1")]);
    }

    #[test]
    fn no_value_where_the_action_reads_the_file_differently() {
        assert!(article_line_hashes("a\rb\n").is_none());
        assert!(article_line_hashes("caf\u{1a}\n").is_none());
        assert_eq!(article_line_hashes("a\r\nb\n").unwrap().len(), 3);
    }
}
