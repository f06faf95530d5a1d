//! Claims that need the analyst's eye, and why: re-anchoring flagged them
//! (found only approximately, or lost), or the file they were loaded from
//! placed them where their quote is not (a hand edit, a bad merge) or in an
//! article that does not exist. All of them are listed in "Needs review";
//! [`repair_claim`] looks for a broken claim's quote again.

use super::anchor::AnchorError;
use super::build::Stamp;
use super::edit::{Edit, EditError};
use super::ids::{ArticleId, ClaimId};
use super::project::{Claim, Project, Review};
use super::reanchor::{Outcome, Reanchored, reanchor};

/// Why a claim is listed for review.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewReason<'a> {
    /// Found again after a text change, but not exactly as it was.
    LowConfidence { confidence: f32, old_quote: &'a str },
    /// Lost when its article's text changed; kept with its quote.
    Orphaned,
    /// Its range does not hold its quote in its article (the file was
    /// edited by hand, or merged badly).
    BrokenAnchor(AnchorError),
    /// Its article does not exist.
    MissingArticle(ArticleId),
}

impl Project {
    /// Why `claim` needs review, or `None` when it sits where it should.
    pub fn review_reason<'a>(&self, claim: &'a Claim) -> Option<ReviewReason<'a>> {
        let Some(article) = self.article(claim.article) else {
            return Some(ReviewReason::MissingArticle(claim.article));
        };
        if let Err(error) = claim.verify_in(&article.text) {
            return Some(ReviewReason::BrokenAnchor(error));
        }
        match &claim.review {
            Some(Review::Orphaned { .. }) => Some(ReviewReason::Orphaned),
            Some(Review::LowConfidence {
                confidence,
                old_quote,
            }) => Some(ReviewReason::LowConfidence {
                confidence: *confidence,
                old_quote,
            }),
            None => None,
        }
    }

    /// Claims that need review (see [`Project::review_reason`]), in id
    /// order: the "Needs review" list. O(claims); the window caches it.
    pub fn claims_for_review(&self) -> impl Iterator<Item = &Claim> {
        self.claims
            .iter()
            .map(|c| &**c)
            .filter(|c| self.review_reason(c).is_some())
    }
}

/// Looks for a claim's quote again in its article, as re-anchoring does
/// after a text change (same quote elsewhere, best context first; else an
/// approximate match; else an orphan that keeps its quote), and returns the
/// edit that puts the claim there, labelled "repair claim" for a broken one.
/// A claim already in place needs no repair: [`EditError::Empty`].
pub fn repair_claim(
    project: &Project,
    claim: ClaimId,
    stamp: &Stamp,
) -> Result<(Edit, Reanchored), EditError> {
    let old = project.claim(claim).ok_or(EditError::UnknownClaim(claim))?;
    let text = &project
        .article(old.article)
        .ok_or(EditError::UnknownArticle(old.article))?
        .text;
    let found = reanchor(text, text, std::slice::from_ref(old))
        .pop()
        .ok_or(EditError::Empty)?;
    if found.outcome == Outcome::Exact && found.claim == *old {
        return Err(EditError::Empty);
    }
    let mut repaired = found.claim.clone();
    repaired.modified = stamp.at;
    Ok((Edit::ReplaceClaim(Box::new(repaired)), found))
}
