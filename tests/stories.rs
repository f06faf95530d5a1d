//! Stories (connected groups of linked claims), their stored names across
//! merges, splits, undo and saving, and response times.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod stories_support;

use chrono::NaiveDate;
use riposte::model::{
    ClaimId, Edit, EditError, Overdue, RecordIds, Relation, ResponseTimes, Status, Stories,
    by_speaker, joins,
};
use stories_support::{Story, on};

/// Three stories' worth of claims:
/// - election: osce → majlis (contradicts, 293 days), majlis → mfa (supports, same day
///   in UTC terms but a day later locally), osce → ngo (refutes, 3 days);
/// - funding: report → mission (denies, curated, same day);
/// - lone: an unanswered claim; and rejected: x → y (rejected, joins nothing).
struct Fixture {
    story: Story,
    osce: ClaimId,
    majlis: ClaimId,
    mfa: ClaimId,
    ngo: ClaimId,
    report: ClaimId,
    mission: ClaimId,
    lone: ClaimId,
    x: ClaimId,
    y: ClaimId,
}

fn fixture() -> Fixture {
    let mut story = Story::new("Elections and funding");
    let osce = story.said(
        "The mission noted some problems regarding the election conditions.",
        "OSCE (initial report)",
        "Azernews",
        Some(on("2024-02-08", Some(("18:00", 240)))),
    );
    let majlis = story.said(
        "Seçkilər tam qanuni keçirilib — the elections were wholly lawful.",
        "Milli Majlis",
        "Trend",
        Some(on("2024-11-27", Some(("23:30", -300)))),
    );
    let mfa = story.said(
        "The ministry fully agreed with the parliament's statement.",
        "Ministry of Foreign Affairs",
        "APA",
        Some(on("2024-11-28", Some(("06:00", 240)))),
    );
    let ngo = story.said(
        "Наблюдатели подтвердили нарушения: observers confirmed the violations.",
        "Election Monitoring Centre",
        "Turan",
        Some(on("2024-02-11", None)),
    );
    let report = story.said(
        "The ambassador said the EU funds the opposition 😀.",
        "Peter Michalko (reported)",
        "Qafqazinfo.az",
        Some(on("2024-08-20", None)),
    );
    let mission = story.said(
        "The EU Mission categorically denied this publication as false.",
        "EU Mission",
        "",
        Some(on("2024-08-20", None)),
    );
    let lone = story.said(
        "An unanswered claim made long ago.",
        "Milli Majlis",
        "Trend",
        Some(on("2024-01-01", None)),
    );
    let x = story.said("A claim wrongly paired.", "Someone", "", None);
    let y = story.said("Not an answer at all.", "Someone else", "", None);
    story.link(osce, majlis, Relation::Contradicts, Status::Draft);
    story.link(majlis, mfa, Relation::Supports, Status::Draft);
    story.link(osce, ngo, Relation::Refutes, Status::Curated);
    story.link(report, mission, Relation::Denies, Status::Curated);
    story.link(x, y, Relation::Denies, Status::Rejected);
    Fixture {
        story,
        osce,
        majlis,
        mfa,
        ngo,
        report,
        mission,
        lone,
        x,
        y,
    }
}

#[test]
fn stories_are_the_groups_of_claims_joined_by_links() {
    let f = fixture();
    let stories = Stories::build(&f.story.project);
    assert_eq!(stories.len(), 2, "{stories:#?}");
    let election = stories.of_claim(f.mfa).unwrap();
    assert_eq!(election.claims, vec![f.osce, f.majlis, f.mfa, f.ngo]);
    assert_eq!(election.key, f.osce);
    assert_eq!((election.pairs, election.curated), (3, 1));
    assert_eq!(election.first_claim, f.osce);
    assert_eq!(
        election.speakers,
        [
            "OSCE (initial report)",
            "Election Monitoring Centre",
            "Ministry of Foreign Affairs",
            "Milli Majlis",
        ],
        "in order of time (UTC): the Majlis spoke after the ministry"
    );
    assert_eq!(election.outlets, ["Azernews", "Turan", "APA", "Trend"]);
    let funding = stories.of_claim(f.report).unwrap();
    assert_eq!(funding.claims, vec![f.report, f.mission]);
    assert_eq!(
        funding.outlets,
        ["Qafqazinfo.az"],
        "blank outlets are left out"
    );
    // Ordered by earliest date: the election story starts in February.
    assert_eq!(stories.as_slice()[0].key, f.osce);
    assert_eq!(stories.as_slice()[1].key, f.report);
    for claim in [f.lone, f.x, f.y] {
        assert!(stories.of_claim(claim).is_none(), "{claim} is in no story");
    }
}

