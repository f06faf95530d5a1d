//! The rows of the pairs table: every link with what filtering and sorting
//! need, kept up to date edit by edit. Rows are `Copy` and small; quotes,
//! speakers and titles are read from the project only for rows on screen.

use super::chunked::Chunked;
use super::ids::{ArticleId, ClaimId, LinkId};
use super::pairs::StatusFilter;
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
    /// In chunks: deleting a link (or undoing its delete) moves one chunk
    /// of rows, not half of 200,000.
    rows: Chunked<PairRow>,
    /// Rows per status, indexed like `Status::ALL` (the export dialog
    /// shows a count every frame).
    by_status: [usize; 3],
}

impl PairRows {
    pub fn build(project: &Project) -> PairRows {
        let mut rows = PairRows {
            rows: project
                .pairs(StatusFilter::All)
                .iter()
                .map(PairRow::of)
                .collect(),
            by_status: [0; 3],
        };
        for row in rows.rows.iter() {
            rows.by_status[status_slot(row.status)] += 1;
        }
        rows
    }

    /// How many rows `filter` accepts: what an export of it writes.
    pub fn count(&self, filter: StatusFilter) -> usize {
        Status::ALL
            .iter()
            .filter(|s| filter.accepts(**s))
            .map(|s| self.by_status[status_slot(*s)])
            .sum()
    }

    /// Follows one link: re-reads it from `project`, or drops its row when
    /// the link (or one of its ends) is gone.
    pub fn update(&mut self, project: &Project, link: LinkId) {
        let at = self.rows.binary_search_by_key(&link, |r| r.link);
        let row = project.pair(link).map(|p| PairRow::of(&p));
        if let Some(old) = at.ok().and_then(|i| self.rows.get(i)) {
            self.by_status[status_slot(old.status)] -= 1;
        }
        if let Some(row) = &row {
            self.by_status[status_slot(row.status)] += 1;
        }
        match (at, row) {
            (Ok(i), Some(row)) => {
                if let Some(old) = self.rows.get_mut(i) {
                    *old = row;
                }
            }
            (Err(i), Some(row)) => self.rows.insert(i, row),
            (Ok(i), None) => {
                self.rows.remove(i);
            }
            (Err(_), None) => {}
        }
    }

    /// Every row, its chunks shared (a pointer copied per chunk): a sort
    /// of the table reads them on another thread.
    pub fn shared(&self) -> Chunked<PairRow> {
        self.rows.clone()
    }

    /// Every row, in link-id order, a chunk of rows at a time.
    pub fn slices(&self) -> impl Iterator<Item = &[PairRow]> {
        self.rows.slices()
    }

    pub fn get(&self, link: LinkId) -> Option<&PairRow> {
        self.rows.find_by_key(&link, |r| r.link)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Where `status` counts in `by_status` (the order of `Status::ALL`).
fn status_slot(status: Status) -> usize {
    match status {
        Status::Draft => 0,
        Status::Curated => 1,
        Status::Rejected => 2,
    }
}
