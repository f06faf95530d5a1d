//! What an import did, for the window and the command line to show.

use std::path::PathBuf;

use crate::model::{ArticleId, ClaimId, Edit, LinkId};

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// The edit adding the new records (one undo step), if any are new.
    pub edit: Option<Edit>,
    /// New articles, in the order of the files.
    pub added: Vec<ArticleId>,
    /// New claims and links read from annotation files.
    pub claims: Vec<ClaimId>,
    pub links: Vec<LinkId>,
    /// Files whose text is already in the project (or earlier in this import).
    pub duplicates: Vec<(PathBuf, ArticleId)>,
    /// Annotations that could not be placed (their quote is not in any
    /// article, their article is not in the project, a link names a claim
    /// that is not there), one line each saying which and why.
    pub orphans: Vec<String>,
    /// Things the analyst should know (encoding fallbacks, skipped files).
    pub warnings: Vec<String>,
    /// Paths that could not be read, with why.
    pub failures: Vec<String>,
}
