//! Three-way merge of two copies of one project (`base` is the version both
//! started from): what `git merge` needs, through `riposte merge`.
//!
//! Records are matched by id (ids never collide across copies, see
//! `model::ids`), so the rules are per record:
//! - added on one side: kept; deleted on one side and untouched on the
//!   other: deleted;
//! - changed on one side: that side's version; changed on both: merged
//!   field by field ([`fields`]): different fields both apply, one field
//!   changed both ways keeps ours and records a [`Conflict`];
//! - deleted on one side, changed on the other: kept, flagged (a deletion
//!   loses to an edit). A record still used by the other side (a link to a
//!   deleted claim, a claim in a deleted article) is kept the same way.
//! - Two analysts who made the same pair (claim, response, relation) get
//!   one link: the one with the smaller id, with the other's differing
//!   status or note recorded as conflicts (the model refuses exact
//!   duplicate links).
//! - Story names merge by the claim they are stored under ([`names`]).
//! - An article's text is one field: it merges only when one side changed
//!   it. Claims whose place no longer fits the merged text are re-anchored
//!   (`model::reanchor`), so the result always passes `check`.
//!
//! Pure: no files, no clock. The counters take the larger of each side.

mod as_edit;
mod fields;
mod names;
mod repair;

pub use as_edit::edit_between;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

use super::decisions::{Conflict, ConflictKind, ConflictSide, RecordRef};
use super::ids::RecordId;
use super::project::{Article, Claim, Link, Project};
use super::shared::shared;

/// The merged project, and the conflicts this merge found (also stored in
/// `project.conflicts`, after any left from earlier merges).
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub project: Project,
    pub conflicts: Vec<Conflict>,
}

/// Merges `ours` and `theirs`, two copies that started from `base`.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Merged {
    let mut found = Vec::new();
    let mut project = Project {
        title: merge_title(base, ours, theirs, &mut found),
        next_ids: base.next_ids.max(&ours.next_ids).max(&theirs.next_ids),
        articles: merge_kind(&base.articles, &ours.articles, &theirs.articles, &mut found),
        claims: shared(merge_kind(
            &base.claims,
            &ours.claims,
            &theirs.claims,
            &mut found,
        )),
        links: shared(merge_kind(
            &base.links,
            &ours.links,
            &theirs.links,
            &mut found,
        )),
        conflicts: Vec::new(),
        disagreements: Vec::new(),
        story_names: Default::default(),
        rejected_candidates: Vec::new(),
    };
    let sides = repair::Sides { base, ours, theirs };
    repair::restore_used_records(&mut project, &sides, &mut found);
    repair::fold_duplicate_links(&mut project, &mut found);
    repair::reanchor_misplaced_claims(&mut project, &sides);
    repair::make_room_for_ids(&mut project);
    let names = (&base.story_names, &ours.story_names, &theirs.story_names);
    project.story_names = names::merge_story_names(names, &project, &mut found);
    let conflicts = (
        &base.conflicts[..],
        &ours.conflicts[..],
        &theirs.conflicts[..],
    );
    project.conflicts = merge_lists(conflicts, |c| project.has_record(c.record));
    project.conflicts.extend(found.iter().cloned());
    let disagreements = (
        &base.disagreements[..],
        &ours.disagreements[..],
        &theirs.disagreements[..],
    );
    project.disagreements = merge_lists(disagreements, |d| {
        project.claim(d.claim).is_some() && project.claim(d.response).is_some()
    });
    // A suggestion either analyst rejected stays rejected, unless one side
    // took the rejection back; kept in order, as the file keeps them.
    let rejected = (
        &base.rejected_candidates[..],
        &ours.rejected_candidates[..],
        &theirs.rejected_candidates[..],
    );
    project.rejected_candidates = merge_lists(rejected, |r| project.claim(r.claim).is_some());
    project.rejected_candidates.sort();
    Merged {
        project,
        conflicts: found,
    }
}

/// Merges another copy when the version both started from is unknown
/// (File → Merge another copy…): nothing is taken as deleted, so a record
/// either copy has is kept, and every field the copies hold differently
/// keeps ours and is recorded as a conflict.
pub fn merge_without_base(ours: &Project, theirs: &Project) -> Merged {
    merge(&Project::default(), ours, theirs)
}

fn merge_title(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    found: &mut Vec<Conflict>,
) -> String {
    let (b, o, t) = (&base.title, &ours.title, &theirs.title);
    if o == t || t == b {
        return o.clone();
    }
    if o == b {
        return t.clone();
    }
    found.push(Conflict {
        record: RecordRef::Project,
        field: "title".to_string(),
        kind: ConflictKind::BothChanged,
        ours: unattributed(Value::String(o.clone())),
        theirs: unattributed(Value::String(t.clone())),
    });
    o.clone()
}

fn unattributed(value: Value) -> ConflictSide {
    ConflictSide {
        value,
        analyst: String::new(),
        at: None,
    }
}

/// A record kind the merge handles by id.
pub(crate) trait Record: Clone + PartialEq + Serialize + DeserializeOwned {
    type Id: RecordId;
    fn id(&self) -> Self::Id;
    fn reference(id: Self::Id) -> RecordRef;
}

impl Record for Article {
    type Id = super::ArticleId;
    fn id(&self) -> Self::Id {
        self.id
    }
    fn reference(id: Self::Id) -> RecordRef {
        RecordRef::Article(id)
    }
}

impl Record for Claim {
    type Id = super::ClaimId;
    fn id(&self) -> Self::Id {
        self.id
    }
    fn reference(id: Self::Id) -> RecordRef {
        RecordRef::Claim(id)
    }
}

