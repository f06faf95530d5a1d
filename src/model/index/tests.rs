use super::*;
use crate::model::{Anchor, ClaimInfo, Edit, History, LinkInfo, Relation, Stamp, Status};

fn stamp() -> Stamp {
    Stamp {
        analyst: "t".into(),
        at: chrono::DateTime::default(),
    }
}

fn project() -> (Project, History) {
    let mut project = Project::new("t");
    let article = crate::io::import::article_from_text(
        ArticleId::untagged(1),
        "Alpha beta gamma delta.",
        "x",
        &stamp(),
    );
    project.articles.push(article);
    project.next_ids.article = 2;
    (project, History::new())
}

#[test]
fn orders_claims_by_start_and_tracks_roles() {
    let (mut project, mut history) = project();
    let text = project.articles[0].text.clone();
    let late = Anchor::from_quote(&text, "gamma", None).unwrap();
    let early = Anchor::from_quote(&text, "Alpha", None).unwrap();
    let (edit, late_id) = Edit::add_claim(
        &project,
        ArticleId::untagged(1),
        late,
        ClaimInfo::default(),
        &stamp(),
    );
    history.apply(&mut project, edit).unwrap();
    let info = LinkInfo {
        relation: Relation::Denies,
        status: Status::Draft,
        note: String::new(),
    };
    let (edit, early_id, _) = Edit::add_response(
        &project,
        late_id,
        (ArticleId::untagged(1), early),
        ClaimInfo::default(),
        info,
        &stamp(),
    );
    history.apply(&mut project, edit).unwrap();
    let index = ProjectIndex::build(&project, history.revision());
    assert_eq!(
        index.claims_of(ArticleId::untagged(1)),
        &[early_id, late_id]
    );
    assert_eq!(index.role(late_id), ClaimRole::Answered);
    assert_eq!(index.role(early_id), ClaimRole::Response);
    assert_eq!(index.links_of(late_id).len(), 1);
    assert_eq!(
        index.counts(ArticleId::untagged(1)),
        ArticleCounts {
            claims: 2,
            linked: 2
        }
    );
    assert_eq!(index.summary(&project), project.summary());
    let (hits, _) = index.search().search("BETA", 10);
    assert_eq!(hits.len(), 1);
}
