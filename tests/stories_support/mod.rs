//! Builds small dated projects through `Edit`s for the stories and
//! timeline tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDate, NaiveTime};
use riposte::model::{
    Anchor, Article, ArticleId, ArticleMeta, Bundle, ClaimId, ClaimInfo, Edit, History, LinkId,
    LinkInfo, Project, Published, Relation, Stamp, Status, content_hash,
};

pub fn stamp() -> Stamp {
    Stamp {
        analyst: "tester".to_string(),
        at: DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
    }
}

/// A publication date, with a time and UTC offset (minutes) when given.
pub fn on(date: &str, time_and_offset: Option<(&str, i32)>) -> Published {
    Published {
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        time: time_and_offset.map(|(t, _)| NaiveTime::parse_from_str(t, "%H:%M").unwrap()),
        utc_offset_minutes: time_and_offset.map(|(_, offset)| offset),
    }
}

/// A project grown one undoable step at a time.
#[derive(Default)]
pub struct Story {
    pub project: Project,
    pub history: History,
}

impl Story {
    pub fn new(title: &str) -> Story {
        Story {
            project: Project::new(title),
            history: History::new(),
        }
    }

    pub fn apply(&mut self, edit: Edit) {
        self.history.apply(&mut self.project, edit).unwrap();
    }

    pub fn article(&mut self, text: &str, outlet: &str, published: Option<Published>) -> ArticleId {
        let id = self.project.next_ids.clone().take_article();
        let article = Article {
            id,
            meta: ArticleMeta {
                title: text.chars().take(20).collect(),
                outlet: outlet.to_string(),
                published,
                ..ArticleMeta::default()
            },
            imported_at: stamp().at,
            content_hash: content_hash(text),
            text: text.into(),
        };
        self.apply(Edit::Insert(Box::new(Bundle {
            articles: vec![article],
            ..Bundle::default()
        })));
        id
    }

    pub fn claim(&mut self, article: ArticleId, quote: &str, speaker: &str) -> ClaimId {
        let text = &self.project.article(article).unwrap().text;
        let anchor = Anchor::from_quote(text, quote, None).unwrap();
        let info = ClaimInfo {
            speaker: speaker.to_string(),
            ..ClaimInfo::default()
        };
        let (edit, id) = Edit::add_claim(&self.project, article, anchor, info, &stamp());
        self.apply(edit);
        id
    }

    pub fn link(
        &mut self,
        claim: ClaimId,
        response: ClaimId,
        relation: Relation,
        status: Status,
    ) -> LinkId {
        let info = LinkInfo {
            relation,
            status,
            note: String::new(),
        };
        let (edit, id) = Edit::add_link(&self.project, claim, response, info, &stamp());
        self.apply(edit);
        id
    }

    /// An article holding one sentence, claimed whole by `speaker`.
    pub fn said(
        &mut self,
        sentence: &str,
        speaker: &str,
        outlet: &str,
        published: Option<Published>,
    ) -> ClaimId {
        let article = self.article(sentence, outlet, published);
        self.claim(article, sentence, speaker)
    }
}
