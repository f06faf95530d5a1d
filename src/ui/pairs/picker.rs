//! Linking the pending claim to a claim already marked (L): a searchable
//! list and the relation.

use crate::model::{Claim, ClaimId, ClaimNeedle, ClaimTexts, Relation};
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
/// instead of every claim. A search of every claim takes at most
/// [`CLAIMS_PER_FRAME`] claims a frame, so that the first letter typed in
/// a project of 400,000 claims fills the list over a few frames instead
/// of stalling one.
#[derive(Debug)]
struct Candidates {
    /// The lowercased query and history revision `ids` were found for.
    made_for: Option<(String, u64)>,
    ids: Vec<ClaimId>,
    /// Where a search of every claim goes on next frame (a place in the
    /// index's claims, in id order), when it has not reached the end.
    resume_at: Option<usize>,
    per_frame: usize,
}

/// Claims searched per frame: all of them up to this many (about 1 ms;
/// 50,000 took 8.5 ms per keystroke at 400,000 claims, its two frames
/// each searching: BENCHMARKS.md, 10×).
const CLAIMS_PER_FRAME: usize = 25_000;

impl Default for Candidates {
    fn default() -> Candidates {
        Candidates {
            made_for: None,
            ids: Vec::new(),
            resume_at: None,
            per_frame: CLAIMS_PER_FRAME,
        }
    }
}

impl Candidates {
    /// Every claim but `answering` whose quote or speaker holds `query`
    /// (ignoring case), in id order, as far as the search has got (see
    /// [`Candidates::searching`]). Reads the index's lowercased texts, so
    /// a keystroke folds nothing.
    fn refresh(&mut self, doc: &Document, answering: ClaimId, query: &str) -> &[ClaimId] {
        let needle = ClaimNeedle::new(query);
        let revision = doc.history.revision();
        let texts = doc.index.claim_texts();
        let same = |(old, at): &(String, u64)| *at == revision && old == needle.folded();
        if self.made_for.as_ref().is_some_and(same) {
            if let Some(from) = self.resume_at {
                self.search_from(texts, &needle, answering, from);
            }
            return &self.ids;
        }
        // A complete search for a part of the query (from the empty query
        // on: a pass over every claim is faster than looking each one up)
        // holds every match of the query.
        let narrow = self.resume_at.is_none()
            && self.made_for.as_ref().is_some_and(|(old, at)| {
                *at == revision && !old.is_empty() && needle.folded().contains(old.as_str())
            });
        self.made_for = Some((needle.folded().to_string(), revision));
        if narrow {
            self.ids = texts.matching(&needle, Some(&self.ids));
            self.ids.retain(|id| *id != answering);
        } else {
            self.ids.clear();
            self.search_from(texts, &needle, answering, 0);
        }
        &self.ids
    }

    /// Searches the next [`Candidates::per_frame`] claims from place `from`.
    fn search_from(
        &mut self,
        texts: &ClaimTexts,
        needle: &ClaimNeedle,
        answering: ClaimId,
        from: usize,
    ) {
        let to = from.saturating_add(self.per_frame).min(texts.len());
        texts.push_matching(needle, from..to, Some(answering), &mut self.ids);
        self.resume_at = (to < texts.len()).then_some(to);
    }

    /// While a search of every claim has not reached the end: how many
    /// claims it has searched, of how many.
    fn searching(&self, doc: &Document) -> Option<(usize, usize)> {
        self.resume_at.map(|at| (at, doc.index.claim_texts().len()))
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
    if !doc.index.pairs_ready() {
        super::indexing_ui(ui, "Claims", "Indexing claims…");
        return;
    }
    picker.candidates.refresh(doc, picker.claim, &picker.query);
    if let Some((searched, of)) = picker.candidates.searching(doc) {
        ui.label(format!("Searching… {searched} of {of} claims"));
        ui.ctx().request_repaint();
    }
    let candidates = &picker.candidates.ids;
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

    /// A search spread over frames (7 claims a frame here) ends with what
    /// a search in one go finds, even when the analyst types on before it
    /// ends (the unfinished matches must not be narrowed).
    #[test]
    fn a_search_spread_over_frames_ends_with_every_match() {
        let spec = CorpusSpec {
            articles: 5,
            claims: 60,
            links: 10,
            seed: 4,
        };
        let doc = Document::new(corpus(&spec).unwrap(), None);
        let answering = doc.project.claims[0].id;
        let mut kept = Candidates {
            per_frame: 7,
            ..Candidates::default()
        };
        // "a" gets one frame, then "ar" follows before it ends.
        kept.refresh(&doc, answering, "a");
        assert_eq!(kept.searching(&doc), Some((7, 60)));
        assert!(
            kept.ids
                .iter()
                .all(|id| doc.project.claims[..7].iter().any(|c| c.id == *id))
        );
        // 60 claims at 7 a frame: 9 frames; the same query again: 1.
        for (query, expected_frames) in [("ar", 9), ("ar", 1), ("a", 9), ("", 9)] {
            let mut frames = 1;
            kept.refresh(&doc, answering, query);
            while kept.searching(&doc).is_some() {
                kept.refresh(&doc, answering, query);
                frames += 1;
            }
            assert_eq!(kept.ids, every_claim(&doc, answering, query), "{query:?}");
            assert_eq!(frames, expected_frames, "{query:?}");
        }
    }
}
