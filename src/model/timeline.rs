//! The timeline's content, shared by the SVG export and the window: one
//! lane per speaker or per outlet, each claim a point at its article's
//! publication moment (UTC), each link an arrow from claim to response.
//! Undated claims share one lane of their own, last.
//!
//! Points are kept sorted by lane and then by time, so a view can find the
//! points of one lane in a time window by binary search (see
//! [`Timeline::lane_window`]) and its per-frame work does not grow with
//! the project.

use std::collections::HashMap;
use std::ops::Range;

use super::ids::{ClaimId, LinkId};
use super::project::{Claim, Link, Project, Published, Relation, Status};
use super::response_times::link_days;
use super::stories::{Stories, claim_published};

/// What a lane stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LaneBy {
    /// Who asserts the claim.
    #[default]
    Speaker,
    /// The article's outlet (the claim's "via" when the outlet is not
    /// recorded).
    Outlet,
}

impl LaneBy {
    pub fn name(self) -> &'static str {
        match self {
            LaneBy::Speaker => "speaker",
            LaneBy::Outlet => "outlet",
        }
    }

    pub fn parse(text: &str) -> Option<LaneBy> {
        [LaneBy::Speaker, LaneBy::Outlet]
            .into_iter()
            .find(|l| l.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// Which links the timeline shows. By default every relation, drafts and
/// curated links, in every story.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineFilter {
    /// Only links of the story with this key.
    pub story: Option<ClaimId>,
    /// Shown statuses, indexed like [`Status::ALL`].
    pub statuses: [bool; 3],
    /// Shown relations, indexed like [`Relation::ALL`].
    pub relations: [bool; 6],
}

impl Default for TimelineFilter {
    fn default() -> Self {
        TimelineFilter {
            story: None,
            statuses: Status::ALL.map(|s| s != Status::Rejected),
            relations: [true; 6],
        }
    }
}

impl TimelineFilter {
    pub fn shows_status(&self, status: Status) -> bool {
        Status::ALL
            .iter()
            .zip(self.statuses)
            .any(|(s, shown)| *s == status && shown)
    }

    pub fn shows_relation(&self, relation: Relation) -> bool {
        Relation::ALL
            .iter()
            .zip(self.relations)
            .any(|(r, shown)| *r == relation && shown)
    }

    /// Whether `link` passes. A story holds no rejected link, so with a
    /// story chosen a rejected link is shown when its claim is in it.
    pub fn accepts(&self, stories: &Stories, link: &Link) -> bool {
        let in_story = self.story.is_none_or(|key| {
            stories
                .of_claim(link.claim)
                .is_some_and(|story| story.key == key)
        });
        in_story && self.shows_status(link.info.status) && self.shows_relation(link.info.relation)
    }
}

/// A claim on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimePoint {
    pub claim: ClaimId,
    pub lane: usize,
    /// Seconds since 1970 UTC ([`Published::utc_seconds`]); `None` in the
    /// undated lane.
    pub at: Option<i64>,
    /// Where the point goes on the time axis: `at` for a dated point; for
    /// an undated one, the mean time of the dated points it is linked to
    /// (so it sits below them), else a place spread over the span.
    pub x: i64,
    pub published: Option<Published>,
}

/// A link on the timeline: indexes into [`Timeline::points`].
#[derive(Clone, Debug, PartialEq)]
pub struct TimeArrow {
    pub link: LinkId,
    pub from: usize,
    pub to: usize,
    pub relation: Relation,
    pub status: Status,
    /// Calendar days from claim to response (the pairs table's figure).
    pub days: Option<i64>,
}

/// The timeline of a set of links.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub lane_by: LaneBy,
    /// Lane labels, top to bottom: dated lanes in order of their first
    /// claim, then "Undated" when any claim is undated.
    pub lanes: Vec<String>,
    pub undated_lane: Option<usize>,
    /// Sorted by lane, then `x`, then claim id.
    pub points: Vec<TimePoint>,
    /// The range of `points` in each lane.
    pub lane_points: Vec<Range<usize>>,
    /// In link id order.
    pub arrows: Vec<TimeArrow>,
    /// The earliest and latest dated point.
    pub span: Option<(i64, i64)>,
    /// Position in `points` of each claim.
    index: HashMap<ClaimId, usize>,
    /// The arrows at point `p` are `arrow_list[arrow_offsets[p]..arrow_offsets[p + 1]]`.
    arrow_offsets: Vec<usize>,
    arrow_list: Vec<usize>,
}

/// The label of the lane of undated claims.
pub const UNDATED_LANE: &str = "Undated";

