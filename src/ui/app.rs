//! The window: owns the document, preferences and transient state; draws the
//! panels, which push [`Action`]s; then applies those actions in one place.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::model::{
    Anchor, ArticleId, ClaimId, ClaimInfo, ClaimRole, Edit, LinkId, LinkInfo, Project, Relation,
    Selection, Status,
};
use crate::ui::action::{Action, ExportRequest, UnsavedChoice};
use crate::ui::commands::{self, Command};
use crate::ui::dialogs::{self, ChooserOutcome, FileChooser, FilePurpose, Native};
use crate::ui::document::{Document, Job, JobOutcome};
use crate::ui::reading_view::{Highlight, HighlightLook, ReadingView};
use crate::ui::theme::{self, ThemeChoice};
use crate::ui::{articles, export, fonts, help, inspector, menus, pairs, palette, reader, search};

// Safety hooks (autosave, external changes, lock, article text): see safety_glue.rs.
mod safety_glue;

/// Key of the preferences in eframe storage.
const PREFS_KEY: &str = "riposte-prefs";
const MAX_RECENT: usize = 8;

/// How the window starts.
#[derive(Clone, Debug)]
pub struct Startup {
    /// Open this project (the command line's path).
    pub project: Option<PathBuf>,
    /// Without a path: reopen the last project, else the demo.
    pub restore_last: bool,
    /// Try the system file dialogs (tests turn this off: they would block).
    pub native_dialogs: bool,
    /// Where recovery copies go (`None`: no autosave, as in most tests).
    pub data_dir: Option<PathBuf>,
}

impl Startup {
    pub fn from_cli(project: Option<PathBuf>) -> Startup {
        Startup {
            project,
            restore_last: true,
            native_dialogs: true,
            data_dir: crate::ui::safety::default_data_dir(),
        }
    }

    /// Opens `project` with in-app dialogs only, as tests need.
    pub fn for_tests(project: Option<PathBuf>) -> Startup {
        Startup {
            project,
            restore_last: false,
            native_dialogs: false,
            data_dir: None,
        }
    }
}

/// UI preferences, kept in eframe storage (never in the project file).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub theme: ThemeChoice,
    pub recent: Vec<PathBuf>,
    pub last_project: Option<PathBuf>,
    pub show_articles: bool,
    pub show_inspector: bool,
    pub show_pairs: bool,
    pub reading_size: f32,
}

impl Default for Prefs {
    fn default() -> Prefs {
        Prefs {
            theme: ThemeChoice::System,
            recent: Vec::new(),
            last_project: None,
            show_articles: true,
            show_inspector: true,
            show_pairs: true,
            reading_size: theme::DEFAULT_READING_SIZE,
        }
    }
}

/// A message shown in the corner of the window.
#[derive(Clone, Debug)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    at: Instant,
}

const NOTICE_LIFETIME: Duration = Duration::from_secs(8);

/// What to do once unsaved changes are saved or discarded.
#[derive(Clone, Debug, PartialEq)]
enum AfterDiscard {
    New,
    ChooseOpen,
    OpenPath(PathBuf),
    Quit,
}

