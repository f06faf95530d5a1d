//! How the reading view looks: font, measure, spacing and highlight colours
//! for light and dark themes.

use egui::{Color32, FontFamily, FontId, Stroke, TextFormat};

use super::HighlightLook;

/// Typography and palette of the reading view. Changing it re-lays out the
/// article.
#[derive(Clone, Debug)]
pub struct ReadingStyle {
    /// Body font size in points; `None` follows the `Ui`'s
    /// `TextStyle::Body` size (so a reading-size preference set on the
    /// enclosing `Ui` applies).
    pub font_size: Option<f32>,
    /// Row height as a multiple of the font size.
    pub line_spacing: f32,
    /// The widest the text column gets (about 75 characters at 16.5 pt).
    pub max_text_width: f32,
    /// Space between paragraphs as a multiple of the font size.
    pub paragraph_spacing: f32,
    /// The background of a highlight by look and dark mode (the app passes
    /// its theme's function so the help legend and the text agree).
    pub highlight_fill: fn(HighlightLook, bool) -> Color32,
}

impl Default for ReadingStyle {
    fn default() -> Self {
        ReadingStyle {
            font_size: None,
            line_spacing: 1.5,
            max_text_width: 720.0,
            paragraph_spacing: 0.9,
            highlight_fill: default_fill,
        }
    }
}

/// What the layout depends on, resolved for one `Ui` (comparable, so a
/// change is detected and the article re-laid out).
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    pub font_size: f32,
    pub row_height: f32,
    pub paragraph_gap: f32,
    /// `highlight_fill` of each look (in `LOOKS` order) for the theme.
    pub fills: [Color32; 4],
}

const LOOKS: [HighlightLook; 4] = [
    HighlightLook::Unanswered,
    HighlightLook::Answered,
    HighlightLook::Response,
    HighlightLook::Flagged,
];

impl ReadingStyle {
    pub fn metrics(&self, ui: &egui::Ui) -> Metrics {
        let body = ui
            .style()
            .text_styles
            .get(&egui::TextStyle::Body)
            .map_or(16.5, |f| f.size);
        let font_size = self.font_size.unwrap_or(body).clamp(6.0, 96.0);
        let dark = ui.visuals().dark_mode;
        Metrics {
            font_size,
            row_height: (font_size * self.line_spacing).round(),
            paragraph_gap: (font_size * self.paragraph_spacing).round(),
            fills: LOOKS.map(|look| (self.highlight_fill)(look, dark)),
        }
    }
}

impl Metrics {
    pub fn font_id(&self) -> FontId {
        FontId::new(self.font_size, FontFamily::Proportional)
    }

    /// The format of plain text.
    pub fn base_format(&self, text_color: Color32) -> TextFormat {
        TextFormat {
            line_height: Some(self.row_height),
            ..TextFormat::simple(self.font_id(), text_color)
        }
    }

    fn fill(&self, look: HighlightLook) -> Color32 {
        let i = LOOKS.iter().position(|l| *l == look).unwrap_or(0);
        self.fills[i]
    }
}

