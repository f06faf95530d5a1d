//! What differs between the open project and its file on disk (the
//! "Compare" of the external-change banner): records added, removed and
//! changed, by id.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::Project;

/// Records added, removed and changed in the file on disk, compared with
/// the open project.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

impl Counts {
    fn of<K: Ord, T: PartialEq>(
        open: impl Iterator<Item = (K, T)>,
        disk: impl Iterator<Item = (K, T)>,
    ) -> Counts {
        let open: BTreeMap<K, T> = open.collect();
        let disk: BTreeMap<K, T> = disk.collect();
        Counts {
            added: disk.keys().filter(|k| !open.contains_key(k)).count(),
            removed: open.keys().filter(|k| !disk.contains_key(k)).count(),
            changed: disk
                .iter()
                .filter(|(k, v)| open.get(k).is_some_and(|o| o != *v))
                .count(),
        }
    }

    pub fn describe(&self) -> String {
        format!(
            "{} added, {} removed, {} changed",
            self.added, self.removed, self.changed
        )
    }

    pub fn is_empty(&self) -> bool {
        self.added + self.removed + self.changed == 0
    }
}

/// How the project on disk differs from the open one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Differences {
    pub path: PathBuf,
    pub articles: Counts,
    pub claims: Counts,
    pub links: Counts,
    pub title_changed: bool,
}

pub fn compare(path: &Path, open: &Project, disk: &Project) -> Differences {
    Differences {
        path: path.to_path_buf(),
        articles: Counts::of(
            open.articles.iter().map(|a| (a.id, a)),
            disk.articles.iter().map(|a| (a.id, a)),
        ),
        claims: Counts::of(
            open.claims.iter().map(|c| (c.id, c)),
            disk.claims.iter().map(|c| (c.id, c)),
        ),
        links: Counts::of(
            open.links.iter().map(|l| (l.id, l)),
            disk.links.iter().map(|l| (l.id, l)),
        ),
        title_changed: open.title != disk.title,
    }
}

/// Reads the project file at `path` and compares it with `open`.
pub fn compare_with_file(path: &Path, open: &Project) -> Result<Differences, String> {
    let loaded = super::project_file::load(path).map_err(|e| e.to_string())?;
    Ok(compare(path, open, &loaded.project))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, History};

    #[test]
    fn compare_counts_added_removed_changed() {
        let open = Project::new("A");
        let mut disk = open.clone();
        let mut history = History::new();
        history
            .apply(&mut disk, Edit::SetProjectTitle("B".into()))
            .expect("title");
        let differences = compare(Path::new("p.ron"), &open, &disk);
        assert!(differences.title_changed);
        assert!(differences.articles.is_empty());
        assert_eq!(
            Counts::of(
                [(1, "a"), (2, "b")].into_iter(),
                [(2, "c"), (3, "d")].into_iter()
            ),
            Counts {
                added: 1,
                removed: 1,
                changed: 1
            }
        );
    }
}
