//! The timeline as SVG (`riposte timeline`, and the picture at the top of
//! the HTML dossier): time runs left to right (UTC), one lane per speaker
//! or outlet, undated claims in a lane of their own at the bottom (evenly
//! spaced, not to scale), each link an arrow from claim to response
//! coloured by relation and labelled with the days between.
//!
//! The output is well-formed XML: every piece of project text is escaped
//! and characters XML 1.0 forbids (most control characters) are dropped.
//! Hovering a point or an arrow shows its `<title>`: both quotes for an
//! arrow. Arrows are `<g class="arrow">` elements, one per link.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::time_ticks::ticks;

use crate::model::{Claim, Project, Relation, Status, TimeArrow, TimePoint, Timeline};

const LABEL_WIDTH: f64 = 220.0;
const PLOT_WIDTH: f64 = 900.0;
const RIGHT_MARGIN: f64 = 40.0;
const TOP: f64 = 78.0;
const LANE_HEIGHT: f64 = 48.0;
const LEGEND_HEIGHT: f64 = 64.0;
const POINT_RADIUS: f64 = 5.0;
const MAX_TICKS: usize = 9;

/// The colour of a relation's arrows, as in the HTML dossier's badges.
pub fn relation_rgb(relation: Relation) -> [u8; 3] {
    match relation {
        Relation::Denies => [0xb3, 0x26, 0x1e],
        Relation::Refutes => [0x8e, 0x2a, 0x8a],
        Relation::Contradicts => [0xb4, 0x53, 0x09],
        Relation::Corrects => [0x1d, 0x6f, 0xa5],
        Relation::Retracts => [0x4b, 0x55, 0x63],
        Relation::Supports => [0x2f, 0x7d, 0x32],
    }
}

fn relation_hex(relation: Relation) -> String {
    let [r, g, b] = relation_rgb(relation);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The days between claim and response, as an arrow label.
pub fn days_label(days: Option<i64>) -> String {
    match days {
        None => "undated".to_string(),
        Some(0) => "same day".to_string(),
        Some(d) if d < 0 => format!("\u{2212}{} d", -d),
        Some(d) => format!("{d} d"),
    }
}

/// Escapes text for XML content and attribute values, dropping characters
/// XML 1.0 does not allow at all (control characters other than tab and
/// line ends, U+FFFE, U+FFFF).
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A standalone SVG file (with the XML declaration).
pub fn render(project: &Project, timeline: &Timeline, title: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&render_element(project, timeline, title));
    out
}

/// The `<svg>` element alone, to embed in an HTML page.
pub fn render_element(project: &Project, timeline: &Timeline, title: &str) -> String {
    let canvas = Canvas::new(timeline);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"riposte-timeline\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" font-family=\"Noto Sans, Segoe UI, Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\">",
        w = canvas.width(),
        h = canvas.height()
    );
    let _ = writeln!(out, "<title>{}</title>", escape_xml(title));
    heading(&mut out, timeline, title);
    lanes(&mut out, &canvas, timeline);
    axis(&mut out, &canvas);
    // Day labels go on top of every arrow and point, to stay readable.
    let mut labels = DayLabels::default();
    for arrow in &timeline.arrows {
        arrow_svg(&mut out, &mut labels, project, (&canvas, timeline), arrow);
    }
    for (index, point) in timeline.points.iter().enumerate() {
        point_svg(&mut out, project, &canvas, index, point);
    }
    out.push_str("<g class=\"days\">\n");
    out.push_str(&labels.svg);
    out.push_str("</g>\n");
    legend(&mut out, &canvas);
    out.push_str("</svg>\n");
    out
}

/// Where things go on the page.
struct Canvas {
    lanes: usize,
    /// Whether any point is dated (else there is no time axis).
    dated: bool,
    /// The dated time range shown, in seconds, padded a little.
    start: i64,
    end: i64,
    undated_lane: Option<usize>,
    /// The x of each undated point, by point index.
    undated_x: HashMap<usize, f64>,
    /// Vertical offsets that fan out points of one lane at one moment
    /// (claims of one article by one speaker), by point index.
    stacked_y: Vec<f64>,
}

/// The least horizontal distance between two undated points.
const UNDATED_GAP: f64 = 14.0;

