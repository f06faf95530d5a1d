//! The central panel: the open article's header, the pending-claim bar with
//! the relation buttons, and the reading view itself.

use crate::model::{ArticleId, ClaimId, Relation};
use crate::ui::action::Action;
use crate::ui::commands::{Command, relation_keys, shortcut_text};
use crate::ui::document::Document;
use crate::ui::reading_view::{Highlight, ReadingView};
use crate::ui::theme;
use crate::ui::widgets::{shorten, truncated_link};

pub struct ReaderInput<'a> {
    pub doc: &'a Document,
    pub article: Option<ArticleId>,
    pub highlights: &'a [Highlight],
    pub selected_claim: Option<ClaimId>,
    pub reading_size: f32,
}

pub fn ui(
    ui: &mut egui::Ui,
    input: &ReaderInput<'_>,
    reading: &mut ReadingView,
    actions: &mut Vec<Action>,
) {
    let Some(article) = input.article.and_then(|id| input.doc.project.article(id)) else {
        empty_ui(ui, !input.doc.project.articles.is_empty(), actions);
        return;
    };
    header_ui(ui, article);
    let has_selection = reading.selection().is_some();
    pending_bar_ui(ui, input, has_selection, actions);
    ui.separator();
    let output = ui
        .scope(|ui| {
            set_reading_size(ui, input.reading_size);
            let revision = input.doc.history.revision();
            let selected = input.selected_claim;
            reading.ui(ui, article, input.highlights, selected, revision)
        })
        .inner;
    if let Some(claim) = output.clicked_claim {
        actions.push(Action::SelectClaim(Some(claim)));
    }
    if output.mark_requested {
        actions.push(Action::Command(Command::MarkClaim));
    }
}

/// The reading-size preference (Ctrl+= / Ctrl+-) is the Body size of the
/// reading view's scope; the view follows it (its style leaves the size
/// unset) and re-lays out only when it changes.
fn set_reading_size(ui: &mut egui::Ui, size: f32) {
    if let Some(font) = ui.style_mut().text_styles.get_mut(&egui::TextStyle::Body) {
        font.size = size;
    }
}

/// No article open. An empty project (a new one) shows the way in: a large
/// Import button, a folder import and the drop hint; otherwise, where to
/// pick an article.
fn empty_ui(ui: &mut egui::Ui, has_articles: bool, actions: &mut Vec<Action>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.28);
        if has_articles {
            ui.heading("No article open");
            ui.label("Pick an article in the list on the left.");
            return;
        }
        ui.heading("This project has no articles yet");
        ui.add_space(12.0);
        let import = egui::Button::new(egui::RichText::new(Command::Import.label()).heading())
            .min_size(egui::vec2(260.0, 44.0));
        if ui
            .add(import)
            .on_hover_text(Command::Import.tooltip())
            .clicked()
        {
            actions.push(Action::Command(Command::Import));
        }
        ui.add_space(6.0);
        if ui
            .button(Command::ImportFolder.label())
            .on_hover_text(Command::ImportFolder.tooltip())
            .clicked()
        {
            actions.push(Action::Command(Command::ImportFolder));
        }
        ui.add_space(12.0);
        ui.label(
            egui::RichText::new(
                "…or drop .txt and .md files, or a folder of them, on this window.",
            )
            .weak(),
        );
    });
}

fn header_ui(ui: &mut egui::Ui, article: &crate::model::Article) {
    ui.add_space(4.0);
    ui.add(egui::Label::new(egui::RichText::new(&article.meta.title).heading().strong()).wrap());
    let mut parts = Vec::new();
    if !article.meta.outlet.is_empty() {
        parts.push(article.meta.outlet.clone());
    }
    if let Some(published) = article.meta.published {
        parts.push(published.to_string());
    }
    parts.push(article.id.to_string());
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(parts.join(" · ")).weak());
        if !article.meta.url.is_empty() {
            ui.hyperlink_to(
                egui::RichText::new(&article.meta.url).small(),
                &article.meta.url,
            );
        }
    });
}

