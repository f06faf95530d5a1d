//! Decisions waiting in a project: fields two merged copies changed
//! differently and records one deleted while the other kept them
//! ([`Conflict`], from `model::merge`), and pairs the copies a curated
//! project was built from did not all make alike ([`Disagreement`], from
//! `model::curate`). Data only: deciding them is `model::resolve_conflict`
//! and `model::decide_disagreement`.
//!
//! Conflict values are JSON values of the record's serialised form, so the
//! same code handles every field, including fields added after this was
//! written.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

use super::ids::{ArticleId, ClaimId, LinkId};
use super::relation::Relation;

/// Fields merged as one value, by the name conflicts give them: a claim's
/// place (its article, range and review flag), a link's two ends, an
/// article's text with its hash. Mixing halves would break the record.
pub(crate) const GROUPS: [(&str, &[&str]); 3] = [
    ("position", &["article", "anchor", "review"]),
    ("ends", &["claim", "response"]),
    ("text", &["text", "content_hash"]),
];

/// The field name of a conflict about a story name: the record is the
/// claim the name is stored under (`Project::story_names`), the values the
/// names (null: no name).
pub const STORY_NAME: &str = "story name";

/// The fields of a group merged as one (`position`), if `name` is one.
pub(crate) fn group_fields(name: &str) -> Option<&'static [&'static str]> {
    GROUPS
        .iter()
        .find(|(group, _)| *group == name)
        .map(|(_, keys)| *keys)
}

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

/// A pair the copies did not all make alike.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    /// The pair's ends in the curated project.
    pub claim: ClaimId,
    pub response: ClaimId,
    /// One per copy, in the order the copies were given.
    pub choices: Vec<Choice>,
}

/// What one copy did with a pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    /// The copy (its file name).
    pub copy: String,
    /// Who annotated that copy, when it says.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub analyst: String,
    /// The relation it gave the pair; `None`: it made no such pair.
    pub relation: Option<Relation>,
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
