//! "Imported: check the details": after an import, the new articles with
//! the title, outlet and date Riposte detected, guesses marked, so the
//! analyst confirms or corrects each in a few keystrokes: type over a
//! field, Enter confirms the row (a guess becomes a fact) and moves to the
//! next one.

use chrono::NaiveDate;

use crate::model::{ArticleId, ArticleMeta, Edit, MetaField, Published};
use crate::ui::action::Action;
use crate::ui::document::Document;

/// The articles of the last import still to be checked.
#[derive(Default)]
pub struct ImportedState {
    rows: Vec<Row>,
    /// The row whose title field takes the keyboard next frame.
    focus: Option<usize>,
}

/// One article's details as typed, until confirmed.
struct Row {
    article: ArticleId,
    title: String,
    outlet: String,
    date: String,
    filled: bool,
    done: bool,
    error: Option<String>,
}

impl ImportedState {
    /// The list for the articles an import added (empty: no window).
    pub fn new(articles: &[ArticleId]) -> ImportedState {
        ImportedState {
            rows: articles.iter().map(|&article| Row::new(article)).collect(),
            // No field takes the keyboard by itself: the analyst may go on
            // reading and marking (M, 1–6) while the list waits.
            focus: None,
        }
    }

    pub fn is_open(&self) -> bool {
        self.rows.iter().any(|row| !row.done)
    }
}

impl Row {
    fn new(article: ArticleId) -> Row {
        Row {
            article,
            title: String::new(),
            outlet: String::new(),
            date: String::new(),
            filled: false,
            done: false,
            error: None,
        }
    }

    fn fill(&mut self, meta: &ArticleMeta) {
        self.title = meta.title.clone();
        self.outlet = meta.outlet.clone();
        self.date = meta
            .published
            .map(|p| p.date.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        self.filled = true;
    }

    /// The details as typed, confirmed: nothing is a guess any more. The
    /// time and UTC offset of the detected date stay.
    fn to_meta(&self, old: &ArticleMeta) -> Result<ArticleMeta, String> {
        if self.title.trim().is_empty() {
            return Err("The title cannot be empty".into());
        }
        let published = match self.date.trim() {
            "" => None,
            text => {
                let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| format!("Date '{text}' is not YYYY-MM-DD"))?;
                Some(match old.published {
                    Some(p) => Published { date, ..p },
                    None => Published {
                        date,
                        time: None,
                        utc_offset_minutes: None,
                    },
                })
            }
        };
        Ok(ArticleMeta {
            title: self.title.trim().to_string(),
            outlet: self.outlet.trim().to_string(),
            published,
            uncertain: Default::default(),
            ..old.clone()
        })
    }
}

/// The window, while some imported article is unchecked.
pub fn ui(
    ctx: &egui::Context,
    doc: &Document,
    state: &mut ImportedState,
    actions: &mut Vec<Action>,
) {
    if !state.is_open() {
        return;
    }
    let mut open = true;
    egui::Window::new("Imported: check the details")
        .open(&mut open)
        .collapsible(false)
        .default_width(760.0)
        .show(ctx, |ui| contents_ui(ui, doc, state, actions));
    if !open {
        state.rows.clear();
    }
}

fn contents_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut ImportedState,
    actions: &mut Vec<Action>,
) {
    ui.label(
        "Correct what import detected; Enter confirms a row and goes to the next. \
         A field marked “guess” was inferred, not read.",
    );
    let focus = state.focus.take();
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            egui::Grid::new("imported_rows")
                .num_columns(5)
                .striped(true)
                .show(ui, |ui| {
                    header_ui(ui);
                    for index in 0..state.rows.len() {
                        if let Some(next) =
                            row_ui(ui, doc, state, index, focus == Some(index), actions)
                        {
                            state.focus = Some(next);
                        }
                    }
                });
        });
    ui.horizontal(|ui| {
        if ui.button("Confirm all").clicked() {
            for index in 0..state.rows.len() {
                confirm(doc, &mut state.rows[index], actions);
            }
        }
        if ui.button("Close").clicked() {
            state.rows.clear();
        }
    });
}

