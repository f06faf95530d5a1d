//! The demo project, built into the binary, and the analyst's own copy of
//! it. A first run opens the copy, never `saves/demo.ron` in a source tree:
//! saving there would change a committed file and leave a lock beside it.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::project_file::{self, LoadError, Loaded};

/// `saves/demo.ron`, built in so that an installed binary has it too.
pub const DEMO_RON: &str = include_str!("../../saves/demo.ron");

/// Where a first run keeps the analyst's copy of the demo.
pub fn copy_path(data_dir: &Path) -> PathBuf {
    data_dir.join("demo.ron")
}

/// The analyst's copy of the demo in `data_dir`, written if there is none
/// yet. An existing copy is never replaced: it may hold the analyst's work.
/// The write is atomic (temporary file, then rename), so a crash never
/// leaves half a demo behind.
pub fn ensure_copy(data_dir: &Path) -> Result<PathBuf, String> {
    let path = copy_path(data_dir);
    let failed = |e: std::io::Error| format!("{}: {e}", path.display());
    match std::fs::symlink_metadata(&path) {
        Ok(_) => return Ok(path),
        Err(e) if e.kind() != ErrorKind::NotFound => return Err(failed(e)),
        Err(_) => {}
    }
    std::fs::create_dir_all(data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
    // Two first runs at once would both write these same bytes.
    project_file::write_atomically(&path, DEMO_RON.as_bytes()).map_err(failed)?;
    Ok(path)
}

/// The built-in demo itself, for when no copy can be written (no data
/// folder, a read-only home): opened untitled, so saving asks where.
pub fn built_in() -> Result<Loaded, LoadError> {
    project_file::load_str(DEMO_RON, "the built-in demo")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_is_written_once_and_never_replaced() {
        let data = tempfile::tempdir().expect("temp dir");
        let folder = data.path().join("riposte");
        let path = ensure_copy(&folder).expect("written");
        assert_eq!(path, copy_path(&folder));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), DEMO_RON);
        std::fs::write(&path, "the analyst's changes").expect("changed");
        assert_eq!(ensure_copy(&folder).expect("found"), path);
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "the analyst's changes"
        );
        let names: Vec<_> = std::fs::read_dir(&folder)
            .expect("listed")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["demo.ron"], "no temporary or backup file is left");
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_a_message() {
        let data = tempfile::tempdir().expect("temp dir");
        let file = data.path().join("a-file");
        std::fs::write(&file, "x").expect("written");
        let message = ensure_copy(&file.join("riposte")).expect_err("refused");
        assert!(message.contains("a-file"), "{message}");
    }

    #[test]
    fn the_built_in_demo_loads_without_problems() {
        let loaded = built_in().expect("loads");
        assert!(!loaded.project.articles.is_empty());
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    }
}
