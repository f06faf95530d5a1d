//! "Needs review": every claim whose position the analyst should check.
//! Claims re-anchoring found only approximately or lost after a text
//! change, and claims loaded from a file where their range does not hold
//! their quote, or whose article is missing (`Project::review_reason`).
//! Each row says why and offers the fix that fits: "Looks right",
//! "Re-attach to selection", "Repair" (look for the quote again), and
//! "Delete claim". The list is worked out once per revision, not per frame.

use super::Choice;
use super::windows::buttons_ui;
use crate::io::recovery::CopyOwner;
use crate::model::{Claim, ClaimId, ReviewReason};
use crate::ui::document::Document;
use crate::ui::widgets::shorten;

/// The claims to list, as of one revision of one document.
#[derive(Default)]
pub struct ReviewList {
    made_for: Option<(CopyOwner, u64)>,
    claims: Vec<ClaimId>,
}

impl ReviewList {
    fn refresh(&mut self, doc: &Document) {
        let key = (doc.owner, doc.history.revision());
        if self.made_for != Some(key) {
            self.claims = doc.project.claims_for_review().map(|c| c.id).collect();
            self.made_for = Some(key);
        }
    }
}

/// The review window; `open` turns false when the analyst closes it.
pub fn review_ui(
    ctx: &egui::Context,
    open: &mut bool,
    doc: &Document,
    list: &mut ReviewList,
) -> Option<Choice> {
    list.refresh(doc);
    let mut choice = None;
    egui::Window::new("Needs review")
        .open(open)
        .default_size([440.0, 360.0])
        .show(ctx, |ui| choice = contents_ui(ui, doc, &list.claims));
    choice
}

fn contents_ui(ui: &mut egui::Ui, doc: &Document, claims: &[ClaimId]) -> Option<Choice> {
    if claims.is_empty() {
        ui.label("No claims need review.");
        return None;
    }
    ui.label(format!(
        "{} claim(s) need a look: found again only approximately, or lost, when their \
         article's text changed; or not matching their article in the file as it was \
         opened.",
        claims.len()
    ));
    let mut choice = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        for claim in claims.iter().filter_map(|&id| doc.project.claim(id)) {
            if let Some(reason) = doc.project.review_reason(claim) {
                if let Some(chosen) = row_ui(ui, claim, &reason) {
                    choice = Some(chosen);
                }
                ui.separator();
            }
        }
    });
    choice
}

fn row_ui(ui: &mut egui::Ui, claim: &Claim, reason: &ReviewReason) -> Option<Choice> {
    let text = format!(
        "{} · {}: “{}”",
        claim.id,
        reason_words(reason),
        shorten(&claim.anchor.quote, 90)
    );
    let selected = ui
        .selectable_label(false, text)
        .clicked()
        .then_some(Choice::ReviewSelect(claim.id));
    if let ReviewReason::LowConfidence { old_quote, .. } = reason
        && *old_quote != claim.anchor.quote
    {
        let was = format!("was: “{}”", shorten(old_quote, 90));
        ui.label(egui::RichText::new(was).small());
    }
    let mut buttons: Vec<(&str, &str, Choice)> = fixes(claim.id, reason).into_iter().collect();
    buttons.push(("Delete claim", "", Choice::ReviewDelete(claim.id)));
    let button = buttons_ui(ui, buttons);
    selected.or(button)
}

/// Why the claim is listed, in a few words.
fn reason_words(reason: &ReviewReason) -> String {
    match reason {
        ReviewReason::LowConfidence { confidence, .. } => {
            format!("found at {:.0}% confidence", confidence * 100.0)
        }
        ReviewReason::Orphaned => "lost".to_string(),
        ReviewReason::BrokenAnchor(error) => format!("does not match its article ({error})"),
        ReviewReason::MissingArticle(article) => format!("its article {article} is missing"),
    }
}

/// The fix offered for the reason (none for a claim without its article).
fn fixes(claim: ClaimId, reason: &ReviewReason) -> Option<(&'static str, &'static str, Choice)> {
    match reason {
        ReviewReason::LowConfidence { .. } => Some((
            "Looks right",
            "Clear the review flag",
            Choice::ReviewAccept(claim),
        )),
        ReviewReason::Orphaned => Some((
            "Re-attach to selection",
            "Select the quote's new place in the article first",
            Choice::ReviewReattach(claim),
        )),
        ReviewReason::BrokenAnchor(_) => Some((
            "Repair",
            "Look for the quote in its article again (kept as lost if it is not there)",
            Choice::ReviewRepair(claim),
        )),
        ReviewReason::MissingArticle(_) => None,
    }
}
