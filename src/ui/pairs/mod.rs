//! The pairs table (every link as a row: sortable, filterable, virtualised),
//! with the pair view (`view.rs`: claim and response side by side in their
//! paragraphs) beside it; and the picker that links the pending claim to an
//! existing claim (`picker.rs`).

mod picker;
mod view;

pub use picker::{LinkPicker, link_picker_ui};
pub use view::pair_view_ui;

use egui_extras::{Column, TableBuilder};

use crate::model::{
    ArticleId, LinkId, PairQuery, PairRow, PairSort, PairView, Project, Relation, RowSide, Status,
};
use crate::ui::action::Action;
use crate::ui::commands::{Command, relation_keys, shortcut_text};
use crate::ui::document::Document;
use crate::ui::theme;
use crate::ui::widgets::{flat, shorten};

/// The table's query (filters and sort) and the rows it shows. Rows live in
/// the document's index and follow each edit; the view re-filters and
/// re-sorts only when the query changes and patches itself after an edit
/// (`model::PairView`), so neither a frame nor an edit scales with the
/// number of pairs.
#[derive(Default)]
pub struct PairsState {
    query: PairQuery,
    view: PairView,
    /// Views of the last few other queries, most recent first: switching
    /// back to a sort or filter used a moment ago patches its view from
    /// the edits made since instead of sorting 20,000 rows again.
    recent: Vec<PairView>,
    scroll_to_selected: bool,
}

/// How many views of earlier queries are kept.
const RECENT_VIEWS: usize = 4;

impl PairsState {
    /// True while the rows of a new query are sorted on another thread.
    pub fn sort_running(&self) -> bool {
        self.view.sort_running()
    }

    pub fn visible(&self) -> &[LinkId] {
        self.view.visible()
    }

    pub fn visible_count(&self) -> usize {
        self.view.visible().len()
    }

    fn refresh(&mut self, doc: &Document) {
        if self.view.query().is_some_and(|q| *q != self.query) {
            let kept = self
                .recent
                .iter()
                .position(|v| v.query() == Some(&self.query))
                .map(|at| self.recent.remove(at));
            // Until the new query's rows are sorted (on another thread for
            // a big table), the table goes on showing these.
            let next = kept.unwrap_or_else(|| PairView::showing_meanwhile(&self.view));
            let previous = std::mem::replace(&mut self.view, next);
            self.recent.insert(0, previous);
            self.recent.truncate(RECENT_VIEWS);
        }
        self.view.refresh(&doc.index, &doc.history, &self.query);
    }
}

fn quote(project: &Project, side: &RowSide) -> String {
    project
        .claim(side.claim)
        .map_or_else(String::new, |c| flat(&c.anchor.quote))
}

fn speaker<'a>(project: &'a Project, side: &RowSide) -> &'a str {
    project
        .claim(side.claim)
        .map_or("", |c| c.info.speaker.as_str())
}

fn title<'a>(project: &'a Project, side: &RowSide) -> &'a str {
    project
        .article(side.article)
        .map_or("", |a| a.meta.title.as_str())
}

pub fn ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut PairsState,
    selected: Option<LinkId>,
    actions: &mut Vec<Action>,
) {
    // Just after opening a big project its rows are still being made on
    // other threads: say so rather than wait for them.
    if !doc.index.pairs_ready() {
        indexing_ui(ui, "Pairs", "Indexing pairs…");
        return;
    }
    state.refresh(doc);
    if state.view.is_sorting() {
        // The sort's thread cannot wake the window: look again next frame.
        ui.ctx().request_repaint();
    }
    // Side panels must come before the content they sit beside.
    if let Some(link) = selected {
        egui::Panel::right("pair_view")
            .resizable(true)
            .default_size(440.0)
            .min_size(280.0)
            .show(ui, |ui| view::pair_view_ui(ui, doc, link, actions));
    }
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            filters_ui(ui, doc, state);
            if doc.index.pair_rows().is_empty() {
                empty_ui(ui);
            } else {
                table_ui(ui, doc, state, selected, actions);
            }
        });
}

/// A heading, a spinner and `note`, looked at again next frame (the index's
/// threads cannot wake the window).
pub fn indexing_ui(ui: &mut egui::Ui, heading: &str, note: &str) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(heading).strong());
        ui.spinner();
        ui.label(egui::RichText::new(note).weak());
    });
    ui.ctx().request_repaint();
}

