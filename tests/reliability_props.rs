//! Property tests: random edit sequences keep the project's invariants and
//! survive the file round trip; re-anchoring never yields a span outside the
//! text or off a char boundary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;

use riposte::io::{load_str, to_ron_string};
use riposte::model::{
    Anchor, ArticleId, Bundle, Claim, ClaimId, ClaimInfo, Edit, History, LinkInfo, Outcome,
    Project, RecordIds, Relation, Stamp, Status, edit_article_text, reanchor,
};

fn stamp() -> Stamp {
    Stamp {
        analyst: "prop".to_string(),
        at: chrono::DateTime::from_timestamp(1_732_530_000, 0).unwrap(),
    }
}

/// Characters of every UTF-8 width, combining marks and newlines.
fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::char::range('a', 'z'),
        2 => Just(' '),
        1 => Just('\n'),
        1 => prop::sample::select(vec!['ə', 'ş', 'Ա', 'ж', '\u{301}', '“', '”']),
        1 => prop::sample::select(vec!['😀', '🇦', '🇿', '𝕏']),
    ]
}

fn text(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(text_char(), min..max).prop_map(|chars| chars.into_iter().collect())
}

/// Byte offset of the char at `fraction` (0–1) of the text.
fn char_offset(text: &str, fraction: f64) -> usize {
    let count = text.chars().count();
    let index = ((count as f64) * fraction) as usize;
    riposte::model::char_to_byte_index(text, index.min(count))
}

#[derive(Clone, Debug)]
enum Step {
    AddClaim {
        article: usize,
        at: f64,
        len: usize,
    },
    AddLink {
        from: usize,
        to: usize,
        relation: usize,
    },
    AddResponse {
        claim: usize,
        article: usize,
        at: f64,
        len: usize,
    },
    DeleteClaim(usize),
    DeleteLink(usize),
    SetSpeaker {
        claim: usize,
        speaker: String,
    },
    SetStatus {
        link: usize,
        status: usize,
    },
    EditText {
        article: usize,
        at: f64,
        remove: usize,
        insert: String,
    },
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    let fraction = 0.0..1.0f64;
    prop_oneof![
        4 => (0..2usize, fraction.clone(), 1..12usize)
            .prop_map(|(article, at, len)| Step::AddClaim { article, at, len }),
        3 => (0..20usize, 0..20usize, 0..6usize)
            .prop_map(|(from, to, relation)| Step::AddLink { from, to, relation }),
        2 => (0..20usize, 0..2usize, fraction.clone(), 1..12usize)
            .prop_map(|(claim, article, at, len)| Step::AddResponse { claim, article, at, len }),
        1 => (0..20usize).prop_map(Step::DeleteClaim),
        1 => (0..20usize).prop_map(Step::DeleteLink),
        1 => (0..20usize, text(0, 8)).prop_map(|(claim, speaker)| Step::SetSpeaker { claim, speaker }),
        1 => (0..20usize, 0..3usize).prop_map(|(link, status)| Step::SetStatus { link, status }),
        2 => (0..2usize, fraction, 0..10usize, text(0, 10))
            .prop_map(|(article, at, remove, insert)| Step::EditText { article, at, remove, insert }),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

fn starting_project(texts: [String; 2]) -> Project {
    let mut project = Project::new("props");
    let articles = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            riposte::io::import::article_from_text(
                ArticleId::untagged(i as u32 + 1),
                t,
                "p.txt",
                &stamp(),
            )
        })
        .collect();
    riposte::model::apply(
        &mut project,
        Edit::Insert(Box::new(Bundle {
            articles,
            ..Bundle::default()
        })),
    )
    .unwrap();
    project
}

fn nth_claim(project: &Project, index: usize) -> Option<ClaimId> {
    let claims = &project.claims;
    (!claims.is_empty()).then(|| claims[index % claims.len()].id)
}

/// A range of `len` chars starting at `at` of the article's text, if any.
fn anchor_in(
    project: &Project,
    article: usize,
    at: f64,
    len: usize,
) -> Option<(ArticleId, Anchor)> {
    let article = &project.articles[article % project.articles.len()];
    let text = &article.text;
    let start = char_offset(text, at);
    let end = text[start..]
        .char_indices()
        .nth(len)
        .map_or(text.len(), |(i, _)| start + i);
    Anchor::from_range(text, start, end)
        .ok()
        .map(|a| (article.id, a))
}