impl Timeline {
    /// The timeline of the project's links that pass `filter`.
    pub fn build(
        project: &Project,
        stories: &Stories,
        filter: &TimelineFilter,
        lane_by: LaneBy,
    ) -> Timeline {
        let links = project
            .links
            .iter()
            .map(|l| &**l)
            .filter(|l| filter.accepts(stories, l));
        Timeline::of_links(project, links, lane_by)
    }

    /// The timeline of exactly these links (those whose claims exist).
    pub fn of_links<'a>(
        project: &Project,
        links: impl IntoIterator<Item = &'a Link>,
        lane_by: LaneBy,
    ) -> Timeline {
        let mut draft = Draft::default();
        for link in links {
            let ends = (project.claim(link.claim), project.claim(link.response));
            if let (Some(claim), Some(response)) = ends {
                let from = draft.point(project, claim, lane_by);
                let to = draft.point(project, response, lane_by);
                draft.arrows.push(TimeArrow {
                    link: link.id,
                    from,
                    to,
                    relation: link.info.relation,
                    status: link.info.status,
                    days: link_days(project, link),
                });
            }
        }
        draft.finish(lane_by)
    }

    /// Positions in `points` of the lane's points with `start <= x <= end`.
    pub fn lane_window(&self, lane: usize, start: i64, end: i64) -> Range<usize> {
        let Some(range) = self.lane_points.get(lane).cloned() else {
            return 0..0;
        };
        let slice = &self.points[range.clone()];
        let first = slice.partition_point(|p| p.x < start);
        let last = slice.partition_point(|p| p.x <= end);
        range.start + first..range.start + last.max(first)
    }

    /// The position of a claim's point.
    pub fn point_of(&self, claim: ClaimId) -> Option<usize> {
        self.index.get(&claim).copied()
    }

    /// Indexes into `arrows` of the arrows from or to point `point`.
    pub fn arrows_at(&self, point: usize) -> &[usize] {
        let start = self.arrow_offsets.get(point).copied().unwrap_or(0);
        let end = self.arrow_offsets.get(point + 1).copied().unwrap_or(start);
        self.arrow_list.get(start..end).unwrap_or(&[])
    }
}

/// Points and arrows before lanes are ordered.
#[derive(Default)]
struct Draft {
    /// (point, lane label) in order of first use.
    points: Vec<(TimePoint, String)>,
    index: HashMap<ClaimId, usize>,
    arrows: Vec<TimeArrow>,
}

impl Draft {
    fn point(&mut self, project: &Project, claim: &Claim, lane_by: LaneBy) -> usize {
        if let Some(&at) = self.index.get(&claim.id) {
            return at;
        }
        let published = claim_published(project, claim);
        let at = published.map(|p| p.utc_seconds());
        let point = TimePoint {
            claim: claim.id,
            lane: 0,
            at,
            x: at.unwrap_or_default(),
            published,
        };
        let label = lane_label(project, claim, lane_by);
        self.points.push((point, label));
        self.index.insert(claim.id, self.points.len() - 1);
        self.points.len() - 1
    }

    fn finish(mut self, lane_by: LaneBy) -> Timeline {
        let span = self.points.iter().filter_map(|(p, _)| p.at).fold(
            None,
            |span: Option<(i64, i64)>, at| {
                Some(span.map_or((at, at), |(a, b)| (a.min(at), b.max(at))))
            },
        );
        self.place_undated(span);
        let (mut lanes, undated_lane, lane_of) = order_lanes(&self.points);
        let lane_of = |(point, label): &(TimePoint, String)| match point.at {
            // Every dated label is in `lane_of`; undated points go last.
            Some(_) => lane_of.get(label.as_str()).copied().unwrap_or(lanes.len()),
            None => lanes.len(),
        };
        let mut order: Vec<(usize, i64, ClaimId, usize)> = self
            .points
            .iter()
            .enumerate()
            .map(|(i, entry)| (lane_of(entry), entry.0.x, entry.0.claim, i))
            .collect();
        order.sort_unstable();
        let mut new_position = vec![0; order.len()];
        let mut points: Vec<TimePoint> = Vec::with_capacity(order.len());
        for (position, &(lane, _, _, old)) in order.iter().enumerate() {
            new_position[old] = position;
            points.push(TimePoint {
                lane,
                ..self.points[old].0.clone()
            });
        }
        let mut arrows = self.arrows;
        for arrow in &mut arrows {
            arrow.from = new_position[arrow.from];
            arrow.to = new_position[arrow.to];
        }
        arrows.sort_by_key(|a| a.link);
        if undated_lane.is_some() {
            lanes.push(UNDATED_LANE.to_string());
        }
        let (arrow_offsets, arrow_list) = arrows_by_point(points.len(), &arrows);
        Timeline {
            lane_by,
            lane_points: lane_ranges(&points, lanes.len()),
            index: points
                .iter()
                .enumerate()
                .map(|(i, p)| (p.claim, i))
                .collect(),
            lanes,
            undated_lane,
            points,
            arrows,
            arrow_offsets,
            arrow_list,
            span,
        }
    }