fn empty_ui(ui: &mut egui::Ui) {
    let text = format!(
        "No pairs yet: mark a claim ({}), select its response and press {}.",
        shortcut_text(ui.ctx(), Command::MarkClaim),
        relation_keys(ui.ctx())
    );
    ui.label(egui::RichText::new(text).weak());
}

fn filters_ui(ui: &mut egui::Ui, doc: &Document, state: &mut PairsState) {
    let count = format!(
        "{} of {}",
        state.visible_count(),
        doc.index.pair_rows().len()
    );
    let filters = &mut state.query;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Pairs").strong());
        ui.label(egui::RichText::new(count).weak());
        if state.view.is_sorting() {
            ui.spinner();
            ui.label(egui::RichText::new("Sorting…").weak());
        }
        ui.separator();
        choices_ui(ui, doc, filters);
        texts_ui(ui, filters);
        if ui.small_button("Clear filters").clicked() {
            let (sort, descending) = (filters.sort, filters.descending);
            *filters = PairQuery {
                sort,
                descending,
                ..PairQuery::default()
            };
        }
    });
}

/// Status, relation and article filters.
fn choices_ui(ui: &mut egui::Ui, doc: &Document, filters: &mut PairQuery) {
    option_combo_ui(ui, "Status", &mut filters.status, &Status::ALL, |s| {
        s.name().into()
    });
    option_combo_ui(ui, "Relation", &mut filters.relation, &Relation::ALL, |r| {
        r.name().into()
    });
    let articles: Vec<ArticleId> = doc.project.articles.iter().map(|a| a.id).collect();
    option_combo_ui(ui, "Article", &mut filters.article, &articles, |id| {
        doc.project
            .article(*id)
            .map_or_else(|| id.to_string(), |a| shorten(&a.meta.title, 40))
    });
}

/// Speaker and text filters.
fn texts_ui(ui: &mut egui::Ui, filters: &mut PairQuery) {
    let label = ui.label("Speaker filter");
    ui.add(egui::TextEdit::singleline(&mut filters.speaker).desired_width(110.0))
        .labelled_by(label.id);
    let label = ui.label("Text filter");
    ui.add(
        egui::TextEdit::singleline(&mut filters.text)
            .hint_text("quote, title…")
            .desired_width(160.0),
    )
    .labelled_by(label.id);
}

/// A combo box choosing one of `options` or "any".
fn option_combo_ui<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    name: &str,
    value: &mut Option<T>,
    options: &[T],
    text: impl Fn(&T) -> String,
) {
    let label = ui.label(name);
    let shown = value.as_ref().map_or_else(|| "any".to_string(), &text);
    egui::ComboBox::from_id_salt(("pairs_filter", name))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "any");
            for option in options {
                ui.selectable_value(value, Some(*option), text(option));
            }
        })
        .response
        .labelled_by(label.id);
}

const HEADERS: [(&str, PairSort); 9] = [
    ("Claim", PairSort::Claim),
    ("Speaker", PairSort::ClaimSpeaker),
    ("Article", PairSort::ClaimDate),
    ("Relation", PairSort::Relation),
    ("Response", PairSort::Response),
    ("Speaker", PairSort::ResponseSpeaker),
    ("Article", PairSort::ResponseDate),
    ("Days", PairSort::Days),
    ("Status", PairSort::Status),
];

fn table_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut PairsState,
    selected: Option<LinkId>,
    actions: &mut Vec<Action>,
) {
    let dark = ui.visuals().dark_mode;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut table = table_builder(ui, selected.is_some());
    let visible = state.view.visible();
    if state.scroll_to_selected
        && let Some(position) = selected.and_then(|id| visible.iter().position(|&l| l == id))
    {
        table = table.scroll_to_row(position, Some(egui::Align::Center));
        state.scroll_to_selected = false;
    }
    let filters = &mut state.query;
    let (project, rows) = (&doc.project, doc.index.pair_rows());
    table
        .header(row_height + 2.0, |mut header| {
            for (name, sort) in HEADERS {
                header.col(|ui| header_cell_ui(ui, name, sort, filters));
            }
        })
        .body(|body| {
            body.rows(row_height, visible.len(), |mut table_row| {
                let Some(row) = rows.get(visible[table_row.index()]) else {
                    return;
                };
                table_row.set_selected(selected == Some(row.link));
                row_cells_ui(&mut table_row, project, row, dark);
                if table_row.response().clicked() {
                    actions.push(Action::SelectLink(Some(row.link)));
                }
            });
        });
}

