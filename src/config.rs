//! Settings: `claimcheck.toml`, the environment and the command line, merged.
//!
//! A newsroom runs claimcheck in CI on every pull request, so the repository has to
//! carry its settings (which corpus, when to fail, who publishes the reviews), the way
//! a code repository carries `ruff.toml` or `_typos.toml`. The rules are the ones those
//! tools taught people:
//!
//! - the file is `claimcheck.toml` (or `.claimcheck.toml`), found by walking up from
//!   the working directory and stopping at the repository root (the folder holding
//!   `.git`); `--config FILE` or `CLAIMCHECK_CONFIG` names one instead, `--isolated`
//!   ignores them all;
//! - precedence is flags, then environment (`CLAIMCHECK_FORMAT`, `CLAIMCHECK_FAIL_ON`,
//!   read by clap together with the flags), then the file, then defaults;
//! - paths in the file are relative to the file's folder, so the same file works from
//!   any subfolder;
//! - an unknown key or a bad value is an error naming the key and the file (exit 2):
//!   a typo in a CI setting must not silently turn a check off.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::report::{FailOn, Format, Publisher};
use crate::verdict::Verifier;

/// File names looked for in each folder, in order.
pub const FILE_NAMES: &[&str] = &["claimcheck.toml", ".claimcheck.toml"];

/// `claimcheck.toml` as written. Every key is optional; unknown keys are errors.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileConfig {
    /// Source folders, files (relative to the config file) or URLs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corpus: Option<Vec<String>>,
    /// An index folder written by `claimcheck index build` (relative to the config
    /// file), checked against instead of reading the corpus; `--corpus` overrides it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<Thresholds>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore: Option<IgnoreRules>,
    /// Loopback, private or link-local addresses or networks (`10.0.0.0/8`) that URL
    /// inputs may reach; added to `--allow-address`. Everything non-public is refused
    /// otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_addresses: Option<Vec<String>>,
}

/// Verification thresholds (see `align::Aligner` and `verdict::Verifier`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Thresholds {
    /// Anchor share needed for a conflict to count as a contradiction (0–1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contradict_anchor: Option<f64>,
    /// Coverage needed for support (0–1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_coverage: Option<f64>,
    /// Coverage below which a sentence is not even related (0–1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_coverage: Option<f64>,
    /// Candidate sentences retrieved per claim (1–1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<usize>,
    /// Evidence sentences listed per claim (1–100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_evidence: Option<usize>,
}

/// What not to report.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IgnoreRules {
    /// Claim ids (`c-…`) reviewed and accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
    /// Regular expressions; a claim whose text matches one is not reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<String>,
    /// Gitignore-style globs, relative to the config file, of articles that a folder
    /// walk skips (e.g. "archive/", "*.draft.txt").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
}

/// What the command line (flags and, through clap, environment) says.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--config FILE` / `CLAIMCHECK_CONFIG`.
    pub config: Option<PathBuf>,
    /// `--isolated`: no config file at all.
    pub isolated: bool,
    pub corpus: Vec<PathBuf>,
    /// `--index DIR`.
    pub index: Option<PathBuf>,
    pub fail_on: Option<FailOn>,
    pub format: Option<Format>,
    /// The articles of the run: the config file is looked for from their folders
    /// first (URLs and `-` are skipped).
    pub articles: Vec<PathBuf>,
}

/// The `check` flags about settings and baselines (flattened into `CheckArgs`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConfigArgs {
    /// Read settings from FILE instead of the nearest claimcheck.toml (also
    /// CLAIMCHECK_CONFIG). Example: `--config ci/claimcheck.toml`
    #[arg(long, value_name = "FILE", env = "CLAIMCHECK_CONFIG")]
    pub config: Option<PathBuf>,
    /// Ignore every config file (and CLAIMCHECK_CONFIG). Example: `--isolated`
    #[arg(long)]
    pub isolated: bool,
    /// Print the merged settings as TOML and exit. Example: `claimcheck check --dump-config`
    #[arg(long)]
    pub dump_config: bool,
    /// Report only findings that FILE (from --write-baseline) does not record.
    /// Example: `--baseline .claimcheck-baseline.json`
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE (atomically) and exit 0.
    /// Example: `--write-baseline .claimcheck-baseline.json`
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

