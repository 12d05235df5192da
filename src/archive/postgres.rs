//! The shared store: PostgreSQL (15 or later), through `tokio-postgres`.
//!
//! Tables (created by `index build`, in the connection's search path):
//! - `claimcheck_meta`: the catalog (sources, their order, hashes), as JSON;
//! - `claimcheck_sentences`: one row a sentence, keyed `source << 24 | position`,
//!   with its BM25 length, text, span, and its distinct index terms with their
//!   frequencies (and the keys it writes with a capital or in lower case, prefixed);
//! - `claimcheck_postings`: (term, sentence, tf, len), keyed by term then sentence
//!   (tf and len included in the key's index), so a term's postings are one
//!   index-only range scan;
//! - `claimcheck_terms`: each term's document frequency, kept with every change.
//!
//! Retrieval is exact BM25 with MaxScore pruning. The server ranks sentences by the
//! same formula in double precision; the best of them are scored again here from
//! their term arrays, in the order the in-memory index adds the parts up, so the
//! floats are the same. A first look at the sentences holding the claim's rarest
//! terms gives a k-th best score; the most common terms, whose best contributions
//! together stay below it, cannot make a sentence a hit alone, so only sentences
//! holding one of the other terms are ranked; the ranking is widened until its last
//! row is clearly below the k-th best. Checks read in one
//! snapshot (a repeatable-read transaction), so an update committing meanwhile
//! cannot mix two states of the archive.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use tokio_postgres::binary_copy::BinaryCopyInWriter;
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Client, NoTls};

use super::catalog::Catalog;
use super::store::{Loaded, Shared, Sink, Store, StoreHit, redact};
use crate::corpus::EvidenceSentence;
use crate::error::{Error, Result};
use crate::index;
use crate::segment::Span;
use crate::text::Token;

/// Positions a source may have: a sentence's id is `source << POS_BITS | position`.
const POS_BITS: u32 = 24;
/// Prefixes of the keys a sentence writes with a capital, and in lower case.
const NAME: &str = "N\u{1f}";
const COMMON: &str = "C\u{1f}";
/// Postings read in the first look at a claim's rarest terms.
const FIRST_LOOK: i64 = 20_000;
/// Postings rows buffered before they are copied to the server.
const BATCH: usize = 100_000;

fn db_error(url: &str, e: impl std::fmt::Display) -> Error {
    Error::input(redact(url), format!("PostgreSQL: {e}"))
}

/// A connection and the runtime that drives it. (A second connection sharing the
/// snapshot was measured no faster on a 2-core machine that also runs the server:
/// 29.2 s against 27.7 s for 20 claims at 1M sentences.)
struct Connection {
    runtime: tokio::runtime::Runtime,
    client: Arc<Client>,
    url: String,
}

