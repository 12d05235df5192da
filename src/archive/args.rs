//! The command-line face of the on-disk index: `claimcheck index build|update|info`,
//! with a progress bar on a terminal (files and sentences a second) and a summary on
//! stderr. Kept here so that `cli.rs` only dispatches.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::build::{self, Options, Summary, Tick};
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    #[command(subcommand)]
    pub action: IndexAction,
}

#[derive(Debug, clap::Subcommand)]
pub enum IndexAction {
    /// Index a corpus (files and folders, as `--corpus` takes them) into a new folder.
    #[command(after_help = "Examples:\n  \
        claimcheck index build archive/ wires/ --index .claimcheck-index\n  \
        claimcheck check draft.md --index .claimcheck-index")]
    Build(BuildArgs),
    /// Re-index what changed since the index was built (files added, removed or
    /// modified, by content hash).
    #[command(after_help = "Examples:\n  \
        claimcheck index update --index .claimcheck-index\n  \
        claimcheck index update archive/ wires/ new-wire/ --index .claimcheck-index")]
    Update(UpdateArgs),
    /// Say what an index holds.
    #[command(after_help = "Example:\n  claimcheck index info --index .claimcheck-index")]
    Info(InfoArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Source folders (walked recursively, with their sources.toml) and files.
    #[arg(value_name = "SOURCES", required = true)]
    pub sources: Vec<PathBuf>,
    /// The folder to write the index to (it must not exist yet, or be empty), or a
    /// PostgreSQL database (`postgres://user@host/db`) that has none yet.
    /// Example: `--index .claimcheck-index`
    #[arg(long, value_name = "DIR|URL")]
    pub index: PathBuf,
    /// Largest source file read (bytes; K, M suffixes are KiB, MiB). Example: `--max-bytes 2M`
    #[arg(long, value_name = "SIZE", default_value = crate::fetch::defaults::MAX_BYTES_FLAG, value_parser = crate::fetch::args::parse_size)]
    pub max_bytes: u64,
    /// No progress bar, warnings or summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Source folders and files [default: those the index was built from].
    #[arg(value_name = "SOURCES")]
    pub sources: Vec<PathBuf>,
    /// The index folder, or PostgreSQL database URL. Example: `--index .claimcheck-index`
    #[arg(long, value_name = "DIR|URL")]
    pub index: PathBuf,
    /// Largest source file read (bytes; K, M suffixes are KiB, MiB).
    #[arg(long, value_name = "SIZE", default_value = crate::fetch::defaults::MAX_BYTES_FLAG, value_parser = crate::fetch::args::parse_size)]
    pub max_bytes: u64,
    /// No progress bar, warnings or summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct InfoArgs {
    /// The index folder, or PostgreSQL database URL.
    #[arg(long, value_name = "DIR|URL")]
    pub index: PathBuf,
}

/// Run `claimcheck index …`; returns the exit code.
pub fn run_index(args: &IndexArgs) -> Result<u8> {
    match &args.action {
        IndexAction::Build(a) => {
            let summary = with_progress(a.quiet, a.max_bytes, |opts| {
                build::build(&a.sources, &a.index, opts)
            })?;
            if !a.quiet {
                eprintln!("claimcheck: {}", describe(&summary, &a.index, "built"));
            }
        }
        IndexAction::Update(a) => {
            let given = (!a.sources.is_empty()).then_some(a.sources.as_slice());
            let summary = with_progress(a.quiet, a.max_bytes, |opts| {
                build::update(&a.index, given, opts)
            })?;
            if !a.quiet {
                eprintln!("claimcheck: {}", describe(&summary, &a.index, "updated"));
            }
        }
        IndexAction::Info(a) => {
            let store = super::open(&a.index)?;
            let c = &store.shared().catalog;
            let size = if super::is_postgres(&a.index) {
                "in PostgreSQL".to_string()
            } else {
                format!("{} on disk", size(folder_size(&a.index)))
            };
            println!(
                "{}: {} sources, {} sentences, {size}\nbuilt from: {}\nclaimcheck {} ({})",
                crate::report::printable(&super::shown(&a.index)),
                c.sources.len(),
                c.sentences(),
                crate::report::printable(&c.inputs.join(", ")),
                c.tool_version,
                c.schema
            );
        }
    }
    Ok(0)
}

/// Run a build or update with warnings on stderr and, on a terminal, a progress bar;
/// returns its summary and the seconds it took (for the summary line only).
fn with_progress(
    quiet: bool,
    max_bytes: u64,
    run: impl FnOnce(Options) -> Result<Summary>,
) -> Result<(Summary, f64)> {
    let bar = ProgressBar::hidden();
    if !quiet && std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} files, {msg}, {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
    }
    let started = Instant::now();
    let mut warn = |msg: String| {
        if !quiet {
            bar.suspend(|| eprintln!("claimcheck: warning: {}", crate::report::printable(&msg)));
        }
    };
    let mut progress = |t: Tick| {
        bar.set_length(t.total as u64);
        bar.set_position(t.files as u64);
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{:.0} files/s, {:.0} sentences/s, {:.1} MB/s",
            t.files as f64 / secs,
            t.sentences as f64 / secs,
            t.bytes as f64 / 1e6 / secs
        ));
    };
    let summary = run(Options {
        max_bytes,
        warn: &mut warn,
        progress: &mut progress,
    });
    bar.finish_and_clear();
    Ok((summary?, started.elapsed().as_secs_f64()))
}

/// A byte count for a person: "740 KB", "14.9 MB".
fn size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{:.0} KB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

fn describe(summary: &(Summary, f64), dir: &std::path::Path, what: &str) -> String {
    let (s, seconds) = summary;
    let mb = s.bytes as f64 / 1e6;
    let mut line = format!(
        "{what} {}: {} sources, {} sentences; indexed {} file(s), {} in {:.1} s ({:.1} MB/s)",
        crate::report::printable(&super::shown(dir)),
        s.documents,
        s.sentences,
        s.indexed,
        size(s.bytes),
        seconds,
        if *seconds > 0.0 { mb / seconds } else { 0.0 }
    );
    if what == "updated" {
        line.push_str(&format!(
            "; {} unchanged, {} removed",
            s.unchanged, s.removed
        ));
    }
    line
}

fn folder_size(dir: &std::path::Path) -> u64 {
    ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .build()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
