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
    ArticleId, Claim, ClaimId, LinkId, Project, Published, Relation, Status, StatusFilter,
};
use crate::ui::action::Action;
use crate::ui::commands::{Command, relation_keys, shortcut_text};
use crate::ui::document::Document;
use crate::ui::theme;
use crate::ui::widgets::{flat, shorten};

/// One link with what filtering and sorting need, all `Copy`: building
/// 20,000 rows after each edit must stay cheap, so quotes and titles are
/// read from the project only for the rows on screen.
#[derive(Clone, Copy)]
struct PairRow {
    link: LinkId,
    claim: Side,
    relation: Relation,
    response: Side,
    days: Option<i64>,
    status: Status,
}

#[derive(Clone, Copy)]
struct Side {
    claim: ClaimId,
    article: ArticleId,
    published: Option<Published>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum SortBy {
    #[default]
    Link,
    Claim,
    ClaimSpeaker,
    ClaimDate,
    Relation,
    Response,
    ResponseSpeaker,
    ResponseDate,
    Days,
    Status,
}

/// What the filters ask for; rows are recomputed only when this changes.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    status: Option<Status>,
    relation: Option<Relation>,
    article: Option<ArticleId>,
    speaker: String,
    text: String,
    sort: SortBy,
    descending: bool,
}

#[derive(Default)]
pub struct PairsState {
    rows: Vec<PairRow>,
    rows_revision: Option<u64>,
    /// Lowercased quotes, speakers and titles of each row, built the first
    /// time a text filter is typed after a change.
    haystacks: Option<Vec<String>>,
    filters: Filters,
    visible: Vec<usize>,
    visible_for: Option<(u64, Filters)>,
    scroll_to_selected: bool,
}

impl PairsState {
    pub fn visible_count(&self) -> usize {
        self.visible.len()
    }

    /// Refreshes rows (per revision) and visible rows (per filter change).
    fn refresh(&mut self, doc: &Document) {
        let revision = doc.history.revision();
        if self.rows_revision != Some(revision) {
            self.rows = build_rows(doc);
            self.rows_revision = Some(revision);
            self.haystacks = None;
        }
        let key = (revision, self.filters.clone());
        if self.visible_for.as_ref() != Some(&key) {
            let project = &doc.project;
            if !self.filters.text.trim().is_empty() && self.haystacks.is_none() {
                self.haystacks = Some(self.rows.iter().map(|r| haystack(project, r)).collect());
            }
            let haystacks = self.haystacks.as_deref().unwrap_or(&[]);
            self.visible = filter_and_sort(project, &self.rows, haystacks, &self.filters);
            self.visible_for = Some(key);
        }
    }
}

fn build_rows(doc: &Document) -> Vec<PairRow> {
    let side = |s: &crate::model::PairSide<'_>| Side {
        claim: s.claim.id,
        article: s.article.id,
        published: s.article.meta.published,
    };
    doc.project
        .pairs(StatusFilter::All)
        .iter()
        .map(|pair| PairRow {
            link: pair.link.id,
            claim: side(&pair.claim),
            relation: pair.link.info.relation,
            response: side(&pair.response),
            days: pair.days_between(),
            status: pair.link.info.status,
        })
        .collect()
}

fn claim_of<'a>(project: &'a Project, side: &Side) -> Option<&'a Claim> {
    project.claim(side.claim)
}

fn quote(project: &Project, side: &Side) -> String {
    claim_of(project, side).map_or_else(String::new, |c| flat(&c.anchor.quote))
}

fn speaker<'a>(project: &'a Project, side: &Side) -> &'a str {
    claim_of(project, side).map_or("", |c| c.info.speaker.as_str())
}

fn title<'a>(project: &'a Project, side: &Side) -> &'a str {
    project
        .article(side.article)
        .map_or("", |a| a.meta.title.as_str())
}

fn haystack(project: &Project, row: &PairRow) -> String {
    let mut text = String::new();
    for side in [&row.claim, &row.response] {
        if let Some(claim) = claim_of(project, side) {
            text.push_str(&claim.anchor.quote);
            text.push('\n');
            text.push_str(&claim.info.speaker);
            text.push('\n');
        }
        text.push_str(title(project, side));
        text.push('\n');
    }
    text.to_lowercase()
}

fn filter_and_sort(
    project: &Project,
    rows: &[PairRow],
    haystacks: &[String],
    filters: &Filters,
) -> Vec<usize> {
    let text = filters.text.trim().to_lowercase();
    let who = filters.speaker.trim().to_lowercase();
    let mut visible: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| filters.keeps(r) && speaker_matches(project, r, &who))
        .filter(|(i, _)| text.is_empty() || haystacks.get(*i).is_some_and(|h| h.contains(&text)))
        .map(|(i, _)| i)
        .collect();
    visible.sort_by(|&a, &b| {
        let order = compare(project, filters.sort, &rows[a], &rows[b]);
        if filters.descending {
            order.reverse()
        } else {
            order
        }
    });
    visible
}

