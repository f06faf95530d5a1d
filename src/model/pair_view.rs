//! What the pairs table shows: the rows passing its filters, in its sort
//! order. Recomputed in full only when the query changes; after an edit,
//! undo or redo only the rows of the touched links are taken out and put
//! back in place (a binary search each), so an edit on 20,000 pairs does
//! not re-filter or re-sort them.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::sync::Arc;

use super::claim_text::{ClaimNeedle, ClaimText, sort_prefix};
use super::history::History;
use super::ids::{ArticleId, ClaimId, LinkId};
use super::index::ProjectIndex;
use super::pair_rows::{PairRow, RowSide};
use super::project::{Relation, Status};
use super::text_order::OrderedText;
use rustc_hash::FxHashSet;
use sort::{PendingSort, Rows, SORT_ON_THREAD_FROM_ROWS, SortJob, SortState, Sorted};

mod sort;

/// The column the table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PairSort {
    #[default]
    Link,
    Claim,
    ClaimSpeaker,
    ClaimDate,
    Relation,
    Response,
    ResponseSpeaker,
    ResponseDate,
    Days,
    Status,
}

/// Filters and order of the pairs table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairQuery {
    pub status: Option<Status>,
    pub relation: Option<Relation>,
    /// Pairs with either end in this article.
    pub article: Option<ArticleId>,
    /// Part of either speaker, any case.
    pub speaker: String,
    /// Part of either quote, speaker or article title, any case.
    pub text: String,
    pub sort: PairSort,
    pub descending: bool,
}

/// The visible rows for one query at one revision.
#[derive(Clone, Debug, Default)]
pub struct PairView {
    computed: Option<(PairQuery, u64)>,
    visible: Vec<LinkId>,
    /// A sort of every row for a new query, running on another thread
    /// (see `sort.rs`); meanwhile `visible` keeps what was shown.
    sorting: Option<Arc<PendingSort>>,
}

impl PairView {
    /// Brings the view up to date with `query` and the project as
    /// `history` left it (`index` already refreshed). A new query over
    /// many rows is sorted on another thread: until that ends, the view
    /// keeps its rows and [`PairView::is_sorting`] says so.
    pub fn refresh(&mut self, index: &ProjectIndex, history: &History, query: &PairQuery) {
        self.refresh_sorting_on_thread_from(index, history, query, SORT_ON_THREAD_FROM_ROWS);
    }

    /// [`PairView::refresh`], sorting on another thread from `rows` rows
    /// on (tests use small numbers).
    pub fn refresh_sorting_on_thread_from(
        &mut self,
        index: &ProjectIndex,
        history: &History,
        query: &PairQuery,
        rows: usize,
    ) {
        if self.take_sorted(query) {
            return;
        }
        let revision = history.revision();
        let changes = match &self.computed {
            Some((q, r)) if q == query && *r == revision => return,
            Some((q, r)) if q == query => history.changes_since(*r),
            _ => None,
        };
        match changes {
            Some(touched) => self.patch(index, query, &index.links_affected(&touched)),
            None => match sort_job(index, query).start(query, revision, rows) {
                Sorted::Done(links) => self.visible = links,
                Sorted::Later(pending) => {
                    self.computed = None;
                    self.sorting = Some(Arc::new(pending));
                    return;
                }
            },
        }
        self.computed = Some((query.clone(), revision));
    }

    /// Takes the rows of a sort that ended on another thread, if it sorted
    /// for `query` (as of its revision: the caller then patches in what
    /// changed since). True while it is still running.
    fn take_sorted(&mut self, query: &PairQuery) -> bool {
        let Some(pending) = self.sorting.take() else {
            return false;
        };
        if pending.query != *query {
            return false;
        }
        match pending.poll() {
            SortState::Running => {
                self.sorting = Some(pending);
                true
            }
            SortState::Done(links) => {
                self.visible = links;
                self.computed = Some((pending.query.clone(), pending.revision));
                false
            }
            SortState::Lost => false,
        }
    }

