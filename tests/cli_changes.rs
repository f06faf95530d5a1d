//! The verbs that change a project: `claim` (tolerant quotes), `respond`,
//! `link`, `set`, `meta`, `delete`. Success and error paths, messages word
//! for word where a user reads them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::{claim, linked, project, read, run};

#[test]
fn claim_matches_what_copy_paste_changes_and_says_so() {
    let dir = project();
    // Straight quotes, a double space and lower case for the article's
    // curly quotes, single space and capital.
    let out = run(
        dir.path(),
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "\"the new bridge will  open in may\"",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.err);
    assert_eq!(out.out, "c1\n");
    assert_eq!(
        out.err,
        "note: p.ron: article a1: matched ignoring quote marks, dashes, spacing and letter case; the article has \"“the new bridge will open in May”\"\n"
    );
    let saved: serde_json::Value = serde_json::from_str(
        run(dir.path(), &["claims", "p.ron", "--format", "jsonl"])
            .ok()
            .trim(),
    )
    .unwrap();
    assert_eq!(saved["quote"], "“the new bridge will open in May”");

    // A quote copied across the CRLF line break of the reply (stored as LF).
    let out = run(
        dir.path(),
        &[
            "claim",
            "p.ron",
            "--article",
            "a2",
            "--quote",
            "for the cameras”.\r\nIt also said",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.err);
    assert!(
        out.err
            .contains("matched ignoring quote marks, dashes and spacing"),
        "{}",
        out.err
    );

    // Azerbaijani, with a straight apostrophe-free quote of curly-quoted text.
    assert_eq!(
        claim(dir.path(), "a3", "\"körpü may ayında açılacaq\" 😀"),
        "c3"
    );
}

#[test]
fn a_quote_not_in_the_article_shows_the_closest_passage() {
    let dir = project();
    let out = run(
        dir.path(),
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "the project cost 15 million manat",
        ],
    );
    assert_eq!((out.code, out.out.as_str()), (1, ""));
    assert_eq!(
        out.err,
        "riposte: p.ron: article a1: the quote does not occur in the article\n  \
         closest passage (line 4): \"the project cost 12 million manat\"\n  \
         the article has \"12\" where the quote has \"15\"\n"
    );
    let out = run(
        dir.path(),
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "zebra crossing quartet",
        ],
    );
    assert_eq!(
        out.err,
        "riposte: p.ron: article a1: the quote does not occur in the article\n"
    );
}

#[test]
fn ambiguous_quotes_need_an_occurrence_counted_from_one() {
    let dir = project();
    let out = run(
        dir.path(),
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "will open in May",
        ],
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        out.err,
        "riposte: p.ron: article a1: the quote occurs 2 times in the article; choose one with --occurrence N, counted from 1 (1 to 2)\n"
    );
    let out = run(
        dir.path(),
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "will open in May",
            "--occurrence",
            "3",
        ],
    );
    assert_eq!(
        out.err,
        "riposte: p.ron: article a1: there is no occurrence 3: the quote occurs 2 times in the article, counted from 1\n"
    );
    let second = run(
        dir.path(),
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "will open in May",
            "--occurrence",
            "2",
        ],
    )
    .ok();
    assert_eq!(second, "c1\n");
    let listed = run(dir.path(), &["show", "p.ron", "c1", "--format", "json"]).ok();
    let record: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let text = cli_support::STATEMENT;
    assert_eq!(record["start"], text.rfind("will open in May").unwrap());
}

#[test]
fn marking_the_same_span_twice_is_allowed_with_a_warning() {
    let dir = project();
    let first = claim(dir.path(), "a1", "the new bridge will open in May");
    let out = run(
        dir.path(),
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "the new bridge will open in May",
        ],
    );
    assert_eq!(out.code, 0);
    let second = out.out.trim();
    let start = cli_support::STATEMENT.find("the new bridge").unwrap();
    assert_eq!(
        out.err,
        format!(
            "warning: p.ron: claims {first} and {second} mark the same span of article a1 (bytes {start}..{})\n",
            start + "the new bridge will open in May".len()
        )
    );
}

