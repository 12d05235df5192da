//! claimcheck: verify a news article's factual claims against a corpus of other sources.
//!
//! The pipeline is a chain of functions from data to data, each keeping byte spans
//! back to the file it came from, so that every verdict can point at the article line
//! and at the evidence sentence that decided it:
//!
//! `ingest` → `segment` → `claims` → `corpus`/`index` → `align` → `verdict` → `report`.
//!
//! Only `report` (and the thin binary) print.

pub mod align;
pub mod archive;
pub mod baseline;
pub mod check;
pub mod claims;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod fetch;
pub mod fsutil;
pub mod index;
pub mod ingest;
pub mod input;
pub mod lexicon;
pub mod manifest;
pub mod pos;
pub mod report;
pub mod segment;
pub mod sources;
pub mod text;
pub mod thesaurus;
pub mod verdict;
pub mod versioned;

pub use error::{Error, Result};
