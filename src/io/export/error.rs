//! Why an export failed. Its own module so that the format modules and the
//! dispatch in `mod.rs` both depend on it, not on each other.

/// An export that could not be encoded or written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: cannot write export: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot encode the {format} export: {message}")]
    Encode {
        format: &'static str,
        message: String,
    },
}
