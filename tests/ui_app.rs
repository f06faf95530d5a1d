//! Drives the real window (no display needed) through the analyst's main
//! flow, asserting on the project and on the saved file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use riposte::io::project_file;
use riposte::model::{ArticleId, Project, Relation, Status, StatusFilter};
use riposte::ui::{Action, App, Startup};

mod ui_support;
use ui_support::{settle, window};

const CLAIM: &str = "noted some problems regarding the election conditions";
const RESPONSE: &str =
    "The elections were held wholly in compliance with national laws and international commitments";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The window on a project file, loaded.
fn harness(project: &Path) -> Harness<'static, App> {
    window(Startup::for_tests(Some(project.to_path_buf())))
}

fn empty_project(dir: &Path) -> PathBuf {
    let path = dir.join("test.ron");
    project_file::save(&path, &Project::new("Test project")).unwrap();
    path
}

fn demo_project(dir: &Path) -> PathBuf {
    let path = dir.join("demo.ron");
    std::fs::copy(repo().join("saves/demo.ron"), &path).unwrap();
    path
}

/// The article holding `quote`, and the byte range of the quote in it.
fn find(project: &Project, quote: &str) -> (ArticleId, Range<usize>) {
    project
        .articles
        .iter()
        .find_map(|a| a.text.find(quote).map(|at| (a.id, at..at + quote.len())))
        .expect("quote is in the seeds")
}

/// Opens the quote's article and selects the quote, as a drag would.
fn select(harness: &mut Harness<'_, App>, quote: &str) {
    let (article, range) = find(harness.state().project(), quote);
    harness.state_mut().push(Action::OpenArticle(article));
    // One frame applies the action, the next draws the article.
    harness.step();
    harness.step();
    harness
        .state_mut()
        .reading_view_mut()
        .set_selection(Some(range));
    harness.step();
}

#[test]
fn mark_pair_undo_curate_save_and_reload() {
    let dir = tempfile::tempdir().unwrap();
    let path = empty_project(dir.path());
    let mut harness = harness(&path);
    assert!(!harness.state().document().is_dirty());

    harness
        .state_mut()
        .push(Action::Import(vec![repo().join("seeds")]));
    // The import runs in the background.
    settle(&mut harness);
    assert_eq!(harness.state().project().articles.len(), 5);
    assert!(
        harness.state().title().starts_with("• "),
        "{}",
        harness.state().title()
    );

    // Mark the claim with the M key.
    select(&mut harness, CLAIM);
    harness.key_press(Key::M);
    harness.step();
    let project = harness.state().project();
    assert_eq!(project.claims.len(), 1);
    let claim = project.claims[0].id;
    assert_eq!(project.claims[0].anchor.quote, CLAIM);
    assert_eq!(harness.state().selected_claim(), Some(claim));

    // Pair it with a response in another article: select, press 1.
    select(&mut harness, RESPONSE);
    harness.key_press(Key::Num1);
    harness.step();
    let project = harness.state().project();
    assert_eq!(project.claims.len(), 2);
    assert_eq!(project.links.len(), 1);
    let link = &project.links[0];
    assert_eq!((link.claim, link.info.relation), (claim, Relation::Denies));
    let response = project.claim(link.response).unwrap();
    assert_eq!(response.anchor.quote, RESPONSE);
    assert_ne!(response.article, project.claims[0].article);
    assert_eq!(
        harness.state().document().history.undo_label(),
        Some("link Denies")
    );

    // Response and link are one undo step; redo restores both.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.step();
    assert_eq!(harness.state().project().claims.len(), 1);
    assert!(harness.state().project().links.is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.step();
    assert_eq!(harness.state().project().links.len(), 1);

    // Curate the new link (it is selected) with Ctrl+Enter.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    harness.step();
    assert_eq!(
        harness.state().project().links[0].info.status,
        Status::Curated
    );

    // Save with Ctrl+S (in the background), then read the file back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    settle(&mut harness);
    assert!(!harness.state().document().is_dirty());
    assert!(!harness.state().title().starts_with("• "));
    let loaded = project_file::load(&path).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let pairs = loaded.project.pairs(StatusFilter::Curated);
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].claim.claim.anchor.quote, CLAIM);
    assert_eq!(pairs[0].response.claim.anchor.quote, RESPONSE);
    assert_eq!(pairs[0].link.info.relation, Relation::Denies);
}

#[test]
fn mark_button_and_ctrl_y_redo() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    let before = harness.state().project().claims.len();
    select(&mut harness, "refused to comment on a provocative question");
    harness.get_by_label_contains("Mark claim").click();
    harness.step();
    harness.step();
    assert_eq!(harness.state().project().claims.len(), before + 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.step();
    assert_eq!(harness.state().project().claims.len(), before);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.step();
    assert_eq!(harness.state().project().claims.len(), before + 1);
}

