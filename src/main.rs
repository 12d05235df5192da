//! The `claimcheck` binary: thin glue over the library (see `cli`).

fn main() -> std::process::ExitCode {
    claimcheck::cli::main()
}
