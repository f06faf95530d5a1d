//! The inspector: the selected claim (quote, article, speaker, via, note,
//! tags) and every link it takes part in, editable. Text fields commit one
//! edit when they lose focus (or on Enter), never one per keystroke. Text
//! typed and not yet committed survives other changes to the project, and
//! is committed as its own undo step before any command runs
//! ([`InspectorState::take_uncommitted`]): Ctrl+Enter while typing a note
//! keeps the note, then curates.

use std::collections::HashMap;

use crate::model::{Claim, ClaimId, ClaimInfo, Edit, Link, LinkId, Relation, Status};
use crate::ui::action::{Action, LinkChange};
use crate::ui::commands::{Command, relation_keys, shortcut_text};
use crate::ui::document::Document;
use crate::ui::theme;
use crate::ui::widgets::{shorten, truncated_link};

#[derive(Default)]
pub struct InspectorState {
    form: Option<ClaimForm>,
    /// Link notes as typed, and as last filled or committed, by link.
    link_notes: HashMap<LinkId, LinkNote>,
    /// The (claim, revision) the buffers were filled for.
    filled_for: Option<(ClaimId, u64)>,
}

#[derive(Default)]
struct LinkNote {
    typed: String,
    base: String,
}

impl LinkNote {
    fn new(note: &str) -> LinkNote {
        LinkNote {
            typed: note.to_string(),
            base: note.to_string(),
        }
    }

    fn is_typing(&self) -> bool {
        self.typed.trim() != self.base
    }
}

/// The claim's text fields as typed, and the info they were filled from
/// (or last committed): they differ while the analyst is typing.
struct ClaimForm {
    speaker: String,
    via: String,
    tags: String,
    note: String,
    base: ClaimInfo,
}

impl ClaimForm {
    fn from_info(info: &ClaimInfo) -> ClaimForm {
        ClaimForm {
            speaker: info.speaker.clone(),
            via: info.via.clone(),
            tags: info.tags.join(", "),
            note: info.note.clone(),
            base: info.clone(),
        }
    }

    fn is_typing(&self) -> bool {
        self.to_info() != self.base
    }

    fn to_info(&self) -> ClaimInfo {
        ClaimInfo {
            speaker: self.speaker.trim().to_string(),
            via: self.via.trim().to_string(),
            note: self.note.trim_end().to_string(),
            tags: self
                .tags
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }
}

impl InspectorState {
    /// What was typed and not committed yet (a field still has the
    /// keyboard), as the actions that commit it; the fields then count as
    /// committed. The window runs these before any command.
    pub fn take_uncommitted(&mut self, doc: &Document) -> Vec<Action> {
        let Some((claim, _)) = self.filled_for else {
            return Vec::new();
        };
        let mut actions = Vec::new();
        if let Some(form) = &mut self.form
            && form.is_typing()
        {
            form.base = form.to_info();
            actions.push(Action::SetClaimInfo {
                claim,
                info: form.base.clone(),
            });
        }
        for (&link, note) in &mut self.link_notes {
            if note.is_typing() && doc.project.link(link).is_some() {
                note.base = note.typed.trim().to_string();
                let change = LinkChange::Note(note.base.clone());
                actions.push(Action::ChangeLink { link, change });
            }
        }
        actions
    }
}

pub fn ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut InspectorState,
    selected: (Option<ClaimId>, Option<LinkId>),
    actions: &mut Vec<Action>,
) {
    let (selected_claim, selected_link) = selected;
    ui.heading("Inspector");
    let Some(claim) = selected_claim.and_then(|id| doc.project.claim(id)) else {
        state.form = None;
        state.filled_for = None;
        let mark = shortcut_text(ui.ctx(), Command::MarkClaim);
        ui.label(
            egui::RichText::new(format!(
                "Select a claim: click a highlight, mark a selection ({mark}), or pick a row in the pairs table."
            ))
            .weak(),
        );
        return;
    };
    refill(doc, state, claim);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            claim_ui(ui, doc, state, claim, actions);
            ui.separator();
            links_ui(ui, doc, state, claim, selected_link, actions);
        });
}

/// Reloads the buffers when another claim is shown or the project changed,
/// keeping what is being typed in them for the same claim.
fn refill(doc: &Document, state: &mut InspectorState, claim: &Claim) {
    let key = (claim.id, doc.history.revision());
    if state.filled_for == Some(key) {
        return;
    }
    let same_claim = state.filled_for.is_some_and(|(id, _)| id == claim.id);
    let typing = same_claim && state.form.as_ref().is_some_and(ClaimForm::is_typing);
    if !typing {
        state.form = Some(ClaimForm::from_info(&claim.info));
    }
    let mut typed_notes = std::mem::take(&mut state.link_notes);
    typed_notes.retain(|_, note| same_claim && note.is_typing());
    state.link_notes = doc
        .index
        .links_of(claim.id)
        .iter()
        .filter_map(|&id| doc.project.link(id))
        .map(|l| {
            let note = typed_notes.remove(&l.id);
            (l.id, note.unwrap_or_else(|| LinkNote::new(&l.info.note)))
        })
        .collect();
    state.filled_for = Some(key);
}

