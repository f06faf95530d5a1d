//! The window: owns the document, preferences and transient state; draws
//! the panels, which push [`Action`]s; then handles those actions in one
//! place, in the order pushed. One `App` type, its `impl` split by concern:
//!
//! - `layout.rs`: drawing the panels, windows and status bar;
//! - `notices.rs`: messages in the corner (information fades, errors stay);
//! - `handle.rs`: the action handler (the one place changes happen) and the
//!   commands that only change the view;
//! - `editing.rs`: the editing commands (mark, respond, link, status, delete);
//! - `files.rs`: open, save, import, export, file dialogs, background jobs;
//! - `first_run.rs`: what a start opens (a first run: a copy of the demo);
//! - `prefs.rs`: preferences kept by eframe;
//! - `native.rs`: the native window (viewport, icon) and `run`;
//! - `safety.rs`: recovery copies, external changes, the lock;
//! - `text.rs`: editing an article's text, and the review that follows;
//! - `team.rs`: merging another copy, deciding conflicts and
//!   disagreements, agreement between copies.

mod crash;
mod editing;
mod files;
mod first_run;
mod handle;
mod layout;
mod native;
mod notices;
mod prefs;
mod safety;
mod suggest;
mod team;
mod text;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use crate::io::recovery::CopyOwner;
use crate::model::{ArticleId, ClaimId, DEFAULT_MEMORY_LIMIT, LinkId, Project};
use crate::ui::action::Action;
use crate::ui::commands;
use crate::ui::dialogs::FileChooser;
use crate::ui::document::Document;
use crate::ui::jobs::Jobs;
use crate::ui::reading_view::{Highlight, ReadingView};
use crate::ui::suggest_work::SuggestEngine;
use crate::ui::{
    agreement, articles, candidates, export, fonts, imported, inspector, pairs, palette, repeats,
    search, story, theme, tour,
};

use files::AfterDiscard;
use layout::LeftTab;
pub use native::run;
pub use notices::Notice;
use prefs::PREFS_KEY;
pub use prefs::Prefs;

/// How the window starts.
#[derive(Clone, Debug)]
pub struct Startup {
    /// Open this project (the command line's path).
    pub project: Option<PathBuf>,
    /// Without a path: reopen the last project, else (a first run) the
    /// analyst's copy of the demo in `data_dir`.
    pub restore_last: bool,
    /// Try the system file dialogs (tests turn this off: they would block).
    pub native_dialogs: bool,
    /// Where recovery copies go (`None`: no autosave, as in most tests).
    pub data_dir: Option<PathBuf>,
    /// Show the getting-started tour unless the preferences say it was seen.
    pub offer_tour: bool,
    /// The memory each document's undo history may take before its oldest
    /// steps are dropped.
    pub undo_memory_limit: usize,
    /// Binary copies of opened projects for quick reopening (`None`: always
    /// parse the RON file, as in tests).
    pub cache: Option<crate::io::cache::ProjectCache>,
}

impl Startup {
    pub fn from_cli(project: Option<PathBuf>) -> Startup {
        Startup {
            project,
            restore_last: true,
            native_dialogs: true,
            data_dir: crate::ui::safety::default_data_dir(),
            offer_tour: true,
            undo_memory_limit: DEFAULT_MEMORY_LIMIT,
            cache: crate::io::cache::ProjectCache::user(),
        }
    }

    /// Opens `project` with in-app dialogs only, as tests need.
    pub fn for_tests(project: Option<PathBuf>) -> Startup {
        Startup {
            project,
            restore_last: false,
            native_dialogs: false,
            data_dir: None,
            offer_tour: false,
            undo_memory_limit: DEFAULT_MEMORY_LIMIT,
            cache: None,
        }
    }
}

