//! Field-by-field three-way merge of one record changed in both copies.
//!
//! The record is compared in its serialised form (a JSON tree), so every
//! field is merged, including fields added after this was written: a field
//! one copy changed takes that copy's value; a field both changed alike is
//! kept; a field both changed differently keeps ours and is reported.
//! Nested objects (`info`, `meta`) merge field by field; a few fields that
//! only make sense together merge as one ([`GROUPS`]); the time stamps of
//! the last change go with the newer copy.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::model::decisions::GROUPS;

/// The stamp of the last change (`modified`, and any `modified_…` field
/// such as who made it): it follows the newer copy, never conflicts.
const STAMP: &str = "modified";

/// A field both copies changed differently.
#[derive(Debug, PartialEq)]
pub(super) struct FieldConflict {
    pub path: String,
    pub ours: Value,
    pub theirs: Value,
}

/// Merges three versions of one record (`base` may be null: added on both
/// sides). Returns the merged tree and the fields in conflict.
pub(super) fn merge_record(
    base: &Value,
    ours: &Value,
    theirs: &Value,
) -> (Value, Vec<FieldConflict>) {
    let empty = Map::new();
    let (Some(o), Some(t)) = (ours.as_object(), theirs.as_object()) else {
        return (ours.clone(), whole_conflict(ours, theirs));
    };
    let b = base.as_object().unwrap_or(&empty);
    let mut merged = Map::new();
    let mut conflicts = Vec::new();
    let grouped: Vec<&str> = GROUPS
        .iter()
        .flat_map(|(_, keys)| keys.iter().copied())
        .collect();
    for (name, keys) in GROUPS {
        if keys
            .iter()
            .any(|k| o.contains_key(*k) || t.contains_key(*k))
        {
            merge_group(name, keys, (b, o, t), &mut merged, &mut conflicts);
        }
    }
    let newer = if newer_is_theirs(o, t) { t } else { o };
    for key in union_keys(b, o, t) {
        if grouped.contains(&key.as_str()) {
            continue;
        }
        if is_stamp(&key) {
            insert(&mut merged, &key, newer.get(&key).cloned());
            continue;
        }
        let value = merge_value(
            &key,
            (b.get(&key), o.get(&key), t.get(&key)),
            &mut conflicts,
        );
        insert(&mut merged, &key, value);
    }
    (Value::Object(merged), conflicts)
}

fn whole_conflict(ours: &Value, theirs: &Value) -> Vec<FieldConflict> {
    vec![FieldConflict {
        path: String::new(),
        ours: ours.clone(),
        theirs: theirs.clone(),
    }]
}

type Triple<'a> = (Option<&'a Value>, Option<&'a Value>, Option<&'a Value>);

/// Three-way merge of one value at `path`; objects recurse.
fn merge_value(
    path: &str,
    (b, o, t): Triple<'_>,
    conflicts: &mut Vec<FieldConflict>,
) -> Option<Value> {
    let (bn, on, tn) = (present(b), present(o), present(t));
    if on == tn || tn == bn {
        return on.cloned();
    }
    if on == bn {
        return tn.cloned();
    }
    if let (Some(Value::Object(om)), Some(Value::Object(tm))) = (on, tn) {
        let empty = Map::new();
        let bm = bn.and_then(Value::as_object).unwrap_or(&empty);
        let mut merged = Map::new();
        for key in union_keys(bm, om, tm) {
            let inner = format!("{path}.{key}");
            let value = merge_value(
                &inner,
                (bm.get(&key), om.get(&key), tm.get(&key)),
                conflicts,
            );
            insert(&mut merged, &key, value);
        }
        return Some(Value::Object(merged));
    }
    conflicts.push(FieldConflict {
        path: path.to_string(),
        ours: on.cloned().unwrap_or(Value::Null),
        theirs: tn.cloned().unwrap_or(Value::Null),
    });
    on.cloned()
}

type Maps<'a> = (
    &'a Map<String, Value>,
    &'a Map<String, Value>,
    &'a Map<String, Value>,
);

