//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::DateTime;
use riposte::io::import::article_from_text;
use riposte::model::{ArticleId, Bundle, Edit, Project, Stamp};
use std::path::{Path, PathBuf};

pub fn stamp() -> Stamp {
    Stamp {
        analyst: "tester".to_string(),
        at: DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
    }
}

/// The repository root (for seeds/, saves/, tests/data/).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds_dir() -> PathBuf {
    repo().join("seeds")
}

/// A project holding the given texts as articles a1, a2, ...
pub fn project_with_texts(texts: &[&str]) -> Project {
    let mut project = Project::new("test");
    let articles = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let id = ArticleId::untagged(u32::try_from(i).unwrap() + 1);
            article_from_text(id, text, &format!("text{i}.txt"), &stamp())
        })
        .collect();
    let bundle = Bundle {
        articles,
        ..Bundle::default()
    };
    riposte::model::apply(&mut project, Edit::Insert(Box::new(bundle))).unwrap();
    project
}

/// Runs the riposte binary with `args`; returns (exit code, stdout, stderr).
/// The clock, the analyst and the id tag are pinned so output is
/// reproducible; tag `0` makes ids print untagged (`c1`), as one writer's
/// would. Tests of tagged ids across copies set their own tags.
pub fn riposte(args: &[&str], dir: &Path) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_riposte"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("RIPOSTE_ANALYST", "tester")
        .env("RIPOSTE_REPLICA", "0")
        .output()
        .expect("run riposte");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
