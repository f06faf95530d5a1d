//! Writing a folder export (brat) without leaving stale files behind and
//! without touching anyone else's: the folder keeps a list of the files the
//! last export wrote (`.riposte-export`); a new export removes those it no
//! longer writes, and never any other file.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use super::error::ExportError;

/// The list of files Riposte wrote into an export folder.
pub const MANIFEST: &str = ".riposte-export";

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + use<> {
    let shown = path.display().to_string();
    move |source| ExportError::Io {
        path: shown,
        source,
    }
}

/// A name from the manifest that can only mean a file in the folder
/// itself: a hand-edited manifest cannot make us delete elsewhere.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && Path::new(name).components().count() == 1
}

/// The files the previous export wrote into `folder`.
fn previous_files(folder: &Path) -> BTreeSet<String> {
    fs::read_to_string(folder.join(MANIFEST))
        .map(|text| {
            text.lines()
                .filter(|name| is_plain_name(name))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Writes `files` (names relative to `folder`) and removes the files an
/// earlier export wrote there that this one does not.
pub fn write_folder(files: &[(String, Vec<u8>)], folder: &Path) -> Result<(), ExportError> {
    fs::create_dir_all(folder).map_err(io_error(folder))?;
    let previous = previous_files(folder);
    for (relative, bytes) in files {
        let path = folder.join(relative);
        fs::write(&path, bytes).map_err(io_error(&path))?;
    }
    let written: BTreeSet<String> = files.iter().map(|(name, _)| name.clone()).collect();
    for stale in previous.difference(&written) {
        let path = folder.join(stale);
        match fs::remove_file(&path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(io_error(&path)(error));
            }
            _ => {}
        }
    }
    let manifest: String = written.iter().map(|name| format!("{name}\n")).collect();
    let path = folder.join(MANIFEST);
    fs::write(&path, manifest).map_err(io_error(&path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_ever_removed() {
        assert!(is_plain_name("a1.ann"));
        assert!(!is_plain_name("../a1.ann"));
        assert!(!is_plain_name("/etc/passwd"));
        assert!(!is_plain_name("sub/a1.ann"));
        assert!(!is_plain_name(".riposte-export"));
        assert!(!is_plain_name(""));
    }
}
