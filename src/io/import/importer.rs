//! The records one import gathers into a single edit: articles from text
//! and pages, claims and links from annotation files, each checked against
//! the project and against what the import already holds.

use std::path::Path;

use super::decode::decode;
use super::detect::{Detected, detect_at};
use super::files::read_limited;
use super::html::read_html;
use super::report::ImportReport;
use crate::model::{
    Anchor, Article, ArticleId, Bundle, Claim, ClaimId, ClaimInfo, Edit, Link, LinkId, LinkInfo,
    NextIds, Project, Stamp, content_hash, content_hash_bytes,
};

/// The records one import adds, built against the project and the records
/// already gathered, so later files can refer to earlier ones.
pub(super) struct Importer<'a> {
    project: &'a Project,
    pub(super) stamp: &'a Stamp,
    ids: NextIds,
    bundle: Bundle,
    pub(super) report: ImportReport,
}

impl<'a> Importer<'a> {
    pub(super) fn new(project: &'a Project, stamp: &'a Stamp) -> Importer<'a> {
        Importer {
            project,
            stamp,
            ids: project.next_ids.clone(),
            bundle: Bundle::default(),
            report: ImportReport::default(),
        }
    }

    pub(super) fn finish(mut self) -> ImportReport {
        let bundle = std::mem::take(&mut self.bundle);
        if !(bundle.articles.is_empty() && bundle.claims.is_empty() && bundle.links.is_empty()) {
            self.report.edit = Some(Edit::Insert(Box::new(bundle)));
        }
        self.report
    }

    pub(super) fn read(&mut self, path: &Path) -> Option<Vec<u8>> {
        match read_limited(path) {
            Ok(bytes) => Some(bytes),
            Err(failure) => {
                self.report.failures.push(failure);
                None
            }
        }
    }

    pub(super) fn text_file(&mut self, path: &Path) {
        let Some(bytes) = self.read(path) else {
            return;
        };
        let source = path.display().to_string();
        let decoded = decode(&bytes, &source);
        self.report.warnings.extend(decoded.warnings);
        let detected = detect_at(&decoded.text, Some(self.stamp.at.date_naive()));
        self.add_article(path, detected, None);
    }

    pub(super) fn html_file(&mut self, path: &Path) {
        let Some(bytes) = self.read(path) else {
            return;
        };
        let page = read_html(&bytes, &path.display().to_string(), self.stamp);
        self.report.warnings.extend(page.warnings);
        if page.detected.text.trim().is_empty() {
            self.report.failures.push(format!(
                "{}: no article text found in the page",
                path.display()
            ));
            return;
        }
        self.add_article(path, page.detected, Some(content_hash_bytes(&bytes)));
    }

    /// Adds an article unless its text is already there; returns its id
    /// either way.
    pub(super) fn add_article(
        &mut self,
        path: &Path,
        mut detected: Detected,
        original_hash: Option<String>,
    ) -> ArticleId {
        detected.meta.source_path = path.display().to_string();
        detected.meta.original_hash = original_hash.unwrap_or_default();
        let hash = content_hash(&detected.text);
        if let Some(existing) = self.article_with_text(&detected.text, &hash) {
            self.report.duplicates.push((path.to_path_buf(), existing));
            return existing;
        }
        let id = self.ids.take_article();
        self.report.added.push(id);
        self.bundle.articles.push(Article {
            id,
            meta: detected.meta,
            imported_at: self.stamp.at,
            content_hash: hash,
            text: detected.text.into(),
        });
        id
    }

    fn article_with_text(&self, text: &str, hash: &str) -> Option<ArticleId> {
        self.articles()
            .find(|a| a.content_hash == hash && &*a.text == text)
            .map(|a| a.id)
    }

    /// Every article: the project's and those this import adds.
    pub(super) fn articles(&self) -> impl Iterator<Item = &Article> {
        self.project.articles.iter().chain(&self.bundle.articles)
    }

    pub(super) fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles().find(|a| a.id == id)
    }

    fn claims(&self) -> impl Iterator<Item = &Claim> {
        self.project
            .claims
            .iter()
            .map(|c| &**c)
            .chain(&self.bundle.claims)
    }

    /// Adds a claim on `range` of `article`, or finds the same span already
    /// marked (importing the same annotations twice adds nothing).
    pub(super) fn add_claim(
        &mut self,
        article: ArticleId,
        anchor: Anchor,
        mut claim: ClaimDraft,
    ) -> ClaimId {
        if let Some(existing) = self
            .claims()
            .find(|c| c.article == article && c.anchor.range() == anchor.range())
        {
            return existing.id;
        }
        let id = self.ids.take_claim();
        self.report.claims.push(id);
        self.bundle.claims.push(Claim {
            id,
            article,
            anchor,
            info: std::mem::take(&mut claim.info),
            analyst: claim.analyst.unwrap_or_else(|| self.stamp.analyst.clone()),
            created: claim.created.unwrap_or(self.stamp.at),
            modified: claim.modified.unwrap_or(self.stamp.at),
            modified_by: None,
            review: None,
            repeat_of: None,
        });
        id
    }

    /// Adds a link unless the same one (ends and relation) is there.
    pub(super) fn add_link(
        &mut self,
        claim: ClaimId,
        response: ClaimId,
        draft: LinkDraft,
    ) -> Option<LinkId> {
        if claim == response {
            return None;
        }
        let exists = self
            .project
            .links
            .iter()
            .map(|l| &**l)
            .chain(&self.bundle.links)
            .any(|l| {
                l.claim == claim && l.response == response && l.info.relation == draft.info.relation
            });
        if exists {
            return None;
        }
        let id = self.ids.take_link();
        self.report.links.push(id);
        self.bundle.links.push(Link {
            id,
            claim,
            response,
            info: draft.info,
            analyst: draft.analyst.unwrap_or_else(|| self.stamp.analyst.clone()),
            created: draft.created.unwrap_or(self.stamp.at),
            modified: draft.modified.unwrap_or(self.stamp.at),
            modified_by: None,
        });
        Some(id)
    }

    pub(super) fn orphan(&mut self, what: String) {
        self.report.orphans.push(what);
    }

    pub(super) fn warn(&mut self, what: String) {
        self.report.warnings.push(what);
    }

    pub(super) fn fail(&mut self, what: String) {
        self.report.failures.push(what);
    }
}

/// A claim's details as an annotation file gives them; what is missing
/// comes from the import's stamp.
#[derive(Default)]
pub(super) struct ClaimDraft {
    pub info: ClaimInfo,
    pub analyst: Option<String>,
    pub created: Option<chrono::DateTime<chrono::Utc>>,
    pub modified: Option<chrono::DateTime<chrono::Utc>>,
}

/// A link's details as an annotation file gives them.
pub(super) struct LinkDraft {
    pub info: LinkInfo,
    pub analyst: Option<String>,
    pub created: Option<chrono::DateTime<chrono::Utc>>,
    pub modified: Option<chrono::DateTime<chrono::Utc>>,
}

impl LinkDraft {
    pub(super) fn new(info: LinkInfo) -> LinkDraft {
        LinkDraft {
            info,
            analyst: None,
            created: None,
            modified: None,
        }
    }
}
