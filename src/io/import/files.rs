//! Which files an import reads, and reading them safely. Only regular
//! files are read: a pipe or device named `x.txt` would block or never end.
//! Folders are walked in name order; a folder reached again through a link
//! (a loop) is skipped, and no file over [`MAX_IMPORT_BYTES`] is read.
//!
//! Formats are told apart by extension: `.txt`/`.md` text, `.html`/`.htm`
//! pages, `.json`/`.jsonld` annotations; a folder with `.ann` files is a
//! brat folder.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::report::ImportReport;

/// The largest file an import reads (a saved page or a very long article
/// is far smaller; anything larger is a mistake, or not text).
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;
/// Folders nested deeper than this are not walked.
const MAX_FOLDER_DEPTH: usize = 32;

const TEXT: [&str; 2] = ["txt", "md"];
const HTML: [&str; 2] = ["html", "htm"];
const ANNOTATIONS: [&str; 2] = ["json", "jsonld"];

/// Something to import, by kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Source {
    Text(PathBuf),
    Html(PathBuf),
    Annotations(PathBuf),
    /// A folder of `.txt` and `.ann` files.
    Brat(PathBuf),
}

/// What kind of file a path names (text when the extension says nothing).
fn kind_of(path: &Path) -> Source {
    let path_buf = path.to_path_buf();
    if has_extension(path, &HTML) {
        Source::Html(path_buf)
    } else if has_extension(path, &ANNOTATIONS) {
        Source::Annotations(path_buf)
    } else {
        Source::Text(path_buf)
    }
}

/// True for a folder holding brat `.ann` files.
fn is_brat_folder(dir: &Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| has_extension(&e.path(), &["ann"]))
    })
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// True for a file a folder import reads: articles (annotation files are
/// imported only when named).
pub(super) fn is_importable(path: &Path) -> bool {
    has_extension(path, &TEXT) || has_extension(path, &HTML)
}

/// Reads a whole regular file of at most [`MAX_IMPORT_BYTES`]; the error
/// is a sentence naming the file.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let metadata = fs::metadata(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    if !metadata.is_file() {
        return Err(format!(
            "{shown}: not a regular file (a pipe, device or socket); not read"
        ));
    }
    let too_large = |size: u64| {
        format!(
            "{shown}: {} MiB is more than the import limit of {} MiB; not read",
            size.div_ceil(1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )
    };
    if metadata.len() > MAX_IMPORT_BYTES {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // At most one byte over the limit, in case the file grows meanwhile.
    fs::File::open(path)
        .and_then(|file| file.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{shown}: cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What to import from the named paths: named files as they are, brat
/// folders whole, other folders walked for articles.
pub(super) fn collect(paths: &[PathBuf], report: &mut ImportReport) -> Vec<Source> {
    let mut files = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() && is_brat_folder(path) => {
                files.push(Source::Brat(path.clone()));
            }
            Ok(metadata) if metadata.is_dir() => {
                let mut walk = Walk {
                    files: &mut files,
                    report,
                    visited: BTreeSet::new(),
                };
                walk.folder(path, 0);
            }
            Ok(metadata) if metadata.is_file() => {
                if !is_importable(path) && !has_extension(path, &ANNOTATIONS) {
                    report.warnings.push(format!(
                        "{}: imported as text although it is not a .txt, .md or .html file",
                        path.display()
                    ));
                }
                files.push(kind_of(path));
            }
            Ok(_) => report.failures.push(format!(
                "{}: not a regular file (a pipe, device or socket); not read",
                path.display()
            )),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => report
                .failures
                .push(format!("{}: no such file or folder", path.display())),
            Err(error) => report
                .failures
                .push(format!("{}: cannot read: {error}", path.display())),
        }
    }
    files
}

/// A folder walk: the folders already seen (by their real path) stop
/// loops made with symbolic links.
struct Walk<'a> {
    files: &'a mut Vec<Source>,
    report: &'a mut ImportReport,
    visited: BTreeSet<PathBuf>,
}

impl Walk<'_> {
    fn folder(&mut self, dir: &Path, depth: usize) {
        let real = match fs::canonicalize(dir) {
            Ok(real) => real,
            Err(error) => {
                self.fail(dir, &format!("cannot open folder: {error}"));
                return;
            }
        };
        if !self.visited.insert(real) {
            self.report.warnings.push(format!(
                "{}: a link back to a folder already imported; skipped",
                dir.display()
            ));
            return;
        }
        if depth > MAX_FOLDER_DEPTH {
            self.fail(
                dir,
                &format!("folders nested more than {MAX_FOLDER_DEPTH} deep; not read"),
            );
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                self.fail(dir, &format!("cannot list folder: {error}"));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            self.entry(&path, depth);
        }
    }

    fn entry(&mut self, path: &Path, depth: usize) {
        match fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() && is_brat_folder(path) => {
                self.files.push(Source::Brat(path.to_path_buf()));
            }
            Ok(metadata) if metadata.is_dir() => self.folder(path, depth + 1),
            Ok(metadata) if metadata.is_file() => {
                if is_importable(path) {
                    self.files.push(kind_of(path));
                }
            }
            Ok(_) if is_importable(path) => self.report.warnings.push(format!(
                "{}: not a regular file (a pipe, device or socket); skipped",
                path.display()
            )),
            Ok(_) => {}
            Err(error) if is_importable(path) => self.report.warnings.push(format!(
                "{}: cannot read ({error}); skipped",
                path.display()
            )),
            Err(_) => {}
        }
    }

    fn fail(&mut self, path: &Path, why: &str) {
        self.report
            .failures
            .push(format!("{}: {why}", path.display()));
    }
}
