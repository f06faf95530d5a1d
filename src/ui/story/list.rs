//! The Stories list: per story its name, first claim, speakers, outlets,
//! dates, pairs and curated pairs. A click on a story filters the timeline
//! to it; "Rename" names it (one undoable `Edit::NameStory`).

use std::sync::Arc;

use egui_extras::{Column, TableBuilder};

use super::{StoryState, building_ui, updating_ui};
use crate::model::{ClaimId, Edit, Project, Story};
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::widgets::shorten;

/// A rename in progress.
#[derive(Clone, Debug)]
struct Rename {
    /// The story's key (which row is being renamed).
    story: ClaimId,
    /// Where the name goes ([`Story::name_key`]).
    name_key: ClaimId,
    text: String,
    focus: bool,
}

#[derive(Default)]
pub(super) struct ListState {
    rename: Option<Rename>,
}

const HEADERS: [&str; 8] = [
    "Story",
    "First claim",
    "Speakers",
    "Outlets",
    "Dates",
    "Pairs",
    "Curated",
    "",
];

pub(super) fn ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut StoryState,
    updating: bool,
    actions: &mut Vec<Action>,
) {
    let Some(stories) = state.base.as_ref().map(|b| Arc::clone(&b.stories)) else {
        return building_ui(ui, "the stories");
    };
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Stories").strong());
        let count = format!("{} stories", stories.len());
        ui.label(egui::RichText::new(count).weak());
        updating_ui(ui, updating);
        ui.label(
            egui::RichText::new("Click a story to show only it on the timeline.")
                .small()
                .weak(),
        );
    });
    if stories.is_empty() {
        ui.label(egui::RichText::new("No stories yet: a story starts with a pair.").weak());
        return;
    }
    table_ui(ui, &doc.project, stories.as_slice(), state, actions);
}

fn table_ui(
    ui: &mut egui::Ui,
    project: &Project,
    stories: &[Story],
    state: &mut StoryState,
    actions: &mut Vec<Action>,
) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let chosen = state.timeline.story();
    let mut clicked = None;
    table_builder(ui)
        .header(row_height, |mut header| {
            for name in HEADERS {
                header.col(|ui| {
                    ui.label(egui::RichText::new(name).strong());
                });
            }
        })
        .body(|body| {
            body.rows(row_height, stories.len(), |mut row| {
                let story = &stories[row.index()];
                row.set_selected(chosen == Some(story.key));
                if let Some(choice) = row_ui(&mut row, project, story, state, actions) {
                    clicked = Some(choice);
                }
                if row.response().clicked() {
                    clicked = Some(RowChoice::Filter(story.key));
                }
            });
        });
    match clicked {
        Some(RowChoice::Filter(key)) => {
            let next = (chosen != Some(key)).then_some(key);
            state.timeline.set_story(next);
        }
        Some(RowChoice::Timeline(key)) => state.show_on_timeline(key),
        None => {}
    }
}

/// What a click in a row asks for.
enum RowChoice {
    /// Filter the timeline to this story (or back to all, if it was).
    Filter(ClaimId),
    /// Show this story on the timeline.
    Timeline(ClaimId),
}

fn table_builder(ui: &mut egui::Ui) -> TableBuilder<'_> {
    TableBuilder::new(ui)
        .id_salt("stories_table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .auto_shrink([false, false])
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(240.0).at_least(120.0).clip(true))
        .column(Column::remainder().at_least(160.0).clip(true))
        .column(Column::initial(200.0).at_least(60.0).clip(true))
        .column(Column::initial(150.0).at_least(60.0).clip(true))
        .column(Column::initial(170.0).at_least(60.0).clip(true))
        .column(Column::initial(44.0).at_least(30.0))
        .column(Column::initial(56.0).at_least(30.0))
        .column(Column::initial(80.0).at_least(60.0))
}

fn row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    project: &Project,
    story: &Story,
    state: &mut StoryState,
    actions: &mut Vec<Action>,
) -> Option<RowChoice> {
    let plain = |text: String| {
        move |ui: &mut egui::Ui| {
            ui.add(egui::Label::new(text).selectable(false).truncate());
        }
    };
    row.col(|ui| name_cell_ui(ui, story, &mut state.list, actions));
    row.col(plain(first_claim(project, story)));
    row.col(plain(story.speakers.join("; ")));
    row.col(plain(story.outlets.join("; ")));
    row.col(plain(dates(story)));
    row.col(plain(story.pairs.to_string()));
    row.col(plain(story.curated.to_string()));
    let mut choice = None;
    row.col(|ui| {
        let button = ui
            .small_button("Timeline")
            .on_hover_text(format!("Show “{}” on the timeline", story.title()));
        button.widget_info(|| {
            let name = format!("Timeline of {}", story.title());
            egui::WidgetInfo::labeled(egui::Role::Button, true, name)
        });
        if button.clicked() {
            choice = Some(RowChoice::Timeline(story.key));
        }
    });
    choice
}

