//! The story over time in the window: the Stories list (`list.rs`), the
//! Timeline (`timeline/`) and the Response times (`times.rs`), shown as tabs
//! of the bottom panel beside the pairs table.
//!
//! What they show is derived from the whole project (stories, response
//! times, the timeline's layout) and too slow to build on the frame loop at
//! 20,000 pairs, so [`StoryState::next_request`] asks for it as a background
//! job (`ui/jobs/story.rs`) whenever the revision, a filter or the lanes
//! change, and [`StoryState::receive`] takes the result. Until it arrives the
//! views keep showing what they had, marked as updating; per frame they only
//! read what is on screen.

mod list;
mod timeline;
mod times;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::{ClaimId, LinkId, Project, Stories};
use crate::ui::action::Action;
use crate::ui::document::Document;
use crate::ui::jobs::{StoryRequest, StoryResult, StoryTimes, TimelineData, story_snapshot};

/// The tabs of the bottom panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BottomTab {
    #[default]
    Pairs,
    Stories,
    Timeline,
    ResponseTimes,
}

impl BottomTab {
    pub const ALL: [BottomTab; 4] = [
        BottomTab::Pairs,
        BottomTab::Stories,
        BottomTab::Timeline,
        BottomTab::ResponseTimes,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BottomTab::Pairs => "Pairs",
            BottomTab::Stories => "Stories",
            BottomTab::Timeline => "Timeline",
            BottomTab::ResponseTimes => "Response times",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            BottomTab::Pairs => "Every claim → response pair, as a table",
            BottomTab::Stories => "Groups of claims joined by their responses",
            BottomTab::Timeline => "Claims and responses over time, one lane per speaker or outlet",
            BottomTab::ResponseTimes => "How fast each story and each speaker answers",
        }
    }
}

/// What the selection is, for the views to mark it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Selected {
    pub claim: Option<ClaimId>,
    pub link: Option<LinkId>,
}

/// The snapshot and stories of one revision.
struct Base {
    revision: u64,
    project: Arc<Project>,
    stories: Arc<Stories>,
}

/// The views' state: the tab, what was derived (each part with the
/// revision it was built from) and each view's own settings.
#[derive(Default)]
pub struct StoryState {
    pub tab: BottomTab,
    base: Option<Base>,
    times_data: Option<(u64, Arc<StoryTimes>)>,
    timeline_data: Option<(u64, Arc<TimelineData>)>,
    /// The ticket of the request running now: only its result is taken
    /// (a result for a document since closed is dropped).
    awaiting: Option<u64>,
    list: list::ListState,
    timeline: timeline::TimelineState,
    times: times::TimesState,
}

