//! Import: articles (plain text, saved HTML pages) and annotations (W3C Web
//! Annotation and Hypothesis JSON, brat folders) into one undoable edit.
//!
//! Text is decoded once (UTF-8 with or without BOM, else Windows-1252 with a
//! warning) and normalised (LF line ends); from then on it is the coordinate
//! system of every claim in the article. Detected metadata (date, outlet,
//! title) is a first guess the analyst can correct; guesses are marked.
//!
//! A path's format is recognised by its extension (`.txt`/`.md` text,
//! `.html`/`.htm` page, `.json`/`.jsonld` annotations) and a folder holding
//! `.ann` files is a brat folder; other folders are walked for articles.
//! Articles are read before annotations, so annotations can anchor in
//! articles imported with them.

mod anchoring;
mod brat;
mod decode;
mod detect;
mod files;
mod html;
mod importer;
mod report;
mod w3c;

pub use decode::{Decoded, decode, normalise_newlines};
pub(crate) use detect::shorten;
pub use detect::{Detected, detect, detect_at};
pub use files::{MAX_IMPORT_BYTES, read_limited};
pub use html::{HtmlPage, read_html};
pub use report::ImportReport;

use std::path::PathBuf;

use crate::model::{Article, ArticleId, Project, Stamp, content_hash};
use files::Source;
use importer::Importer;

/// Imports files and folders into an edit for `project`: `.txt`/`.md` and
/// `.html`/`.htm` files become articles, `.json`/`.jsonld` files add the
/// claims and links they annotate, brat folders both.
pub fn import_paths(project: &Project, paths: &[PathBuf], stamp: &Stamp) -> ImportReport {
    let mut importer = Importer::new(project, stamp);
    let mut sources = files::collect(paths, &mut importer.report);
    // Articles first, so annotations can anchor in articles imported with them.
    sources.sort_by_key(|source| matches!(source, Source::Annotations(_)));
    for source in sources {
        match source {
            Source::Text(path) => importer.text_file(&path),
            Source::Html(path) => importer.html_file(&path),
            Source::Annotations(path) => w3c::import(&mut importer, &path),
            Source::Brat(dir) => brat::import(&mut importer, &dir),
        }
    }
    importer.finish()
}

/// An article built from text the caller already has (tests, generators,
/// pasted text), with detection applied.
pub fn article_from_text(id: ArticleId, text: &str, source: &str, stamp: &Stamp) -> Article {
    let mut detected = detect_at(
        &normalise_newlines(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Some(stamp.at.date_naive()),
    );
    detected.meta.source_path = source.to_string();
    Article {
        id,
        content_hash: content_hash(&detected.text),
        meta: detected.meta,
        imported_at: stamp.at,
        text: detected.text.into(),
    }
}
