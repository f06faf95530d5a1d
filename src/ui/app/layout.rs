//! Drawing the window: the panels in their places, the windows and dialogs
//! the app owns, the status bar and the title. Everything drawn
//! here only pushes actions; `handle.rs` does them after the frame.

use super::App;
use crate::model::{ArticleId, ClaimRole};
use crate::ui::action::{Action, UnsavedChoice};
use crate::ui::dialogs::ChooserOutcome;
use crate::ui::reading_view::{Highlight, HighlightLook};
use crate::ui::story::{self, BottomTab};
use crate::ui::{
    agreement, articles, decisions, export, help, imported, inspector, menus, pairs, palette,
    reader, search,
};

/// Which tab the left panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    Articles,
    Search,
    Candidates,
}

impl App {
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            let state = menus::MenuState {
                undo: self.doc.history.undo_label(),
                redo: self.doc.history.redo_label(),
                dropped_steps: self.doc.history.dropped_steps(),
                recent: &self.prefs.recent,
                theme: self.prefs.theme,
            };
            menus::ui(ui, &state, &mut self.actions);
        });
        self.safety_banner_ui(ui);
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        self.panels.tour_targets.pairs = None;
        if self.prefs.show_pairs {
            self.pairs_panel_ui(ui);
        }
        if self.prefs.show_articles {
            self.left_panel_ui(ui);
        }
        if self.prefs.show_inspector {
            self.inspector_panel_ui(ui);
        }
        let reader = egui::CentralPanel::default().show(ui, |ui| self.reader_ui(ui));
        self.panels.tour_targets.reader = Some(reader.response.rect);
    }

    fn inspector_panel_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(340.0)
            .min_size(240.0)
            .max_size(640.0)
            .show(ui, |ui| {
                let selected = (self.selected_claim, self.selected_link);
                let state = &mut self.panels.inspector;
                inspector::ui(ui, &self.doc, state, selected, &mut self.actions);
            });
    }

    pub(super) fn pairs_panel_ui(&mut self, ui: &mut egui::Ui) {
        let panel = egui::Panel::bottom("pairs")
            .resizable(true)
            .default_size(230.0)
            .min_size(120.0)
            .show(ui, |ui| {
                story::tabs_ui(ui, &mut self.panels.story);
                if self.panels.story.tab == BottomTab::Pairs {
                    pairs::ui(
                        ui,
                        &self.doc,
                        &mut self.panels.pairs,
                        self.selected_link,
                        &mut self.actions,
                    );
                } else {
                    self.story_tab_ui(ui);
                }
            });
        self.panels.tour_targets.pairs = Some(panel.response.rect);
    }

    /// The Stories, Timeline or Response times tab, with the selected
    /// pair beside it as on the Pairs tab.
    fn story_tab_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(link) = self.selected_link {
            egui::Panel::right("story_pair_view")
                .resizable(true)
                .default_size(400.0)
                .min_size(280.0)
                .show(ui, |ui| {
                    pairs::pair_view_ui(ui, &self.doc, link, &mut self.actions)
                });
        }
        let selected = story::Selected {
            claim: self.selected_claim,
            link: self.selected_link,
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                story::ui(
                    ui,
                    &self.doc,
                    &mut self.panels.story,
                    selected,
                    &mut self.actions,
                );
            });
    }

    /// Starts the background work the shown story tab needs, if any.
    pub(super) fn start_story_job(&mut self) {
        if let Some(request) = self.panels.story.next_request(&self.doc) {
            self.jobs
                .start(&self.ctx, crate::ui::jobs::Job::Story(request));
        }
    }

    pub(super) fn left_panel_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::left("left")
            .resizable(true)
            .default_size(300.0)
            .min_size(220.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.left_tab, LeftTab::Articles, "Articles");
                    ui.selectable_value(&mut self.left_tab, LeftTab::Search, "Search");
                    ui.selectable_value(&mut self.left_tab, LeftTab::Candidates, "Candidates");
                });
                ui.separator();
                match self.left_tab {
                    LeftTab::Articles => articles::ui(
                        ui,
                        &self.doc,
                        &mut self.panels.articles,
                        self.open_article,
                        &mut self.actions,
                    ),
                    LeftTab::Search => {
                        search::ui(ui, &self.doc, &mut self.panels.search, &mut self.actions);
                    }
                    LeftTab::Candidates => self.candidates_ui(ui),
                }
            });
    }

    pub(super) fn reader_ui(&mut self, ui: &mut egui::Ui) {
        self.refresh_highlights();
        self.reading.set_mark(self.marked_candidate());
        let view = reader::ReaderInput {
            doc: &self.doc,
            article: self.open_article,
            highlights: &self.highlights.2,
            selected_claim: self.selected_claim,
            reading_size: self.prefs.reading_size,
        };
        reader::ui(ui, &view, &mut self.reading, &mut self.actions);
    }

    pub(super) fn refresh_highlights(&mut self) {
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

    pub(super) fn build_highlights(&self, article: ArticleId) -> Vec<Highlight> {
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

    pub(super) fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let path = self
                .doc
                .path
                .as_ref()
                .map_or_else(|| "not saved yet".to_string(), |p| p.display().to_string());
            ui.label(egui::RichText::new(path).small());
            ui.separator();
            ui.label(egui::RichText::new(self.doc.index.summary(&self.doc.project)).small());
            if self.doc.is_dirty() {
                ui.separator();
                ui.label(egui::RichText::new("• unsaved changes").small());
            }
            if let Some(label) = self.jobs.progress() {
                ui.separator();
                ui.spinner();
                ui.label(egui::RichText::new(format!("{label}…")).small());
            }
        });
    }

    pub(super) fn windows_ui(&mut self, ctx: &egui::Context) {
        if self.panels.help_open {
            help::ui(ctx, &mut self.panels.help_open);
        }
        self.about_and_tour_ui(ctx);
        if self.panels.palette.open {
            palette::ui(ctx, &mut self.panels.palette, &mut self.actions);
        }
        if let Some(picker) = &mut self.panels.link_picker
            && !pairs::link_picker_ui(ctx, &self.doc, picker, &mut self.actions)
        {
            self.panels.link_picker = None;
        }
        self.export_ui(ctx);
        self.repeats_ui(ctx);
        self.team_windows_ui(ctx);
        articles::meta_editor_ui(ctx, &self.doc, &mut self.panels.articles, &mut self.actions);
        imported::ui(ctx, &self.doc, &mut self.panels.imported, &mut self.actions);
        self.safety_windows_ui(ctx);
        self.chooser_ui(ctx);
        self.confirm_ui(ctx);
    }

    pub(super) fn team_windows_ui(&mut self, ctx: &egui::Context) {
        if self.panels.decisions_open {
            let open = &mut self.panels.decisions_open;
            decisions::ui(ctx, &self.doc, open, &mut self.actions);
        }
        if let Some(window) = &mut self.panels.agreement
            && !agreement::ui(ctx, window, &mut self.actions)
        {
            self.panels.agreement = None;
        }
    }

    pub(super) fn export_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.panels.export else {
            return;
        };
        match export::ui(ctx, &self.doc, dialog) {
            export::ExportStep::Open => {}
            export::ExportStep::Closed => self.panels.export = None,
            export::ExportStep::Browse => self.actions.push(Action::BrowseExport),
            export::ExportStep::Export(request) => self.actions.push(Action::Export(request)),
        }
    }

    pub(super) fn chooser_ui(&mut self, ctx: &egui::Context) {
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
    pub(super) fn confirm_ui(&mut self, ctx: &egui::Context) {
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

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let mark = if self.doc.is_dirty() { "• " } else { "" };
        let read_only = if self.doc.read_only {
            " (read-only)"
        } else {
            ""
        };
        let title = format!("{mark}{}{read_only} — Riposte", self.doc.name());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
