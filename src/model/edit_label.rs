//! Names of edits for the Edit menu and the command line ("Undo link
//! Denies"), read from the edit and the project it is about to change.
//! Apart from `model::edit` so that file stays about applying edits.

use super::edit::{Bundle, Edit, RecordIds};
use super::project::{Claim, Link, Project};

impl Edit {
    /// Names the change for the Edit menu ("link Denies", "delete claim").
    /// `before` is the project the edit is about to be applied to.
    pub fn label(&self, before: &Project) -> String {
        match self {
            Edit::Insert(bundle) => insert_label(bundle),
            Edit::Delete(ids) => delete_label(ids),
            Edit::SetProjectTitle(_) => "rename project".to_string(),
            Edit::SetArticleMeta { .. } => "edit article details".to_string(),
            Edit::ReplaceClaim(claim) => claim_label(before, claim),
            Edit::ReplaceLink(link) => link_label(before, link),
            Edit::Batch(edits) => edits
                .first()
                .map_or_else(String::new, |first| first.label(before)),
            Edit::ReplaceArticleText { .. } => "edit article text".to_string(),
            Edit::Rejections { reject, .. } if reject.is_empty() => {
                "restore suggestion".to_string()
            }
            Edit::Rejections { .. } => "reject suggestion".to_string(),
            Edit::SetConflicts(_) => "decide conflict".to_string(),
            Edit::SetDisagreements(_) => "decide disagreement".to_string(),
            Edit::NameStory { .. } => "name story".to_string(),
        }
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        one.to_string()
    } else {
        format!("{count} {many}")
    }
}

fn insert_label(bundle: &Bundle) -> String {
    let repeats = bundle
        .claims
        .iter()
        .filter(|c| c.repeat_of.is_some())
        .count();
    if repeats > 0 {
        return format!("record {}", plural(repeats, "repeat", "repeats"));
    }
    if let [link] = bundle.links.as_slice() {
        return format!("link {}", link.info.relation);
    }
    if !bundle.links.is_empty() {
        return format!("add {} links", bundle.links.len());
    }
    if !bundle.articles.is_empty() {
        let n = bundle.articles.len();
        return format!("import {}", plural(n, "article", "articles"));
    }
    format!("mark {}", plural(bundle.claims.len(), "claim", "claims"))
}

fn delete_label(ids: &RecordIds) -> String {
    let parts = [
        (ids.articles.len(), "article", "articles"),
        (ids.claims.len(), "claim", "claims"),
        (ids.links.len(), "link", "links"),
    ];
    let named: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| plural(n, one, many))
        .collect();
    format!("delete {}", named.join(" and "))
}

fn claim_label(before: &Project, claim: &Claim) -> String {
    match before.claim(claim.id) {
        Some(old) if old.anchor != claim.anchor && is_broken(before, old) => {
            "repair claim".to_string()
        }
        Some(old) if old.anchor != claim.anchor => "move claim".to_string(),
        Some(old) if old.repeat_of != claim.repeat_of => "record repeat".to_string(),
        Some(old) if old.review.is_some() && claim.review.is_none() => {
            "confirm claim position".to_string()
        }
        Some(old) if old.info.speaker != claim.info.speaker => "set speaker".to_string(),
        Some(old) if old.info.via != claim.info.via => "set via".to_string(),
        Some(old) if old.info.tags != claim.info.tags => "edit tags".to_string(),
        Some(old) if old.info.note != claim.info.note => "edit claim note".to_string(),
        _ => "edit claim".to_string(),
    }
}

/// True when the claim's range does not hold its quote (or its article is
/// gone): what a file edited by hand can contain.
fn is_broken(project: &Project, claim: &Claim) -> bool {
    project
        .article(claim.article)
        .is_none_or(|article| claim.verify_in(&article.text).is_err())
}

fn link_label(before: &Project, link: &Link) -> String {
    match before.link(link.id) {
        Some(old) if old.info.status != link.info.status => {
            format!("set {}", link.info.status)
        }
        Some(old) if old.info.relation != link.info.relation => {
            format!("relation {}", link.info.relation)
        }
        Some(old) if old.info.note != link.info.note => "edit link note".to_string(),
        Some(old) if (old.claim, old.response) != (link.claim, link.response) => {
            "swap link".to_string()
        }
        _ => "edit link".to_string(),
    }
}
