//! The timeline: lanes, points and arrows in the model, the SVG written by
//! `riposte timeline` (parsed with an XML parser, arrows counted), the
//! `riposte stories` command and the timeline inside the HTML dossier.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod stories_support;

use riposte::io::export::timeline_svg;
use riposte::model::{
    ClaimId, LaneBy, Relation, Status, Stories, Timeline, TimelineFilter, UNDATED_LANE,
};
use std::path::Path;
use stories_support::{Story, on};

/// Arrows (one `<g class="arrow">` per link) in an SVG document, after
/// checking it is well-formed XML with an SVG root.
fn svg_arrows(svg: &str) -> Vec<(String, String)> {
    let document = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    root.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("arrow"))
        .map(|n| {
            let link = n.attribute("data-link").unwrap().to_string();
            let title = n
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_string();
            (link, title)
        })
        .collect()
}

/// Two speakers a day apart, one undated reply, and hostile text.
fn small_story() -> (Story, [ClaimId; 4]) {
    let mut story = Story::new("Timeline <test> & \"friends\"");
    let claim = story.said(
        "The minister said <b>everything</b> is fine & calm.",
        "Minister \"X\" <script>",
        "Outlet A",
        Some(on("2024-05-01", Some(("10:00", 240)))),
    );
    let denial = story.said(
        "Georgian reply: არჩევნები was not fair.\u{1}",
        "Opposition ⚠️",
        "",
        Some(on("2024-05-03", None)),
    );
    let echo = story.said(
        "Another outlet repeats: ყველაფერი კარგადაა.",
        "Minister \"X\" <script>",
        "Outlet B",
        Some(on("2024-05-02", None)),
    );
    let undated = story.said("A reply without a date.", "Blogger", "", None);
    story.link(claim, denial, Relation::Denies, Status::Curated);
    story.link(claim, echo, Relation::Supports, Status::Draft);
    story.link(echo, undated, Relation::Refutes, Status::Draft);
    (story, [claim, denial, echo, undated])
}

#[test]
fn lanes_per_speaker_in_order_of_first_claim_and_undated_last() {
    let (story, [claim, denial, echo, undated]) = small_story();
    let project = &story.project;
    let stories = Stories::build(project);
    let timeline = Timeline::build(
        project,
        &stories,
        &TimelineFilter::default(),
        LaneBy::Speaker,
    );
    assert_eq!(
        timeline.lanes,
        ["Minister \"X\" <script>", "Opposition ⚠️", UNDATED_LANE]
    );
    assert_eq!(timeline.undated_lane, Some(2));
    let ids: Vec<ClaimId> = timeline.points.iter().map(|p| p.claim).collect();
    assert_eq!(ids, [claim, echo, denial, undated], "by lane, then time");
    assert_eq!(timeline.lane_points, [0..2, 2..3, 3..4]);
    let days: Vec<Option<i64>> = timeline.arrows.iter().map(|a| a.days).collect();
    assert_eq!(days, [Some(2), Some(1), None]);
    let first = &timeline.arrows[0];
    assert_eq!(timeline.points[first.from].claim, claim);
    assert_eq!(timeline.points[first.to].claim, denial);
    // 2024-05-01 10:00 at UTC+04:00 is 06:00 UTC.
    let (start, end) = timeline.span.unwrap();
    assert_eq!(start, on("2024-05-01", Some(("06:00", 0))).utc_seconds());
    assert_eq!(end, on("2024-05-03", None).utc_seconds());
    // Lanes per outlet: the blank outlet falls back to "(outlet not recorded)".
    let by_outlet = Timeline::build(
        project,
        &stories,
        &TimelineFilter::default(),
        LaneBy::Outlet,
    );
    assert_eq!(
        by_outlet.lanes,
        [
            "Outlet A",
            "Outlet B",
            "(outlet not recorded)",
            UNDATED_LANE
        ]
    );
}