impl Connection {
    fn open(url: &str) -> Result<Connection> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| db_error(url, e))?;
        let client = Self::connect(&runtime, url)?;
        Ok(Connection {
            runtime,
            client,
            url: url.to_string(),
        })
    }

    fn connect(runtime: &tokio::runtime::Runtime, url: &str) -> Result<Arc<Client>> {
        let (client, connection) = runtime
            .block_on(tokio_postgres::connect(url, NoTls))
            .map_err(|e| {
                db_error(
                    url,
                    format!("cannot connect: {e}; check the URL and that the server runs (TLS is not supported: use a local or private network)"),
                )
            })?;
        runtime.spawn(async move {
            let _ = connection.await;
        });
        Ok(Arc::new(client))
    }

    fn err(&self, e: impl std::fmt::Display) -> Error {
        db_error(&self.url, e)
    }

    fn batch(&self, sql: &str) -> Result<()> {
        self.runtime
            .block_on(self.client.batch_execute(sql))
            .map_err(|e| self.err(e))
    }

    fn query(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<tokio_postgres::Row>> {
        self.runtime
            .block_on(self.client.query(sql, params))
            .map_err(|e| self.err(e))
    }

    /// Does the database hold a claimcheck index?
    fn has_index(&self) -> Result<bool> {
        let rows = self.query("SELECT to_regclass('claimcheck_meta') IS NOT NULL", &[])?;
        Ok(rows.first().is_some_and(|r| r.get::<_, bool>(0)))
    }

    fn catalog(&self) -> Result<Catalog> {
        let rows = self.query(
            "SELECT value FROM claimcheck_meta WHERE key = 'catalog'",
            &[],
        )?;
        let Some(row) = rows.first() else {
            return Err(self.err("claimcheck_meta has no catalog; build the index again"));
        };
        let json: String = row.get(0);
        let shown = Path::new(&self.url);
        let shown = redact(&shown.to_string_lossy());
        Catalog::parse(json.as_bytes(), Path::new(&shown), Path::new(&shown))
    }

    /// Copy rows into a table with the binary protocol.
    fn copy(
        &self,
        sql: &str,
        types: &[Type],
        rows: &[Vec<Box<dyn ToSql + Sync + Send>>],
    ) -> Result<()> {
        self.runtime.block_on(async {
            let sink = self.client.copy_in(sql).await.map_err(|e| self.err(e))?;
            let writer = BinaryCopyInWriter::new(sink, types);
            tokio::pin!(writer);
            for row in rows {
                let refs: Vec<&(dyn ToSql + Sync)> = row
                    .iter()
                    .map(|v| v.as_ref() as &(dyn ToSql + Sync))
                    .collect();
                writer
                    .as_mut()
                    .write(&refs)
                    .await
                    .map_err(|e| self.err(e))?;
            }
            writer.finish().await.map_err(|e| self.err(e))?;
            Ok(())
        })
    }
}

fn sentence_id(source: u64, pos: u64) -> i64 {
    ((source << POS_BITS) | pos) as i64
}

fn no_index(url: &str) -> Error {
    Error::input(
        redact(url),
        "holds no claimcheck index; create one with `claimcheck index build SOURCES... --index URL`",
    )
}

/// Exact scores, and what each term contributed, by sentence id.
type Scored = HashMap<i64, (f32, Vec<(String, f32)>)>;

/// A sentence row as the store reads it for scoring.
struct Candidate {
    id: i64,
    len: u16,
    terms: HashMap<String, u16>,
}

/// A database index, read in one snapshot.
pub struct PgStore {
    db: Connection,
    shared: Shared,
}

impl PgStore {
    pub fn open(url: &str) -> Result<PgStore> {
        let db = Connection::open(url)?;
        if !db.has_index()? {
            return Err(no_index(url));
        }
        db.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        let shared = Shared::new(db.catalog()?);
        Ok(PgStore { db, shared })
    }

    /// Document frequencies of terms (those with none are left out).
    fn dfs(&self, terms: &[&str]) -> Result<HashMap<String, i64>> {
        let rows = self.db.query(
            "SELECT term, df FROM claimcheck_terms WHERE term = ANY($1) AND df > 0",
            &[&terms],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// The server's ranking of the sentences that hold any of the terms `which` of
    /// `lists`, by their BM25 score over every term of `lists` (double precision), best
    /// first, at most `limit`; and whether that was all of them.
    fn ranked(
        &self,
        lists: &[(&str, f32, i64)],
        which: &[usize],
        limit: i64,
    ) -> Result<(Vec<(i64, f64)>, bool)> {
        let shared = &self.shared;
        let terms: Vec<&str> = lists.iter().map(|l| l.0).collect();
        let idfs: Vec<f64> = lists.iter().map(|l| l.1 as f64).collect();
        let holding: Vec<&str> = which.iter().map(|&i| lists[i].0).collect();
        let params: [&(dyn ToSql + Sync); 7] = [
            &terms,
            &idfs,
            &(index::K1 as f64),
            &(index::B as f64),
            &(shared.avg_len as f64),
            &limit,
            &holding,
        ];
        let sql = if which.len() < lists.len() {
            "WITH candidates AS (
                 SELECT DISTINCT sentence FROM claimcheck_postings WHERE term = ANY($7::text[]))
             SELECT p.sentence, sum(q.w * p.tf * ($3::float8 + 1) /
                 (p.tf + $3::float8 * (1 - $4::float8 + $4::float8 * p.len / $5::float8))) AS score
             FROM unnest($1::text[], $2::float8[]) AS q(term, w)
             JOIN claimcheck_postings p ON p.term = q.term
             WHERE p.sentence IN (SELECT sentence FROM candidates)
             GROUP BY p.sentence
             ORDER BY score DESC, p.sentence
             LIMIT $6"
        } else {
            "SELECT p.sentence, sum(q.w * p.tf * ($3::float8 + 1) /
                 (p.tf + $3::float8 * (1 - $4::float8 + $4::float8 * p.len / $5::float8))) AS score
             FROM unnest($1::text[], $2::float8[]) AS q(term, w)
             JOIN claimcheck_postings p ON p.term = q.term
             WHERE cardinality($7::text[]) > 0
             GROUP BY p.sentence
             ORDER BY score DESC, p.sentence
             LIMIT $6"
        };
        let rows = self.db.query(sql, &params)?;
        let complete = (rows.len() as i64) < limit;
        Ok((
            rows.iter().map(|r| (r.get(0), r.get(1))).collect(),
            complete,
        ))
    }

