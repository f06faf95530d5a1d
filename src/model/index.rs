//! Derived lookups over a [`Project`] for the window: claims of an article in
//! text order, links of each claim, each claim's role, per-article counts,
//! link counts by status, the search index and the pairs-table rows.
//!
//! Built once when a project is opened; after that each edit, undo and redo
//! updates only the records it touched (from [`History::changes_since`]), so
//! an edit costs the same on 20 claims as on 400,000. A property test
//! (`tests/derived_index.rs`) checks the result equals a fresh build.

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::changes::Touched;
use super::claim_text::{ClaimNeedle, ClaimTexts};
use super::edit::Dependents;
use super::history::History;
use super::ids::{ArticleId, ClaimId, LinkId};
use super::pair_rows::PairRows;
use super::project::{Claim, Link, Project, Status};
use super::search::{SearchIndex, lowercase_into};

mod later;
use later::{Later, fold_search, read_in_background};

/// Below this many claims and links together, [`ProjectIndex::build`]
/// runs on one thread: starting threads would cost more than they save.
const PARALLEL_FROM_RECORDS: usize = 3000;
/// Below this many bytes of article text, the search folds are done in
/// [`ProjectIndex::build`] (about a millisecond), not after it.
const FOLD_LATER_FROM_BYTES: usize = 1 << 20;

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

/// Where a claim was filed: its article and span, the key of the article's
/// text-order list. Kept so an update can find the claim's old place after
/// the claim changed or went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct FiledClaim {
    article: ArticleId,
    start: usize,
    end: usize,
}

/// A link as filed: its ends and status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FiledLink {
    claim: ClaimId,
    response: ClaimId,
    status: Status,
}

/// Lookups derived from one revision of a project.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectIndex {
    revision: u64,
    /// Claim ids of each article, sorted by (start, end, id).
    claims_by_article: FxHashMap<ArticleId, Vec<ClaimId>>,
    filed_claims: FxHashMap<ClaimId, FiledClaim>,
    /// Link ids naming each claim (either end), in id order.
    links_by_claim: FxHashMap<ClaimId, Vec<LinkId>>,
    filed_links: FxHashMap<LinkId, FiledLink>,
    /// Links per status, indexed like `Status::ALL`.
    status_counts: [usize; 3],
    flagged: FxHashSet<ClaimId>,
    counts: FxHashMap<ArticleId, ArticleCounts>,
    /// These three are made after `build` returns (see `index::later`):
    /// the search folds of the article texts, the pairs rows and the
    /// claims' texts.
    search: Later<SearchIndex>,
    pairs: Later<PairRows>,
    texts: Later<ClaimTexts>,
    /// Each article's title, lowercased (the pairs table's text filter).
    folded_titles: FxHashMap<ArticleId, Box<str>>,
}

impl ProjectIndex {
    /// Indexes the whole project (on open, or when updates cannot catch up).
    ///
    /// Opening waits for this, so for a big project it files the claims
    /// and links (places, flags, counts, titles) and leaves the rest on
    /// threads of their own when it returns: the pairs rows, the claims'
    /// texts (for the pairs table's filters and sorts and the link picker)
    /// and, from 1 MB of article text, the search folds. Each use of those
    /// waits for them (see `index::later`); [`ProjectIndex::pairs_ready`]
    /// tells without waiting. All only read the project, through a
    /// snapshot that shares its records.
    pub fn build(project: &Project, revision: u64) -> ProjectIndex {
        if project.claims.len() + project.links.len() < PARALLEL_FROM_RECORDS {
            let mut index = ProjectIndex::file_records(project, revision);
            index.pairs = Later::now(PairRows::build(project));
            index.texts = Later::now(ClaimTexts::of_claims(&project.claims));
            index.search = fold_search(project, None);
            return index;
        }
        // Started after the filing, which the hand-over waits for: on a
        // busy machine they would only slow it down.
        let mut index = ProjectIndex::file_records(project, revision);
        let records = Arc::new(Project {
            articles: project.articles.iter().map(read_in_background).collect(),
            claims: project.claims.clone(),
            links: project.links.clone(),
            ..Project::default()
        });
        // The search folds start when both of these are made (each holds a
        // sender of `done` until then): the pairs table and the link
        // picker need them first, and the machine may have only 2 cores.
        let (done, gate) = std::sync::mpsc::channel::<()>();
        let (theirs, pairs_done) = (Arc::clone(&records), done.clone());
        index.pairs = Later::spawn(
            "pairs rows",
            move || {
                let rows = PairRows::build(&theirs);
                drop(pairs_done);
                rows
            },
            || PairRows::build(project),
        );
        let (theirs, texts_done) = (Arc::clone(&records), done);
        index.texts = Later::spawn(
            "claims' texts",
            move || {
                let texts = ClaimTexts::of_claims(&theirs.claims);
                drop(texts_done);
                texts
            },
            || ClaimTexts::of_claims(&project.claims),
        );
        index.search = fold_search(project, Some((records, gate)));
        index
    }

