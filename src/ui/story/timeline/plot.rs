//! The timeline's plot: egui_plot gives the axes, zoom and pan; what is in
//! view (`scene.rs`) is painted over it (`paint.rs`), then the pointer is
//! read: hovering a claim, a pair or a bucket shows what it is; a click on
//! a pair selects it and opens it in the reading view, on a claim selects
//! the claim, on a bucket zooms into it.

use egui_plot::{Plot, PlotTransform};

use super::TimelineInput;
use super::axis::{self, x_of};
use super::paint::{self, Painted, select_pair};
use super::scene::{self, Hovered, Scene, View};
use crate::model::{DAY_SECONDS, Density, Timeline};
use crate::ui::action::Action;
use crate::ui::jobs::TimelineData;

/// View changes asked for outside the plot (buttons, a new timeline, a
/// click on a bucket), applied on the plot's next frame.
#[derive(Clone, Debug, Default)]
pub(super) struct ViewRequest {
    /// Show the whole timeline.
    pub fit: bool,
    /// Zoom the time axis by this factor around the middle.
    pub zoom: Option<f32>,
    /// Show these days.
    pub x_range: Option<(f64, f64)>,
}

/// The least height of a lane in the fitted view, in points.
const LANE_PX: f32 = 30.0;
/// How near the pointer must be to a point (a pair's line), in points.
const POINT_REACH: f64 = 7.0;
const ARROW_REACH: f64 = 5.0;
const BUCKET_REACH: f64 = 11.0;

pub(super) fn ui(
    ui: &mut egui::Ui,
    input: &TimelineInput<'_>,
    data: &TimelineData,
    view_request: &mut ViewRequest,
    actions: &mut Vec<Action>,
) {
    let timeline = &data.timeline;
    let request = std::mem::take(view_request);
    let lanes = timeline.lanes.len();
    let response = plot(ui, timeline, &request).show(ui, move |plot_ui| {
        fit_lanes(plot_ui, lanes);
        if let Some(factor) = request.zoom {
            let center = plot_ui.plot_bounds().center();
            plot_ui.zoom_bounds(egui::vec2(factor, 1.0), center);
        }
        if let Some((start, end)) = request.x_range {
            plot_ui.set_plot_bounds_x(start..=end);
        }
    });
    let transform = response.transform;
    let view = view_of(&transform);
    let scene = scene::scene(timeline, &data.density, &view);
    let painter = ui.painter_at(*transform.frame());
    let hovered = response
        .response
        .hover_pos()
        .and_then(|pos| hovered(timeline, &scene, &view, &transform, pos));
    let painted = Painted {
        timeline,
        doc: input.doc,
        selected: input.selected,
        hovered,
        transform: &transform,
        plot_id: response.response.id,
    };
    paint::lanes(&painter, &painted, &view);
    paint::scene(ui, &painter, &painted, &scene, actions);
    if let Some(days) = pointer_ui(&response.response, &painted, &scene, actions) {
        view_request.x_range = Some(days);
    }
}

/// The plot, with its axes and bounds; reset to the whole timeline when
/// asked.
fn plot<'a>(ui: &egui::Ui, timeline: &'a Timeline, request: &ViewRequest) -> Plot<'a> {
    let (x_min, x_max) = whole_x(timeline);
    let lanes = timeline.lanes.len();
    let fitting = (ui.available_height() - 40.0) / LANE_PX;
    let shown = (fitting.floor() as usize).clamp(1, lanes.max(1));
    let plot = Plot::new("timeline_plot")
        .x_grid_spacer(axis::time_marks)
        .x_axis_formatter(axis::time_label)
        .y_grid_spacer(axis::lane_marks(lanes))
        .y_axis_formatter(axis::lane_label(&timeline.lanes))
        .x_axis_label("Published (UTC)")
        .show_grid([true, false])
        .show_x(false)
        .show_y(false)
        .allow_boxed_zoom(false)
        .allow_zoom([true, false])
        .default_x_bounds(x_min, x_max)
        .default_y_bounds(axis::lane_y(shown) + 0.5, 0.5);
    if request.fit { plot.reset() } else { plot }
}