    /// Score the sentences of `rows` not scored yet, exactly as the in-memory index
    /// does: every term's part, added up in the order of `lists`.
    fn score(
        &self,
        lists: &[(&str, f32, i64)],
        rows: &[(i64, f64)],
        scored: &mut Scored,
    ) -> Result<()> {
        let ids: Vec<i64> = rows
            .iter()
            .map(|r| r.0)
            .filter(|id| !scored.contains_key(id))
            .collect();
        for c in self.candidates(&ids)? {
            let mut score = 0f32;
            let mut matched = Vec::new();
            for (term, idf, _) in lists {
                if let Some(&tf) = c.terms.get(*term) {
                    let part = index::part(*idf, tf, c.len, self.shared.avg_len);
                    score += part;
                    matched.push((term.to_string(), part));
                }
            }
            scored.insert(c.id, (score, matched));
        }
        Ok(())
    }

    fn candidates(&self, ids: &[i64]) -> Result<Vec<Candidate>> {
        let rows = self.db.query(
            "SELECT id, len, terms, tfs FROM claimcheck_sentences WHERE id = ANY($1)",
            &[&ids],
        )?;
        Ok(rows
            .iter()
            .map(|r| {
                let terms: Vec<String> = r.get(2);
                let tfs: Vec<i16> = r.get(3);
                Candidate {
                    id: r.get(0),
                    len: r.get::<_, i32>(1).clamp(0, u16::MAX as i32) as u16,
                    terms: terms
                        .into_iter()
                        .zip(tfs.into_iter().map(|t| t as u16))
                        .collect(),
                }
            })
            .collect())
    }
}

impl Store for PgStore {
    fn shared(&self) -> &Shared {
        &self.shared
    }

    fn marks(&self, keys: &[&str]) -> Result<Vec<(bool, bool)>> {
        let prefixed: Vec<String> = keys
            .iter()
            .flat_map(|k| [format!("{NAME}{k}"), format!("{COMMON}{k}")])
            .collect();
        let refs: Vec<&str> = prefixed.iter().map(String::as_str).collect();
        let found = self.dfs(&refs)?;
        Ok(keys
            .iter()
            .map(|k| {
                (
                    found.contains_key(&format!("{NAME}{k}")),
                    found.contains_key(&format!("{COMMON}{k}")),
                )
            })
            .collect())
    }

