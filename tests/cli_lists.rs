//! The reading verbs: `articles`, `claims`, `links`, `show`, `check`'s
//! warnings. Success and error paths through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli_support;

use cli_support::{claim, linked, project, run};

#[test]
fn articles_lists_one_line_each_and_jsonl_with_every_field() {
    let dir = project();
    run(
        dir.path(),
        &[
            "meta",
            "p.ron",
            "a2",
            "--outlet",
            "Opposition Daily",
            "--date",
            "2024-03-02",
        ],
    )
    .ok();
    let out = run(dir.path(), &["articles", "p.ron"]).ok();
    assert_eq!(
        out,
        "a1\t-\t-\tMinistry statement\na2\t2024-03-02\tOpposition Daily\tOpposition reply\na3\t-\t-\tQarabağ xəbərləri\n"
    );
    let out = run(dir.path(), &["articles", "p.ron", "--format", "jsonl"]).ok();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[1]["id"], "a2");
    assert_eq!(lines[1]["outlet"], "Opposition Daily");
    assert_eq!(lines[1]["published"]["date"], "2024-03-02");
    assert_eq!(lines[1]["published"]["time"], serde_json::Value::Null);
    assert_eq!(lines[2]["title"], "Qarabağ xəbərləri");
    assert_eq!(lines[2]["source_path"], "texts/3_local.txt");
}

#[test]
fn reading_a_missing_project_names_the_file_or_the_folder() {
    let dir = project();
    let missing = run(dir.path(), &["articles", "none.ron"]);
    assert_eq!((missing.code, missing.out.as_str()), (1, ""));
    assert_eq!(
        missing.err,
        "riposte: none.ron: cannot read: no such project file\n"
    );
    let folder = run(dir.path(), &["claims", "drafts/p.ron"]);
    assert_eq!(folder.code, 1);
    assert_eq!(
        folder.err,
        "riposte: drafts/p.ron: cannot read: the folder drafts does not exist\n"
    );
}

#[test]
fn claims_lists_all_or_one_articles_claims() {
    let (dir, c1, c2, _) = linked();
    let c3 = claim(dir.path(), "a3", "Министр заявил");
    run(dir.path(), &["set", "p.ron", &c3, "--speaker", "Nazir"]).ok();
    let out = run(dir.path(), &["claims", "p.ron"]).ok();
    assert_eq!(
        out,
        format!(
            "{c1}\ta1\t-\tthe new bridge will open in May\n{c2}\ta2\t-\tThe opposition denied that the bridge will open in May\n{c3}\ta3\tNazir\tМинистр заявил\n"
        )
    );
    let out = run(
        dir.path(),
        &["claims", "p.ron", "--article", "a3", "--format", "jsonl"],
    )
    .ok();
    let record: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(record["id"], c3.as_str());
    assert_eq!(record["quote"], "Министр заявил");
    assert_eq!(record["speaker"], "Nazir");
    let text = cli_support::LOCAL;
    let start = text.find("Министр").unwrap();
    let before: Vec<char> = text[..start].chars().collect();
    let prefix: String = before[before.len() - 32..].iter().collect();
    assert_eq!(record["prefix"], prefix.as_str());
    assert_eq!(record["start"], start);
    assert_eq!(record["end"], start + "Министр заявил".len());

    let error = run(dir.path(), &["claims", "p.ron", "--article", "a9"]);
    assert_eq!(
        (error.code, error.err.as_str()),
        (1, "riposte: p.ron: no article a9\n")
    );
    let error = run(dir.path(), &["claims", "p.ron", "--article", "c1"]);
    assert_eq!(error.code, 2);
    assert!(
        error.err.contains(
            "invalid value 'c1' for '--article <ARTICLE>': 'c1' is not an article id (write it like a3; riposte --help lists the kinds)"
        ),
        "{}",
        error.err
    );
}

#[test]
fn links_filters_by_status_and_claim() {
    let (dir, c1, c2, l1) = linked();
    let c3 = claim(dir.path(), "a2", "not 12");
    let l2 = run(
        dir.path(),
        &[
            "link",
            "p.ron",
            &c3,
            &c1,
            "--relation",
            "corrects",
            "--status",
            "curated",
        ],
    )
    .ok();
    let l2 = l2.trim();
    let all = run(dir.path(), &["links", "p.ron"]).ok();
    assert_eq!(
        all,
        format!("{l1}\t{c1}\t{c2}\tDenies\tDraft\n{l2}\t{c3}\t{c1}\tCorrects\tCurated\n")
    );
    let curated = run(dir.path(), &["links", "p.ron", "--status", "curated"]).ok();
    assert_eq!(curated, format!("{l2}\t{c3}\t{c1}\tCorrects\tCurated\n"));
    let of_c2 = run(
        dir.path(),
        &["links", "p.ron", "--claim", &c2, "--format", "jsonl"],
    )
    .ok();
    let record: serde_json::Value = serde_json::from_str(of_c2.trim()).unwrap();
    assert_eq!(record["id"], l1.as_str());
    assert_eq!(record["relation"], "Denies");
    assert_eq!(record["analyst"], "tester");

    let error = run(dir.path(), &["links", "p.ron", "--status", "done"]);
    assert_eq!(error.code, 2);
    assert!(
        error
            .err
            .contains("unknown status 'done' (expected curated, all, draft or rejected)"),
        "{}",
        error.err
    );
    let error = run(dir.path(), &["links", "p.ron", "--claim", "c99"]);
    assert_eq!(
        (error.code, error.err.as_str()),
        (1, "riposte: p.ron: no claim c99\n")
    );
}