    /// Waits for a sort running on another thread to end and takes its
    /// rows (tests; the window polls instead).
    pub fn wait_for_sort(&mut self, index: &ProjectIndex, history: &History) {
        if let Some(pending) = self.sorting.take() {
            let query = pending.query.clone();
            if let SortState::Done(links) = pending.wait() {
                self.visible = links;
                self.computed = Some((query.clone(), pending.revision));
            }
            self.refresh(index, history, &query);
        }
    }

    /// True while a sort for a new query runs on another thread, or has
    /// ended and its rows wait for the next refresh: the rows shown are
    /// still those of the previous query.
    pub fn is_sorting(&self) -> bool {
        self.sorting.is_some()
    }

    /// True while a sort for a new query still runs on another thread.
    pub fn sort_running(&self) -> bool {
        self.sorting.as_ref().is_some_and(|p| !p.is_finished())
    }

    /// A view with no query yet, showing `shown`'s rows until its own are
    /// sorted (so that a table sorted anew does not flash empty).
    pub fn showing_meanwhile(shown: &PairView) -> PairView {
        PairView {
            visible: shown.visible.clone(),
            ..PairView::default()
        }
    }

    /// The query the rows were last found for (or are being sorted for).
    pub fn query(&self) -> Option<&PairQuery> {
        match &self.sorting {
            Some(pending) => Some(&pending.query),
            None => self.computed.as_ref().map(|(query, _)| query),
        }
    }

    /// Link ids of the rows to show, in order.
    pub fn visible(&self) -> &[LinkId] {
        &self.visible
    }

    fn patch(&mut self, index: &ProjectIndex, query: &PairQuery, links: &BTreeSet<LinkId>) {
        self.remove_rows(links);
        let matcher = Matcher::new(query);
        let order = Order { index, query };
        for link in links {
            let Some(row) = index.pair_rows().get(*link) else {
                continue;
            };
            if !matcher.passes(index, row) {
                continue;
            }
            let key = order.key(row);
            let rows = index.pair_rows();
            let at = self.visible.partition_point(|other| {
                rows.get(*other).is_some_and(|other| {
                    order.by_keys(&order.key(other), other, &key, row) == Ordering::Less
                })
            });
            self.visible.insert(at, *link);
        }
    }

    /// Takes the rows of `links` out. An edit touches a few links: each is
    /// found by a scan of plain ids (their old keys are gone with the
    /// edit, so no binary search) rather than a set lookup per row, which
    /// cost milliseconds on 200,000 rows.
    fn remove_rows(&mut self, links: &BTreeSet<LinkId>) {
        const FEW: usize = 8;
        if links.len() > FEW {
            self.visible.retain(|link| !links.contains(link));
            return;
        }
        for link in links {
            if let Some(at) = self.visible.iter().position(|shown| shown == link) {
                self.visible.remove(at);
            }
        }
    }
}

/// The query's filters, lowercased once.
struct Matcher {
    fields: RowFilter,
    speaker: String,
    /// Searches the lowercased quotes, speakers and titles of both ends
    /// (unless `fields` holds the text filter's matches).
    text: ClaimNeedle,
}

/// The filters that read only the row: status, relation, article, and the
/// text filter when its matches were found up front. A thread sorting the
/// rows can apply them.
pub struct RowFilter {
    status: Option<Status>,
    relation: Option<Relation>,
    article: Option<ArticleId>,
    /// For filtering every row: the claims and articles the text filter
    /// matches, found in one pass over each (rather than two lookups and
    /// searches per row).
    text_matches: Option<TextMatches>,
}

struct TextMatches {
    claims: FxHashSet<ClaimId>,
    articles: FxHashSet<ArticleId>,
}