    /// True when the pairs rows and the claims' texts are made, so
    /// [`ProjectIndex::pair_rows`] and [`ProjectIndex::claim_texts`]
    /// answer at once (they wait otherwise). Never waits: the window asks
    /// each frame and shows "Indexing…" meanwhile.
    pub fn pairs_ready(&self) -> bool {
        self.pairs.is_ready() && self.texts.is_ready()
    }

    /// Waits for everything the build left running (the pairs rows, the
    /// claims' texts, the search folds).
    pub fn wait_until_complete(&self) {
        self.pairs.get();
        self.texts.get();
        self.search.get();
    }

    /// Everything [`ProjectIndex::build`] does but the claims' texts, the
    /// pairs rows and the search folds. For a big project, the links and
    /// titles are filed on another thread while this one files the claims.
    fn file_records(project: &Project, revision: u64) -> ProjectIndex {
        let mut index = ProjectIndex {
            revision,
            ..ProjectIndex::default()
        };
        if project.claims.len() + project.links.len() < PARALLEL_FROM_RECORDS {
            index.file_links_and_titles(project);
            index.file_claims(project);
        } else {
            std::thread::scope(|scope| {
                let links = scope.spawn(|| {
                    let mut part = ProjectIndex::default();
                    part.file_links_and_titles(project);
                    part
                });
                index.file_claims(project);
                // A panic on the other thread is a bug: pass it on as it was.
                let part = links
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                // What `file_links_and_titles` fills.
                index.filed_links = part.filed_links;
                index.links_by_claim = part.links_by_claim;
                index.status_counts = part.status_counts;
                index.folded_titles = part.folded_titles;
            });
        }
        let articles: Vec<ArticleId> = index.claims_by_article.keys().copied().collect();
        articles.into_iter().for_each(|a| index.count(a));
        index
    }

    fn file_links_and_titles(&mut self, project: &Project) {
        self.filed_links.reserve(project.links.len());
        self.links_by_claim.reserve(project.links.len() * 2);
        // Links come in id order, so filing appends.
        project.links.iter().for_each(|link| self.file_link(link));
        self.folded_titles.reserve(project.articles.len());
        for article in &project.articles {
            self.file_title(project, article.id);
        }
    }

    /// Files every claim: its place, its article's text-order list, its flag.
    fn file_claims(&mut self, project: &Project) {
        self.filed_claims.reserve(project.claims.len());
        let mut places = Vec::with_capacity(project.claims.len());
        let texts = article_texts(project);
        for claim in &project.claims {
            let place = filed(claim);
            self.filed_claims.insert(claim.id, place);
            places.push((claim.article, place, claim.id));
            let text = match &texts {
                Some(texts) => texts.get(&claim.article).copied(),
                None => project.article(claim.article).map(|a| &*a.text),
            };
            if text.is_none_or(|text| claim.anchor.verify(text).is_err()) {
                self.flagged.insert(claim.id);
            }
        }
        // Each article's list is sorted by the same key as `refile_claim`
        // keeps ((place, id)); a claim id filed twice (only in a damaged
        // file, whose ids do not increase) keeps its last place, so the key
        // is then read back from `filed_claims` as there.
        if !project
            .claims
            .windows(2)
            .all(|pair| pair[0].id < pair[1].id)
        {
            let filed_claims = &self.filed_claims;
            places.iter_mut().for_each(|(_, place, id)| {
                *place = filed_claims.get(id).copied().unwrap_or(*place);
            });
        }
        // One sort and one exact allocation per article.
        places.sort_unstable();
        self.claims_by_article.reserve(project.articles.len());
        for run in places.chunk_by(|a, b| a.0 == b.0) {
            let ids = run.iter().map(|(_, _, id)| *id).collect();
            self.claims_by_article.insert(run[0].0, ids);
        }
    }

    /// Brings the index up to date with `project` as `history` left it:
    /// from the history's change log when it reaches back to this index's
    /// revision, else by rebuilding. Does nothing when already current.
    pub fn refresh(&mut self, project: &Project, history: &History) {
        let revision = history.revision();
        if revision == self.revision {
            return;
        }
        match history.changes_since(self.revision) {
            Some(touched) => self.update(project, &touched),
            None => *self = ProjectIndex::build(project, revision),
        }
        self.revision = revision;
    }

