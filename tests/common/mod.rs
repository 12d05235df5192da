//! Helpers the integration tests share: where the crate is, and how to run the
//! `claimcheck` binary the way a user would, without the caller's environment
//! leaking in.
//!
//! Every test binary compiles this module on its own and uses part of it, so items
//! that some binary leaves unused carry `#[allow(dead_code)]`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The bundled draft with planted errors.
#[allow(dead_code)]
pub const ARTICLE: &str = "fixtures/articles/white-house-talks.md";

/// The bundled corpus the draft is checked against.
#[allow(dead_code)]
pub const SOURCES: &str = "fixtures/sources";

/// The crate root: where `Cargo.toml`, `fixtures/` and `tests/` are.
#[allow(dead_code)]
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `root()/rel` as a string, for arguments to a command run in another folder.
#[allow(dead_code)]
pub fn abs(rel: &str) -> String {
    root().join(rel).display().to_string()
}

/// `claimcheck` run in the crate root; see [`cmd_in`].
#[allow(dead_code)]
pub fn cmd() -> Command {
    cmd_in(&root())
}

/// `claimcheck` run in `dir`, with none of the variables that would change its
/// output from the caller's shell: colour (`NO_COLOR`, so that "no colour when
/// stdout is not a terminal" is what is tested), the settings it reads from the
/// environment, and the GitHub step summary.
#[allow(dead_code)]
pub fn cmd_in(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("claimcheck").expect("binary");
    c.current_dir(dir);
    for var in [
        "NO_COLOR",
        "CLAIMCHECK_CONFIG",
        "CLAIMCHECK_FORMAT",
        "CLAIMCHECK_FAIL_ON",
        "GITHUB_STEP_SUMMARY",
    ] {
        c.env_remove(var);
    }
    c
}

/// Run `claimcheck ARGS` in the crate root: (exit code, stdout, stderr).
#[allow(dead_code)]
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&root(), args)
}

/// Run `claimcheck ARGS` in `dir`: (exit code, stdout, stderr).
#[allow(dead_code)]
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    capture(cmd_in(dir).args(args))
}

/// Run a command built with [`cmd`] or [`cmd_in`] and more (stdin, environment):
/// (exit code, stdout, stderr). Fails the test if the binary panicked, was killed by
/// a signal, or printed anything but UTF-8.
#[allow(dead_code)]
pub fn capture(c: &mut Command) -> (i32, String, String) {
    let out = c.output().expect("runs");
    let stderr = String::from_utf8(out.stderr).expect("utf-8 stderr");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr,
    )
}