fn claim_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut InspectorState,
    claim: &Claim,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| claim_header_ui(ui, doc, claim, actions));
    quote_ui(ui, &claim.anchor.quote);
    if let Some(article) = doc.project.article(claim.article)
        && truncated_link(
            ui,
            format!("in “{}”{}", article.meta.title, date_of(article)),
        )
        .on_hover_text("Show in the article")
        .clicked()
    {
        actions.push(Action::JumpToClaim(claim.id));
    }
    if let Some(form) = &mut state.form {
        claim_form_ui(ui, form, claim, actions);
    }
    stamps_ui(ui, claim);
}

/// " · 2024-11-21" when the article is dated.
fn date_of(article: &crate::model::Article) -> String {
    article
        .meta
        .published
        .map(|p| format!(" · {}", p.date))
        .unwrap_or_default()
}

fn claim_header_ui(ui: &mut egui::Ui, doc: &Document, claim: &Claim, actions: &mut Vec<Action>) {
    ui.label(egui::RichText::new(format!("Claim {}", claim.id)).strong());
    if doc.index.is_flagged(claim.id) {
        ui.colored_label(ui.visuals().warn_fg_color, "! anchor needs review");
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let hint = format!(
            "Delete this claim and its links ({} when no link is selected)",
            shortcut_text(ui.ctx(), Command::DeleteSelected)
        );
        if ui
            .small_button("Delete claim")
            .on_hover_text(hint)
            .clicked()
        {
            actions.push(Action::Edit(Edit::delete_claim(claim.id)));
        }
    });
}

/// Who marked the claim and when, and who changed it last.
fn stamps_ui(ui: &mut egui::Ui, claim: &Claim) {
    let when = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%d %H:%M").to_string();
    let mut text = format!("marked by {} · {}", claim.analyst, when(claim.created));
    if let Some(by) = &claim.modified_by {
        text.push_str(&format!("; changed by {by} · {}", when(claim.modified)));
    }
    ui.label(egui::RichText::new(text).small().weak());
}

fn quote_ui(ui: &mut egui::Ui, quote: &str) {
    egui::Frame::new()
        .fill(theme::quote_background(ui.visuals().dark_mode).gamma_multiply(0.5))
        .corner_radius(4.0)
        .inner_margin(6)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.add(egui::Label::new(egui::RichText::new(format!("“{quote}”")).italics()).wrap());
        });
}

fn claim_form_ui(
    ui: &mut egui::Ui,
    form: &mut ClaimForm,
    claim: &Claim,
    actions: &mut Vec<Action>,
) {
    let committed = egui::Grid::new("claim_form")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| claim_fields_ui(ui, form))
        .inner;
    if committed {
        let info = form.to_info();
        form.base = info.clone();
        if info != claim.info {
            actions.push(Action::SetClaimInfo {
                claim: claim.id,
                info,
            });
        }
    }
}

/// The claim's fields; true when one of them lost focus (Enter or click away).
fn claim_fields_ui(ui: &mut egui::Ui, form: &mut ClaimForm) -> bool {
    let mut committed = field_ui(ui, "Speaker", &mut form.speaker, "who asserts it");
    committed |= field_ui(ui, "Via", &mut form.via, "who reports it");
    committed |= field_ui(ui, "Tags", &mut form.tags, "comma, separated");
    let label = ui.label("Note");
    let note = ui
        .add(
            egui::TextEdit::multiline(&mut form.note)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    ui.end_row();
    committed || note.lost_focus()
}

/// One labelled single-line field; true when it lost focus (Enter or click away).
fn field_ui(ui: &mut egui::Ui, name: &str, value: &mut String, hint: &str) -> bool {
    let label = ui.label(name);
    let response = ui
        .add(
            egui::TextEdit::singleline(value)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    ui.end_row();
    response.lost_focus()
}

fn links_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut InspectorState,
    claim: &Claim,
    selected_link: Option<LinkId>,
    actions: &mut Vec<Action>,
) {
    let links = doc.index.links_of(claim.id);
    ui.label(egui::RichText::new(format!("Links ({})", links.len())).strong());
    if links.is_empty() {
        let keys = relation_keys(ui.ctx());
        ui.label(
            egui::RichText::new(format!(
                "None yet. Open the article with the response, select it and press {keys}."
            ))
            .weak(),
        );
    }
    for link in links.iter().filter_map(|&id| doc.project.link(id)) {
        let selected = selected_link == Some(link.id);
        let note = state.link_notes.entry(link.id).or_default();
        link_ui(ui, doc, link, claim.id, selected, note, actions);
    }
}

fn link_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    link: &Link,
    this: ClaimId,
    selected: bool,
    note: &mut LinkNote,
    actions: &mut Vec<Action>,
) {
    let visuals = ui.visuals();
    let stroke = if selected {
        visuals.selection.stroke
    } else {
        visuals.widgets.noninteractive.bg_stroke
    };
    egui::Frame::group(ui.style())
        .stroke(stroke)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            link_header_ui(ui, doc, link, this, selected, actions);
            link_controls_ui(ui, link, actions);
            link_note_ui(ui, link, note, actions);
        });
}

