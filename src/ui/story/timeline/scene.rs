//! What the timeline draws for one view, and what the pointer is on. Pure
//! geometry over the model's [`Timeline`] and [`Density`]: the per-frame
//! work is a binary search per lane in view plus what is on screen, so it
//! does not grow with the project.
//!
//! Zoomed in (at most [`DETAIL_POINTS`] claims in view) each claim is a
//! point and each link an arrow; zoomed out, each lane's claims are counted
//! in buckets a few pixels wide ([`Density`]).

use std::ops::Range;

use super::axis::{lane_y, lanes_between, seconds_at, x_of};
use crate::model::{Bucket, DAY_SECONDS, Density, TimeArrow, TimePoint, Timeline};

/// At most this many claims are drawn one by one; beyond, buckets.
pub const DETAIL_POINTS: usize = 1_500;
/// The width of a zoomed-out bucket on screen, at least.
const BUCKET_PX: f64 = 10.0;
/// How far outside the view a point still counts (its circle shows).
const EDGE_PX: f64 = 12.0;

/// The part of the plane in view and its scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Days since 1970 at the left and right edges.
    pub x: (f64, f64),
    /// The bottom and top edges (lane `n` is at `-n`).
    pub y: (f64, f64),
    pub px_per_day: f64,
    pub px_per_lane: f64,
}

impl View {
    /// The moments at the edges, widened by `margin_px`.
    fn seconds(&self, margin_px: f64) -> (i64, i64) {
        let margin = margin_px / self.px_per_day.max(f64::MIN_POSITIVE);
        (seconds_at(self.x.0 - margin), seconds_at(self.x.1 + margin))
    }

    fn lanes(&self, lanes: usize) -> Range<usize> {
        lanes_between(self.y.0, self.y.1, lanes)
    }

    /// Screen distance between two plot positions.
    fn distance(&self, a: (f64, f64), b: (f64, f64)) -> f64 {
        let dx = (a.0 - b.0) * self.px_per_day;
        let dy = (a.1 - b.1) * self.px_per_lane;
        dx.hypot(dy)
    }
}

/// What the pointer is on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hovered {
    Point(usize),
    Arrow(usize),
    Bucket(usize),
}

/// What to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Scene {
    /// Positions in `points`, and indexes into `arrows`, of what is in view.
    Detail {
        points: Vec<usize>,
        arrows: Vec<usize>,
    },
    /// Buckets of `level` in view, with their lane.
    Buckets {
        level: usize,
        buckets: Vec<(usize, Bucket)>,
    },
}

/// Where a point is drawn.
pub fn point_position(point: &TimePoint) -> (f64, f64) {
    (x_of(point.x), lane_y(point.lane))
}

/// Where a bucket is drawn: the middle of its time span, on its lane.
pub fn bucket_position(level: usize, lane: usize, bucket: &Bucket) -> (f64, f64) {
    let middle = bucket.start.saturating_add(Density::width(level) / 2);
    (x_of(middle), lane_y(lane))
}

pub fn scene(timeline: &Timeline, density: &Density, view: &View) -> Scene {
    let lanes = view.lanes(timeline.lanes.len());
    let (start, end) = view.seconds(EDGE_PX);
    let windows: Vec<Range<usize>> = lanes
        .clone()
        .map(|lane| timeline.lane_window(lane, start, end))
        .collect();
    let count: usize = windows.iter().map(ExactSizeIterator::len).sum();
    if count <= DETAIL_POINTS {
        let shown = |p: &TimePoint| lanes.contains(&p.lane) && (start..=end).contains(&p.x);
        let points: Vec<usize> = windows.into_iter().flatten().collect();
        let arrows = arrows_of(timeline, &points, shown);
        Scene::Detail { points, arrows }
    } else {
        buckets(density, view, lanes)
    }
}

/// The arrows at `points`, each once: at its start, or at its end when its
/// start is not `shown`.
fn arrows_of(
    timeline: &Timeline,
    points: &[usize],
    shown: impl Fn(&TimePoint) -> bool,
) -> Vec<usize> {
    let mut arrows = Vec::new();
    for &p in points {
        for &a in timeline.arrows_at(p) {
            let arrow = &timeline.arrows[a];
            let other = if arrow.from == p {
                arrow.to
            } else {
                arrow.from
            };
            if arrow.from == p || !shown(&timeline.points[other]) {
                arrows.push(a);
            }
        }
    }
    arrows
}

fn buckets(density: &Density, view: &View, lanes: Range<usize>) -> Scene {
    let (start, end) = view.seconds(0.0);
    // `as` saturates: a view zoomed out beyond any bucket takes the widest.
    let seconds = (BUCKET_PX / view.px_per_day.max(f64::MIN_POSITIVE) * DAY_SECONDS as f64) as i64;
    let level = density.level_at_least(seconds);
    let buckets = lanes
        .flat_map(|lane| {
            let in_view = density.buckets(level, lane, start, end);
            in_view.iter().map(move |bucket| (lane, *bucket))
        })
        .collect();
    Scene::Buckets { level, buckets }
}

/// The point nearest `at` within `radius_px`, if any.
pub fn point_near(
    timeline: &Timeline,
    view: &View,
    at: (f64, f64),
    radius_px: f64,
) -> Option<usize> {
    let near_lanes = lanes_between(
        at.1 - radius_px / view.px_per_lane,
        at.1 + radius_px / view.px_per_lane,
        timeline.lanes.len(),
    );
    let margin = radius_px / view.px_per_day.max(f64::MIN_POSITIVE);
    let (start, end) = (seconds_at(at.0 - margin), seconds_at(at.0 + margin));
    near_lanes
        .flat_map(|lane| timeline.lane_window(lane, start, end))
        .map(|p| (view.distance(point_position(&timeline.points[p]), at), p))
        .filter(|(distance, _)| *distance <= radius_px)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p)| p)
}

