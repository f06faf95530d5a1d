//! Painting the timeline's scene over the plot: lane bands, arrows coloured
//! by relation (dashed while draft, faded when rejected), claims coloured as
//! in the reading view (hollow when undated), the days between as small
//! labels that are also the pairs' buttons (each with an accessible name),
//! zoomed-out buckets, and the tooltips.

use egui::{Color32, Pos2, Rect, Shape, Stroke, Vec2};
use egui_plot::{PlotPoint, PlotTransform};

use super::Selected;
use super::axis::{lane_y, lanes_between};
use super::scene::{Hovered, Scene, View, bucket_position, point_position};
use crate::io::export::timeline_svg::days_label;
use crate::model::{Bucket, ClaimId, ClaimRole, Density, Status, TimeArrow, Timeline};
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::reading_view::HighlightLook;
use crate::ui::theme;
use crate::ui::widgets::shorten;

const POINT_RADIUS: f32 = 4.5;
const HEAD_LENGTH: f32 = 8.0;
const HEAD_HALF_WIDTH: f32 = 3.5;
/// Days labels are drawn (and are buttons) when at most this many pairs
/// are in view; beyond, they would only cover each other.
const LABEL_LIMIT: usize = 250;

/// What painting reads.
pub(super) struct Painted<'a> {
    pub timeline: &'a Timeline,
    pub doc: &'a Document,
    pub selected: Selected,
    pub hovered: Option<Hovered>,
    pub transform: &'a PlotTransform,
    pub plot_id: egui::Id,
}

impl Painted<'_> {
    fn at(&self, position: (f64, f64)) -> Pos2 {
        screen(self.transform, position)
    }

    fn point_at(&self, point: usize) -> Pos2 {
        self.at(point_position(&self.timeline.points[point]))
    }
}

/// A faint band on every other lane, and a tint on the undated lane.
pub(super) fn lanes(painter: &egui::Painter, painted: &Painted<'_>, view: &View) {
    let visuals = painter.ctx().global_style().visuals.clone();
    let band = visuals.text_color().gamma_multiply(0.05);
    let undated = visuals.warn_fg_color.gamma_multiply(0.08);
    let timeline = painted.timeline;
    for lane in lanes_between(view.y.0, view.y.1, timeline.lanes.len()) {
        let fill = match timeline.undated_lane {
            Some(u) if u == lane => undated,
            _ if lane % 2 == 1 => band,
            _ => continue,
        };
        let top = painted.at((view.x.0, lane_y(lane) + 0.5));
        let bottom = painted.at((view.x.1, lane_y(lane) - 0.5));
        painter.rect_filled(Rect::from_two_pos(top, bottom), 0.0, fill);
    }
}

pub(super) fn scene(
    ui: &egui::Ui,
    painter: &egui::Painter,
    painted: &Painted<'_>,
    scene: &Scene,
    actions: &mut Vec<Action>,
) {
    match scene {
        Scene::Detail { points, arrows } => {
            for &a in arrows {
                arrow(painter, painted, a);
            }
            if arrows.len() <= LABEL_LIMIT {
                labels(ui, painter, painted, (points, arrows), actions);
            }
            for &p in points {
                point(painter, painted, p);
            }
        }
        Scene::Buckets { level, buckets } => {
            for (i, (lane, bucket)) in buckets.iter().enumerate() {
                let hovered = painted.hovered == Some(Hovered::Bucket(i));
                bucket_shape(painter, painted, (*level, *lane), bucket, hovered);
            }
            zoomed_out_note(painter, *level);
        }
    }
    selected_arrow(painter, painted);
}

fn dark(painter: &egui::Painter) -> bool {
    painter.ctx().global_style().visuals.dark_mode
}

/// The arrow's colour and width: by relation and status, wider when
/// selected or hovered.
fn arrow_stroke(painter: &egui::Painter, painted: &Painted<'_>, a: usize) -> Stroke {
    let arrow = &painted.timeline.arrows[a];
    let mut color = theme::relation_color(arrow.relation, dark(painter));
    if arrow.status == Status::Rejected {
        color = color.gamma_multiply(0.45);
    }
    let width = if painted.selected.link == Some(arrow.link) {
        3.4
    } else if painted.hovered == Some(Hovered::Arrow(a)) {
        2.8
    } else {
        1.6
    };
    Stroke::new(width, color)
}

