//! Helpers for the CLI tests: a small project of three short articles
//! written for the tests (Azerbaijani, Russian and emoji in the third), and
//! a runner for the built binary.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const STATEMENT: &str = "Ministry statement\n\nThe ministry said on Monday that \u{201c}the new bridge will open in May\u{201d}.\nOfficials added that the project cost 12 million manat.\nThe ministry repeated: the bridge will open in May.\n";
pub const REPLY: &str = "Opposition reply\n\nThe opposition denied that the bridge will open in May, calling it \u{201c}a promise made for the cameras\u{201d}.\r\nIt also said the project cost 20 million manat, not 12.\r\n";
pub const LOCAL: &str = "Qarabağ xəbərləri\n\nNazir bildirib ki, \u{201c}körpü may ayında açılacaq\u{201d} 😀.\nМинистр заявил, что мост откроется в мае.\n";

/// What a command did: exit code, standard output, standard error.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

impl Run {
    /// Asserts success and returns stdout.
    pub fn ok(self) -> String {
        assert_eq!(self.code, 0, "failed: {}{}", self.out, self.err);
        self.out
    }
}

/// Runs the binary in `dir` with a fixed clock and analyst, and untagged
/// ids (`c1`, as a single writer's; see `model::ids`).
pub fn run(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_riposte"));
    command.env("RIPOSTE_REPLICA", "0");
    run_command(command, dir, args)
}

/// Runs the binary as a real session: new ids carry a random tag.
pub fn run_tagged(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_riposte"));
    command.env_remove("RIPOSTE_REPLICA");
    run_command(command, dir, args)
}

fn run_command(mut command: Command, dir: &Path, args: &[&str]) -> Run {
    let output = command
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("RIPOSTE_ANALYST", "tester")
        .stdin(Stdio::null())
        .output()
        .expect("run riposte");
    Run {
        code: output.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A temp folder with `texts/` (the three articles) and `p.ron` holding
/// them as a1 (statement), a2 (reply), a3 (local).
pub fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).unwrap();
    for (name, text) in [
        ("1_statement.txt", STATEMENT),
        ("2_reply.txt", REPLY),
        ("3_local.txt", LOCAL),
    ] {
        std::fs::write(texts.join(name), text).unwrap();
    }
    run(dir.path(), &["import", "texts", "--into", "p.ron"]).ok();
    dir
}

/// Marks a claim; returns its id.
pub fn claim(dir: &Path, article: &str, quote: &str) -> String {
    run(
        dir,
        &["claim", "p.ron", "--article", article, "--quote", quote],
    )
    .ok()
    .trim()
    .to_string()
}

/// A project with c1 (a1, "the new bridge will open in May") answered by c2
/// (a2) through l1, Denies, draft.
pub fn linked() -> (tempfile::TempDir, String, String, String) {
    let dir = project();
    let c1 = claim(dir.path(), "a1", "the new bridge will open in May");
    let out = run(
        dir.path(),
        &[
            "respond",
            "p.ron",
            &c1,
            "--article",
            "a2",
            "--quote",
            "The opposition denied that the bridge will open in May",
            "--relation",
            "denies",
        ],
    )
    .ok();
    let ids: Vec<String> = out.trim().split('\t').map(str::to_string).collect();
    (dir, c1, ids[0].clone(), ids[1].clone())
}

pub fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

pub fn path(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}
