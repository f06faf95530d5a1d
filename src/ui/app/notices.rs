//! Notices: short messages in the corner of the window. Information fades
//! out after a few seconds (hovering one holds it while it is read); errors
//! stay until dismissed, so a failed save or a refused edit is not missed
//! while the analyst looks elsewhere.

use std::time::{Duration, Instant};

use super::App;

/// A message shown in the corner of the window.
#[derive(Clone, Debug)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// When it was shown, or last hovered.
    shown: Instant,
}

impl Notice {
    /// How opaque the notice is now: 1 solid, falling to 0 as it fades;
    /// `None` once it is gone. Errors never fade.
    pub fn opacity(&self) -> Option<f32> {
        opacity(self.shown.elapsed(), self.is_error)
    }
}

/// Information stays solid this long, then fades out over [`FADE`].
const SOLID: Duration = Duration::from_secs(5);
const FADE: Duration = Duration::from_millis(1500);
/// At most this many at once; the oldest information goes first.
const MAX_NOTICES: usize = 4;

fn opacity(age: Duration, is_error: bool) -> Option<f32> {
    if is_error || age <= SOLID {
        return Some(1.0);
    }
    let faded = (age - SOLID).as_secs_f32() / FADE.as_secs_f32();
    (faded < 1.0).then_some(1.0 - faded)
}

/// Adds a notice. The same message again refreshes the newest one instead
/// of piling up copies; over [`MAX_NOTICES`], the oldest information goes
/// (else the oldest error).
fn push(notices: &mut Vec<Notice>, text: String, is_error: bool) {
    let now = Instant::now();
    if let Some(last) = notices.last_mut()
        && last.text == text
        && last.is_error == is_error
    {
        last.shown = now;
        return;
    }
    notices.push(Notice {
        text,
        is_error,
        shown: now,
    });
    if notices.len() > MAX_NOTICES {
        let oldest = notices.iter().position(|n| !n.is_error).unwrap_or(0);
        notices.remove(oldest);
    }
}

impl App {
    pub(super) fn notify(&mut self, text: String) {
        push(&mut self.notices, text, false);
    }

    pub(super) fn error(&mut self, text: String) {
        push(&mut self.notices, text, true);
    }

    pub(super) fn notices_ui(&mut self, ctx: &egui::Context) {
        self.notices.retain(|n| n.opacity().is_some());
        if self.notices.is_empty() {
            return;
        }
        if self.notices.iter().any(|n| !n.is_error) {
            // Fading needs frames; errors alone wait for a click.
            ctx.request_repaint_after(Duration::from_millis(50));
        }
        let mut dismiss = None;
        egui::Area::new(egui::Id::unique("notices"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -40.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for (i, notice) in self.notices.iter_mut().enumerate() {
                    if notice_ui(ui, notice) {
                        dismiss = Some(i);
                    }
                }
            });
        if let Some(i) = dismiss {
            self.notices.remove(i);
        }
    }
}

/// Draws one notice, fading; hovering holds it. True when dismissed.
fn notice_ui(ui: &mut egui::Ui, notice: &mut Notice) -> bool {
    let visuals = ui.visuals();
    let (fill, text) = if notice.is_error {
        (
            visuals.error_fg_color.gamma_multiply(0.18),
            visuals.error_fg_color,
        )
    } else {
        (visuals.extreme_bg_color, visuals.text_color())
    };
    let mut dismissed = false;
    let frame = ui.scope(|ui| {
        ui.multiply_opacity(notice.opacity().unwrap_or(0.0));
        egui::Frame::popup(ui.style()).fill(fill).show(ui, |ui| {
            ui.set_max_width(460.0);
            ui.horizontal(|ui| {
                ui.add(egui::Label::new(egui::RichText::new(&notice.text).color(text)).wrap());
                dismissed = ui.small_button("×").on_hover_text("Dismiss").clicked();
            });
        })
    });
    if frame.inner.response.contains_pointer() {
        notice.shown = Instant::now();
    }
    dismissed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn information_stays_solid_then_fades_out() {
        assert_eq!(opacity(Duration::ZERO, false), Some(1.0));
        assert_eq!(opacity(SOLID, false), Some(1.0));
        let halfway = opacity(SOLID + FADE / 2, false).expect("still shown");
        assert!((halfway - 0.5).abs() < 0.01, "{halfway}");
        assert_eq!(opacity(SOLID + FADE, false), None);
    }

    #[test]
    fn errors_stay_until_dismissed() {
        assert_eq!(opacity(Duration::from_secs(3600), true), Some(1.0));
    }

    #[test]
    fn the_oldest_information_makes_room_and_repeats_do_not_pile_up() {
        let mut notices = Vec::new();
        push(&mut notices, "save failed".into(), true);
        for text in ["a", "b", "b", "c", "d"] {
            push(&mut notices, text.into(), false);
        }
        let texts: Vec<&str> = notices.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["save failed", "b", "c", "d"]);
        for text in ["e", "f", "g", "h"] {
            push(&mut notices, text.into(), true);
        }
        let texts: Vec<&str> = notices.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["e", "f", "g", "h"]);
    }
}