/// The arrow (of `arrows`) passing nearest `at` within `radius_px`.
pub fn arrow_near(
    timeline: &Timeline,
    view: &View,
    arrows: &[usize],
    at: (f64, f64),
    radius_px: f64,
) -> Option<usize> {
    arrows
        .iter()
        .map(|&a| {
            (
                distance_to_arrow(timeline, view, &timeline.arrows[a], at),
                a,
            )
        })
        .filter(|(distance, _)| *distance <= radius_px)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, a)| a)
}

/// Screen distance from `at` to the arrow's line.
fn distance_to_arrow(timeline: &Timeline, view: &View, arrow: &TimeArrow, at: (f64, f64)) -> f64 {
    let scale = |p: (f64, f64)| (p.0 * view.px_per_day, p.1 * view.px_per_lane);
    let a = scale(point_position(&timeline.points[arrow.from]));
    let b = scale(point_position(&timeline.points[arrow.to]));
    let p = scale(at);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// The bucket (of `buckets`) nearest `at` within `radius_px`.
pub fn bucket_near(
    level: usize,
    buckets: &[(usize, Bucket)],
    view: &View,
    at: (f64, f64),
    radius_px: f64,
) -> Option<usize> {
    buckets
        .iter()
        .enumerate()
        .map(|(i, (lane, bucket))| (view.distance(bucket_position(level, *lane, bucket), at), i))
        .filter(|(distance, _)| *distance <= radius_px)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench_support::{CorpusSpec, corpus};
    use crate::model::{LaneBy, Stories, TimelineFilter};

    fn timeline(claims: usize, links: usize) -> (Timeline, Density) {
        let spec = CorpusSpec {
            articles: claims / 10,
            claims,
            links,
            seed: 7,
        };
        let project = corpus(&spec).unwrap_or_default();
        let stories = Stories::build(&project);
        let filter = TimelineFilter::default();
        let timeline = Timeline::build(&project, &stories, &filter, LaneBy::Speaker);
        let density = Density::build(&timeline);
        (timeline, density)
    }

    /// Everything in view, on a plot `width` pixels wide.
    fn whole(timeline: &Timeline, width: f64) -> View {
        let (first, last) = timeline.span.unwrap_or((0, 0));
        let x = (x_of(first) - 1.0, x_of(last) + 1.0);
        View {
            x,
            y: (lane_y(timeline.lanes.len()), 0.5),
            px_per_day: width / (x.1 - x.0),
            px_per_lane: 30.0,
        }
    }

    #[test]
    fn zoomed_in_every_arrow_is_drawn_once() {
        let (timeline, density) = timeline(300, 150);
        assert!(timeline.arrows.len() > 100);
        let Scene::Detail { points, mut arrows } =
            scene(&timeline, &density, &whole(&timeline, 900.0))
        else {
            panic!("300 claims are drawn one by one");
        };
        assert_eq!(points.len(), timeline.points.len());
        arrows.sort_unstable();
        arrows.dedup();
        assert_eq!(arrows.len(), timeline.arrows.len());
    }

    #[test]
    fn zoomed_out_claims_are_counted_in_buckets() {
        let (timeline, density) = timeline(4_000, 2_000);
        let view = whole(&timeline, 900.0);
        let Scene::Buckets { level, buckets } = scene(&timeline, &density, &view) else {
            panic!("4,000 claims in view are bucketed");
        };
        let counted: u32 = buckets.iter().map(|(_, b)| b.count).sum();
        assert_eq!(counted as usize, timeline.points.len());
        // Buckets are at least a few pixels wide.
        assert!(Density::width(level) as f64 / DAY_SECONDS as f64 * view.px_per_day >= BUCKET_PX);
        let (lane, bucket) = buckets[buckets.len() / 2];
        let at = bucket_position(level, lane, &bucket);
        assert_eq!(
            bucket_near(level, &buckets, &view, at, 4.0),
            Some(buckets.len() / 2)
        );
    }

    #[test]
    fn the_pointer_finds_points_and_arrows() {
        let (timeline, _) = timeline(300, 150);
        let view = whole(&timeline, 90_000.0);
        let arrow = &timeline.arrows[0];
        let (from, to) = (
            point_position(&timeline.points[arrow.from]),
            point_position(&timeline.points[arrow.to]),
        );
        // The point found is at `from` (another claim of that article
        // and speaker may share the spot).
        let found = point_near(&timeline, &view, from, 3.0);
        let found = found.map(|p| point_position(&timeline.points[p]));
        assert_eq!(found, Some(from));
        let middle = ((from.0 + to.0) / 2.0, (from.1 + to.1) / 2.0);
        let all: Vec<usize> = (0..timeline.arrows.len()).collect();
        let near = arrow_near(&timeline, &view, &all, middle, 1.0);
        let distance =
            near.map(|a| distance_to_arrow(&timeline, &view, &timeline.arrows[a], middle));
        assert!(distance.is_some_and(|d| d <= 1.0), "{distance:?}");
        assert_eq!(
            point_near(&timeline, &view, (from.0, from.1 + 0.5), 3.0),
            None
        );
    }
}
