//! After the records are merged one by one: what keeps the result whole.
//! A record one side deleted but the other still uses comes back (flagged),
//! claims follow a merged article text, and the id counters clear every id.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Record, both_changed, deletion, to_tree};
use crate::model::decisions::{Conflict, ConflictKind, RecordRef};
use crate::model::project::{Article, Claim, Project};
use crate::model::reanchor::reanchor;

/// The three projects the merge started from.
pub(super) struct Sides<'a> {
    pub base: &'a Project,
    pub ours: &'a Project,
    pub theirs: &'a Project,
}

/// Brings back claims that merged links name and articles that merged
/// claims name, when one side deleted them: the other side's use wins, as
/// an edit does, and the record is flagged. Links first, since a claim
/// brought back may need its article.
pub(super) fn restore_used_records(
    project: &mut Project,
    sides: &Sides<'_>,
    found: &mut Vec<Conflict>,
) {
    let ends: Vec<_> = project
        .links
        .iter()
        .flat_map(|l| [l.claim, l.response])
        .collect();
    for id in ends {
        if project.claim(id).is_none()
            && let Some(claim) = kept_version(id, sides, |p, id| p.claim(id), found)
        {
            let at = project.claim_index(id).unwrap_or_else(|i| i);
            project.claims.insert(at, Arc::new(claim));
        }
    }
    let places: Vec<_> = project.claims.iter().map(|c| c.article).collect();
    for id in places {
        if project.article(id).is_none()
            && let Some(article) = kept_version(id, sides, |p, id| p.article(id), found)
        {
            let at = project.article_index(id).unwrap_or_else(|i| i);
            project.articles.insert(at, article);
        }
    }
}

/// The version of a record one side deleted, from the side that kept it,
/// with the conflict that says so.
fn kept_version<R: Record>(
    id: R::Id,
    sides: &Sides<'_>,
    find: impl for<'p> Fn(&'p Project, R::Id) -> Option<&'p R>,
    found: &mut Vec<Conflict>,
) -> Option<R> {
    let (kind, kept) = match (find(sides.ours, id), find(sides.theirs, id)) {
        (Some(ours), _) => (ConflictKind::DeletedByTheirs, ours),
        (None, Some(theirs)) => (ConflictKind::DeletedByOurs, theirs),
        // Both deleted it, or neither had it: the base's version, if any.
        (None, None) => (ConflictKind::DeletedByOurs, find(sides.base, id)?),
    };
    found.push(deletion(R::reference(id), kind, kept));
    Some(kept.clone())
}

/// Folds links that make the same pair (claim, response, relation): two
/// analysts who both linked it get one link, the one with the smaller id
/// (the same whichever copy is ours). Where the other's status or note
/// differs, it is recorded as a conflict on the link kept; conflicts about
/// the folded link go with it.
pub(super) fn fold_duplicate_links(project: &mut Project, found: &mut Vec<Conflict>) {
    let mut first: BTreeMap<(_, _, _), usize> = BTreeMap::new();
    let mut folded = Vec::new();
    for (index, link) in project.links.iter().enumerate() {
        let key = (link.claim, link.response, link.info.relation);
        match first.get(&key) {
            Some(&kept) => folded.push((kept, index)),
            None => {
                first.insert(key, index);
            }
        }
    }
    for &(kept, other) in &folded {
        let (kept, other) = (&project.links[kept], &project.links[other]);
        found.retain(|c| c.record != RecordRef::Link(other.id));
        let (kept_tree, other_tree) = (to_tree(kept), to_tree(other));
        for field in ["status", "note"] {
            let (ours, theirs) = (&kept_tree["info"][field], &other_tree["info"][field]);
            if ours != theirs {
                let field = format!("info.{field}");
                let record = RecordRef::Link(kept.id);
                found.push(both_changed(
                    record,
                    field,
                    (ours.clone(), &kept_tree),
                    (theirs.clone(), &other_tree),
                ));
            }
        }
    }
    let gone: Vec<usize> = folded.iter().map(|&(_, other)| other).collect();
    let mut index = 0;
    project.links.retain(|_| {
        index += 1;
        !gone.contains(&(index - 1))
    });
}

/// Claims whose place does not fit their article's merged text (one side
/// changed the text, the other marked or moved a claim on the old text)
/// are found again in the new text, as after an edit of the text: moved,
/// flagged for review, or orphaned, never lost.
pub(super) fn reanchor_misplaced_claims(project: &mut Project, sides: &Sides<'_>) {
    for index in 0..project.claims.len() {
        let claim = &project.claims[index];
        let Some(article) = project.article(claim.article) else {
            continue;
        };
        if claim.verify_in(&article.text).is_ok() {
            continue;
        }
        let old_text = text_claim_was_marked_on(claim, sides).unwrap_or_default();
        let found = reanchor(&old_text, &article.text, std::slice::from_ref(claim));
        if let Some(result) = found.into_iter().next() {
            project.claims[index] = Arc::new(result.claim);
        }
    }
}

/// The article text, in one of the three copies, that this claim's place
/// was made on.
fn text_claim_was_marked_on(claim: &Claim, sides: &Sides<'_>) -> Option<String> {
    [sides.theirs, sides.ours, sides.base]
        .into_iter()
        .find_map(|side| {
            let article: &Article = side.article(claim.article)?;
            let mine = side.claim(claim.id)?;
            (mine.anchor == claim.anchor && claim.verify_in(&article.text).is_ok())
                .then(|| article.text.to_string())
        })
}

/// Counters above every id in the result, so new ids never repeat one.
pub(super) fn make_room_for_ids(project: &mut Project) {
    let next = &mut project.next_ids;
    for article in &project.articles {
        next.make_room_for_article(article.id);
    }
    for claim in &project.claims {
        next.make_room_for_claim(claim.id);
    }
    for link in &project.links {
        next.make_room_for_link(link.id);
    }
}
