//! Errors that reach the user. Each one says what went wrong, where, and how to fix
//! it; every variant maps to exit code 2 in the binary.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    /// The input is not something claimcheck can read (binary file, folder given as an article…).
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
    /// A structured file (manifest, claim set, config) is malformed.
    #[error("{path}:{line}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, err: &std::io::Error) -> Self {
        let path = path.into();
        let message = match err.kind() {
            std::io::ErrorKind::NotFound => "no such file or folder; check the path".to_string(),
            std::io::ErrorKind::PermissionDenied => {
                "permission denied; check the file's permissions".to_string()
            }
            _ => format!("cannot read: {err}"),
        };
        Error::Io { path, message }
    }

    /// A failed write, with what the user can do about it.
    pub fn write(path: impl Into<PathBuf>, err: &std::io::Error) -> Self {
        let path = path.into();
        let message = match err.kind() {
            std::io::ErrorKind::IsADirectory => {
                "is a folder; give a file name to write to".to_string()
            }
            std::io::ErrorKind::PermissionDenied => {
                "permission denied; check the folder's permissions".to_string()
            }
            _ => format!("cannot write: {err}"),
        };
        Error::Io { path, message }
    }

    pub fn input(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn parse(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Error::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}