    /// Follows the records in `touched` (read from `project` as it is now).
    pub fn update(&mut self, project: &Project, touched: &Touched) {
        let mut claims: BTreeSet<ClaimId> = touched.claims.clone();
        let mut articles: BTreeSet<ArticleId> = touched.articles.clone();
        for &id in &touched.links {
            claims.extend(self.refile_link(project, id));
        }
        for &id in &touched.articles {
            self.file_title(project, id);
            if self.search.get_mut().update(id, project.article(id)) {
                // A new text: every claim of the article is checked again.
                claims.extend(self.claims_of(id));
            }
        }
        for &id in &claims {
            articles.extend(self.refile_claim(project, id));
        }
        articles.iter().for_each(|&a| self.count(a));
        for link in self.links_affected(touched) {
            self.pairs.get_mut().update(project, link);
        }
    }

    /// Links whose pairs-table rows `touched` may have changed (read after
    /// the update): those touched, those of touched claims and those of
    /// the claims in touched articles (dates, titles).
    pub fn links_affected(&self, touched: &Touched) -> BTreeSet<LinkId> {
        let mut links = touched.links.clone();
        let in_articles = touched.articles.iter().flat_map(|&a| self.claims_of(a));
        for claim in touched.claims.iter().chain(in_articles) {
            links.extend(self.links_of(*claim));
        }
        links
    }

    /// Files link `id` as it now is; returns the claims at its old and new
    /// ends (their roles and counts may change).
    fn refile_link(&mut self, project: &Project, id: LinkId) -> Vec<ClaimId> {
        let mut ends = Vec::new();
        if let Some(old) = self.filed_links.remove(&id) {
            self.status_counts[status_slot(old.status)] -= 1;
            for end in [old.claim, old.response] {
                remove_from(&mut self.links_by_claim, end, |links| {
                    links.binary_search(&id).ok()
                });
                ends.push(end);
            }
        }
        if let Some(link) = project.link(id) {
            self.file_link(link);
            ends.extend([link.claim, link.response]);
        }
        ends
    }

    fn file_link(&mut self, link: &Link) {
        let filed = FiledLink {
            claim: link.claim,
            response: link.response,
            status: link.info.status,
        };
        self.filed_links.insert(link.id, filed);
        self.status_counts[status_slot(link.info.status)] += 1;
        // A self-link (only in a damaged file) is listed once.
        for end in [link.claim, link.response] {
            let links = self.links_by_claim.entry(end).or_default();
            if let Err(at) = links.binary_search(&link.id) {
                links.insert(at, link.id);
            }
        }
    }

    /// Files claim `id` as it now is (place in its article, flag); returns
    /// the articles it was and is in.
    fn refile_claim(&mut self, project: &Project, id: ClaimId) -> Vec<ArticleId> {
        let mut articles = Vec::new();
        if let Some(old) = self.filed_claims.get(&id).copied() {
            let key = (Some(old), id);
            let filed = &self.filed_claims;
            remove_from(&mut self.claims_by_article, old.article, |list| {
                list.binary_search_by_key(&key, |c| (filed.get(c).copied(), *c))
                    .ok()
            });
            self.filed_claims.remove(&id);
            self.flagged.remove(&id);
            articles.push(old.article);
        }
        if let Some(claim) = project.shared_claim(id) {
            let key = (Some(filed(claim)), id);
            let filed_claims = &self.filed_claims;
            let list = self.claims_by_article.entry(claim.article).or_default();
            let at = list
                .binary_search_by_key(&key, |c| (filed_claims.get(c).copied(), *c))
                .unwrap_or_else(|at| at);
            list.insert(at, id);
            self.filed_claims.insert(id, filed(claim));
            self.texts.get_mut().file(claim);
            self.set_flag(project, claim);
            articles.push(claim.article);
        } else {
            // Only a claim that is gone leaves the texts: filing one that
            // stays replaces its entry in place, where a removal and an
            // insertion would each move every later entry (400,000 at 10×,
            // on every link edit, which refiles both ends).
            self.texts.get_mut().remove(id);
        }
        articles
    }

    fn file_title(&mut self, project: &Project, id: ArticleId) {
        match project.article(id) {
            Some(article) => {
                let mut folded = String::new();
                lowercase_into(&article.meta.title, &mut folded);
                self.folded_titles.insert(id, folded.into_boxed_str());
            }
            None => {
                self.folded_titles.remove(&id);
            }
        }
    }

    fn set_flag(&mut self, project: &Project, claim: &Claim) {
        let anchored = project
            .article(claim.article)
            .is_some_and(|a| claim.anchor.verify(&a.text).is_ok());
        if !anchored {
            self.flagged.insert(claim.id);
        }
    }

