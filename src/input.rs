//! What an argument names: a web page, standard input, or a path.
//!
//! Articles, corpus entries, claim sets and URL lists are all given as one string on
//! the command line or in `claimcheck.toml`. Deciding what that string is happens here,
//! once, at the bottom of the crate, so that every command and every report format
//! agrees (a SARIF location and a ClaimReview appearance must treat the same string as
//! a URL that the reader fetched).

use std::path::Path;

/// An input as the user named it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input<'a> {
    /// An `http://` or `https://` address, fetched at run time.
    Url(&'a str),
    /// `-`: read standard input.
    Stdin,
    /// Anything else: a file or a folder.
    Path(&'a Path),
}

impl<'a> Input<'a> {
    /// Classify a path argument.
    pub fn of(path: &'a Path) -> Input<'a> {
        match path.to_str() {
            Some(s) if is_url(s) => Input::Url(s),
            Some("-") => Input::Stdin,
            _ => Input::Path(path),
        }
    }
}

/// Is this string a web address (an `http://` or `https://` URL)?
///
/// This is the cheap test of what the user meant; [`crate::fetch::parse_url`] then
/// checks that the address is one the fetcher may reach.
pub fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_told_apart() {
        assert_eq!(
            Input::of(Path::new("https://example.org/a")),
            Input::Url("https://example.org/a")
        );
        assert_eq!(Input::of(Path::new("-")), Input::Stdin);
        assert_eq!(
            Input::of(Path::new("drafts/a.md")),
            Input::Path(Path::new("drafts/a.md"))
        );
        // A file whose name starts like a scheme, without `//`, is a file.
        assert!(!is_url("http:notes.txt"));
        assert!(!is_url("ftp://example.org/a"));
    }
}
