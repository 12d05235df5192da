//! Reading the versioned JSON files claimcheck writes and reads back: claim sets
//! (`claimcheck.claims/1`) and baselines (`claimcheck.baseline/1`).
//!
//! Both are edited by people and handed between machines, so both are read the same
//! way: up to a size cap, as UTF-8, parsed with the line of the first error, and refused
//! when their `schema` is not the one this version reads.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::fsutil::{ReadError, read_capped};

/// The largest claim set or baseline read (64 MiB): far past any real one, short of
/// what would exhaust memory.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// A document that names its schema.
pub trait Versioned: DeserializeOwned {
    /// The schema this version reads and writes, e.g. `claimcheck.claims/1`.
    const SCHEMA: &'static str;
    /// The command that writes it, for messages: "`claimcheck extract --format json`".
    const WRITTEN_BY: &'static str;
    /// What it is, for messages: "a claim set".
    const WHAT: &'static str;
    /// The schema the document says it has.
    fn schema(&self) -> &str;
}

/// Read a versioned JSON document; every failure names the file (and line) and says
/// what the file should be.
pub fn read<T: Versioned>(path: &Path) -> Result<T> {
    let bytes = read_capped(path, MAX_BYTES).map_err(|e| match e {
        ReadError::Io(e) => Error::io(path, &e),
        other => Error::input(path, other.to_string()),
    })?;
    let raw = String::from_utf8(bytes)
        .map_err(|e| Error::input(path, format!("is not UTF-8 ({e}); {} is JSON", T::WHAT)))?;
    let doc: T = serde_json::from_str(&raw).map_err(|e| {
        Error::parse(
            path,
            e.line(),
            format!("{e}; {} is the JSON written by {}", T::WHAT, T::WRITTEN_BY),
        )
    })?;
    if doc.schema() != T::SCHEMA {
        return Err(Error::parse(
            path,
            1,
            format!("schema is '{}', expected '{}'", doc.schema(), T::SCHEMA),
        ));
    }
    Ok(doc)
}