/// The edit a step stands for (`None`: not applicable to this project).
fn edit_for(project: &Project, step: &Step) -> Option<Edit> {
    let stamp = stamp();
    match step {
        Step::AddClaim { article, at, len } => {
            let (article, anchor) = anchor_in(project, *article, *at, *len)?;
            Some(Edit::add_claim(project, article, anchor, ClaimInfo::default(), &stamp).0)
        }
        Step::AddLink { from, to, relation } => {
            let (from, to) = (nth_claim(project, *from)?, nth_claim(project, *to)?);
            let info = LinkInfo {
                relation: Relation::ALL[*relation],
                status: Status::Draft,
                note: String::new(),
            };
            Some(Edit::add_link(project, from, to, info, &stamp).0)
        }
        Step::AddResponse {
            claim,
            article,
            at,
            len,
        } => {
            let claim = nth_claim(project, *claim)?;
            let at = anchor_in(project, *article, *at, *len)?;
            let info = LinkInfo {
                relation: Relation::Denies,
                status: Status::Curated,
                note: "r".to_string(),
            };
            Some(Edit::add_response(project, claim, at, ClaimInfo::default(), info, &stamp).0)
        }
        Step::DeleteClaim(i) => Some(Edit::Delete(RecordIds {
            claims: vec![nth_claim(project, *i)?],
            ..RecordIds::default()
        })),
        Step::DeleteLink(i) => {
            let links = &project.links;
            let link = (!links.is_empty()).then(|| links[i % links.len()].id)?;
            Some(Edit::Delete(RecordIds {
                links: vec![link],
                ..RecordIds::default()
            }))
        }
        Step::SetSpeaker { claim, speaker } => {
            let mut claim: Claim = project.claim(nth_claim(project, *claim)?)?.clone();
            claim.info.speaker = speaker.clone();
            Some(Edit::ReplaceClaim(Box::new(claim)))
        }
        Step::SetStatus { link, status } => {
            let links = &project.links;
            let mut link = (!links.is_empty()).then(|| (*links[link % links.len()]).clone())?;
            link.info.status = Status::ALL[*status];
            Some(Edit::ReplaceLink(Box::new(link)))
        }
        Step::EditText {
            article,
            at,
            remove,
            insert,
        } => {
            let article = &project.articles[article % project.articles.len()];
            let text = &article.text;
            let start = char_offset(text, *at);
            let end = text[start..]
                .char_indices()
                .nth(*remove)
                .map_or(text.len(), |(i, _)| start + i);
            let new_text = format!("{}{insert}{}", &text[..start], &text[end..]);
            edit_article_text(project, article.id, &new_text, &stamp)
                .ok()
                .map(|(e, _)| e)
        }
        Step::Undo | Step::Redo => None,
    }
}

/// Runs `steps` through a fresh history. Every undo and redo of a recorded
/// step must succeed; a refused edit must leave the project as it was.
/// `after_each` checks the project after every step.
fn run_steps(
    project: &mut Project,
    steps: &[Step],
    mut after_each: impl FnMut(&Project, &Step) -> Result<(), TestCaseError>,
) -> Result<History, TestCaseError> {
    let mut history = History::new();
    for step in steps {
        let before = project.clone();
        match step {
            Step::Undo => {
                let undone = history.undo(project);
                prop_assert!(undone.is_ok(), "undo failed: {:?}", undone);
            }
            Step::Redo => {
                let redone = history.redo(project);
                prop_assert!(redone.is_ok(), "redo failed: {:?}", redone);
            }
            _ => {
                if let Some(edit) = edit_for(project, step)
                    && history.apply(project, edit).is_err()
                {
                    prop_assert_eq!(&*project, &before, "a refused edit changed the project");
                }
            }
        }
        after_each(project, step)?;
    }
    Ok(history)
}

/// Undoes every step (each must succeed) and checks the project is the
/// start again: texts, metadata, records, all of it. Only the id counters
/// may have moved on, never back, so an id is never handed out twice.
fn undo_all_returns_to(
    history: &mut History,
    project: &mut Project,
    start: &Project,
) -> Result<(), TestCaseError> {
    while history.can_undo() {
        let undone = history.undo(project);
        prop_assert!(undone.is_ok(), "undo failed: {:?}", undone);
    }
    let ids = &project.next_ids;
    prop_assert!(
        ids.article >= start.next_ids.article
            && ids.claim >= start.next_ids.claim
            && ids.link >= start.next_ids.link,
        "id counters went back: {:?} → {:?}",
        start.next_ids,
        ids
    );
    let mut expected = start.clone();
    expected.next_ids = project.next_ids.clone();
    prop_assert_eq!(&*project, &expected);
    Ok(())
}

fn redo_all(history: &mut History, project: &mut Project) -> Result<(), TestCaseError> {
    while history.can_redo() {
        let redone = history.redo(project);
        prop_assert!(redone.is_ok(), "redo failed: {:?}", redone);
    }
    Ok(())
}

