//! The command line: parse arguments, call the library, map the outcome to one exit
//! code (0 pass, 1 findings at or above `--fail-on`, 2 usage, config or I/O error).
//! Reports go to stdout (or `--output`), warnings and progress to stderr.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::check::{self, ArticleClaims};

use crate::error::{Error, Result};
use crate::index::Bm25;
use crate::report::{self, Format, RunReport};
use crate::verdict::Verifier;

#[derive(Debug, Parser)]
#[command(
    name = "claimcheck",
    version,
    about = "Check a news article's factual claims against a corpus of sources",
    long_about = "Check a news article's factual claims against a corpus of sources.\n\n\
        claimcheck extracts the check-worthy claims of an article, finds evidence in the \
        sources with ranked retrieval and word diffs, and labels each claim supported, \
        contradicted or unverified, with the evidence sentence, its source and the diff.\n\n\
        Deterministic and offline unless you give it a URL: no API keys, no model, the same \
        input gives the same bytes.",
    after_help = "Examples:\n  \
        claimcheck check fixtures/articles/white-house-talks.md --corpus fixtures/sources\n  \
        claimcheck extract draft.md --format json --output claims/draft.json\n  \
        claimcheck check --claims claims/draft.json --corpus sources/ --format json\n\n\
        Exit codes: 0 pass, 1 a claim's verdict reached --fail-on, 2 usage, config or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Verify an article's claims against a corpus of sources.
    #[command(after_help = "Examples:\n  \
        claimcheck check draft.md --corpus sources/\n  \
        cat draft.txt | claimcheck check - --corpus sources/ --format json\n  \
        claimcheck check --claims claims/draft.json --corpus sources/ --fail-on unverified")]
    Check(CheckArgs),
    /// Print an article's claims as a claim set an editor can review and edit.
    #[command(after_help = "Examples:\n  \
        claimcheck extract draft.md\n  \
        claimcheck extract draft.md --format json --output claims/draft.json")]
    Extract(ExtractArgs),
    /// Measure verdict quality on a labelled dataset (JSON Lines, optionally gzipped).
    #[command(after_help = "Examples:\n  \
        claimcheck eval ../shared/datasets/fnc1/dev-balanced.jsonl\n  \
        claimcheck eval data.jsonl.gz --format json --predictions preds.jsonl --limit 1000")]
    Eval(EvalArgs),
    /// Download web pages into a corpus folder (concurrent, polite, cached).
    #[command(after_help = "Examples:\n  \
        claimcheck fetch https://example.org/news/talks.html --out sources/\n  \
        claimcheck fetch --from urls.txt --out sources/ --concurrency 4\n\n\
        Exit codes: 0 all pages fetched, 1 some failed (listed), 2 usage error.")]
    Fetch(crate::fetch::args::FetchArgs),
    /// Keep a corpus indexed (on disk or in PostgreSQL), so `check --index` need not read it again.
    #[command(after_help = "Examples:\n  \
        claimcheck index build archive/ wires/ --index .claimcheck-index\n  \
        claimcheck index update --index .claimcheck-index\n  \
        claimcheck check draft.md --index .claimcheck-index")]
    Index(crate::archive::args::IndexArgs),
    /// Print the JSON Schema of a document claimcheck writes (also in `schemas/`).
    #[command(after_help = "Examples:\n  \
        claimcheck schema report > report-v1.schema.json\n  \
        claimcheck schema claims")]
    Schema {
        /// Which document.
        #[arg(value_enum)]
        which: SchemaKind,
    },
    /// Print a shell completion script.
    #[command(after_help = "Examples:\n  \
        claimcheck completions bash > ~/.local/share/bash-completion/completions/claimcheck\n  \
        claimcheck completions zsh > ~/.zfunc/_claimcheck\n  \
        claimcheck completions fish > ~/.config/fish/completions/claimcheck.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page of claimcheck, or of one of its commands, in roff.
    #[command(after_help = "Examples:\n  \
        claimcheck man > claimcheck.1 && man ./claimcheck.1\n  \
        claimcheck man check > claimcheck-check.1")]
    Man {
        /// A command (check, extract, eval, fetch, index, ...) for its own page.
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
}

