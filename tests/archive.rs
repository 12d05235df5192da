//! The on-disk index (`claimcheck index build|update`, `check --index`): the reports
//! it gives are byte for byte those of the in-memory corpus, on the fixtures and on the
//! news cases in `../shared/cases` (skipped where absent); an update re-reads only
//! what changed and ends where a fresh build of the changed corpus would; a folder
//! that is not an index, or not empty, is refused with a message.

mod common;

use std::path::{Path, PathBuf};

use common::{SOURCES, abs, root, run, run_in};

/// `check ARTICLE` as JSON against a corpus (`--corpus PATH`) or an index (`--index DIR`).
fn report(dir: &Path, article: &str, against: &[&str]) -> String {
    let mut args = vec!["check", article, "--format", "json", "--fail-on", "never"];
    args.extend_from_slice(against);
    let (code, out, err) = run_in(dir, &args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn build(dir: &Path, sources: &[&str], index: &Path) -> String {
    let mut args = vec!["index", "build"];
    args.extend_from_slice(sources);
    let index = index.display().to_string();
    args.extend(["--index", index.as_str()]);
    let (code, _, err) = run_in(dir, &args);
    assert_eq!(code, 0, "{err}");
    err
}

#[test]
fn the_index_gives_the_reports_the_corpus_gives() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("idx");
    let err = build(&root(), &[SOURCES], &index);
    assert!(err.contains("7 sources"), "{err}");
    let index = index.display().to_string();
    let articles: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!articles.is_empty());
    for article in articles {
        let article = article.display().to_string();
        let a = report(&root(), &article, &["--corpus", SOURCES]);
        let b = report(&root(), &article, &["--index", &index]);
        assert!(a.contains("\"verdict\""), "{a}");
        assert!(a == b, "{article}: the index and the corpus disagree");
    }
}

#[test]
fn news_cases_give_the_same_reports_from_an_index() {
    let cases = root().join("../shared/cases");
    let Ok(entries) = std::fs::read_dir(&cases) else {
        eprintln!("skipped: ../shared/cases is absent");
        return;
    };
    let mut names: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("article.md").is_file())
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let tmp = tempfile::tempdir().unwrap();
    for case in names {
        let index = tmp.path().join(case.file_name().unwrap());
        build(&case, &["sources"], &index);
        let index = index.display().to_string();
        let a = report(&case, "article.md", &["--corpus", "sources"]);
        let b = report(&case, "article.md", &["--index", &index]);
        assert!(
            a == b,
            "{}: the index and the corpus disagree",
            case.display()
        );
    }
}

/// Copy the fixture sources into `dir/sources`.
fn copy_sources(dir: &Path) -> PathBuf {
    let to = dir.join("sources");
    std::fs::create_dir_all(&to).unwrap();
    for e in std::fs::read_dir(root().join(SOURCES)).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
    to
}

#[test]
fn an_update_reads_only_what_changed_and_matches_a_fresh_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let sources = copy_sources(dir);
    std::fs::copy(root().join(common::ARTICLE), dir.join("draft.md")).unwrap();
    build(dir, &["sources"], Path::new("idx"));

    // Nothing changed: nothing is indexed again.
    let (code, _, err) = run_in(dir, &["index", "update", "--index", "idx"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("indexed 0 file(s)"), "{err}");
    assert!(err.contains("7 unchanged, 0 removed"), "{err}");

    // One file edited, one removed, one added.
    let mut files: Vec<PathBuf> = std::fs::read_dir(&sources)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x != "toml"))
        .collect();
    files.sort();
    let edited = std::fs::read_to_string(&files[0]).unwrap();
    std::fs::write(
        &files[0],
        edited.replace("Monday", "Tuesday") + "\nThe talks ended late.\n",
    )
    .unwrap();
    std::fs::remove_file(&files[1]).unwrap();
    std::fs::write(
        sources.join("late-wire.txt"),
        "WASHINGTON (Late Wire) - The two leaders met for three hours at the White House on Monday.\n",
    )
    .unwrap();
    let (code, _, err) = run_in(dir, &["index", "update", "--index", "idx"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("indexed 2 file(s)"), "{err}");
    assert!(err.contains("5 unchanged, 1 removed"), "{err}");

    // The updated index answers as the corpus does now, and as a fresh build does.
    build(dir, &["sources"], Path::new("fresh"));
    let now = report(dir, "draft.md", &["--corpus", "sources"]);
    assert!(report(dir, "draft.md", &["--index", "idx"]) == now);
    assert!(report(dir, "draft.md", &["--index", "fresh"]) == now);
    // Only the last commit's catalog is kept.
    let catalogs = std::fs::read_dir(dir.join("idx"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with("catalog-")
        })
        .count();
    assert_eq!(catalogs, 1);
}