/// Which tab the left panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    Articles,
    Search,
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
    articles: articles::ArticlesState,
    inspector: inspector::InspectorState,
    pairs: pairs::PairsState,
    search: search::SearchState,
    palette: palette::PaletteState,
    link_picker: Option<pairs::LinkPicker>,
    export: Option<export::ExportDialog>,
    help_open: bool,
    chooser: Option<FileChooser>,
    confirm: Option<AfterDiscard>,
    after_save: Option<AfterDiscard>,
    job: Option<Job>,
    notices: Vec<Notice>,
    actions: Vec<Action>,
    native_dialogs: bool,
    allow_close: bool,
    title: String,
    text_focus_last_frame: bool,
    safety: crate::ui::safety::Safety,
    safety_offer_untitled: bool,
}

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> App {
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
            articles: articles::ArticlesState::default(),
            inspector: inspector::InspectorState::default(),
            pairs: pairs::PairsState::default(),
            search: search::SearchState::default(),
            palette: palette::PaletteState::default(),
            link_picker: None,
            export: None,
            help_open: false,
            chooser: None,
            confirm: None,
            after_save: None,
            job: None,
            notices: Vec::new(),
            actions: Vec::new(),
            native_dialogs: startup.native_dialogs,
            allow_close: false,
            title: String::new(),
            text_focus_last_frame: false,
            safety: crate::ui::safety::Safety::new(startup.data_dir.clone()),
            safety_offer_untitled: false,
            prefs,
        };
        app.safety_started();
        if let Some(path) = app.startup_path(&startup) {
            app.start_load(path);
        }
        app
    }

    /// The given path, else the last project, else the demo (if present).
    fn startup_path(&self, startup: &Startup) -> Option<PathBuf> {
        if let Some(path) = &startup.project {
            return Some(path.clone());
        }
        if startup.restore_last
            && let Some(last) = &self.prefs.last_project
            && last.exists()
        {
            return Some(last.clone());
        }
        if !startup.restore_last {
            return None;
        }
        let demo = PathBuf::from("saves/demo.ron");
        let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/demo.ron");
        [demo, bundled].into_iter().find(|p| p.exists())
    }

    // ----- read access for panels and tests -----

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn project(&self) -> &Project {
        &self.doc.project
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

    /// True while a load or save runs in the background.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Rows the pairs table shows with its current filters.
    pub fn visible_pair_count(&self) -> usize {
        self.pairs.visible_count()
    }

    /// Matches the search panel currently lists.
    pub fn search_hit_count(&self) -> usize {
        self.search.hit_count()
    }

    /// Queues an action as a panel would (tests use this for gestures that
    /// have no keyboard path).
    pub fn push(&mut self, action: Action) {
        self.actions.push(action);
    }

    // ----- frame -----

    fn frame(&mut self, ui: &mut egui::Ui) {
        self.poll_job();
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
        self.panels_ui(ui);
        self.windows_ui(ui.ctx());
        self.notices_ui(ui.ctx());
        self.text_focus_last_frame = ui.ctx().text_edit_focused();
        self.handle_actions();
        self.update_title(ui.ctx());
    }

    fn modal_open(&self) -> bool {
        self.chooser.is_some()
            || self.confirm.is_some()
            || self.palette.open
            || self.safety.modal_open()
    }

    fn panels_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            let state = menus::MenuState {
                undo: self.doc.history.undo_label(),
                redo: self.doc.history.redo_label(),
                recent: &self.prefs.recent,
                theme: self.prefs.theme,
            };
            menus::ui(ui, &state, &mut self.actions);
        });
        self.safety_banner_ui(ui);
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        if self.prefs.show_pairs {
            self.pairs_panel_ui(ui);
        }
        if self.prefs.show_articles {
            self.left_panel_ui(ui);
        }
        if self.prefs.show_inspector {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(340.0)
                .min_size(240.0)
                .max_size(640.0)
                .show(ui, |ui| {
                    inspector::ui(
                        ui,
                        &self.doc,
                        &mut self.inspector,
                        (self.selected_claim, self.selected_link),
                        &mut self.actions,
                    );
                });
        }
        egui::CentralPanel::default().show(ui, |ui| self.reader_ui(ui));
    }

    fn pairs_panel_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("pairs")
            .resizable(true)
            .default_size(230.0)
            .min_size(120.0)
            .show(ui, |ui| {
                pairs::ui(
                    ui,
                    &self.doc,
                    &mut self.pairs,
                    self.selected_link,
                    &mut self.actions,
                );
            });
    }

    fn left_panel_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::left("left")
            .resizable(true)
            .default_size(300.0)
            .min_size(220.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.left_tab, LeftTab::Articles, "Articles");
                    ui.selectable_value(&mut self.left_tab, LeftTab::Search, "Search");
                });
                ui.separator();
                match self.left_tab {
                    LeftTab::Articles => articles::ui(
                        ui,
                        &self.doc,
                        &mut self.articles,
                        self.open_article,
                        &mut self.actions,
                    ),
                    LeftTab::Search => {
                        search::ui(ui, &self.doc, &mut self.search, &mut self.actions);
                    }
                }
            });
    }

    fn reader_ui(&mut self, ui: &mut egui::Ui) {
        self.refresh_highlights();
        let view = reader::ReaderInput {
            doc: &self.doc,
            article: self.open_article,
            highlights: &self.highlights.2,
            selected_claim: self.selected_claim,
            reading_size: self.prefs.reading_size,
        };
        reader::ui(ui, &view, &mut self.reading, &mut self.actions);
    }

    fn refresh_highlights(&mut self) {
        let revision = self.doc.history.revision();
        if self.highlights.0 == self.open_article && self.highlights.1 == revision {
            return;
        }
        let list = match self.open_article {
            Some(article) => self.build_highlights(article),
            None => Vec::new(),
        };
        self.highlights = (self.open_article, revision, list);
    }

    fn build_highlights(&self, article: ArticleId) -> Vec<Highlight> {
        let index = &self.doc.index;
        index
            .claims_of(article)
            .iter()
            .filter_map(|&id| self.doc.project.claim(id))
            .map(|claim| Highlight {
                range: claim.anchor.range(),
                claim: claim.id,
                look: if index.is_flagged(claim.id) {
                    HighlightLook::Flagged
                } else {
                    match index.role(claim.id) {
                        ClaimRole::Unanswered => HighlightLook::Unanswered,
                        ClaimRole::Answered => HighlightLook::Answered,
                        ClaimRole::Response => HighlightLook::Response,
                    }
                },
            })
            .collect()
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let path = self
                .doc
                .path
                .as_ref()
                .map_or_else(|| "not saved yet".to_string(), |p| p.display().to_string());
            ui.label(egui::RichText::new(path).small());
            ui.separator();
            ui.label(egui::RichText::new(self.doc.project.summary()).small());
            if self.doc.is_dirty() {
                ui.separator();
                ui.label(egui::RichText::new("• unsaved changes").small());
            }
            if let Some(job) = &self.job
                && job.shows_progress()
            {
                ui.separator();
                ui.spinner();
                ui.label(egui::RichText::new(format!("{}…", job.label)).small());
            }
        });
    }

    fn windows_ui(&mut self, ctx: &egui::Context) {
        if self.help_open {
            help::ui(ctx, &mut self.help_open);
        }
        if self.palette.open {
            palette::ui(ctx, &mut self.palette, &mut self.actions);
        }
        if let Some(picker) = &mut self.link_picker
            && !pairs::link_picker_ui(ctx, &self.doc, picker, &mut self.actions)
        {
            self.link_picker = None;
        }
        self.export_ui(ctx);
        articles::meta_editor_ui(ctx, &self.doc, &mut self.articles, &mut self.actions);
        self.safety_windows_ui(ctx);
        self.chooser_ui(ctx);
        self.confirm_ui(ctx);
    }

    fn export_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.export else {
            return;
        };
        match export::ui(ctx, &self.doc.project, dialog) {
            export::ExportStep::Open => {}
            export::ExportStep::Closed => self.export = None,
            export::ExportStep::Browse => self.actions.push(Action::BrowseExport),
            export::ExportStep::Export(request) => self.actions.push(Action::Export(request)),
        }
    }

    fn chooser_ui(&mut self, ctx: &egui::Context) {
        let Some(chooser) = &mut self.chooser else {
            return;
        };
        match chooser.ui(ctx) {
            ChooserOutcome::Open => {}
            ChooserOutcome::Cancelled => self.chooser = None,
            ChooserOutcome::Chosen(paths) => {
                let purpose = chooser.purpose;
                self.chooser = None;
                self.actions.push(Action::FileChosen { purpose, paths });
            }
        }
    }

    /// "Save the changes first?": the answer is handled with the other actions.
    fn confirm_ui(&mut self, ctx: &egui::Context) {
        if self.confirm.is_none() {
            return;
        }
        let name = self.doc.name();
        let mut choice = None;
        let modal = egui::Modal::new(egui::Id::unique("confirm_discard")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.heading("Unsaved changes");
            ui.label(format!("Save the changes to “{name}” first?"));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                for (label, answer) in [
                    ("Save", UnsavedChoice::Save),
                    ("Discard changes", UnsavedChoice::Discard),
                    ("Cancel", UnsavedChoice::Cancel),
                ] {
                    if ui.button(label).clicked() {
                        choice = Some(answer);
                    }
                }
            });
        });
        if modal.should_close() && choice.is_none() {
            choice = Some(UnsavedChoice::Cancel);
        }
        if let Some(choice) = choice {
            self.actions.push(Action::Unsaved(choice));
        }
    }

    fn notices_ui(&mut self, ctx: &egui::Context) {
        self.notices.retain(|n| n.at.elapsed() < NOTICE_LIFETIME);
        if self.notices.is_empty() {
            return;
        }
        ctx.request_repaint_after(Duration::from_millis(500));
        let mut dismiss = None;
        egui::Area::new(egui::Id::unique("notices"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -40.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for (i, notice) in self.notices.iter().enumerate() {
                    if notice_ui(ui, notice) {
                        dismiss = Some(i);
                    }
                }
            });
        if let Some(i) = dismiss {
            self.notices.remove(i);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let mark = if self.doc.is_dirty() { "• " } else { "" };
        let title = format!("{mark}{} — Riposte", self.doc.name());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last sent (tests read it).
    pub fn title(&self) -> &str {
        &self.title
    }

    // ----- background jobs, files -----

    fn poll_job(&mut self) {
        let Some(job) = &self.job else {
            return;
        };
        if job.shows_progress() {
            self.ctx.request_repaint_after(Duration::from_millis(100));
        }
        let Some(outcome) = job.poll() else {
            return;
        };
        self.job = None;
        // Handled with this frame's actions, before them.
        self.actions.insert(0, Action::JobDone(outcome));
    }

    fn job_done(&mut self, outcome: Result<JobOutcome, String>) {
        match outcome {
            Ok(JobOutcome::Loaded { path, result }) => self.loaded(path, result),
            Ok(JobOutcome::Saved {
                path,
                state,
                result,
            }) => self.saved(path, state, result),
            Err(message) => self.error(message),
        }
    }

    fn loaded(&mut self, path: PathBuf, result: Result<Box<Document>, String>) {
        match result {
            Ok(doc) => {
                if !doc.problems.is_empty() {
                    self.error(format!(
                        "{}: {} problem(s); affected claims are flagged. First: {}",
                        path.display(),
                        doc.problems.len(),
                        doc.problems[0]
                    ));
                }
                self.replace_document(*doc);
                self.safety_opened(&path);
                self.remember(&path);
            }
            Err(message) => self.error(message),
        }
    }

    fn saved(&mut self, path: PathBuf, state: u64, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.doc.history.mark_saved_state(state);
                self.doc.path = Some(path.clone());
                self.safety_saved(&path);
                self.remember(&path);
                self.notify(format!("Saved {}", path.display()));
                if let Some(after) = self.after_save.take() {
                    self.continue_with(after);
                }
            }
            Err(message) => {
                self.after_save = None;
                self.error(message);
            }
        }
    }

    fn replace_document(&mut self, doc: Document) {
        self.safety_replacing();
        self.open_article = doc.project.articles.first().map(|a| a.id);
        self.doc = doc;
        self.selected_claim = None;
        self.selected_link = None;
        self.reading = ReadingView::new();
        self.highlights = (None, u64::MAX, Vec::new());
        self.inspector = inspector::InspectorState::default();
        self.pairs = pairs::PairsState::default();
        self.search = search::SearchState::default();
        self.link_picker = None;
        self.export = None;
    }

    fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path.clone());
        self.prefs.recent.truncate(MAX_RECENT);
        self.prefs.last_project = Some(path);
    }

    fn start_load(&mut self, path: PathBuf) {
        if self.job.is_some() {
            self.error("Wait for the current load or save to finish".into());
            return;
        }
        self.job = Some(Job::load(&self.ctx, path));
    }

    fn save(&mut self) {
        match self.doc.path.clone() {
            Some(path) => self.save_to(path),
            None => self.choose_file(FilePurpose::SaveAs),
        }
    }

    fn save_to(&mut self, path: PathBuf) {
        if self.job.is_some() {
            self.error("Wait for the current load or save to finish".into());
            return;
        }
        if !self.safety_may_save(&path) {
            return;
        }
        let state = self.doc.history.state();
        let copy = self.doc.project.clone();
        self.job = Some(Job::save(&self.ctx, path, copy, state));
    }

    fn start_dir(&self) -> PathBuf {
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default()
    }

    fn choose_file(&mut self, purpose: FilePurpose) {
        let start = self.start_dir();
        let name = match purpose {
            FilePurpose::SaveAs => format!("{}.ron", file_stem_for(&self.doc.name())),
            _ => String::new(),
        };
        if self.native_dialogs {
            match dialogs::native_pick(purpose, &start, &name) {
                Native::Chosen(paths) => return self.file_chosen(purpose, paths),
                Native::Cancelled => return,
                Native::Unavailable => self.native_dialogs = false,
            }
        }
        self.chooser = Some(FileChooser::new(purpose, &start, &name));
    }

    fn file_chosen(&mut self, purpose: FilePurpose, paths: Vec<PathBuf>) {
        match purpose {
            FilePurpose::Open => {
                if let Some(path) = paths.into_iter().next() {
                    self.start_load(path);
                }
            }
            FilePurpose::SaveAs => {
                if let Some(path) = paths.into_iter().next() {
                    self.save_to(path);
                }
            }
            FilePurpose::Import | FilePurpose::ImportFolder => self.import(&paths),
            FilePurpose::ReplaceText => self.safety_text_file_chosen(&paths),
            FilePurpose::ExportTo => {
                if let (Some(dialog), Some(path)) = (&mut self.export, paths.first()) {
                    dialog.destination = path.display().to_string();
                }
            }
        }
    }

    /// Imports files and folders as one undo step: what the Import command,
    /// the file chooser and drag-and-drop all ask for.
    fn import(&mut self, paths: &[PathBuf]) {
        let stamp = crate::clock::stamp();
        let report = crate::io::import::import_paths(&self.doc.project, paths, &stamp);
        let added = report.added.len();
        let mut parts = vec![format!("Imported {added} article(s)")];
        if !report.duplicates.is_empty() {
            let names: Vec<String> = report
                .duplicates
                .iter()
                .map(|(path, id)| format!("{} (= {id})", file_name(path)))
                .collect();
            parts.push(format!(
                "{} duplicate(s) skipped: {}",
                names.len(),
                names.join(", ")
            ));
        }
        parts.extend(report.warnings.iter().cloned());
        let failed = !report.failures.is_empty();
        parts.extend(report.failures.iter().cloned());
        if let Some(edit) = report.edit
            && self.apply_edit(edit)
            && self.open_article.is_none()
        {
            self.open_article = report.added.first().copied();
        }
        let message = parts.join(". ");
        if failed || added == 0 {
            self.error(message);
        } else {
            self.notify(message);
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.actions.push(Action::Import(dropped));
        }
    }

    fn guard_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.actions.push(Action::CloseRequested);
        }
    }

    fn unsaved_answered(&mut self, choice: UnsavedChoice) {
        let Some(after) = self.confirm.take() else {
            return;
        };
        match choice {
            UnsavedChoice::Save => {
                self.after_save = Some(after);
                self.save();
            }
            UnsavedChoice::Discard => self.continue_with(after),
            UnsavedChoice::Cancel => {}
        }
    }

    /// The Export dialog's Browse…: the system dialog, else type the path.
    fn browse_export(&mut self) {
        let start = self.start_dir();
        let Some(dialog) = &mut self.export else {
            return;
        };
        let name = dialog.file_name();
        match dialogs::native_pick(FilePurpose::ExportTo, &start, &name) {
            Native::Chosen(paths) => {
                if let Some(path) = paths.into_iter().next() {
                    dialog.destination = path.display().to_string();
                }
            }
            Native::Cancelled => {}
            Native::Unavailable => {
                dialog.note = Some("No system file dialog here: type the path.".into());
            }
        }
    }

    fn export(&mut self, request: &ExportRequest) {
        match export::run(&self.doc.project, request) {
            Ok(message) => {
                self.notify(message);
                self.export = None;
            }
            Err(message) => self.error(message),
        }
    }

    fn guard_unsaved(&mut self, after: AfterDiscard) {
        if self.doc.is_dirty() {
            self.confirm = Some(after);
        } else {
            self.continue_with(after);
        }
    }

    fn continue_with(&mut self, after: AfterDiscard) {
        match after {
            AfterDiscard::New => {
                self.replace_document(Document::new(Project::new("Untitled"), None))
            }
            AfterDiscard::ChooseOpen => self.choose_file(FilePurpose::Open),
            AfterDiscard::OpenPath(path) => self.start_load(path),
            AfterDiscard::Quit => {
                self.safety_quitting();
                self.allow_close = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    // ----- notices -----

    fn notify(&mut self, text: String) {
        self.push_notice(text, false);
    }

    fn error(&mut self, text: String) {
        self.push_notice(text, true);
    }

    fn push_notice(&mut self, text: String, is_error: bool) {
        self.notices.push(Notice {
            text,
            is_error,
            at: Instant::now(),
        });
        if self.notices.len() > 4 {
            self.notices.remove(0);
        }
    }

    // ----- handling actions -----

    /// The one place where what the panels, windows, keys and jobs asked for
    /// this frame is done, in the order it was asked.
    fn handle_actions(&mut self) {
        if !self.actions.is_empty() {
            // What they changed is drawn in the next frame.
            self.ctx.request_repaint();
        }
        while !self.actions.is_empty() {
            let actions = std::mem::take(&mut self.actions);
            for action in actions {
                self.handle(action);
            }
        }
    }

    fn handle(&mut self, action: Action) {
        match action {
            Action::Edit(edit) => {
                self.apply_edit(edit);
            }
            Action::SelectClaim(claim) => {
                self.selected_claim = claim;
                self.selected_link = None;
            }
            Action::SelectLink(link) => self.select_link(link),
            Action::OpenArticle(article) => self.open_article = Some(article),
            Action::JumpTo { article, range } => {
                self.open_article = Some(article);
                self.reading.scroll_to(range);
            }
            Action::JumpToClaim(claim) => self.jump_to_claim(claim),
            Action::Command(command) => self.run_command(command),
            Action::LinkExisting {
                claim,
                response,
                relation,
            } => self.link_existing(claim, response, relation),
            Action::OpenRecent(path) => self.guard_unsaved(AfterDiscard::OpenPath(path)),
            Action::Notify(text) => self.notify(text),
            Action::Import(paths) => self.import(&paths),
            Action::FileChosen { purpose, paths } => self.file_chosen(purpose, paths),
            Action::BrowseExport => self.browse_export(),
            Action::Export(request) => self.export(&request),
            Action::Unsaved(choice) => self.unsaved_answered(choice),
            Action::CloseRequested => self.guard_unsaved(AfterDiscard::Quit),
            Action::Safety(choice) => self.safety_choice(choice),
            Action::JobDone(outcome) => self.job_done(outcome),
        }
    }

    /// Applies an edit as one undo step; a refused edit is shown, not lost.
    fn apply_edit(&mut self, edit: Edit) -> bool {
        match self.doc.apply(edit) {
            Ok(()) => true,
            Err(error) => {
                self.error(format!("Not done: {error}"));
                false
            }
        }
    }

    fn select_link(&mut self, link: Option<LinkId>) {
        self.selected_link = link;
        if let Some(link) = link.and_then(|id| self.doc.project.link(id)) {
            self.selected_claim = Some(link.claim);
        }
    }

    fn jump_to_claim(&mut self, claim: ClaimId) {
        if let Some(found) = self.doc.project.claim(claim) {
            self.open_article = Some(found.article);
            self.reading.scroll_to(found.anchor.range());
            self.selected_claim = Some(claim);
        }
    }

    /// Drops selections that an undo or delete made stale.
    fn validate_selection(&mut self) {
        let project = &self.doc.project;
        if self
            .selected_claim
            .is_some_and(|c| project.claim(c).is_none())
        {
            self.selected_claim = None;
        }
        if self
            .selected_link
            .is_some_and(|l| project.link(l).is_none())
        {
            self.selected_link = None;
        }
        if self
            .open_article
            .is_some_and(|a| project.article(a).is_none())
        {
            self.open_article = project.articles.first().map(|a| a.id);
        }
        if self.open_article.is_none() {
            self.open_article = project.articles.first().map(|a| a.id);
        }
    }

    fn run_command(&mut self, command: Command) {
        match command {
            Command::NewProject => self.guard_unsaved(AfterDiscard::New),
            Command::Open => self.guard_unsaved(AfterDiscard::ChooseOpen),
            Command::Save => self.save(),
            Command::SaveAs => self.choose_file(FilePurpose::SaveAs),
            Command::Import => self.choose_file(FilePurpose::Import),
            Command::ImportFolder => self.choose_file(FilePurpose::ImportFolder),
            Command::Export => {
                let start = self.start_dir();
                let stem = file_stem_for(&self.doc.name());
                self.export = Some(export::ExportDialog::new(&start, &stem));
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::MarkClaim => self.mark_selection(),
            Command::Respond(relation) => self.respond(relation),
            Command::LinkExisting => self.open_link_picker(),
            Command::SetStatus(status) => self.set_status(status),
            Command::DeleteSelected => self.delete_selected(),
            Command::ClearPending => {
                self.selected_claim = None;
                self.selected_link = None;
                self.reading.set_selection(None);
            }
            Command::Search => {
                self.prefs.show_articles = true;
                self.left_tab = LeftTab::Search;
                self.search.focus_requested = true;
            }
            Command::Palette => self.palette.show(),
            Command::TogglePairs => self.prefs.show_pairs = !self.prefs.show_pairs,
            Command::ToggleArticles => self.prefs.show_articles = !self.prefs.show_articles,
            Command::ToggleInspector => self.prefs.show_inspector = !self.prefs.show_inspector,
            Command::Help => self.help_open = !self.help_open,
            Command::ToggleTheme => {
                self.prefs.theme = self.prefs.theme.next();
                self.prefs.theme.apply(&self.ctx);
                self.notify(format!("Theme: {}", self.prefs.theme.name()));
            }
            Command::FontLarger => self.resize_reading(1.0),
            Command::FontSmaller => self.resize_reading(-1.0),
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::EditArticleText | Command::ReplaceTextFromFile | Command::ReviewClaims => {
                self.safety_command(command);
            }
        }
    }

    fn resize_reading(&mut self, delta: f32) {
        let size = self.prefs.reading_size + delta;
        self.prefs.reading_size =
            size.clamp(*theme::READING_SIZES.start(), *theme::READING_SIZES.end());
    }

    fn undo(&mut self) {
        match self.doc.undo() {
            Ok(Some(label)) => self.notify(format!("Undid {label}")),
            Ok(None) => self.notify("Nothing to undo".into()),
            Err(error) => self.error(format!("Cannot undo: {error}")),
        }
    }

    fn redo(&mut self) {
        match self.doc.redo() {
            Ok(Some(label)) => self.notify(format!("Redid {label}")),
            Ok(None) => self.notify("Nothing to redo".into()),
            Err(error) => self.error(format!("Cannot redo: {error}")),
        }
    }

    /// The open article and the anchor of the current selection, with
    /// surrounding whitespace trimmed; or why there is none.
    fn selected_anchor(&self) -> Result<(ArticleId, Anchor), String> {
        let article_id = self.open_article.ok_or("Open an article first")?;
        let article = self
            .doc
            .project
            .article(article_id)
            .ok_or("The open article no longer exists")?;
        let range = self
            .reading
            .selection()
            .ok_or("Select some text in the article first")?;
        let range = trim_range(&article.text, range);
        Anchor::from_range(&article.text, range.start, range.end)
            .map(|anchor| (article_id, anchor))
            .map_err(|e| format!("Cannot mark this selection: {e}"))
    }

    fn mark_selection(&mut self) {
        let (article, anchor) = match self.selected_anchor() {
            Ok(found) => found,
            Err(message) => return self.error(message),
        };
        if let Some(existing) = self.claim_at(article, &anchor) {
            self.selected_claim = Some(existing);
            self.reading.set_selection(None);
            return self.notify(format!("{existing} already marks this span; selected it"));
        }
        let info = self.default_claim_info(article);
        let stamp = crate::clock::stamp();
        let (edit, id) = Edit::add_claim(&self.doc.project, article, anchor, info, &stamp);
        if self.apply_edit(edit) {
            self.selected_claim = Some(id);
            self.selected_link = None;
            self.reading.set_selection(None);
        }
    }

    /// A claim of `article` with exactly this span, if one exists.
    fn claim_at(&self, article: ArticleId, anchor: &Anchor) -> Option<ClaimId> {
        self.doc
            .index
            .claims_of(article)
            .iter()
            .copied()
            .find(|&id| {
                self.doc
                    .project
                    .claim(id)
                    .is_some_and(|c| c.anchor.range() == anchor.range())
            })
    }

    /// New claims are reported by the article's outlet until told otherwise.
    fn default_claim_info(&self, article: ArticleId) -> ClaimInfo {
        ClaimInfo {
            via: self
                .doc
                .project
                .article(article)
                .map(|a| a.meta.outlet.clone())
                .unwrap_or_default(),
            ..ClaimInfo::default()
        }
    }

    /// Marks the selection as a response to the pending claim and links the
    /// two, as one undo step.
    fn respond(&mut self, relation: Relation) {
        let Some(claim) = self.selected_claim else {
            return self.error(
                "Select or mark the claim being answered first: it becomes the pending claim"
                    .into(),
            );
        };
        let (article, anchor) = match self.selected_anchor() {
            Ok(found) => found,
            Err(message) => return self.error(message),
        };
        if let Some(existing) = self.claim_at(article, &anchor) {
            self.reading.set_selection(None);
            return self.link_existing(claim, existing, relation);
        }
        let info = LinkInfo {
            relation,
            status: Status::Draft,
            note: String::new(),
        };
        let stamp = crate::clock::stamp();
        let response_info = self.default_claim_info(article);
        let (edit, _, link) = Edit::add_response(
            &self.doc.project,
            claim,
            (article, anchor),
            response_info,
            info,
            &stamp,
        );
        if self.apply_edit(edit) {
            self.selected_link = Some(link);
            self.reading.set_selection(None);
            self.notify(format!("Linked {claim} → response: {relation}"));
        }
    }

    fn link_existing(&mut self, claim: ClaimId, response: ClaimId, relation: Relation) {
        let info = LinkInfo {
            relation,
            status: Status::Draft,
            note: String::new(),
        };
        let stamp = crate::clock::stamp();
        let (edit, link) = Edit::add_link(&self.doc.project, claim, response, info, &stamp);
        if self.apply_edit(edit) {
            self.selected_claim = Some(claim);
            self.selected_link = Some(link);
            self.link_picker = None;
        }
    }

    fn open_link_picker(&mut self) {
        match self.selected_claim {
            Some(claim) => self.link_picker = Some(pairs::LinkPicker::new(claim)),
            None => self.error("Select the claim being answered first".into()),
        }
    }

    /// The link a status or delete command acts on: the selected link, else
    /// the selected claim's only link.
    fn target_link(&self) -> Option<LinkId> {
        self.selected_link.or_else(|| {
            let links = self.doc.index.links_of(self.selected_claim?);
            (links.len() == 1).then(|| links[0])
        })
    }

    fn set_status(&mut self, status: Status) {
        let Some(link) = self.target_link().and_then(|id| self.doc.project.link(id)) else {
            return self.error("Select a link first (in the inspector or the pairs table)".into());
        };
        if link.info.status == status {
            return;
        }
        let mut changed = link.clone();
        let stamp = crate::clock::stamp();
        changed.info.status = status;
        changed.modified = stamp.at;
        changed.analyst = stamp.analyst;
        self.apply_edit(Edit::ReplaceLink(Box::new(changed)));
    }

    fn delete_selected(&mut self) {
        let selection = if let Some(link) = self.selected_link {
            Selection {
                links: vec![link],
                ..Selection::default()
            }
        } else if let Some(claim) = self.selected_claim {
            Selection {
                claims: vec![claim],
                ..Selection::default()
            }
        } else {
            return self.error("Select a claim or link to delete".into());
        };
        self.apply_edit(Edit::Delete(selection));
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

/// Draws one notice; true when the analyst dismissed it.
fn notice_ui(ui: &mut egui::Ui, notice: &Notice) -> bool {
    let visuals = ui.visuals();
    let (fill, text) = if notice.is_error {
        (
            visuals.error_fg_color.gamma_multiply(0.18),
            visuals.error_fg_color,
        )
    } else {
        (visuals.extreme_bg_color, visuals.text_color())
    };
    let mut dismissed = false;
    egui::Frame::popup(ui.style()).fill(fill).show(ui, |ui| {
        ui.set_max_width(460.0);
        ui.horizontal(|ui| {
            ui.add(egui::Label::new(egui::RichText::new(&notice.text).color(text)).wrap());
            dismissed = ui.small_button("×").on_hover_text("Dismiss").clicked();
        });
    });
    dismissed
}

/// Shrinks a byte range so it neither starts nor ends with whitespace.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    if start < end { start..end } else { range }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A file name made from a project name (no path separators).
fn file_stem_for(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.trim_matches('_').is_empty() {
        "project".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_range_drops_surrounding_whitespace() {
        let text = "a  said this \n b";
        assert_eq!(&text[trim_range(text, 1..13)], "said this");
        assert_eq!(trim_range(text, 1..3), 1..3);
    }
}