fn arrow(painter: &egui::Painter, painted: &Painted<'_>, a: usize) {
    let arrow = &painted.timeline.arrows[a];
    let stroke = arrow_stroke(painter, painted, a);
    let (from, to) = (painted.point_at(arrow.from), painted.point_at(arrow.to));
    let length = (to - from).length();
    if length < 2.0 * POINT_RADIUS + HEAD_LENGTH {
        // Claim and response at one spot (same lane, same moment): a loop.
        let center = from - Vec2::new(0.0, POINT_RADIUS + 4.0);
        painter.circle_stroke(center, 4.0, stroke);
        return;
    }
    let direction = (to - from) / length;
    let tip = to - direction * (POINT_RADIUS + 1.5);
    let base = tip - direction * HEAD_LENGTH;
    let start = from + direction * POINT_RADIUS;
    if arrow.status == Status::Curated {
        painter.line_segment([start, base], stroke);
    } else {
        painter.extend(Shape::dashed_line(&[start, base], stroke, 6.0, 4.0));
    }
    let side = Vec2::new(-direction.y, direction.x) * HEAD_HALF_WIDTH;
    let head = vec![tip, base + side, base - side];
    painter.add(Shape::convex_polygon(head, stroke.color, Stroke::NONE));
}

/// The selected pair, drawn on top even when out of the scene (zoomed
/// out, or its claim out of view).
fn selected_arrow(painter: &egui::Painter, painted: &Painted<'_>) {
    let Some(link) = painted.selected.link else {
        return;
    };
    let project = &painted.doc.project;
    let timeline = painted.timeline;
    let Some(point) = project.link(link).and_then(|l| timeline.point_of(l.claim)) else {
        return;
    };
    let found = timeline
        .arrows_at(point)
        .iter()
        .find(|&&a| timeline.arrows[a].link == link);
    if let Some(&a) = found {
        arrow(painter, painted, a);
    }
}

/// The colour of a claim: its highlight colour in the reading view, opaque.
fn claim_color(doc: &Document, claim: ClaimId, dark: bool) -> Color32 {
    let look = if doc.index.is_flagged(claim) {
        HighlightLook::Flagged
    } else {
        match doc.index.role(claim) {
            ClaimRole::Unanswered => HighlightLook::Unanswered,
            ClaimRole::Answered => HighlightLook::Answered,
            ClaimRole::Response => HighlightLook::Response,
        }
    };
    let [r, g, b, _] = theme::highlight_color(look, dark).to_srgba_unmultiplied();
    Color32::from_rgb(r, g, b)
}

fn point(painter: &egui::Painter, painted: &Painted<'_>, p: usize) {
    let point = &painted.timeline.points[p];
    let center = painted.point_at(p);
    let visuals = painter.ctx().global_style().visuals.clone();
    let color = claim_color(painted.doc, point.claim, visuals.dark_mode);
    if point.at.is_some() {
        let outline = Stroke::new(1.0, visuals.strong_text_color());
        painter.circle(center, POINT_RADIUS, color, outline);
    } else {
        // Undated: where it sits in time is only a guess.
        painter.circle_stroke(center, POINT_RADIUS - 0.5, Stroke::new(2.0, color));
    }
    if painted.selected.claim == Some(point.claim) {
        let ring = Stroke::new(2.0, visuals.selection.stroke.color);
        painter.circle_stroke(center, POINT_RADIUS + 3.5, ring);
    }
    if painted.hovered == Some(Hovered::Point(p)) {
        let ring = Stroke::new(1.5, visuals.strong_text_color());
        painter.circle_stroke(center, POINT_RADIUS + 2.0, ring);
    }
}

