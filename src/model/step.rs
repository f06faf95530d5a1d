//! How the undo history keeps a step: the edit as applied, except that an
//! article-text edit keeps only the changed middle of the text. Its
//! unchanged start and end are read back from the project when the step is
//! replayed, which is always on the text it was recorded against.

use std::mem::size_of;

use super::edit::{Bundle, Edit, EditError};
use super::ids::ArticleId;
use super::project::{Article, ArticleMeta, Claim, Link, Project};

/// One direction (forward or inverse) of a recorded step.
#[derive(Clone, Debug)]
pub(crate) enum Step {
    Whole(Edit),
    /// `Edit::ReplaceArticleText` whose text is the current text with the
    /// bytes between `keep_start` and `keep_end` (counted from the end)
    /// replaced by `middle`.
    Splice {
        article: ArticleId,
        keep_start: usize,
        keep_end: usize,
        middle: String,
        claims: Vec<Claim>,
    },
}

impl Step {
    /// The forward and inverse steps of an edit that has just been applied.
    pub(crate) fn record(forward: Edit, inverse: Edit) -> (Step, Step) {
        match (forward, inverse) {
            (
                Edit::ReplaceArticleText {
                    article,
                    text: new,
                    claims: new_claims,
                },
                Edit::ReplaceArticleText {
                    text: old,
                    claims: old_claims,
                    ..
                },
            ) => {
                let (keep_start, keep_end) = unchanged_ends(&old, &new);
                let splice = |text: &str, claims| Step::Splice {
                    article,
                    keep_start,
                    keep_end,
                    middle: text[keep_start..text.len() - keep_end].to_string(),
                    claims,
                };
                (splice(&new, new_claims), splice(&old, old_claims))
            }
            (forward, inverse) => (Step::Whole(forward), Step::Whole(inverse)),
        }
    }

    /// The edit to replay on `project`, which must be in the state the step
    /// was recorded against.
    pub(crate) fn edit(&self, project: &Project) -> Result<Edit, EditError> {
        match self {
            Step::Whole(edit) => Ok(edit.clone()),
            Step::Splice {
                article,
                keep_start,
                keep_end,
                middle,
                claims,
            } => {
                let current = &project
                    .article(*article)
                    .ok_or(EditError::UnknownArticle(*article))?
                    .text;
                let text = splice(current, *keep_start, *keep_end, middle)
                    .ok_or(EditError::HistoryOutOfStep(*article))?;
                Ok(Edit::ReplaceArticleText {
                    article: *article,
                    text: text.into(),
                    claims: claims.clone(),
                })
            }
        }
    }

    /// Approximate memory the step takes.
    pub(crate) fn bytes(&self) -> usize {
        match self {
            Step::Whole(edit) => edit_bytes(edit),
            Step::Splice { middle, claims, .. } => {
                size_of::<Step>() + middle.len() + claims.iter().map(claim_bytes).sum::<usize>()
            }
        }
    }
}

/// `current` with its bytes between `keep_start` and `keep_end` (counted
/// from the end) replaced by `middle`; `None` if they do not fit.
fn splice(current: &str, keep_start: usize, keep_end: usize, middle: &str) -> Option<String> {
    let start = current.get(..keep_start)?;
    let end = current.get(current.len().checked_sub(keep_end)?..)?;
    if keep_start + keep_end > current.len() {
        return None;
    }
    Some([start, middle, end].concat())
}

/// Bytes at the start and at the end (not overlapping) that `old` and `new`
/// share, each ending on a character boundary of both texts.
fn unchanged_ends(old: &str, new: &str) -> (usize, usize) {
    let (old_bytes, new_bytes) = (old.as_bytes(), new.as_bytes());
    let mut start = old_bytes
        .iter()
        .zip(new_bytes)
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(start) && new.is_char_boundary(start)) {
        start -= 1;
    }
    let room = old.len().min(new.len()) - start;
    let mut end = old_bytes
        .iter()
        .rev()
        .zip(new_bytes.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(old.len() - end) && new.is_char_boundary(new.len() - end)) {
        end -= 1;
    }
    (start, end)
}

/// Approximate memory an edit takes: its records and the text they own.
pub(crate) fn edit_bytes(edit: &Edit) -> usize {
    size_of::<Edit>()
        + match edit {
            Edit::Insert(bundle) => bundle_bytes(bundle),
            Edit::Delete(selection) => {
                let ids = selection.articles.len() + selection.claims.len() + selection.links.len();
                ids * size_of::<u64>()
            }
            Edit::SetProjectTitle(title) => title.len(),
            Edit::SetArticleMeta { meta, .. } => meta_bytes(meta),
            Edit::ReplaceClaim(claim) => claim_bytes(claim),
            Edit::ReplaceLink(link) => link_bytes(link),
            Edit::Batch(edits) => edits.iter().map(edit_bytes).sum(),
            Edit::ReplaceArticleText { text, claims, .. } => {
                text.len() + claims.iter().map(claim_bytes).sum::<usize>()
            }
            Edit::NameStory { name, .. } => name.len(),
        }
}

fn bundle_bytes(bundle: &Bundle) -> usize {
    bundle.articles.iter().map(article_bytes).sum::<usize>()
        + bundle.claims.iter().map(claim_bytes).sum::<usize>()
        + bundle.links.iter().map(link_bytes).sum::<usize>()
}

fn article_bytes(article: &Article) -> usize {
    size_of::<Article>()
        + meta_bytes(&article.meta)
        + article.text.len()
        + article.content_hash.len()
}

fn meta_bytes(meta: &ArticleMeta) -> usize {
    size_of::<ArticleMeta>()
        + meta.title.len()
        + meta.outlet.len()
        + meta.url.len()
        + meta.source_path.len()
}

fn claim_bytes(claim: &Claim) -> usize {
    let anchor = &claim.anchor;
    let info = &claim.info;
    size_of::<Claim>()
        + anchor.quote.len()
        + anchor.prefix.len()
        + anchor.suffix.len()
        + info.speaker.len()
        + info.via.len()
        + info.note.len()
        + info
            .tags
            .iter()
            .map(|t| t.len() + size_of::<String>())
            .sum::<usize>()
        + claim.analyst.len()
}

fn link_bytes(link: &Link) -> usize {
    size_of::<Link>() + link.info.note.len() + link.analyst.len()
}
