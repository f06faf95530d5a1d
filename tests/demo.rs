//! `saves/demo.ron` is built by `saves/make-demo.sh` with the CLI; running
//! the script again must give the same bytes, so the demo keeps up with the
//! format.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::repo;

#[test]
fn demo_regenerates_byte_identically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo.ron");
    let status = std::process::Command::new("bash")
        .arg(repo().join("saves/make-demo.sh"))
        .arg(&out)
        .env("RIPOSTE", env!("CARGO_BIN_EXE_riposte"))
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let fresh = std::fs::read_to_string(&out).unwrap();
    let committed = std::fs::read_to_string(repo().join("saves/demo.ron")).unwrap();
    assert!(
        fresh == committed,
        "saves/demo.ron is stale: run saves/make-demo.sh and commit the result"
    );
    let project = riposte::io::load(&out).unwrap().project;
    let cross = project
        .pairs(riposte::model::StatusFilter::All)
        .iter()
        .filter(|p| p.claim.article.id != p.response.article.id)
        .count();
    assert!(cross >= 3, "only {cross} cross-article links");
}
