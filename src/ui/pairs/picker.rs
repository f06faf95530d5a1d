//! Linking the pending claim to a claim already marked (L): a searchable
//! list and the relation.

use crate::model::{Claim, ClaimId, ClaimNeedle, Relation};
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::widgets::shorten;

/// Chooses the response among claims already marked.
pub struct LinkPicker {
    claim: ClaimId,
    query: String,
    relation: Relation,
    candidates: Candidates,
}

impl LinkPicker {
    pub fn new(claim: ClaimId) -> LinkPicker {
        LinkPicker {
            claim,
            query: String::new(),
            relation: Relation::Denies,
            candidates: Candidates::default(),
        }
    }
}

/// The claims the query matches, kept between frames: found again only
/// when the query or the project changes, and while the analyst types on
/// (the new query holds the old one) narrowed from the last matches
/// instead of every claim.
#[derive(Debug, Default)]
struct Candidates {
    /// The lowercased query and history revision `ids` were found for.
    made_for: Option<(String, u64)>,
    ids: Vec<ClaimId>,
}

impl Candidates {
    /// Every claim but `answering` whose quote or speaker holds `query`
    /// (ignoring case), in id order. Reads the index's lowercased texts,
    /// so a keystroke folds nothing.
    fn refresh(&mut self, doc: &Document, answering: ClaimId, query: &str) -> &[ClaimId] {
        let needle = ClaimNeedle::new(query);
        let revision = doc.history.revision();
        let narrow = match &self.made_for {
            Some((old, at)) if *at == revision && old == needle.folded() => return &self.ids,
            // From the empty query on, all claims are "narrowed": a pass
            // over every claim is faster than looking each one up.
            Some((old, at)) => {
                *at == revision && !old.is_empty() && needle.folded().contains(old.as_str())
            }
            None => false,
        };
        let texts = doc.index.claim_texts();
        let among = narrow.then_some(self.ids.as_slice());
        let mut ids = texts.matching(&needle, among);
        ids.retain(|id| *id != answering);
        self.ids = ids;
        self.made_for = Some((needle.folded().to_string(), revision));
        &self.ids
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
    let candidates = picker.candidates.refresh(doc, picker.claim, &picker.query);
    let height = ui.text_style_height(&egui::TextStyle::Body) * 2.4;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, height, candidates.len(), |ui, range| {
            for claim in candidates[range]
                .iter()
                .filter_map(|&id| doc.project.claim(id))
            {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench_support::{CorpusSpec, corpus};
    use crate::model::{Edit, RecordIds};

    /// What the picker used to compute every frame: the reference.
    fn every_claim(doc: &Document, answering: ClaimId, query: &str) -> Vec<ClaimId> {
        let needle = query.trim().to_lowercase();
        let holds = |text: &str| text.to_lowercase().contains(&needle);
        doc.project
            .claims
            .iter()
            .filter(|c| c.id != answering)
            .filter(|c| needle.is_empty() || holds(&c.anchor.quote) || holds(&c.info.speaker))
            .map(|c| c.id)
            .collect()
    }

    /// Typing on, deleting, retyping in other scripts and cases, and an
    /// edit meanwhile: the kept candidates always equal a fresh search.
    #[test]
    fn kept_candidates_equal_a_fresh_search_while_typing() {
        let spec = CorpusSpec {
            articles: 20,
            claims: 400,
            links: 50,
            seed: 9,
        };
        let mut doc = Document::new(corpus(&spec).unwrap(), None);
        let answering = doc.project.claims[3].id;
        let mut kept = Candidates::default();
        let typed = [
            "",
            "a",
            "az",
            "aze",
            "azer",
            " Azerb ",
            "azerbaijan",
            "azerbaijan's",
            "azerb",
            "ƏLİ",
            "əli",
            "ə",
            "I",
            "İ",
            "i̇",
            "POSOL",
            "Посол",
            "посольство",
            "ş",
            "Şuşa",
            "isa g",
            "ISA GAMBAR",
            "zzzz",
            "",
            "😀",
        ];
        for (step, query) in typed.iter().enumerate() {
            if step == 12 {
                let victim = doc.project.claims[7].id;
                let ids = RecordIds {
                    claims: vec![victim],
                    ..RecordIds::default()
                };
                doc.apply(Edit::Delete(ids)).unwrap();
            }
            let fresh = every_claim(&doc, answering, query);
            assert_eq!(kept.refresh(&doc, answering, query), fresh, "{query:?}");
        }
    }
}
