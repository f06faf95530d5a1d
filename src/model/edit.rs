//! Every change to a project is an [`Edit`], applied by [`apply`]: the one
//! place where a project is mutated. Applying returns the inverse edit, which
//! is what makes undo exact.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::anchor::AnchorError;
use super::decisions::{Conflict, Disagreement};
use super::ids::{ArticleId, ClaimId, LinkId, RecordId};
use super::project::{Article, ArticleMeta, Claim, Link, Project, RejectedCandidate, Relation};
use super::text::content_hash;

mod delete;

pub use delete::Dependents;
use delete::delete;

/// Records added together in one step (an import, a claim, a response and
/// its link). Ids are chosen by the caller from the project's `next_ids`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bundle {
    pub articles: Vec<Article>,
    pub claims: Vec<Claim>,
    pub links: Vec<Link>,
}

/// The ids of records: what a delete removes (and what undoes an insert).
/// Deleting an article deletes its claims; deleting a claim deletes its
/// links.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordIds {
    pub articles: Vec<ArticleId>,
    pub claims: Vec<ClaimId>,
    pub links: Vec<LinkId>,
}

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Insert(Box<Bundle>),
    Delete(RecordIds),
    SetProjectTitle(String),
    SetArticleMeta {
        article: ArticleId,
        meta: Box<ArticleMeta>,
    },
    /// Replaces the claim with the same id (info, anchor, timestamps).
    ReplaceClaim(Box<Claim>),
    /// Replaces the link with the same id (relation, status, note, ends).
    ReplaceLink(Box<Link>),
    /// Several edits as one step; all apply or none does.
    Batch(Vec<Edit>),
    /// Replaces an article's text together with its claims re-anchored to
    /// the new text (built by `model::edit_article_text`). Every claim of
    /// the article must fit the new text afterwards (orphans are accepted);
    /// the inverse restores the old text and the old claims exactly.
    ReplaceArticleText {
        article: ArticleId,
        text: Arc<str>,
        claims: Vec<Claim>,
    },
    /// Turns suggested responses down (`reject`) or takes such a decision
    /// back (`restore`); see `model::suggest`.
    Rejections {
        reject: Vec<RejectedCandidate>,
        restore: Vec<RejectedCandidate>,
    },
    /// Replaces the list of merge conflicts (deciding one removes it; see
    /// `model::resolve_conflict`).
    SetConflicts(Vec<Conflict>),
    /// Replaces the list of curation disagreements (deciding one removes
    /// it; see `model::decide_disagreement`).
    SetDisagreements(Vec<Disagreement>),
    /// Stores `name` for the story holding `claim` under that claim's id;
    /// an empty name removes it (see `model::stories`).
    NameStory {
        claim: ClaimId,
        name: String,
    },
}

/// Why an edit was refused. The project is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("article {0} does not exist")]
    UnknownArticle(ArticleId),
    #[error("claim {0} does not exist")]
    UnknownClaim(ClaimId),
    #[error("link {0} does not exist")]
    UnknownLink(LinkId),
    #[error("{kind} id {id} is already in use")]
    IdInUse { kind: &'static str, id: String },
    #[error("claim {claim} cannot be anchored: {error}")]
    BadAnchor { claim: ClaimId, error: AnchorError },
    #[error("a link must join two different claims (claim {0} was given twice)")]
    SelfLink(ClaimId),
    #[error("claim {claim} is already linked to claim {response} as {relation} (link {existing})")]
    DuplicateLink {
        existing: LinkId,
        claim: ClaimId,
        response: ClaimId,
        relation: Relation,
    },
    #[error("claim {claim} belongs to another article than {article}")]
    ClaimOfOtherArticle { claim: ClaimId, article: ArticleId },
    #[error("the edit changes nothing")]
    Empty,
    #[error("the undo history no longer matches the text of article {0}")]
    HistoryOutOfStep(ArticleId),
}

