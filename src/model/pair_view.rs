//! What the pairs table shows: the rows passing its filters, in its sort
//! order. Recomputed in full only when the query changes; after an edit,
//! undo or redo only the rows of the touched links are taken out and put
//! back in place (a binary search each), so an edit on 20,000 pairs does
//! not re-filter or re-sort them.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use super::claim_text::ClaimText;
use super::history::History;
use super::ids::{ArticleId, LinkId};
use super::index::ProjectIndex;
use super::pair_rows::{PairRow, RowSide};
use super::project::{Project, Relation, Status};
use super::search::lowercase_into;

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
    /// Lowercased text of each row for the text filter, filled on demand
    /// and dropped for rows an edit touches.
    haystacks: HashMap<LinkId, String>,
}

impl PairView {
    /// Brings the view up to date with `query` and the project as
    /// `history` left it (`index` already refreshed).
    pub fn refresh(
        &mut self,
        project: &Project,
        index: &ProjectIndex,
        history: &History,
        query: &PairQuery,
    ) {
        let revision = history.revision();
        let changes = match &self.computed {
            Some((q, r)) if q == query && *r == revision => return,
            Some((q, r)) if q == query => history.changes_since(*r),
            _ => None,
        };
        match changes {
            Some(touched) => self.patch(project, index, query, &index.links_affected(&touched)),
            None => self.recompute(project, index, query),
        }
        self.computed = Some((query.clone(), revision));
    }

    /// Link ids of the rows to show, in order.
    pub fn visible(&self) -> &[LinkId] {
        &self.visible
    }

    fn recompute(&mut self, project: &Project, index: &ProjectIndex, query: &PairQuery) {
        let matcher = Matcher::new(query);
        let mut rows: Vec<&PairRow> = index
            .pair_rows()
            .rows()
            .iter()
            .filter(|row| self.passes(project, index, &matcher, row))
            .collect();
        let order = Order { index, query };
        // Keys read once per row: a comparison then costs no lookups.
        let mut keyed: Vec<(SortKey<'_>, &PairRow)> =
            rows.drain(..).map(|r| (order.key(r), r)).collect();
        keyed.sort_unstable_by(|a, b| order.by_keys(&a.0, a.1, &b.0, b.1));
        self.visible = keyed.into_iter().map(|(_, row)| row.link).collect();
    }

    fn patch(
        &mut self,
        project: &Project,
        index: &ProjectIndex,
        query: &PairQuery,
        links: &BTreeSet<LinkId>,
    ) {
        self.visible.retain(|link| !links.contains(link));
        let matcher = Matcher::new(query);
        let order = Order { index, query };
        for link in links {
            self.haystacks.remove(link);
            let Some(row) = index.pair_rows().get(*link) else {
                continue;
            };
            if !self.passes(project, index, &matcher, row) {
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

    fn passes(
        &mut self,
        project: &Project,
        index: &ProjectIndex,
        matcher: &Matcher,
        row: &PairRow,
    ) -> bool {
        if !matcher.passes_fields(index, row) {
            return false;
        }
        if matcher.text.is_empty() {
            return true;
        }
        let haystack = self
            .haystacks
            .entry(row.link)
            .or_insert_with(|| haystack(project, index, row));
        haystack.contains(&matcher.text)
    }
}

/// The query's filters, lowercased once.
struct Matcher<'q> {
    query: &'q PairQuery,
    speaker: String,
    text: String,
}

impl<'q> Matcher<'q> {
    fn new(query: &'q PairQuery) -> Matcher<'q> {
        Matcher {
            query,
            speaker: query.speaker.trim().to_lowercase(),
            text: query.text.trim().to_lowercase(),
        }
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

/// The row's quotes, speakers and titles, lowercased (quotes and speakers
/// as the index keeps them folded).
fn haystack(project: &Project, index: &ProjectIndex, row: &PairRow) -> String {
    let mut text = String::new();
    let mut title = String::new();
    for side in [&row.claim, &row.response] {
        if let Some(claim) = text_of(index, side) {
            text.push_str(claim.folded_quote());
            text.push('\n');
            text.push_str(claim.folded_speaker());
            text.push('\n');
        }
        let original = project
            .article(side.article)
            .map_or("", |a| a.meta.title.as_str());
        lowercase_into(original, &mut title);
        text.push_str(&title);
        text.push('\n');
    }
    text
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

impl<'a> Order<'a> {
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
        let by_key = a.cmp(b);
        let by_key = if self.query.descending {
            by_key.reverse()
        } else {
            by_key
        };
        by_key.then(ra.link.cmp(&rb.link))
    }
}
