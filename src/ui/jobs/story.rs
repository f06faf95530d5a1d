//! The background work behind the Stories, Timeline and Response times
//! views: grouping claims into stories, the response times, and laying out
//! the timeline. On the 20,000-pair project these take a few hundred
//! milliseconds together (`benches/timeline.rs`), so they run here, from a
//! snapshot taken once per project revision, never on the frame loop.
//!
//! A request says what is missing; what is still valid for the revision
//! (the snapshot, the stories) comes along and is reused, so changing a
//! timeline filter only lays out the timeline again.

use std::sync::Arc;

use crate::model::{
    Article, ArticleMeta, Density, LaneBy, Overdue, Project, ResponseTimes, SpeakerTimes, Stories,
    Timeline, TimelineFilter, by_speaker,
};

/// What the timeline is built for: its filters and its lanes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimelineKey {
    pub filter: TimelineFilter,
    pub lane_by: LaneBy,
}

/// What to compute, from what.
pub struct StoryRequest {
    /// Tells this request's result from older ones (see `StoryState`).
    pub ticket: u64,
    pub revision: u64,
    /// A [`story_snapshot`] of the project at `revision`.
    pub project: Arc<Project>,
    /// The stories of `revision`, when already built.
    pub stories: Option<Arc<Stories>>,
    /// Response times are wanted, with this overdue rule.
    pub times: Option<Overdue>,
    /// The timeline is wanted, with these filters and lanes.
    pub timeline: Option<TimelineKey>,
}

/// Response times of every story (in the stories' order) and per speaker.
#[derive(Debug, Default)]
pub struct StoryTimes {
    pub overdue: Option<Overdue>,
    pub stories: Vec<ResponseTimes>,
    pub speakers: Vec<SpeakerTimes>,
}

/// A laid-out timeline and its zoomed-out buckets.
#[derive(Debug, Default)]
pub struct TimelineData {
    pub key: TimelineKey,
    pub timeline: Timeline,
    pub density: Density,
}

/// What a [`StoryRequest`] produced, with what it was made from.
pub struct StoryResult {
    pub ticket: u64,
    pub revision: u64,
    pub project: Arc<Project>,
    pub stories: Arc<Stories>,
    pub times: Option<Arc<StoryTimes>>,
    pub timeline: Option<Arc<TimelineData>>,
}

impl StoryRequest {
    /// Does the work (on the job's thread).
    pub fn run(self) -> StoryResult {
        let project = self.project;
        let stories = self
            .stories
            .unwrap_or_else(|| Arc::new(Stories::build(&project)));
        let times = self
            .times
            .map(|overdue| Arc::new(story_times(&project, &stories, overdue)));
        let timeline = self
            .timeline
            .map(|key| Arc::new(lay_out(&project, &stories, key)));
        StoryResult {
            ticket: self.ticket,
            revision: self.revision,
            project,
            stories,
            times,
            timeline,
        }
    }
}

fn story_times(project: &Project, stories: &Stories, overdue: Overdue) -> StoryTimes {
    StoryTimes {
        overdue: Some(overdue),
        stories: stories
            .iter()
            .map(|story| ResponseTimes::of_story(project, story))
            .collect(),
        speakers: by_speaker(project, overdue),
    }
}

fn lay_out(project: &Project, stories: &Stories, key: TimelineKey) -> TimelineData {
    let timeline = Timeline::build(project, stories, &key.filter, key.lane_by);
    let density = Density::build(&timeline);
    TimelineData {
        key,
        timeline,
        density,
    }
}

/// The part of the project that stories, response times and the timeline
/// read: ids, article dates and outlets, speakers and vias, link relations
/// and statuses, story names. Claims and links are shared records (a
/// pointer each); of articles only what the views read is copied (texts
/// are shared), so taking it once per revision stays cheap. Not a project
/// to save or edit.
pub fn story_snapshot(project: &Project) -> Project {
    let mut snapshot = Project::new(String::new());
    snapshot.articles = project.articles.iter().map(slim_article).collect();
    snapshot.claims = project.claims.clone();
    snapshot.links = project.links.clone();
    snapshot.story_names = project.story_names.clone();
    snapshot
}

fn slim_article(article: &Article) -> Article {
    Article {
        id: article.id,
        meta: ArticleMeta {
            outlet: article.meta.outlet.clone(),
            published: article.meta.published,
            ..ArticleMeta::default()
        },
        imported_at: article.imported_at,
        content_hash: String::new(),
        text: Arc::clone(&article.text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StatusFilter;

    /// The snapshot gives the same stories and timeline as the project.
    #[test]
    fn snapshot_builds_what_the_project_builds() {
        let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/demo.ron");
        let project = match crate::io::project_file::load(std::path::Path::new(demo)) {
            Ok(loaded) => loaded.project,
            Err(error) => panic!("the demo does not load: {error}"),
        };
        let snapshot = story_snapshot(&project);
        assert!(project.pairs(StatusFilter::All).len() > 3);
        let stories = Stories::build(&project);
        assert_eq!(Stories::build(&snapshot), stories);
        let key = TimelineKey::default();
        let from_project = lay_out(&project, &stories, key.clone());
        let from_snapshot = lay_out(&snapshot, &stories, key);
        assert_eq!(from_snapshot.timeline, from_project.timeline);
        assert!(!from_project.timeline.arrows.is_empty());
    }
}