impl RowFilter {
    fn passes(&self, row: &PairRow) -> bool {
        self.status.is_none_or(|s| row.status == s)
            && self.relation.is_none_or(|r| row.relation == r)
            && self
                .article
                .is_none_or(|a| row.claim.article == a || row.response.article == a)
            && self.text_matches.as_ref().is_none_or(|matches| {
                [&row.claim, &row.response].iter().any(|side| {
                    matches.claims.contains(&side.claim) || matches.articles.contains(&side.article)
                })
            })
    }
}

impl Matcher {
    fn new(query: &PairQuery) -> Matcher {
        Matcher {
            fields: RowFilter {
                status: query.status,
                relation: query.relation,
                article: query.article,
                text_matches: None,
            },
            speaker: query.speaker.trim().to_lowercase(),
            text: ClaimNeedle::new(&query.text),
        }
    }

    /// With the text filter's matches found up front (worth it when every
    /// row is to be filtered, not for the few rows an edit touches).
    fn with_text_matches(mut self, index: &ProjectIndex) -> Matcher {
        if !self.text.is_empty() {
            let claims = index.claim_texts().matching(&self.text, None);
            self.fields.text_matches = Some(TextMatches {
                claims: claims.into_iter().collect(),
                articles: index.articles_titled(&self.text).collect(),
            });
        }
        self
    }

    fn passes(&self, index: &ProjectIndex, row: &PairRow) -> bool {
        self.fields.passes(row) && self.passes_speaker(index, row) && self.passes_text(index, row)
    }

    /// True when no filter reads the claims' texts (the speaker filter, or
    /// the text filter without its matches found up front): then
    /// [`Matcher::fields`] is every filter, and a thread sorting the rows
    /// can apply them.
    fn reads_only_rows(&self) -> bool {
        self.speaker.is_empty() && (self.text.is_empty() || self.fields.text_matches.is_some())
    }

    /// The text filter, unless its matches were found up front: part of
    /// either quote, speaker or article title.
    fn passes_text(&self, index: &ProjectIndex, row: &PairRow) -> bool {
        let needle = &self.text;
        if self.fields.text_matches.is_some() || needle.is_empty() {
            return true;
        }
        [&row.claim, &row.response].iter().any(|side| {
            let title = index.folded_title(side.article);
            text_of(index, side).is_some_and(|claim| {
                needle.is_in(claim.folded_quote()) || needle.is_in(claim.folded_speaker())
            }) || needle.is_in(title)
        })
    }

    fn passes_speaker(&self, index: &ProjectIndex, row: &PairRow) -> bool {
        self.speaker.is_empty()
            || [&row.claim, &row.response].iter().any(|side| {
                text_of(index, side).is_some_and(|t| t.folded_speaker().contains(&self.speaker))
            })
    }
}

fn text_of<'a>(index: &'a ProjectIndex, side: &RowSide) -> Option<&'a ClaimText> {
    index.claim_texts().get(side.claim)
}

/// What sorting every row for `query` needs: the rows passing its filters
/// (in link order) with their keys, or with their claims and the labels of
/// the text column sorted by (shared with the index).
fn sort_job(index: &ProjectIndex, query: &PairQuery) -> SortJob {
    let matcher = Matcher::new(query).with_text_matches(index);
    let descending = query.descending;
    match (Order { index, query }).text_column() {
        // Labels are numbers that sort like the texts: where quotes share
        // long beginnings a comparison sort would read them again and again.
        Some((column, side)) => SortJob::Labels {
            rows: rows_of(index, matcher, move |row| (side(row).claim, row.link)),
            labels: index.claim_texts().labels_of(column),
            descending,
        },
        // Rows are in link order.
        None if query.sort == PairSort::Link => SortJob::Links {
            rows: rows_of(index, matcher, |row| row.link),
            descending,
        },
        None => {
            let sort = query.sort;
            SortJob::Keys {
                rows: rows_of(index, matcher, move |row| (plain_key(sort, row), row.link)),
                descending,
            }
        }
    }
}

