//! Projects for the export tests: a demo-like one built from the seed
//! articles, and a hostile one whose quotes, speakers and notes carry
//! markup, formulas, separators, line breaks, emoji and Armenian text.

#![allow(dead_code)]

use chrono::{DateTime, NaiveDate};
use riposte::io::import::article_from_text;
use riposte::model::{
    Anchor, Article, ArticleId, Bundle, ClaimId, ClaimInfo, Edit, LinkInfo, Project, Published,
    Relation, Stamp, Status, apply,
};

pub fn stamp() -> Stamp {
    Stamp {
        analyst: "Test Analyst".to_string(),
        at: DateTime::from_timestamp(1_732_000_000, 0).unwrap(),
    }
}

pub fn seed(name: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> Option<Published> {
    Some(Published {
        date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        time: None,
        utc_offset_minutes: None,
    })
}

fn add_articles(project: &mut Project, articles: Vec<Article>) {
    let bundle = Bundle {
        articles,
        ..Bundle::default()
    };
    apply(project, Edit::Insert(Box::new(bundle))).unwrap();
}

pub fn add_claim(
    project: &mut Project,
    article: u32,
    quote: &str,
    speaker: &str,
    via: &str,
) -> ClaimId {
    let text = &project.article(ArticleId::untagged(article)).unwrap().text;
    let anchor = Anchor::from_quote(text, quote, None)
        .unwrap_or_else(|e| panic!("{quote:?} in a{article}: {e}"));
    let info = ClaimInfo {
        speaker: speaker.to_string(),
        via: via.to_string(),
        ..ClaimInfo::default()
    };
    let (edit, id) = Edit::add_claim(
        project,
        ArticleId::untagged(article),
        anchor,
        info,
        &stamp(),
    );
    apply(project, edit).unwrap();
    id
}

pub fn add_link(
    project: &mut Project,
    claim: ClaimId,
    response: ClaimId,
    relation: Relation,
    status: Status,
    note: &str,
) {
    let info = LinkInfo {
        relation,
        status,
        note: note.to_string(),
    };
    let (edit, _) = Edit::add_link(project, claim, response, info, &stamp());
    apply(project, edit).unwrap();
}

/// Three seed articles, five claims, two curated links in two stories and
/// one draft link.
pub fn demo_project() -> Project {
    let mut project = Project::new("Azerbaijan: claims and rebuttals");
    let mut a1 = article_from_text(ArticleId::untagged(1), &seed("000_"), "seeds/000", &stamp());
    a1.meta.outlet = "Turan".to_string();
    let mut a2 = article_from_text(ArticleId::untagged(2), &seed("001_"), "seeds/001", &stamp());
    a2.meta.url = "https://www.azernews.az/example/221000.html".to_string();
    let a3 = article_from_text(ArticleId::untagged(3), &seed("002_"), "seeds/002", &stamp());
    add_articles(&mut project, vec![a1, a2, a3]);
    let funds = add_claim(
        &mut project,
        1,
        "the US and the EU have been providing significant funds to the opposition",
        "Peter Michalko (reported)",
        "Qafqazinfo.az",
    );
    let denial = add_claim(
        &mut project,
        1,
        "The EU Mission categorically denied this publication as false and provocative",
        "EU Mission",
        "",
    );
    add_link(
        &mut project,
        funds,
        denial,
        Relation::Denies,
        Status::Curated,
        "",
    );
    let problems = add_claim(
        &mut project,
        2,
        "noted some problems regarding the election conditions",
        "OSCE",
        "Azernews",
    );
    let compliance = add_claim(
        &mut project,
        3,
        "The elections were held wholly in compliance with national laws and international commitments",
        "Milli Majlis",
        "Trend",
    );
    add_link(
        &mut project,
        problems,
        compliance,
        Relation::Contradicts,
        Status::Curated,
        "Answers the OSCE report without naming it.",
    );
    let unfounded = add_claim(
        &mut project,
        3,
        "The allegations regarding the extraordinary presidential elections held on 7 February 2024 are completely unfounded",
        "Milli Majlis",
        "Trend",
    );
    add_link(
        &mut project,
        problems,
        unfounded,
        Relation::Refutes,
        Status::Draft,
        "",
    );
    project
}

pub const SCRIPT: &str = "<script>alert(1)</script>";
pub const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";

pub const HOSTILE_A: &str = "Հայաստան 😀 report: \"Quote, with commas\" and <script>alert(1)</script> here.\n\
=HYPERLINK(\"http://x\",\"y\") was typed.\n\
The family 👨‍👩‍👧 said: first line\nsecond line. Done.\n\
+1 -2 @three\tfour.\n";

pub const HOSTILE_B: &str = "Ответ Հայաստան: \"Denied\", =SUM(1)\n\nparagraph two 😀 ends. Tail.\n";

/// Two articles of hostile text, every link curated.
pub fn hostile_project() -> Project {
    let mut project = Project::new("<script>alert('t')</script> & =cmd|' /C calc'!A0");
    let mut a1 = article_from_text(ArticleId::untagged(1), HOSTILE_A, "hostile-a", &stamp());
    a1.meta.title = "<b>Title</b>, \"quoted\"\nsecond line".to_string();
    a1.meta.outlet = "=Outlet".to_string();
    a1.meta.published = date(2024, 3, 1);
    a1.meta.url = "javascript:alert(1)".to_string();
    let mut a2 = article_from_text(ArticleId::untagged(2), HOSTILE_B, "hostile-b", &stamp());
    a2.meta.title = "-Minus title".to_string();
    a2.meta.outlet = "@Outlet, Inc.".to_string();
    a2.meta.published = date(2024, 3, 4);
    a2.meta.url = "https://example.org/a?x=1&y=\"2\"".to_string();
    add_articles(&mut project, vec![a1, a2]);
    let quoted = add_claim(
        &mut project,
        1,
        "\"Quote, with commas\"",
        "=evil()",
        "<i>via</i>",
    );
    let script = add_claim(&mut project, 1, SCRIPT, "<b>Bold</b>", "@at");
    let formula = add_claim(&mut project, 1, FORMULA, "-minus", "+plus");
    let family = add_claim(
        &mut project,
        1,
        "👨‍👩‍👧 said: first line\nsecond line",
        "Tab\there",
        "line\nbreak",
    );
    let armenian = add_claim(&mut project, 1, "Հայաստան 😀", "Հայաստան", "");
    let answer = add_claim(
        &mut project,
        2,
        "\"Denied\", =SUM(1)\n\nparagraph two 😀",
        "Ответ",
        "",
    );
    let numbers = add_claim(&mut project, 1, "+1 -2 @three\tfour", "", "");
    let note = "Note with \"quotes\", commas,\nnew lines and <script>alert(2)</script>";
    add_link(
        &mut project,
        quoted,
        script,
        Relation::Denies,
        Status::Curated,
        note,
    );
    add_link(
        &mut project,
        formula,
        answer,
        Relation::Refutes,
        Status::Curated,
        FORMULA,
    );
    add_link(
        &mut project,
        family,
        armenian,
        Relation::Corrects,
        Status::Curated,
        "-1",
    );
    add_link(
        &mut project,
        armenian,
        answer,
        Relation::Contradicts,
        Status::Curated,
        "",
    );
    add_link(
        &mut project,
        numbers,
        answer,
        Relation::Supports,
        Status::Curated,
        "@x",
    );
    project
}

/// The code points `start..end` of `text`.
pub fn slice_code_points(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The UTF-16 units `start..end` of `text`, decoded.
pub fn slice_utf16(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start..end]).unwrap()
}