/// The bar that says which claim a response will answer, with the 1–6
/// relation buttons. Always two rows, so marking a claim does not move the
/// text below.
fn pending_bar_ui(
    ui: &mut egui::Ui,
    input: &ReaderInput<'_>,
    has_selection: bool,
    actions: &mut Vec<Action>,
) {
    let pending = input
        .selected_claim
        .and_then(|id| input.doc.project.claim(id));
    let fill = if pending.is_some() {
        theme::quote_background(ui.visuals().dark_mode).gamma_multiply(0.6)
    } else {
        ui.visuals().faint_bg_color
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                mark_button_ui(ui, has_selection, actions);
                ui.separator();
                match pending {
                    Some(claim) => pending_claim_ui(ui, input, claim, actions),
                    None => no_pending_ui(ui),
                }
            });
            ui.horizontal_wrapped(|ui| {
                relation_buttons_ui(ui, pending.is_some(), has_selection, actions);
            });
        });
}

fn mark_button_ui(ui: &mut egui::Ui, has_selection: bool, actions: &mut Vec<Action>) {
    let key = shortcut_text(ui.ctx(), Command::MarkClaim);
    let mark = egui::Button::new("Mark claim").shortcut_text(key.as_str());
    if ui
        .add_enabled(has_selection, mark)
        .on_hover_text(Command::MarkClaim.tooltip())
        .on_disabled_hover_text("Select text in the article first")
        .clicked()
    {
        actions.push(Action::Command(Command::MarkClaim));
    }
}

fn no_pending_ui(ui: &mut egui::Ui) {
    let key = shortcut_text(ui.ctx(), Command::MarkClaim);
    let text = format!(
        "Select text and press {key} to mark a claim, or click a highlight to make it the pending claim."
    );
    ui.add(egui::Label::new(egui::RichText::new(text).weak()).truncate());
}

fn pending_claim_ui(
    ui: &mut egui::Ui,
    input: &ReaderInput<'_>,
    claim: &crate::model::Claim,
    actions: &mut Vec<Action>,
) {
    ui.label(egui::RichText::new("Pending claim").strong());
    let clear = format!(
        "Clear the pending claim ({})",
        shortcut_text(ui.ctx(), Command::ClearPending)
    );
    if ui.small_button("×").on_hover_text(clear).clicked() {
        actions.push(Action::Command(Command::ClearPending));
    }
    let text = format!(
        "{} “{}”{}",
        claim.id,
        shorten(&claim.anchor.quote, 90),
        elsewhere(input, claim)
    );
    let quote = truncated_link(ui, text).on_hover_text("Show the pending claim");
    if quote.clicked() {
        actions.push(Action::JumpToClaim(claim.id));
    }
}

/// " in “Title”" when the pending claim is in another article than the open one.
fn elsewhere(input: &ReaderInput<'_>, claim: &crate::model::Claim) -> String {
    if input.article == Some(claim.article) {
        return String::new();
    }
    input
        .doc
        .project
        .article(claim.article)
        .map(|a| format!(" in “{}”", shorten(&a.meta.title, 40)))
        .unwrap_or_default()
}

/// "Answer with the selection: 1 Denies … 6 Supports", enabled when there
/// is both a pending claim and a selection.
fn relation_buttons_ui(
    ui: &mut egui::Ui,
    has_pending: bool,
    has_selection: bool,
    actions: &mut Vec<Action>,
) {
    // The same words whatever the state, so the row wraps the same way.
    let keys = relation_keys(ui.ctx());
    let hint = match (has_pending, has_selection) {
        (false, _) => {
            format!("Mark or click a claim first; then select its response and press {keys}")
        }
        (true, false) => format!("Select the response text, then press {keys}"),
        (true, true) => format!("Press {keys} to link the selection as the response"),
    };
    ui.label(egui::RichText::new("Response:").weak())
        .on_hover_text(hint);
    for relation in Relation::ALL {
        if relation_button_ui(ui, relation, has_pending && has_selection) {
            actions.push(Action::Command(Command::Respond(relation)));
        }
    }
    let link_key = shortcut_text(ui.ctx(), Command::LinkExisting);
    if ui
        .add_enabled(has_pending, egui::Button::new("Link existing…"))
        .on_hover_text(format!(
            "Pick a claim already marked as the response ({link_key})"
        ))
        .clicked()
    {
        actions.push(Action::Command(Command::LinkExisting));
    }
}

/// "1 Denies" in the relation's colour; true when clicked.
fn relation_button_ui(ui: &mut egui::Ui, relation: Relation, enabled: bool) -> bool {
    let key = shortcut_text(ui.ctx(), Command::Respond(relation));
    let color = theme::relation_color(relation, ui.visuals().dark_mode);
    let text = egui::RichText::new(format!("{key} {relation}")).color(color);
    ui.add_enabled(enabled, egui::Button::new(text))
        .on_hover_text(format!("Response {} the claim", relation.meaning()))
        .clicked()
}
