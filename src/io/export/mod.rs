//! Exports of linked claim pairs. Each format is one small module that turns
//! a list of [`Pair`]s into bytes (or, for folder formats, into files); this
//! module only chooses the format and writes the result.

mod ron_pairs;

use std::path::Path;

use crate::model::{Pair, Project, StatusFilter};

/// A format other tools read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Riposte's own pairs file: the reference every other format follows.
    Ron,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 1] = [ExportFormat::Ron];

    /// The name used on the command line (`--format ron`).
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Ron => "ron",
        }
    }

    /// A human description for the Export dialog.
    pub fn description(self) -> &'static str {
        match self {
            ExportFormat::Ron => "RON pairs file (Riposte's reference format)",
        }
    }

    /// The usual file extension, or `None` for formats that write a folder.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            ExportFormat::Ron => Some("ron"),
        }
    }

    pub fn parse(text: &str) -> Option<ExportFormat> {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// What an export produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportOutput {
    /// One file's bytes.
    File(Vec<u8>),
    /// Several files, by path relative to the destination folder.
    Folder(Vec<(String, Vec<u8>)>),
}

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

/// Renders the pairs of `project` that pass `filter` in `format`.
pub fn render(
    project: &Project,
    format: ExportFormat,
    filter: StatusFilter,
) -> Result<ExportOutput, ExportError> {
    let pairs: Vec<Pair<'_>> = project.pairs(filter);
    match format {
        ExportFormat::Ron => ron_pairs::render(project, &pairs, filter).map(ExportOutput::File),
    }
}

/// Writes an export to `destination` (a file, or a folder for folder
/// formats), atomically for single files.
pub fn write(output: &ExportOutput, destination: &Path) -> Result<(), ExportError> {
    let io_error = |path: &Path| {
        let shown = path.display().to_string();
        move |source| ExportError::Io {
            path: shown,
            source,
        }
    };
    match output {
        ExportOutput::File(bytes) => crate::io::project_file::write_atomically(destination, bytes)
            .map_err(io_error(destination)),
        ExportOutput::Folder(files) => {
            for (relative, bytes) in files {
                let path = destination.join(relative);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(io_error(parent))?;
                }
                std::fs::write(&path, bytes).map_err(io_error(&path))?;
            }
            Ok(())
        }
    }
}
