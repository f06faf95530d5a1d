//! The articles panel: every article with outlet, date and counts; sort,
//! filter, open, and edit an article's details.

use chrono::{NaiveDate, NaiveTime};

use crate::model::{
    Article, ArticleId, ArticleMeta, ClaimNeedle, Edit, MetaField, Published, lowercase_into,
};
use crate::ui::action::Action;
use crate::ui::commands::Command;
use crate::ui::document::Document;
use crate::ui::widgets::{combo_ui, shorten};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ArticleSort {
    #[default]
    DateNewest,
    DateOldest,
    Title,
}

impl ArticleSort {
    const ALL: [ArticleSort; 3] = [
        ArticleSort::DateNewest,
        ArticleSort::DateOldest,
        ArticleSort::Title,
    ];

    fn name(self) -> &'static str {
        match self {
            ArticleSort::DateNewest => "Newest first",
            ArticleSort::DateOldest => "Oldest first",
            ArticleSort::Title => "Title",
        }
    }
}

#[derive(Default)]
pub struct ArticlesState {
    pub filter: String,
    pub sort: ArticleSort,
    editing: Option<MetaForm>,
    rows: ArticleRows,
}

impl ArticlesState {
    /// Another document is open: its rows are built afresh (filter and
    /// sort stay).
    pub fn forget_document(&mut self) {
        self.rows = ArticleRows::default();
    }
}

/// The list's rows (article ids, filtered and sorted), kept until the
/// filter, the sort or an article changes: a frame reads them instead of
/// filtering and sorting every article, and an edit to claims or links
/// leaves them as they are.
#[derive(Debug, Default)]
struct ArticleRows {
    /// What `ids` were made for: filter, sort, history revision.
    made_for: Option<(String, ArticleSort, u64)>,
    ids: Vec<ArticleId>,
}

impl ArticleRows {
    /// The rows for `filter` and `sort` in `doc` as it is now.
    fn refresh(&mut self, doc: &Document, filter: &str, sort: ArticleSort) -> &[ArticleId] {
        let revision = doc.history.revision();
        let still_valid = self.made_for.as_ref().is_some_and(|(f, s, r)| {
            f == filter && *s == sort && (*r == revision || articles_untouched(doc, *r))
        });
        if !still_valid {
            self.ids = visible_articles(doc, filter, sort);
        }
        self.made_for = Some((filter.to_string(), sort, revision));
        &self.ids
    }
}

/// True when no step since `revision` added, removed or changed an article.
fn articles_untouched(doc: &Document, revision: u64) -> bool {
    doc.history
        .changes_since(revision)
        .is_some_and(|touched| touched.articles.is_empty())
}

/// The article-details form, as text until saved.
struct MetaForm {
    article: ArticleId,
    title: String,
    outlet: String,
    date: String,
    time: String,
    offset: String,
    url: String,
    error: Option<String>,
    /// False until the fields are copied from the project (first frame).
    filled: bool,
}

const ROW_HEIGHT: f32 = 58.0;

pub fn ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut ArticlesState,
    open: Option<ArticleId>,
    actions: &mut Vec<Action>,
) {
    toolbar_ui(ui, state, open, actions);
    if doc.project.articles.is_empty() {
        let import = crate::ui::commands::shortcut_text(ui.ctx(), Command::Import);
        ui.label(format!(
            "No articles yet. Import .txt, .md or saved .html pages ({import}) or drop them here."
        ));
        return;
    }
    let rows = state.rows.refresh(doc, &state.filter, state.sort);
    let total = doc.project.articles.len();
    let count = format!("{} of {total} articles", rows.len());
    ui.label(egui::RichText::new(count).small().weak());
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
            for article in rows[range].iter().filter_map(|&id| doc.project.article(id)) {
                row_ui(ui, doc, article, open == Some(article.id), actions);
            }
        });
}

fn toolbar_ui(
    ui: &mut egui::Ui,
    state: &mut ArticlesState,
    open: Option<ArticleId>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .hint_text("title, outlet, text")
                .desired_width(ui.available_width() - 4.0),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        combo_ui(
            ui,
            "Sort",
            "article_sort",
            &mut state.sort,
            ArticleSort::ALL,
            |s| s.name().to_string(),
        );
        buttons_ui(ui, state, open, actions);
    });
}

fn buttons_ui(
    ui: &mut egui::Ui,
    state: &mut ArticlesState,
    open: Option<ArticleId>,
    actions: &mut Vec<Action>,
) {
    if ui
        .button("Import…")
        .on_hover_text(Command::Import.tooltip())
        .clicked()
    {
        actions.push(Action::Command(Command::Import));
    }
    if ui
        .add_enabled(open.is_some(), egui::Button::new("Details…"))
        .on_hover_text("Edit the open article's title, outlet, date and URL")
        .clicked()
        && let Some(article) = open
    {
        state.editing = Some(MetaForm::empty(article));
    }
}