#[test]
fn letter_shortcuts_are_ignored_while_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    let before = harness.state().project().claims.len();
    select(&mut harness, "refused to comment on a provocative question");
    harness
        .get_by_role_and_label(Role::TextInput, "Filter")
        .click();
    harness.step();
    harness.key_press(Key::M);
    harness.step();
    assert_eq!(harness.state().project().claims.len(), before);
    // Once the field lets go of the keyboard, M marks again.
    harness.key_press(Key::Escape);
    harness.step();
    harness.key_press(Key::M);
    harness.step();
    let notes: Vec<_> = harness
        .state()
        .notices()
        .iter()
        .map(|n| n.text.clone())
        .collect();
    assert_eq!(
        harness.state().project().claims.len(),
        before + 1,
        "{notes:?}"
    );
}

#[test]
fn pairs_table_text_filter_reduces_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    assert_eq!(harness.state().visible_pair_count(), 7);
    let field = harness.get_by_role_and_label(Role::TextInput, "Text filter");
    field.click();
    field.type_text("wholly");
    harness.step();
    harness.step();
    assert_eq!(harness.state().visible_pair_count(), 1);
}

#[test]
fn search_jumps_to_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    let (target, _) = find(harness.state().project(), "Litzenberger");
    assert_ne!(harness.state().open_article(), Some(target));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.step();
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "Search")
        .type_text("litzenberger");
    harness.step();
    harness.step();
    assert!(harness.state().search_hit_count() >= 1);
    harness.key_press(Key::Enter);
    harness.step();
    harness.step();
    assert_eq!(harness.state().open_article(), Some(target));
}

#[test]
fn refused_actions_show_a_notice_instead_of_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    harness.state_mut().reading_view_mut().set_selection(None);
    let before = harness.state().project().clone();
    harness.key_press(Key::Num1);
    harness.step();
    harness.key_press(Key::M);
    harness.step();
    let errors: Vec<&str> = harness
        .state()
        .notices()
        .iter()
        .filter(|n| n.is_error)
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(
        errors,
        [
            "Select or mark the claim being answered first: it becomes the pending claim",
            "Select some text in the article first",
        ]
    );
    assert_eq!(harness.state().project(), &before);
}

#[test]
fn export_dialog_writes_the_chosen_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.step();
    harness.step();
    assert!(
        harness
            .query_by_label_contains("5 pair(s) will be exported")
            .is_some()
    );
    let out = dir.path().join("out.ron");
    let field = harness.get_by_role_and_label(Role::TextInput, "Destination");
    field.focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "Destination")
        .type_text(&out.display().to_string());
    harness.step();
    harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    harness.step();
    // The export is written in the background.
    settle(&mut harness);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("categorically denied"), "{written}");
    assert!(
        !written.contains("law enforcement authorities"),
        "draft pair exported"
    );
}

#[test]
fn new_project_asks_before_discarding_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    select(&mut harness, "refused to comment on a provocative question");
    harness.key_press(Key::M);
    harness.step();
    assert!(harness.state().document().is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.step();
    harness.step();
    // Still the same project until the analyst answers.
    assert_eq!(harness.state().project().articles.len(), 5);
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.step();
    harness.step();
    assert_eq!(harness.state().project().articles.len(), 5);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.step();
    harness.step();
    harness
        .get_by_role_and_label(Role::Button, "Discard changes")
        .click();
    harness.step();
    harness.step();
    assert!(harness.state().project().articles.is_empty());
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn inspector_edits_commit_once_on_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    select(&mut harness, "refused to comment on a provocative question");
    harness.key_press(Key::M);
    harness.step();
    harness.step();
    let depth = harness.state().document().history.undo_depth();
    let field = harness.get_by_role_and_label(Role::TextInput, "Speaker");
    field.focus();
    field.type_text("Matthew Miller");
    harness.step();
    assert_eq!(harness.state().document().history.undo_depth(), depth);
    harness.key_press(Key::Enter);
    harness.step();
    harness.step();
    let claim = harness.state().selected_claim().unwrap();
    let project = harness.state().project();
    assert_eq!(project.claim(claim).unwrap().info.speaker, "Matthew Miller");
    assert_eq!(harness.state().document().history.undo_depth(), depth + 1);
    assert_eq!(
        harness.state().document().history.undo_label(),
        Some("set speaker")
    );
}

