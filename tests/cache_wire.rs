//! The project cache's positional wire form: whatever a project holds
//! (empty and absent optional fields, every kind of review, merge
//! conflicts, Unicode everywhere), its cached copy decodes to an equal
//! project; a copy cut short or with bytes added is never used.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use proptest::prelude::*;
use riposte::bench_support::{CorpusSpec, corpus};
use riposte::io::cache::ProjectCache;
use riposte::io::{load, save};
use riposte::model::{
    Choice, Conflict, ConflictKind, ConflictSide, Disagreement, MetaField, Project, Published,
    RecordRef, RejectedCandidate, Relation, Review, Status,
};

const SAMPLES: [&str; 10] = [
    "",
    "ə ş ğ ı Ə Ş Ğ İ",
    "Опровержение",
    "Հայաստան",
    "საქართველო",
    "😀 👍🏽",
    "a\r\nb",
    "\u{feff}bom",
    "  spaced\tout  ",
    "plain",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(SAMPLES.to_vec()).prop_map(String::from),
        "\\PC{0,12}",
    ]
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (-10_000_000_000i64..10_000_000_000, 0u32..1_000_000_000)
        .prop_map(|(secs, nanos)| DateTime::from_timestamp(secs, nanos).unwrap())
}

fn published() -> impl Strategy<Value = Option<Published>> {
    let time = prop::option::of((0u32..86_400, 0u32..1_000_000_000));
    let offset = prop::option::of(-900i32..900);
    prop::option::of((-200_000i32..900_000, time, offset)).prop_map(|p| {
        p.map(|(days, time, offset)| Published {
            date: NaiveDate::from_num_days_from_ce_opt(days).unwrap(),
            time: time.map(|(s, n)| NaiveTime::from_num_seconds_from_midnight_opt(s, n).unwrap()),
            utc_offset_minutes: offset,
        })
    })
}

fn review() -> impl Strategy<Value = Option<Review>> {
    prop::option::of(prop_oneof![
        (0.0f32..=1.0, text()).prop_map(|(confidence, old_quote)| Review::LowConfidence {
            confidence,
            old_quote
        }),
        (0usize..100_000).prop_map(|old_start| Review::Orphaned { old_start }),
    ])
}

/// What to change in one claim.
#[derive(Debug, Clone)]
struct ClaimTweak {
    texts: [String; 4],
    tags: Vec<String>,
    times: (DateTime<Utc>, DateTime<Utc>),
    modified_by: Option<String>,
    review: Option<Review>,
    repeat_of: Option<usize>,
}

fn claim_tweak() -> impl Strategy<Value = ClaimTweak> {
    let texts = [text(), text(), text(), text()];
    let tags = prop::collection::vec(text(), 0..3);
    let rest = (
        prop::option::of(text()),
        review(),
        prop::option::of(0usize..8),
    );
    (texts, tags, (time(), time()), rest).prop_map(|(texts, tags, times, rest)| ClaimTweak {
        texts,
        tags,
        times,
        modified_by: rest.0,
        review: rest.1,
        repeat_of: rest.2,
    })
}

/// An article's five texts, publication date, uncertain fields and import time.
type ArticleTweak = (
    [String; 5],
    Option<Published>,
    Vec<MetaField>,
    DateTime<Utc>,
);

/// What to change in the project as a whole, its articles and its links.
#[derive(Debug, Clone)]
struct ProjectTweak {
    title: String,
    meta: Vec<ArticleTweak>,
    links: Vec<(String, Option<String>, Relation, Status)>,
    rare: Option<(String, Option<DateTime<Utc>>, String)>,
}

fn project_tweak() -> impl Strategy<Value = ProjectTweak> {
    let fields = prop::sample::subsequence(
        vec![MetaField::Title, MetaField::Outlet, MetaField::Published],
        0..=3,
    );
    let meta = (
        [text(), text(), text(), text(), text()],
        published(),
        fields,
        time(),
    );
    let link = (
        text(),
        prop::option::of(text()),
        prop::sample::select(Relation::ALL.to_vec()),
        prop::sample::select(Status::ALL.to_vec()),
    );
    let rare = prop::option::of((text(), prop::option::of(time()), text()));
    (
        text(),
        prop::collection::vec(meta, 3),
        prop::collection::vec(link, 4),
        rare,
    )
        .prop_map(|(title, meta, links, rare)| ProjectTweak {
            title,
            meta,
            links,
            rare,
        })
}

fn base() -> Project {
    corpus(&CorpusSpec {
        articles: 3,
        claims: 8,
        links: 4,
        seed: 11,
    })
    .unwrap()
}