impl ConfigArgs {
    /// Merge these flags and the other `check` flags (already merged with the
    /// environment by clap) with the config file and the defaults.
    pub fn resolve(
        &self,
        articles: &[PathBuf],
        corpus: &[PathBuf],
        index: Option<&Path>,
        format: Option<Format>,
        fail_on: Option<FailOn>,
    ) -> Result<Settings> {
        Settings::resolve(&Overrides {
            config: self.config.clone(),
            isolated: self.isolated,
            corpus: corpus.to_vec(),
            index: index.map(Path::to_path_buf),
            fail_on,
            format,
            articles: articles.to_vec(),
        })
    }
}

/// The merged settings of one run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config file used, if any.
    pub file: Option<PathBuf>,
    /// Folder that relative paths of the file are resolved from (the working
    /// directory when there is no file).
    pub root: PathBuf,
    pub corpus: Vec<PathBuf>,
    /// The on-disk index to check against instead of reading `corpus`.
    pub index: Option<PathBuf>,
    pub fail_on: FailOn,
    pub format: Format,
    pub thresholds: Thresholds,
    pub publisher: Publisher,
    pub ignore: IgnoreRules,
    /// `allow-addresses` of the file, parsed.
    pub allow_addresses: Vec<ipnet::IpNet>,
}

impl Settings {
    /// Resolve settings from the working directory.
    pub fn resolve(over: &Overrides) -> Result<Settings> {
        let cwd = std::env::current_dir().map_err(|e| Error::io(".", &e))?;
        Self::resolve_in(&cwd, over)
    }

    /// Resolve settings as if run in `cwd`.
    pub fn resolve_in(cwd: &Path, over: &Overrides) -> Result<Settings> {
        let file = if over.isolated {
            None
        } else if let Some(path) = &over.config {
            if !path.is_file() {
                return Err(Error::input(
                    path,
                    "config file not found (from --config or CLAIMCHECK_CONFIG); check the path",
                ));
            }
            Some(path.clone())
        } else {
            discover_for(cwd, &over.articles)?
        };
        let (config, root) = match &file {
            Some(path) => {
                let abs = cwd.join(path);
                let raw = std::fs::read_to_string(&abs).map_err(|e| Error::io(path, &e))?;
                let config = parse(&relative_to(&abs, cwd), &raw)?;
                let dir = path.parent().unwrap_or(Path::new(""));
                let root = if dir.as_os_str().is_empty() {
                    cwd.to_path_buf()
                } else {
                    cwd.join(dir)
                };
                (config, root)
            }
            None => (FileConfig::default(), cwd.to_path_buf()),
        };
        let corpus = if !over.corpus.is_empty() {
            over.corpus.clone()
        } else {
            config
                .corpus
                .iter()
                .flatten()
                .map(|c| {
                    if crate::input::is_url(c) {
                        PathBuf::from(c)
                    } else {
                        relative_to(&root.join(c), cwd)
                    }
                })
                .collect()
        };
        // A corpus on the command line overrides an index of the file.
        let index = over.index.clone().or_else(|| {
            if over.corpus.is_empty() {
                config
                    .index
                    .as_ref()
                    .map(|i| relative_to(&root.join(i), cwd))
            } else {
                None
            }
        });
        Ok(Settings {
            file: file.map(|f| relative_to(&cwd.join(f), cwd)),
            root,
            corpus,
            index,
            fail_on: over.fail_on.or(config.fail_on).unwrap_or_default(),
            format: over.format.or(config.format).unwrap_or_default(),
            thresholds: config.thresholds.unwrap_or_default(),
            publisher: config.publisher.unwrap_or_default(),
            ignore: config.ignore.unwrap_or_default(),
            allow_addresses: config
                .allow_addresses
                .iter()
                .flatten()
                .filter_map(|a| crate::fetch::guard::parse_allowed(a).ok())
                .collect(),
        })
    }

    /// The verifier these settings ask for.
    pub fn verifier(&self) -> Verifier {
        let mut v = Verifier::default();
        let t = &self.thresholds;
        if let Some(x) = t.contradict_anchor {
            v.aligner.contradict_anchor = x;
        }
        if let Some(x) = t.support_coverage {
            v.aligner.support_coverage = x;
        }
        if let Some(x) = t.related_coverage {
            v.aligner.related_coverage = x;
        }
        if let Some(x) = t.candidates {
            v.candidates = x;
        }
        if let Some(x) = t.max_evidence {
            v.max_evidence = x;
        }
        v
    }

