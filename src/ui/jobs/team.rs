//! The background work of team features: merging another copy into the
//! open project, and comparing copies annotated independently.

use std::path::{Path, PathBuf};

use crate::io::project_file;
use crate::model::{
    Agreement, Curated, DEFAULT_OVERLAP, Edit, Project, agreement, curate, edit_between,
    merge_without_base,
};

/// Copies compared: their names (the open project first), the figures,
/// and the project curated from them.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    pub names: Vec<String>,
    pub agreement: Agreement,
    pub curated: Curated,
}

/// Reads the copy and merges it into `ours` without a common version
/// (nothing is taken as deleted): the edit that does it, and how many
/// conflicts it records.
pub fn merge_copy(path: &Path, ours: &Project) -> Result<(Option<Edit>, usize), String> {
    let theirs = project_file::load(path).map_err(|e| e.to_string())?.project;
    let merged = merge_without_base(ours, &theirs);
    Ok((edit_between(ours, &merged.project), merged.conflicts.len()))
}

/// Reads the copies and compares them with `ours` (named), curating all.
pub fn compare(ours: (String, Project), copies: &[PathBuf]) -> Result<Compared, String> {
    let mut named = vec![ours];
    for path in copies {
        let project = project_file::load(path).map_err(|e| e.to_string())?.project;
        named.push((file_name(path), project));
    }
    let projects: Vec<&Project> = named.iter().map(|(_, p)| p).collect();
    let figures = agreement(&projects, DEFAULT_OVERLAP);
    let borrowed: Vec<(String, &Project)> = named.iter().map(|(n, p)| (n.clone(), p)).collect();
    Ok(Compared {
        curated: curate(&borrowed, DEFAULT_OVERLAP),
        agreement: figures,
        names: named.into_iter().map(|(name, _)| name).collect(),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