impl Record for Link {
    type Id = super::LinkId;
    fn id(&self) -> Self::Id {
        self.id
    }
    fn reference(id: Self::Id) -> RecordRef {
        RecordRef::Link(id)
    }
}

fn by_id<R: Record, P: Borrow<R>>(records: &[P]) -> BTreeMap<R::Id, &R> {
    records
        .iter()
        .map(|r| (r.borrow().id(), r.borrow()))
        .collect()
}

/// Merges one kind of record; the result is sorted by id.
fn merge_kind<R: Record, P: Borrow<R>>(
    base: &[P],
    ours: &[P],
    theirs: &[P],
    found: &mut Vec<Conflict>,
) -> Vec<R> {
    let (b, o, t) = (by_id(base), by_id(ours), by_id(theirs));
    let ids: BTreeSet<R::Id> = b.keys().chain(o.keys()).chain(t.keys()).copied().collect();
    ids.into_iter()
        .filter_map(|id| merge_one(id, (b.get(&id), o.get(&id), t.get(&id)), found))
        .collect()
}

type Versions<'a, R> = (Option<&'a &'a R>, Option<&'a &'a R>, Option<&'a &'a R>);

/// One record's fate, by what each side did to it.
fn merge_one<R: Record>(
    id: R::Id,
    (b, o, t): Versions<'_, R>,
    found: &mut Vec<Conflict>,
) -> Option<R> {
    let record = R::reference(id);
    match (b, o, t) {
        (_, None, None) => None,
        (_, Some(o), Some(t)) if o == t => Some((*o).clone()),
        (None, Some(only), None) | (None, None, Some(only)) => Some((*only).clone()),
        // Deleted on one side: stays deleted unless the other side changed it.
        (Some(b), None, Some(t)) if b == t => None,
        (Some(b), Some(o), None) if b == o => None,
        (Some(_), None, Some(t)) => {
            found.push(deletion(record, ConflictKind::DeletedByOurs, *t));
            Some((*t).clone())
        }
        (Some(_), Some(o), None) => {
            found.push(deletion(record, ConflictKind::DeletedByTheirs, *o));
            Some((*o).clone())
        }
        (Some(b), Some(o), Some(t)) if b == o => Some((*t).clone()),
        (Some(b), Some(o), Some(t)) if b == t => Some((*o).clone()),
        (b, Some(o), Some(t)) => Some(merge_fields(record, b.copied(), o, t, found)),
    }
}

/// A record one side deleted and the other kept.
pub(super) fn deletion<R: Serialize>(record: RecordRef, kind: ConflictKind, kept: &R) -> Conflict {
    let kept = attributed(to_tree(kept), to_tree(kept));
    let deleted = unattributed(Value::Null);
    let (ours, theirs) = match kind {
        ConflictKind::DeletedByOurs => (deleted, kept),
        _ => (kept, deleted),
    };
    Conflict {
        record,
        field: String::new(),
        kind,
        ours,
        theirs,
    }
}

/// Field-by-field merge of a record both sides changed (or both added).
fn merge_fields<R: Record>(
    record: RecordRef,
    b: Option<&R>,
    o: &R,
    t: &R,
    found: &mut Vec<Conflict>,
) -> R {
    let base = b.map_or(Value::Null, to_tree);
    let (ours, theirs) = (to_tree(o), to_tree(t));
    let (merged, conflicts) = fields::merge_record(&base, &ours, &theirs);
    let Ok(result) = serde_json::from_value::<R>(merged) else {
        // Cannot happen for records of this build; if it does, ours stands
        // whole and theirs is reported whole.
        found.push(both_changed(
            record,
            String::new(),
            (ours.clone(), &ours),
            (theirs.clone(), &theirs),
        ));
        return o.clone();
    };
    for conflict in conflicts {
        found.push(both_changed(
            record,
            conflict.path,
            (conflict.ours, &ours),
            (conflict.theirs, &theirs),
        ));
    }
    result
}

pub(super) fn both_changed(
    record: RecordRef,
    field: String,
    ours: (Value, &Value),
    theirs: (Value, &Value),
) -> Conflict {
    Conflict {
        record,
        field,
        kind: ConflictKind::BothChanged,
        ours: attributed(ours.0, ours.1.clone()),
        theirs: attributed(theirs.0, theirs.1.clone()),
    }
}

/// A side's value with who last changed the record and when, read from
/// the record itself (`modified_by` if present, else its author; its
/// `modified` or import time).
fn attributed(value: Value, record: Value) -> ConflictSide {
    let text = |key: &str| {
        record
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let analyst = Some(text("modified_by"))
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| text("analyst"));
    let at = ["modified", "imported_at"]
        .iter()
        .find_map(|key| serde_json::from_value(record.get(*key)?.clone()).ok());
    ConflictSide { value, analyst, at }
}

pub(super) fn to_tree<R: Serialize>(record: &R) -> Value {
    serde_json::to_value(record).unwrap_or(Value::Null)
}

/// Lists of decisions waiting (conflicts from earlier merges, curation
/// disagreements): one decided (removed) on either side stays decided; one
/// added on either side stays; one whose records are gone goes too.
fn merge_lists<T: PartialEq + Clone>(
    (base, ours, theirs): (&[T], &[T], &[T]),
    still_applies: impl Fn(&T) -> bool,
) -> Vec<T> {
    let mut kept: Vec<T> = Vec::new();
    for item in ours.iter().chain(theirs) {
        let in_base = base.contains(item);
        let in_both = ours.contains(item) && theirs.contains(item);
        if (in_both || !in_base) && !kept.contains(item) && still_applies(item) {
            kept.push(item.clone());
        }
    }
    kept
}

#[cfg(test)]
mod tests;