impl Canvas {
    fn new(timeline: &Timeline) -> Canvas {
        // Undated points have a place on the axis too (`TimePoint::x`).
        let xs = timeline.points.iter().map(|p| p.x);
        let (first, last) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(0));
        let pad = ((last - first) / 30).max(86_400);
        let mut canvas = Canvas {
            lanes: timeline.lanes.len().max(1),
            dated: timeline.span.is_some(),
            start: first - pad,
            end: last + pad,
            undated_lane: timeline.undated_lane,
            undated_x: HashMap::new(),
            stacked_y: stack_offsets(timeline),
        };
        canvas.place_undated(timeline);
        canvas
    }

    /// Undated points go where the timeline placed them (below the dated
    /// points they are linked to), pushed apart when too close together.
    fn place_undated(&mut self, timeline: &Timeline) {
        let mut previous = f64::NEG_INFINITY;
        for (index, point) in timeline.points.iter().enumerate() {
            if point.at.is_none() {
                let x = self.time_x(point.x).max(previous + UNDATED_GAP);
                self.undated_x.insert(index, x);
                previous = x;
            }
        }
    }

    fn width(&self) -> f64 {
        LABEL_WIDTH + PLOT_WIDTH + RIGHT_MARGIN
    }

    fn height(&self) -> f64 {
        self.plot_bottom() + LEGEND_HEIGHT
    }

    fn plot_bottom(&self) -> f64 {
        TOP + count_f64(self.lanes) * LANE_HEIGHT
    }

    fn lane_y(&self, lane: usize) -> f64 {
        TOP + count_f64(lane) * LANE_HEIGHT + LANE_HEIGHT / 2.0
    }

    #[allow(clippy::cast_precision_loss)] // seconds since 1970 fit an f64 exactly
    fn time_x(&self, at: i64) -> f64 {
        let share = (at - self.start) as f64 / (self.end - self.start).max(1) as f64;
        LABEL_WIDTH + share * PLOT_WIDTH
    }

    fn point_xy(&self, index: usize, point: &TimePoint) -> (f64, f64) {
        let x = match point.at {
            Some(at) => self.time_x(at),
            None => self.undated_x.get(&index).copied().unwrap_or(LABEL_WIDTH),
        };
        let dy = self.stacked_y.get(index).copied().unwrap_or(0.0);
        (x, self.lane_y(point.lane) + dy)
    }
}

/// Points are sorted by lane and time, so points at one spot are
/// neighbours: spread each such run over at most 36 px of its lane.
fn stack_offsets(timeline: &Timeline) -> Vec<f64> {
    let points = &timeline.points;
    let mut offsets = vec![0.0; points.len()];
    let mut start = 0;
    while start < points.len() {
        let spot = (points[start].lane, points[start].at);
        let run = points[start..]
            .iter()
            .take_while(|p| p.at.is_some() && (p.lane, p.at) == spot)
            .count()
            .max(1);
        if run > 1 {
            let spacing = (36.0 / count_f64(run - 1)).min(9.0);
            for k in 0..run {
                offsets[start + k] = (count_f64(k) - count_f64(run - 1) / 2.0) * spacing;
            }
        }
        start += run;
    }
    offsets
}

#[allow(clippy::cast_precision_loss)] // lane and point counts are small
fn count_f64(n: usize) -> f64 {
    n as f64
}

fn heading(out: &mut String, timeline: &Timeline, title: &str) {
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<text x=\"16\" y=\"26\" font-size=\"17\" font-weight=\"bold\" fill=\"#1f3347\">{}</text>",
        escape_xml(title)
    );
    let _ = writeln!(
        out,
        "<text x=\"16\" y=\"46\" fill=\"#5b6673\">{} · {} · lanes by {} · times in UTC</text>",
        count_words(timeline.arrows.len(), "pair", "pairs"),
        count_words(timeline.points.len(), "claim", "claims"),
        timeline.lane_by.name()
    );
}

fn count_words(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn lanes(out: &mut String, canvas: &Canvas, timeline: &Timeline) {
    for (lane, label) in timeline.lanes.iter().enumerate() {
        let top = canvas.lane_y(lane) - LANE_HEIGHT / 2.0;
        let fill = if lane % 2 == 0 { "#f4f6f8" } else { "#ffffff" };
        let _ = writeln!(
            out,
            "<g class=\"lane\"><rect x=\"0\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{LANE_HEIGHT:.1}\" fill=\"{fill}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#1d232b\"><title>{}</title>{}</text></g>",
            canvas.width(),
            LABEL_WIDTH - 12.0,
            canvas.lane_y(lane) + 4.0,
            escape_xml(label),
            escape_xml(&shorten(label, 30)),
        );
    }
    if let Some(lane) = canvas.undated_lane {
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#5b6673\" font-style=\"italic\">no date: placed below the claims they answer or are answered by</text>",
            LABEL_WIDTH,
            canvas.lane_y(lane) - LANE_HEIGHT / 2.0 + 12.0
        );
    }
}