fn link_note_ui(ui: &mut egui::Ui, link: &Link, note: &mut LinkNote, actions: &mut Vec<Action>) {
    let label = ui.label("Link note");
    let response = ui
        .add(egui::TextEdit::singleline(&mut note.typed).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    if response.lost_focus() {
        note.base = note.typed.trim().to_string();
    }
    if response.lost_focus() && note.base != link.info.note {
        let change = LinkChange::Note(note.base.clone());
        actions.push(Action::ChangeLink {
            link: link.id,
            change,
        });
    }
}

fn link_header_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    link: &Link,
    this: ClaimId,
    selected: bool,
    actions: &mut Vec<Action>,
) {
    let (direction, other) = if link.claim == this {
        ("answered by", link.response)
    } else {
        ("answers", link.claim)
    };
    let other = doc.project.claim(other);
    ui.horizontal(|ui| {
        if ui
            .selectable_label(selected, format!("Link {}", link.id))
            .on_hover_text("Select this link (for status keys and Delete)")
            .clicked()
        {
            actions.push(Action::SelectLink(Some(link.id)));
        }
        ui.label(egui::RichText::new(direction).weak());
        if let Some(other) = other
            && truncated_link(
                ui,
                format!("{} “{}”", other.id, shorten(&other.anchor.quote, 90)),
            )
            .on_hover_text(&other.anchor.quote)
            .clicked()
        {
            actions.push(Action::JumpToClaim(other.id));
        }
    });
    if let Some(other) = other {
        ui.label(
            egui::RichText::new(speaker_and_place(doc, other))
                .small()
                .weak(),
        );
    }
}

/// "Speaker — Title · date" of the claim at the link's other end.
fn speaker_and_place(doc: &Document, claim: &Claim) -> String {
    let place = doc
        .project
        .article(claim.article)
        .map(|a| format!("{}{}", shorten(&a.meta.title, 50), date_of(a)))
        .unwrap_or_default();
    if claim.info.speaker.is_empty() {
        place
    } else {
        format!("{} — {place}", claim.info.speaker)
    }
}

fn link_controls_ui(ui: &mut egui::Ui, link: &Link, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        relation_ui(ui, link, actions);
        if ui.small_button("Delete link").clicked() {
            actions.push(Action::Edit(Edit::delete_link(link.id)));
        }
    });
    ui.horizontal(|ui| status_ui(ui, link, actions));
}

fn relation_ui(ui: &mut egui::Ui, link: &Link, actions: &mut Vec<Action>) {
    let dark = ui.visuals().dark_mode;
    let mut relation = link.info.relation;
    let label = ui.label("Relation");
    egui::ComboBox::from_id_salt(("relation", link.id))
        .selected_text(
            egui::RichText::new(relation.name()).color(theme::relation_color(relation, dark)),
        )
        .show_ui(ui, |ui| {
            for option in Relation::ALL {
                ui.selectable_value(&mut relation, option, option.name())
                    .on_hover_text(option.meaning());
            }
        })
        .response
        .labelled_by(label.id);
    if relation != link.info.relation {
        actions.push(Action::ChangeLink {
            link: link.id,
            change: LinkChange::Relation(relation),
        });
    }
}

fn status_ui(ui: &mut egui::Ui, link: &Link, actions: &mut Vec<Action>) {
    let dark = ui.visuals().dark_mode;
    ui.label("Status");
    for status in Status::ALL {
        let text = egui::RichText::new(status.name()).color(theme::status_color(status, dark));
        let hint = shortcut_text(ui.ctx(), Command::SetStatus(status));
        if ui
            .selectable_label(link.info.status == status, text)
            .on_hover_text(format!("Set {status} ({hint} on the selected link)"))
            .clicked()
            && link.info.status != status
        {
            actions.push(Action::ChangeLink {
                link: link.id,
                change: LinkChange::Status(status),
            });
        }
    }
}
