//! What every reader of project files shares: the header's name and
//! version, and the errors a load can end with. Kept apart from the
//! loader (`project_file`) and the version upgrades (`migrate`) so that
//! both depend on it and neither on the other.

/// The name in every project file's header.
pub const FORMAT_NAME: &str = "riposte-project";
/// The newest version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 2;

/// Why a project file could not be read. Every message names the file
/// (and `LINE:COL` where the text is at fault).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: file is {size} bytes, over the {limit}-byte limit for project files")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: not a regular file")]
    NotAFile { path: String },
    #[error("{path}: the file is empty")]
    Empty { path: String },
    #[error("{path}:{line}:{col}: not UTF-8 text (is this a project file?)")]
    NotUtf8 {
        path: String,
        line: usize,
        col: usize,
    },
    #[error("{path}:{line}:{col}: {message}")]
    Syntax {
        path: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{path}: not a Riposte project (format is '{found}', expected '{FORMAT_NAME}')")]
    WrongFormat { path: String, found: String },
    #[error("{path}: file version {version} was never written by Riposte (is the file damaged?)")]
    UnknownVersion { path: String, version: u32 },
    #[error(
        "{path}: written by a newer Riposte (file version {version}, this build reads up to {FORMAT_VERSION}); update Riposte to open it"
    )]
    NewerVersion { path: String, version: u32 },
}