/// The story's name with a Rename button, or the rename field.
fn name_cell_ui(ui: &mut egui::Ui, story: &Story, list: &mut ListState, actions: &mut Vec<Action>) {
    if let Some(rename) = list.rename.as_mut().filter(|r| r.story == story.key) {
        if let Some(done) = rename_ui(ui, rename) {
            if done && rename.text.trim() != story.name().unwrap_or("") {
                actions.push(Action::Edit(Edit::NameStory {
                    claim: rename.name_key,
                    name: rename.text.trim().to_string(),
                }));
            }
            list.rename = None;
        }
        return;
    }
    let title = egui::RichText::new(story.title());
    let title = if story.name().is_some() {
        title.strong()
    } else {
        title.weak()
    };
    let rename = ui
        .small_button("✏")
        .on_hover_text("Rename this story (an empty name removes it)");
    rename.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("Rename {}", story.title()),
        )
    });
    if rename.clicked() {
        list.rename = Some(Rename {
            story: story.key,
            name_key: story.name_key(),
            text: story.name().unwrap_or_default().to_string(),
            focus: true,
        });
    }
    ui.add(egui::Label::new(title).selectable(false).truncate());
}

/// The name field with Save and Cancel: `Some(true)` to save,
/// `Some(false)` to cancel, `None` while editing.
fn rename_ui(ui: &mut egui::Ui, rename: &mut Rename) -> Option<bool> {
    let label = ui.label("Story name");
    let field = ui
        .add(egui::TextEdit::singleline(&mut rename.text).desired_width(110.0))
        .labelled_by(label.id);
    if std::mem::take(&mut rename.focus) {
        field.request_focus();
    }
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if entered || ui.small_button("Save").clicked() {
        return Some(true);
    }
    if ui.small_button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        return Some(false);
    }
    None
}

/// "c6 “noted some problems…” (OSCE)".
fn first_claim(project: &Project, story: &Story) -> String {
    match project.claim(story.first_claim) {
        Some(claim) => {
            let quote = shorten(&claim.anchor.quote, 90);
            match claim.info.speaker.trim() {
                "" => format!("“{quote}”"),
                speaker => format!("{speaker}: “{quote}”"),
            }
        }
        None => format!("{} (deleted)", story.first_claim),
    }
}

/// "2024-02-02 – 2024-11-21", "+ 2 undated" when some claims have no date.
fn dates(story: &Story) -> String {
    let span = match story.span {
        Some((first, last)) if first.date == last.date => first.date.to_string(),
        Some((first, last)) => format!("{} – {}", first.date, last.date),
        None => String::new(),
    };
    match (story.undated_claims, span.is_empty()) {
        (0, _) => span,
        (n, true) => format!("{n} undated"),
        (n, false) => format!("{span} + {n} undated"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimId, Published};

    fn story(span: Option<(&str, &str)>, undated: usize) -> Story {
        let date = |text: &str| Published {
            date: text.parse().unwrap_or_default(),
            time: None,
            utc_offset_minutes: None,
        };
        Story {
            key: ClaimId::untagged(1),
            claims: Vec::new(),
            links: Vec::new(),
            first_claim: ClaimId::untagged(1),
            speakers: Vec::new(),
            outlets: Vec::new(),
            span: span.map(|(a, b)| (date(a), date(b))),
            undated_claims: undated,
            pairs: 1,
            curated: 0,
            names: Vec::new(),
        }
    }

    #[test]
    fn dates_show_the_span_and_the_undated_claims() {
        assert_eq!(
            dates(&story(Some(("2024-02-02", "2024-02-02")), 0)),
            "2024-02-02"
        );
        assert_eq!(
            dates(&story(Some(("2024-02-02", "2024-11-21")), 2)),
            "2024-02-02 – 2024-11-21 + 2 undated"
        );
        assert_eq!(dates(&story(None, 3)), "3 undated");
    }
}
