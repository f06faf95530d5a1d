//! What the pairs table shows: the rows passing its filters, in its sort
//! order. Recomputed in full only when the query changes; after an edit,
//! undo or redo only the rows of the touched links are taken out and put
//! back in place (a binary search each), so an edit on 20,000 pairs does
//! not re-filter or re-sort them.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::claim_text::{ClaimNeedle, ClaimText};
use super::history::History;
use super::ids::{ArticleId, LinkId};
use super::index::ProjectIndex;
use super::pair_rows::{PairRow, RowSide};
use super::project::{Relation, Status};

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
}

impl PairView {
    /// Brings the view up to date with `query` and the project as
    /// `history` left it (`index` already refreshed).
    pub fn refresh(&mut self, index: &ProjectIndex, history: &History, query: &PairQuery) {
        let revision = history.revision();
        let changes = match &self.computed {
            Some((q, r)) if q == query && *r == revision => return,
            Some((q, r)) if q == query => history.changes_since(*r),
            _ => None,
        };
        match changes {
            Some(touched) => self.patch(index, query, &index.links_affected(&touched)),
            None => self.recompute(index, query),
        }
        self.computed = Some((query.clone(), revision));
    }

    /// Link ids of the rows to show, in order.
    pub fn visible(&self) -> &[LinkId] {
        &self.visible
    }

    fn recompute(&mut self, index: &ProjectIndex, query: &PairQuery) {
        let matcher = Matcher::new(query);
        let order = Order { index, query };
        // Keys read once per row: a comparison then costs no lookups, and
        // most text comparisons are settled by the first 8 bytes, kept in
        // the array being sorted rather than behind a pointer.
        let mut keyed: Vec<(u64, SortKey<'_>, &PairRow)> = index
            .pair_rows()
            .rows()
            .iter()
            .filter(|row| matcher.passes(index, row))
            .map(|row| {
                let key = order.key(row);
                (key.prefix(), key, row)
            })
            .collect();
        keyed.sort_unstable_by(|a, b| {
            let by_prefix = order.directed(a.0.cmp(&b.0));
            by_prefix.then_with(|| order.by_keys(&a.1, a.2, &b.1, b.2))
        });
        self.visible = keyed.into_iter().map(|(_, _, row)| row.link).collect();
    }

    fn patch(&mut self, index: &ProjectIndex, query: &PairQuery, links: &BTreeSet<LinkId>) {
        self.visible.retain(|link| !links.contains(link));
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
}

/// The query's filters, lowercased once.
struct Matcher<'q> {
    query: &'q PairQuery,
    speaker: String,
    /// Searches the lowercased quotes, speakers and titles of both ends.
    text: ClaimNeedle,
}

impl<'q> Matcher<'q> {
    fn new(query: &'q PairQuery) -> Matcher<'q> {
        Matcher {
            query,
            speaker: query.speaker.trim().to_lowercase(),
            text: ClaimNeedle::new(&query.text),
        }
    }

    fn passes(&self, index: &ProjectIndex, row: &PairRow) -> bool {
        self.passes_fields(index, row) && self.passes_text(index, row)
    }

    /// The text filter: part of either quote, speaker or article title.
    fn passes_text(&self, index: &ProjectIndex, row: &PairRow) -> bool {
        let needle = &self.text;
        needle.is_empty()
            || [&row.claim, &row.response].iter().any(|side| {
                let title = index.folded_title(side.article);
                text_of(index, side).is_some_and(|claim| {
                    needle.is_in(claim.folded_quote()) || needle.is_in(claim.folded_speaker())
                }) || needle.is_in(title)
            })
    }

    fn passes_fields(&self, index: &ProjectIndex, row: &PairRow) -> bool {
        let q = self.query;
        q.status.is_none_or(|s| row.status == s)
            && q.relation.is_none_or(|r| row.relation == r)
            && q.article
                .is_none_or(|a| row.claim.article == a || row.response.article == a)
            && (self.speaker.is_empty()
                || [&row.claim, &row.response].iter().any(|side| {
                    text_of(index, side).is_some_and(|t| t.folded_speaker().contains(&self.speaker))
                }))
    }
}

fn text_of<'a>(index: &'a ProjectIndex, side: &RowSide) -> Option<&'a ClaimText> {
    index.claim_texts().get(side.claim)
}

fn speaker<'a>(index: &'a ProjectIndex, side: &RowSide) -> &'a str {
    text_of(index, side).map_or("", ClaimText::speaker)
}

/// The quote as the table shows it (whitespace runs as one space).
fn quote<'a>(index: &'a ProjectIndex, side: &RowSide) -> &'a str {
    text_of(index, side).map_or("", ClaimText::flat_quote)
}

/// What a row is sorted by (text columns borrow from the project).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey<'a> {
    Text(&'a str),
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

impl SortKey<'_> {
    /// The first 8 bytes of a text key, big-endian, zero-padded: ordered
    /// like the texts except where they tie (then the texts decide).
    fn prefix(&self) -> u64 {
        let SortKey::Text(text) = self else {
            return 0;
        };
        let mut bytes = [0u8; 8];
        let head = &text.as_bytes()[..text.len().min(8)];
        bytes[..head.len()].copy_from_slice(head);
        u64::from_be_bytes(bytes)
    }
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
        let index = self.index;
        match self.query.sort {
            PairSort::Link => SortKey::Link,
            PairSort::Claim => SortKey::Text(quote(index, &row.claim)),
            PairSort::ClaimSpeaker => SortKey::Text(speaker(index, &row.claim)),
            PairSort::ClaimDate => SortKey::Date(row.claim.published),
            PairSort::Relation => SortKey::Relation(row.relation),
            PairSort::Response => SortKey::Text(quote(index, &row.response)),
            PairSort::ResponseSpeaker => SortKey::Text(speaker(index, &row.response)),
            PairSort::ResponseDate => SortKey::Date(row.response.published),
            PairSort::Days => SortKey::Number(row.days),
            PairSort::Status => SortKey::Status(row.status),
        }
    }

    /// The table's order: by key (reversed when descending), then by link
    /// id, so that every order is total and a patched view equals a fresh one.
    fn by_keys(&self, a: &SortKey<'_>, ra: &PairRow, b: &SortKey<'_>, rb: &PairRow) -> Ordering {
        self.directed(a.cmp(b)).then(ra.link.cmp(&rb.link))
    }
}