#[test]
fn respond_marks_the_response_and_links_it_in_one_step() {
    let dir = project();
    let c1 = claim(dir.path(), "a1", "the project cost 12 million manat");
    let out = run(
        dir.path(),
        &[
            "respond",
            "p.ron",
            &c1,
            "--article",
            "a2",
            "--quote",
            "the project cost 20 million manat, not 12",
            "--relation",
            "corrects",
            "--status",
            "curated",
            "--speaker",
            "Opposition",
            "--note",
            "Figures differ",
        ],
    )
    .ok();
    assert_eq!(out, "c2\tl1\n");
    assert_eq!(
        run(dir.path(), &["links", "p.ron"]).ok(),
        format!("l1\t{c1}\tc2\tCorrects\tCurated\n")
    );
    let response = run(dir.path(), &["show", "p.ron", "c2"]).ok();
    assert!(response.contains("speaker: Opposition\n"), "{response}");
    let link = run(dir.path(), &["show", "p.ron", "l1"]).ok();
    assert!(link.contains("note: Figures differ\n"), "{link}");

    let unknown = run(
        dir.path(),
        &[
            "respond",
            "p.ron",
            "c9",
            "--article",
            "a2",
            "--quote",
            "not 12",
            "--relation",
            "denies",
        ],
    );
    assert_eq!(
        (unknown.code, unknown.err.as_str()),
        (1, "riposte: p.ron: no claim c9\n")
    );
    let missing_relation = run(
        dir.path(),
        &[
            "respond",
            "p.ron",
            &c1,
            "--article",
            "a2",
            "--quote",
            "not 12",
        ],
    );
    assert_eq!(missing_relation.code, 2);
    assert!(
        missing_relation.err.contains("--relation <RELATION>"),
        "{}",
        missing_relation.err
    );
}

#[test]
fn a_response_that_denies_and_supports_one_claim_is_warned_about() {
    let (dir, c1, c2, l1) = linked();
    let out = run(
        dir.path(),
        &["link", "p.ron", &c1, &c2, "--relation", "supports"],
    );
    assert_eq!(out.code, 0);
    assert_eq!(out.out, "l2\n");
    assert_eq!(
        out.err,
        format!(
            "warning: p.ron: claim {c2} both answers and supports claim {c1} ({l1} Denies, l2 Supports)\n"
        )
    );
}

#[test]
fn an_exact_duplicate_link_is_refused() {
    let (dir, c1, c2, l1) = linked();
    let before = read(dir.path(), "p.ron");
    let out = run(
        dir.path(),
        &["link", "p.ron", &c1, &c2, "--relation", "Denies"],
    );
    assert_eq!((out.code, out.out.as_str()), (1, ""));
    assert_eq!(
        out.err,
        format!(
            "riposte: p.ron: claim {c1} is already linked to claim {c2} as Denies (link {l1})\n"
        )
    );
    assert_eq!(read(dir.path(), "p.ron"), before);
    // Turning another link into the same one is refused too.
    let l2 = run(
        dir.path(),
        &["link", "p.ron", &c1, &c2, "--relation", "refutes"],
    )
    .ok();
    let out = run(
        dir.path(),
        &["set", "p.ron", l2.trim(), "--relation", "denies"],
    );
    assert_eq!(
        out.err,
        format!(
            "riposte: p.ron: claim {c1} is already linked to claim {c2} as Denies (link {l1})\n"
        )
    );
}