/// The roff man page of `claimcheck`, or of `claimcheck COMMAND` (named
/// `claimcheck-COMMAND`, as `man` expects of a command's page).
fn man_page(command: Option<&str>) -> Result<Vec<u8>> {
    let top = Cli::command();
    let page = match command {
        None => top,
        Some(name) => {
            let sub = top.find_subcommand(name).cloned().ok_or_else(|| {
                let names: Vec<&str> = top
                    .get_subcommands()
                    .map(|c| c.get_name())
                    .filter(|n| *n != "help")
                    .collect();
                Error::Usage(format!(
                    "no command `{name}`; the commands are {}",
                    names.join(", ")
                ))
            })?;
            // One page a run: leaking its name is what clap's `&'static str` asks.
            sub.name(&*String::leak(format!("claimcheck-{name}")))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .map_err(|e| Error::Usage(format!("cannot render the man page: {e}")))?;
    Ok(buf)
}

/// `--color`: when the text report is coloured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and `NO_COLOR` is unset or empty.
    #[default]
    Auto,
    /// Always, even into a file or a pipe (and despite `NO_COLOR`).
    Always,
    /// Never.
    Never,
}

/// The documents whose schema `claimcheck schema` prints.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SchemaKind {
    /// The check report (`check --format json`, `claimcheck.report/1`).
    Report,
    /// The evaluation report (`eval --format json`, `claimcheck.eval/1`).
    Eval,
    /// The claim set (`extract --format json`, `claimcheck.claims/1`).
    Claims,
}

impl SchemaKind {
    /// The schema's text, as shipped in `schemas/`.
    pub fn text(self) -> &'static str {
        match self {
            SchemaKind::Report => include_str!("../schemas/report-v1.schema.json"),
            SchemaKind::Eval => include_str!("../schemas/eval-v1.schema.json"),
            SchemaKind::Claims => include_str!("../schemas/claims-v1.schema.json"),
        }
    }
}

/// When a run fails (defined with the settings, which share it).
pub use crate::report::FailOn;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Articles to check (.txt, .md, .html, or an http(s) URL); `-` reads stdin. A
    /// folder is walked for .md, .txt and .html articles (respecting .gitignore).
    /// Example: `claimcheck check draft.md --corpus sources/`
    #[arg(value_name = "ARTICLE")]
    pub articles: Vec<PathBuf>,
    /// The name of an article read from stdin (`-`): the path every report gives it,
    /// where claimcheck.toml is looked for, and its type by extension (.md, .html).
    /// Example: `git show HEAD:drafts/a.md | claimcheck check - --stdin-filename drafts/a.md`
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Source folder (walked recursively), file or http(s) URL; repeat the flag for
    /// several. Defaults to `corpus` in claimcheck.toml.
    /// Example: `--corpus fixtures/sources --corpus https://example.org/wire.html`
    #[arg(long, value_name = "PATH")]
    pub corpus: Vec<PathBuf>,
    /// Check against an index written by `claimcheck index build` (a folder, or a
    /// `postgres://` database URL) instead of reading a corpus [default: `index` in
    /// claimcheck.toml]. Example: `--index .claimcheck-index`
    #[arg(long, value_name = "DIR|URL", conflicts_with = "corpus")]
    pub index: Option<PathBuf>,
    /// Verify a reviewed claim set (from `claimcheck extract --format json`) instead of
    /// extracting claims afresh. Example: `--claims claims/draft.json`
    #[arg(long, value_name = "FILE", conflicts_with = "articles")]
    pub claims: Vec<PathBuf>,
    /// Output format [default: text, or `format` in claimcheck.toml].
    /// Example: `--format json`, `--format sarif --output claimcheck.sarif`
    #[arg(long, value_enum, env = "CLAIMCHECK_FORMAT")]
    pub format: Option<Format>,
    /// Exit 1 when some claim's verdict reaches this level [default: contradicted, or
    /// `fail-on` in claimcheck.toml]. Example: `--fail-on unverified`
    #[arg(long, value_enum, env = "CLAIMCHECK_FAIL_ON")]
    pub fail_on: Option<FailOn>,
    /// Colour the text report: auto (on a terminal, unless NO_COLOR is set), always,
    /// never. Example: `--color always | less -R`
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Text report: show the sentence each fact was taken from and a word diff under
    /// every piece of evidence. Example: `--verbose`
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Write the report to FILE (atomically) instead of stdout. Example: `--output report.json`
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Do not print warnings on stderr. Example: `--quiet`
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// With `--format sarif`, write supported claims as `pass` results too (left out by
    /// default, so code scanning lists only what needs a look). Example: `--sarif-supported`
    #[arg(long)]
    pub sarif_supported: bool,
    /// Config file and baselines.
    #[command(flatten, next_help_heading = "Settings and baselines")]
    pub settings: crate::config::ConfigArgs,
    /// How articles and sources given as URLs are fetched.
    #[command(flatten, next_help_heading = "Fetching URLs")]
    pub net: crate::fetch::args::NetArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExtractFormat {
    /// A readable list, one claim per block.
    #[default]
    Text,
    /// The claim-set file (`claimcheck.claims/1`) that `check --claims` reads.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// The article (.txt, .md, .html); `-` reads stdin. Example: `claimcheck extract draft.md`
    #[arg(value_name = "ARTICLE")]
    pub article: PathBuf,
    /// The name of an article read from stdin (`-`): the path every report gives it,
    /// where claimcheck.toml is looked for, and its type by extension (.md, .html).
    /// Example: `git show HEAD:drafts/a.md | claimcheck check - --stdin-filename drafts/a.md`
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Output format. Example: `--format json`
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,
    /// Write to FILE (atomically) instead of stdout. Example: `--output claims/draft.json`
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Do not print warnings on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// How the article is read and, given as a URL, fetched (the size cap applies to
    /// files and stdin too).
    #[command(flatten, next_help_heading = "Fetching URLs")]
    pub net: crate::fetch::args::NetArgs,
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let outcome = match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Extract(args) => run_extract(&args),
        Command::Eval(args) => run_eval(&args),
        Command::Fetch(args) => crate::fetch::args::run_fetch(&args),
        Command::Index(args) => crate::archive::args::run_index(&args),
        Command::Schema { which } => emit(None, which.text().as_bytes()).map(|()| 0),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "claimcheck", &mut buf);
            emit(None, &buf).map(|()| 0)
        }
        Command::Man { command } => {
            man_page(command.as_deref()).and_then(|page| emit(None, &page).map(|()| 0))
        }
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!(
                "claimcheck: error: {}",
                crate::report::printable(&e.to_string())
            );
            ExitCode::from(2)
        }
    }
}