    /// The merged settings as a `claimcheck.toml` (`--dump-config`), every value
    /// spelled out, defaults included.
    pub fn dump(&self) -> String {
        let d = Verifier::default();
        let t = &self.thresholds;
        let merged = FileConfig {
            corpus: Some(
                self.corpus
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect(),
            ),
            index: self
                .index
                .as_ref()
                .map(|p| p.to_string_lossy().into_owned()),
            fail_on: Some(self.fail_on),
            format: Some(self.format),
            thresholds: Some(Thresholds {
                contradict_anchor: Some(t.contradict_anchor.unwrap_or(d.aligner.contradict_anchor)),
                support_coverage: Some(t.support_coverage.unwrap_or(d.aligner.support_coverage)),
                related_coverage: Some(t.related_coverage.unwrap_or(d.aligner.related_coverage)),
                candidates: Some(t.candidates.unwrap_or(d.candidates)),
                max_evidence: Some(t.max_evidence.unwrap_or(d.max_evidence)),
            }),
            publisher: Some(self.publisher.clone()),
            ignore: Some(self.ignore.clone()),
            allow_addresses: Some(self.allow_addresses.iter().map(|n| n.to_string()).collect()),
        };
        let source = match &self.file {
            Some(f) => format!("# config file: {}\n", f.display()),
            None => "# config file: none\n".to_string(),
        };
        let body = toml::to_string(&merged).unwrap_or_else(|e| format!("# cannot print: {e}\n"));
        format!(
            "# claimcheck settings after merging flags > environment > config file > defaults\n\
             # paths are relative to the working directory\n{source}\n{body}"
        )
    }
}

/// The config file that applies in `start`: the nearest `claimcheck.toml` or
/// `.claimcheck.toml` in `start` or a parent, not looking above the repository root
/// (the first folder with a `.git`).
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// The config file for a run on `articles`: the one found from the articles' folders
/// (as ruff and typos look from each file), else the one found from `cwd`. Articles
/// under two different config files are refused, since one run has one corpus and
/// one set of thresholds.
pub fn discover_for(cwd: &Path, articles: &[PathBuf]) -> Result<Option<PathBuf>> {
    let mut found: Option<(PathBuf, PathBuf, &PathBuf)> = None;
    for article in articles {
        let text = article.to_string_lossy();
        if text == "-" || crate::input::is_url(&text) {
            continue;
        }
        let abs = cwd.join(article);
        let start = if abs.is_dir() {
            abs.clone()
        } else {
            match abs.parent() {
                Some(p) => p.to_path_buf(),
                None => continue,
            }
        };
        let Some(file) = discover(&start) else {
            continue;
        };
        let key = std::fs::canonicalize(&file).unwrap_or_else(|_| normalize(&file));
        match &found {
            None => found = Some((key, file, article)),
            Some((seen, first, by)) if *seen != key => {
                return Err(Error::Usage(format!(
                    "{} falls under {} but {} under {}; check them in separate runs, \
                     or name one file with --config",
                    by.display(),
                    relative_to(first, cwd).display(),
                    article.display(),
                    relative_to(&file, cwd).display(),
                )));
            }
            Some(_) => {}
        }
    }
    match found {
        Some((_, file, _)) => Ok(Some(file)),
        None => Ok(discover(cwd)),
    }
}

/// Parse and check config text; `path` is only for messages.
pub fn parse(path: &Path, raw: &str) -> Result<FileConfig> {
    let config: FileConfig = toml::from_str(raw).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        let line = line_of(raw, offset);
        let key = key_at(raw, offset);
        let what = e.message().trim().to_string();
        let message = match key {
            Some(key) => format!("`{key}`: {what}"),
            None => what,
        };
        Error::parse(
            path,
            line,
            format!(
                "{message}; see the settings in `claimcheck check --dump-config` and the README"
            ),
        )
    })?;
    validate(path, raw, &config)?;
    Ok(config)
}