/// The panels' and windows' own state (filters, forms, scroll positions):
/// what they show, never what the project holds.
#[derive(Default)]
struct Panels {
    articles: articles::ArticlesState,
    inspector: inspector::InspectorState,
    pairs: pairs::PairsState,
    /// The Stories, Timeline and Response times tabs of the bottom panel.
    story: story::StoryState,
    search: search::SearchState,
    palette: palette::PaletteState,
    link_picker: Option<pairs::LinkPicker>,
    export: Option<export::ExportDialog>,
    /// The last import's articles, to check (empty when done).
    imported: imported::ImportedState,
    help_open: bool,
    candidates: candidates::CandidatesState,
    repeats: Option<repeats::RepeatsWindow>,
    /// The suggestion index and its latest results (see `suggest_work`).
    suggest: SuggestEngine,
    decisions_open: bool,
    agreement: Option<agreement::AgreementWindow>,
    about_open: bool,
    /// The getting-started tour while it is shown.
    tour: Option<tour::Tour>,
    /// Where the tour's steps point, as last drawn.
    tour_targets: tour::TourTargets,
}

impl Panels {
    /// Another document is open: what was about the old one goes; the
    /// articles filter, the palette and the help window stay.
    fn forget_document(&mut self) {
        self.articles.forget_document();
        self.inspector = inspector::InspectorState::default();
        self.pairs = pairs::PairsState::default();
        self.story.forget_document();
        self.search = search::SearchState::default();
        self.link_picker = None;
        self.export = None;
        self.imported = imported::ImportedState::default();
        self.candidates = candidates::CandidatesState::default();
        self.repeats = None;
        self.suggest.forget_document();
        self.decisions_open = false;
        self.agreement = None;
    }
}