fn warn(quiet: bool) -> impl FnMut(String) {
    move |msg: String| {
        if !quiet {
            eprintln!("claimcheck: warning: {}", crate::report::printable(&msg));
        }
    }
}

/// Run `check`; returns the exit code.
pub fn run_check(args: &CheckArgs) -> Result<u8> {
    let named: Vec<PathBuf> = args
        .articles
        .iter()
        .map(|a| match &args.stdin_filename {
            Some(name) if a.as_os_str() == "-" => name.clone(),
            _ => a.clone(),
        })
        .collect();
    let settings = args.settings.resolve(
        &named,
        &args.corpus,
        args.index.as_deref(),
        args.format,
        args.fail_on,
    )?;
    if args.settings.dump_config {
        emit(None, settings.dump().as_bytes())?;
        return Ok(0);
    }
    if args.articles.is_empty() && args.claims.is_empty() {
        return Err(Error::Usage(
            "no article given; pass an ARTICLE path (or `-` for stdin), or --claims FILE".into(),
        ));
    }
    let mut warn = warn(args.quiet);
    for out in args.output.iter().chain(&args.settings.write_baseline) {
        let inputs = args
            .articles
            .iter()
            .chain(&args.claims)
            .chain(&settings.corpus)
            .chain(&settings.file)
            .chain(&args.settings.baseline);
        refuse_overwriting_inputs(out, inputs)?;
    }
    let mut articles: Vec<ArticleClaims> = Vec::new();
    // Each article's file as read, for inline suppressions and the HTML page.
    let mut texts = std::collections::BTreeMap::new();
    let inputs = check::expand_articles(
        &args.articles,
        &settings.corpus,
        &settings.ignore.paths,
        &settings.root,
    )?;
    let mut net = args.net.to_options();
    net.allow_addresses
        .extend(settings.allow_addresses.iter().copied());
    for path in &inputs {
        let doc = check::read_article_as(path, &net, args.stdin_filename.as_deref())?;
        for w in &doc.warnings {
            warn(format!("{}: {w}", doc.name));
        }
        articles.push(check::extract(&doc));
        texts.insert(doc.name.clone(), doc.raw.clone());
    }
    for path in &args.claims {
        let set = check::read_claimset(path)?;
        match check::claimset_story(&set, net.max_bytes) {
            Ok(raw) => {
                texts.insert(set.meta.path.clone(), raw);
            }
            Err(why) => warn(format!(
                "{}: the article it names, {}, is not shown or read for suppressions: {why}",
                path.display(),
                set.meta.path
            )),
        }
        articles.push(set);
    }
    let verifier = settings.verifier();
    let mut report = match &settings.index {
        Some(dir) => {
            let store = crate::archive::open(dir)?;
            let claims = articles.iter().flat_map(|a| a.claims.iter());
            let (corpus, index) =
                crate::archive::prepare(store.as_ref(), claims, verifier.candidates)?;
            check::run(&articles, &corpus, &index, &verifier)
        }
        None => {
            let corpus = crate::sources::load_with(&settings.corpus, &net, &mut warn)?;
            let index = Bm25::new(&corpus.sentences);
            check::run(&articles, &corpus, &index, &verifier)
        }
    };
    let baseline = match &args.settings.baseline {
        Some(path) => Some(crate::baseline::Baseline::read(path)?),
        None => None,
    };
    let suppressed =
        crate::baseline::Suppressions::new(&settings.ignore, &texts, baseline)?.apply(&mut report);
    if suppressed.total() > 0 && !args.quiet {
        eprintln!(
            "claimcheck: {} finding(s) not reported: {} marked in the draft, {} ignored by config, {} in the baseline",
            suppressed.total(),
            suppressed.inline,
            suppressed.config,
            suppressed.baseline
        );
    }
    if let Some(path) = &args.settings.write_baseline {
        let baseline = crate::baseline::Baseline::from_report(&report);
        write_atomic(path, baseline.to_json().as_bytes())?;
        if !args.quiet {
            eprintln!(
                "claimcheck: wrote {} finding(s) to {}",
                baseline.findings.len(),
                crate::report::printable(&path.display().to_string())
            );
        }
        return Ok(0);
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let ctx = report::RenderContext {
        color,
        verbose: args.verbose,
        fail_on: settings.fail_on,
        publisher: settings.publisher.clone(),
        sarif_supported: args.sarif_supported,
        articles: texts,
    };
    let reporter = report::reporter_for(settings.format, &ctx);
    let mut buf = Vec::new();
    reporter
        .render(&report, &mut buf)
        .map_err(|e| Error::io("<report>", &e))?;
    emit(args.output.as_deref(), &buf)?;
    if settings.format == Format::Claimreview {
        for w in report::claimreview::warnings(&report, &settings.publisher) {
            warn(w);
        }
    }
    if settings.format == Format::Github
        && let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|v| !v.is_empty())
        && let Err(e) =
            report::github::append_step_summary(Path::new(&summary), &report, settings.fail_on)
    {
        warn(format!("cannot append to GITHUB_STEP_SUMMARY: {e}"));
    }
    Ok(exit_code(&report, settings.fail_on))
}