    fn search(&self, query: &[Token], k: usize) -> Result<Vec<StoreHit>> {
        let shared = &self.shared;
        let wanted = index::query_terms(query);
        let names: Vec<&str> = wanted.iter().map(|(t, _)| *t).collect();
        let dfs = self.dfs(&names)?;
        // The terms with postings, in the order scores are added up, with their weight.
        let lists: Vec<(&str, f32, i64)> = wanted
            .iter()
            .filter_map(|(t, w)| {
                dfs.get(*t)
                    .map(|&df| (*t, w * index::idf(shared.sentences, df as usize), df))
            })
            .collect();
        if lists.is_empty() || k == 0 {
            return Ok(Vec::new());
        }
        let bound = |i: usize| lists[i].1 as f64 * (index::K1 as f64 + 1.0);
        // Most common first: the terms that may be left out of the server's ranking.
        let mut common_first: Vec<usize> = (0..lists.len()).collect();
        common_first.sort_by_key(|&i| (std::cmp::Reverse(lists[i].2), i));
        let mut scored: Scored = HashMap::new();
        // The k-th best exact score so far: a sentence below it cannot be a hit.
        let kth = |scored: &Scored| -> f64 {
            if scored.len() < k {
                return 0.0;
            }
            let mut scores: Vec<f32> = scored.values().map(|(s, _)| *s).collect();
            scores.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
            scores[k - 1] as f64
        };
        // A first look, through the rarest terms only, finds sentences good enough to
        // leave the common terms out of the ranking that follows (MaxScore).
        let mut rare = Vec::new();
        let mut postings = 0i64;
        for &i in common_first.iter().rev() {
            if !rare.is_empty() && postings + lists[i].2 > FIRST_LOOK {
                break;
            }
            postings += lists[i].2;
            rare.push(i);
        }
        let (rows, _) = self.ranked(&lists, &rare, (k * 4) as i64)?;
        self.score(&lists, &rows, &mut scored)?;
        let mut limit = (k * 4) as i64;
        loop {
            // Terms whose best contributions together stay below the k-th best cannot
            // lift a sentence that has none of the other terms into the hits.
            let theta = kth(&scored);
            let mut left_out = 0.0;
            let mut n = 0;
            while n < common_first.len()
                && (left_out + bound(common_first[n])) * (1.0 + 1e-4) + 1e-6 < theta
            {
                left_out += bound(common_first[n]);
                n += 1;
            }
            let ranked_terms: Vec<usize> = common_first[n..].to_vec();
            let (rows, complete) = self.ranked(&lists, &ranked_terms, limit)?;
            self.score(&lists, &rows, &mut scored)?;
            if complete {
                break;
            }
            // A sentence ranked below the last one returned scores at most its score
            // there (within rounding).
            let last = rows.last().map(|r| r.1).unwrap_or(0.0);
            if kth(&scored) > last * (1.0 + 1e-4) + 1e-6 {
                break;
            }
            limit *= 4;
        }
        let place = |id: i64| {
            let id = id as u64;
            shared.place(id >> POS_BITS, id & ((1 << POS_BITS) - 1))
        };
        let mut ids: Vec<i64> = scored.keys().copied().collect();
        index::top_k(&mut ids, k, |a, b| {
            scored[b]
                .0
                .total_cmp(&scored[a].0)
                .then_with(|| place(*a).cmp(&place(*b)))
        });
        Ok(ids
            .into_iter()
            .map(|id| {
                let (score, matched) = scored.remove(&id).unwrap_or_default();
                let id = id as u64;
                StoreHit {
                    source: id >> POS_BITS,
                    pos: id & ((1 << POS_BITS) - 1),
                    score,
                    matched,
                }
            })
            .collect())
    }
    fn load(&self, wanted: &[(u64, u64)]) -> Result<Vec<Loaded>> {
        let ids: Vec<i64> = wanted.iter().map(|&(s, p)| sentence_id(s, p)).collect();
        let rows = self.db.query(
            "SELECT id, text, span FROM claimcheck_sentences WHERE id = ANY($1)",
            &[&ids],
        )?;
        let mut by_id: HashMap<i64, Loaded> = HashMap::new();
        for r in rows {
            let span: Vec<i64> = r.get(2);
            let v = |i: usize| span.get(i).copied().unwrap_or(0).max(0) as usize;
            by_id.insert(
                r.get(0),
                Loaded {
                    text: r.get(1),
                    span: Span {
                        byte_start: v(0),
                        byte_end: v(1),
                        line: v(2),
                        column: v(3),
                        end_line: v(4),
                        end_column: v(5),
                    },
                },
            );
        }
        ids.iter()
            .map(|id| {
                by_id
                    .remove(id)
                    .ok_or_else(|| self.db.err("a retrieved sentence is missing"))
            })
            .collect()
    }
}

/// Writes sentences into the database, in one transaction.
pub struct PgSink {
    db: Connection,
    /// A new index: tables without keys yet, filled in bulk, keyed at commit.
    fresh: bool,
    gone: Vec<i64>,
    sentences: Vec<Vec<Box<dyn ToSql + Sync + Send>>>,
    postings: Vec<Vec<Box<dyn ToSql + Sync + Send>>>,
}