fn tweaked(claims: &[ClaimTweak], tweak: &ProjectTweak) -> Project {
    let mut project = base();
    project.title = tweak.title.clone();
    let ids: Vec<_> = project.claims.iter().map(|c| c.id).collect();
    for (claim, t) in project.claims.iter_mut().zip(claims) {
        let claim = Arc::make_mut(claim);
        let [speaker, via, note, analyst] = t.texts.clone();
        (claim.info.speaker, claim.info.via, claim.info.note) = (speaker, via, note);
        claim.analyst = analyst;
        claim.info.tags = t.tags.clone();
        (claim.created, claim.modified) = t.times;
        claim.modified_by = t.modified_by.clone();
        claim.review = t.review.clone();
        claim.repeat_of = t.repeat_of.map(|i| ids[i % ids.len()]);
    }
    for (article, (texts, published, uncertain, at)) in project.articles.iter_mut().zip(&tweak.meta)
    {
        let [title, outlet, url, source, original] = texts.clone();
        let meta = &mut article.meta;
        (meta.title, meta.outlet, meta.url, meta.source_path) = (title, outlet, url, source);
        meta.original_hash = original;
        meta.published = *published;
        meta.uncertain = uncertain.iter().copied().collect();
        article.imported_at = *at;
    }
    for (link, (note, by, relation, status)) in project.links.iter_mut().zip(&tweak.links) {
        let link = Arc::make_mut(link);
        (link.info.note, link.modified_by) = (note.clone(), by.clone());
        (link.info.relation, link.info.status) = (*relation, *status);
    }
    if let Some(rare) = &tweak.rare {
        add_rare(&mut project, rare);
    }
    project
}

/// Merge conflicts, disagreements, story names and a rejected candidate,
/// with their optional fields set or not.
fn add_rare(project: &mut Project, (text, at, field): &(String, Option<DateTime<Utc>>, String)) {
    let claim = project.claims[0].id;
    let side = |value: serde_json::Value| ConflictSide {
        value,
        analyst: text.clone(),
        at: *at,
    };
    project.conflicts.push(Conflict {
        record: RecordRef::Claim(claim),
        field: field.clone(),
        kind: ConflictKind::BothChanged,
        ours: side(serde_json::json!({"quote": text, "n": -3, "f": 0.5})),
        theirs: side(serde_json::Value::Null),
    });
    project.disagreements.push(Disagreement {
        claim,
        response: project.claims[1].id,
        choices: vec![Choice {
            copy: text.clone(),
            analyst: field.clone(),
            relation: Some(Relation::Refutes),
        }],
    });
    project.story_names = BTreeMap::from([(claim, text.clone())]);
    project.rejected_candidates.push(RejectedCandidate {
        claim,
        article: project.articles[0].id,
        start: 1,
        end: 4,
        quote: text.clone(),
    });
}

/// Caches `project` as the copy of a file holding `ron`, then reads it back.
fn round_trip(dir: &Path, project: &Project) -> Option<Project> {
    let cache = ProjectCache::at(dir.join("cache"));
    let path = dir.join("p.ron");
    fs::write(&path, b"stand-in bytes").unwrap();
    cache.store(&path, b"stand-in bytes", project).unwrap();
    cache.fetch(&path)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_project_comes_back_equal(
        claims in prop::collection::vec(claim_tweak(), 8),
        tweak in project_tweak(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let project = tweaked(&claims, &tweak);
        prop_assert_eq!(round_trip(dir.path(), &project), Some(project));
    }
}

#[test]
fn an_empty_project_comes_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let project = Project::new("");
    assert_eq!(round_trip(dir.path(), &project), Some(project));
}

#[test]
fn a_copy_cut_short_or_lengthened_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ProjectCache::at(dir.path().join("cache"));
    let path = dir.path().join("p.ron");
    let project = base();
    save(&path, &project).unwrap();
    cache.load(&path).unwrap();
    let copy = fs::read_dir(cache.dir()).unwrap().next().unwrap().unwrap();
    let bytes = fs::read(copy.path()).unwrap();
    assert_eq!(cache.fetch(&path).unwrap(), project);
    let cuts = (1..16).map(|i| bytes.len() * i / 16);
    for cut in cuts.chain([bytes.len() - 1]) {
        fs::write(copy.path(), &bytes[..cut]).unwrap();
        assert!(cache.fetch(&path).is_none(), "cut at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    fs::write(copy.path(), &longer).unwrap();
    assert!(cache.fetch(&path).is_none(), "a byte added");
    assert_eq!(
        cache.load(&path).unwrap().project,
        load(&path).unwrap().project
    );
    assert_eq!(
        cache.fetch(&path).unwrap(),
        project,
        "the load cached it again"
    );
}

#[test]
fn a_big_copy_decoded_on_two_threads_equals_the_ron_load() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ProjectCache::at(dir.path().join("cache"));
    let path = dir.path().join("big.ron");
    let project = corpus(&CorpusSpec {
        articles: 300,
        claims: 3000,
        links: 1500,
        seed: 3,
    })
    .unwrap();
    save(&path, &project).unwrap();
    assert!(fs::metadata(&path).unwrap().len() > 4 << 20, "big enough");
    cache.load(&path).unwrap();
    assert_eq!(cache.fetch(&path).unwrap(), load(&path).unwrap().project);
}