/// A project with `links` links between claims spread over 200 articles
/// (copies of the seeds), about 200 claims per article.
fn large_project(dir: &Path, links: usize) -> PathBuf {
    use riposte::model::{
        Anchor, ArticleId, Bundle, Claim, ClaimId, ClaimInfo, Edit, Link, LinkId, LinkInfo,
    };
    let mut project = Project::new("Large");
    let stamp = riposte::clock::stamp();
    let report = riposte::io::import::import_paths(&project, &[repo().join("seeds")], &stamp);
    riposte::model::apply(&mut project, report.edit.unwrap()).unwrap();
    let seeds: Vec<String> = project
        .articles
        .iter()
        .map(|a| a.text.to_string())
        .collect();
    let mut copies = Bundle::default();
    for n in 0..195u32 {
        let text = format!("{}\n\nCopy {n}.", seeds[n as usize % seeds.len()]);
        let id = ArticleId::untagged(project.next_ids.article + n);
        copies.articles.push(riposte::io::import::article_from_text(
            id, &text, "copy", &stamp,
        ));
    }
    riposte::model::apply(&mut project, Edit::Insert(Box::new(copies))).unwrap();
    let mut bundle = Bundle::default();
    for i in 0..links * 2 {
        let article = &project.articles[i % project.articles.len()];
        let words: Vec<usize> = article.text.match_indices(' ').map(|(at, _)| at).collect();
        let start = words[i % (words.len() - 3)] + 1;
        let end = words[i % (words.len() - 3) + 2];
        bundle.claims.push(Claim {
            id: ClaimId::untagged(i as u32 + 1),
            article: article.id,
            anchor: Anchor::from_range(&article.text, start, end).unwrap(),
            info: ClaimInfo {
                speaker: format!("Speaker {}", i % 50),
                ..ClaimInfo::default()
            },
            analyst: stamp.analyst.clone(),
            created: stamp.at,
            modified: stamp.at,
            modified_by: None,
            review: None,
            repeat_of: None,
        });
    }
    for i in 0..links {
        bundle.links.push(Link {
            id: LinkId::untagged(i as u32 + 1),
            claim: ClaimId::untagged(2 * i as u32 + 1),
            response: ClaimId::untagged(2 * i as u32 + 2),
            info: LinkInfo {
                relation: Relation::ALL[i % 6],
                status: Status::ALL[i % 3],
                note: String::new(),
            },
            analyst: stamp.analyst.clone(),
            created: stamp.at,
            modified: stamp.at,
            modified_by: None,
        });
    }
    riposte::model::apply(&mut project, Edit::Insert(Box::new(bundle))).unwrap();
    let path = dir.join("large.ron");
    project_file::save(&path, &project).unwrap();
    path
}

/// Loading 20,000 pairs happens on a background thread: the window keeps
/// drawing frames while it loads, then shows every pair and still applies an
/// edit. (Frame times live in `benches/`, not in tests.)
#[test]
fn twenty_thousand_pairs_load_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_project(dir.path(), 20_000);
    let startup = Startup::for_tests(Some(path));
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(move |cc| App::new(cc, startup));
    let mut frames_while_loading = 0;
    harness.step();
    while harness.state().is_busy() {
        frames_while_loading += 1;
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    harness.step();
    assert!(
        frames_while_loading > 0,
        "the load did not run in the background"
    );
    assert_eq!(harness.state().project().links.len(), 20_000);
    assert_eq!(harness.state().visible_pair_count(), 20_000);
    for _ in 0..3 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -3.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.hover_at(egui::pos2(300.0, 800.0));
        harness.step();
    }
    select(&mut harness, "refused to comment on a provocative question");
    harness.key_press(Key::M);
    harness.step();
    harness.step();
    assert_eq!(harness.state().project().claims.len(), 40_001);
}

#[test]
fn article_details_edit_is_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    let (article, _) = find(harness.state().project(), "Litzenberger");
    harness.state_mut().push(Action::OpenArticle(article));
    harness.step();
    harness
        .get_by_role_and_label(Role::Button, "Details…")
        .click();
    harness.step();
    harness.step();
    for (field, text) in [
        ("Outlet", "Trend News Agency"),
        ("Time", "10:21"),
        ("UTC offset", "+04:00"),
    ] {
        let node = harness.get_by_role_and_label(Role::TextInput, field);
        node.focus();
        harness.step();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness.step();
        harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        harness.step();
    }
    harness
        .get_by_role_and_label(Role::Button, "Save details")
        .click();
    harness.step();
    harness.step();
    let meta = &harness.state().project().article(article).unwrap().meta;
    assert_eq!(meta.outlet, "Trend News Agency");
    let published = meta.published.unwrap();
    assert_eq!(published.to_string(), "2020-07-24 10:21 (UTC+04:00)");
    assert_eq!(
        harness.state().document().history.undo_label(),
        Some("edit article details")
    );
}