const SENTENCE_TYPES: [Type; 6] = [
    Type::INT8,
    Type::INT4,
    Type::TEXT,
    Type::INT8_ARRAY,
    Type::TEXT_ARRAY,
    Type::INT2_ARRAY,
];
const POSTING_TYPES: [Type; 4] = [Type::TEXT, Type::INT8, Type::INT2, Type::INT4];

impl PgSink {
    /// Start a new index in a database that has none.
    pub fn create(url: &str) -> Result<PgSink> {
        let db = Connection::open(url)?;
        db.batch("BEGIN")?;
        if db.has_index()? {
            return Err(Error::input(
                redact(url),
                "already holds a claimcheck index; update it with `claimcheck index update --index URL`, \
                 or drop its claimcheck_* tables to build afresh",
            ));
        }
        db.batch(
            "CREATE TABLE claimcheck_meta (key text PRIMARY KEY, value text NOT NULL);
             CREATE TABLE claimcheck_sentences (id bigint NOT NULL, len integer NOT NULL,
                 text text NOT NULL, span bigint[] NOT NULL, terms text[] NOT NULL,
                 tfs smallint[] NOT NULL);
             CREATE TABLE claimcheck_postings (term text NOT NULL, sentence bigint NOT NULL,
                 tf smallint NOT NULL, len integer NOT NULL);
             CREATE TABLE claimcheck_terms (term text NOT NULL, df bigint NOT NULL);",
        )?;
        Ok(PgSink {
            db,
            fresh: true,
            gone: Vec::new(),
            sentences: Vec::new(),
            postings: Vec::new(),
        })
    }

    /// Open the index of a database for an update; no other update runs meanwhile.
    pub fn open(url: &str) -> Result<(PgSink, Catalog)> {
        let db = Connection::open(url)?;
        if !db.has_index()? {
            return Err(no_index(url));
        }
        db.batch(
            "BEGIN;
             LOCK TABLE claimcheck_meta IN EXCLUSIVE MODE;
             CREATE TEMP TABLE claimcheck_new_postings (term text NOT NULL,
                 sentence bigint NOT NULL, tf smallint NOT NULL, len integer NOT NULL)
                 ON COMMIT DROP;",
        )?;
        let catalog = db.catalog()?;
        Ok((
            PgSink {
                db,
                fresh: false,
                gone: Vec::new(),
                sentences: Vec::new(),
                postings: Vec::new(),
            },
            catalog,
        ))
    }

    fn flush(&mut self) -> Result<()> {
        if !self.sentences.is_empty() {
            self.db.copy(
                "COPY claimcheck_sentences (id, len, text, span, terms, tfs) FROM STDIN BINARY",
                &SENTENCE_TYPES,
                &self.sentences,
            )?;
            self.sentences.clear();
        }
        if !self.postings.is_empty() {
            let table = if self.fresh {
                "claimcheck_postings"
            } else {
                "claimcheck_new_postings"
            };
            self.db.copy(
                &format!("COPY {table} (term, sentence, tf, len) FROM STDIN BINARY"),
                &POSTING_TYPES,
                &self.postings,
            )?;
            self.postings.clear();
        }
        Ok(())
    }
}

impl Sink for PgSink {
    fn delete(&mut self, source: u64) -> Result<()> {
        self.gone.push(source as i64);
        Ok(())
    }