fn axis(out: &mut String, canvas: &Canvas) {
    if !canvas.dated {
        return;
    }
    let bottom = canvas.plot_bottom();
    for (at, label) in ticks(canvas.start, canvas.end, MAX_TICKS) {
        let x = canvas.time_x(at);
        let _ = writeln!(
            out,
            "<g class=\"tick\"><line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"#d5dbe2\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#5b6673\">{label}</text></g>",
            TOP - 4.0,
            TOP - 10.0
        );
    }
}

fn arrow_svg(
    out: &mut String,
    labels: &mut DayLabels,
    project: &Project,
    (canvas, timeline): (&Canvas, &Timeline),
    arrow: &TimeArrow,
) {
    let (Some(from), Some(to)) = (
        timeline.points.get(arrow.from),
        timeline.points.get(arrow.to),
    ) else {
        return;
    };
    let start = canvas.point_xy(arrow.from, from);
    let end = canvas.point_xy(arrow.to, to);
    let curve = Curve::between(start, end);
    let colour = relation_hex(arrow.relation);
    let dash = match arrow.status {
        Status::Draft => " stroke-dasharray=\"6 3\"",
        Status::Curated => "",
        Status::Rejected => " stroke-dasharray=\"2 3\" opacity=\"0.5\"",
    };
    let _ = writeln!(
        out,
        "<g class=\"arrow\" data-link=\"{}\" data-relation=\"{}\"><title>{}</title><path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\"{dash}/><polygon points=\"{}\" fill=\"{colour}\"/></g>",
        arrow.link,
        arrow.relation.name().to_lowercase(),
        escape_xml(&arrow_tooltip(project, timeline, arrow)),
        curve.path(),
        curve.head(),
    );
    labels.place(curve.label, &days_label(arrow.days), &colour);
}

/// Day labels, kept from piling up: a label that would overlap another
/// moves down a line (up to three times); one that would overlap the same
/// text near its spot is left out, the label already there serving both.
#[derive(Default)]
struct DayLabels {
    svg: String,
    /// Placed labels by grid cell.
    placed: HashMap<(i64, i64), Vec<PlacedLabel>>,
}

/// Centre x, baseline y, half width, text.
type PlacedLabel = (f64, f64, f64, String);

const LABEL_LINE: f64 = 12.0;
const LABEL_CELL: f64 = 48.0;

impl DayLabels {
    fn place(&mut self, (x, mut y): (f64, f64), text: &str, colour: &str) {
        let half_width = count_f64(text.chars().count()) * 3.2 + 2.0;
        for _ in 0..4 {
            match self.overlap(x, y, half_width) {
                None => {
                    self.keep(x, y, half_width, text, colour);
                    return;
                }
                Some(other) if other == text => return,
                Some(_) => y += LABEL_LINE,
            }
        }
        self.keep(x, y, half_width, text, colour);
    }

    /// The text of a placed label overlapping this box, if any.
    fn overlap(&self, x: f64, y: f64, half_width: f64) -> Option<&str> {
        let (column, row) = cell(x, y);
        (column - 1..=column + 1)
            .flat_map(|c| (row - 1..=row + 1).map(move |r| (c, r)))
            .filter_map(|key| self.placed.get(&key))
            .flatten()
            .find(|(ox, oy, ow, _)| (ox - x).abs() < ow + half_width && (oy - y).abs() < LABEL_LINE)
            .map(|(_, _, _, text)| text.as_str())
    }

    fn keep(&mut self, x: f64, y: f64, half_width: f64, text: &str, colour: &str) {
        let entry = (x, y, half_width, text.to_string());
        self.placed.entry(cell(x, y)).or_default().push(entry);
        let _ = writeln!(
            self.svg,
            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            y - 3.0,
            escape_xml(text),
        );
    }
}

#[allow(clippy::cast_possible_truncation)] // page coordinates are small
fn cell(x: f64, y: f64) -> (i64, i64) {
    (
        (x / LABEL_CELL).floor() as i64,
        (y / LABEL_LINE).floor() as i64,
    )
}

/// A quadratic curve from claim to response, ending at the edge of the
/// response's point so the arrowhead stays visible.
struct Curve {
    start: (f64, f64),
    control: (f64, f64),
    end: (f64, f64),
    label: (f64, f64),
}