/// How much of an edit is checked before it is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Checks {
    /// A new change: whatever it places or points at must be valid (an
    /// anchor must hold its quote, a link's ends must exist). What it leaves
    /// as it was is not re-checked, so a record loaded broken from a file
    /// can still be edited.
    New,
    /// A recorded step (undo, redo, rolling back a refused batch): it
    /// restores records exactly as the project already held them, broken
    /// ones included, so only the structure is checked (the records it
    /// replaces or removes exist, the ids it adds are free).
    Replay,
}

/// Applies `edit` to `project` and returns the edit that undoes it. Checks
/// everything first, so a refused edit leaves the project untouched.
pub fn apply(project: &mut Project, edit: Edit) -> Result<Edit, EditError> {
    apply_with(project, edit, Checks::New)
}

/// Applies an edit recorded by [`super::History`] (or an inverse returned
/// by [`apply`]) to the project state it was recorded against. It restores
/// records exactly, so it succeeds whatever was wrong with them.
pub(crate) fn replay(project: &mut Project, edit: Edit) -> Result<Edit, EditError> {
    apply_with(project, edit, Checks::Replay)
}

/// Like [`apply`], looking up in `dependents` (which must describe
/// `project` as it is) what a delete takes along and whether a new or
/// changed link repeats one, instead of reading every record.
pub fn apply_indexed(
    project: &mut Project,
    edit: Edit,
    dependents: &dyn Dependents,
) -> Result<Edit, EditError> {
    apply_found(project, edit, Checks::New, Some(dependents))
}

/// Like [`replay`], with `dependents` as in [`apply_indexed`].
pub(crate) fn replay_indexed(
    project: &mut Project,
    edit: Edit,
    dependents: &dyn Dependents,
) -> Result<Edit, EditError> {
    apply_found(project, edit, Checks::Replay, Some(dependents))
}

fn apply_with(project: &mut Project, edit: Edit, checks: Checks) -> Result<Edit, EditError> {
    apply_found(project, edit, checks, None)
}

/// Applies `edit`, looking up what depends on records in `dependents` when
/// given and else reading every record. A batch's edits read every record:
/// after its first edit, the project is one its index does not describe.
fn apply_found(
    project: &mut Project,
    edit: Edit,
    checks: Checks,
    dependents: Option<&dyn Dependents>,
) -> Result<Edit, EditError> {
    match edit {
        Edit::Insert(bundle) => insert(project, *bundle, checks, dependents),
        Edit::Delete(ids) => delete(project, &ids, dependents),
        Edit::SetProjectTitle(title) => {
            let old = std::mem::replace(&mut project.title, title);
            Ok(Edit::SetProjectTitle(old))
        }
        Edit::SetArticleMeta { article, meta } => set_article_meta(project, article, *meta),
        Edit::ReplaceClaim(claim) => replace_claim(project, *claim, checks),
        Edit::ReplaceLink(link) => replace_link(project, *link, checks, dependents),
        Edit::Batch(edits) => batch(project, edits, checks),
        Edit::ReplaceArticleText {
            article,
            text,
            claims,
        } => replace_article_text(project, ArticleText { article, text }, claims, checks),
        Edit::Rejections { reject, restore } => change_rejections(project, reject, restore),
        Edit::SetConflicts(conflicts) => {
            let old = std::mem::replace(&mut project.conflicts, conflicts);
            Ok(Edit::SetConflicts(old))
        }
        Edit::SetDisagreements(list) => {
            let old = std::mem::replace(&mut project.disagreements, list);
            Ok(Edit::SetDisagreements(old))
        }
        Edit::NameStory { claim, name } => name_story(project, claim, &name, checks),
    }
}