#[test]
fn set_changes_a_link_or_a_claim_and_prints_what_changed() {
    let (dir, c1, _, l1) = linked();
    let out = run(
        dir.path(),
        &[
            "set",
            "p.ron",
            &l1,
            "--status",
            "curated",
            "--relation",
            "refutes",
            "--note",
            "Seen on TV",
        ],
    )
    .ok();
    assert_eq!(
        out,
        format!(
            "set link {l1} relation: Denies → Refutes\nset link {l1} status: Draft → Curated\nset link {l1} note: \"\" → \"Seen on TV\"\n"
        )
    );
    let out = run(
        dir.path(),
        &[
            "set",
            "p.ron",
            &c1,
            "--speaker",
            "Ministry",
            "--tag",
            "bridge",
            "--tag",
            "budget",
        ],
    )
    .ok();
    assert_eq!(
        out,
        format!(
            "set claim {c1} speaker: \"\" → \"Ministry\"\nset claim {c1} tags: \"\" → \"bridge, budget\"\n"
        )
    );
    let out = run(dir.path(), &["set", "p.ron", &c1, "--clear-tags"]).ok();
    assert_eq!(
        out,
        format!("set claim {c1} tags: \"bridge, budget\" → \"\"\n")
    );
    let same = run(dir.path(), &["set", "p.ron", &l1, "--status", "curated"]);
    assert_eq!(same.code, 0);
    assert_eq!(same.out, "");
    assert_eq!(
        same.err,
        format!("p.ron: {l1} already has these values; nothing changed\n")
    );
}

#[test]
fn set_refuses_options_of_the_other_kind_and_empty_changes() {
    let (dir, c1, _, l1) = linked();
    let out = run(
        dir.path(),
        &["set", "p.ron", &l1, "--speaker", "X", "--tag", "y"],
    );
    assert_eq!(out.code, 1);
    assert_eq!(
        out.err,
        format!(
            "riposte: p.ron: {l1} is a link: --speaker, --tag do not apply (a link takes --relation, --status and --note)\n"
        )
    );
    let out = run(dir.path(), &["set", "p.ron", &c1, "--status", "curated"]);
    assert_eq!(
        out.err,
        format!(
            "riposte: p.ron: {c1} is a claim: --status does not apply (a claim takes --speaker, --via, --note, --tag and --clear-tags)\n"
        )
    );
    let out = run(dir.path(), &["set", "p.ron", &l1]);
    assert_eq!(
        out.err,
        format!(
            "riposte: p.ron: nothing to change for {l1}: give --relation, --status or --note\n"
        )
    );
    let out = run(dir.path(), &["set", "p.ron", "a1", "--note", "x"]);
    assert_eq!(
        out.err,
        "riposte: p.ron: a1 is an article: change its details with riposte meta\n"
    );
    let out = run(dir.path(), &["set", "p.ron", "l9", "--status", "curated"]);
    assert_eq!(out.err, "riposte: p.ron: no link l9\n");
}

#[test]
fn meta_corrects_article_details() {
    let dir = project();
    let out = run(
        dir.path(),
        &[
            "meta",
            "p.ron",
            "a1",
            "--title",
            "Bridge statement",
            "--outlet",
            "Ministry site",
            "--date",
            "2024-03-01T10:30+04:00",
            "--url",
            "https://example.org/bridge",
        ],
    )
    .ok();
    assert_eq!(
        out,
        "set article a1 title: \"Ministry statement\" → \"Bridge statement\"\n\
         set article a1 outlet: \"\" → \"Ministry site\"\n\
         set article a1 date: none → 2024-03-01 10:30 (UTC+04:00)\n\
         set article a1 url: \"\" → \"https://example.org/bridge\"\n"
    );
    assert_eq!(
        run(dir.path(), &["articles", "p.ron"])
            .ok()
            .lines()
            .next()
            .unwrap(),
        "a1\t2024-03-01 10:30 (UTC+04:00)\tMinistry site\tBridge statement"
    );
    let out = run(dir.path(), &["meta", "p.ron", "a1", "--date", "none"]).ok();
    assert_eq!(
        out,
        "set article a1 date: 2024-03-01 10:30 (UTC+04:00) → none\n"
    );
}

