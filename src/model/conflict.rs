//! Deciding a merge conflict (see `model::decisions`).
//!
//! A three-way merge (`model::merge`) keeps *our* value wherever both
//! copies changed one field differently, and records a [`Conflict`] with
//! both values, who changed each and when. A record one copy deleted while
//! the other changed or used it is kept, and flagged the same way. Deciding
//! a conflict ([`resolve_conflict`]) is one undoable edit: it sets the
//! chosen value (or deletes the record) and removes the conflict.

use serde::Serialize;
use serde_json::Value;

use super::build::Stamp;
use super::decisions::{Conflict, ConflictKind, RecordRef, STORY_NAME, group_fields};
use super::edit::{Edit, EditError, RecordIds, apply};
use super::project::{Article, Project};
use super::reanchor::edit_article_text;

/// Which copy's choice to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// Why a conflict could not be decided.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ConflictError {
    #[error("there is no conflict number {0}")]
    NoSuchConflict(usize),
    #[error("{0} no longer exists")]
    RecordGone(RecordRef),
    #[error("{record}: the chosen value does not fit the record: {message}")]
    BadValue { record: RecordRef, message: String },
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// The one undoable edit that decides conflict `index` for `side`: the
/// record takes that side's value (or is deleted, when that side deleted
/// it) and the conflict leaves the list, with any conflicts of records the
/// decision deletes.
pub fn resolve_conflict(
    project: &Project,
    index: usize,
    side: Side,
    stamp: &Stamp,
) -> Result<Edit, ConflictError> {
    let conflict = project
        .conflicts
        .get(index)
        .ok_or(ConflictError::NoSuchConflict(index))?;
    let change = record_change(project, conflict, side, stamp)?;
    let mut after = project.clone();
    if let Some(edit) = &change {
        apply(&mut after, edit.clone())?;
    }
    let remaining: Vec<Conflict> = project
        .conflicts
        .iter()
        .enumerate()
        .filter(|(i, c)| *i != index && after.has_record(c.record))
        .map(|(_, c)| c.clone())
        .collect();
    let mut edits: Vec<Edit> = change.into_iter().collect();
    edits.push(Edit::SetConflicts(remaining));
    Ok(Edit::Batch(edits))
}

/// The change to the record itself, if the chosen side differs from what
/// the project holds.
fn record_change(
    project: &Project,
    conflict: &Conflict,
    side: Side,
    stamp: &Stamp,
) -> Result<Option<Edit>, ConflictError> {
    if !project.has_record(conflict.record) {
        return Err(ConflictError::RecordGone(conflict.record));
    }
    match (conflict.kind, side) {
        // The project already holds ours, or keeps the record.
        (ConflictKind::BothChanged, Side::Ours)
        | (ConflictKind::DeletedByOurs, Side::Theirs)
        | (ConflictKind::DeletedByTheirs, Side::Ours) => Ok(None),
        (ConflictKind::DeletedByOurs, Side::Ours)
        | (ConflictKind::DeletedByTheirs, Side::Theirs) => {
            Ok(Some(Edit::Delete(selection_of(conflict.record))))
        }
        (ConflictKind::BothChanged, Side::Theirs) if conflict.field == STORY_NAME => {
            Ok(name_story(project, conflict.record, &conflict.theirs.value))
        }
        (ConflictKind::BothChanged, Side::Theirs) => {
            set_field(project, conflict, &conflict.theirs.value, stamp).map(Some)
        }
    }
}

/// The edit giving the story name stored under a claim the chosen value
/// (null: no name); none when it already has it.
fn name_story(project: &Project, record: RecordRef, value: &Value) -> Option<Edit> {
    let RecordRef::Claim(claim) = record else {
        return None;
    };
    let name = value.as_str().unwrap_or_default().trim();
    let current = project.story_names.get(&claim).map_or("", String::as_str);
    (current != name).then(|| Edit::NameStory {
        claim,
        name: name.to_string(),
    })
}

fn selection_of(record: RecordRef) -> RecordIds {
    let mut selection = RecordIds::default();
    match record {
        RecordRef::Project => {}
        RecordRef::Article(id) => selection.articles.push(id),
        RecordRef::Claim(id) => selection.claims.push(id),
        RecordRef::Link(id) => selection.links.push(id),
    }
    selection
}

/// The edit that gives `conflict.field` of its record the value `value`.
fn set_field(
    project: &Project,
    conflict: &Conflict,
    value: &Value,
    stamp: &Stamp,
) -> Result<Edit, ConflictError> {
    let record = conflict.record;
    let bad = |message: String| ConflictError::BadValue { record, message };
    match record {
        RecordRef::Project => match value {
            Value::String(title) => Ok(Edit::SetProjectTitle(title.clone())),
            other => Err(bad(format!("a title must be text, not {other}"))),
        },
        RecordRef::Claim(id) => {
            let claim = project.claim(id).ok_or(ConflictError::RecordGone(record))?;
            let changed = with_field(claim, &conflict.field, value).map_err(bad)?;
            Ok(Edit::ReplaceClaim(Box::new(changed)))
        }
        RecordRef::Link(id) => {
            let link = project.link(id).ok_or(ConflictError::RecordGone(record))?;
            let changed = with_field(link, &conflict.field, value).map_err(bad)?;
            Ok(Edit::ReplaceLink(Box::new(changed)))
        }
        RecordRef::Article(id) => {
            let article = project
                .article(id)
                .ok_or(ConflictError::RecordGone(record))?;
            set_article_field(project, article, &conflict.field, value, stamp).map_err(bad)
        }
    }
}

/// An article's text changes through re-anchoring (its claims must follow
/// the text); any other field is metadata.
fn set_article_field(
    project: &Project,
    article: &Article,
    field: &str,
    value: &Value,
    stamp: &Stamp,
) -> Result<Edit, String> {
    let changed: Article = with_field(article, field, value)?;
    if *changed.text != *article.text {
        let (edit, _) = edit_article_text(project, article.id, &changed.text, stamp)
            .map_err(|e| e.to_string())?;
        return Ok(edit);
    }
    Ok(Edit::SetArticleMeta {
        article: article.id,
        meta: Box::new(changed.meta),
    })
}

/// `record` with the field at `path` (dotted, or a group name whose value
/// is an object of its fields) set to `value`.
pub(crate) fn with_field<T>(record: &T, path: &str, value: &Value) -> Result<T, String>
where
    T: Serialize + serde::de::DeserializeOwned,
{
    let mut tree = serde_json::to_value(record).map_err(|e| e.to_string())?;
    if let Some(group) = group_fields(path) {
        for key in group {
            set_path(
                &mut tree,
                key,
                value.get(key).cloned().unwrap_or(Value::Null),
            );
        }
    } else {
        set_path(&mut tree, path, value.clone());
    }
    serde_json::from_value(tree).map_err(|e| e.to_string())
}

/// Sets a dotted path in a JSON tree; a null value removes the key (the
/// field then takes its default).
fn set_path(tree: &mut Value, path: &str, value: Value) {
    let mut node = tree;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let Some(object) = node.as_object_mut() else {
            return;
        };
        if keys.peek().is_none() {
            if value.is_null() {
                object.remove(key);
            } else {
                object.insert(key.to_string(), value);
            }
            return;
        }
        node = object.entry(key.to_string()).or_insert(Value::Null);
    }
}