#[test]
fn a_story_spans_its_dates_by_utc_instant() {
    let f = fixture();
    let stories = Stories::build(&f.story.project);
    let (first, last) = stories.of_claim(f.osce).unwrap().span.unwrap();
    assert_eq!(first.to_string(), "2024-02-08 18:00 (UTC+04:00)");
    // 2024-11-27 23:30 at UTC-05:00 is 04:30 UTC on the 28th; 2024-11-28
    // 06:00 at UTC+04:00 is 02:00 UTC on the 28th: the Majlis is later.
    assert_eq!(last.to_string(), "2024-11-27 23:30 (UTC-05:00)");
    let majlis = on("2024-11-27", Some(("23:30", -300)));
    let mfa = on("2024-11-28", Some(("06:00", 240)));
    assert!(majlis.utc_seconds() > mfa.utc_seconds());
    assert_eq!(majlis.utc_seconds() - mfa.utc_seconds(), 2 * 3600 + 30 * 60);
}

#[test]
fn rejected_links_join_nothing_and_stories_follow_edits() {
    let mut f = fixture();
    assert!(!joins(f.story.project.links.last().unwrap()));
    // Answering the lone claim by the mission merges it into the funding story.
    f.story
        .link(f.lone, f.mission, Relation::Contradicts, Status::Draft);
    let stories = Stories::build(&f.story.project);
    let funding = stories.of_claim(f.lone).unwrap();
    assert_eq!(funding.claims, vec![f.report, f.mission, f.lone]);
    assert_eq!(funding.key, f.report);
    assert_eq!(funding.first_claim, f.lone, "the earliest claim by date");
    f.story.history.undo(&mut f.story.project).unwrap();
    assert!(Stories::build(&f.story.project).of_claim(f.lone).is_none());
}

