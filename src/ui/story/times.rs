//! Response times: per story and per speaker (the speaker who responds),
//! the median days to respond, the fastest and the slowest response (a
//! click selects that pair), and per speaker the claims nobody has answered
//! more than N days after they appeared.

use std::sync::Arc;

use egui_extras::{Column, TableBuilder};

use super::{StoryState, building_ui, updating_ui};
use crate::model::{LinkId, Overdue, Project, ResponseTimes, SpeakerTimes, Story};
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::jobs::StoryTimes;
use crate::ui::widgets::shorten;

/// The overdue rule's setting.
pub(super) struct TimesState {
    after_days: i64,
}

impl Default for TimesState {
    fn default() -> Self {
        // The command line's default (`riposte stories --speakers`).
        TimesState { after_days: 7 }
    }
}

impl TimesState {
    /// Unanswered after `after_days`, counted to today.
    pub(super) fn overdue(&self) -> Overdue {
        Overdue {
            as_of: crate::clock::now().date_naive(),
            after_days: self.after_days,
        }
    }
}

pub(super) fn ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut StoryState,
    updating: bool,
    actions: &mut Vec<Action>,
) {
    header_ui(ui, &mut state.times, updating);
    let times = state.times_data.as_ref().map(|(_, t)| Arc::clone(t));
    let stories = state.base.as_ref().map(|b| Arc::clone(&b.stories));
    let (Some(times), Some(stories)) = (times, stories) else {
        return building_ui(ui, "the response times");
    };
    // The times list is parallel to the stories it was built with; while a
    // newer result is on its way the two may differ in length.
    let count = stories.len().min(times.stories.len());
    let per_story = &stories.as_slice()[..count];
    ui.columns(2, |columns| {
        stories_table_ui(&mut columns[0], per_story, &times, actions);
        speakers_table_ui(&mut columns[1], &doc.project, &times, actions);
    });
}

fn header_ui(ui: &mut egui::Ui, state: &mut TimesState, updating: bool) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Response times").strong());
        ui.label(
            egui::RichText::new("calendar days from a claim's article to its response's")
                .small()
                .weak(),
        );
        updating_ui(ui, updating);
        ui.separator();
        let label = ui.label("Unanswered after (days)");
        ui.add(egui::DragValue::new(&mut state.after_days).range(0..=3650))
            .labelled_by(label.id)
            .on_hover_text("Count a claim as unanswered once this many days have passed");
    });
}

fn table<'a>(ui: &'a mut egui::Ui, id: &str, first: f32, columns: usize) -> TableBuilder<'a> {
    let mut table = TableBuilder::new(ui)
        .id_salt(id)
        .striped(true)
        .resizable(true)
        .auto_shrink([false, false])
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(first).at_least(80.0).clip(true));
    for _ in 1..columns {
        table = table.column(Column::auto().at_least(44.0));
    }
    table
}

fn header_row(header: &mut egui_extras::TableRow<'_, '_>, names: &[&str]) {
    for name in names {
        header.col(|ui| {
            ui.label(egui::RichText::new(*name).strong());
        });
    }
}

fn stories_table_ui(
    ui: &mut egui::Ui,
    stories: &[Story],
    times: &StoryTimes,
    actions: &mut Vec<Action>,
) {
    ui.label(egui::RichText::new("Per story").strong());
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let names = ["Story", "Pairs", "Median", "Fastest", "Slowest"];
    table(ui, "times_per_story", 220.0, names.len())
        .header(row_height, |mut header| header_row(&mut header, &names))
        .body(|body| {
            body.rows(row_height, stories.len(), |mut row| {
                let index = row.index();
                let (story, story_times) = (&stories[index], &times.stories[index]);
                row.col(|ui| {
                    ui.add(egui::Label::new(shorten(&story.title(), 60)).truncate());
                });
                times_cells_ui(&mut row, story_times, actions);
            });
        });
}