#[test]
fn meta_errors_are_clear() {
    let dir = project();
    let bad = run(
        dir.path(),
        &["meta", "p.ron", "a1", "--date", "1 March 2024"],
    );
    assert_eq!(bad.code, 2);
    assert!(
        bad.err.contains("'1 March 2024' is not a date (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM+HH:MM, or none)"),
        "{}",
        bad.err
    );
    let nothing = run(dir.path(), &["meta", "p.ron", "a1"]);
    assert_eq!(
        (nothing.code, nothing.err.as_str()),
        (
            1,
            "riposte: p.ron: nothing to change for a1: give --title, --outlet, --date or --url\n"
        )
    );
    let missing = run(dir.path(), &["meta", "p.ron", "a7", "--outlet", "X"]);
    assert_eq!(missing.err, "riposte: p.ron: no article a7\n");
    let empty = run(dir.path(), &["meta", "p.ron", "a1", "--title", " "]);
    assert_eq!(empty.err, "riposte: p.ron: a title cannot be empty\n");
    let same = run(
        dir.path(),
        &["meta", "p.ron", "a1", "--title", "Ministry statement"],
    );
    assert_eq!(
        (same.code, same.err.as_str()),
        (
            0,
            "p.ron: article a1 already has these details; nothing changed\n"
        )
    );
}

#[test]
fn delete_lists_everything_it_deletes() {
    let (dir, c1, c2, l1) = linked();
    let out = run(dir.path(), &["delete", "p.ron", &c1]).ok();
    assert_eq!(
        out,
        format!(
            "delete claim {c1} in article a1: \"the new bridge will open in May\"\ndelete link {l1}: {c1} → {c2} Denies (Draft)\n"
        )
    );
    let out = run(dir.path(), &["delete", "p.ron", "a2"]).ok();
    assert_eq!(
        out,
        format!(
            "delete article a2: \"Opposition reply\" (undated)\ndelete claim {c2} in article a2: \"The opposition denied that the bridge will open in May\"\n"
        )
    );
    let out = run(dir.path(), &["delete", "p.ron", &c1]);
    assert_eq!(
        (out.code, out.err.as_str()),
        (
            1,
            format!("riposte: p.ron: claim {c1} does not exist\n").as_str()
        )
    );
    let out = run(dir.path(), &["delete", "p.ron"]);
    assert_eq!(out.code, 2);
    assert!(out.err.contains("<IDS>..."), "{}", out.err);
    assert_eq!(
        run(dir.path(), &["check", "p.ron"])
            .ok()
            .lines()
            .last()
            .unwrap(),
        "2 articles, 0 claims, 0 links (0 curated)"
    );
}

/// Ids made in a real session carry a tag (`c1-k3m9qz`); every command
/// accepts the short form while it names one record.
#[test]
fn tagged_ids_are_accepted_in_their_short_form() {
    use cli_support::run_tagged;
    let dir = project();
    let c1 = run_tagged(
        dir.path(),
        &[
            "claim",
            "p.ron",
            "--article",
            "a1",
            "--quote",
            "Officials added",
        ],
    )
    .ok();
    let c1 = c1.trim();
    assert!(c1.starts_with("c1-") && c1.len() == "c1-".len() + 6, "{c1}");
    let out = run_tagged(
        dir.path(),
        &[
            "respond",
            "p.ron",
            "c1",
            "--article",
            "a2",
            "--quote",
            "not 12",
            "--relation",
            "corrects",
        ],
    )
    .ok();
    let ids: Vec<&str> = out.trim().split('\t').collect();
    assert!(
        ids[0].starts_with("c2-") && ids[1].starts_with("l1-"),
        "{out}"
    );
    let out = run_tagged(dir.path(), &["set", "p.ron", "l1", "--status", "curated"]).ok();
    assert_eq!(
        out,
        format!("set link {} status: Draft → Curated\n", ids[1])
    );
    let shown = run_tagged(dir.path(), &["show", "p.ron", "c2"]).ok();
    assert!(shown.starts_with(&format!("claim {}\n", ids[0])), "{shown}");
    let listed = run_tagged(dir.path(), &["links", "p.ron", "--claim", "c1"]).ok();
    assert_eq!(
        listed,
        format!("{}\t{c1}\t{}\tCorrects\tCurated\n", ids[1], ids[0])
    );
    let deleted = run_tagged(dir.path(), &["delete", "p.ron", "c1"]).ok();
    assert!(
        deleted.starts_with(&format!("delete claim {c1} in article a1")),
        "{deleted}"
    );
}