impl Filters {
    /// The status, relation and article filters.
    fn keeps(&self, row: &PairRow) -> bool {
        self.status.is_none_or(|s| row.status == s)
            && self.relation.is_none_or(|x| row.relation == x)
            && self
                .article
                .is_none_or(|a| row.claim.article == a || row.response.article == a)
    }
}

/// True when `who` (lowercased) is empty or in either side's speaker.
fn speaker_matches(project: &Project, row: &PairRow, who: &str) -> bool {
    who.is_empty()
        || speaker(project, &row.claim).to_lowercase().contains(who)
        || speaker(project, &row.response).to_lowercase().contains(who)
}

fn compare(project: &Project, sort: SortBy, a: &PairRow, b: &PairRow) -> std::cmp::Ordering {
    match sort {
        SortBy::Link => a.link.cmp(&b.link),
        SortBy::Claim => quote(project, &a.claim).cmp(&quote(project, &b.claim)),
        SortBy::ClaimSpeaker => speaker(project, &a.claim).cmp(speaker(project, &b.claim)),
        SortBy::ClaimDate => a.claim.published.cmp(&b.claim.published),
        SortBy::Relation => a.relation.cmp(&b.relation),
        SortBy::Response => quote(project, &a.response).cmp(&quote(project, &b.response)),
        SortBy::ResponseSpeaker => speaker(project, &a.response).cmp(speaker(project, &b.response)),
        SortBy::ResponseDate => a.response.published.cmp(&b.response.published),
        SortBy::Days => a.days.cmp(&b.days),
        SortBy::Status => a.status.cmp(&b.status),
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut PairsState,
    selected: Option<LinkId>,
    actions: &mut Vec<Action>,
) {
    state.refresh(doc);
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
            if state.rows.is_empty() {
                empty_ui(ui);
            } else {
                table_ui(ui, &doc.project, state, selected, actions);
            }
        });
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
    let filters = &mut state.filters;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Pairs").strong());
        let count = format!("{} of {}", state.visible.len(), state.rows.len());
        ui.label(egui::RichText::new(count).weak());
        ui.separator();
        choices_ui(ui, doc, filters);
        texts_ui(ui, filters);
        if ui.small_button("Clear filters").clicked() {
            let (sort, descending) = (filters.sort, filters.descending);
            *filters = Filters {
                sort,
                descending,
                ..Filters::default()
            };
        }
    });
}

/// Status, relation and article filters.
fn choices_ui(ui: &mut egui::Ui, doc: &Document, filters: &mut Filters) {
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
fn texts_ui(ui: &mut egui::Ui, filters: &mut Filters) {
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

const HEADERS: [(&str, SortBy); 9] = [
    ("Claim", SortBy::Claim),
    ("Speaker", SortBy::ClaimSpeaker),
    ("Article", SortBy::ClaimDate),
    ("Relation", SortBy::Relation),
    ("Response", SortBy::Response),
    ("Speaker", SortBy::ResponseSpeaker),
    ("Article", SortBy::ResponseDate),
    ("Days", SortBy::Days),
    ("Status", SortBy::Status),
];

fn table_ui(
    ui: &mut egui::Ui,
    project: &Project,
    state: &mut PairsState,
    selected: Option<LinkId>,
    actions: &mut Vec<Action>,
) {
    let dark = ui.visuals().dark_mode;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut table = table_builder(ui, selected.is_some());
    if state.scroll_to_selected
        && let Some(position) =
            selected.and_then(|id| state.visible.iter().position(|&i| state.rows[i].link == id))
    {
        table = table.scroll_to_row(position, Some(egui::Align::Center));
        state.scroll_to_selected = false;
    }
    let filters = &mut state.filters;
    let (rows, visible) = (&state.rows, &state.visible);
    table
        .header(row_height + 2.0, |mut header| {
            for (name, sort) in HEADERS {
                header.col(|ui| header_cell_ui(ui, name, sort, filters));
            }
        })
        .body(|body| {
            body.rows(row_height, visible.len(), |mut table_row| {
                let row = &rows[visible[table_row.index()]];
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

fn header_cell_ui(ui: &mut egui::Ui, name: &str, sort: SortBy, filters: &mut Filters) {
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

fn side_place(project: &Project, side: &Side) -> String {
    let place = shorten(title(project, side), 40);
    match side.published {
        Some(p) => format!("{} · {place}", p.date),
        None => place,
    }
}