fn speakers_table_ui(
    ui: &mut egui::Ui,
    project: &Project,
    times: &StoryTimes,
    actions: &mut Vec<Action>,
) {
    ui.label(egui::RichText::new("Per speaker (who responds)").strong());
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let after = times.overdue.map_or(0, |o| o.after_days);
    let unanswered = format!("Unanswered > {after} d");
    let names = [
        "Speaker",
        "Pairs",
        "Median",
        "Fastest",
        "Slowest",
        &unanswered,
    ];
    let speakers = &times.speakers;
    table(ui, "times_per_speaker", 180.0, names.len())
        .header(row_height, |mut header| header_row(&mut header, &names))
        .body(|body| {
            body.rows(row_height, speakers.len(), |mut row| {
                let speaker = &speakers[row.index()];
                row.col(|ui| {
                    let name = match speaker.speaker.as_str() {
                        "" => "(speaker not recorded)",
                        name => name,
                    };
                    ui.add(egui::Label::new(name).truncate());
                });
                times_cells_ui(&mut row, &speaker.responses, actions);
                row.col(|ui| unanswered_ui(ui, project, speaker, actions));
            });
        });
}

/// Pairs, median, fastest and slowest.
fn times_cells_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    times: &ResponseTimes,
    actions: &mut Vec<Action>,
) {
    row.col(|ui| {
        ui.label(pairs_text(times));
    });
    row.col(|ui| {
        ui.label(times.median_days.map_or_else(|| "–".into(), median_text));
    });
    for (extreme, what) in [(times.fastest, "fastest"), (times.slowest, "slowest")] {
        row.col(|ui| extreme_ui(ui, extreme, what, actions));
    }
}

/// "3" or "3 (1 undated)".
fn pairs_text(times: &ResponseTimes) -> String {
    match times.undated {
        0 => times.dated.to_string(),
        n => format!("{} ({n} undated)", times.dated),
    }
}

/// "2 d", "2.5 d".
fn median_text(days: f64) -> String {
    if days.fract() == 0.0 {
        format!("{days:.0} d")
    } else {
        format!("{days:.1} d")
    }
}

/// The fastest or slowest response, as a link that selects its pair.
fn extreme_ui(
    ui: &mut egui::Ui,
    extreme: Option<(i64, LinkId)>,
    what: &str,
    actions: &mut Vec<Action>,
) {
    let Some((days, link)) = extreme else {
        ui.label("–");
        return;
    };
    let response = ui.link(format!("{days} d")).on_hover_text(format!(
        "The {what} response: pair {link}; click to select it"
    ));
    if response.clicked() {
        actions.push(Action::SelectLink(Some(link)));
    }
}

/// How many of the speaker's claims are unanswered, with the first few in
/// the tooltip; a click opens the first.
fn unanswered_ui(
    ui: &mut egui::Ui,
    project: &Project,
    speaker: &SpeakerTimes,
    actions: &mut Vec<Action>,
) {
    let count = speaker.unanswered.len();
    let mut text = count.to_string();
    if speaker.unanswered_undated > 0 {
        text.push_str(&format!(" (+{} undated)", speaker.unanswered_undated));
    }
    let Some(&first) = speaker.unanswered.first() else {
        ui.label(text);
        return;
    };
    let response = ui.link(text).on_hover_ui(|ui| {
        for &claim in speaker.unanswered.iter().take(8) {
            let quote = project
                .claim(claim)
                .map_or_else(String::new, |c| shorten(&c.anchor.quote, 80));
            ui.label(format!("{claim} “{quote}”"));
        }
        if count > 8 {
            ui.label(format!("… and {} more", count - 8));
        }
    });
    if response.clicked() {
        actions.push(Action::JumpToClaim(first));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_pair_counts_read_as_days() {
        assert_eq!(median_text(2.0), "2 d");
        assert_eq!(median_text(2.5), "2.5 d");
        let times = ResponseTimes {
            dated: 3,
            undated: 1,
            ..ResponseTimes::default()
        };
        assert_eq!(pairs_text(&times), "3 (1 undated)");
    }
}