/// The Big List of Naughty Strings split over two articles; every
/// non-empty line is a claim (its own text is also its speaker and the
/// note of its link) and each claim is linked to the next, across the
/// article boundary too, cycling through the relations.
pub fn naughty_project() -> Project {
    let blns = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/blns.txt"))
        .unwrap();
    let lines: Vec<&str> = blns
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    let half = lines.len() / 2;
    let mut project = Project::new(lines[0]);
    let a1 = article_from_text(
        ArticleId::untagged(1),
        &lines[..half].join("\n"),
        "blns-1",
        &stamp(),
    );
    let a2 = article_from_text(
        ArticleId::untagged(2),
        &lines[half..].join("\n"),
        "blns-2",
        &stamp(),
    );
    add_articles(&mut project, vec![a1, a2]);
    let mut claims = Vec::new();
    for article in [ArticleId::untagged(1), ArticleId::untagged(2)] {
        let text = project.article(article).unwrap().text.clone();
        let mut start = 0;
        for line in text.split('\n') {
            let end = start + line.len();
            if !line.trim().is_empty() {
                let anchor = Anchor::from_range(&text, start, end).unwrap();
                let info = ClaimInfo {
                    speaker: line.to_string(),
                    via: line.chars().rev().collect(),
                    ..ClaimInfo::default()
                };
                let (edit, id) = Edit::add_claim(&project, article, anchor, info, &stamp());
                apply(&mut project, edit).unwrap();
                claims.push((id, line.to_string()));
            }
            start = end + 1;
        }
    }
    for (i, pair) in claims.windows(2).enumerate() {
        let relation = Relation::ALL[i % Relation::ALL.len()];
        add_link(
            &mut project,
            pair[0].0,
            pair[1].0,
            relation,
            Status::Curated,
            &pair[1].1,
        );
    }
    project
}
