//! The command line as case files: each `tests/cmd/NAME.toml` runs `claimcheck` with
//! its `args` (and `stdin`), in its input folder (`NAME.in/`, or the one `fs.base` and
//! `fs.cwd` name) with only the environment it adds, and states the exit code, stdout
//! and stderr it expects, inline or in `NAME.stdout` / `NAME.stderr`. `[VERSION]` in an
//! expected output stands for this package's version.
//!
//! After a deliberate change of output: `TRYCMD=overwrite cargo test --test cmd`, then
//! read the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin(
            "claimcheck",
            std::path::Path::new(env!("CARGO_BIN_EXE_claimcheck")),
        )
        .insert_var("[VERSION]", env!("CARGO_PKG_VERSION"))
        .unwrap()
        .case("tests/cmd/*.toml");
}