#[test]
fn a_catalog_left_by_a_killed_run_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_sources(dir);
    build(dir, &["sources"], Path::new("idx"));
    // A run killed after writing its catalog and before committing leaves this file.
    std::fs::write(dir.join("idx/catalog-7.json"), "{ not a catalog").unwrap();
    let (code, out, err) = run_in(dir, &["index", "info", "--index", "idx"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("7 sources"), "{out}");
    let (code, _, err) = run_in(dir, &["index", "update", "--index", "idx"]);
    assert_eq!(code, 0, "{err}");
    assert!(!dir.join("idx/catalog-7.json").exists());
}

#[test]
fn folders_that_are_not_an_index_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_sources(dir);
    std::fs::create_dir(dir.join("notes")).unwrap();
    std::fs::write(dir.join("notes/todo.txt"), "call the desk").unwrap();

    // Building into a folder with files of the user's is refused, and nothing is touched.
    let (code, _, err) = run_in(dir, &["index", "build", "sources", "--index", "notes"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("notes: is a folder that is not empty"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes/todo.txt")).unwrap(),
        "call the desk"
    );

    // Building over an index says to update it instead.
    build(dir, &["sources"], Path::new("idx"));
    let (code, _, err) = run_in(dir, &["index", "build", "sources", "--index", "idx"]);
    assert_eq!(code, 2);
    assert!(err.contains("already holds an index"), "{err}");

    // Checking against a folder that is no index names the command that makes one.
    let draft = abs(common::ARTICLE);
    let (code, _, err) = run_in(dir, &["check", &draft, "--index", "notes"]);
    assert_eq!(code, 2);
    assert!(err.contains("notes: is not a claimcheck index"), "{err}");
    assert!(err.contains("claimcheck index build"), "{err}");

    // A URL cannot be indexed directly.
    let (code, _, err) = run(&[
        "index",
        "build",
        "https://example.org/wire.html",
        "--index",
        &dir.join("web").display().to_string(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("claimcheck fetch"), "{err}");
    assert!(!dir.join("web").exists());

    // --index and --corpus together are a usage error.
    let (code, _, err) = run(&["check", &draft, "--index", "x", "--corpus", SOURCES]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn the_config_file_may_name_an_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    copy_sources(dir);
    build(dir, &["sources"], Path::new("idx"));
    std::fs::write(dir.join("claimcheck.toml"), "index = \"idx\"\n").unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::copy(root().join(common::ARTICLE), dir.join("sub/draft.md")).unwrap();
    // The index named by the file gives the corpus's report.
    let draft = "sub/draft.md";
    assert!(report(dir, draft, &[]) == report(dir, draft, &["--corpus", "sources"]));
    // From a subfolder, the index is found relative to the config file (source paths
    // are shown as they were given to `index build`).
    let sub = dir.join("sub");
    let from_sub = report(&sub, "draft.md", &[]);
    assert!(from_sub.contains("\"documents\": 7"), "{from_sub}");
    assert!(from_sub.contains("\"path\": \"sources/wire-report.txt\""));
    let (code, out, _) = run_in(&sub, &["check", "--dump-config"]);
    assert_eq!(code, 0);
    assert!(out.contains("index = \"../idx\""), "{out}");
}

/// The PostgreSQL server the tests may create databases on (`.ci/run` starts one and
/// sets `CLAIMCHECK_TEST_POSTGRES`); `None`, with a message, where there is none.
fn postgres() -> Option<String> {
    match std::env::var("CLAIMCHECK_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            eprintln!(
                "skipped: no PostgreSQL server; set CLAIMCHECK_TEST_POSTGRES=postgres://user@127.0.0.1:PORT/postgres \
                 (.ci/run starts one on loopback)"
            );
            None
        }
    }
}

/// A new empty database on the server at `base`, dropped when the guard goes.
struct Database {
    base: String,
    name: String,
    url: String,
}

impl Database {
    fn new(base: &str, tag: &str) -> Database {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let name = format!("claimcheck_test_{}_{n}_{tag}", std::process::id());
        admin(base, &format!("DROP DATABASE IF EXISTS {name}"));
        admin(base, &format!("CREATE DATABASE {name}"));
        let mut url = url::Url::parse(base).expect("a postgres:// URL");
        url.set_path(&name);
        Database {
            base: base.to_string(),
            name,
            url: url.to_string(),
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        admin(
            &self.base,
            &format!("DROP DATABASE IF EXISTS {}", self.name),
        );
    }
}

fn admin(base: &str, sql: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(base, tokio_postgres::NoTls)
            .await
            .expect("connects to CLAIMCHECK_TEST_POSTGRES");
        tokio::spawn(conn);
        client.batch_execute(sql).await.expect(sql);
    });
}

#[test]
fn postgres_gives_the_reports_the_corpus_gives() {
    let Some(base) = postgres() else { return };
    let db = Database::new(&base, "fixtures");
    let err = build(&root(), &[SOURCES], Path::new(&db.url));
    assert!(err.contains("7 sources"), "{err}");
    let a = report(&root(), common::ARTICLE, &["--corpus", SOURCES]);
    let b = report(&root(), common::ARTICLE, &["--index", &db.url]);
    assert!(a == b, "PostgreSQL and the corpus disagree");
    // The cases of ../shared, each in a database of its own.
    let Ok(entries) = std::fs::read_dir(root().join("../shared/cases")) else {
        eprintln!("skipped the news cases: ../shared/cases is absent");
        return;
    };
    let mut cases: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("article.md").is_file())
        .collect();
    cases.sort();
    for case in cases {
        let db = Database::new(&base, "case");
        build(&case, &["sources"], Path::new(&db.url));
        let a = report(&case, "article.md", &["--corpus", "sources"]);
        let b = report(&case, "article.md", &["--index", &db.url]);
        assert!(
            a == b,
            "{}: PostgreSQL and the corpus disagree",
            case.display()
        );
    }
}

