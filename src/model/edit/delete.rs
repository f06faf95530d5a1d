//! Deleting records with what depends on them: an article's claims, a
//! claim's links.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{Bundle, Edit, EditError, RecordIds};
use crate::model::ids::{ArticleId, ClaimId, LinkId};
use crate::model::project::Project;
use crate::model::shared::Shared;

/// Where an edit finds the records that depend on others, instead of
/// reading every claim and link of the project: what a delete takes along,
/// and the links a new or changed link could repeat. The project index,
/// as of the project the edit applies to.
///
/// At 200,000 links a pass over every link cost about 5 ms of a delete's
/// or a new link's frame, most of it waiting on memory for each link
/// record (see BENCHMARKS.md, 10×).
pub trait Dependents {
    /// The claims of `article`.
    fn claims_of(&self, article: ArticleId) -> &[ClaimId];
    /// The links naming `claim` at either end.
    fn links_of(&self, claim: ClaimId) -> &[LinkId];
}

/// Deletes `ids` and what depends on them, found by `dependents` or else
/// by reading every record; returns the edit that puts them back.
pub(super) fn delete(
    project: &mut Project,
    ids: &RecordIds,
    dependents: Option<&dyn Dependents>,
) -> Result<Edit, EditError> {
    check_known(project, ids)?;
    let (articles, claims, links) = match dependents {
        Some(dependents) => cascade_by_lookup(ids, dependents),
        None => cascade_by_scan(project, ids),
    };
    if articles.is_empty() && claims.is_empty() && links.is_empty() {
        return Err(EditError::Empty);
    }
    let removed = Bundle {
        // Most deletes remove no article: leave the 20,000 of them in place.
        articles: if articles.is_empty() {
            Vec::new()
        } else {
            take_where(&mut project.articles, |a| articles.contains(&a.id))
        },
        claims: take_shared(&mut project.claims, &claims, |c| c.id),
        links: take_shared(&mut project.links, &links, |l| l.id),
    };
    Ok(Edit::Insert(Box::new(removed)))
}

type Cascade = (BTreeSet<ArticleId>, BTreeSet<ClaimId>, BTreeSet<LinkId>);

/// Refuses a delete naming a record the project does not hold.
fn check_known(project: &Project, ids: &RecordIds) -> Result<(), EditError> {
    for &id in &ids.articles {
        project.article(id).ok_or(EditError::UnknownArticle(id))?;
    }
    for &id in &ids.claims {
        project.claim(id).ok_or(EditError::UnknownClaim(id))?;
    }
    for &id in &ids.links {
        project.link(id).ok_or(EditError::UnknownLink(id))?;
    }
    Ok(())
}

/// Everything a delete removes, found by reading every claim (when
/// articles go) and every link: the given records plus what depends on them.
fn cascade_by_scan(project: &Project, ids: &RecordIds) -> Cascade {
    let articles: BTreeSet<_> = ids.articles.iter().copied().collect();
    let mut claims: BTreeSet<_> = ids.claims.iter().copied().collect();
    if !articles.is_empty() {
        claims.extend(
            project
                .claims
                .iter()
                .filter(|c| articles.contains(&c.article))
                .map(|c| c.id),
        );
    }
    let mut links: BTreeSet<_> = ids.links.iter().copied().collect();
    // For a few claims a slice's search costs less than a tree's, per link.
    let gone: Vec<ClaimId> = claims.iter().copied().collect();
    let is_gone = |claim: &ClaimId| gone.binary_search(claim).is_ok();
    if !gone.is_empty() {
        links.extend(
            project
                .links
                .iter()
                .filter(|l| is_gone(&l.claim) || is_gone(&l.response))
                .map(|l| l.id),
        );
    }
    (articles, claims, links)
}

/// The same as [`cascade_by_scan`], looked up in `dependents`.
fn cascade_by_lookup(ids: &RecordIds, dependents: &dyn Dependents) -> Cascade {
    let articles: BTreeSet<_> = ids.articles.iter().copied().collect();
    let mut claims: BTreeSet<_> = ids.claims.iter().copied().collect();
    for &article in &articles {
        claims.extend(dependents.claims_of(article));
    }
    let mut links: BTreeSet<_> = ids.links.iter().copied().collect();
    for &claim in &claims {
        links.extend(dependents.links_of(claim));
    }
    (articles, claims, links)
}

/// Removes the matching items, keeping the order of both halves.
fn take_where<T>(items: &mut Vec<T>, matches: impl Fn(&T) -> bool) -> Vec<T> {
    let (taken, kept): (Vec<T>, Vec<T>) = std::mem::take(items).into_iter().partition(matches);
    *items = kept;
    taken
}

/// Takes the records with `ids` out of `items` (sorted by id), in id order;
/// a record a snapshot still holds is copied out, the others are moved.
/// A few ids are found by binary search and removed one by one (moving
/// pointers, not records): deleting a claim of 400,000 then costs a few
/// memmoves instead of rebuilding both lists; many ids, one pass.
fn take_shared<T: Clone, I: Ord + Copy>(
    items: &mut Shared<T>,
    ids: &BTreeSet<I>,
    id_of: impl Fn(&T) -> I,
) -> Vec<T> {
    let taken = if ids.len() * 64 < items.len() {
        let mut taken = Vec::with_capacity(ids.len());
        for id in ids.iter().rev() {
            if let Ok(at) = items.binary_search_by_key(id, |item| id_of(item)) {
                taken.push(items.remove(at));
            }
        }
        taken.reverse();
        taken
    } else {
        take_where(items, |item| ids.contains(&id_of(item)))
    };
    taken.into_iter().map(Arc::unwrap_or_clone).collect()
}
