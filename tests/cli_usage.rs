//! The command line as a whole: mistyped verbs, missing files, ids and
//! values in the user's words, help with an example per verb, shell
//! completions, and the README's command table and script.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use clap::CommandFactory;
use cli_support::{project, run};
use riposte::cli::Cli;

const VERBS: &str = "import, articles, claims, links, show, claim, respond, link, set, meta, delete, check, export, timeline, stories, completions";

#[test]
fn a_mistyped_verb_is_an_error_listing_the_verbs() {
    let dir = project();
    let out = run(dir.path(), &["metaa", "p.ron"]);
    assert_eq!((out.code, out.out.as_str()), (2, ""));
    assert_eq!(
        out.err,
        format!(
            "riposte: 'metaa' is neither a command nor an existing file (did you mean 'meta'?)\ncommands: {VERBS}\nriposte --help explains them; riposte PROJECT.ron opens a project in the window\n"
        )
    );
    let alone = run(dir.path(), &["exprot"]);
    assert_eq!(alone.code, 2);
    assert!(
        alone.err.starts_with(
            "riposte: 'exprot' is neither a command nor an existing file (did you mean 'export'?)\n"
        ),
        "{}",
        alone.err
    );
    let far = run(dir.path(), &["frobnicate"]);
    assert!(
        far.err.starts_with(
            "riposte: 'frobnicate' is neither a command nor an existing file\ncommands: "
        ),
        "{}",
        far.err
    );
    let extra = run(dir.path(), &["p.ron", "extra"]);
    assert_eq!(
        (extra.code, extra.err.as_str()),
        (
            2,
            "riposte: to open a project give only its file; to run a command put the command first (riposte COMMAND PROJECT.ron ...)\n"
        )
    );
}

#[test]
fn opening_a_path_that_does_not_exist_says_so() {
    let dir = project();
    let out = run(dir.path(), &["story.ron"]);
    assert_eq!(
        (out.code, out.err.as_str()),
        (
            1,
            "riposte: story.ron: no such project file (start one with: riposte import TEXTS --into story.ron)\n"
        )
    );
    assert!(!dir.path().join("story.ron").exists());
    let out = run(dir.path(), &["drafts/story.ron"]);
    assert_eq!(
        out.err,
        "riposte: drafts/story.ron: the folder drafts does not exist\n"
    );
    let out = run(dir.path(), &["notes.txt"]);
    assert_eq!(out.err, "riposte: notes.txt: no such file\n");
}

#[test]
fn a_value_starting_with_a_dash_gets_the_right_tip() {
    let dir = project();
    let out = run(
        dir.path(),
        &["claim", "p.ron", "--article", "a1", "--quote", "-5%"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.err.contains(
            "tip: a value that starts with '-' is attached to its option with '=': --quote=-5%"
        ),
        "{}",
        out.err
    );
    assert!(!out.err.contains("'-- -5'"), "{}", out.err);
    // Attached, it is a quote like any other (here: not in the article).
    let out = run(
        dir.path(),
        &["claim", "p.ron", "--article", "a1", "--quote=-5%"],
    );
    assert_eq!(
        out.err,
        "riposte: p.ron: article a1: the quote does not occur in the article\n"
    );
}

#[test]
fn ids_are_explained_in_the_users_words() {
    let dir = project();
    let out = run(
        dir.path(),
        &["link", "p.ron", "c1", "x", "--relation", "denies"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.err.contains("invalid value 'x' for '<RESPONSE>': 'x' is not a claim id (write it like c12; riposte --help lists the kinds)"),
        "{}",
        out.err
    );
    assert!(!out.err.contains("ClaimId"), "{}", out.err);
}

/// Every verb's help ends with an example that names the verb.
#[test]
fn every_verb_has_help_with_an_example() {
    let dir = project();
    for verb in VERBS.split(", ") {
        let help = run(dir.path(), &[verb, "--help"]).ok();
        let example = help
            .split_once("Example")
            .map(|(_, e)| e)
            .unwrap_or_else(|| panic!("{verb}: no example in\n{help}"));
        assert!(
            example.contains(&format!("riposte {verb} ")),
            "{verb}: {example}"
        );
    }
    let top = run(dir.path(), &["--help"]).ok();
    assert!(top.contains("riposte [PROJECT.ron]"), "{top}");
    assert!(top.contains("--quote=-5%"), "{top}");
}

#[test]
fn bash_completion_loads_and_completes_verbs() {
    let dir = project();
    let script = run(dir.path(), &["completions", "bash"]).ok();
    std::fs::write(dir.path().join("riposte.bash"), &script).unwrap();
    let probe = "source ./riposte.bash\nCOMP_WORDS=(riposte me)\nCOMP_CWORD=1\nCOMP_LINE='riposte me'\nCOMP_POINT=${#COMP_LINE}\n_riposte riposte me riposte\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(probe)
        .current_dir(dir.path())
        .output()
        .expect("bash runs");
    let replies = String::from_utf8_lossy(&output.stdout);
    assert!(
        replies.lines().any(|l| l == "meta"),
        "{replies}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let script = run(dir.path(), &["completions", shell]).ok();
        assert!(script.contains("respond"), "{shell}");
    }
    let out = run(dir.path(), &["completions", "tcsh"]);
    assert_eq!(out.code, 2);
    assert!(out.err.contains("invalid value 'tcsh'"), "{}", out.err);
}

/// The README's table lists every verb, each with an example that is the
/// one its help shows (so the two cannot drift apart).
#[test]
fn the_readme_table_lists_every_verb_with_its_help_example() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command = Cli::command();
    for verb in command
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
    {
        let name = verb.get_name();
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `riposte {name} ")))
            .unwrap_or_else(|| panic!("README has no row for {name}"));
        let help = verb
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        let example = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("riposte {name} ")))
            .unwrap_or_else(|| panic!("{name}: no example in its help"))
            .trim()
            .trim_end_matches('\\')
            .trim();
        assert!(
            row.contains(&format!("`{example}")),
            "{name}: README row lacks `{example}`: {row}"
        );
    }
}
