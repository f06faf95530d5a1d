//! Which records one step touched, so that derived data (the window's
//! index, search, table rows) can follow an edit, its undo and its redo by
//! updating those records only, instead of rebuilding from the whole project.

use std::collections::BTreeSet;

use super::edit::Edit;
use super::ids::{ArticleId, ClaimId, LinkId};

/// Records added, removed or changed by one or more steps. Read together
/// with the project after the steps: a touched id that is no longer in the
/// project was removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub articles: BTreeSet<ArticleId>,
    pub claims: BTreeSet<ClaimId>,
    pub links: BTreeSet<LinkId>,
}

impl Touched {
    /// What applying `edit` touched, given the `inverse` that applying it
    /// returned. Both are read because a delete names only what was
    /// selected, while its inverse holds everything the cascade removed.
    pub fn of(edit: &Edit, inverse: &Edit) -> Touched {
        let mut touched = Touched::default();
        touched.add_edit(edit);
        touched.add_edit(inverse);
        touched
    }

    /// Approximate memory the sets take (for the undo history's budget).
    pub fn bytes(&self) -> usize {
        // A B-tree entry costs about its key plus a share of its node.
        let entries = self.articles.len() + self.claims.len() + self.links.len();
        entries * 2 * std::mem::size_of::<ClaimId>()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty() && self.claims.is_empty() && self.links.is_empty()
    }

    /// Adds what `other` touched (steps applied one after the other).
    pub fn merge(&mut self, other: &Touched) {
        self.articles.extend(&other.articles);
        self.claims.extend(&other.claims);
        self.links.extend(&other.links);
    }

    fn add_edit(&mut self, edit: &Edit) {
        match edit {
            Edit::Insert(bundle) => {
                self.articles.extend(bundle.articles.iter().map(|a| a.id));
                self.claims.extend(bundle.claims.iter().map(|c| c.id));
                self.links.extend(bundle.links.iter().map(|l| l.id));
            }
            Edit::Delete(ids) => {
                self.articles.extend(&ids.articles);
                self.claims.extend(&ids.claims);
                self.links.extend(&ids.links);
            }
            // Story names are not in any derived index.
            Edit::SetProjectTitle(_) | Edit::NameStory { .. } => {}
            Edit::SetArticleMeta { article, .. } => {
                self.articles.insert(*article);
            }
            Edit::ReplaceClaim(claim) => {
                self.claims.insert(claim.id);
            }
            Edit::ReplaceLink(link) => {
                self.links.insert(link.id);
            }
            Edit::Batch(edits) => edits.iter().for_each(|e| self.add_edit(e)),
            Edit::ReplaceArticleText {
                article, claims, ..
            } => {
                self.articles.insert(*article);
                self.claims.extend(claims.iter().map(|c| c.id));
            }
        }
    }
}
