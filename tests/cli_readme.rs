//! The README's end-to-end script, extracted from README.md and run as
//! written with the built binary first on PATH, so the two cannot drift.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

const MARKER: &str = "<!-- readme-script:";

/// The first ```sh block after the marker.
fn readme_script() -> String {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let after = &readme[readme.find(MARKER).expect("README marks its script")..];
    let body = &after[after.find("```sh\n").expect("an sh block") + "```sh\n".len()..];
    body[..body.find("\n```").expect("the block ends")].to_string()
}

#[test]
fn the_readme_script_builds_a_project_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_riposte"), bin.join("riposte")).unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(work.join("script.sh"), readme_script()).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .args(["-euo", "pipefail", "script.sh"])
        .current_dir(&work)
        .env("PATH", path)
        .env("RIPOSTE_ANALYST", "readme")
        // Untagged ids (a single writer's), so the output can be compared.
        .env("RIPOSTE_REPLICA", "0")
        .env("SOURCE_DATE_EPOCH", "1709280000")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the script failed:\n{out}\n{err}");

    // What each step printed, in order.
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "a1\t-\t-\tMinistry statement");
    assert_eq!(lines[1], "a2\t-\t-\tOpposition reply");
    assert!(
        out.contains(
            "set link l1 status: Draft → Curated\nset link l1 note: \"\" → \"Three days later\"\n"
        ),
        "{out}"
    );
    assert!(out.contains("would delete claim c4 in article a2: \"the project cost 20 million manat, not 12\"\nwould delete link l2: c2 → c4 Corrects (Curated)\n"), "{out}");
    assert!(
        out.contains("l1\tc1\tc3\tDenies\tCurated\nl2\tc2\tc4\tCorrects\tCurated\n"),
        "{out}"
    );
    assert!(
        out.ends_with("2 articles, 4 claims, 2 links (2 curated)\n"),
        "{out}"
    );
    assert!(err.contains("note: bridge.ron: article a1: matched ignoring quote marks, dashes, spacing and letter case; the article has \"“the new bridge will open in May”\""), "{err}");
    assert!(err.contains("dry run: bridge.ron not changed"), "{err}");

    // The exported pairs carry the dates set with `meta`.
    let pairs = std::fs::read_to_string(work.join("pairs.jsonl")).unwrap();
    let records: Vec<serde_json::Value> = pairs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["relation"], "Denies");
    assert_eq!(records[0]["days_between"], 3);
    assert_eq!(
        records[0]["claim"]["quote"],
        "“the new bridge will open in May”"
    );
    assert_eq!(records[1]["response"]["speaker"], "Opposition");
}
