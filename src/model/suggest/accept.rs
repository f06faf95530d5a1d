//! Accepting and rejecting a candidate: ordinary edits, one undo step each,
//! shared by the window and the command line.

use std::ops::Range;

use super::SuggestError;
use crate::model::{
    Anchor, ArticleId, ClaimId, ClaimInfo, Edit, LinkId, LinkInfo, Project, RejectedCandidate,
    Relation, Stamp, Status,
};

/// Accepts the span `range` of `article` as a response to `claim` with
/// `relation`: marks it as a claim (reported via the article's outlet) and
/// links the two as one step, as a manual pair does. When the span already
/// is a claim, only the link is added. Returns the edit and the link's id.
pub fn accept_edit(
    project: &Project,
    claim: ClaimId,
    at: (ArticleId, Range<usize>),
    relation: Relation,
    stamp: &Stamp,
) -> Result<(Edit, LinkId), SuggestError> {
    let (article, range) = at;
    project
        .claim(claim)
        .ok_or(SuggestError::UnknownClaim(claim))?;
    let record = project
        .article(article)
        .ok_or(SuggestError::UnknownArticle(article))?;
    let anchor = Anchor::from_range(&record.text, range.start, range.end).map_err(|_| {
        SuggestError::BadRange {
            article,
            start: range.start,
            end: range.end,
        }
    })?;
    let info = LinkInfo {
        relation,
        status: Status::Draft,
        note: String::new(),
    };
    let existing = project
        .claims_of_article(article)
        .find(|c| c.anchor.range() == range && c.id != claim);
    if let Some(existing) = existing {
        return Ok(Edit::add_link(project, claim, existing.id, info, stamp));
    }
    let response_info = ClaimInfo {
        via: record.meta.outlet.clone(),
        ..ClaimInfo::default()
    };
    let (edit, _, link) = Edit::add_response(
        project,
        claim,
        (article, anchor),
        response_info,
        info,
        stamp,
    );
    Ok((edit, link))
}

/// Rejects the span `range` of `article` as a response to `claim`: it is
/// kept in the project and never suggested again for that claim.
pub fn reject_edit(
    project: &Project,
    claim: ClaimId,
    at: (ArticleId, Range<usize>),
) -> Result<Edit, SuggestError> {
    let (article, range) = at;
    project
        .claim(claim)
        .ok_or(SuggestError::UnknownClaim(claim))?;
    let text = &project
        .article(article)
        .ok_or(SuggestError::UnknownArticle(article))?
        .text;
    let quote = text.get(range.clone()).ok_or(SuggestError::BadRange {
        article,
        start: range.start,
        end: range.end,
    })?;
    Ok(Edit::Rejections {
        reject: vec![RejectedCandidate {
            claim,
            article,
            start: range.start,
            end: range.end,
            quote: quote.to_string(),
        }],
        restore: Vec::new(),
    })
}
