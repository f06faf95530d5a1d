//! Search across every article (Ctrl+F), with the project's `SearchIndex`
//! (rebuilt per revision by the index); click a result to jump to it.

use crate::model::{SearchHit, floor_char_boundary};
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::widgets::{flat, shorten};

const MAX_HITS: usize = 1000;
const CONTEXT_BYTES: usize = 48;

#[derive(Default)]
pub struct SearchState {
    pub query: String,
    pub focus_requested: bool,
    /// Hits for (query, revision), so typing searches once per keystroke.
    hits: Vec<SearchHit>,
    more: bool,
    searched: Option<(String, u64)>,
}

impl SearchState {
    fn refresh(&mut self, doc: &Document) {
        let key = (self.query.clone(), doc.history.revision());
        if self.searched.as_ref() == Some(&key) {
            return;
        }
        (self.hits, self.more) = doc.index.search().search(&self.query, MAX_HITS);
        self.searched = Some(key);
    }

    pub fn hit_count(&self) -> usize {
        self.hits.len()
    }
}

pub fn ui(ui: &mut egui::Ui, doc: &Document, state: &mut SearchState, actions: &mut Vec<Action>) {
    let enter = ui.horizontal(|ui| query_ui(ui, state)).inner;
    state.refresh(doc);
    if state.query.trim().is_empty() {
        ui.label(egui::RichText::new("Type to search every article (case-insensitive).").weak());
        return;
    }
    let count = if state.more {
        format!("first {} matches", state.hits.len())
    } else {
        format!("{} matches", state.hits.len())
    };
    ui.label(egui::RichText::new(count).small().weak());
    if enter && let Some(first) = state.hits.first() {
        actions.push(jump_to(first));
    }
    let height = ui.text_style_height(&egui::TextStyle::Body) * 3.3;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, height, state.hits.len(), |ui, range| {
            for hit in &state.hits[range] {
                if hit_ui(ui, doc, hit) {
                    actions.push(jump_to(hit));
                }
            }
        });
}

/// The search field; true when Enter was pressed in it.
fn query_ui(ui: &mut egui::Ui, state: &mut SearchState) -> bool {
    let label = ui.label("Search");
    let field = ui
        .add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("text in any article")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if state.focus_requested {
        field.request_focus();
        state.focus_requested = false;
    }
    field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

fn jump_to(hit: &SearchHit) -> Action {
    Action::JumpTo {
        article: hit.article,
        range: hit.range.clone(),
    }
}

/// One result: the article's title, and the match in its context; true
/// when clicked.
fn hit_ui(ui: &mut egui::Ui, doc: &Document, hit: &SearchHit) -> bool {
    let Some(article) = doc.project.article(hit.article) else {
        return false;
    };
    let mut job = hit_job(ui.style(), &article.meta.title, &article.text, hit);
    job.wrap = egui::text::TextWrapping {
        max_rows: 3,
        ..egui::text::TextWrapping::wrap_at_width(ui.available_width())
    };
    ui.add(egui::Button::selectable(false, job).min_size(egui::vec2(ui.available_width(), 0.0)))
        .clicked()
}

/// The title (small, weak), then the match (highlighted) between about
/// [`CONTEXT_BYTES`] of text on each side.
fn hit_job(style: &egui::Style, title: &str, text: &str, hit: &SearchHit) -> egui::text::LayoutJob {
    let before_start = floor_char_boundary(text, hit.range.start.saturating_sub(CONTEXT_BYTES));
    let after_end = floor_char_boundary(text, (hit.range.end + CONTEXT_BYTES).min(text.len()));
    let format = |font: egui::TextStyle, color| egui::TextFormat {
        font_id: font.resolve(style),
        color,
        ..Default::default()
    };
    let plain = format(egui::TextStyle::Body, style.visuals.text_color());
    let matched = egui::TextFormat {
        background: crate::ui::theme::quote_background(style.visuals.dark_mode),
        ..format(egui::TextStyle::Body, style.visuals.strong_text_color())
    };
    let mut job = egui::text::LayoutJob::default();
    let weak = format(egui::TextStyle::Small, style.visuals.weak_text_color());
    job.append(&format!("{}\n", shorten(title, 60)), 0.0, weak);
    let before = flat(&text[before_start..hit.range.start]);
    job.append(&format!("…{before} "), 0.0, plain.clone());
    job.append(&text[hit.range.clone()], 0.0, matched);
    let after = flat(&text[hit.range.end..after_end]);
    job.append(&format!(" {after}…"), 0.0, plain);
    job
}