impl Curve {
    fn between(start: (f64, f64), end: (f64, f64)) -> Curve {
        let (dx, dy) = (end.0 - start.0, end.1 - start.1);
        let length = dx.hypot(dy);
        let control = if length < 1.0 {
            // Claim and response in one article: a small loop above it.
            (start.0 + 18.0, start.1 - 36.0)
        } else {
            // Bow to the left of the direction of travel (upwards for an
            // arrow to the right), more for longer arrows, within a lane.
            let bow = (10.0 + 0.12 * length).min(28.0);
            let middle = (start.0 + dx / 2.0, start.1 + dy / 2.0);
            (middle.0 + dy / length * bow, middle.1 - dx / length * bow)
        };
        let (tx, ty) = (end.0 - control.0, end.1 - control.1);
        let tangent = tx.hypot(ty).max(1.0);
        let back = POINT_RADIUS + 1.5;
        let tip = (end.0 - tx / tangent * back, end.1 - ty / tangent * back);
        let label = (
            0.25 * start.0 + 0.5 * control.0 + 0.25 * tip.0,
            0.25 * start.1 + 0.5 * control.1 + 0.25 * tip.1,
        );
        Curve {
            start,
            control,
            end: tip,
            label,
        }
    }

    /// The arrowhead: a triangle whose tip is the curve's end, pointing
    /// along the curve (drawn as a shape so the SVG needs no `url()`
    /// references, which would clash when two pictures share a page).
    fn head(&self) -> String {
        let (dx, dy) = (self.end.0 - self.control.0, self.end.1 - self.control.1);
        let length = dx.hypot(dy).max(1.0);
        let (ux, uy) = (dx / length, dy / length);
        let base = (self.end.0 - ux * 9.0, self.end.1 - uy * 9.0);
        let (nx, ny) = (-uy * 4.0, ux * 4.0);
        format!(
            "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            self.end.0,
            self.end.1,
            base.0 + nx,
            base.1 + ny,
            base.0 - nx,
            base.1 - ny
        )
    }

    fn path(&self) -> String {
        format!(
            "M{:.1},{:.1} Q{:.1},{:.1} {:.1},{:.1}",
            self.start.0, self.start.1, self.control.0, self.control.1, self.end.0, self.end.1
        )
    }
}

fn arrow_tooltip(project: &Project, timeline: &Timeline, arrow: &TimeArrow) -> String {
    let side = |index: usize, role: &str| {
        let point = timeline.points.get(index);
        let claim = point.and_then(|p| project.claim(p.claim));
        claim.map_or_else(String::new, |c| {
            format!("\n{role} {}", claim_line(point, c))
        })
    };
    format!(
        "{} {} ({}) · {}{}{}",
        arrow.link,
        arrow.relation,
        arrow.status,
        days_label(arrow.days),
        side(arrow.from, "Claim"),
        side(arrow.to, "Response"),
    )
}

/// "c3 — EU Mission, 2024-08-20: “quote”".
fn claim_line(point: Option<&TimePoint>, claim: &Claim) -> String {
    let date = point
        .and_then(|p| p.published)
        .map_or_else(|| "undated".to_string(), |p| p.to_string());
    let speaker = match claim.info.speaker.trim() {
        "" => "speaker not recorded",
        s => s,
    };
    format!(
        "{} — {speaker}, {date}: “{}”",
        claim.id,
        shorten(&claim.anchor.quote, 160)
    )
}

fn point_svg(
    out: &mut String,
    project: &Project,
    canvas: &Canvas,
    index: usize,
    point: &TimePoint,
) {
    let (x, y) = canvas.point_xy(index, point);
    let tooltip = project
        .claim(point.claim)
        .map_or_else(String::new, |c| claim_line(Some(point), c));
    let _ = writeln!(
        out,
        "<circle class=\"claim\" data-claim=\"{}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{POINT_RADIUS}\" fill=\"#1f3347\" stroke=\"#ffffff\" stroke-width=\"1.5\"><title>{}</title></circle>",
        point.claim,
        escape_xml(&tooltip)
    );
}

fn legend(out: &mut String, canvas: &Canvas) {
    let y = canvas.plot_bottom() + 28.0;
    let mut x = 16.0;
    for relation in Relation::ALL {
        let _ = writeln!(
            out,
            "<g class=\"legend\"><line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"3\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#1d232b\">{}</text></g>",
            x + 22.0,
            relation_hex(relation),
            x + 28.0,
            y + 4.0,
            relation.name()
        );
        x += 120.0;
    }
    let _ = writeln!(
        out,
        "<text x=\"16\" y=\"{:.1}\" fill=\"#5b6673\">dashed: draft · solid: curated · label: days from claim to response</text>",
        y + 24.0
    );
}

/// At most `max` chars of `text` on one line, with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_drops_what_xml_forbids() {
        assert_eq!(
            escape_xml("a<b>&\"c\"'\u{0}\u{1b}\t\u{FFFF}ə🇦🇿"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;\tə🇦🇿"
        );
    }

    #[test]
    fn days_labels() {
        assert_eq!(days_label(Some(0)), "same day");
        assert_eq!(days_label(Some(293)), "293 d");
        assert_eq!(days_label(Some(-2)), "\u{2212}2 d");
        assert_eq!(days_label(None), "undated");
    }
}
