//! Crash test: a child process saves a large project over and over and is
//! killed with SIGKILL at random moments. After every kill the project file
//! must load and be exactly one of the versions the child wrote (never a
//! torn mix), and so must the `.bak` it keeps.
//!
//! The child is this same test binary, run with `RIPOSTE_CRASH_CHILD` set,
//! so no extra binary or hidden CLI command is needed.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use riposte::io::{load, save};
use riposte::model::{Anchor, ArticleId, Bundle, Claim, ClaimId, ClaimInfo, Edit, Project, apply};

const CHILD_ENV: &str = "RIPOSTE_CRASH_CHILD";
const KILLS: usize = 200;
const CLAIMS: u32 = 2_000;

fn stamp_time() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_732_530_000, 0).unwrap()
}

/// A deterministic project of a few MB: 20 articles, 2,000 claims.
fn big_project() -> Project {
    let seed = include_str!("../seeds/002_f4b2c18048fe893e.txt");
    let stamp = riposte::model::Stamp {
        analyst: "crash".to_string(),
        at: stamp_time(),
    };
    let mut project = Project::new("round 0");
    let articles: Vec<_> = (1..=20u32)
        .map(|i| {
            let text = format!("Copy {i}.\n{}", seed.repeat(16));
            riposte::io::import::article_from_text(
                ArticleId::untagged(i),
                &text,
                "seed.txt",
                &stamp,
            )
        })
        .collect();
    let mut claims = Vec::new();
    for id in 1..=CLAIMS {
        let article = &articles[(id as usize) % articles.len()];
        let start = riposte::model::floor_char_boundary(&article.text, (id as usize * 97) % 80_000);
        let end = riposte::model::floor_char_boundary(&article.text, start + 80);
        let Ok(anchor) = Anchor::from_range(&article.text, start, end) else {
            continue;
        };
        claims.push(Claim {
            id: ClaimId::untagged(id),
            article: article.id,
            anchor,
            info: ClaimInfo {
                speaker: format!("speaker {id}"),
                note: "ə😀 note".repeat(3),
                ..ClaimInfo::default()
            },
            analyst: "crash".to_string(),
            created: stamp_time(),
            modified: stamp_time(),
            modified_by: None,
            review: None,
        });
    }
    apply(
        &mut project,
        Edit::Insert(Box::new(Bundle {
            articles,
            claims,
            links: vec![],
        })),
    )
    .unwrap();
    project
}

/// The child: save round 1, 2, 3… until killed.
#[test]
#[ignore = "run only as the crash test's child process"]
fn crash_child_saves_forever() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let path = PathBuf::from(path);
    let mut project = big_project();
    let first: u64 = std::env::var("RIPOSTE_CRASH_ROUND")
        .unwrap()
        .parse()
        .unwrap();
    // Tell the parent the save loop starts now, so its random kill moments
    // fall on saves rather than on process start-up.
    std::fs::write(std::env::var("RIPOSTE_CRASH_READY").unwrap(), b"ready").unwrap();
    // A child whose parent died must not save forever: stop after 2 minutes.
    let started = Instant::now();
    for round in first.. {
        project.title = format!("round {round}");
        save(&path, &project).unwrap();
        if started.elapsed() > Duration::from_secs(120) {
            break;
        }
    }
}

fn spawn_child(path: &Path, ready: &Path, round: u64) -> std::process::Child {
    let _ = std::fs::remove_file(ready);
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_child_saves_forever",
            "--ignored",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, path)
        .env("RIPOSTE_CRASH_ROUND", round.to_string())
        .env("RIPOSTE_CRASH_READY", ready)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Checks a file is a whole version: loads cleanly and equals the base
/// project but for the title the child wrote. Returns the round.
fn check_whole(path: &Path, base: &Project) -> u64 {
    let loaded = load(path).unwrap_or_else(|e| panic!("torn or unreadable file: {e}"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems.first());
    let round: u64 = loaded
        .project
        .title
        .strip_prefix("round ")
        .unwrap()
        .parse()
        .unwrap();
    let mut expected = base.clone();
    expected.title = loaded.project.title.clone();
    assert!(
        loaded.project == expected,
        "round {round} differs from what was saved"
    );
    round
}

/// Waits (at most 30 s) for the child to say its save loop started.
fn wait_for(marker: &Path) -> bool {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !marker.exists() {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    true
}

/// A small xorshift generator: random kill moments without a dependency,
/// reproducible from the printed seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn saves_survive_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let ready = dir.path().join("child-ready");
    let base = big_project();
    save(&path, &base).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 2_000_000, "project is only {size} bytes");
    // Measure one save so kill moments spread over whole save cycles.
    let timer = Instant::now();
    save(&path, &base).unwrap();
    let save_ms = timer.elapsed().as_millis().max(1) as u64;
    let seed = std::env::var("RIPOSTE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| u64::from(std::process::id()) * 2_654_435_761 + 1);
    eprintln!("crash test: {size} bytes per save, ~{save_ms} ms per save, seed {seed}");
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut round = 0;
    let mut progressed = 0;
    for kill in 0..KILLS {
        let mut child = spawn_child(&path, &ready, round + 1);
        if !wait_for(&ready) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the child never started saving");
        }
        // Anywhere in the first two saves: mid-write, or after one
        // complete save.
        let delay = rng.next() % (save_ms * 2);
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let now = check_whole(&path, &base);
        assert!(now >= round, "went back from round {round} to {now}");
        if now > round {
            progressed += 1;
        }
        round = now;
        let backup = riposte::io::project_file::backup_path(&path);
        // The backup is checked on every 4th kill to keep the test short.
        if kill % 4 == 0 && backup.exists() {
            check_whole(&backup, &base);
        }
    }
    eprintln!(
        "crash test: {KILLS} kills in {:?}; {progressed} kills landed after at least one new save; last round {round}",
        started.elapsed()
    );
    // Temp files of killed saves are cleaned by the next save: only the
    // last child's can remain.
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("big.ron.tmp"))
        .count();
    eprintln!("crash test: {leftovers} temporary file(s) left");
    assert!(leftovers <= 2, "{leftovers} temporary files left behind");
    // The kills must hit both before and after saves complete, or the test
    // proves little.
    assert!(
        progressed > KILLS / 10,
        "only {progressed} kills followed a completed save"
    );
    assert!(progressed < KILLS, "no kill interrupted a save");
}