fn insert(
    project: &mut Project,
    bundle: Bundle,
    checks: Checks,
    dependents: Option<&dyn Dependents>,
) -> Result<Edit, EditError> {
    check_new_ids(project, &bundle)?;
    if checks == Checks::New {
        validate_insert(project, &bundle, dependents)?;
    }
    let inverse = RecordIds {
        articles: bundle.articles.iter().map(|a| a.id).collect(),
        claims: bundle.claims.iter().map(|c| c.id).collect(),
        links: bundle.links.iter().map(|l| l.id).collect(),
    };
    for article in bundle.articles {
        project.next_ids.make_room_for_article(article.id);
        let at = project.article_index(article.id).unwrap_or_else(|i| i);
        project.articles.insert(at, article);
    }
    for claim in bundle.claims {
        project.next_ids.make_room_for_claim(claim.id);
        let at = project.claim_index(claim.id).unwrap_or_else(|i| i);
        project.claims.insert(at, Arc::new(claim));
    }
    for link in bundle.links {
        project.next_ids.make_room_for_link(link.id);
        let at = project.link_index(link.id).unwrap_or_else(|i| i);
        project.links.insert(at, Arc::new(link));
    }
    Ok(Edit::Delete(inverse))
}

/// The bundle adds something, and no id it adds is in use.
fn check_new_ids(project: &Project, bundle: &Bundle) -> Result<(), EditError> {
    if bundle.articles.is_empty() && bundle.claims.is_empty() && bundle.links.is_empty() {
        return Err(EditError::Empty);
    }
    let mut new_articles = BTreeSet::new();
    for article in &bundle.articles {
        if project.article(article.id).is_some() || !new_articles.insert(article.id) {
            return Err(in_use(article.id));
        }
    }
    let mut new_claims = BTreeSet::new();
    for claim in &bundle.claims {
        if project.claim(claim.id).is_some() || !new_claims.insert(claim.id) {
            return Err(in_use(claim.id));
        }
    }
    let mut new_links = BTreeSet::new();
    for link in &bundle.links {
        if project.link(link.id).is_some() || !new_links.insert(link.id) {
            return Err(in_use(link.id));
        }
    }
    Ok(())
}

/// New claims hold their quotes in existing articles; new links join two
/// different existing claims.
fn validate_insert(
    project: &Project,
    bundle: &Bundle,
    dependents: Option<&dyn Dependents>,
) -> Result<(), EditError> {
    let new_claims: BTreeSet<ClaimId> = bundle.claims.iter().map(|c| c.id).collect();
    for claim in &bundle.claims {
        let text = project
            .article(claim.article)
            .or_else(|| bundle.articles.iter().find(|a| a.id == claim.article))
            .map(|a| &*a.text)
            .ok_or(EditError::UnknownArticle(claim.article))?;
        verify_claim(claim, text)?;
    }
    for link in &bundle.links {
        for end in [link.claim, link.response] {
            if project.claim(end).is_none() && !new_claims.contains(&end) {
                return Err(EditError::UnknownClaim(end));
            }
        }
        if link.claim == link.response {
            return Err(EditError::SelfLink(link.claim));
        }
        // Only against links already in the project: undoing the delete of
        // a claim re-inserts all its links at once, and files written
        // before this rule may hold duplicates of each other.
        refuse_duplicate(project, link, dependents)?;
    }
    Ok(())
}

/// Refuses `link` if another link already joins the same claim to the same
/// response with the same relation: among the links of its claim when
/// `dependents` lists them, else among every link.
fn refuse_duplicate(
    project: &Project,
    link: &Link,
    dependents: Option<&dyn Dependents>,
) -> Result<(), EditError> {
    let same = |other: &&Link| {
        other.id != link.id
            && (other.claim, other.response, other.info.relation)
                == (link.claim, link.response, link.info.relation)
    };
    let existing = match dependents {
        Some(dependents) => dependents
            .links_of(link.claim)
            .iter()
            .filter_map(|&id| project.link(id))
            .find(same),
        None => project.links.iter().map(|l| &**l).find(same),
    };
    match existing {
        Some(existing) => Err(EditError::DuplicateLink {
            existing: existing.id,
            claim: link.claim,
            response: link.response,
            relation: link.info.relation,
        }),
        None => Ok(()),
    }
}

fn in_use<I: RecordId>(id: I) -> EditError {
    EditError::IdInUse {
        kind: I::KIND,
        id: id.to_string(),
    }
}

