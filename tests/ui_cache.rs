//! The window's loads and saves go through the binary project cache, and
//! the cache can never show other data than the RON file: a file changed
//! behind the cache's back, or a copy made for other bytes, is read from RON.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use std::fs;
use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use riposte::bench_support::{CorpusSpec, corpus};
use riposte::io::cache::ProjectCache;
use riposte::io::{load, save};
use riposte::model::{Project, Status};
use riposte::ui::action::{Action, LinkChange};
use riposte::ui::commands::Command;
use riposte::ui::{App, Startup};
use ui_support::{settle, window};

fn generated(seed: u64) -> Project {
    corpus(&CorpusSpec {
        articles: 5,
        claims: 30,
        links: 12,
        seed,
    })
    .unwrap()
}

fn cached_window(path: &Path, cache: &ProjectCache) -> Harness<'static, App> {
    let mut startup = Startup::for_tests(Some(path.to_path_buf()));
    startup.cache = Some(cache.clone());
    window(startup)
}

fn reopen(harness: &mut Harness<'_, App>, path: &Path) {
    harness
        .state_mut()
        .push(Action::OpenRecent(path.to_path_buf()));
    settle(harness);
}

/// The only copy in the cache folder.
fn only_copy(cache: &ProjectCache) -> PathBuf {
    let copies: Vec<_> = fs::read_dir(cache.dir()).unwrap().collect();
    assert_eq!(copies.len(), 1);
    copies.into_iter().next().unwrap().unwrap().path()
}

/// Another program rewrites the file: same length, a title of the same
/// size, one article text changed and the modified time put back, so that
/// only the bytes tell. The window shows the new file.
#[test]
fn a_file_changed_behind_the_cache_is_shown_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ProjectCache::at(dir.path().join("cache"));
    let path = dir.path().join("p.ron");
    let mut project = generated(3);
    project.title = "Title AAAA".into();
    save(&path, &project).unwrap();
    let mut harness = cached_window(&path, &cache);
    assert_eq!(harness.state().project(), &project);
    assert_eq!(cache.fetch(&path).as_ref(), Some(&project), "load fills it");

    let written = fs::read(&path).unwrap();
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let changed = String::from_utf8(written.clone())
        .unwrap()
        .replace("Title AAAA", "Title BBBB");
    assert_eq!(changed.len(), written.len());
    fs::write(&path, &changed).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();

    reopen(&mut harness, &path);
    assert_eq!(harness.state().project().title, "Title BBBB");
    assert_eq!(harness.state().project(), &load(&path).unwrap().project);
    assert_eq!(cache.fetch(&path).unwrap().title, "Title BBBB");
}

/// A copy that belongs to another file's bytes (copied over, or left by a
/// file that used to live at this path) is never used.
#[test]
fn a_copy_made_for_other_bytes_is_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ProjectCache::at(dir.path().join("cache"));
    let path = dir.path().join("p.ron");
    let first = generated(5);
    save(&path, &first).unwrap();
    let mut harness = cached_window(&path, &cache);
    let copy_of_first = fs::read(only_copy(&cache)).unwrap();

    let second = generated(6);
    assert_ne!(first, second);
    save(&path, &second).unwrap();
    reopen(&mut harness, &path);
    assert_eq!(harness.state().project(), &second);
    fs::write(only_copy(&cache), &copy_of_first).unwrap();
    reopen(&mut harness, &path);
    assert_eq!(harness.state().project(), &second);
    assert_eq!(cache.fetch(&path).as_ref(), Some(&second), "copy replaced");
}

/// The window's save writes the copy for the bytes it wrote: reopening
/// shows the saved edit; a later outside change still wins.
#[test]
fn a_save_from_the_window_caches_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ProjectCache::at(dir.path().join("cache"));
    let path = dir.path().join("p.ron");
    save(&path, &generated(8)).unwrap();
    let mut harness = cached_window(&path, &cache);
    let link = harness.state().project().links[0].id;
    let status = harness.state().project().links[0].info.status;
    let other = *Status::ALL.iter().find(|s| **s != status).unwrap();
    harness.state_mut().push(Action::ChangeLink {
        link,
        change: LinkChange::Status(other),
    });
    harness.step();
    harness.state_mut().push(Action::Command(Command::Save));
    settle(&mut harness);
    let saved = load(&path).unwrap().project;
    assert_eq!(saved.links[0].info.status, other);
    assert_eq!(cache.fetch(&path).as_ref(), Some(&saved));
    assert_eq!(harness.state().project(), &saved);

    let mut outside = saved.clone();
    std::sync::Arc::make_mut(&mut outside.links[0]).info.status = status;
    save(&path, &outside).unwrap();
    reopen(&mut harness, &path);
    assert_eq!(harness.state().project().links[0].info.status, status);
    assert_eq!(harness.state().project(), &outside);
}