pub struct App {
    ctx: egui::Context,
    doc: Document,
    prefs: Prefs,
    reading: ReadingView,
    open_article: Option<ArticleId>,
    selected_claim: Option<ClaimId>,
    selected_link: Option<LinkId>,
    /// Highlights of the open article, rebuilt when article or revision change.
    highlights: (Option<ArticleId>, u64, Vec<Highlight>),
    left_tab: LeftTab,
    panels: Panels,
    chooser: Option<FileChooser>,
    confirm: Option<AfterDiscard>,
    after_save: Option<AfterDiscard>,
    /// A save asked for while a load or save ran: done when it finishes,
    /// if the same document is still open.
    queued_save: Option<(CopyOwner, PathBuf)>,
    /// See [`Startup::undo_memory_limit`].
    undo_memory_limit: usize,
    /// The document already told that its oldest undo steps were dropped.
    told_steps_dropped: Option<CopyOwner>,
    jobs: Jobs,
    notices: Vec<Notice>,
    /// What panels and windows push during this frame.
    actions: Vec<Action>,
    /// Actions not yet handled, oldest first (they wait while a job holds
    /// the queue).
    pending: VecDeque<Action>,
    native_dialogs: bool,
    allow_close: bool,
    title: String,
    text_focus_last_frame: bool,
    safety: crate::ui::safety::Safety,
    safety_offer_untitled: bool,
    /// Where eframe keeps the preferences (`None`: not kept this session).
    prefs_file: Option<PathBuf>,
    cache: Option<crate::io::cache::ProjectCache>,
}

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> App {
        let prefs_file = cc
            .storage
            .and(startup.data_dir.as_deref())
            .map(prefs::prefs_file);
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        fonts::install(&cc.egui_ctx);
        theme::install(&cc.egui_ctx);
        prefs.theme.apply(&cc.egui_ctx);
        let mut app = App {
            ctx: cc.egui_ctx.clone(),
            doc: Document::new(Project::new("Untitled"), None),
            reading: ReadingView::new(),
            open_article: None,
            selected_claim: None,
            selected_link: None,
            highlights: (None, u64::MAX, Vec::new()),
            left_tab: LeftTab::Articles,
            panels: Panels::default(),
            chooser: None,
            confirm: None,
            after_save: None,
            queued_save: None,
            undo_memory_limit: startup.undo_memory_limit,
            told_steps_dropped: None,
            jobs: Jobs::default(),
            notices: Vec::new(),
            actions: Vec::new(),
            pending: VecDeque::new(),
            native_dialogs: startup.native_dialogs,
            allow_close: false,
            title: String::new(),
            text_focus_last_frame: false,
            safety: crate::ui::safety::Safety::new(startup.data_dir.clone()),
            safety_offer_untitled: false,
            prefs_file,
            cache: startup.cache.clone(),
            prefs,
        };
        app.doc.history.set_memory_limit(app.undo_memory_limit);
        app.safety_started();
        app.open_at_start(&startup);
        app.offer_tour(&startup);
        app
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn project(&self) -> &Project {
        &self.doc.project
    }

    /// True while the pairs table's rows for a new sort or filter are
    /// sorted on another thread (the table still shows the previous rows;
    /// the first frame after this turns false draws the new ones).
    pub fn pairs_sorting(&self) -> bool {
        self.panels.pairs.sort_running()
    }

    pub fn reading_view_mut(&mut self) -> &mut ReadingView {
        &mut self.reading
    }

    pub fn open_article(&self) -> Option<ArticleId> {
        self.open_article
    }

    pub fn selected_claim(&self) -> Option<ClaimId> {
        self.selected_claim
    }

    pub fn selected_link(&self) -> Option<LinkId> {
        self.selected_link
    }

    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// True once the window has agreed to close (Quit with nothing unsaved
    /// left, or the analyst chose to discard it).
    pub fn is_closing(&self) -> bool {
        self.allow_close
    }

    /// The recovery copy of the open document on disk, if one was written.
    pub fn recovery_copy(&self) -> Option<&Path> {
        self.safety.autosave.written()
    }

    /// Who the open document's recovery copy belongs to.
    pub fn copy_owner(&self) -> CopyOwner {
        self.doc.owner
    }

    /// True while background work runs (a load, save, import, export…, or
    /// the pairs rows of a project just opened, made after it is shown).
    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy() || !self.doc.index.pairs_ready()
    }

    /// Rows the pairs table shows with its current filters.
    pub fn visible_pair_count(&self) -> usize {
        self.panels.pairs.visible_count()
    }

    /// The pairs table's rows, in order (tests read them).
    pub fn visible_pairs(&self) -> &[LinkId] {
        self.panels.pairs.visible()
    }

    /// Pairs the timeline shows with its current filters, once built
    /// (tests read it).
    pub fn timeline_pair_count(&self) -> Option<usize> {
        self.panels.story.timeline_arrow_count()
    }

    /// Matches the search panel currently lists.
    pub fn search_hit_count(&self) -> usize {
        self.panels.search.hit_count()
    }

    /// Queues an action as a panel would (tests use this for gestures that
    /// have no keyboard path).
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// The window title as last sent (tests read it).
    pub fn title(&self) -> &str {
        &self.title
    }

    fn frame(&mut self, ui: &mut egui::Ui) {
        self.collect_jobs();
        self.safety_frame(ui.ctx());
        self.take_dropped_files(ui.ctx());
        self.guard_close(ui.ctx());
        if !self.modal_open() {
            // Escape drops a field's focus before this frame starts: still
            // count the field as focused so Escape only leaves the field.
            let text_focus = ui.ctx().text_edit_focused() || self.text_focus_last_frame;
            if let Some(command) = commands::pressed(ui.ctx(), text_focus) {
                self.actions.push(Action::Command(command));
            }
        }
        self.validate_selection();
        self.suggest_frame();
        self.panels_ui(ui);
        self.windows_ui(ui.ctx());
        self.notices_ui(ui.ctx());
        self.text_focus_last_frame = ui.ctx().text_edit_focused();
        self.handle_actions();
        self.start_story_job();
        self.update_title(ui.ctx());
    }

    fn modal_open(&self) -> bool {
        self.chooser.is_some()
            || self.confirm.is_some()
            || self.panels.palette.open
            || self.safety.modal_open()
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.run_guarded(|app| app.frame(ui));
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}
