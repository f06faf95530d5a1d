//! Merge conflicts, stored in the project until an analyst decides them.
//!
//! A three-way merge (`model::merge`) keeps *our* value wherever both
//! copies changed one field differently, and records a [`Conflict`] with
//! both values, who changed each and when. A record one copy deleted while
//! the other changed or used it is kept, and flagged the same way. Deciding
//! a conflict ([`resolve_conflict`]) is one undoable edit: it sets the
//! chosen value (or deletes the record) and removes the conflict.
//!
//! Values are kept as JSON values of the record's serialised form, so the
//! same code handles every field, including fields added after this was
//! written.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

use super::edit::{Edit, EditError, Selection, Stamp, apply};
use super::ids::{ArticleId, ClaimId, LinkId};
use super::project::{Article, Project};
use super::reanchor::edit_article_text;

/// Which record a conflict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RecordRef {
    /// The project's own fields (its title).
    Project,
    Article(ArticleId),
    Claim(ClaimId),
    Link(LinkId),
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordRef::Project => f.write_str("project"),
            RecordRef::Article(id) => write!(f, "article {id}"),
            RecordRef::Claim(id) => write!(f, "claim {id}"),
            RecordRef::Link(id) => write!(f, "link {id}"),
        }
    }
}

/// What the two copies did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConflictKind {
    /// Both changed the field, differently. The project holds ours.
    BothChanged,
    /// Ours deleted the record; theirs changed it or still uses it. The
    /// record is kept, as theirs has it.
    DeletedByOurs,
    /// Theirs deleted the record; ours changed it or still uses it. The
    /// record is kept, as ours has it.
    DeletedByTheirs,
}

/// One copy's side of a conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictSide {
    /// The field's value in this copy (the whole record for a deletion
    /// conflict); null when this copy deleted the record.
    pub value: Value,
    /// Who last changed the record in this copy, when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub analyst: String,
    /// When, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
}

impl ConflictSide {
    /// The value as a person reads it, for lists and messages: text in
    /// quotes, a claim's place by its quote, a link's ends as `c1 → c2`,
    /// an article's text as is (the caller shortens it).
    pub fn shown(&self) -> String {
        let text = |key: &str| self.value.get(key).and_then(Value::as_str);
        let quote = self.value.pointer("/anchor/quote").and_then(Value::as_str);
        match (&self.value, quote) {
            (Value::Null, _) => "(deleted)".to_string(),
            (Value::String(text), _) => format!("{text:?}"),
            (_, Some(quote)) => format!("{:?} in {}", quote, text("article").unwrap_or("?")),
            _ => match (text("claim"), text("response"), text("text")) {
                (Some(claim), Some(response), _) => format!("{claim} → {response}"),
                (_, _, Some(body)) => format!("{body:?}"),
                _ => self.value.to_string(),
            },
        }
    }
}

/// A field both copies changed, or a record one deleted and the other kept.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub record: RecordRef,
    /// The field's path in the record (`info.speaker`), or the name of a
    /// group of fields merged as one (`position`: a claim's article,
    /// anchor and review; `ends`: a link's claim and response; `text`: an
    /// article's text and hash). Empty for a whole record.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field: String,
    pub kind: ConflictKind,
    pub ours: ConflictSide,
    pub theirs: ConflictSide,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |side: &ConflictSide| {
            let mut text = side.shown();
            if !side.analyst.is_empty() {
                text.push_str(&format!(" by {}", side.analyst));
            }
            if let Some(at) = side.at {
                text.push_str(&format!(" at {}", at.format("%Y-%m-%d %H:%M")));
            }
            text
        };
        match self.kind {
            ConflictKind::BothChanged => write!(
                f,
                "{} {}: ours {}; theirs {}",
                self.record,
                self.field,
                side(&self.ours),
                side(&self.theirs)
            ),
            ConflictKind::DeletedByOurs => {
                write!(f, "{}: deleted in ours, kept as theirs", self.record)?;
                write!(f, " ({})", side(&self.theirs))
            }
            ConflictKind::DeletedByTheirs => {
                write!(f, "{}: deleted in theirs, kept as ours", self.record)?;
                write!(f, " ({})", side(&self.ours))
            }
        }
    }
}

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

impl Project {
    /// True when the record a conflict names is (still) in the project.
    pub fn has_record(&self, record: RecordRef) -> bool {
        match record {
            RecordRef::Project => true,
            RecordRef::Article(id) => self.article(id).is_some(),
            RecordRef::Claim(id) => self.claim(id).is_some(),
            RecordRef::Link(id) => self.link(id).is_some(),
        }
    }
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
        (ConflictKind::BothChanged, Side::Theirs) => {
            set_field(project, conflict, &conflict.theirs.value, stamp).map(Some)
        }
    }
}

fn selection_of(record: RecordRef) -> Selection {
    let mut selection = Selection::default();
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
    if let Some(group) = super::merge::group_fields(path) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn side(value: Value) -> ConflictSide {
        ConflictSide {
            value,
            analyst: String::new(),
            at: None,
        }
    }

    #[test]
    fn values_are_shown_as_a_person_reads_them() {
        assert_eq!(side(Value::Null).shown(), "(deleted)");
        assert_eq!(side(json!("Curated")).shown(), "\"Curated\"");
        let place = json!({"article": "a2", "anchor": {"start": 3, "end": 9, "quote": "qeyd 😀"}});
        assert_eq!(side(place).shown(), "\"qeyd 😀\" in a2");
        let ends = json!({"claim": "c1", "response": "c4-k3m9qz"});
        assert_eq!(side(ends).shown(), "c1 → c4-k3m9qz");
        let text = json!({"text": "New text", "content_hash": "ab12"});
        assert_eq!(side(text).shown(), "\"New text\"");
        assert_eq!(side(json!(["a", "b"])).shown(), "[\"a\",\"b\"]");
    }
}