/// Merges a group's fields as one value.
fn merge_group(
    name: &str,
    keys: &[&str],
    (b, o, t): Maps<'_>,
    merged: &mut Map<String, Value>,
    conflicts: &mut Vec<FieldConflict>,
) {
    let pick = |map: &Map<String, Value>| -> Map<String, Value> {
        keys.iter()
            .filter_map(|k| present(map.get(*k)).map(|v| (k.to_string(), v.clone())))
            .collect()
    };
    let (bg, og, tg) = (pick(b), pick(o), pick(t));
    let chosen = if og == tg || tg == bg {
        og
    } else if og == bg {
        tg
    } else {
        conflicts.push(FieldConflict {
            path: name.to_string(),
            ours: Value::Object(og.clone()),
            theirs: Value::Object(tg),
        });
        og
    };
    merged.extend(chosen);
}

/// Absent and null mean the same: the field takes its default.
fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !v.is_null())
}

fn insert(map: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value.filter(|v| !v.is_null()) {
        map.insert(key.to_string(), value);
    }
}

fn union_keys(
    b: &Map<String, Value>,
    o: &Map<String, Value>,
    t: &Map<String, Value>,
) -> Vec<String> {
    let mut keys: Vec<String> = b.keys().chain(o.keys()).chain(t.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    keys
}

fn is_stamp(key: &str) -> bool {
    key == STAMP || key.starts_with("modified_")
}

/// True when theirs' last change is later than ours' (ties go to ours).
fn newer_is_theirs(o: &Map<String, Value>, t: &Map<String, Value>) -> bool {
    let when = |map: &Map<String, Value>| -> Option<DateTime<Utc>> {
        serde_json::from_value(map.get(STAMP)?.clone()).ok()
    };
    when(t) > when(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claim(speaker: &str, note: &str, start: u32, modified: &str) -> Value {
        json!({
            "id": "c1",
            "article": "a1",
            "anchor": {"start": start, "end": start + 4, "quote": "abcd"},
            "info": {"speaker": speaker, "via": "", "note": note, "tags": []},
            "analyst": "ana",
            "modified": modified,
        })
    }

    #[test]
    fn different_fields_both_apply_and_the_newer_stamp_wins() {
        let base = claim("A", "", 0, "2024-01-01T00:00:00Z");
        let ours = claim("B", "", 0, "2024-01-02T00:00:00Z");
        let theirs = claim("A", "note", 0, "2024-01-03T00:00:00Z");
        let (merged, conflicts) = merge_record(&base, &ours, &theirs);
        assert!(conflicts.is_empty(), "{conflicts:?}");
        assert_eq!(merged, claim("B", "note", 0, "2024-01-03T00:00:00Z"));
    }

    #[test]
    fn one_field_changed_both_ways_keeps_ours_and_reports_theirs() {
        let base = claim("A", "", 0, "2024-01-01T00:00:00Z");
        let ours = claim("B", "", 0, "2024-01-02T00:00:00Z");
        let theirs = claim("C", "", 0, "2024-01-02T00:00:00Z");
        let (merged, conflicts) = merge_record(&base, &ours, &theirs);
        assert_eq!(merged, ours);
        assert_eq!(
            conflicts,
            [FieldConflict {
                path: "info.speaker".to_string(),
                ours: json!("B"),
                theirs: json!("C"),
            }]
        );
    }

    #[test]
    fn grouped_fields_never_mix_halves() {
        let base = claim("A", "", 0, "2024-01-01T00:00:00Z");
        let mut ours = base.clone();
        ours["anchor"]["start"] = json!(10);
        let mut theirs = base.clone();
        theirs["article"] = json!("a2");
        let (merged, conflicts) = merge_record(&base, &ours, &theirs);
        assert_eq!(merged, ours);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].path, "position");
        assert_eq!(conflicts[0].theirs["article"], json!("a2"));
    }

    #[test]
    fn fields_unknown_to_this_code_merge_too() {
        let base = json!({"id": "l1", "future": {"x": 1, "y": 1}});
        let ours = json!({"id": "l1", "future": {"x": 2, "y": 1}});
        let theirs = json!({"id": "l1", "future": {"x": 1, "y": 3}, "added": true});
        let (merged, conflicts) = merge_record(&base, &ours, &theirs);
        assert!(conflicts.is_empty());
        assert_eq!(
            merged,
            json!({"id": "l1", "future": {"x": 2, "y": 3}, "added": true})
        );
    }
}
