//! The Timeline tab: its filters (story, status, relation), the lanes
//! toggle (speaker or outlet) and zoom buttons above the plot
//! (`plot.rs`, drawn from `scene.rs` on the axes of `axis.rs`).

mod axis;
mod paint;
mod plot;
mod scene;

use super::{Selected, building_ui, updating_ui};
use crate::model::{ClaimId, LaneBy, Relation, Status, Stories, Story};
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::jobs::{TimelineData, TimelineKey};
use crate::ui::theme;
use crate::ui::widgets::shorten;

/// What the tab remembers: the filters and lanes wanted, and view changes
/// asked for by its buttons (applied by the plot on its next frame).
#[derive(Default)]
pub(in crate::ui::story) struct TimelineState {
    key: TimelineKey,
    /// The key of the timeline last received: a new one is shown whole.
    shown: Option<TimelineKey>,
    view: plot::ViewRequest,
}

impl TimelineState {
    pub(in crate::ui::story) fn key(&self) -> &TimelineKey {
        &self.key
    }

    pub(in crate::ui::story) fn story(&self) -> Option<ClaimId> {
        self.key.filter.story
    }

    pub(in crate::ui::story) fn set_story(&mut self, story: Option<ClaimId>) {
        self.key.filter.story = story;
    }

    /// A timeline arrived; one for other filters or lanes is shown whole.
    pub(in crate::ui::story) fn received(&mut self, data: &TimelineData) {
        if self.shown.as_ref() != Some(&data.key) {
            self.shown = Some(data.key.clone());
            self.view.fit = true;
        }
    }
}

/// What the tab draws from.
pub(in crate::ui::story) struct TimelineInput<'a> {
    pub doc: &'a Document,
    pub data: Option<&'a TimelineData>,
    pub stories: Option<&'a Stories>,
    pub selected: Selected,
    pub updating: bool,
}

pub(in crate::ui::story) fn ui(
    ui: &mut egui::Ui,
    input: &TimelineInput<'_>,
    state: &mut TimelineState,
    actions: &mut Vec<Action>,
) {
    controls_ui(ui, input, state);
    filters_ui(ui, &mut state.key);
    let Some(data) = input.data else {
        return building_ui(ui, "the timeline");
    };
    if data.timeline.points.is_empty() {
        ui.label(egui::RichText::new(empty_text(&state.key)).weak());
        return;
    }
    plot::ui(ui, input, data, &mut state.view, actions);
}

fn empty_text(key: &TimelineKey) -> &'static str {
    if key == &TimelineKey::default() {
        "No pairs yet: the timeline shows claims and the responses linked to them."
    } else {
        "No pair passes these filters."
    }
}

/// Title, counts, lanes toggle, story choice and zoom buttons.
fn controls_ui(ui: &mut egui::Ui, input: &TimelineInput<'_>, state: &mut TimelineState) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Timeline").strong());
        if let Some(data) = input.data {
            let t = &data.timeline;
            let counts = format!(
                "{} pairs · {} claims · {} lanes",
                t.arrows.len(),
                t.points.len(),
                t.lanes.len()
            );
            ui.label(egui::RichText::new(counts).weak());
        }
        updating_ui(ui, input.updating);
        ui.separator();
        let label = ui.label("Lanes");
        for lane_by in [LaneBy::Speaker, LaneBy::Outlet] {
            let text = if lane_by == LaneBy::Speaker {
                "per speaker"
            } else {
                "per outlet"
            };
            ui.selectable_value(&mut state.key.lane_by, lane_by, text)
                .labelled_by(label.id);
        }
        ui.separator();
        story_combo_ui(ui, input.stories, &mut state.key.filter.story);
        ui.separator();
        zoom_buttons_ui(ui, &mut state.view);
    });
}

/// "Story": all stories, or one (the list is virtualised: a project may
/// hold thousands).
fn story_combo_ui(ui: &mut egui::Ui, stories: Option<&Stories>, story: &mut Option<ClaimId>) {
    let label = ui.label("Story");
    let title = |key: ClaimId| {
        stories
            .and_then(|s| s.by_key(key))
            .map_or_else(|| format!("Story {key}"), story_title)
    };
    let shown = story.map_or_else(|| "All stories".to_string(), title);
    let all: &[Story] = stories.map_or(&[], Stories::as_slice);
    egui::ComboBox::from_id_salt("timeline_story")
        .selected_text(shown)
        .width(260.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(story, None, "All stories");
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical().max_height(320.0).show_rows(
                ui,
                row_height,
                all.len(),
                |ui, rows| {
                    for item in &all[rows] {
                        ui.selectable_value(story, Some(item.key), story_title(item));
                    }
                },
            );
        })
        .response
        .labelled_by(label.id);
}

/// "The OSCE report (4 pairs)" or "Story c6 (2 pairs)".
fn story_title(story: &Story) -> String {
    format!("{} ({} pairs)", shorten(&story.title(), 48), story.pairs)
}

fn zoom_buttons_ui(ui: &mut egui::Ui, view: &mut plot::ViewRequest) {
    let buttons = [("−", "Zoom out", 0.5), ("+", "Zoom in", 2.0)];
    for (text, name, factor) in buttons {
        let button = ui
            .small_button(text)
            .on_hover_text(format!("{name} (or Ctrl+scroll)"));
        button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
        if button.clicked() {
            view.zoom = Some(factor);
        }
    }
    if ui
        .small_button("Fit")
        .on_hover_text("Show the whole timeline (or double-click it)")
        .clicked()
    {
        view.fit = true;
    }
    ui.label(
        egui::RichText::new("drag or scroll to move · Ctrl+scroll to zoom")
            .small()
            .weak(),
    );
}

/// Which statuses and relations to show.
fn filters_ui(ui: &mut egui::Ui, key: &mut TimelineKey) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Status").small());
        for (shown, status) in key.filter.statuses.iter_mut().zip(Status::ALL) {
            let text = egui::RichText::new(status.name()).color(theme::status_color(status, dark));
            ui.checkbox(shown, text);
        }
        ui.separator();
        ui.label(egui::RichText::new("Relation").small());
        for (shown, relation) in key.filter.relations.iter_mut().zip(Relation::ALL) {
            let color = theme::relation_color(relation, dark);
            ui.checkbox(shown, egui::RichText::new(relation.name()).color(color))
                .on_hover_text(format!("Responses that {}", relation.meaning()));
        }
    });
}