/// The exit code for a report under a `--fail-on` level.
pub fn exit_code(report: &RunReport, fail_on: FailOn) -> u8 {
    u8::from(fail_on.fails_run(&report.summary))
}

/// Run `extract`.
pub fn run_extract(args: &ExtractArgs) -> Result<u8> {
    let mut warn = warn(args.quiet);
    if let Some(out) = &args.output {
        refuse_overwriting_inputs(out, std::iter::once(&args.article))?;
    }
    let doc = check::read_article_as(
        &args.article,
        &args.net.to_options(),
        args.stdin_filename.as_deref(),
    )?;
    for w in &doc.warnings {
        warn(format!("{}: {w}", doc.name));
    }
    let claims = check::extract(&doc);
    let mut buf = Vec::new();
    match args.format {
        ExtractFormat::Json => {
            serde_json::to_writer_pretty(&mut buf, &claims.to_claimset())
                .map_err(|e| Error::Usage(format!("cannot serialise claims: {e}")))?;
            buf.push(b'\n');
        }
        ExtractFormat::Text => {
            for c in &claims.claims {
                let _ = writeln!(
                    buf,
                    "{}:{}:{}: {}\n  {}",
                    claims.meta.path, c.location.line, c.location.column, c.id, c.text
                );
                let mut facts = Vec::new();
                if let Some(s) = &c.speaker {
                    facts.push(format!("speaker: {s}"));
                }
                if !c.values.is_empty() {
                    let v: Vec<String> = c
                        .values
                        .iter()
                        .map(|v| format!("{} '{}'", v.kind, v.text))
                        .collect();
                    facts.push(format!("values: {}", v.join(", ")));
                }
                if !c.entities.is_empty() {
                    facts.push(format!("names: {}", c.entities.join(", ")));
                }
                if c.negated {
                    facts.push("negated".into());
                }
                if !c.hedges.is_empty() {
                    facts.push(format!("hedged: {}", c.hedges.join(", ")));
                }
                if !facts.is_empty() {
                    let _ = writeln!(buf, "  {}", facts.join("; "));
                }
                let _ = writeln!(buf);
            }
            let _ = writeln!(
                buf,
                "{} in {}",
                crate::report::plural(claims.claims.len(), "claim"),
                claims.meta.path
            );
        }
    }
    emit(args.output.as_deref(), &buf)?;
    Ok(0)
}