/// Tickets tell a request's result from those of earlier requests.
fn next_ticket() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl StoryState {
    /// The work the shown tab needs and does not have for `doc`'s current
    /// revision, if any (and none while a request runs: its result comes
    /// first, then this asks again).
    pub fn next_request(&mut self, doc: &Document) -> Option<StoryRequest> {
        if self.awaiting.is_some() || self.tab == BottomTab::Pairs {
            return None;
        }
        let revision = doc.history.revision();
        let times = self.stale_times(revision);
        let timeline = self.stale_timeline(revision);
        let base = self.base.as_ref().filter(|b| b.revision == revision);
        if base.is_some() && times.is_none() && timeline.is_none() {
            return None;
        }
        let ticket = next_ticket();
        self.awaiting = Some(ticket);
        Some(StoryRequest {
            ticket,
            revision,
            project: base.map_or_else(
                || Arc::new(story_snapshot(&doc.project)),
                |b| Arc::clone(&b.project),
            ),
            stories: base.map(|b| Arc::clone(&b.stories)),
            times,
            timeline,
        })
    }

    /// The overdue rule, when the response times are shown and were not
    /// built for `revision` with it.
    fn stale_times(&self, revision: u64) -> Option<crate::model::Overdue> {
        if self.tab != BottomTab::ResponseTimes {
            return None;
        }
        let wanted = self.times.overdue();
        let built = self.times_data.as_ref();
        let fresh = built.is_some_and(|(r, t)| *r == revision && t.overdue == Some(wanted));
        (!fresh).then_some(wanted)
    }

    /// The timeline's filters and lanes, when the timeline is shown and was
    /// not built for `revision` with them.
    fn stale_timeline(&self, revision: u64) -> Option<crate::ui::jobs::TimelineKey> {
        if self.tab != BottomTab::Timeline {
            return None;
        }
        let wanted = self.timeline.key();
        let built = self.timeline_data.as_ref();
        let fresh = built.is_some_and(|(r, t)| *r == revision && &t.key == wanted);
        (!fresh).then(|| wanted.clone())
    }

    /// Takes a finished job's result (if it is the one awaited).
    pub fn receive(&mut self, result: StoryResult) {
        if self.awaiting != Some(result.ticket) {
            return;
        }
        self.awaiting = None;
        let revision = result.revision;
        if let Some(times) = result.times {
            self.times_data = Some((revision, times));
        }
        if let Some(data) = result.timeline {
            self.timeline.received(&data);
            self.timeline_data = Some((revision, data));
        }
        self.base = Some(Base {
            revision,
            project: result.project,
            stories: result.stories,
        });
    }

    /// Another document is open: what was derived from the old one, and the
    /// story chosen in it, go; the tab stays.
    pub fn forget_document(&mut self) {
        *self = StoryState {
            tab: self.tab,
            ..StoryState::default()
        };
    }

    /// True while the shown view waits for a newer result.
    fn updating(&self, doc: &Document) -> bool {
        let revision = doc.history.revision();
        self.awaiting.is_some() || self.base.as_ref().is_none_or(|b| b.revision != revision)
    }

    /// Shows the timeline of one story (the Stories list's "Timeline" button).
    fn show_on_timeline(&mut self, story: ClaimId) {
        self.timeline.set_story(Some(story));
        self.tab = BottomTab::Timeline;
    }

    /// How many pairs the timeline shows (tests read it).
    pub fn timeline_arrow_count(&self) -> Option<usize> {
        let (_, data) = self.timeline_data.as_ref()?;
        Some(data.timeline.arrows.len())
    }
}

/// The tab strip of the bottom panel.
pub fn tabs_ui(ui: &mut egui::Ui, state: &mut StoryState) {
    ui.horizontal(|ui| {
        for tab in BottomTab::ALL {
            ui.selectable_value(&mut state.tab, tab, tab.name())
                .on_hover_text(tab.tooltip());
        }
    });
}

/// The shown tab's contents (not the Pairs tab: `ui::pairs` draws it).
pub fn ui(
    ui: &mut egui::Ui,
    doc: &Document,
    state: &mut StoryState,
    selected: Selected,
    actions: &mut Vec<Action>,
) {
    let updating = state.updating(doc);
    match state.tab {
        BottomTab::Pairs => {}
        BottomTab::Stories => list::ui(ui, doc, state, updating, actions),
        BottomTab::Timeline => {
            let data = state.timeline_data.as_ref().map(|(_, d)| Arc::clone(d));
            let stories = state.base.as_ref().map(|b| Arc::clone(&b.stories));
            let input = timeline::TimelineInput {
                doc,
                data: data.as_deref(),
                stories: stories.as_deref(),
                selected,
                updating,
            };
            timeline::ui(ui, &input, &mut state.timeline, actions);
        }
        BottomTab::ResponseTimes => times::ui(ui, doc, state, updating, actions),
    }
}

/// "Building…" with a spinner, while a view waits for its first result.
fn building_ui(ui: &mut egui::Ui, what: &str) {
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(egui::RichText::new(format!("Building {what}…")).weak());
    });
}

/// A small "updating…" note beside a view's title while a newer result is
/// on its way.
fn updating_ui(ui: &mut egui::Ui, updating: bool) {
    if updating {
        ui.spinner();
        ui.label(egui::RichText::new("updating…").small().weak());
    }
}
