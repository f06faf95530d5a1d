//! Story names (`Project::story_names`) merge three-way by the claim id
//! they are stored under, like records: a name one copy gave, changed or
//! removed takes that copy's choice; two copies that changed one name
//! differently keep ours, and the conflict records theirs (a removed name
//! is null). A name stored under a claim the merged project no longer has
//! is dropped: no story shows it, and it was only kept for undo.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

use super::unattributed;
use crate::model::decisions::{Conflict, ConflictKind, RecordRef, STORY_NAME};
use crate::model::ids::ClaimId;
use crate::model::project::Project;

type Names = BTreeMap<ClaimId, String>;

/// The merged names of `merged`'s claims, and a conflict per name the two
/// copies changed differently.
pub(super) fn merge_story_names(
    (base, ours, theirs): (&Names, &Names, &Names),
    merged: &Project,
    found: &mut Vec<Conflict>,
) -> Names {
    let keys: BTreeSet<ClaimId> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .copied()
        .collect();
    let mut names = Names::new();
    for claim in keys.into_iter().filter(|&c| merged.claim(c).is_some()) {
        let (b, o, t) = (base.get(&claim), ours.get(&claim), theirs.get(&claim));
        let kept = if o == t || t == b {
            o
        } else if o == b {
            t
        } else {
            found.push(name_conflict(claim, o, t));
            o
        };
        if let Some(name) = kept {
            names.insert(claim, name.clone());
        }
    }
    names
}

fn name_conflict(claim: ClaimId, ours: Option<&String>, theirs: Option<&String>) -> Conflict {
    let value = |name: Option<&String>| name.map_or(Value::Null, |n| Value::String(n.clone()));
    Conflict {
        record: RecordRef::Claim(claim),
        field: STORY_NAME.to_string(),
        kind: ConflictKind::BothChanged,
        ours: unattributed(value(ours)),
        theirs: unattributed(value(theirs)),
    }
}