    fn count(&mut self, article: ArticleId) {
        let claims = self.claims_of(article);
        let counts = ArticleCounts {
            claims: claims.len(),
            linked: claims
                .iter()
                .filter(|c| self.links_by_claim.contains_key(c))
                .count(),
        };
        if counts.claims == 0 {
            self.counts.remove(&article);
        } else {
            self.counts.insert(article, counts);
        }
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
        let links = self.links_of(claim);
        let names_as_claim = |link: &LinkId| {
            self.filed_links
                .get(link)
                .is_some_and(|filed| filed.claim == claim)
        };
        if links.iter().any(names_as_claim) {
            ClaimRole::Answered
        } else if links.is_empty() {
            ClaimRole::Unanswered
        } else {
            ClaimRole::Response
        }
    }

    /// True when the claim's anchor no longer matches its article's text.
    pub fn is_flagged(&self, claim: ClaimId) -> bool {
        self.flagged.contains(&claim)
    }

    pub fn counts(&self, article: ArticleId) -> ArticleCounts {
        self.counts.get(&article).copied().unwrap_or_default()
    }

    /// How many links have `status`.
    pub fn link_count(&self, status: Status) -> usize {
        self.status_counts[status_slot(status)]
    }

    /// [`Project::summary`] without counting links by status: the status
    /// bar shows it every frame.
    pub fn summary(&self, project: &Project) -> String {
        format!(
            "{} articles, {} claims, {} links ({} curated)",
            project.articles.len(),
            project.claims.len(),
            project.links.len(),
            self.link_count(Status::Curated)
        )
    }

    /// The search index; waits for its folds when they are still running
    /// (only a search in the first moments after opening can).
    pub fn search(&self) -> &SearchIndex {
        self.search.get()
    }

    /// Starts building the claims' quote and speaker orders (for sorting
    /// the pairs table by text) on another thread; see
    /// [`ClaimTexts::build_orders_in_background`].
    /// While the texts are still being made, this starts after them, and
    /// does not wait.
    pub fn build_text_orders_in_background(&mut self, project: &Project) {
        let claims = project.claims.to_vec();
        self.texts
            .and_then(move |texts| texts.build_orders_in_background(claims));
    }

    /// What filters and sorts read of each claim (see `model::claim_text`);
    /// waits for them just after opening (see [`ProjectIndex::pairs_ready`]).
    pub fn claim_texts(&self) -> &ClaimTexts {
        self.texts.get()
    }

    /// `article`'s title, lowercased ("" for an article not filed).
    pub fn folded_title(&self, article: ArticleId) -> &str {
        self.folded_titles.get(&article).map_or("", |t| t)
    }

    /// Articles whose title holds `needle`.
    pub fn articles_titled<'a>(
        &'a self,
        needle: &'a ClaimNeedle,
    ) -> impl Iterator<Item = ArticleId> + 'a {
        let titles = self.folded_titles.iter();
        titles
            .filter(|(_, title)| needle.is_in(title))
            .map(|(id, _)| *id)
    }

    /// One row per resolvable link, in link-id order; waits for them just
    /// after opening (see [`ProjectIndex::pairs_ready`]).
    pub fn pair_rows(&self) -> &PairRows {
        self.pairs.get()
    }
}

/// Each article's text by id, when ids are strictly increasing (as a
/// project keeps them; then each id is one article, the one
/// `Project::article` finds): one hash probe per claim instead of a binary
/// search through 2,000 articles.
fn article_texts(project: &Project) -> Option<FxHashMap<ArticleId, &str>> {
    let articles = &project.articles;
    articles
        .windows(2)
        .all(|pair| pair[0].id < pair[1].id)
        .then(|| articles.iter().map(|a| (a.id, &*a.text)).collect())
}

fn filed(claim: &Claim) -> FiledClaim {
    FiledClaim {
        article: claim.article,
        start: claim.anchor.start,
        end: claim.anchor.end,
    }
}

fn status_slot(status: Status) -> usize {
    match status {
        Status::Draft => 0,
        Status::Curated => 1,
        Status::Rejected => 2,
    }
}

/// Removes the item `find` locates from `key`'s list, and the list itself
/// when it empties (so an updated index equals a fresh build).
fn remove_from<K: std::hash::Hash + Eq, V>(
    map: &mut FxHashMap<K, Vec<V>>,
    key: K,
    find: impl FnOnce(&[V]) -> Option<usize>,
) {
    let Some(list) = map.get_mut(&key) else {
        return;
    };
    if let Some(at) = find(list) {
        list.remove(at);
    }
    if list.is_empty() {
        map.remove(&key);
    }
}

#[cfg(test)]
mod tests;

/// A delete's cascade looks up here what the records it removes take
/// along (the index must be current for the project: see
/// `Document::apply`).
impl Dependents for ProjectIndex {
    fn claims_of(&self, article: ArticleId) -> &[ClaimId] {
        ProjectIndex::claims_of(self, article)
    }

    fn links_of(&self, claim: ClaimId) -> &[LinkId] {
        ProjectIndex::links_of(self, claim)
    }
}
