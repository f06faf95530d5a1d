//! Every export format, on a demo-like project and on hostile text, read
//! back with a real parser (serde_json, the csv crate, a brat `.ann` line
//! parser, a tag counter for HTML).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod export_support;

use std::collections::{BTreeMap, BTreeSet};

use export_support::*;
use riposte::io::export::{ExportFormat, ExportOutput, render};
use riposte::model::{Pair, Project, Relation, StatusFilter};
use serde_json::Value;

fn file(project: &Project, format: ExportFormat, filter: StatusFilter) -> Vec<u8> {
    match render(project, format, filter).unwrap() {
        ExportOutput::File(bytes) => bytes,
        ExportOutput::Folder(_) => panic!("{} should write one file", format.name()),
    }
}

fn text_of(project: &Project, format: ExportFormat) -> String {
    String::from_utf8(file(project, format, StatusFilter::All)).unwrap()
}

fn projects() -> Vec<Project> {
    vec![demo_project(), hostile_project(), naughty_project()]
}

/// Line breaks as Python's `str.splitlines` (and so brat) sees them.
fn is_python_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn article_text<'a>(project: &'a Project, id: &str) -> &'a str {
    &project.article(id.parse().unwrap()).unwrap().text
}

// ---------------------------------------------------------------- formats

#[test]
fn every_format_has_a_unique_name_and_parses_back() {
    let names: BTreeSet<_> = ExportFormat::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(names.len(), ExportFormat::ALL.len());
    for format in ExportFormat::ALL {
        assert_eq!(ExportFormat::parse(format.name()), Some(format));
        assert!(!format.description().is_empty());
        assert_eq!(format.extension().is_none(), format == ExportFormat::Brat);
    }
    assert_eq!(
        ExportFormat::parse("Markdown"),
        Some(ExportFormat::Markdown)
    );
}

#[test]
fn status_filter_decides_which_pairs_are_exported() {
    let project = demo_project();
    let curated = text_of_filtered(&project, StatusFilter::Curated);
    let all = text_of_filtered(&project, StatusFilter::All);
    assert_eq!(curated.lines().count(), 2);
    assert_eq!(all.lines().count(), 3);
}

fn text_of_filtered(project: &Project, filter: StatusFilter) -> String {
    String::from_utf8(file(project, ExportFormat::Jsonl, filter)).unwrap()
}

// ------------------------------------------------------------------ jsonl

fn check_side_offsets(project: &Project, side: &Value) {
    let quote = side["quote"].as_str().unwrap();
    let text = article_text(project, side["article"]["id"].as_str().unwrap());
    let offsets = &side["offsets"];
    let range = |unit: &str| {
        (
            offsets[unit]["start"].as_u64().unwrap() as usize,
            offsets[unit]["end"].as_u64().unwrap() as usize,
        )
    };
    let (bs, be) = range("byte");
    assert_eq!(&text[bs..be], quote);
    let (cs, ce) = range("code_point");
    assert_eq!(slice_code_points(text, cs, ce), quote);
    let (us, ue) = range("utf16");
    assert_eq!(slice_utf16(text, us, ue), quote);
}

#[test]
fn jsonl_has_one_parseable_pair_per_line_with_exact_offsets() {
    for project in projects() {
        let pairs = project.pairs(StatusFilter::All);
        let text = text_of(&project, ExportFormat::Jsonl);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), pairs.len());
        for (line, pair) in lines.iter().zip(&pairs) {
            let value: Value = serde_json::from_str(line).unwrap();
            assert_eq!(value["link"], pair.link.id.to_string());
            assert_eq!(value["relation"], pair.link.info.relation.name());
            assert_eq!(value["status"], pair.link.info.status.name());
            assert_eq!(value["note"], pair.link.info.note);
            assert_eq!(value["claim"]["quote"], pair.claim.claim.anchor.quote);
            assert_eq!(value["claim"]["speaker"], pair.claim.claim.info.speaker);
            assert_eq!(value["claim"]["via"], pair.claim.claim.info.via);
            assert_eq!(value["response"]["quote"], pair.response.claim.anchor.quote);
            assert_eq!(
                value["response"]["article"]["title"],
                pair.response.article.meta.title
            );
            check_side_offsets(&project, &value["claim"]);
            check_side_offsets(&project, &value["response"]);
        }
    }
}

