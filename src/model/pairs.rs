//! Pairs: each link seen with both of its claims and their articles. The
//! pairs table, the pair view and every export read pairs, not raw links.

use super::ids::LinkId;
use super::project::{Article, Claim, Link, Project, Status};

/// One side of a pair: a claim and the article it is in.
#[derive(Clone, Copy, Debug)]
pub struct PairSide<'a> {
    pub claim: &'a Claim,
    pub article: &'a Article,
}

/// A link with both ends resolved.
#[derive(Clone, Copy, Debug)]
pub struct Pair<'a> {
    pub link: &'a Link,
    pub claim: PairSide<'a>,
    pub response: PairSide<'a>,
}

impl Pair<'_> {
    /// Days from the claim's article to the response's article, when both
    /// are dated (negative when the response appeared first).
    pub fn days_between(&self) -> Option<i64> {
        let claim = self.claim.article.meta.published?;
        let response = self.response.article.meta.published?;
        Some((response.date - claim.date).num_days())
    }
}

/// Which links an export or view includes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Only links marked Curated.
    #[default]
    Curated,
    /// Every link, whatever its status.
    All,
    /// Links with exactly this status.
    Only(Status),
}

impl StatusFilter {
    pub fn accepts(self, status: Status) -> bool {
        match self {
            StatusFilter::Curated => status == Status::Curated,
            StatusFilter::All => true,
            StatusFilter::Only(wanted) => status == wanted,
        }
    }

    pub fn parse(text: &str) -> Option<StatusFilter> {
        match text.trim().to_ascii_lowercase().as_str() {
            "all" => Some(StatusFilter::All),
            "curated" => Some(StatusFilter::Curated),
            other => Status::parse(other).map(StatusFilter::Only),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            StatusFilter::Curated => "curated",
            StatusFilter::All => "all",
            StatusFilter::Only(status) => status.name(),
        }
    }
}

impl Project {
    /// The pair of one link, if both claims and their articles exist.
    pub fn pair(&self, id: LinkId) -> Option<Pair<'_>> {
        self.link(id).and_then(|link| self.resolve_pair(link))
    }

    /// Pairs passing `filter`, in link-id order. Links whose ends are
    /// missing (possible only in a damaged file) are skipped.
    pub fn pairs(&self, filter: StatusFilter) -> Vec<Pair<'_>> {
        self.links
            .iter()
            .filter(|link| filter.accepts(link.info.status))
            .filter_map(|link| self.resolve_pair(link))
            .collect()
    }

    fn resolve_pair<'a>(&'a self, link: &'a Link) -> Option<Pair<'a>> {
        Some(Pair {
            link,
            claim: self.side(link.claim)?,
            response: self.side(link.response)?,
        })
    }

    fn side(&self, id: super::ids::ClaimId) -> Option<PairSide<'_>> {
        let claim = self.claim(id)?;
        let article = self.article(claim.article)?;
        Some(PairSide { claim, article })
    }
}
