//! The binary project cache: used only for the exact bytes it was made
//! from, always equal to the RON load, never a reason for a load to fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::Path;

use common::repo;
use riposte::bench_support::{CorpusSpec, corpus};
use riposte::io::cache::ProjectCache;
use riposte::io::{load, save};
use riposte::model::{Project, Review};

fn cache_in(dir: &Path) -> ProjectCache {
    ProjectCache::at(dir.join("cache"))
}

/// Generated projects plus claims under review (both kinds), so the
/// optional fields the RON file omits when empty go through the cache.
fn varied_project() -> Project {
    let mut project = corpus(&CorpusSpec {
        articles: 6,
        claims: 40,
        links: 20,
        seed: 7,
    })
    .unwrap();
    std::sync::Arc::make_mut(&mut project.claims[0]).review = Some(Review::LowConfidence {
        confidence: 0.5,
        old_quote: "ə old quote 😀".into(),
    });
    let orphan = std::sync::Arc::make_mut(&mut project.claims[1]);
    orphan.review = Some(Review::Orphaned { old_start: 12 });
    orphan.anchor.start = 0;
    orphan.anchor.end = 0;
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    project
}

#[test]
fn a_cached_load_equals_the_ron_load() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let generated = dir.path().join("generated.ron");
    save(&generated, &varied_project()).unwrap();
    let demo = dir.path().join("demo.ron");
    fs::copy(repo().join("saves/demo.ron"), &demo).unwrap();
    let fixture = dir.path().join("v1.ron");
    fs::copy(repo().join("tests/data/project_v1.ron"), &fixture).unwrap();
    for path in [&generated, &demo, &fixture] {
        let from_ron = load(path).unwrap();
        assert!(cache.fetch(path).is_none(), "nothing cached yet");
        let first = cache.load(path).unwrap();
        assert_eq!(first.project, from_ron.project);
        let cached = cache.fetch(path).expect("cached by the first load");
        assert_eq!(cached, from_ron.project, "{}", path.display());
        let second = cache.load(path).unwrap();
        assert_eq!(second.project, from_ron.project);
        assert!(second.problems.is_empty());
    }
}

#[test]
fn a_changed_file_is_read_from_ron_and_cached_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = dir.path().join("p.ron");
    let mut project = varied_project();
    save(&path, &project).unwrap();
    cache.load(&path).unwrap();
    project.title = "Renamed elsewhere".into();
    save(&path, &project).unwrap();
    assert!(cache.fetch(&path).is_none(), "stale copy must not be used");
    let loaded = cache.load(&path).unwrap();
    assert_eq!(loaded.project.title, "Renamed elsewhere");
    assert_eq!(cache.fetch(&path).unwrap().title, "Renamed elsewhere");
}

#[test]
fn a_damaged_copy_falls_back_to_ron() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = dir.path().join("p.ron");
    let project = varied_project();
    save(&path, &project).unwrap();
    cache.load(&path).unwrap();
    let copy = fs::read_dir(cache.dir()).unwrap().next().unwrap().unwrap();
    let bytes = fs::read(copy.path()).unwrap();
    // Torn (header intact, payload cut) and then garbage after the header.
    fs::write(copy.path(), &bytes[..bytes.len() / 2]).unwrap();
    assert!(cache.fetch(&path).is_none());
    assert_eq!(cache.load(&path).unwrap().project, project);
    let mut garbage = bytes[..56].to_vec();
    garbage.extend(std::iter::repeat_n(0xc1u8, 1000));
    fs::write(copy.path(), garbage).unwrap();
    assert!(cache.fetch(&path).is_none());
    assert_eq!(cache.load(&path).unwrap().project, project);
    fs::write(copy.path(), b"not a cache").unwrap();
    assert_eq!(cache.load(&path).unwrap().project, project);
}

#[test]
fn a_project_with_problems_is_not_cached_and_keeps_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = dir.path().join("dup.ron");
    fs::copy(repo().join("tests/data/fuzz_load_dup_article.ron"), &path).unwrap();
    let from_ron = load(&path).unwrap();
    assert!(!from_ron.problems.is_empty());
    for _ in 0..2 {
        let loaded = cache.load(&path).unwrap();
        assert_eq!(loaded.problems, from_ron.problems);
        assert_eq!(loaded.project, from_ron.project);
    }
    assert!(cache.fetch(&path).is_none());
}

#[test]
fn load_errors_are_the_ron_errors_and_nothing_is_cached() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = dir.path().join("broken.ron");
    fs::write(
        &path,
        "(format: \"riposte-project\", version: 1, project: (title: )",
    )
    .unwrap();
    let expected = load(&path).unwrap_err().to_string();
    assert_eq!(cache.load(&path).unwrap_err().to_string(), expected);
    assert!(expected.contains("broken.ron:1:"), "{expected}");
    assert!(!cache.dir().exists() || fs::read_dir(cache.dir()).unwrap().next().is_none());
}

#[test]
fn saving_through_the_cache_writes_the_file_and_its_copy() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let path = dir.path().join("saved.ron");
    let project = varied_project();
    cache.save(&path, &project).unwrap();
    assert_eq!(load(&path).unwrap().project, project);
    assert_eq!(cache.fetch(&path).unwrap(), project);
    let plain = dir.path().join("plain.ron");
    save(&plain, &project).unwrap();
    assert_eq!(fs::read(&plain).unwrap(), fs::read(&path).unwrap());
}

/// An open takes the change watch's hash from the load (the file is read
/// once): it must be the hash a save's baseline and the pre-save check
/// compute from the file, whether the copy was used, the file was parsed
/// (and cached), or there is no cache; big files hash on their own thread.
#[test]
fn the_hash_of_a_load_is_the_files_content_hash() {
    use riposte::io::cache::load_hashed;
    use riposte::io::recovery::{file_changed_since, file_hash, hash_from_xxh3};
    let dir = tempfile::tempdir().unwrap();
    let cache = cache_in(dir.path());
    let big = corpus(&CorpusSpec::scaled(20)).unwrap();
    for (name, project) in [("small.ron", varied_project()), ("big.ron", big)] {
        let path = dir.path().join(name);
        save(&path, &project).unwrap();
        let on_disk = file_hash(&path).unwrap().unwrap();
        let (parsed, parsed_hash) = load_hashed(Some(&cache), &path).unwrap();
        assert!(cache.fetch(&path).is_some(), "{name}: cached");
        let (cached, cached_hash) = load_hashed(Some(&cache), &path).unwrap();
        let (_, uncached_hash) = load_hashed(None, &path).unwrap();
        assert_eq!(parsed.project, cached.project);
        for hash in [parsed_hash, cached_hash, uncached_hash] {
            assert_eq!(hash_from_xxh3(hash), on_disk, "{name}");
            assert!(!file_changed_since(&path, &hash_from_xxh3(hash)).unwrap());
        }
    }
}