/// `item` of each row `matcher` passes, in link order: left to the sort's
/// thread (with the rows, shared) when the filters read only the rows,
/// else gathered here. Gathered here, room is made for every row at once
/// and the rows are read a chunk at a time, in tight loops.
fn rows_of<T>(
    index: &ProjectIndex,
    matcher: Matcher,
    item: impl Fn(&PairRow) -> T + Send + 'static,
) -> Rows<T> {
    let rows = index.pair_rows();
    if matcher.reads_only_rows() {
        return Rows::Shared {
            rows: rows.shared(),
            filter: matcher.fields,
            item: Box::new(item),
        };
    }
    let mut out = Vec::with_capacity(rows.len());
    for slice in rows.slices() {
        let passing = slice.iter().filter(|row| matcher.passes(index, row));
        out.extend(passing.map(&item));
    }
    Rows::Gathered(out)
}

/// A text column's key: the text's 16-byte prefix, kept inline so that
/// most comparisons read no text, and the text for ties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct TextKey<'a> {
    prefix: u128,
    text: &'a str,
}

impl<'a> TextKey<'a> {
    fn new(text: &'a str) -> TextKey<'a> {
        TextKey {
            prefix: sort_prefix(text),
            text,
        }
    }
}

/// Which end of a row a column reads.
type SideOf = fn(&PairRow) -> &RowSide;

/// The text `column` shows for one end of a row.
fn read<'a>(index: &'a ProjectIndex, column: OrderedText, side: &RowSide) -> &'a str {
    text_of(index, side).map_or("", |entry| entry.text(column))
}

/// A row's key for a sort by a column other than a text: read from the row.
fn plain_key(sort: PairSort, row: &PairRow) -> SortKey<'static> {
    match sort {
        PairSort::ClaimDate => SortKey::Date(row.claim.published),
        PairSort::Relation => SortKey::Relation(row.relation),
        PairSort::ResponseDate => SortKey::Date(row.response.published),
        PairSort::Days => SortKey::Number(row.days),
        PairSort::Status => SortKey::Status(row.status),
        _ => SortKey::Link,
    }
}

/// What a row is sorted by (text columns borrow from the project).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey<'a> {
    Text(TextKey<'a>),
    Date(Option<super::project::Published>),
    Number(Option<i64>),
    Relation(Relation),
    Status(Status),
    Link,
}

struct Order<'a> {
    index: &'a ProjectIndex,
    query: &'a PairQuery,
}

impl<'a> Order<'a> {
    /// `order` as the table's direction wants it.
    fn directed(&self, order: Ordering) -> Ordering {
        if self.query.descending {
            order.reverse()
        } else {
            order
        }
    }

    fn key(&self, row: &PairRow) -> SortKey<'a> {
        match self.text_column() {
            Some((column, side)) => {
                SortKey::Text(TextKey::new(read(self.index, column, side(row))))
            }
            None => plain_key(self.query.sort, row),
        }
    }

    /// The text column sorted by, and which end of a row it reads.
    fn text_column(&self) -> Option<(OrderedText, SideOf)> {
        let claim: SideOf = |row| &row.claim;
        let response: SideOf = |row| &row.response;
        match self.query.sort {
            PairSort::Claim => Some((OrderedText::Quote, claim)),
            PairSort::ClaimSpeaker => Some((OrderedText::Speaker, claim)),
            PairSort::Response => Some((OrderedText::Quote, response)),
            PairSort::ResponseSpeaker => Some((OrderedText::Speaker, response)),
            _ => None,
        }
    }

    /// The table's order: by key (reversed when descending), then by link
    /// id, so that every order is total and a patched view equals a fresh one.
    fn by_keys(&self, a: &SortKey<'_>, ra: &PairRow, b: &SortKey<'_>, rb: &PairRow) -> Ordering {
        self.directed(a.cmp(b)).then(ra.link.cmp(&rb.link))
    }
}