/// The table's columns, in the order of [`HEADERS`].
fn table_builder(ui: &mut egui::Ui, beside_pair_view: bool) -> TableBuilder<'_> {
    TableBuilder::new(ui)
        // Remembered column widths only fit the width they were made for:
        // one set with the pair view beside the table, one without.
        .id_salt(("pairs_table", beside_pair_view))
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .auto_shrink([false, false])
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::remainder().at_least(100.0).clip(true))
        .column(Column::initial(96.0).at_least(40.0).clip(true))
        .column(Column::initial(120.0).at_least(40.0).clip(true))
        .column(Column::initial(84.0).at_least(40.0).clip(true))
        .column(Column::remainder().at_least(100.0).clip(true))
        .column(Column::initial(96.0).at_least(40.0).clip(true))
        .column(Column::initial(120.0).at_least(40.0).clip(true))
        .column(Column::initial(40.0).at_least(30.0))
        .column(Column::initial(64.0).at_least(40.0))
}

fn header_cell_ui(ui: &mut egui::Ui, name: &str, sort: PairSort, filters: &mut PairQuery) {
    let arrow = match (filters.sort == sort, filters.descending) {
        (true, false) => " ▲",
        (true, true) => " ▼",
        _ => "",
    };
    if ui
        .add(egui::Button::new(egui::RichText::new(format!("{name}{arrow}")).strong()).frame(false))
        .on_hover_text("Sort by this column (click again to reverse)")
        .clicked()
    {
        if filters.sort == sort {
            filters.descending = !filters.descending;
        } else {
            filters.sort = sort;
            filters.descending = false;
        }
    }
}

fn row_cells_ui(
    table_row: &mut egui_extras::TableRow<'_, '_>,
    project: &Project,
    row: &PairRow,
    dark: bool,
) {
    let cell = |text: egui::RichText| {
        move |ui: &mut egui::Ui| {
            ui.add(egui::Label::new(text).selectable(false).truncate());
        }
    };
    let plain = |text: String| cell(egui::RichText::new(text));
    table_row.col(plain(quote(project, &row.claim)));
    table_row.col(plain(speaker(project, &row.claim).to_string()));
    table_row.col(plain(side_place(project, &row.claim)));
    table_row.col(cell(
        egui::RichText::new(row.relation.name()).color(theme::relation_color(row.relation, dark)),
    ));
    table_row.col(plain(quote(project, &row.response)));
    table_row.col(plain(speaker(project, &row.response).to_string()));
    table_row.col(plain(side_place(project, &row.response)));
    table_row.col(plain(row.days.map_or_else(String::new, |d| d.to_string())));
    table_row.col(cell(
        egui::RichText::new(row.status.name()).color(theme::status_color(row.status, dark)),
    ));
}

fn side_place(project: &Project, side: &RowSide) -> String {
    let place = shorten(title(project, side), 40);
    match side.published {
        Some(p) => format!("{} · {place}", p.date),
        None => place,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench_support::{CorpusSpec, corpus};
    use crate::model::{Edit, PairSort, RecordIds};

    fn fresh(doc: &Document, query: &PairQuery) -> Vec<crate::model::LinkId> {
        let mut view = PairView::default();
        view.refresh(&doc.index, &doc.history, query);
        view.visible().to_vec()
    }

    /// Switching back to a sort used before an edit shows the rows a fresh
    /// view shows: the kept view follows the edits made meanwhile.
    #[test]
    fn a_kept_view_follows_the_edits_made_while_another_sort_was_shown() {
        let spec = CorpusSpec {
            articles: 20,
            claims: 300,
            links: 150,
            seed: 4,
        };
        let mut doc = Document::new(corpus(&spec).unwrap(), None);
        let mut state = PairsState::default();
        let sorts = [PairSort::Claim, PairSort::Days, PairSort::ResponseSpeaker];
        for (turn, sort) in sorts.iter().cycle().take(12).enumerate() {
            state.query.sort = *sort;
            state.query.descending = turn % 4 == 1;
            state.refresh(&doc);
            assert_eq!(state.view.visible(), fresh(&doc, &state.query), "{turn}");
            let victim = doc.project.claims[turn * 7].id;
            let ids = RecordIds {
                claims: vec![victim],
                ..RecordIds::default()
            };
            doc.apply(Edit::Delete(ids)).unwrap();
        }
        assert!(!state.recent.is_empty());
    }
}