    fn add(&mut self, source: u64, sentences: &[EvidenceSentence]) -> Result<()> {
        if sentences.len() as u64 >= 1 << POS_BITS {
            return Err(self.db.err(format!(
                "a source has {} sentences; at most {} are indexed in PostgreSQL",
                sentences.len(),
                (1u64 << POS_BITS) - 1
            )));
        }
        for (pos, s) in sentences.iter().enumerate() {
            let id = sentence_id(source, pos as u64);
            let mut terms: Vec<&str> = crate::text::index_terms(&s.tokens).collect();
            terms.sort_unstable();
            let mut keys: Vec<String> = Vec::new();
            let mut tfs: Vec<i16> = Vec::new();
            let mut j = 0;
            while j < terms.len() {
                let mut e = j;
                while e < terms.len() && terms[e] == terms[j] {
                    e += 1;
                }
                keys.push(terms[j].to_string());
                tfs.push((e - j).min(i16::MAX as usize) as i16);
                j = e;
            }
            let (names, common) = crate::corpus::name_marks(&s.text, &s.tokens);
            let mut marks: HashSet<String> = HashSet::new();
            marks.extend(names.iter().map(|k| format!("{NAME}{k}")));
            marks.extend(common.iter().map(|k| format!("{COMMON}{k}")));
            let mut marks: Vec<String> = marks.into_iter().collect();
            marks.sort_unstable();
            let len = index::length(&s.tokens) as i32;
            for (key, tf) in keys.iter().zip(&tfs) {
                self.postings.push(vec![
                    Box::new(key.clone()),
                    Box::new(id),
                    Box::new(*tf),
                    Box::new(len),
                ]);
            }
            for key in &marks {
                self.postings.push(vec![
                    Box::new(key.clone()),
                    Box::new(id),
                    Box::new(1i16),
                    Box::new(len),
                ]);
            }
            keys.extend(marks);
            tfs.resize(keys.len(), 1);
            let span: Vec<i64> = [
                s.span.byte_start,
                s.span.byte_end,
                s.span.line,
                s.span.column,
                s.span.end_line,
                s.span.end_column,
            ]
            .iter()
            .map(|&v| v as i64)
            .collect();
            self.sentences.push(vec![
                Box::new(id),
                Box::new(index::length(&s.tokens) as i32),
                Box::new(s.text.clone()),
                Box::new(span),
                Box::new(keys),
                Box::new(tfs),
            ]);
        }
        if self.postings.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }

    fn commit(mut self: Box<Self>, catalog: &Catalog) -> Result<()> {
        self.flush()?;
        let db = &self.db;
        if self.fresh {
            db.batch(
                "ALTER TABLE claimcheck_sentences ADD PRIMARY KEY (id);
                 ALTER TABLE claimcheck_postings ADD PRIMARY KEY (term, sentence) INCLUDE (tf, len);
                 INSERT INTO claimcheck_terms SELECT term, count(*) FROM claimcheck_postings GROUP BY term;
                 ALTER TABLE claimcheck_terms ADD PRIMARY KEY (term);",
            )?;
        } else {
            let gone = std::mem::take(&mut self.gone);
            db.query(
                "WITH d AS (
                     SELECT s.id, unnest(s.terms) AS term FROM claimcheck_sentences s
                     JOIN unnest($1::bigint[]) AS g(source)
                       ON s.id >= g.source << 24 AND s.id < (g.source + 1) << 24),
                 del AS (
                     DELETE FROM claimcheck_postings p USING d
                     WHERE p.term = d.term AND p.sentence = d.id RETURNING p.term)
                 UPDATE claimcheck_terms t SET df = t.df - c.n
                 FROM (SELECT term, count(*) AS n FROM del GROUP BY term) c
                 WHERE t.term = c.term",
                &[&gone],
            )?;
            db.query(
                "DELETE FROM claimcheck_sentences s USING unnest($1::bigint[]) AS g(source)
                 WHERE s.id >= g.source << 24 AND s.id < (g.source + 1) << 24",
                &[&gone],
            )?;
            db.batch(
                "DELETE FROM claimcheck_terms WHERE df <= 0;
                 INSERT INTO claimcheck_postings SELECT * FROM claimcheck_new_postings;
                 INSERT INTO claimcheck_terms
                     SELECT term, count(*) FROM claimcheck_new_postings GROUP BY term
                     ON CONFLICT (term) DO UPDATE SET df = claimcheck_terms.df + EXCLUDED.df;",
            )?;
        }
        let json = String::from_utf8(catalog.to_json()?).unwrap_or_default();
        db.query(
            "INSERT INTO claimcheck_meta (key, value) VALUES ('catalog', $1)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            &[&json],
        )?;
        db.batch("COMMIT")?;
        // Index-only scans of the postings need the visibility map.
        db.batch("VACUUM (ANALYZE) claimcheck_postings")?;
        db.batch("VACUUM (ANALYZE) claimcheck_sentences")?;
        Ok(())
    }
}