/// The articles matching `filter`, sorted (stable: ties keep id order).
fn visible_articles(doc: &Document, filter: &str, sort: ArticleSort) -> Vec<ArticleId> {
    let needle = ClaimNeedle::new(filter);
    let id: Option<ArticleId> = needle.folded().parse().ok();
    let mut outlet = String::new();
    let mut rows: Vec<&Article> = doc
        .project
        .articles
        .iter()
        .filter(|a| needle.is_empty() || matches_filter(doc, a, (&needle, id), &mut outlet))
        .collect();
    match sort {
        ArticleSort::DateNewest => rows.sort_by_key(|a| std::cmp::Reverse(a.meta.published)),
        ArticleSort::DateOldest => rows.sort_by_key(|a| a.meta.published),
        // Each title lowercased once, not once per comparison.
        ArticleSort::Title => rows.sort_by_cached_key(|a| a.meta.title.to_lowercase()),
    }
    rows.into_iter().map(|a| a.id).collect()
}

/// True when the article's title or outlet holds the filter (any case) or
/// the filter is its id. Titles come lowercased from the index and outlets
/// are lowercased into one buffer: a keystroke allocates nothing per
/// article (20,000 articles at 10×).
fn matches_filter(
    doc: &Document,
    article: &Article,
    (needle, id): (&ClaimNeedle, Option<ArticleId>),
    outlet: &mut String,
) -> bool {
    if needle.is_in(doc.index.folded_title(article.id)) || Some(article.id) == id {
        return true;
    }
    lowercase_into(&article.meta.outlet, outlet);
    needle.is_in(outlet)
}

fn row_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    article: &Article,
    is_open: bool,
    actions: &mut Vec<Action>,
) {
    let mut job = row_job(ui.style(), doc, article);
    job.wrap = egui::text::TextWrapping::truncate_at_width(ui.available_width() - 12.0);
    let row = egui::Button::selectable(is_open, job)
        .min_size(egui::vec2(ui.available_width(), ROW_HEIGHT - 6.0));
    let response = ui.add(row).on_hover_text(&article.meta.title);
    if response.clicked() {
        actions.push(Action::OpenArticle(article.id));
    }
    response.context_menu(|ui| article_menu_ui(ui, article.id, actions));
}

/// The title (strong), then outlet, date and counts (small, weak).
fn row_job(style: &egui::Style, doc: &Document, article: &Article) -> egui::text::LayoutJob {
    let counts = doc.index.counts(article.id);
    let date = article
        .meta
        .published
        .map_or_else(|| "undated".to_string(), |p| p.date.to_string());
    let outlet = if article.meta.outlet.is_empty() {
        "unknown outlet"
    } else {
        &article.meta.outlet
    };
    let format = |font: egui::TextStyle, color| egui::TextFormat {
        font_id: font.resolve(style),
        color,
        ..Default::default()
    };
    let mut job = egui::text::LayoutJob::default();
    let title = format!("{}\n", shorten(&article.meta.title, 70));
    job.append(
        &title,
        0.0,
        format(egui::TextStyle::Body, style.visuals.strong_text_color()),
    );
    let small = format(egui::TextStyle::Small, style.visuals.weak_text_color());
    let guess = format(egui::TextStyle::Small, style.visuals.warn_fg_color);
    let meta = &article.meta;
    job.append(outlet, 0.0, small.clone());
    if meta.is_uncertain(MetaField::Outlet) {
        job.append(" (guess)", 0.0, guess.clone());
    }
    job.append(&format!(" · {date}"), 0.0, small.clone());
    if meta.is_uncertain(MetaField::Published) {
        job.append(" (guess)", 0.0, guess);
    }
    let counts = format!("\n{} claims · {} linked", counts.claims, counts.linked);
    job.append(&counts, 0.0, small);
    job
}

/// The article row's context menu: text editing commands for that article.
fn article_menu_ui(ui: &mut egui::Ui, article: ArticleId, actions: &mut Vec<Action>) {
    for command in [Command::EditArticleText, Command::ReplaceTextFromFile] {
        if ui
            .button(command.label())
            .on_hover_text(command.tooltip())
            .clicked()
        {
            actions.push(Action::OpenArticle(article));
            actions.push(Action::Command(command));
        }
    }
}

impl MetaForm {
    /// A form not yet filled: filled from the project when first drawn.
    fn empty(article: ArticleId) -> MetaForm {
        MetaForm {
            article,
            title: String::new(),
            outlet: String::new(),
            date: String::new(),
            time: String::new(),
            offset: String::new(),
            url: String::new(),
            error: None,
            filled: false,
        }
    }

    fn fill(&mut self, meta: &ArticleMeta) {
        self.title = meta.title.clone();
        self.outlet = meta.outlet.clone();
        self.url = meta.url.clone();
        if let Some(p) = meta.published {
            self.date = p.date.format("%Y-%m-%d").to_string();
            self.time = p
                .time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default();
            self.offset = p.utc_offset_minutes.map(format_offset).unwrap_or_default();
        }
        self.filled = true;
    }