#[test]
fn a_name_is_stored_under_the_key_and_survives_saving() {
    let mut f = fixture();
    let stories = Stories::build(&f.story.project);
    let election = stories.of_claim(f.ngo).unwrap();
    assert_eq!(election.title(), format!("Story {}", f.osce));
    f.story.apply(Edit::NameStory {
        claim: election.name_key(),
        name: "  Elections 2024: Սահմանադրություն ✓  ".to_string(),
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("named.ron");
    riposte::io::save(&path, &f.story.project).unwrap();
    let loaded = riposte::io::load(&path).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let stories = Stories::build(&loaded.project);
    let election = stories.of_claim(f.majlis).unwrap();
    assert_eq!(election.name(), Some("Elections 2024: Սահմանադրություն ✓"));
    assert_eq!(
        stories
            .find(&loaded.project, "elections 2024: սահմանադրություն ✓")
            .unwrap()
            .key,
        f.osce
    );
    assert_eq!(
        stories
            .find(&loaded.project, &f.ngo.to_string())
            .unwrap()
            .key,
        f.osce
    );
    // A tagged id (`c4-k3m9qz`) may be typed short while it is unambiguous.
    let short = f.ngo.to_string();
    let short = short.split('-').next().unwrap();
    assert_eq!(stories.find(&loaded.project, short).unwrap().key, f.osce);
    assert!(stories.find(&loaded.project, "no such story").is_none());
}

#[test]
fn naming_is_undoable_and_refuses_no_ops_and_unknown_claims() {
    let mut f = fixture();
    let named = |f: &Fixture| {
        Stories::build(&f.story.project)
            .of_claim(f.osce)
            .and_then(|s| s.name().map(str::to_string))
    };
    f.story.apply(Edit::NameStory {
        claim: f.osce,
        name: "Elections".into(),
    });
    assert_eq!(f.story.history.undo_label(), Some("name story"));
    let same = Edit::NameStory {
        claim: f.osce,
        name: "Elections ".into(),
    };
    assert_eq!(
        f.story.history.apply(&mut f.story.project, same),
        Err(EditError::Empty)
    );
    f.story.history.undo(&mut f.story.project).unwrap();
    assert_eq!(named(&f), None);
    f.story.history.redo(&mut f.story.project).unwrap();
    assert_eq!(named(&f).as_deref(), Some("Elections"));
    // A blank name removes it.
    f.story.apply(Edit::NameStory {
        claim: f.osce,
        name: " ".into(),
    });
    assert_eq!(named(&f), None);
    assert!(f.story.project.story_names.is_empty());
    let unknown: ClaimId = "c999".parse().unwrap();
    let edit = Edit::NameStory {
        claim: unknown,
        name: "Ghost".into(),
    };
    assert_eq!(
        f.story.history.apply(&mut f.story.project, edit),
        Err(EditError::UnknownClaim(unknown))
    );
}

#[test]
fn names_of_merged_stories_both_stay_and_come_back_on_a_split() {
    let mut f = fixture();
    f.story.apply(Edit::NameStory {
        claim: f.osce,
        name: "Elections".into(),
    });
    f.story.apply(Edit::NameStory {
        claim: f.report,
        name: "Funding".into(),
    });
    // A link from the Majlis claim to the mission merges the two stories.
    let bridge = f
        .story
        .link(f.majlis, f.mission, Relation::Contradicts, Status::Draft);
    let stories = Stories::build(&f.story.project);
    assert_eq!(stories.len(), 1);
    let merged = stories.of_claim(f.mission).unwrap();
    assert_eq!(
        merged.name(),
        Some("Elections"),
        "the smaller claim id's name"
    );
    assert_eq!(
        merged.names,
        vec![(f.osce, "Elections".into()), (f.report, "Funding".into())]
    );
    // Renaming the merged story replaces the name it shows.
    f.story.apply(Edit::NameStory {
        claim: merged.name_key(),
        name: "Elections and money".into(),
    });
    // Deleting the bridge splits them: each part shows its own name again.
    f.story.apply(Edit::Delete(RecordIds {
        links: vec![bridge],
        ..RecordIds::default()
    }));
    let stories = Stories::build(&f.story.project);
    assert_eq!(stories.len(), 2);
    let names: Vec<_> = stories.iter().map(|s| s.title()).collect();
    assert_eq!(names, ["Elections and money", "Funding"]);
}

#[test]
fn a_name_under_a_deleted_claim_is_kept_for_undo_but_not_shown() {
    let mut f = fixture();
    f.story.apply(Edit::NameStory {
        claim: f.report,
        name: "Funding".into(),
    });
    f.story.apply(Edit::Delete(RecordIds {
        claims: vec![f.report],
        ..RecordIds::default()
    }));
    let stories = Stories::build(&f.story.project);
    assert!(stories.iter().all(|s| s.name().is_none()));
    assert_eq!(f.story.project.story_names.len(), 1);
    f.story.history.undo(&mut f.story.project).unwrap();
    let stories = Stories::build(&f.story.project);
    assert_eq!(stories.of_claim(f.mission).unwrap().name(), Some("Funding"));
}

#[test]
fn a_project_without_names_saves_as_before() {
    let f = fixture();
    let text = riposte::io::to_ron_string(&f.story.project).unwrap();
    assert!(!text.contains("story_names"), "{text}");
    let mut named = f.story;
    named.apply(Edit::NameStory {
        claim: f.osce,
        name: "Elections \"2024\"".into(),
    });
    let text = riposte::io::to_ron_string(&named.project).unwrap();
    assert!(text.contains("story_names"), "{text}");
}

#[test]
fn response_times_per_story() {
    let f = fixture();
    let project = &f.story.project;
    let stories = Stories::build(project);
    let election = ResponseTimes::of_story(project, stories.of_claim(f.osce).unwrap());
    // Days between local dates: 293 (Feb 8 → Nov 27), 1 (Nov 27 → 28), 3.
    assert_eq!((election.dated, election.undated), (3, 0));
    assert_eq!(election.median_days, Some(3.0));
    assert_eq!(election.fastest.map(|f| f.0), Some(1));
    assert_eq!(election.slowest.map(|s| s.0), Some(293));
    let funding = ResponseTimes::of_story(project, stories.of_claim(f.report).unwrap());
    assert_eq!(funding.median_days, Some(0.0));
    assert_eq!(funding.fastest, funding.slowest);
}

#[test]
fn response_times_per_speaker_and_overdue_claims() {
    let f = fixture();
    let as_of = NaiveDate::from_ymd_opt(2024, 1, 20).unwrap();
    let speakers = by_speaker(
        &f.story.project,
        Overdue {
            as_of,
            after_days: 14,
        },
    );
    let find = |name: &str| speakers.iter().find(|s| s.speaker == name).unwrap();
    // The Majlis answered once (293 days) and left one claim unanswered
    // for 19 days by 2024-01-20.
    let majlis = find("Milli Majlis");
    assert_eq!(majlis.responses.median_days, Some(293.0));
    assert_eq!(majlis.unanswered, vec![f.lone]);
    assert_eq!(find("EU Mission").responses.fastest.map(|f| f.0), Some(0));
    // A claim answered only by a rejected link is still unanswered, and
    // undated: it cannot be overdue.
    let someone = find("Someone");
    assert!(someone.unanswered.is_empty());
    assert_eq!(someone.unanswered_undated, 1);
    // Not yet overdue after 30 days.
    let patient = by_speaker(
        &f.story.project,
        Overdue {
            as_of,
            after_days: 30,
        },
    );
    assert!(
        patient
            .iter()
            .find(|s| s.speaker == "Milli Majlis")
            .unwrap()
            .unanswered
            .is_empty()
    );
    // Speakers who only made answered claims are left out.
    assert!(
        speakers
            .iter()
            .all(|s| s.speaker != "OSCE (initial report)")
    );
}

#[test]
fn even_medians_average_the_middle_pair() {
    let mut story = Story::new("median");
    let claim = story.said("A claim to answer.", "A", "", Some(on("2024-03-01", None)));
    for (day, text) in [(2, "Answer one."), (5, "Answer two.")] {
        let date = format!("2024-03-{day:02}");
        let answer = story.said(text, "B", "", Some(on(&date, None)));
        story.link(claim, answer, Relation::Refutes, Status::Draft);
    }
    let times = ResponseTimes::of_links(&story.project, story.project.links.iter().map(|l| &**l));
    assert_eq!(times.median_days, Some(2.5));
}

#[test]
fn the_first_claim_is_the_one_that_started_the_story_even_undated() {
    let mut story = Story::new("undated origin");
    let origin = story.said("An undated rumour.", "Rumour mill", "", None);
    let answer = story.said(
        "A dated denial.",
        "Ministry",
        "",
        Some(on("2024-03-01", None)),
    );
    story.link(origin, answer, Relation::Denies, Status::Draft);
    let stories = Stories::build(&story.project);
    let only = stories.of_claim(answer).unwrap();
    assert_eq!(only.first_claim, origin);
    assert_eq!(only.undated_claims, 1);
    assert_eq!(
        only.span.map(|s| s.0.to_string()).as_deref(),
        Some("2024-03-01")
    );
}
