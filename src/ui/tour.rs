//! The getting-started tour: a few short steps over the open project (the
//! demo on a first run): where to select text, marking a claim, pairing it
//! with a response, and the pairs table. Keys come from the command list,
//! so the tour follows it. The window is not modal: the analyst can try
//! each step while it is open.

use crate::model::Relation;
use crate::ui::commands::{Command, relation_keys, shortcut_text};

/// Where a step points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The reading view (the open article) in the middle.
    Reader,
    /// The pairs table at the bottom.
    Pairs,
}

/// The screen areas the steps point at, as last drawn.
#[derive(Clone, Copy, Debug, Default)]
pub struct TourTargets {
    pub reader: Option<egui::Rect>,
    pub pairs: Option<egui::Rect>,
}

impl TourTargets {
    fn rect(&self, target: Target) -> Option<egui::Rect> {
        match target {
            Target::Reader => self.reader,
            Target::Pairs => self.pairs,
        }
    }
}

/// The tour while it is shown: which step.
#[derive(Clone, Debug, Default)]
pub struct Tour {
    step: usize,
}

/// What the tour window did this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TourOutcome {
    Open,
    /// Skipped, closed or finished: remembered as seen.
    Dismissed,
}

struct Step {
    title: &'static str,
    text: String,
    target: Target,
}

fn steps(ctx: &egui::Context) -> Vec<Step> {
    let key = |command| shortcut_text(ctx, command);
    // "Supports 1": a relation's name and its key, as the command list has it.
    let named_key = |relation: Option<&Relation>| {
        relation.map_or_else(String::new, |r| {
            format!("{} {}", r.name(), key(Command::Respond(*r)))
        })
    };
    let first = named_key(Relation::ALL.first());
    let last = named_key(Relation::ALL.last());
    vec![
        Step {
            title: "Select a quote",
            text: "Drag over text in the article in the middle to select what someone claims. \
                   Coloured highlights are claims already marked: click one to make it the \
                   pending claim. If this is the demo, it is your own copy, kept in your data \
                   folder: try anything."
                .into(),
            target: Target::Reader,
        },
        Step {
            title: "Mark it as a claim",
            text: format!(
                "With text selected, press {} (or Mark claim above the text). The claim becomes \
                 the pending claim, shown in the bar above the article.",
                key(Command::MarkClaim)
            ),
            target: Target::Reader,
        },
        Step {
            title: "Pair it with its response",
            text: format!(
                "Select the text that answers it, in this article or another, and press {} for \
                 how it answers ({} … {}). Claim, response and link are one step: {} undoes it.",
                relation_keys(ctx),
                first,
                last,
                key(Command::Undo)
            ),
            target: Target::Reader,
        },
        Step {
            title: "The pairs table",
            text: format!(
                "Every claim → response pair is a row here: filter it, click a row to see both \
                 quotes, curate it with {}. {} exports the pairs; {} lists every shortcut.",
                key(Command::SetStatus(crate::model::Status::Curated)),
                key(Command::Export),
                key(Command::Help)
            ),
            target: Target::Pairs,
        },
    ]
}

/// Draws the tour over the window, pointing at its step's target.
pub fn ui(ctx: &egui::Context, tour: &mut Tour, targets: &TourTargets) -> TourOutcome {
    let steps = steps(ctx);
    let count = steps.len();
    let Some(step) = steps.get(tour.step) else {
        return TourOutcome::Dismissed;
    };
    let target = targets.rect(step.target);
    if let Some(rect) = target {
        outline_ui(ctx, rect);
    }
    let mut open = true;
    let mut outcome = TourOutcome::Open;
    let window = egui::Window::new("Getting started")
        .id(egui::Id::unique("tour"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(380.0);
    let window = match target {
        Some(rect) => place(window, step.target, rect),
        None => window
            .pivot(egui::Align2::CENTER_CENTER)
            .fixed_pos(ctx.content_rect().center()),
    };
    window.show(ctx, |ui| {
        ui.set_max_width(380.0);
        ui.label(egui::RichText::new(format!("{} of {count}", tour.step + 1)).weak());
        ui.heading(step.title);
        ui.add(egui::Label::new(&step.text).wrap());
        ui.add_space(8.0);
        outcome = buttons_ui(ui, tour, count);
    });
    if open {
        outcome
    } else {
        TourOutcome::Dismissed
    }
}

/// Reading steps sit in the lower right corner of the article, clear of the
/// bar with Mark claim and the relation keys and of the opening lines; the
/// pairs step sits just above the table.
fn place<'a>(window: egui::Window<'a>, target: Target, rect: egui::Rect) -> egui::Window<'a> {
    match target {
        Target::Reader => window
            .pivot(egui::Align2::RIGHT_BOTTOM)
            .fixed_pos(rect.right_bottom() - egui::vec2(24.0, 20.0)),
        Target::Pairs => window
            .pivot(egui::Align2::CENTER_BOTTOM)
            .fixed_pos(rect.center_top() - egui::vec2(0.0, 12.0)),
    }
}

fn buttons_ui(ui: &mut egui::Ui, tour: &mut Tour, count: usize) -> TourOutcome {
    let mut outcome = TourOutcome::Open;
    ui.horizontal(|ui| {
        if tour.step + 1 < count {
            if ui.button("Next").clicked() {
                tour.step += 1;
            }
        } else if ui.button("Done").clicked() {
            outcome = TourOutcome::Dismissed;
        }
        if tour.step > 0 && ui.button("Back").clicked() {
            tour.step -= 1;
        }
        if tour.step + 1 < count && ui.button("Skip the tour").clicked() {
            outcome = TourOutcome::Dismissed;
        }
    });
    outcome
}

/// A ring around the area the step is about, above the panels.
fn outline_ui(ctx: &egui::Context, rect: egui::Rect) {
    let layer = egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("tour_outline"));
    let color = ctx.global_style().visuals.selection.stroke.color;
    ctx.layer_painter(layer).rect_stroke(
        rect.shrink(3.0),
        8.0,
        egui::Stroke::new(3.0, color),
        egui::StrokeKind::Inside,
    );
}