#[test]
fn show_prints_a_record_with_its_links() {
    let (dir, c1, c2, l1) = linked();
    run(dir.path(), &["meta", "p.ron", "a1", "--date", "2024-03-01"]).ok();
    run(dir.path(), &["meta", "p.ron", "a2", "--date", "2024-03-04"]).ok();
    run(dir.path(), &["set", "p.ron", &l1, "--note", "Same day?"]).ok();
    let out = run(dir.path(), &["show", "p.ron", &l1]).ok();
    assert_eq!(
        out,
        format!(
            "link {l1}\nclaim: {c1} (a1) \"the new bridge will open in May\"\nresponse: {c2} (a2) \"The opposition denied that the bridge will open in May\"\nrelation: Denies\nstatus: Draft\nnote: Same day?\ndays between: 3\nlinked by: tester\n"
        )
    );
    let out = run(dir.path(), &["show", "p.ron", &c1]).ok();
    let text = cli_support::STATEMENT;
    let start = text.find("the new bridge").unwrap();
    assert_eq!(
        out,
        format!(
            "claim {c1}\narticle: a1 \"Ministry statement\"\nbytes: {start}..{}\nquote: \"the new bridge will open in May\"\nmarked by: tester\nlinks: 1\n  {l1} {c1} → {c2} Denies (Draft)\n",
            start + "the new bridge will open in May".len()
        )
    );
    let out = run(dir.path(), &["show", "p.ron", "a2"]).ok();
    assert!(
        out.starts_with(
            "article a2\ntitle: Opposition reply\ndate: 2024-03-04\nsource: texts/2_reply.txt\n"
        ),
        "{out}"
    );
    assert!(out.ends_with(&format!("claims: 1\n  {c2} \"The opposition denied that the bridge will open in May\"\n    {l1} {c1} → {c2} Denies (Draft)\n")), "{out}");
    let json = run(dir.path(), &["show", "p.ron", &c1, "--format", "json"]).ok();
    let record: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(record["links"][0]["id"], l1.as_str());
}

#[test]
fn show_explains_ids_it_cannot_use() {
    let (dir, ..) = linked();
    let ambiguous = run(dir.path(), &["show", "p.ron", "3"]);
    assert_eq!(ambiguous.code, 2);
    assert!(
        ambiguous
            .err
            .contains("'3' could be a3, c3 or l3: write the kind's letter"),
        "{}",
        ambiguous.err
    );
    let unknown = run(dir.path(), &["show", "p.ron", "x7"]);
    assert!(
        unknown.err.contains(
            "'x7' is not an id (write a3 for an article, c12 for a claim, l4 for a link)"
        ),
        "{}",
        unknown.err
    );
    let missing = run(dir.path(), &["show", "p.ron", "c99"]);
    assert_eq!(
        (missing.code, missing.err.as_str()),
        (1, "riposte: p.ron: no c99\n")
    );
}

#[test]
fn check_warns_about_doubtful_records_and_keeps_exit_0() {
    let (dir, c1, c2, l1) = linked();
    run(dir.path(), &["meta", "p.ron", "a1", "--date", "2024-03-01"]).ok();
    let twin = claim(dir.path(), "a1", "the new bridge will open in May");
    let lonely = claim(dir.path(), "a3", "Министр заявил");
    let l2 = run(
        dir.path(),
        &["link", "p.ron", &c1, &c2, "--relation", "supports"],
    )
    .ok();
    let l2 = l2.trim();
    let text = cli_support::STATEMENT;
    let start = text.find("the new bridge").unwrap();
    let end = start + "the new bridge will open in May".len();
    let checked = run(dir.path(), &["check", "p.ron"]);
    assert_eq!(checked.code, 0);
    assert_eq!(checked.out, "3 articles, 4 claims, 2 links (0 curated)\n");
    assert_eq!(
        checked.err,
        format!(
            "warning: p.ron: article a2 has no publication date\n\
             warning: p.ron: article a3 has no publication date\n\
             warning: p.ron: claims {c1} and {twin} mark the same span of article a1 (bytes {start}..{end})\n\
             warning: p.ron: claim {c2} both answers and supports claim {c1} ({l1} Denies, {l2} Supports)\n\
             warning: p.ron: 2 claims are not linked to any other claim: {twin} and {lonely}\n"
        )
    );
}