    /// The details as typed, or what is wrong with them.
    fn to_meta(&self, old: &ArticleMeta) -> Result<ArticleMeta, String> {
        let published = self.published()?;
        if self.title.trim().is_empty() {
            return Err("The title cannot be empty".into());
        }
        Ok(ArticleMeta {
            title: self.title.trim().to_string(),
            outlet: self.outlet.trim().to_string(),
            published,
            url: self.url.trim().to_string(),
            // Saving the details confirms them: nothing is a guess any more.
            uncertain: Default::default(),
            ..old.clone()
        })
    }

    /// The date, time and offset as typed (`None` without a date).
    fn published(&self) -> Result<Option<Published>, String> {
        if self.date.trim().is_empty() {
            return Ok(None);
        }
        let date = NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d")
            .map_err(|_| format!("Date '{}' is not YYYY-MM-DD", self.date.trim()))?;
        let time = match self.time.trim() {
            "" => None,
            text => Some(
                NaiveTime::parse_from_str(text, "%H:%M")
                    .map_err(|_| format!("Time '{text}' is not HH:MM"))?,
            ),
        };
        let utc_offset_minutes = match self.offset.trim() {
            "" => None,
            text => Some(parse_offset(text)?),
        };
        Ok(Some(Published {
            date,
            time,
            utc_offset_minutes,
        }))
    }
}

fn format_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let abs = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
}

/// Parses `+04:00`, `-0530`, `+4` into minutes east of UTC.
pub fn parse_offset(text: &str) -> Result<i32, String> {
    let bad = || format!("UTC offset '{text}' is not like +04:00");
    let text = text.trim().trim_start_matches("UTC");
    let (sign, rest) = match text.chars().next() {
        Some('+') => (1, &text[1..]),
        Some('-') => (-1, &text[1..]),
        _ => return Err(bad()),
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.as_str(), "0"),
        4 => digits.split_at(2),
        _ => return Err(bad()),
    };
    let hours: i32 = hours.parse().map_err(|_| bad())?;
    let minutes: i32 = minutes.parse().map_err(|_| bad())?;
    if hours > 14 || minutes > 59 {
        return Err(bad());
    }
    Ok(sign * (hours * 60 + minutes))
}

/// The article-details window, when open.
pub fn meta_editor_ui(
    ctx: &egui::Context,
    doc: &Document,
    state: &mut ArticlesState,
    actions: &mut Vec<Action>,
) {
    let Some(form) = &mut state.editing else {
        return;
    };
    let Some(article) = doc.project.article(form.article) else {
        state.editing = None;
        return;
    };
    if !form.filled {
        form.fill(&article.meta);
    }
    let mut open = true;
    let mut done = false;
    egui::Window::new("Article details")
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .open(&mut open)
        .collapsible(false)
        .default_width(420.0)
        .show(ctx, |ui| {
            done = meta_form_ui(ui, form, &article.meta, actions);
        });
    if !open || done {
        state.editing = None;
    }
}

fn meta_form_ui(
    ui: &mut egui::Ui,
    form: &mut MetaForm,
    old: &ArticleMeta,
    actions: &mut Vec<Action>,
) -> bool {
    if !old.uncertain.is_empty() {
        let fields: Vec<&str> = old.uncertain.iter().map(|f| f.label()).collect();
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "Guessed at import: {}. Saving the details confirms them.",
                fields.join(", ")
            ),
        );
    }
    egui::Grid::new("meta_form")
        .num_columns(2)
        .show(ui, |ui| meta_fields_ui(ui, form));
    if let Some(error) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    let mut done = false;
    ui.horizontal(|ui| {
        if ui.button("Save details").clicked() {
            done = save_details(form, old, actions);
        }
        if ui.button("Cancel").clicked() {
            done = true;
        }
    });
    done
}

fn meta_fields_ui(ui: &mut egui::Ui, form: &mut MetaForm) {
    for (name, value, hint) in [
        ("Title", &mut form.title, ""),
        ("Outlet", &mut form.outlet, "Qafqazinfo.az"),
        ("Date", &mut form.date, "YYYY-MM-DD"),
        ("Time", &mut form.time, "HH:MM"),
        ("UTC offset", &mut form.offset, "+04:00"),
        ("URL", &mut form.url, "https://"),
    ] {
        let label = ui.label(name);
        ui.add(
            egui::TextEdit::singleline(value)
                .hint_text(hint)
                .desired_width(300.0),
        )
        .labelled_by(label.id);
        ui.end_row();
    }
}

/// Pushes the edit when the details changed; false (and the form shows
/// why) when they cannot be read.
fn save_details(form: &mut MetaForm, old: &ArticleMeta, actions: &mut Vec<Action>) -> bool {
    match form.to_meta(old) {
        Ok(meta) if &meta == old => true,
        Ok(meta) => {
            actions.push(Action::Edit(Edit::SetArticleMeta {
                article: form.article,
                meta: Box::new(meta),
            }));
            true
        }
        Err(error) => {
            form.error = Some(error);
            false
        }
    }
}

#[cfg(test)]
mod tests;