#[test]
fn delete_key_removes_the_selected_link_and_link_existing_adds_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    // l3: the OSCE report (c6) contradicted by "wholly in compliance" (c7).
    let link = (*harness.state().project().links[2]).clone();
    harness.state_mut().push(Action::SelectLink(Some(link.id)));
    harness.step();
    harness.key_press(Key::Delete);
    harness.step();
    assert!(harness.state().project().link(link.id).is_none());
    // Both claims remain; link them again from the picker (L).
    assert!(harness.state().project().claim(link.response).is_some());
    harness
        .state_mut()
        .push(Action::SelectClaim(Some(link.claim)));
    harness.step();
    harness.key_press(Key::L);
    harness.step();
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "Find claim")
        .type_text("wholly");
    harness.step();
    harness.step();
    // The picker shrinks around the filtered list and re-centres: let it settle.
    harness.run();
    harness
        .get_by_label_contains("wholly in compliance")
        .click_accesskit();
    harness.step();
    harness.step();
    let notes: Vec<_> = harness
        .state()
        .notices()
        .iter()
        .map(|n| n.text.clone())
        .collect();
    let project = harness.state().project();
    assert_eq!(project.links.len(), 7, "{notes:?}");
    let relinked = project.links.last().unwrap();
    assert_eq!(
        (relinked.claim, relinked.response),
        (link.claim, link.response)
    );
}

/// A file dropped on the window, as the platform reports it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropped_files_are_imported_and_duplicates_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    let fresh = dir.path().join("fresh.txt");
    std::fs::write(
        &fresh,
        "Xəbər: a new article with ə ş ğ ı, Русский, Հայերեն, ქართული, 👍 🔥.\n",
    )
    .unwrap();
    let seed = std::fs::read_dir(repo().join("seeds"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    for path in [fresh, seed] {
        harness
            .input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(path)));
    }
    harness.step();
    // The import runs in the background.
    settle(&mut harness);
    assert_eq!(harness.state().project().articles.len(), 6);
    let notice = harness.state().notices().last().unwrap().text.clone();
    assert!(notice.contains("Imported 1 article"), "{notice}");
    assert!(notice.contains("1 duplicate"), "{notice}");
    assert_eq!(
        harness.state().document().history.undo_label(),
        Some("import article")
    );
    // The bundled fonts draw every script in it (kittest panics on a
    // missing glyph).
    let (article, _) = find(harness.state().project(), "ქართული");
    harness.state_mut().push(Action::OpenArticle(article));
    harness.step();
    harness.step();
    assert_eq!(harness.state().open_article(), Some(article));
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    select(&mut harness, "refused to comment on a provocative question");
    harness.key_press(Key::M);
    harness.step();
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    // The close request is handled after the frame; the prompt shows (after
    // its sizing pass) in the frames that follow.
    harness.step();
    harness.step();
    harness.step();
    assert!(harness.query_by_label("Unsaved changes").is_some());
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.step();
    harness.step();
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert!(harness.state().document().is_dirty());
}

#[test]
fn import_folder_through_the_in_app_chooser() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&empty_project(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.step();
    harness.step();
    let field = harness.get_by_role_and_label(Role::TextInput, "Path");
    field.focus();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&repo().join("seeds").display().to_string());
    harness.step();
    harness
        .get_by_role_and_label(Role::Button, "Import")
        .click();
    harness.step();
    // The import runs in the background.
    settle(&mut harness);
    assert_eq!(harness.state().project().articles.len(), 5);
    assert!(
        harness
            .query_by_label("Import a folder of articles")
            .is_none()
    );
}

/// The Export dialog offers every format and writes each one where it says
/// (a folder for brat).
#[test]
fn export_dialog_writes_every_format() {
    use riposte::io::export::ExportFormat;
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(&demo_project(dir.path()));
    let entries = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    };
    for format in ExportFormat::ALL {
        let before = entries(dir.path());
        harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
        harness.run();
        harness.get_by_label("Format").click();
        harness.run();
        // The list may be taller than its popup: activate the option directly.
        harness.get_by_label(format.description()).click_accesskit();
        harness.run();
        harness
            .get_by_role_and_label(Role::Button, "Export")
            .click();
        harness.step();
        // The export is written in the background.
        settle(&mut harness);
        let new: Vec<PathBuf> = entries(dir.path())
            .into_iter()
            .filter(|p| !before.contains(p))
            .collect();
        let [written] = new.as_slice() else {
            panic!("{format:?}: expected one new file or folder, found {new:?}");
        };
        let name = written.file_name().unwrap().to_string_lossy().into_owned();
        match format.extension() {
            Some(ext) => assert!(name.ends_with(&format!(".{ext}")), "{format:?}: {name}"),
            None => assert!(name.ends_with(format.name()), "{format:?}: {name}"),
        }
        if written.is_dir() {
            assert!(written.join("annotation.conf").exists(), "{format:?}");
        } else {
            let bytes = std::fs::read(written).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(text.contains("categorically denied"), "{format:?}: {text}");
        }
    }
}