fn refuse_overwriting_inputs<'a>(
    out: &Path,
    inputs: impl Iterator<Item = &'a PathBuf>,
) -> Result<()> {
    // The output may not exist yet: resolve its folder instead.
    let out_abs = std::fs::canonicalize(out).ok().or_else(|| {
        let dir = match out.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some(std::fs::canonicalize(dir).ok()?.join(out.file_name()?))
    });
    for input in inputs {
        let Some(input_abs) = std::fs::canonicalize(input).ok() else {
            continue;
        };
        if let Some(out_abs) = &out_abs
            && (*out_abs == input_abs || out_abs.starts_with(&input_abs))
        {
            return Err(Error::Usage(format!(
                "{} would overwrite {} or land inside it (it would be read as input next time); \
                 write it somewhere else",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// Write to the output file atomically (temporary file, then rename), or to stdout.
fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match output {
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Error::io("<stdout>", &e)),
            }
        }
        Some(path) => write_atomic(path, bytes),
    }
}

/// Write a file atomically: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::input(
            dir,
            "the output folder does not exist; create it first",
        ));
    }
    crate::fsutil::write_atomic(path, bytes).map_err(|e| Error::write(path, &e))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum EvalFormat {
    /// Accuracy, macro-F1, per-label scores and the confusion matrix as tables.
    #[default]
    Text,
    /// The `claimcheck.eval/1` document (shared/spec/report-v1.md, section 2).
    Json,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Labelled examples, one JSON object a line (`.jsonl` or `.jsonl.gz`); see
    /// shared/spec/report-v1.md, section 2. Example: `claimcheck eval dev.jsonl`
    #[arg(value_name = "DATASET")]
    pub dataset: PathBuf,
    /// Output format. Example: `--format json`
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,
    /// Also write one prediction a line to FILE (atomically). Example: `--predictions preds.jsonl`
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
    /// Evaluate only the first N examples. Example: `--limit 200`
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// No progress bar and no warnings on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Run `eval`.
pub fn run_eval(args: &EvalArgs) -> Result<u8> {
    if let Some(out) = &args.predictions {
        refuse_overwriting_inputs(out, std::iter::once(&args.dataset))?;
    }
    let show_bar = !args.quiet && std::io::stderr().is_terminal();
    let bar = indicatif::ProgressBar::hidden();
    if show_bar {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} examples {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
    }
    let progress = |done: u64, total: u64| {
        bar.set_length(total);
        bar.set_position(done);
    };
    let (report, predictions, skipped) =
        crate::eval::run(&args.dataset, args.limit, &Verifier::default(), &progress)?;
    bar.finish_and_clear();
    if report.examples == 0 {
        return Err(Error::input(
            &args.dataset,
            format!(
                "no usable example ({} line(s) skipped); each line must be a JSON object with \
                 id, claim, evidence [{{source, text}}] and label (supported, contradicted or \
                 unverified)",
                skipped.len()
            ),
        ));
    }
    if !args.quiet {
        for s in skipped.iter().take(10) {
            eprintln!(
                "claimcheck: warning: {}:{}: skipped malformed example: {}",
                args.dataset.display(),
                s.line,
                s.message
            );
        }
        if skipped.len() > 10 {
            eprintln!(
                "claimcheck: warning: … and {} more malformed lines",
                skipped.len() - 10
            );
        }
    }
    if let Some(path) = &args.predictions {
        let mut buf = Vec::new();
        for p in &predictions {
            serde_json::to_writer(&mut buf, p)
                .map_err(|e| Error::Usage(format!("cannot serialise predictions: {e}")))?;
            buf.push(b'\n');
        }
        write_atomic(path, &buf)?;
    }
    let out = match args.format {
        EvalFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report)
                .map_err(|e| Error::Usage(format!("cannot serialise report: {e}")))?;
            s.push('\n');
            s
        }
        EvalFormat::Text => crate::eval::render_text(&report),
    };
    emit(None, out.as_bytes())?;
    Ok(0)
}
