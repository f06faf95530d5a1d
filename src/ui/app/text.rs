//! Editing an article's text (typed, or a newer version read from a file)
//! with its claims found again in the new text, and the review of the
//! claims that were found only approximately or lost.

use std::path::PathBuf;

use super::App;
use crate::io::import::Decoded;
use crate::model::{ArticleId, ClaimId, Edit, Outcome, Reanchored, summarise};
use crate::ui::commands::Command;
use crate::ui::dialogs::FilePurpose;
use crate::ui::jobs::{self, Job};
use crate::ui::safety::TextEditor;

impl App {
    /// Commands of the article-text features (others are ignored here).
    pub(super) fn text_command(&mut self, command: Command) {
        match command {
            Command::EditArticleText => self.open_text_editor(),
            Command::ReplaceTextFromFile => {
                if self.open_article.is_some() {
                    self.choose_file(FilePurpose::ReplaceText);
                } else {
                    self.error("Open an article first".into());
                }
            }
            Command::ReviewClaims => self.safety.review_open = true,
            _ => {}
        }
    }

    fn open_text_editor(&mut self) {
        let Some(article) = self
            .open_article
            .and_then(|id| self.doc.project.article(id))
        else {
            return self.error("Open an article first".into());
        };
        self.safety.editor = Some(TextEditor::new(article.id, &article.text, None));
    }

    /// A newer version of the open article was chosen: it is read in the
    /// background, then shown in the editor before it is applied.
    pub(super) fn text_file_chosen(&mut self, paths: &[PathBuf]) {
        if let (Some(path), Some(article)) = (paths.first(), self.open_article) {
            let path = path.clone();
            self.jobs.start(&self.ctx, Job::ReadText { article, path });
        }
    }

    pub(super) fn text_read(
        &mut self,
        article: ArticleId,
        source: String,
        result: Result<Decoded, String>,
    ) {
        let decoded = match result {
            Ok(decoded) => decoded,
            Err(message) => return self.error(message),
        };
        for warning in decoded.warnings {
            self.error(warning);
        }
        self.safety.editor = Some(TextEditor::new(article, &decoded.text, Some(source)));
    }

    /// Finds the article's claims in `text` in the background; the editor
    /// stays open until the result is applied.
    pub(super) fn apply_article_text(&mut self, article: ArticleId, text: String) {
        let Some(snapshot) = jobs::article_snapshot(&self.doc.project, article) else {
            return self.error(format!("Not done: article {article} does not exist"));
        };
        let stamp = crate::clock::stamp();
        let job = Job::EditText {
            article,
            text,
            snapshot,
            stamp,
        };
        self.jobs.start(&self.ctx, job);
    }

    /// The edit replacing the text, with each claim's new place, is applied
    /// as one undo step; the claims needing review are listed.
    pub(super) fn text_edited(&mut self, result: Result<Option<(Edit, Vec<Reanchored>)>, String>) {
        let built = match result {
            Ok(built) => built,
            Err(message) => return self.error(message),
        };
        self.safety.editor = None;
        let Some((edit, results)) = built else {
            return self.notify("The text is unchanged".into());
        };
        if self.apply_edit(edit) {
            self.reading.set_selection(None);
            let flagged = results.iter().filter(|r| r.claim.needs_review()).count();
            let review = if flagged > 0 {
                format!(". {flagged} need review")
            } else {
                String::new()
            };
            self.notify(format!(
                "Text replaced; claims: {}{review}",
                summarise(&results)
            ));
            if flagged > 0 {
                self.safety.review_open = true;
            }
        }
    }

    /// "Looks right": the claim's new place is confirmed, stamped now.
    pub(super) fn accept_review(&mut self, claim: ClaimId) {
        let stamp = crate::clock::stamp();
        let built = Edit::confirm_claim_position(&self.doc.project, claim, &stamp);
        self.apply_built(built);
    }

    /// Looks for a broken claim's quote in its article again; says where
    /// it was found, or that it is kept as lost.
    pub(super) fn repair(&mut self, claim: ClaimId) {
        let stamp = crate::clock::stamp();
        let (edit, found) = match crate::model::repair_claim(&self.doc.project, claim, &stamp) {
            Ok(repaired) => repaired,
            Err(error) => return self.error(format!("Not repaired: {error}")),
        };
        if self.apply_edit(edit) {
            self.notify(match found.outcome {
                Outcome::Orphaned => format!(
                    "{claim}: its quote is not in the article; kept as lost (re-attach it to a \
                     selection, or delete it)"
                ),
                outcome => format!("{claim} found again ({})", outcome.name()),
            });
        }
    }

    /// Gives an orphan the span selected in the reading view.
    pub(super) fn reattach(&mut self, claim: ClaimId) {
        let Some(found) = self.doc.project.claim(claim) else {
            return;
        };
        let home = found.article;
        let (article, anchor) = match self.selected_anchor() {
            Ok(selected) => selected,
            Err(message) => return self.error(message),
        };
        if article != home {
            return self.error(format!(
                "{claim} belongs to another article: select its new place in {home}"
            ));
        }
        let stamp = crate::clock::stamp();
        let built = Edit::move_claim(&self.doc.project, claim, anchor, &stamp);
        if self.apply_built(built) {
            self.selected_claim = Some(claim);
            self.reading.set_selection(None);
            self.notify(format!("{claim} re-attached"));
        }
    }
}
