//! Light and dark looks, the reading font size, and the colours that mean
//! something (relations, statuses, highlight roles).

use egui::{Color32, ThemePreference};
use serde::{Deserialize, Serialize};

use crate::model::{Relation, Status};
use crate::ui::reading_view::HighlightLook;

/// The analyst's theme choice; follows the system by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    pub fn next(self) -> ThemeChoice {
        match self {
            ThemeChoice::System => ThemeChoice::Light,
            ThemeChoice::Light => ThemeChoice::Dark,
            ThemeChoice::Dark => ThemeChoice::System,
        }
    }

    pub fn apply(self, ctx: &egui::Context) {
        ctx.set_theme(match self {
            ThemeChoice::System => ThemePreference::System,
            ThemeChoice::Light => ThemePreference::Light,
            ThemeChoice::Dark => ThemePreference::Dark,
        });
    }
}

pub const DEFAULT_READING_SIZE: f32 = 17.0;
pub const READING_SIZES: std::ops::RangeInclusive<f32> = 12.0..=30.0;

/// Spacing and rounding tuned for long reading sessions, on both themes.
pub fn install(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
        style.spacing.interact_size.y = 22.0;
        for (text_style, size) in [
            (egui::TextStyle::Body, 14.5),
            (egui::TextStyle::Button, 14.0),
            (egui::TextStyle::Small, 11.5),
            (egui::TextStyle::Heading, 20.0),
        ] {
            if let Some(font) = style.text_styles.get_mut(&text_style) {
                font.size = size;
            }
        }
    });
}

/// A colour per relation, for chips in the inspector and the pairs table.
pub fn relation_color(relation: Relation, dark: bool) -> Color32 {
    let (light, dark_color) = match relation {
        Relation::Denies => (
            Color32::from_rgb(180, 40, 40),
            Color32::from_rgb(240, 110, 100),
        ),
        Relation::Refutes => (
            Color32::from_rgb(170, 70, 0),
            Color32::from_rgb(245, 150, 80),
        ),
        Relation::Contradicts => (
            Color32::from_rgb(130, 60, 150),
            Color32::from_rgb(200, 140, 230),
        ),
        Relation::Corrects => (
            Color32::from_rgb(30, 100, 170),
            Color32::from_rgb(110, 170, 240),
        ),
        Relation::Retracts => (
            Color32::from_rgb(90, 90, 90),
            Color32::from_rgb(180, 180, 180),
        ),
        Relation::Supports => (
            Color32::from_rgb(30, 120, 60),
            Color32::from_rgb(110, 200, 130),
        ),
    };
    if dark { dark_color } else { light }
}

pub fn status_color(status: Status, dark: bool) -> Color32 {
    match (status, dark) {
        (Status::Draft, false) => Color32::from_rgb(120, 110, 40),
        (Status::Draft, true) => Color32::from_rgb(220, 200, 110),
        (Status::Curated, false) => Color32::from_rgb(30, 120, 60),
        (Status::Curated, true) => Color32::from_rgb(110, 200, 130),
        (Status::Rejected, false) => Color32::from_rgb(150, 50, 50),
        (Status::Rejected, true) => Color32::from_rgb(220, 120, 120),
    }
}

/// The colour of a highlight of this look, as the reading view tints it:
/// the reading view's own palette, so the help legend cannot drift from it.
pub fn highlight_color(look: HighlightLook, dark: bool) -> Color32 {
    crate::ui::reading_view::default_fill(look, dark)
}

/// Emphasis for a quote inside its paragraph (the pair view).
pub fn quote_background(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(90, 75, 25)
    } else {
        Color32::from_rgb(255, 236, 170)
    }
}