#[test]
fn a_lane_window_finds_points_by_binary_search() {
    let (story, [claim, _, echo, _]) = small_story();
    let stories = Stories::build(&story.project);
    let timeline = Timeline::build(
        &story.project,
        &stories,
        &TimelineFilter::default(),
        LaneBy::Speaker,
    );
    let day = 86_400;
    let may_1 = on("2024-05-01", None).utc_seconds();
    let all = timeline.lane_window(0, may_1, may_1 + 10 * day);
    assert_eq!(all, 0..2);
    let second_only = timeline.lane_window(0, may_1 + day, may_1 + 10 * day);
    assert_eq!(timeline.points[second_only.clone()][0].claim, echo);
    assert_eq!(second_only.len(), 1);
    let first_only = timeline.lane_window(0, may_1, may_1 + day / 2);
    assert_eq!(timeline.points[first_only][0].claim, claim);
    assert!(
        timeline
            .lane_window(0, may_1 + 5 * day, may_1 + 9 * day)
            .is_empty()
    );
    assert!(timeline.lane_window(9, 0, i64::MAX).is_empty());
}

#[test]
fn filters_by_story_status_and_relation() {
    let (mut story, [claim, ..]) = small_story();
    let other_a = story.said(
        "A second story starts.",
        "Someone",
        "",
        Some(on("2023-01-01", None)),
    );
    let other_b = story.said(
        "And is answered.",
        "Someone else",
        "",
        Some(on("2023-01-09", None)),
    );
    let other = story.link(other_a, other_b, Relation::Corrects, Status::Rejected);
    let stories = Stories::build(&story.project);
    let build = |filter: &TimelineFilter| {
        Timeline::build(&story.project, &stories, filter, LaneBy::Speaker)
    };
    assert_eq!(
        build(&TimelineFilter::default()).arrows.len(),
        3,
        "rejected hidden"
    );
    let mut filter = TimelineFilter {
        statuses: [true; 3],
        ..TimelineFilter::default()
    };
    assert_eq!(build(&filter).arrows.len(), 4);
    filter.story = Some(claim);
    assert_eq!(build(&filter).arrows.len(), 3);
    filter.statuses = Status::ALL.map(|s| s == Status::Curated);
    assert_eq!(build(&filter).arrows.len(), 1);
    filter = TimelineFilter {
        relations: Relation::ALL.map(|r| r == Relation::Corrects),
        statuses: [true; 3],
        ..TimelineFilter::default()
    };
    let corrections = build(&filter);
    assert_eq!(corrections.arrows.len(), 1);
    assert_eq!(corrections.arrows[0].link, other);
}

#[test]
fn svg_is_valid_xml_with_one_arrow_per_link_and_escaped_text() {
    let (story, _) = small_story();
    let project = &story.project;
    let stories = Stories::build(project);
    let timeline = Timeline::build(
        project,
        &stories,
        &TimelineFilter::default(),
        LaneBy::Speaker,
    );
    let svg = timeline_svg::render(project, &timeline, &project.title);
    let arrows = svg_arrows(&svg);
    assert_eq!(arrows.len(), 3);
    let links: Vec<String> = project.links.iter().map(|l| l.id.to_string()).collect();
    let drawn: Vec<String> = arrows.iter().map(|(link, _)| link.clone()).collect();
    assert_eq!(drawn, links);
    // Hovering an arrow shows both quotes, unescaped by the parser.
    let (_, title) = &arrows[0];
    assert!(title.contains("Denies (Curated) · 2 d"), "{title}");
    assert!(title.contains("“The minister said <b>everything</b> is fine & calm.”"));
    assert!(title.contains("არჩევნები was not fair."), "{title}");
    assert!(!title.contains('\u{1}'), "control characters are dropped");
    assert!(svg.contains("Timeline &lt;test&gt; &amp; &quot;friends&quot;"));
    assert!(!svg.contains("<script>"));
    assert!(svg.contains(">undated<"), "the undated reply's arrow label");
}

