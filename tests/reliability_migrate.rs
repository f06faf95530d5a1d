//! Every released file-format version keeps loading: the v1 fixture was
//! written by the CLI (`riposte import` / `claim` / `link` on the seeds,
//! with SOURCE_DATE_EPOCH=1732530000 RIPOSTE_ANALYST=fixture) and is never
//! regenerated.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use riposte::io::migrate::read_header;
use riposte::io::project_file::{FORMAT_VERSION, load, to_ron_string};
use riposte::model::{ArticleId, ClaimId, LinkId, Relation, Status};

fn fixture_path() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/project_v1.ron"
    ))
}

#[test]
fn version_1_fixture_loads_with_expected_contents() {
    let loaded = load(fixture_path()).expect("v1 loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let project = &loaded.project;
    assert_eq!(
        project.summary(),
        "3 articles, 4 claims, 2 links (1 curated)"
    );
    assert_eq!(project.title, "project_v1");
    assert_eq!(project.analysts(), vec!["fixture"]);
    let michalko = project.claim(ClaimId(3)).unwrap();
    assert_eq!(michalko.info.speaker, "Peter Michalko (reported)");
    assert_eq!(michalko.info.via, "Qafqazinfo.az");
    assert_eq!(michalko.article, ArticleId(1));
    assert_eq!(michalko.review, None);
    let denial = project.link(LinkId(1)).unwrap();
    assert_eq!((denial.claim, denial.response), (ClaimId(3), ClaimId(4)));
    assert_eq!(denial.info.relation, Relation::Denies);
    assert_eq!(denial.info.status, Status::Curated);
    let contradiction = project.link(LinkId(2)).unwrap();
    assert_eq!(contradiction.info.relation, Relation::Contradicts);
}

#[test]
fn header_is_read_first() {
    let text = std::fs::read_to_string(fixture_path()).unwrap();
    let header = read_header(&text, "project_v1.ron", &ron::Options::default()).unwrap();
    assert_eq!(header.format, "riposte-project");
    assert_eq!(header.version, 1);
}

#[test]
fn current_build_writes_version_1_byte_identically() {
    // While version 1 is current, saving the fixture must reproduce it byte
    // for byte: the format did not drift (new optional fields are omitted
    // when empty). When version 2 arrives this test changes to "v1 loads
    // and upgrades", and a v2 fixture is added.
    if FORMAT_VERSION != 1 {
        return;
    }
    let text = std::fs::read_to_string(fixture_path()).unwrap();
    let loaded = load(fixture_path()).unwrap();
    assert_eq!(to_ron_string(&loaded.project).unwrap(), text);
}
