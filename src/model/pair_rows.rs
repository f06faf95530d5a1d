//! The rows of the pairs table: every link with what filtering and sorting
//! need, kept up to date edit by edit. Rows are `Copy` and small; quotes,
//! speakers and titles are read from the project only for rows on screen.

use super::ids::{ArticleId, ClaimId, LinkId};
use super::pairs::{Pair, PairSide};
use super::project::{Project, Published, Relation, Status};

/// One link, resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairRow {
    pub link: LinkId,
    pub claim: RowSide,
    pub relation: Relation,
    pub response: RowSide,
    /// Days from the claim's article to the response's, when both are dated.
    pub days: Option<i64>,
    pub status: Status,
}

/// One end of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowSide {
    pub claim: ClaimId,
    pub article: ArticleId,
    pub published: Option<Published>,
}

impl PairRow {
    fn of(pair: &Pair<'_>) -> PairRow {
        PairRow {
            link: pair.link.id,
            claim: RowSide::of(&pair.claim),
            relation: pair.link.info.relation,
            response: RowSide::of(&pair.response),
            days: pair.days_between(),
            status: pair.link.info.status,
        }
    }
}

impl RowSide {
    fn of(side: &PairSide<'_>) -> RowSide {
        RowSide {
            claim: side.claim.id,
            article: side.article.id,
            published: side.article.meta.published,
        }
    }
}

/// A row per link whose ends resolve, in link-id order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairRows {
    rows: Vec<PairRow>,
}

impl PairRows {
    pub fn build(project: &Project) -> PairRows {
        PairRows {
            rows: project
                .pairs(super::StatusFilter::All)
                .iter()
                .map(PairRow::of)
                .collect(),
        }
    }

    /// Follows one link: re-reads it from `project`, or drops its row when
    /// the link (or one of its ends) is gone.
    pub fn update(&mut self, project: &Project, link: LinkId) {
        let at = self.rows.binary_search_by_key(&link, |r| r.link);
        match (at, project.pair(link).map(|p| PairRow::of(&p))) {
            (Ok(i), Some(row)) => self.rows[i] = row,
            (Err(i), Some(row)) => self.rows.insert(i, row),
            (Ok(i), None) => {
                self.rows.remove(i);
            }
            (Err(_), None) => {}
        }
    }

    pub fn rows(&self) -> &[PairRow] {
        &self.rows
    }

    pub fn get(&self, link: LinkId) -> Option<&PairRow> {
        let at = self.rows.binary_search_by_key(&link, |r| r.link).ok()?;
        self.rows.get(at)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