#[test]
fn a_postgres_update_reads_only_what_changed() {
    let Some(base) = postgres() else { return };
    let db = Database::new(&base, "update");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let sources = copy_sources(dir);
    std::fs::copy(root().join(common::ARTICLE), dir.join("draft.md")).unwrap();
    build(dir, &["sources"], Path::new(&db.url));
    let (code, _, err) = run_in(dir, &["index", "update", "--index", &db.url]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("indexed 0 file(s)"), "{err}");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&sources)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x != "toml"))
        .collect();
    files.sort();
    let edited = std::fs::read_to_string(&files[0]).unwrap();
    std::fs::write(&files[0], edited.replace("Monday", "Tuesday")).unwrap();
    std::fs::remove_file(&files[1]).unwrap();
    let (code, _, err) = run_in(dir, &["index", "update", "--index", &db.url]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("indexed 1 file(s)"), "{err}");
    assert!(err.contains("5 unchanged, 1 removed"), "{err}");
    let now = report(dir, "draft.md", &["--corpus", "sources"]);
    assert!(report(dir, "draft.md", &["--index", &db.url]) == now);
    // Building again over it is refused, and says how to update instead.
    let (code, _, err) = run_in(dir, &["index", "build", "sources", "--index", &db.url]);
    assert_eq!(code, 2);
    assert!(err.contains("already holds a claimcheck index"), "{err}");
}

#[test]
fn a_database_without_an_index_is_named_without_its_password() {
    let Some(base) = postgres() else { return };
    let db = Database::new(&base, "empty");
    let mut url = url::Url::parse(&db.url).unwrap();
    let _ = url.set_password(Some("s3cret"));
    let url = url.to_string();
    let (code, _, err) = run(&["check", common::ARTICLE, "--index", &url]);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("s3cret"), "{err}");
    assert!(
        err.contains("holds no claimcheck index") || err.contains("PostgreSQL"),
        "{err}"
    );
}