#[test]
fn jsonl_offsets_differ_by_unit_on_non_ascii_text() {
    let project = hostile_project();
    let text = text_of(&project, ExportFormat::Jsonl);
    let first: Value = serde_json::from_str(text.lines().nth(2).unwrap()).unwrap();
    // "Հայաստան 😀" is the response of the third link; it starts the text.
    let offsets = &first["response"]["offsets"];
    assert_eq!(offsets["byte"]["end"], "Հայաստան 😀".len());
    assert_eq!(offsets["code_point"]["end"], 10);
    assert_eq!(offsets["utf16"]["end"], 11);
    let demo = text_of(&demo_project(), ExportFormat::Jsonl);
    let line: Value = serde_json::from_str(demo.lines().next().unwrap()).unwrap();
    assert_eq!(line["claim"]["article"]["date"], "2024-08-20");
    assert_eq!(line["days_between"], 0);
}

// -------------------------------------------------------------------- csv

const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn expected_cell(original: &str) -> String {
    if original.starts_with(FORMULA_TRIGGERS) {
        format!("'{original}")
    } else {
        original.to_string()
    }
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "CSV must start with a BOM"
    );
    let body = &bytes[3..];
    let mut reader = csv::ReaderBuilder::new().from_reader(body);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            assert_eq!(record.len(), header.len());
            header
                .iter()
                .cloned()
                .zip(record.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

fn expected_row(pair: &Pair<'_>) -> Vec<(String, String)> {
    let mut expected = vec![
        ("link".to_string(), pair.link.id.to_string()),
        (
            "relation".to_string(),
            pair.link.info.relation.name().to_string(),
        ),
        ("note".to_string(), expected_cell(&pair.link.info.note)),
    ];
    for (prefix, side) in [("claim", &pair.claim), ("response", &pair.response)] {
        let meta = &side.article.meta;
        for (column, value) in [
            ("quote", side.claim.anchor.quote.as_str()),
            ("speaker", &side.claim.info.speaker),
            ("via", &side.claim.info.via),
            ("title", &meta.title),
            ("outlet", &meta.outlet),
            ("url", &meta.url),
        ] {
            expected.push((format!("{prefix}_{column}"), expected_cell(value)));
        }
    }
    expected
}

#[test]
fn csv_cells_round_trip_through_the_csv_crate() {
    for project in projects() {
        let pairs = project.pairs(StatusFilter::All);
        let (header, rows) = read_csv(&file(&project, ExportFormat::Csv, StatusFilter::All));
        assert!(header.contains(&"claim_start".to_string()));
        assert_eq!(rows.len(), pairs.len());
        for (row, pair) in rows.iter().zip(&pairs) {
            for (column, value) in expected_row(pair) {
                assert_eq!(row[&column], value, "column {column}");
            }
            // Offsets are code points into the article text.
            let text = &pair.claim.article.text;
            let start: usize = row["claim_start"].parse().unwrap();
            let end: usize = row["claim_end"].parse().unwrap();
            assert_eq!(
                slice_code_points(text, start, end),
                pair.claim.claim.anchor.quote
            );
        }
    }
}

#[test]
fn csv_neutralises_formulas_but_keeps_numbers() {
    let project = hostile_project();
    let (header, rows) = read_csv(&file(&project, ExportFormat::Csv, StatusFilter::All));
    let numeric = [
        "days_between",
        "claim_start",
        "claim_end",
        "response_start",
        "response_end",
    ];
    for row in &rows {
        for column in &header {
            let cell = &row[column];
            if !numeric.contains(&column.as_str()) {
                assert!(!cell.starts_with(FORMULA_TRIGGERS), "{column}: {cell:?}");
            }
        }
    }
    // The second link made in this process (ids carry the session's tag).
    let second_link = riposte::model::LinkId::new(2, riposte::model::Replica::session());
    let formula_row = rows
        .iter()
        .find(|r| r["link"] == second_link.to_string())
        .unwrap();
    assert_eq!(formula_row["claim_quote"], format!("'{FORMULA}"));
    assert_eq!(formula_row["claim_speaker"], "'-minus");
    assert_eq!(formula_row["response_outlet"], "'@Outlet, Inc.");
    assert_eq!(formula_row["days_between"], "3");
    let text = String::from_utf8(file(&project, ExportFormat::Csv, StatusFilter::All)).unwrap();
    assert!(text.contains("\r\n"));
}

// -------------------------------------------------------------------- w3c

#[test]
fn w3c_annotations_select_the_quotes_by_text_and_code_points() {
    for project in projects() {
        let value: Value = serde_json::from_str(&text_of(&project, ExportFormat::W3c)).unwrap();
        assert_eq!(value["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(value["type"], "AnnotationCollection");
        let items = value["first"]["items"].as_array().unwrap();
        assert_eq!(value["total"], items.len());
        let mut claim_ids = BTreeSet::new();
        let mut links = 0;
        for item in items {
            assert_eq!(item["type"], "Annotation");
            match item["motivation"].as_str().unwrap() {
                "highlighting" => {
                    claim_ids.insert(item["id"].as_str().unwrap().to_string());
                    check_w3c_target(&project, &item["target"]);
                }
                "linking" => links += 1,
                other => panic!("unexpected motivation {other}"),
            }
        }
        let pairs = project.pairs(StatusFilter::All);
        assert_eq!(links, pairs.len());
        for (item, pair) in items
            .iter()
            .filter(|i| i["motivation"] == "linking")
            .zip(&pairs)
        {
            // The claim is the target; the response a `replying` body
            // (issue 15: JSON-LD loses the order of a target list).
            let claim = item["target"].as_str().unwrap();
            let response = item["body"][0]["source"].as_str().unwrap();
            assert_eq!(item["body"][0]["purpose"], "replying");
            for end in [claim, response] {
                assert!(claim_ids.contains(end));
            }
            assert_eq!(item["body"][1]["purpose"], "classifying");
            assert_eq!(item["body"][1]["value"], pair.link.info.relation.name());
            assert!(claim.ends_with(&pair.claim.claim.id.to_string()));
            assert!(response.ends_with(&pair.response.claim.id.to_string()));
        }
    }
}

fn check_w3c_target(project: &Project, target: &Value) {
    let source = target["source"].as_str().unwrap();
    let article = project
        .articles
        .iter()
        .find(|a| {
            riposte::io::export::link_url(&a.meta.url).as_deref() == Some(source)
                || source.ends_with(&a.content_hash)
        })
        .unwrap();
    let selectors = target["selector"].as_array().unwrap();
    let quote = &selectors[0];
    assert_eq!(quote["type"], "TextQuoteSelector");
    let exact = quote["exact"].as_str().unwrap();
    let position = &selectors[1];
    assert_eq!(position["type"], "TextPositionSelector");
    let start = position["start"].as_u64().unwrap() as usize;
    let end = position["end"].as_u64().unwrap() as usize;
    assert_eq!(slice_code_points(&article.text, start, end), exact);
    let prefix = quote["prefix"].as_str().unwrap();
    let suffix = quote["suffix"].as_str().unwrap();
    assert!(article.text.contains(&format!("{prefix}{exact}{suffix}")));
}

// ------------------------------------------------------------ claimreview

#[test]
fn claimreview_covers_only_judging_relations() {
    for project in projects() {
        let value: Value =
            serde_json::from_str(&text_of(&project, ExportFormat::ClaimReview)).unwrap();
        let reviews = value.as_array().unwrap();
        let judged: Vec<Pair<'_>> = project
            .pairs(StatusFilter::All)
            .into_iter()
            .filter(|p| {
                matches!(
                    p.link.info.relation,
                    Relation::Denies
                        | Relation::Refutes
                        | Relation::Contradicts
                        | Relation::Corrects
                )
            })
            .collect();
        assert_eq!(reviews.len(), judged.len());
        for (review, pair) in reviews.iter().zip(&judged) {
            assert_eq!(review["@context"], "https://schema.org");
            assert_eq!(review["@type"], "ClaimReview");
            // The full quote is the claim's text; claimReviewed is the
            // same on one line, within Google's 75 characters (issue 15).
            assert_eq!(
                review["itemReviewed"]["text"],
                pair.claim.claim.anchor.quote
            );
            let reviewed = review["claimReviewed"].as_str().unwrap();
            let flat = pair
                .claim
                .claim
                .anchor
                .quote
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(reviewed.chars().count() <= 75);
            assert!(reviewed == flat || flat.starts_with(reviewed.trim_end_matches('…')));
            assert_eq!(review["itemReviewed"]["@type"], "Claim");
            assert_eq!(
                review["itemReviewed"]["appearance"]["@type"],
                "CreativeWork"
            );
            assert_eq!(review["reviewRating"]["@type"], "Rating");
            let verdict = review["reviewRating"]["alternateName"].as_str().unwrap();
            assert!(["Denied", "Refuted", "Contradicted", "Corrected"].contains(&verdict));
        }
    }
}

#[test]
fn claimreview_names_the_parties_and_dates() {
    let project = demo_project();
    let value: Value = serde_json::from_str(&text_of(&project, ExportFormat::ClaimReview)).unwrap();
    let first = &value[0];
    assert_eq!(first["reviewRating"]["alternateName"], "Denied");
    assert_eq!(first["author"]["name"], "EU Mission");
    assert_eq!(first["author"]["@type"], "Organization");
    assert_eq!(
        first["itemReviewed"]["author"]["name"],
        "Peter Michalko (reported)"
    );
    assert_eq!(first["itemReviewed"]["author"]["@type"], "Person");
    assert_eq!(first["datePublished"], "2024-08-20");
    let contradiction = &value[1];
    assert_eq!(
        contradiction["reviewRating"]["alternateName"],
        "Contradicted"
    );
    assert_eq!(
        contradiction["itemReviewed"]["appearance"]["url"],
        "https://www.azernews.az/example/221000.html"
    );
    assert_eq!(contradiction["datePublished"], "2024-11-21");
}

// ------------------------------------------------------------------- brat

struct TextBound {
    fragments: Vec<(usize, usize)>,
    text: String,
}

/// A relation line: type, Arg1 id, Arg2 id.
type RelationLine = (String, String, String);

/// Parses the T and R lines of a brat `.ann` file.
fn parse_ann(ann: &str) -> (BTreeMap<String, TextBound>, Vec<RelationLine>) {
    let mut entities = BTreeMap::new();
    let mut relations = Vec::new();
    for line in ann.lines() {
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        match line.chars().next() {
            Some('T') => {
                let (kind, spans) = fields[1].split_once(' ').unwrap();
                assert_eq!(kind, "Claim");
                let fragments = spans
                    .split(';')
                    .map(|span| {
                        let (s, e) = span.split_once(' ').unwrap();
                        (s.parse().unwrap(), e.parse().unwrap())
                    })
                    .collect();
                let text = fields[2].to_string();
                entities.insert(fields[0].to_string(), TextBound { fragments, text });
            }
            Some('R') => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                let arg = |p: &str, name: &str| p.strip_prefix(name).unwrap().to_string();
                relations.push((
                    parts[0].to_string(),
                    arg(parts[1], "Arg1:"),
                    arg(parts[2], "Arg2:"),
                ));
            }
            Some('#') => {
                let target = fields[1].strip_prefix("AnnotatorNotes ").unwrap();
                assert!(entities.contains_key(target) || target.starts_with('R'));
                assert!(!fields[2].contains('\n'));
            }
            _ => panic!("unexpected .ann line {line:?}"),
        }
    }
    (entities, relations)
}

fn brat_files(project: &Project) -> BTreeMap<String, String> {
    match render(project, ExportFormat::Brat, StatusFilter::All).unwrap() {
        ExportOutput::Folder(files) => files
            .into_iter()
            .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
            .collect(),
        ExportOutput::File(_) => panic!("brat writes a folder"),
    }
}

#[test]
fn brat_offsets_select_each_quote_fragment_by_code_points() {
    for project in projects() {
        let files = brat_files(&project);
        let conf = &files["annotation.conf"];
        let mut entity_count = 0;
        let mut relation_count = 0;
        for (name, ann) in files.iter().filter(|(n, _)| n.ends_with(".ann")) {
            let txt = &files[&name.replace(".ann", ".txt")];
            let (entities, relations) = parse_ann(ann);
            for (id, entity) in &entities {
                let claim = project.claim(id[1..].parse().unwrap()).unwrap();
                let pieces: Vec<String> = entity
                    .fragments
                    .iter()
                    .map(|&(s, e)| slice_code_points(txt, s, e))
                    .collect();
                assert_eq!(pieces.join(" "), entity.text);
                let quote_lines: Vec<&str> = claim
                    .anchor
                    .quote
                    .split(is_python_line_break)
                    .filter(|l| !l.is_empty())
                    .collect();
                assert_eq!(pieces, quote_lines);
            }
            for (relation, arg1, arg2) in &relations {
                assert!(conf.contains(&format!("\n{relation}\tArg1:Claim, Arg2:Claim")));
                assert!(entities.contains_key(arg1) && entities.contains_key(arg2));
            }
            entity_count += entities.len();
            relation_count += relations.len();
        }
        let pairs = project.pairs(StatusFilter::All);
        let across = pairs
            .iter()
            .filter(|p| p.claim.article.id != p.response.article.id)
            .count();
        assert_eq!(relation_count, pairs.len() - across);
        let tsv = &files["cross-document.tsv"];
        assert_eq!(tsv.lines().count(), across + 1);
        for line in tsv.lines() {
            assert_eq!(line.split('\t').count(), 10);
        }
        let claims: BTreeSet<_> = pairs
            .iter()
            .flat_map(|p| [p.claim.claim.id, p.response.claim.id])
            .collect();
        assert_eq!(entity_count, claims.len());
    }
}

#[test]
fn brat_splits_multi_line_quotes_into_fragments() {
    let files = brat_files(&hostile_project());
    let ann = &files["a2.ann"];
    let t_line = ann.lines().find(|l| l.contains("Denied")).unwrap();
    assert!(t_line.contains(';'), "{t_line}");
    assert!(t_line.ends_with("\"Denied\", =SUM(1) paragraph two 😀"));
    assert_eq!(files["a2.txt"], HOSTILE_B);
}

// ------------------------------------------------------------ html and md

/// Counts opening and closing tags; void elements are skipped. Fails on
/// the first closing tag that does not match the innermost open one.
fn check_balanced(html: &str) {
    const VOID: [&str; 3] = ["meta", "br", "!doctype"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>').expect("unterminated tag");
        let tag = &after[..close];
        rest = &after[close + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        if VOID.contains(&name.as_str()) || tag.ends_with('/') {
            continue;
        }
        if tag.starts_with('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "closing </{name}>"
            );
        } else {
            stack.push(name);
        }
        if stack.last().is_some_and(|t| t == "style") {
            // CSS may hold '>' selectors; skip to the end of the style.
            let end = rest.find("</style>").unwrap();
            rest = &rest[end..];
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

/// Every tag is one the dossier writes, with only harmless attributes:
/// no scripts, event handlers, embedded or external resources, and links
/// only to http(s). The style sheet loads nothing.
fn check_tags_are_inert(html: &str) {
    let (html, svg) = cut_timeline_svg(html);
    if let Some(svg) = svg {
        check_svg_is_inert(&svg);
    }
    let html = html.as_str();
    const TAGS: [&str; 21] = [
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "p",
        "main",
        "section",
        "article",
        "div",
        "span",
        "blockquote",
        "mark",
        "a",
        "cite",
        "time",
    ];
    const ATTRIBUTES: [&str; 7] = [
        "class", "href", "lang", "charset", "name", "content", "datetime",
    ];
    let style_start = html.find("<style>").unwrap();
    let style_end = html.find("</style>").unwrap();
    let style = &html[style_start..style_end];
    assert!(!style.contains("url(") && !style.contains("@import"));
    let mut attributes_seen = 0;
    for segment in [&html[..style_start], &html[style_end..]] {
        let mut rest = segment;
        while let Some(open) = rest.find('<') {
            let after = &rest[open + 1..];
            let close = after.find('>').unwrap();
            let tag = after[..close].trim_start_matches('/');
            rest = &after[close + 1..];
            let name = tag.split_whitespace().next().unwrap().to_lowercase();
            assert!(TAGS.contains(&name.as_str()), "tag <{name}>");
            // Values are escaped (`"` is `&quot;`), so every `="` starts a
            // value and the word before it is an attribute name.
            for (at, _) in tag.match_indices("=\"") {
                attributes_seen += 1;
                let attribute = tag[..at].rsplit(' ').next().unwrap();
                assert!(ATTRIBUTES.contains(&attribute), "{attribute} in <{tag}>");
                if attribute == "href" {
                    let value = &tag[at + 2..];
                    assert!(value.starts_with("https://") || value.starts_with("http://"));
                }
            }
        }
    }
    assert!(attributes_seen > 0);
}

/// The HTML without its inline timeline `<svg>…</svg>`, and that SVG.
fn cut_timeline_svg(html: &str) -> (String, Option<String>) {
    match (html.find("<svg"), html.find("</svg>")) {
        (Some(start), Some(end)) => {
            let end = end + "</svg>".len();
            let rest = format!("{}{}", &html[..start], &html[end..]);
            assert!(!rest.contains("<svg"), "one timeline picture at most");
            (rest, Some(html[start..end].to_string()))
        }
        _ => (html.to_string(), None),
    }
}

/// The timeline picture is well-formed XML made only of drawing elements:
/// no scripts, event handlers, links or references to other resources.
fn check_svg_is_inert(svg: &str) {
    const ELEMENTS: [&str; 9] = [
        "svg", "title", "g", "rect", "text", "line", "path", "circle", "polygon",
    ];
    let document = roxmltree::Document::parse(svg).unwrap();
    for node in document.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(ELEMENTS.contains(&name), "<{name}> in the timeline");
        for attribute in node.attributes() {
            let (key, value) = (attribute.name(), attribute.value());
            assert!(
                !key.starts_with("on") && !key.contains("href"),
                "{key} in <{name}>"
            );
            assert!(!value.contains("url(") && !value.contains("javascript:"));
        }
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn html_dossier_escapes_everything_and_balances_its_tags() {
    for project in projects() {
        let html = text_of(&project, ExportFormat::Html);
        assert!(!html.to_lowercase().contains("<script"));
        check_balanced(&html);
        check_tags_are_inert(&html);
        for pair in project.pairs(StatusFilter::All) {
            for side in [&pair.claim, &pair.response] {
                let quote = html_escape(&side.claim.anchor.quote);
                assert!(html.contains(&format!("<mark>{quote}</mark>")), "{quote}");
            }
        }
    }
    let html = text_of(&hostile_project(), ExportFormat::Html);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The URL's quotes are percent-encoded (a valid URI), its `&` escaped.
    assert!(html.contains("<a href=\"https://example.org/a?x=1&amp;y=%222%22\">"));
}

#[test]
fn html_dossier_groups_stories_by_date_with_context_and_lag() {
    let html = text_of(&demo_project(), ExportFormat::Html);
    assert_eq!(html.matches("<section class=\"story\">").count(), 2);
    // The OSCE story (February 2024) comes before the EU one (August 2024).
    let osce = html.find("noted some problems").unwrap();
    let eu = html.find("categorically denied").unwrap();
    assert!(osce < eu);
    // The sentence around the quote is shown.
    assert!(html.contains("Earlier, the OSCE prepared an initial report on the presidential elections in Azerbaijan, which <mark>"));
    assert!(html.contains("293 days later"));
    assert!(html.contains("same day"));
    assert!(html.contains("@media print"));
}

#[test]
fn markdown_dossier_escapes_markup() {
    for project in projects() {
        let md = text_of(&project, ExportFormat::Markdown);
        // Every '<' is escaped, except the one opening a link destination.
        for (at, _) in md.match_indices('<') {
            let before = &md[..at];
            assert!(
                before.ends_with('\\') || before.ends_with("]("),
                "raw '<' at {at}"
            );
        }
    }
    let md = text_of(&hostile_project(), ExportFormat::Markdown);
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
    assert!(md.starts_with("# \\<script\\>"));
    // A multi-line quote stays inside its block quote, with hard breaks.
    assert!(md.contains("**👨‍👩‍👧 said: first line\\\n> second line**"));
    let demo = text_of(&demo_project(), ExportFormat::Markdown);
    assert_eq!(demo.matches("\n## Story ").count(), 2);
    assert!(demo.contains(
        "**The EU Mission categorically denied this publication as false and provocative**"
    ));
}