/// The days between, at the middle of each arrow where it covers neither a
/// claim nor another label; each label is the pair's button.
fn labels(
    ui: &egui::Ui,
    painter: &egui::Painter,
    painted: &Painted<'_>,
    (points, arrows): (&[usize], &[usize]),
    actions: &mut Vec<Action>,
) {
    // A label never covers a claim (nor another label).
    let claim_size = Vec2::splat(2.0 * POINT_RADIUS + 2.0);
    let mut placed: Vec<Rect> = points
        .iter()
        .map(|&p| Rect::from_center_size(painted.point_at(p), claim_size))
        .collect();
    for &a in arrows {
        let arrow = &painted.timeline.arrows[a];
        let (from, to) = (painted.point_at(arrow.from), painted.point_at(arrow.to));
        let middle = from + (to - from) / 2.0;
        let galley = painter.layout_no_wrap(
            days_label(arrow.days),
            egui::TextStyle::Small.resolve(ui.style()),
            ui.visuals().text_color(),
        );
        let rect = Rect::from_center_size(middle, galley.size() + Vec2::new(8.0, 2.0));
        if !painter.clip_rect().contains_rect(rect) || placed.iter().any(|r| r.intersects(rect)) {
            continue;
        }
        placed.push(rect);
        let stroke = arrow_stroke(painter, painted, a);
        painter.rect(
            rect,
            3.0,
            ui.visuals().extreme_bg_color,
            Stroke::new(1.0, stroke.color),
            egui::StrokeKind::Inside,
        );
        painter.galley(
            rect.center() - galley.size() / 2.0,
            galley,
            ui.visuals().text_color(),
        );
        label_button(ui, painted, a, rect, actions);
    }
}

/// The label as a button: named for screen readers and tests, a click
/// selects the pair, hovering shows it.
fn label_button(
    ui: &egui::Ui,
    painted: &Painted<'_>,
    a: usize,
    rect: Rect,
    actions: &mut Vec<Action>,
) {
    let arrow = &painted.timeline.arrows[a];
    let response = ui.interact(rect, painted.plot_id.with(arrow.link), egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, pair_name(arrow)));
    if response.clicked() {
        select_pair(painted.timeline, a, actions);
    }
    response
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_ui(|ui| pair_tooltip_ui(ui, painted, arrow));
}

/// "Pair l3: Contradicts, 293 d".
pub(super) fn pair_name(arrow: &TimeArrow) -> String {
    format!(
        "Pair {}: {}, {}",
        arrow.link,
        arrow.relation.name(),
        days_label(arrow.days)
    )
}

fn bucket_shape(
    painter: &egui::Painter,
    painted: &Painted<'_>,
    (level, lane): (usize, usize),
    bucket: &Bucket,
    hovered: bool,
) {
    let center = painted.at(bucket_position(level, lane, bucket));
    let visuals = painter.ctx().global_style().visuals.clone();
    let radius = (3.0 + 1.6 * (bucket.count.max(1) as f32).log2()).min(11.0);
    let fill = visuals.text_color().gamma_multiply(0.55);
    painter.circle_filled(center, radius, fill);
    if hovered {
        let ring = Stroke::new(1.5, visuals.strong_text_color());
        painter.circle_stroke(center, radius + 2.0, ring);
    }
}

/// Says what the circles mean when zoomed out.
fn zoomed_out_note(painter: &egui::Painter, level: usize) {
    let days = Density::width(level) / crate::model::DAY_SECONDS;
    let text = format!(
        "Zoomed out: claims counted per {days} days (larger circle, more claims); zoom in to see the pairs"
    );
    let visuals = painter.ctx().global_style().visuals.clone();
    let at = painter.clip_rect().left_top() + Vec2::new(8.0, 6.0);
    painter.text(
        at,
        egui::Align2::LEFT_TOP,
        text,
        egui::FontId::proportional(11.5),
        visuals.weak_text_color(),
    );
}