#[test]
fn an_empty_timeline_is_still_a_valid_picture() {
    let story = Story::new("Empty");
    let stories = Stories::build(&story.project);
    let timeline = Timeline::build(
        &story.project,
        &stories,
        &TimelineFilter::default(),
        LaneBy::Outlet,
    );
    let svg = timeline_svg::render(&story.project, &timeline, "Empty");
    assert!(svg_arrows(&svg).is_empty());
}

fn demo_copy(dir: &Path) -> String {
    let path = dir.join("demo.ron");
    std::fs::copy(common::repo().join("saves/demo.ron"), &path).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn cli_timeline_of_the_demo_draws_every_pair_and_one_story() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_copy(dir.path());
    let (code, _, stderr) = common::riposte(&["timeline", &demo, "--out", "all.svg"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let svg = std::fs::read_to_string(dir.path().join("all.svg")).unwrap();
    assert_eq!(svg_arrows(&svg).len(), 7, "the demo's seven links");
    let (code, svg, stderr) = common::riposte(
        &["timeline", &demo, "--story", "c6", "--lanes", "outlet"],
        dir.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    let arrows = svg_arrows(&svg);
    let links: Vec<&str> = arrows.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        links,
        ["l3", "l4"],
        "the story of claim c6: c6 → c7, c6 → c8"
    );
    let (code, svg, _) = common::riposte(&["timeline", &demo, "--status", "curated"], dir.path());
    assert_eq!(code, 0);
    assert_eq!(svg_arrows(&svg).len(), 5);
    let (code, _, stderr) = common::riposte(&["timeline", &demo, "--story", "c99"], dir.path());
    assert_eq!(code, 1);
    assert!(
        stderr.contains("demo.ron: no story holds claim 'c99'"),
        "{stderr}"
    );
}

#[test]
fn cli_stories_lists_names_and_times() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_copy(dir.path());
    let (code, out, stderr) = common::riposte(&["stories", &demo], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("story\tname\tfrom\tto\tpairs"),
        "{out}"
    );
    assert_eq!(
        lines.len(),
        7,
        "a header and the demo's six stories:\n{out}"
    );
    let name = [
        "stories",
        &demo,
        "--story",
        "c7",
        "--name",
        "Ambassador summoned",
    ];
    let before = std::fs::read(&demo).unwrap();
    let (code, out, stderr) = common::riposte(&[&name[..], &["--dry-run"]].concat(), dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(out, "would name story\n");
    assert_eq!(
        std::fs::read(&demo).unwrap(),
        before,
        "a dry run changes nothing"
    );
    let (code, out, stderr) = common::riposte(&name, dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(out.contains("Story c6 → Ambassador summoned"), "{out}");
    let (code, out, _) = common::riposte(&["stories", &demo, "--format", "jsonl"], dir.path());
    assert_eq!(code, 0);
    let stories: Vec<serde_json::Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(stories.len(), 6);
    let named = stories
        .iter()
        .find(|s| s["name"] == "Ambassador summoned")
        .unwrap();
    assert_eq!(named["story"], "c6");
    assert_eq!(named["pairs"], 2);
    assert!(named["response_times"]["median_days"].is_number());
    let (code, svg, _) = common::riposte(
        &["timeline", &demo, "--story", "ambassador summoned"],
        dir.path(),
    );
    assert_eq!(code, 0);
    assert_eq!(svg_arrows(&svg).len(), 2);
}

#[test]
fn cli_stories_per_speaker_counts_overdue_claims() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_copy(dir.path());
    let (code, out, stderr) = common::riposte(
        &[
            "stories",
            &demo,
            "--speakers",
            "--as-of",
            "2025-01-01",
            "--unanswered-after",
            "30",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(out.starts_with("speaker\tresponses\tmedian_days"), "{out}");
    assert!(out.contains("unanswered_after_30_days"), "{out}");
    let (code, out, _) = common::riposte(
        &[
            "stories",
            &demo,
            "--speakers",
            "--format",
            "jsonl",
            "--as-of",
            "2025-01-01",
        ],
        dir.path(),
    );
    assert_eq!(code, 0);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert!(!rows.is_empty());
    let responses: u64 = rows
        .iter()
        .map(|r| {
            r["responses"]["dated"].as_u64().unwrap() + r["responses"]["undated"].as_u64().unwrap()
        })
        .sum();
    assert_eq!(responses, 7, "every demo link is one response");
}

#[test]
fn the_html_dossier_embeds_the_timeline_of_its_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo_copy(dir.path());
    let (code, html, stderr) = common::riposte(&["export", &demo, "--format", "html"], dir.path());
    assert_eq!(code, 0, "{stderr}");
    let start = html.find("<svg").expect("an inline SVG");
    let end = html.find("</svg>").unwrap() + "</svg>".len();
    assert_eq!(svg_arrows(&html[start..end]).len(), 5, "the curated pairs");
}

#[test]
fn arrows_at_a_point_and_undated_points_below_their_partners() {
    let (story, [claim, _, echo, undated]) = small_story();
    let stories = Stories::build(&story.project);
    let timeline = Timeline::build(
        &story.project,
        &stories,
        &TimelineFilter::default(),
        LaneBy::Speaker,
    );
    let at_claim = timeline.arrows_at(timeline.point_of(claim).unwrap());
    assert_eq!(at_claim, [0, 1], "the claim's denial and echo");
    let at_echo = timeline.arrows_at(timeline.point_of(echo).unwrap());
    assert_eq!(at_echo, [1, 2]);
    let undated_point = &timeline.points[timeline.point_of(undated).unwrap()];
    assert_eq!(undated_point.at, None);
    assert_eq!(
        undated_point.x,
        on("2024-05-02", None).utc_seconds(),
        "below the echo"
    );
}

#[test]
fn density_counts_claims_per_lane_in_buckets_of_doubling_width() {
    use riposte::model::{DAY_SECONDS, Density};
    let mut story = Story::new("density");
    let first = story.said("The first claim.", "A", "", Some(on("2024-01-01", None)));
    for day in 1..=20 {
        let date = format!("2024-01-{day:02}");
        let answer = story.said(
            &format!("Answer number {day}."),
            "B",
            "",
            Some(on(&date, None)),
        );
        story.link(first, answer, Relation::Denies, Status::Draft);
    }
    let stories = Stories::build(&story.project);
    let timeline = Timeline::build(
        &story.project,
        &stories,
        &TimelineFilter::default(),
        LaneBy::Speaker,
    );
    let density = Density::build(&timeline);
    let start = on("2024-01-01", None).utc_seconds();
    let end = on("2024-01-20", None).utc_seconds();
    let day_buckets = density.buckets(0, 1, start, end);
    assert_eq!(day_buckets.len(), 20, "one bucket a day in lane B");
    assert!(density.levels() > 3);
    for level in 0..density.levels() {
        let total: u32 = (0..timeline.lanes.len())
            .flat_map(|lane| density.buckets(level, lane, i64::MIN / 2, i64::MAX / 2))
            .map(|b| b.count)
            .sum();
        assert_eq!(total, 21, "level {level} holds every claim");
    }
    let weekly = density.level_at_least(7 * DAY_SECONDS);
    assert_eq!(Density::width(weekly), 8 * DAY_SECONDS);
    let weeks = density.buckets(weekly, 1, start, end);
    assert!(weeks.len() <= 4, "{weeks:?}");
    let in_week = &weeks[0];
    assert!(
        timeline.points[in_week.points()]
            .iter()
            .all(|p| p.lane == 1)
    );
    // A window between two claims holds no bucket.
    let late = on("2024-03-01", None).utc_seconds();
    assert!(density.buckets(0, 1, late, late + DAY_SECONDS).is_empty());
}