/// Lanes fill the plot's height when they fit, else each gets
/// [`LANE_PX`] and the rest is a drag away: however the panel is resized,
/// lanes never squeeze or stretch, and the view never leaves them.
fn fit_lanes(plot_ui: &mut egui_plot::PlotUi<'_>, lanes: usize) {
    let height = f64::from(plot_ui.transform().frame().height()).max(1.0);
    let lanes = lanes.max(1) as f64;
    let px_per_lane = (height / lanes).max(f64::from(LANE_PX));
    let span = height / px_per_lane;
    let lowest_top = axis::lane_y(lanes as usize) + 0.5 + span;
    let top = plot_ui.plot_bounds().max()[1]
        .min(0.5)
        .max(lowest_top.min(0.5));
    plot_ui.set_plot_bounds_y(top - span..=top);
}

/// The days the fitted view shows: every dated claim, with a margin.
fn whole_x(timeline: &Timeline) -> (f64, f64) {
    let (first, last) = match timeline.span {
        Some(span) => span,
        // Only undated claims: the model spreads them over a day each.
        None => (0, DAY_SECONDS * (timeline.points.len() as i64 + 1)),
    };
    let (first, last) = (x_of(first), x_of(last));
    let margin = ((last - first) * 0.04).max(1.0);
    (first - margin, last + margin)
}

fn view_of(transform: &PlotTransform) -> View {
    let bounds = transform.bounds();
    let [x_min, y_min] = bounds.min();
    let [x_max, y_max] = bounds.max();
    View {
        x: (x_min, x_max),
        y: (y_min, y_max),
        px_per_day: transform.dpos_dvalue_x().abs(),
        px_per_lane: transform.dpos_dvalue_y().abs(),
    }
}

fn hovered(
    timeline: &Timeline,
    scene: &Scene,
    view: &View,
    transform: &PlotTransform,
    pos: egui::Pos2,
) -> Option<Hovered> {
    let at = transform.value_from_position(pos);
    let at = (at.x, at.y);
    match scene {
        Scene::Detail { arrows, .. } => scene::point_near(timeline, view, at, POINT_REACH)
            .map(Hovered::Point)
            .or_else(|| {
                scene::arrow_near(timeline, view, arrows, at, ARROW_REACH).map(Hovered::Arrow)
            }),
        Scene::Buckets { level, buckets } => {
            scene::bucket_near(*level, buckets, view, at, BUCKET_REACH).map(Hovered::Bucket)
        }
    }
}

/// The tooltip of what is hovered, and what a click on it does: the days
/// to show next when the click was on a bucket.
fn pointer_ui(
    response: &egui::Response,
    painted: &Painted<'_>,
    scene: &Scene,
    actions: &mut Vec<Action>,
) -> Option<(f64, f64)> {
    let hovered = painted.hovered?;
    let response = response
        .clone()
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    response
        .clone()
        .on_hover_ui_at_pointer(|ui| paint::tooltip_ui(ui, painted, scene, hovered));
    if !response.clicked() {
        return None;
    }
    let timeline = painted.timeline;
    match (hovered, scene) {
        (Hovered::Point(p), _) => {
            let claim = timeline.points[p].claim;
            actions.push(Action::SelectClaim(Some(claim)));
            actions.push(Action::JumpToClaim(claim));
        }
        (Hovered::Arrow(a), _) => select_pair(timeline, a, actions),
        (Hovered::Bucket(b), Scene::Buckets { level, buckets }) => {
            return Some(bucket_days(*level, &buckets[b].1));
        }
        (Hovered::Bucket(_), Scene::Detail { .. }) => {}
    }
    None
}

/// The days a bucket spans, with half a day on each side.
fn bucket_days(level: usize, bucket: &crate::model::Bucket) -> (f64, f64) {
    let end = bucket.start.saturating_add(Density::width(level));
    (x_of(bucket.start) - 0.5, x_of(end) + 0.5)
}
