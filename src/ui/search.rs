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
    let mut enter = false;
    ui.horizontal(|ui| {
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
        enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    });
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
        actions.push(Action::JumpTo {
            article: first.article,
            range: first.range.clone(),
        });
    }
    let height = ui.text_style_height(&egui::TextStyle::Body) * 3.3;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, height, state.hits.len(), |ui, range| {
            for hit in &state.hits[range] {
                hit_ui(ui, doc, hit, actions);
            }
        });
}

fn hit_ui(ui: &mut egui::Ui, doc: &Document, hit: &SearchHit, actions: &mut Vec<Action>) {
    let Some(article) = doc.project.article(hit.article) else {
        return;
    };
    let text = &article.text;
    let before_start = floor_char_boundary(text, hit.range.start.saturating_sub(CONTEXT_BYTES));
    let after_end = floor_char_boundary(text, (hit.range.end + CONTEXT_BYTES).min(text.len()));
    let style = ui.style();
    let small = egui::TextStyle::Small.resolve(style);
    let body = egui::TextStyle::Body.resolve(style);
    let weak = egui::TextFormat {
        font_id: small.clone(),
        color: style.visuals.weak_text_color(),
        ..Default::default()
    };
    let plain = egui::TextFormat {
        font_id: body.clone(),
        color: style.visuals.text_color(),
        ..Default::default()
    };
    let matched = egui::TextFormat {
        font_id: body,
        color: style.visuals.strong_text_color(),
        background: crate::ui::theme::quote_background(style.visuals.dark_mode),
        ..Default::default()
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(
        &format!("{}\n", shorten(&article.meta.title, 60)),
        0.0,
        weak,
    );
    job.append(
        &format!("…{} ", flat(&text[before_start..hit.range.start])),
        0.0,
        plain.clone(),
    );
    job.append(&text[hit.range.clone()], 0.0, matched);
    job.append(
        &format!(" {}…", flat(&text[hit.range.end..after_end])),
        0.0,
        plain,
    );
    job.wrap = egui::text::TextWrapping {
        max_rows: 3,
        ..egui::text::TextWrapping::wrap_at_width(ui.available_width())
    };
    if ui
        .add(egui::Button::selectable(false, job).min_size(egui::vec2(ui.available_width(), 0.0)))
        .clicked()
    {
        actions.push(Action::JumpTo {
            article: hit.article,
            range: hit.range.clone(),
        });
    }
}