/// Breaks a project as a hand edit or a bad merge would, and loads it back
/// as the window would open it: a claim's range shifted, another claim's
/// quote changed, a claim (with whatever links point at it) or an article
/// removed, leaving links and claims dangling, or a link recorded twice (as
/// files written before duplicates were refused may hold).
fn broken_copy(project: &Project, damage: &[(usize, usize)]) -> Project {
    let mut broken = project.clone();
    for &(kind, index) in damage {
        let claims = broken.claims.len();
        match kind % 5 {
            0 if claims > 0 => {
                let anchor =
                    &mut std::sync::Arc::make_mut(&mut broken.claims[index % claims]).anchor;
                anchor.start += 1;
                anchor.end += 1;
            }
            1 if claims > 0 => std::sync::Arc::make_mut(&mut broken.claims[index % claims])
                .anchor
                .quote
                .push('!'),
            2 if claims > 0 => {
                broken.claims.remove(index % claims);
            }
            3 if broken.articles.len() > 1 => {
                broken.articles.remove(index % broken.articles.len());
            }
            4 if !broken.links.is_empty() => {
                let mut twin = (*broken.links[index % broken.links.len()]).clone();
                twin.id = broken.next_ids.take_link();
                broken.links.push(std::sync::Arc::new(twin));
            }
            _ => {}
        }
    }
    load_str(&to_ron_string(&broken).unwrap(), "broken.ron")
        .unwrap()
        .project
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_keep_invariants_and_round_trip(
        texts in [text(1, 200), text(1, 200)],
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let start = starting_project(texts);
        let mut project = start.clone();
        let mut history = run_steps(&mut project, &steps, |project, step| {
            let problems = project.problems();
            prop_assert!(problems.is_empty(), "after {:?}: {:?}", step, problems);
            Ok(())
        })?;
        let text = to_ron_string(&project).unwrap();
        let loaded = load_str(&text, "props.ron").unwrap();
        prop_assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        prop_assert_eq!(&loaded.project, &project);
        prop_assert_eq!(to_ron_string(&loaded.project).unwrap(), text);
        // Undoing everything returns to the start, whatever happened.
        undo_all_returns_to(&mut history, &mut project, &start)?;
    }

    /// Issue 11, item 2: broken records loaded from a file never make a
    /// recorded step fail to undo or redo.
    #[test]
    fn every_recorded_step_undoes_and_redoes_on_a_broken_project(
        texts in [text(20, 200), text(20, 200)],
        setup in prop::collection::vec(step(), 5..30),
        damage in prop::collection::vec((0..5usize, 0..20usize), 1..4),
        steps in prop::collection::vec(step(), 1..40),
    ) {
        let mut healthy = starting_project(texts);
        run_steps(&mut healthy, &setup, |_, _| Ok(()))?;
        let start = broken_copy(&healthy, &damage);
        let mut project = start.clone();
        let mut history = run_steps(&mut project, &steps, |_, _| Ok(()))?;
        redo_all(&mut history, &mut project)?;
        let end = project.clone();
        undo_all_returns_to(&mut history, &mut project, &start)?;
        redo_all(&mut history, &mut project)?;
        prop_assert_eq!(project, end);
    }

    #[test]
    fn reanchored_spans_stay_inside_the_text_on_char_boundaries(
        old in text(1, 300),
        spans in prop::collection::vec((0.0..1.0f64, 1..20usize), 1..8),
        edits in prop::collection::vec((0.0..1.0f64, 0..15usize, text(0, 15)), 1..5),
    ) {
        let claims: Vec<Claim> = spans
            .iter()
            .enumerate()
            .filter_map(|(i, (at, len))| {
                let start = char_offset(&old, *at);
                let end = old[start..].char_indices().nth(*len).map_or(old.len(), |(j, _)| start + j);
                let anchor = Anchor::from_range(&old, start, end).ok()?;
                Some(Claim {
                    id: ClaimId::untagged(i as u32 + 1),
                    article: ArticleId::untagged(1),
                    anchor,
                    info: ClaimInfo::default(),
                    analyst: String::new(),
                    created: stamp().at,
                    modified: stamp().at,
                    modified_by: None,
                    review: None,
                    repeat_of: None,
                })
            })
            .collect();
        let mut new = old.clone();
        for (at, remove, insert) in &edits {
            let start = char_offset(&new, *at);
            let end = new[start..].char_indices().nth(*remove).map_or(new.len(), |(j, _)| start + j);
            new = format!("{}{insert}{}", &new[..start], &new[end..]);
        }
        let results = reanchor(&old, &new, &claims);
        prop_assert_eq!(results.len(), claims.len());
        for result in &results {
            let claim = &result.claim;
            match result.outcome {
                Outcome::Orphaned => {
                    prop_assert!(claim.is_orphan());
                    prop_assert_eq!(claim.anchor.range(), 0..0);
                }
                _ => {
                    prop_assert!(claim.anchor.end <= new.len());
                    prop_assert!(new.is_char_boundary(claim.anchor.start));
                    prop_assert!(new.is_char_boundary(claim.anchor.end));
                    prop_assert!(claim.anchor.verify(&new).is_ok());
                    let c = result.outcome.confidence();
                    prop_assert!((0.0..=1.0).contains(&c), "confidence {}", c);
                }
            }
            prop_assert!(claim.verify_in(&new).is_ok());
        }
    }
}
