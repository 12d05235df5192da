//! Writing files the way a user can rely on: all or nothing, and never over something
//! that is not a plain file.
//!
//! Reports, baselines, fetched pages, manifests and cache entries are all written here.
//! A regular file is replaced atomically (a unique temporary file in the same folder,
//! flushed, then renamed over the target), so a crash or a full disk never leaves half a
//! report where the last good one was. But `--output /dev/null` or a named pipe must not
//! be replaced by a regular file (as root, a rename would delete the device node): a
//! target that exists and is not a regular file is opened and written in place. A
//! symbolic link is followed, so the file it points at is replaced and the link stays.
//!
//! Temporary files are named `.NAME.claimcheck-PID-N.tmp`: hidden, so the corpus walk
//! skips them, and recognisable, so one left by a killed run can be cleaned up
//! ([`is_temporary`]).

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Lowercase hex SHA-256 of some bytes: the content hash of fetched pages and cache
/// entries.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Write `bytes` to `path`: atomically for a regular (or new) file, in place for a
/// device or a FIFO. A folder is an error of kind `IsADirectory` that says so.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let target = resolve(path);
    if let Ok(meta) = std::fs::metadata(&target) {
        if meta.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "is a folder; give a file name to write to",
            ));
        }
        if !meta.is_file() {
            // A device, a FIFO or a socket: write through it, never replace it.
            let mut f = OpenOptions::new().write(true).open(&target)?;
            return f.write_all(bytes).and_then(|_| f.flush());
        }
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("file");
    let tmp = dir.join(format!(
        ".{name}.claimcheck-{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The file a path names: a symbolic link (or a chain of them) is followed; a path that
/// does not exist yet is itself.
fn resolve(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// The largest local file read by default, the same cap as for a fetched page
/// (`--max-bytes`).
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// Why a local file was not read: a message that says what to do.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A folder, a device, a FIFO, a socket, or a file of the kernel's (`/proc`, `/sys`).
    NotAFile(&'static str),
    TooLarge {
        limit: u64,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotAFile(what) => write!(f, "{what}"),
            ReadError::TooLarge { limit } => write!(
                f,
                "larger than the {limit}-byte cap; raise --max-bytes to read it"
            ),
        }
    }
}

/// Read a regular file of at most `limit` bytes. Devices, FIFOs and the kernel's
/// pseudo-files are refused (they can be endless, or hold the process's secrets), and
/// the read stops one byte past the cap however large the file claims to be.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::NotAFile("is a folder"));
    }
    if !meta.is_file() {
        return Err(ReadError::NotAFile(
            "is not a regular file (a device, a FIFO or a socket); give a text file",
        ));
    }
    if is_kernel_file(path) {
        return Err(ReadError::NotAFile(
            "is a file of the operating system (/proc, /sys), not an article",
        ));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Under `/proc` or `/sys` once links are resolved: regular files by their type, but
/// generated by the kernel (`/proc/self/environ` holds the environment).
fn is_kernel_file(path: &Path) -> bool {
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    real.starts_with("/proc") || real.starts_with("/sys")
}

/// Is this file name one of [`write_atomic`]'s temporary files?
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp") && name.contains(".claimcheck-")
}

/// The process that wrote a temporary file, from its name.
fn writer_of(name: &str) -> Option<u32> {
    let rest = &name[name.rfind(".claimcheck-")? + ".claimcheck-".len()..];
    rest.split('-').next()?.parse().ok()
}

/// Is the process that wrote this temporary file gone? Only known where `/proc` is;
/// elsewhere a temporary is never taken for stale (it is hidden, so no run reads it).
fn writer_is_gone(name: &str) -> bool {
    let Some(pid) = writer_of(name) else {
        return false;
    };
    let proc = Path::new("/proc");
    proc.join("self").exists() && pid != std::process::id() && !proc.join(pid.to_string()).exists()
}

/// Remove temporary files that a killed run left in `dir` (not recursive): those whose
/// writing process is gone, so a run writing into the same folder right now keeps its
/// own. Returns how many.
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name
            .to_str()
            .is_some_and(|n| is_temporary(n) && writer_is_gone(n))
            && entry.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.json");
        std::fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_folder_is_refused_and_a_device_is_written_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_atomic(dir.path(), b"x").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::IsADirectory);
        #[cfg(unix)]
        {
            let null = Path::new("/dev/null");
            write_atomic(null, b"x").unwrap();
            let meta = std::fs::metadata(null).unwrap();
            assert!(!meta.is_file(), "/dev/null is still a device");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn reading_is_capped_and_refuses_what_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "0123456789").unwrap();
        assert_eq!(read_capped(&p, 10).unwrap().len(), 10);
        assert!(matches!(
            read_capped(&p, 9),
            Err(ReadError::TooLarge { limit: 9 })
        ));
        assert!(matches!(
            read_capped(dir.path(), 9),
            Err(ReadError::NotAFile(_))
        ));
        #[cfg(target_os = "linux")]
        {
            for p in ["/dev/zero", "/proc/self/environ"] {
                let e = read_capped(Path::new(p), 1 << 20).unwrap_err();
                assert!(matches!(e, ReadError::NotAFile(_)), "{p}: {e}");
            }
        }
    }

    #[test]
    fn stale_temporaries_are_recognised_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        // No process has an id this high (Linux caps them at 2^22).
        let gone = ".a.html.claimcheck-4294967295-0.tmp";
        let mine = format!(".b.html.claimcheck-{}-0.tmp", std::process::id());
        std::fs::write(dir.path().join(gone), "x").unwrap();
        std::fs::write(dir.path().join(&mine), "x").unwrap();
        std::fs::write(dir.path().join("a.html"), "x").unwrap();
        assert!(is_temporary(gone) && is_temporary(&mine));
        assert!(!is_temporary("a.html"));
        assert_eq!(writer_of(gone), Some(4294967295));
        if Path::new("/proc/self").exists() {
            assert_eq!(remove_stale_temporaries(dir.path()), 1);
            assert!(!dir.path().join(gone).exists());
        }
        assert!(
            dir.path().join(&mine).exists(),
            "a live writer's file stays"
        );
        assert!(dir.path().join("a.html").exists());
    }
}
