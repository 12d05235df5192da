//! When a claim is a finding and when a run fails: `--fail-on` and the severity of each
//! verdict, decided here once for the exit code and for every CI format.

use serde::{Deserialize, Serialize};

use super::model::Summary;
use crate::verdict::Label;

/// When a run fails.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    clap::ValueEnum,
    Default,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Exit 1 when any claim is contradicted.
    #[default]
    Contradicted,
    /// Exit 1 when any claim is contradicted or unverified.
    Unverified,
    /// Always exit 0 (unless there is an error).
    Never,
}

impl FailOn {
    /// Does a claim with this verdict fail the run? The one predicate behind the exit
    /// code, JUnit's `<failure>` and the step summary's marks.
    pub fn fails(self, label: Label) -> bool {
        match self {
            FailOn::Contradicted => label == Label::Contradicted,
            FailOn::Unverified => label != Label::Supported,
            FailOn::Never => false,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Contradicted => "contradicted",
            FailOn::Unverified => "unverified",
            FailOn::Never => "never",
        }
    }
}

/// How a CI format flags a claim: a contradicted claim is always an error; an
/// unverified one is a warning when `--fail-on unverified`; anything else is no finding
/// (GitHub writes no annotation, SARIF a `none`-level result).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    Error,
    Warning,
}

impl Finding {
    /// The word GitHub's workflow commands and SARIF's `level` both use.
    pub fn as_str(self) -> &'static str {
        match self {
            Finding::Error => "error",
            Finding::Warning => "warning",
        }
    }
}

impl FailOn {
    /// The finding a claim with this verdict is under this policy, if any.
    pub fn finding(self, label: Label) -> Option<Finding> {
        match label {
            Label::Contradicted => Some(Finding::Error),
            Label::Unverified if self == FailOn::Unverified => Some(Finding::Warning),
            _ => None,
        }
    }

    /// Does a run with these counts fail (exit code 1)? A claim fails it exactly when
    /// [`FailOn::fails`] says so.
    pub fn fails_run(self, s: &Summary) -> bool {
        [
            (Label::Supported, s.supported),
            (Label::Contradicted, s.contradicted),
            (Label::Unverified, s.unverified),
        ]
        .into_iter()
        .any(|(label, n)| n > 0 && self.fails(label))
    }
}