fn validate(path: &Path, raw: &str, c: &FileConfig) -> Result<()> {
    let bad = |key: &str, message: String| {
        let (table, key) = key.rsplit_once('.').map_or(("", key), |(t, k)| (t, k));
        let line = raw
            .lines()
            .position(|l| {
                let l = l.trim_start();
                l.starts_with(key) && l[key.len()..].trim_start().starts_with('=')
            })
            .map_or(1, |i| i + 1);
        let shown = if table.is_empty() {
            key.to_string()
        } else {
            format!("{table}.{key}")
        };
        Error::parse(path, line, format!("`{shown}`: {message}"))
    };
    if let Some(t) = &c.thresholds {
        for (key, value) in [
            ("thresholds.contradict-anchor", t.contradict_anchor),
            ("thresholds.support-coverage", t.support_coverage),
            ("thresholds.related-coverage", t.related_coverage),
        ] {
            if let Some(v) = value
                && !(0.0..=1.0).contains(&v)
            {
                return Err(bad(
                    key,
                    format!("{v} is out of range; use a number from 0 to 1"),
                ));
            }
        }
        if let Some(n) = t.candidates
            && !(1..=1000).contains(&n)
        {
            return Err(bad(
                "thresholds.candidates",
                format!("{n} is out of range; use 1 to 1000"),
            ));
        }
        if let Some(n) = t.max_evidence
            && !(1..=100).contains(&n)
        {
            return Err(bad(
                "thresholds.max-evidence",
                format!("{n} is out of range; use 1 to 100"),
            ));
        }
    }
    for a in c.allow_addresses.iter().flatten() {
        if let Err(message) = crate::fetch::guard::parse_allowed(a) {
            return Err(bad("allow-addresses", message));
        }
    }
    if let Some(p) = &c.publisher {
        for (key, value) in [
            ("publisher.url", &p.url),
            ("publisher.review-url", &p.review_url),
            ("publisher.article-url", &p.article_url),
        ] {
            if let Some(u) = value
                && !crate::input::is_url(u)
            {
                return Err(bad(
                    key,
                    format!("'{u}' is not a web address; write it as https://…"),
                ));
            }
        }
    }
    if let Some(i) = &c.ignore {
        for p in &i.patterns {
            if let Err(e) = regex::Regex::new(p) {
                return Err(bad(
                    "ignore.patterns",
                    format!("'{p}' is not a valid regular expression: {e}"),
                ));
            }
        }
        for id in &i.claims {
            if !id.starts_with("c-") {
                return Err(bad(
                    "ignore.claims",
                    format!("'{id}' is not a claim id; ids look like c-5e0b1f9a2c7d"),
                ));
            }
        }
    }
    if let Some(corpus) = &c.corpus
        && corpus.iter().any(|p| p.trim().is_empty())
    {
        return Err(bad(
            "corpus",
            "an entry is empty; give a folder, file or URL".into(),
        ));
    }
    Ok(())
}

fn line_of(raw: &str, offset: usize) -> usize {
    let offset = offset.min(raw.len());
    raw.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The dotted key written on the line at `offset` (`thresholds.candidates`), if any.
fn key_at(raw: &str, offset: usize) -> Option<String> {
    let offset = offset.min(raw.len());
    let start = raw[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = raw[start..].lines().next().unwrap_or("");
    let key = line.split('=').next()?.trim();
    if !line.contains('=') || key.is_empty() || key.starts_with('[') {
        let header = line.trim();
        return (header.starts_with('[')).then(|| header.trim_matches(['[', ']']).to_string());
    }
    let table = raw[..start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && !l.starts_with("[["))
        .map(|l| l.trim_matches(['[', ']']).trim().to_string());
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

/// `path` relative to `base` when both are absolute (with `..` steps where needed);
/// `path` unchanged otherwise.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let path = normalize(path);
    let base = normalize(base);
    if !path.is_absolute() || !base.is_absolute() {
        return path;
    }
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return path;
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// Drop `.` components and fold `dir/..` lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = parse(
            Path::new("claimcheck.toml"),
            "fail-on = \"never\"\n[thresholds]\nsupport = 0.5\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("claimcheck.toml:3:"), "{err}");
        assert!(err.contains("thresholds.support"), "{err}");
    }

    #[test]
    fn bad_value_names_key() {
        let err = parse(Path::new("c.toml"), "fail-on = \"sometimes\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("`fail-on`"), "{err}");
        let err = parse(
            Path::new("c.toml"),
            "[thresholds]\nsupport-coverage = 2.0\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("c.toml:2:") && err.contains("support-coverage"),
            "{err}"
        );
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_to(Path::new("/a/b/c"), Path::new("/a/b")),
            PathBuf::from("c")
        );
        assert_eq!(
            relative_to(Path::new("/a/x"), Path::new("/a/b")),
            PathBuf::from("../x")
        );
        assert_eq!(
            relative_to(Path::new("/a/b/./c/../d"), Path::new("/a/b")),
            PathBuf::from("d")
        );
    }
}
