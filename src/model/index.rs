//! Derived lookups over a [`Project`] for the window: claims of an article in
//! text order, links of each claim, each claim's role, per-article counts and
//! the search index. Built once per history revision, never per frame.

use std::collections::{HashMap, HashSet};

use super::ids::{ArticleId, ClaimId, LinkId};
use super::project::Project;
use super::search::SearchIndex;

/// What part a claim plays in the project's links.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimRole {
    /// Nobody has answered it yet, and it answers nothing.
    Unanswered,
    /// At least one link names it as the claim.
    Answered,
    /// It only answers other claims.
    Response,
}

/// How many claims an article holds, and how many of them take part in a link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArticleCounts {
    pub claims: usize,
    pub linked: usize,
}

/// Lookups derived from one revision of a project.
#[derive(Clone, Debug, Default)]
pub struct ProjectIndex {
    revision: u64,
    claims_by_article: HashMap<ArticleId, Vec<ClaimId>>,
    links_by_claim: HashMap<ClaimId, Vec<LinkId>>,
    answered: HashSet<ClaimId>,
    responses: HashSet<ClaimId>,
    flagged: HashSet<ClaimId>,
    counts: HashMap<ArticleId, ArticleCounts>,
    /// Article ids the search index was built for: article texts never change
    /// after import, so the (costly) search index is rebuilt only when the
    /// set of articles does.
    searched_articles: Vec<ArticleId>,
    search: SearchIndex,
}

impl ProjectIndex {
    pub fn build(project: &Project, revision: u64) -> ProjectIndex {
        let mut index = ProjectIndex::default();
        index.rebuild(project, revision);
        index
    }

    /// Brings the index up to date with `project` at `revision`; does
    /// nothing when it already is.
    pub fn refresh(&mut self, project: &Project, revision: u64) {
        if revision != self.revision {
            self.rebuild(project, revision);
        }
    }

    fn rebuild(&mut self, project: &Project, revision: u64) {
        self.revision = revision;
        self.index_links(project);
        self.index_claims(project);
        let ids: Vec<ArticleId> = project.articles.iter().map(|a| a.id).collect();
        if ids != self.searched_articles || self.searched_articles.is_empty() {
            self.search = SearchIndex::build(project);
            self.searched_articles = ids;
        }
    }

    fn index_links(&mut self, project: &Project) {
        self.links_by_claim.clear();
        self.answered.clear();
        self.responses.clear();
        for link in &project.links {
            self.answered.insert(link.claim);
            self.responses.insert(link.response);
            for end in [link.claim, link.response] {
                self.links_by_claim.entry(end).or_default().push(link.id);
            }
        }
    }

    fn index_claims(&mut self, project: &Project) {
        self.counts.clear();
        self.flagged.clear();
        let mut spans: HashMap<ArticleId, Vec<(usize, usize, ClaimId)>> = HashMap::new();
        for claim in &project.claims {
            spans.entry(claim.article).or_default().push((
                claim.anchor.start,
                claim.anchor.end,
                claim.id,
            ));
            let counts = self.counts.entry(claim.article).or_default();
            counts.claims += 1;
            if self.links_by_claim.contains_key(&claim.id) {
                counts.linked += 1;
            }
            let anchored = project
                .article(claim.article)
                .is_some_and(|a| claim.anchor.verify(&a.text).is_ok());
            if !anchored {
                self.flagged.insert(claim.id);
            }
        }
        self.claims_by_article = spans
            .into_iter()
            .map(|(article, mut spans)| {
                spans.sort_unstable();
                (article, spans.into_iter().map(|(_, _, id)| id).collect())
            })
            .collect();
    }

    /// The revision this index describes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Claims of `article`, sorted by where they start in the text.
    pub fn claims_of(&self, article: ArticleId) -> &[ClaimId] {
        self.claims_by_article
            .get(&article)
            .map_or(&[], |v| v.as_slice())
    }

    /// Links in which `claim` takes part, on either side, in id order.
    pub fn links_of(&self, claim: ClaimId) -> &[LinkId] {
        self.links_by_claim
            .get(&claim)
            .map_or(&[], |v| v.as_slice())
    }

    pub fn role(&self, claim: ClaimId) -> ClaimRole {
        if self.answered.contains(&claim) {
            ClaimRole::Answered
        } else if self.responses.contains(&claim) {
            ClaimRole::Response
        } else {
            ClaimRole::Unanswered
        }
    }

    /// True when the claim's anchor no longer matches its article's text.
    pub fn is_flagged(&self, claim: ClaimId) -> bool {
        self.flagged.contains(&claim)
    }

    pub fn counts(&self, article: ArticleId) -> ArticleCounts {
        self.counts.get(&article).copied().unwrap_or_default()
    }

    pub fn search(&self) -> &SearchIndex {
        &self.search
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, ClaimInfo, Edit, History, LinkInfo, Relation, Stamp, Status};

    fn stamp() -> Stamp {
        Stamp {
            analyst: "t".into(),
            at: chrono::DateTime::default(),
        }
    }

    fn project() -> (Project, History) {
        let mut project = Project::new("t");
        let article = crate::io::import::article_from_text(
            ArticleId::untagged(1),
            "Alpha beta gamma delta.",
            "x",
            &stamp(),
        );
        project.articles.push(article);
        project.next_ids.article = 2;
        (project, History::new())
    }

    #[test]
    fn orders_claims_by_start_and_tracks_roles() {
        let (mut project, mut history) = project();
        let text = project.articles[0].text.clone();
        let late = Anchor::from_quote(&text, "gamma", None).unwrap();
        let early = Anchor::from_quote(&text, "Alpha", None).unwrap();
        let (edit, late_id) = Edit::add_claim(
            &project,
            ArticleId::untagged(1),
            late,
            ClaimInfo::default(),
            &stamp(),
        );
        history.apply(&mut project, edit).unwrap();
        let info = LinkInfo {
            relation: Relation::Denies,
            status: Status::Draft,
            note: String::new(),
        };
        let (edit, early_id, _) = Edit::add_response(
            &project,
            late_id,
            (ArticleId::untagged(1), early),
            ClaimInfo::default(),
            info,
            &stamp(),
        );
        history.apply(&mut project, edit).unwrap();
        let index = ProjectIndex::build(&project, history.revision());
        assert_eq!(
            index.claims_of(ArticleId::untagged(1)),
            &[early_id, late_id]
        );
        assert_eq!(index.role(late_id), ClaimRole::Answered);
        assert_eq!(index.role(early_id), ClaimRole::Response);
        assert_eq!(index.links_of(late_id).len(), 1);
        assert_eq!(
            index.counts(ArticleId::untagged(1)),
            ArticleCounts {
                claims: 2,
                linked: 2
            }
        );
        let (hits, _) = index.search().search("BETA", 10);
        assert_eq!(hits.len(), 1);
    }
}
