//! Exports of linked claim pairs. Each format is one small module that turns
//! a list of [`Pair`]s into bytes (or, for folder formats, into files); this
//! module only chooses the format and writes the result.

mod brat;
mod claimreview;
mod common;
mod csv_table;
mod dossier;
mod error;
mod folder;
mod html;
mod jsonl;
mod markdown;
mod ron_pairs;
pub mod time_ticks;
pub mod timeline_svg;
mod w3c;

pub use brat::CROSS_FILE as BRAT_CROSS_FILE;
pub use common::{Offsets, Range, link_url, offsets_in, sentence_around};
pub use error::ExportError;
pub use folder::MANIFEST as FOLDER_MANIFEST;
pub use w3c::RESPONSE_PURPOSE as W3C_RESPONSE_PURPOSE;

use std::path::Path;

use crate::model::{Pair, Project, StatusFilter};

/// A format other tools read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// Riposte's own pairs file: the reference every other format follows.
    Ron,
    /// JSON Lines, one pair per line, offsets in bytes, code points and UTF-16.
    Jsonl,
    /// A spreadsheet table, one pair per row.
    Csv,
    /// W3C Web Annotation JSON-LD (claims and their links).
    W3c,
    /// schema.org ClaimReview JSON-LD for denials, refutations, contradictions, corrections.
    ClaimReview,
    /// A folder for the brat annotation tool.
    Brat,
    /// A printable HTML dossier.
    Html,
    /// The dossier as Markdown.
    Markdown,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 8] = [
        ExportFormat::Ron,
        ExportFormat::Jsonl,
        ExportFormat::Csv,
        ExportFormat::W3c,
        ExportFormat::ClaimReview,
        ExportFormat::Brat,
        ExportFormat::Html,
        ExportFormat::Markdown,
    ];

    /// The name used on the command line (`--format ron`).
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Ron => "ron",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
            ExportFormat::W3c => "w3c",
            ExportFormat::ClaimReview => "claimreview",
            ExportFormat::Brat => "brat",
            ExportFormat::Html => "html",
            ExportFormat::Markdown => "md",
        }
    }

    /// A human description for the Export dialog.
    pub fn description(self) -> &'static str {
        match self {
            ExportFormat::Ron => "RON pairs file (Riposte's reference format)",
            ExportFormat::Jsonl => "JSON Lines, one pair per line (scripts, notebooks)",
            ExportFormat::Csv => "CSV table, one pair per row (spreadsheets)",
            ExportFormat::W3c => "W3C Web Annotation JSON-LD (annotation tools)",
            ExportFormat::ClaimReview => "schema.org ClaimReview JSON-LD (fact-check markup)",
            ExportFormat::Brat => "brat standoff folder (.txt + .ann per article)",
            ExportFormat::Html => "Printable HTML dossier, grouped by story",
            ExportFormat::Markdown => "Markdown dossier, grouped by story",
        }
    }

    /// The usual file extension, or `None` for formats that write a folder.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            ExportFormat::Ron => Some("ron"),
            ExportFormat::Jsonl => Some("jsonl"),
            ExportFormat::Csv => Some("csv"),
            ExportFormat::W3c => Some("jsonld"),
            ExportFormat::ClaimReview => Some("jsonld"),
            ExportFormat::Brat => None,
            ExportFormat::Html => Some("html"),
            ExportFormat::Markdown => Some("md"),
        }
    }

    /// Parses a format name, case-insensitively (`markdown` is accepted
    /// for `md`, `jsonld` for `w3c`).
    pub fn parse(text: &str) -> Option<ExportFormat> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("markdown") {
            return Some(ExportFormat::Markdown);
        }
        if text.eq_ignore_ascii_case("jsonld") {
            return Some(ExportFormat::W3c);
        }
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(text))
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

/// Renders the pairs of `project` that pass `filter` in `format`.
/// The pairs an export writes: those passing `filter` whose two claims are
/// both anchored. An orphaned claim (its quote no longer found after the
/// article text changed) has no span to export; it waits in the window's
/// review list until the analyst re-attaches or deletes it.
pub fn exportable_pairs(project: &Project, filter: StatusFilter) -> Vec<Pair<'_>> {
    project
        .pairs(filter)
        .into_iter()
        .filter(|pair| !pair.claim.claim.is_orphan() && !pair.response.claim.is_orphan())
        .collect()
}

/// What the analyst should know before sharing an export in `format` (the
/// Export dialog and `riposte export` show these): for ClaimReview, each
/// review that lacks the `url` Google requires.
pub fn warnings(project: &Project, format: ExportFormat, filter: StatusFilter) -> Vec<String> {
    match format {
        ExportFormat::ClaimReview => {
            claimreview::missing_url_warnings(&exportable_pairs(project, filter))
        }
        _ => Vec::new(),
    }
}

pub fn render(
    project: &Project,
    format: ExportFormat,
    filter: StatusFilter,
) -> Result<ExportOutput, ExportError> {
    let pairs = exportable_pairs(project, filter);
    match format {
        ExportFormat::Ron => ron_pairs::render(project, &pairs, filter).map(ExportOutput::File),
        ExportFormat::Jsonl => jsonl::render(&pairs).map(ExportOutput::File),
        ExportFormat::Csv => Ok(ExportOutput::File(csv_table::render(&pairs))),
        ExportFormat::W3c => w3c::render(project, &pairs).map(ExportOutput::File),
        ExportFormat::ClaimReview => claimreview::render(&pairs).map(ExportOutput::File),
        ExportFormat::Brat => Ok(ExportOutput::Folder(brat::render(&pairs))),
        ExportFormat::Html => Ok(ExportOutput::File(html::render(&dossier::build(
            project, &pairs, filter,
        )))),
        ExportFormat::Markdown => Ok(ExportOutput::File(markdown::render(&dossier::build(
            project, &pairs, filter,
        )))),
    }
}

/// Writes an export to `destination` (a file, or a folder for folder
/// formats), atomically for single files. A folder export removes the
/// files its previous export there wrote and this one does not, and no
/// others (see `folder`).
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
        ExportOutput::Folder(files) => folder::write_folder(files, destination),
    }
}