    /// Gives each undated point a place on the time axis: the mean time of
    /// the dated points it is linked to, so that it sits below them; those
    /// linked only to undated points are spread evenly over the span.
    fn place_undated(&mut self, span: Option<(i64, i64)>) {
        let mut partners: HashMap<usize, (i128, i128)> = HashMap::new();
        for arrow in &self.arrows {
            for (me, other) in [(arrow.from, arrow.to), (arrow.to, arrow.from)] {
                let other_at = self.points.get(other).and_then(|(p, _)| p.at);
                let undated = self.points.get(me).is_some_and(|(p, _)| p.at.is_none());
                if let (true, Some(at)) = (undated, other_at) {
                    let (sum, count) = partners.entry(me).or_default();
                    *sum += i128::from(at);
                    *count += 1;
                }
            }
        }
        let lonely: Vec<usize> = (0..self.points.len())
            .filter(|i| self.points[*i].0.at.is_none() && !partners.contains_key(i))
            .collect();
        for (i, (sum, count)) in partners {
            self.points[i].0.x = i64::try_from(sum / count).unwrap_or_default();
        }
        let (first, last) = span.unwrap_or((0, 0));
        let width = i128::from((last - first).max(86_400 * (lonely.len() as i64 + 1)));
        let n = lonely.len() as i128;
        for (rank, i) in lonely.into_iter().enumerate() {
            let offset = width * (2 * rank as i128 + 1) / (2 * n);
            self.points[i].0.x = first + i64::try_from(offset).unwrap_or_default();
        }
    }
}

/// For each point, the arrows that start or end at it (as offsets into one
/// list, so a point's arrows are one slice).
fn arrows_by_point(points: usize, arrows: &[TimeArrow]) -> (Vec<usize>, Vec<usize>) {
    let ends = |arrow: &TimeArrow| {
        let other = (arrow.to != arrow.from).then_some(arrow.to);
        std::iter::once(arrow.from).chain(other)
    };
    let mut offsets = vec![0usize; points + 1];
    for end in arrows.iter().flat_map(ends) {
        offsets[end + 1] += 1;
    }
    for i in 1..offsets.len() {
        offsets[i] += offsets[i - 1];
    }
    let mut next = offsets.clone();
    let mut list = vec![0; offsets[points]];
    for (index, arrow) in arrows.iter().enumerate() {
        for end in ends(arrow) {
            list[next[end]] = index;
            next[end] += 1;
        }
    }
    (offsets, list)
}

type LaneOrder<'a> = (Vec<String>, Option<usize>, HashMap<&'a str, usize>);

/// Dated lanes ordered by their earliest point (then label); the undated
/// lane's index when any point is undated.
fn order_lanes(points: &[(TimePoint, String)]) -> LaneOrder<'_> {
    let mut earliest: HashMap<&str, i64> = HashMap::new();
    let mut undated = false;
    for (point, label) in points {
        match point.at {
            Some(at) => {
                let e = earliest.entry(label.as_str()).or_insert(at);
                *e = (*e).min(at);
            }
            None => undated = true,
        }
    }
    let mut labels: Vec<(&str, i64)> = earliest.into_iter().collect();
    labels.sort_by_key(|&(label, at)| (at, label));
    let lane_of = labels
        .iter()
        .enumerate()
        .map(|(i, (label, _))| (*label, i))
        .collect();
    let lanes: Vec<String> = labels.iter().map(|(l, _)| l.to_string()).collect();
    let undated_lane = undated.then_some(lanes.len());
    (lanes, undated_lane, lane_of)
}

fn lane_ranges(points: &[TimePoint], lanes: usize) -> Vec<Range<usize>> {
    (0..lanes)
        .map(|lane| {
            let start = points.partition_point(|p| p.lane < lane);
            let end = points.partition_point(|p| p.lane <= lane);
            start..end
        })
        .collect()
}

/// The lane a claim goes in, with a visible label for a blank value.
fn lane_label(project: &Project, claim: &Claim, lane_by: LaneBy) -> String {
    let value = match lane_by {
        LaneBy::Speaker => claim.info.speaker.trim(),
        LaneBy::Outlet => project
            .article(claim.article)
            .map(|a| a.meta.outlet.trim())
            .filter(|o| !o.is_empty())
            .unwrap_or(claim.info.via.trim()),
    };
    if value.is_empty() {
        format!("({} not recorded)", lane_by.name())
    } else {
        value.to_string()
    }
}
