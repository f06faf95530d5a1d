//! How the reading view looks: font, measure, spacing and highlight colours
//! for light and dark themes.

use egui::{Color32, FontFamily, FontId, Stroke, TextFormat};

use super::HighlightLook;

/// Typography of the reading view. Changing it re-lays out the article.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadingStyle {
    /// Body font size in points.
    pub font_size: f32,
    /// Row height as a multiple of the font size.
    pub line_spacing: f32,
    /// The widest the text column gets (about 75 characters at 16.5 pt).
    pub max_text_width: f32,
    /// Space between paragraphs as a multiple of the font size.
    pub paragraph_spacing: f32,
}

impl Default for ReadingStyle {
    fn default() -> Self {
        ReadingStyle {
            font_size: 16.5,
            line_spacing: 1.5,
            max_text_width: 720.0,
            paragraph_spacing: 0.9,
        }
    }
}

impl ReadingStyle {
    pub fn font_id(&self) -> FontId {
        FontId::new(self.font_size, FontFamily::Proportional)
    }

    pub fn row_height(&self) -> f32 {
        (self.font_size * self.line_spacing).round()
    }

    pub fn paragraph_gap(&self) -> f32 {
        (self.font_size * self.paragraph_spacing).round()
    }

    /// The format of plain text.
    pub fn base_format(&self, text_color: Color32) -> TextFormat {
        TextFormat {
            line_height: Some(self.row_height()),
            ..TextFormat::simple(self.font_id(), text_color)
        }
    }
}

/// The base hue of a look (opaque), tuned per theme so it reads on the
/// background.
fn hue(look: HighlightLook, dark: bool) -> Color32 {
    match (look, dark) {
        (HighlightLook::Unanswered, false) => Color32::from_rgb(255, 184, 0),
        (HighlightLook::Unanswered, true) => Color32::from_rgb(255, 170, 30),
        (HighlightLook::Answered, false) => Color32::from_rgb(60, 130, 246),
        (HighlightLook::Answered, true) => Color32::from_rgb(90, 150, 255),
        (HighlightLook::Response, false) => Color32::from_rgb(34, 170, 80),
        (HighlightLook::Response, true) => Color32::from_rgb(60, 200, 110),
        (HighlightLook::Flagged, false) => Color32::from_rgb(220, 38, 38),
        (HighlightLook::Flagged, true) => Color32::from_rgb(250, 80, 80),
    }
}

fn with_alpha(color: Color32, alpha: u8) -> Color32 {
    Color32::from_rgba_unmultiplied(color.r(), color.g(), color.b(), alpha)
}

/// The format of a run covered by `depth` highlights whose innermost has
/// `look`; `selected` is the selected claim's look when it covers the run:
/// the run is then filled strongly and underlined in the selected claim's
/// colour, so its whole extent stands out even where other claims nest.
pub fn highlight_format(
    base: &TextFormat,
    look: HighlightLook,
    depth: usize,
    selected: Option<HighlightLook>,
    dark: bool,
) -> TextFormat {
    let color = hue(look, dark);
    // Nested runs get a little deeper so nesting stays visible.
    let nesting = u8::try_from(depth.saturating_sub(1).min(3) * 22).unwrap_or(66);
    let (fill, underline): (u8, Stroke) = match (look, selected) {
        (HighlightLook::Flagged, None) => (30, Stroke::new(2.0, color)),
        (_, None) => (if dark { 70 } else { 80 }, Stroke::NONE),
        (_, Some(outer)) => (
            if dark { 150 } else { 170 },
            Stroke::new(3.0, hue(outer, dark)),
        ),
    };
    TextFormat {
        background: with_alpha(color, fill.saturating_add(nesting)),
        underline,
        ..base.clone()
    }
}

/// The colour of body text: the theme's override if it has one, else a
/// higher contrast than egui's default label grey, for long reading.
pub fn text_color(visuals: &egui::Visuals) -> Color32 {
    visuals.override_text_color.unwrap_or(if visuals.dark_mode {
        Color32::from_gray(212)
    } else {
        Color32::from_gray(28)
    })
}

/// Colour of the text-selection overlay (painted over highlights).
pub fn selection_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(120, 170, 255, 90)
    } else {
        Color32::from_rgba_unmultiplied(0, 100, 255, 70)
    }
}

/// Overlay on the claim under the pointer (it can be clicked).
pub fn hover_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(255, 255, 255, 28)
    } else {
        Color32::from_rgba_unmultiplied(0, 0, 0, 22)
    }
}

/// Colour of the scroll-to flash at full strength (`strength` in 0..=1).
pub fn flash_color(dark: bool, strength: f32) -> Color32 {
    let alpha = (strength.clamp(0.0, 1.0) * if dark { 140.0 } else { 160.0 }) as u8;
    if dark {
        Color32::from_rgba_unmultiplied(255, 255, 140, alpha)
    } else {
        Color32::from_rgba_unmultiplied(255, 230, 0, alpha)
    }
}
