//! Reading every released version of the project file.
//!
//! The loader reads the header (`format`, `version`) first, then parses the
//! file with the types of *that* version and upgrades it one step at a time
//! to the current model: a file of version N goes through `vN_to_vN+1`, …,
//! up to [`FORMAT_VERSION`]. Newer versions are refused with a message that
//! says so (never parsed as if they were ours).
//!
//! - **Version 1**: ids were bare numbers (`id: 12`, `claim: 3`).
//! - **Version 2**: ids are written as they are shown (`id: "c12"`,
//!   `claim: "c14-k3m9qz"`): a number and, for ids made since version 2, a
//!   random tag that keeps copies of a project from colliding (see
//!   `model::ids`). A version-1 id reads as the untagged id with the same
//!   number, so it keeps displaying as `c12` and every reference still
//!   meets its record.
//!
//! That is the only difference, and the id types read both spellings, so a
//! version-1 file parses with today's record types: the upgrade needs no
//! copy of the old types, and no change when a field is added. Fields are
//! only ever added with serde defaults (`#[serde(default, skip_serializing_if
//! = ...)]`): a file that lacks one loads with the default, and a file that
//! has one this build does not know still opens (serde ignores unknown
//! fields; they are dropped when this build saves).
//!
//! When a change needs version 3 (a field renamed, removed or retyped):
//! 1. copy the affected record types into `mod v2` below (frozen, never
//!    edited again) and parse `2 =>` files with them;
//! 2. add `fn v2_to_v3(v2::Project) -> Project` to the chain;
//! 3. bump [`FORMAT_VERSION`] and commit `tests/data/project_v3.ron` beside
//!    the older fixtures (all must keep loading).

use regex::Regex;
use serde::Deserialize;
use std::sync::LazyLock;

use super::format::{FORMAT_NAME, FORMAT_VERSION, LoadError};
use crate::model::Project;

/// The project file as written by each version.
mod v1 {
    /// Version 1 differs from version 2 only in how ids are spelled, and
    /// the id types read the version-1 spelling: the current types serve.
    pub type Project = crate::model::Project;

    #[derive(serde::Deserialize)]
    pub struct File {
        pub project: Project,
    }
}

mod v2 {
    /// Version 2 is the current model.
    pub type Project = crate::model::Project;

    #[derive(serde::Deserialize)]
    pub struct File {
        pub project: Project,
    }
}

/// The header every version starts with.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
}

/// Parses a project file of any released version into the current model.
pub(crate) fn read_project(
    text: &str,
    path: &str,
    options: &ron::Options,
) -> Result<Project, LoadError> {
    let header = read_header(text, path, options)?;
    check_header(&header, path)?;
    match header.version {
        1 => parse::<v1::File>(text, path, options).map(|file| v1_to_v2(file.project)),
        2 => parse::<v2::File>(text, path, options).map(|file| file.project),
        version => Err(LoadError::UnknownVersion {
            path: path.to_string(),
            version,
        }),
    }
}

/// Version-1 ids were read as untagged ids (tag 0) by the id types
/// themselves; records, references and counters carry over unchanged.
fn v1_to_v2(project: v1::Project) -> v2::Project {
    project
}

/// `( format: "riposte-project", version: 2,` at the top of the file, as
/// Riposte writes it. Files laid out otherwise are read by the full parser.
static HEADER_AT_TOP: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r#"^\s*\(\s*format\s*:\s*"([^"\\]*)"\s*,\s*version\s*:\s*(\d{1,10})\s*,"#).ok()
});

/// How far into the file the quick header scan looks.
const HEADER_SCAN_BYTES: usize = 4096;

/// Reads the header without parsing the (possibly huge) rest of the file;
/// falls back to a full parse for unusual layouts (comments, reordering).
pub fn read_header(text: &str, path: &str, options: &ron::Options) -> Result<Header, LoadError> {
    if let Some(header) = scan_header(text) {
        return Ok(header);
    }
    parse::<Header>(text, path, options)
}

fn scan_header(text: &str) -> Option<Header> {
    let head = &text[..crate::model::floor_char_boundary(text, HEADER_SCAN_BYTES)];
    let found = HEADER_AT_TOP.as_ref()?.captures(head)?;
    Some(Header {
        format: found[1].to_string(),
        version: found[2].parse().ok()?,
    })
}

pub(crate) fn check_header(header: &Header, path: &str) -> Result<(), LoadError> {
    if header.format != FORMAT_NAME {
        return Err(LoadError::WrongFormat {
            path: path.to_string(),
            found: header.format.clone(),
        });
    }
    if header.version > FORMAT_VERSION {
        return Err(LoadError::NewerVersion {
            path: path.to_string(),
            version: header.version,
        });
    }
    Ok(())
}

/// Parses RON, turning errors into `FILE:LINE:COL: message`.
fn parse<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &str,
    options: &ron::Options,
) -> Result<T, LoadError> {
    options.from_str(text).map_err(|error| LoadError::Syntax {
        path: path.to_string(),
        line: error.span.start.line,
        col: error.span.start.col,
        message: error.code.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_scanned_without_parsing_the_rest() {
        let text = "(\n    format: \"riposte-project\",\n    version: 7,\n    project: <<garbage>>";
        assert_eq!(
            scan_header(text),
            Some(Header {
                format: "riposte-project".to_string(),
                version: 7
            })
        );
        let options = ron::Options::default();
        assert!(matches!(
            read_project(text, "f.ron", &options),
            Err(LoadError::NewerVersion { version: 7, .. })
        ));
    }

    #[test]
    fn unusual_layouts_fall_back_to_the_parser() {
        let text =
            "// a comment\n(version: 1, format: \"riposte-project\", project: (title: \"t\"))";
        assert_eq!(scan_header(text), None);
        let options = ron::Options::default();
        let project = read_project(text, "f.ron", &options).expect("loads");
        assert_eq!(project.title, "t");
    }

    #[test]
    fn version_zero_was_never_written() {
        let text = "(format: \"riposte-project\", version: 0, project: (title: \"t\"))";
        let options = ron::Options::default();
        let error = read_project(text, "f.ron", &options).expect_err("refused");
        assert!(error.to_string().contains("version 0"), "{error}");
    }
}