/// Orphans (claims whose quote was lost) are accepted: see [`Claim::verify_in`].
fn verify_claim(claim: &Claim, text: &str) -> Result<(), EditError> {
    claim.verify_in(text).map_err(|error| EditError::BadAnchor {
        claim: claim.id,
        error,
    })
}

fn set_article_meta(
    project: &mut Project,
    article: ArticleId,
    meta: ArticleMeta,
) -> Result<Edit, EditError> {
    let index = project
        .article_index(article)
        .map_err(|_| EditError::UnknownArticle(article))?;
    let old = std::mem::replace(&mut project.articles[index].meta, meta);
    Ok(Edit::SetArticleMeta {
        article,
        meta: Box::new(old),
    })
}

fn replace_claim(project: &mut Project, claim: Claim, checks: Checks) -> Result<Edit, EditError> {
    let index = project
        .claim_index(claim.id)
        .map_err(|_| EditError::UnknownClaim(claim.id))?;
    if checks == Checks::New && !same_place(&project.claims[index], &claim) {
        let text = project
            .article(claim.article)
            .map(|a| &*a.text)
            .ok_or(EditError::UnknownArticle(claim.article))?;
        verify_claim(&claim, text)?;
    }
    let old = std::mem::replace(&mut project.claims[index], Arc::new(claim));
    Ok(Edit::ReplaceClaim(Box::new(Arc::unwrap_or_clone(old))))
}

/// True when an edit leaves the claim where it was: same article, range,
/// quote, context and review flag. Such an edit (a new speaker, a note) is
/// not refused for a position that was already broken.
fn same_place(old: &Claim, new: &Claim) -> bool {
    old.article == new.article && old.anchor == new.anchor && old.review == new.review
}

fn replace_link(
    project: &mut Project,
    link: Link,
    checks: Checks,
    dependents: Option<&dyn Dependents>,
) -> Result<Edit, EditError> {
    let index = project
        .link_index(link.id)
        .map_err(|_| EditError::UnknownLink(link.id))?;
    let old = &project.links[index];
    let ends_changed = (old.claim, old.response) != (link.claim, link.response);
    let pair_changed = ends_changed || old.info.relation != link.info.relation;
    if checks == Checks::New && ends_changed {
        for end in [link.claim, link.response] {
            project.claim(end).ok_or(EditError::UnknownClaim(end))?;
        }
        if link.claim == link.response {
            return Err(EditError::SelfLink(link.claim));
        }
    }
    // A duplicate kept from an older file stays editable (its note, its
    // status); only making a link a duplicate is refused.
    if checks == Checks::New && pair_changed {
        refuse_duplicate(project, &link, dependents)?;
    }
    let old = std::mem::replace(&mut project.links[index], Arc::new(link));
    Ok(Edit::ReplaceLink(Box::new(Arc::unwrap_or_clone(old))))
}

/// The new text of one article.
struct ArticleText {
    article: ArticleId,
    text: Arc<str>,
}

fn replace_article_text(
    project: &mut Project,
    ArticleText { article, text }: ArticleText,
    claims: Vec<Claim>,
    checks: Checks,
) -> Result<Edit, EditError> {
    let index = project
        .article_index(article)
        .map_err(|_| EditError::UnknownArticle(article))?;
    if checks == Checks::New && project.articles[index].text == text && claims.is_empty() {
        return Err(EditError::Empty);
    }
    check_article_claims(project, article, &text, &claims, checks)?;
    let hash = content_hash(&text);
    let record = &mut project.articles[index];
    let old_text = std::mem::replace(&mut record.text, text);
    record.content_hash = hash;
    let mut old_claims = Vec::with_capacity(claims.len());
    for claim in claims {
        // Checked above: every claim exists.
        if let Ok(at) = project.claim_index(claim.id) {
            let old = std::mem::replace(&mut project.claims[at], Arc::new(claim));
            old_claims.push(Arc::unwrap_or_clone(old));
        }
    }
    Ok(Edit::ReplaceArticleText {
        article,
        text: old_text,
        claims: old_claims,
    })
}

