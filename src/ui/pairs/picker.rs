//! Linking the pending claim to a claim already marked (L): a searchable
//! list and the relation.

use crate::model::{Claim, ClaimId, Relation};
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::widgets::shorten;

/// Chooses the response among claims already marked.
pub struct LinkPicker {
    claim: ClaimId,
    query: String,
    relation: Relation,
}

impl LinkPicker {
    pub fn new(claim: ClaimId) -> LinkPicker {
        LinkPicker {
            claim,
            query: String::new(),
            relation: Relation::Denies,
        }
    }
}

/// Draws the picker; false once it should close.
pub fn link_picker_ui(
    ctx: &egui::Context,
    doc: &Document,
    picker: &mut LinkPicker,
    actions: &mut Vec<Action>,
) -> bool {
    let mut open = true;
    egui::Window::new("Link to an existing claim")
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .open(&mut open)
        .default_width(520.0)
        .default_height(420.0)
        .show(ctx, |ui| picker_contents_ui(ui, doc, picker, actions));
    open
}

fn picker_contents_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    picker: &mut LinkPicker,
    actions: &mut Vec<Action>,
) {
    if let Some(claim) = doc.project.claim(picker.claim) {
        ui.label(format!(
            "Answering {} “{}”",
            claim.id,
            shorten(&claim.anchor.quote, 80)
        ));
    }
    ui.horizontal(|ui| form_ui(ui, picker));
    let candidates = candidates(doc, picker);
    let height = ui.text_style_height(&egui::TextStyle::Body) * 2.4;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, height, candidates.len(), |ui, range| {
            for claim in &candidates[range] {
                if candidate_ui(ui, doc, claim) {
                    actions.push(Action::LinkExisting {
                        claim: picker.claim,
                        response: claim.id,
                        relation: picker.relation,
                    });
                }
            }
        });
}

/// The relation and the search field.
fn form_ui(ui: &mut egui::Ui, picker: &mut LinkPicker) {
    let label = ui.label("Relation");
    egui::ComboBox::from_id_salt("picker_relation")
        .selected_text(picker.relation.name())
        .show_ui(ui, |ui| {
            for relation in Relation::ALL {
                ui.selectable_value(&mut picker.relation, relation, relation.name());
            }
        })
        .response
        .labelled_by(label.id);
    let label = ui.label("Find claim");
    ui.add(egui::TextEdit::singleline(&mut picker.query).desired_width(f32::INFINITY))
        .labelled_by(label.id);
}

/// Every other claim whose quote or speaker holds the search text.
fn candidates<'a>(doc: &'a Document, picker: &LinkPicker) -> Vec<&'a Claim> {
    let needle = picker.query.trim().to_lowercase();
    doc.project
        .claims
        .iter()
        .filter(|c| c.id != picker.claim)
        .filter(|c| {
            needle.is_empty()
                || c.anchor.quote.to_lowercase().contains(&needle)
                || c.info.speaker.to_lowercase().contains(&needle)
        })
        .collect()
}

/// One claim of the list; true when clicked.
fn candidate_ui(ui: &mut egui::Ui, doc: &Document, claim: &Claim) -> bool {
    let title = doc
        .project
        .article(claim.article)
        .map(|a| shorten(&a.meta.title, 50))
        .unwrap_or_default();
    let text = format!(
        "{} “{}”\n{} · {}",
        claim.id,
        shorten(&claim.anchor.quote, 80),
        claim.info.speaker,
        title
    );
    ui.selectable_label(false, text).clicked()
}