/// The default palette: translucent amber, blue, green and red over the
/// page (the help legend shows it through the theme's `highlight_color`).
pub fn default_fill(look: HighlightLook, dark: bool) -> Color32 {
    let (r, g, b) = match (look, dark) {
        (HighlightLook::Unanswered, false) => (255, 184, 0),
        (HighlightLook::Unanswered, true) => (255, 170, 30),
        (HighlightLook::Answered, false) => (60, 130, 246),
        (HighlightLook::Answered, true) => (90, 150, 255),
        (HighlightLook::Response, false) => (34, 170, 80),
        (HighlightLook::Response, true) => (60, 200, 110),
        (HighlightLook::Flagged, false) => (220, 38, 38),
        (HighlightLook::Flagged, true) => (250, 80, 80),
    };
    let alpha = if dark { 110 } else { 120 };
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// Makes a fill stand out more by `amount` (0..1): more opaque, and for
/// opaque fills darker in light mode or lighter in dark mode.
fn emphasise(color: Color32, dark: bool, amount: f32) -> Color32 {
    if amount <= 0.0 {
        return color;
    }
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let alpha = a as f32 + (255.0 - a as f32) * amount.min(1.0);
    let target = if dark { 255.0 } else { 0.0 };
    let shade = if a == 255 { amount * 0.5 } else { 0.0 };
    let mix = |c: u8| (c as f32 + (target - c as f32) * shade).round() as u8;
    Color32::from_rgba_unmultiplied(mix(r), mix(g), mix(b), alpha.round() as u8)
}

/// The format of a run covered by `depth` highlights whose innermost has
/// `look`; `selected` is the selected claim's look when it covers the run:
/// the run is then filled more strongly and underlined in the text colour
/// (and outlined by the painter), so the selected claim's whole extent
/// stands out even where other claims nest inside it.
pub fn highlight_format(
    base: &TextFormat,
    metrics: &Metrics,
    look: HighlightLook,
    depth: usize,
    selected: Option<HighlightLook>,
    dark: bool,
) -> TextFormat {
    // Nested runs get a little deeper so nesting stays visible.
    let nesting = depth.saturating_sub(1).min(3) as f32 * 0.12;
    let strength = if selected.is_some() { 0.45 } else { 0.0 };
    let underline = match (look, selected) {
        (_, Some(_)) => Stroke::new(2.0, base.color),
        (HighlightLook::Flagged, None) => Stroke::new(
            1.5,
            if dark {
                Color32::from_rgb(250, 90, 90)
            } else {
                Color32::from_rgb(200, 30, 30)
            },
        ),
        (_, None) => Stroke::NONE,
    };
    TextFormat {
        background: emphasise(metrics.fill(look), dark, nesting + strength),
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

/// The outline drawn around the selected claim.
pub fn selected_outline(text_color: Color32) -> Stroke {
    Stroke::new(1.5, text_color.gamma_multiply(0.8))
}

/// The mark's outline (the current suggested response): magenta, a hue
/// no claim look (amber, blue, green, red) and no overlay uses, thicker
/// than the selected claim's.
pub fn mark_outline(dark: bool) -> Stroke {
    if dark {
        Stroke::new(2.0, Color32::from_rgb(240, 110, 230))
    } else {
        Stroke::new(2.0, Color32::from_rgb(190, 30, 170))
    }
}

/// A faint tint inside the mark, so it shows on unmarked text too.
pub fn mark_fill(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(240, 110, 230, 40)
    } else {
        Color32::from_rgba_unmultiplied(190, 30, 170, 30)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Metrics {
        Metrics {
            font_size: 16.0,
            row_height: 24.0,
            paragraph_gap: 14.0,
            fills: LOOKS.map(|l| default_fill(l, false)),
        }
    }

    #[test]
    fn selected_and_nested_runs_are_stronger_than_plain_ones() {
        let m = metrics();
        let base = m.base_format(Color32::BLACK);
        let look = HighlightLook::Answered;
        let plain = highlight_format(&base, &m, look, 1, None, false);
        let nested = highlight_format(&base, &m, look, 2, None, false);
        let selected = highlight_format(&base, &m, look, 1, Some(look), false);
        assert_eq!(plain.background, default_fill(look, false), "legend colour");
        assert!(nested.background.a() > plain.background.a());
        assert!(selected.background.a() > nested.background.a());
        assert!(selected.underline.width > 0.0 && plain.underline.width == 0.0);
        let flagged = highlight_format(&base, &m, HighlightLook::Flagged, 1, None, false);
        assert!(flagged.underline.width > 0.0, "flagged is underlined");
    }

    #[test]
    fn opaque_palettes_are_emphasised_by_shade() {
        let opaque = Color32::from_rgb(255, 226, 140);
        let light = emphasise(opaque, false, 0.4);
        let dark = emphasise(Color32::from_rgb(110, 90, 20), true, 0.4);
        assert!(light.r() < 255 && light.a() == 255);
        assert!(dark.g() > 90);
    }
}