/// The replacement claims must be claims of `article`, each given once, and
/// (for a new edit) every claim of the article, replaced or not, must fit
/// `text`.
fn check_article_claims(
    project: &Project,
    article: ArticleId,
    text: &str,
    claims: &[Claim],
    checks: Checks,
) -> Result<(), EditError> {
    let mut replaced = BTreeSet::new();
    for claim in claims {
        let old = project
            .claim(claim.id)
            .ok_or(EditError::UnknownClaim(claim.id))?;
        if old.article != article || claim.article != article {
            return Err(EditError::ClaimOfOtherArticle {
                claim: claim.id,
                article,
            });
        }
        if !replaced.insert(claim.id) {
            return Err(in_use(claim.id));
        }
        if checks == Checks::New {
            verify_claim(claim, text)?;
        }
    }
    if checks == Checks::Replay {
        return Ok(());
    }
    for kept in project
        .claims_of_article(article)
        .filter(|c| !replaced.contains(&c.id))
    {
        verify_claim(kept, text)?;
    }
    Ok(())
}

/// Adds `reject` and removes `restore` from the project's rejected
/// candidates, kept sorted so the file is stable. Only real changes go into
/// the inverse, so undo restores the exact list.
fn change_rejections(
    project: &mut Project,
    reject: Vec<RejectedCandidate>,
    restore: Vec<RejectedCandidate>,
) -> Result<Edit, EditError> {
    for rejected in &reject {
        project
            .claim(rejected.claim)
            .ok_or(EditError::UnknownClaim(rejected.claim))?;
        project
            .article(rejected.article)
            .ok_or(EditError::UnknownArticle(rejected.article))?;
    }
    let list = &project.rejected_candidates;
    let removed: BTreeSet<RejectedCandidate> =
        restore.into_iter().filter(|r| list.contains(r)).collect();
    let added: BTreeSet<RejectedCandidate> = reject
        .into_iter()
        .filter(|r| !list.contains(r) && !removed.contains(r))
        .collect();
    if added.is_empty() && removed.is_empty() {
        return Err(EditError::Empty);
    }
    let list = &mut project.rejected_candidates;
    list.retain(|r| !removed.contains(r));
    list.extend(added.iter().cloned());
    list.sort();
    Ok(Edit::Rejections {
        reject: removed.into_iter().collect(),
        restore: added.into_iter().collect(),
    })
}

/// Applies [`Edit::NameStory`]: stores `name` (trimmed) under
/// `claim`, or removes the name stored there when `name` is blank. Returns
/// the inverse edit. Naming needs the claim to exist; removing a name does
/// not, so that undo works whatever happened to the claim since.
fn name_story(
    project: &mut Project,
    claim: ClaimId,
    name: &str,
    checks: Checks,
) -> Result<Edit, EditError> {
    let name = name.trim();
    let old = project.story_names.get(&claim).cloned().unwrap_or_default();
    if old == name {
        return Err(EditError::Empty);
    }
    if name.is_empty() {
        project.story_names.remove(&claim);
    } else {
        if checks == Checks::New {
            project.claim(claim).ok_or(EditError::UnknownClaim(claim))?;
        }
        project.story_names.insert(claim, name.to_string());
    }
    Ok(Edit::NameStory { claim, name: old })
}

/// Applies edits in order; if one is refused, undoes those already applied
/// so the batch is all-or-nothing.
fn batch(project: &mut Project, edits: Vec<Edit>, checks: Checks) -> Result<Edit, EditError> {
    if edits.is_empty() {
        return Err(EditError::Empty);
    }
    let ids_before = project.next_ids.clone();
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match apply_with(project, edit, checks) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    // Replayed on the state it was made for: it restores
                    // exactly, broken records included, and cannot fail.
                    let _ = replay(project, inverse);
                }
                // Nothing was added, so no id was spent.
                project.next_ids = ids_before;
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}