fn header_ui(ui: &mut egui::Ui) {
    for heading in ["", "Title", "Outlet", "Date", ""] {
        ui.label(egui::RichText::new(heading).strong());
    }
    ui.end_row();
}

/// One article's row; returns the row to focus next when this one was
/// confirmed.
fn row_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut ImportedState,
    index: usize,
    take_focus: bool,
    actions: &mut Vec<Action>,
) -> Option<usize> {
    let row = &mut state.rows[index];
    let article = doc.project.article(row.article)?;
    if !row.filled {
        row.fill(&article.meta);
    }
    let id = row.article;
    if row.done {
        ui.label(id.to_string());
        ui.label(egui::RichText::new(format!("✔ {}", row.title)).weak());
        ui.end_row();
        return None;
    }
    let meta = article.meta.clone();
    ui.label(id.to_string());
    let mut entered = false;
    let fields = [
        (&mut row.title, MetaField::Title, "Title", 300.0),
        (&mut row.outlet, MetaField::Outlet, "Outlet", 140.0),
        (&mut row.date, MetaField::Published, "Date", 100.0),
    ];
    for (value, field, name, width) in fields {
        let response = field_ui(
            ui,
            value,
            &format!("{name} of {id}"),
            width,
            meta.is_uncertain(field),
        );
        if take_focus && field == MetaField::Title {
            response.request_focus();
        }
        entered |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    }
    let next = buttons_ui(ui, doc, state, index, entered, actions);
    ui.end_row();
    if let Some(error) = &state.rows[index].error {
        ui.label("");
        ui.colored_label(ui.visuals().error_fg_color, error);
        ui.end_row();
    }
    next
}

/// A field with its accessible name; a guessed one says so beside it.
fn field_ui(
    ui: &mut egui::Ui,
    value: &mut String,
    name: &str,
    width: f32,
    guessed: bool,
) -> egui::Response {
    ui.horizontal(|ui| {
        let hint = if name.starts_with("Date") {
            "YYYY-MM-DD"
        } else {
            ""
        };
        let response = ui
            .add(
                egui::TextEdit::singleline(value)
                    .desired_width(width)
                    .hint_text(hint),
            )
            .accessible_name(name);
        if guessed {
            ui.colored_label(ui.visuals().warn_fg_color, "guess")
                .on_hover_text("Inferred at import, not read from the article: check it");
        }
        response
    })
    .inner
}

fn buttons_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut ImportedState,
    index: usize,
    entered: bool,
    actions: &mut Vec<Action>,
) -> Option<usize> {
    let id = state.rows[index].article;
    let mut next = None;
    ui.horizontal(|ui| {
        let confirm_button = ui
            .button("Confirm")
            .on_hover_text("Keep these details (Enter)")
            .accessible_name(format!("Confirm {id}"));
        if (confirm_button.clicked() || entered) && confirm(doc, &mut state.rows[index], actions) {
            next = (index + 1..state.rows.len()).find(|&i| !state.rows[i].done);
        }
        let open = ui
            .button("Open")
            .on_hover_text("Show it in the reading view")
            .accessible_name(format!("Open {id}"));
        if open.clicked() {
            actions.push(Action::OpenArticle(id));
        }
    });
    next
}

/// Saves the row's details (only if something changed or was a guess);
/// false when they cannot be read (the row shows why).
fn confirm(doc: &Document, row: &mut Row, actions: &mut Vec<Action>) -> bool {
    if row.done {
        return true;
    }
    let Some(article) = doc.project.article(row.article) else {
        row.done = true;
        return true;
    };
    let old = &article.meta;
    match row.to_meta(old) {
        Ok(meta) => {
            if &meta != old {
                actions.push(Action::Edit(Edit::SetArticleMeta {
                    article: row.article,
                    meta: Box::new(meta),
                }));
            }
            row.done = true;
            row.error = None;
            true
        }
        Err(error) => {
            row.error = Some(error);
            false
        }
    }
}