/// What the pointer is on, described.
pub(super) fn tooltip_ui(
    ui: &mut egui::Ui,
    painted: &Painted<'_>,
    scene: &Scene,
    hovered: Hovered,
) {
    ui.set_max_width(440.0);
    let timeline = painted.timeline;
    match (hovered, scene) {
        (Hovered::Point(p), _) => {
            let point = &timeline.points[p];
            claim_ui(ui, painted.doc, point.claim, "Claim");
            let links = timeline.arrows_at(p).len();
            ui.label(
                egui::RichText::new(format!("{links} pair(s) here · click to open it"))
                    .small()
                    .weak(),
            );
        }
        (Hovered::Arrow(a), _) => pair_tooltip_ui(ui, painted, &timeline.arrows[a]),
        (Hovered::Bucket(b), Scene::Buckets { buckets, .. }) => {
            let (lane, bucket) = &buckets[b];
            bucket_tooltip_ui(ui, timeline, *lane, bucket);
        }
        (Hovered::Bucket(_), Scene::Detail { .. }) => {}
    }
}

/// Both quotes of a pair, with who said them and when.
fn pair_tooltip_ui(ui: &mut egui::Ui, painted: &Painted<'_>, arrow: &TimeArrow) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        let relation = egui::RichText::new(arrow.relation.name())
            .color(theme::relation_color(arrow.relation, dark))
            .strong();
        ui.label(relation);
        ui.label(
            egui::RichText::new(arrow.status.name()).color(theme::status_color(arrow.status, dark)),
        );
        ui.label(egui::RichText::new(days_label(arrow.days)).weak());
    });
    let timeline = painted.timeline;
    claim_ui(ui, painted.doc, timeline.points[arrow.from].claim, "Claim");
    claim_ui(ui, painted.doc, timeline.points[arrow.to].claim, "Response");
    ui.label(
        egui::RichText::new("Click to open this pair")
            .small()
            .weak(),
    );
}

/// "Claim · EU Mission · 2024-08-20", the quote, and where it appeared.
fn claim_ui(ui: &mut egui::Ui, doc: &Document, claim: ClaimId, heading: &str) {
    let Some(claim) = doc.project.claim(claim) else {
        ui.label(format!("{heading} {claim} (deleted)"));
        return;
    };
    let article = doc.project.article(claim.article);
    let when = article
        .and_then(|a| a.meta.published)
        .map_or_else(|| "undated".to_string(), |p| p.to_string());
    let speaker = match claim.info.speaker.trim() {
        "" => "speaker not recorded",
        speaker => speaker,
    };
    ui.label(egui::RichText::new(format!("{heading} · {speaker} · {when}")).strong());
    ui.label(egui::RichText::new(format!("“{}”", shorten(&claim.anchor.quote, 280))).italics());
    if let Some(article) = article {
        let outlet = article.meta.outlet.trim();
        let source = if outlet.is_empty() {
            shorten(&article.meta.title, 80)
        } else {
            format!("{outlet}: {}", shorten(&article.meta.title, 80))
        };
        ui.label(egui::RichText::new(source).small().weak());
    }
}

fn bucket_tooltip_ui(ui: &mut egui::Ui, timeline: &Timeline, lane: usize, bucket: &Bucket) {
    let lane = timeline.lanes.get(lane).map_or("", String::as_str);
    ui.label(egui::RichText::new(format!("{} claim(s) · {lane}", bucket.count)).strong());
    let date = |position: usize| {
        timeline
            .points
            .get(position)
            .and_then(|p| p.published)
            .map_or_else(|| "undated".to_string(), |p| p.date.to_string())
    };
    let (first, last) = (date(bucket.first), date(bucket.end.saturating_sub(1)));
    let span = if first == last {
        first
    } else {
        format!("{first} – {last}")
    };
    ui.label(span);
    ui.label(egui::RichText::new("Click to zoom in").small().weak());
}

/// Selects the pair of arrow `a` and opens its claim in the reading view.
pub(super) fn select_pair(timeline: &Timeline, a: usize, actions: &mut Vec<Action>) {
    let arrow = &timeline.arrows[a];
    actions.push(Action::SelectLink(Some(arrow.link)));
    actions.push(Action::JumpToClaim(timeline.points[arrow.from].claim));
}

/// The screen position of a plot position.
fn screen(transform: &PlotTransform, (x, y): (f64, f64)) -> egui::Pos2 {
    transform.position_from_point(&PlotPoint::new(x, y))
}
