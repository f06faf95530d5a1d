//! File dialogs. The only module that calls `rfd`. Where no system dialog is
//! available (no desktop portal, e.g. under Xvfb, or in tests) the in-app
//! [`FileChooser`] does the same job: a path field and a simple folder list.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a file is being chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    Open,
    SaveAs,
    Import,
    ImportFolder,
    ExportTo,
    /// A newer version of the open article's text.
    ReplaceText,
}

impl FilePurpose {
    pub fn title(self) -> &'static str {
        match self {
            FilePurpose::Open => "Open project",
            FilePurpose::SaveAs => "Save project as",
            FilePurpose::Import => "Import articles (files or a folder)",
            FilePurpose::ImportFolder => "Import a folder of articles",
            FilePurpose::ExportTo => "Export to",
            FilePurpose::ReplaceText => "Replace the article text with",
        }
    }

    fn action(self) -> &'static str {
        match self {
            FilePurpose::Open => "Open",
            FilePurpose::SaveAs => "Save",
            FilePurpose::Import | FilePurpose::ImportFolder => "Import",
            FilePurpose::ExportTo => "Choose",
            FilePurpose::ReplaceText => "Use this text",
        }
    }

    /// Whether the chosen path must already exist.
    /// True for the purposes that write the chosen file.
    fn writes(self) -> bool {
        matches!(self, FilePurpose::SaveAs | FilePurpose::ExportTo)
    }

    fn must_exist(self) -> bool {
        matches!(
            self,
            FilePurpose::Open
                | FilePurpose::Import
                | FilePurpose::ImportFolder
                | FilePurpose::ReplaceText
        )
    }
}

/// What a system dialog returned.
pub enum Native {
    Chosen(Vec<PathBuf>),
    Cancelled,
    /// No system dialog could be shown.
    Unavailable,
}

/// A system dialog that "closes" faster than this never reached the screen
/// (rfd returns `None` at once when there is no portal), so the in-app
/// chooser takes over.
const TOO_FAST_TO_BE_HUMAN: Duration = Duration::from_millis(250);

/// Shows the system file dialog (blocking, as system dialogs are modal).
pub fn native_pick(purpose: FilePurpose, start_dir: &Path, file_name: &str) -> Native {
    let started = Instant::now();
    let dialog = rfd::FileDialog::new()
        .set_directory(start_dir)
        .set_title(purpose.title());
    let chosen: Option<Vec<PathBuf>> = match purpose {
        FilePurpose::Open => dialog
            .add_filter("Riposte project", &["ron"])
            .pick_file()
            .map(|p| vec![p]),
        FilePurpose::SaveAs | FilePurpose::ExportTo => {
            dialog.set_file_name(file_name).save_file().map(|p| vec![p])
        }
        FilePurpose::Import => dialog
            .add_filter(
                "Articles and annotations",
                &["txt", "md", "html", "htm", "json", "jsonld"],
            )
            .add_filter("Articles", &["txt", "md", "html", "htm"])
            .add_filter("Annotations (W3C, Hypothesis)", &["json", "jsonld"])
            .pick_files(),
        FilePurpose::ImportFolder => dialog.pick_folder().map(|p| vec![p]),
        FilePurpose::ReplaceText => dialog
            .add_filter("Articles", &["txt", "md"])
            .pick_file()
            .map(|p| vec![p]),
    };
    match chosen {
        Some(paths) if !paths.is_empty() => Native::Chosen(paths),
        _ if started.elapsed() < TOO_FAST_TO_BE_HUMAN => Native::Unavailable,
        _ => Native::Cancelled,
    }
}

/// One row of the folder listing.
struct Entry {
    name: String,
    is_dir: bool,
}

/// The in-app file chooser.
pub struct FileChooser {
    pub purpose: FilePurpose,
    /// The path being typed or picked; accessible name "Path".
    pub path: String,
    dir: PathBuf,
    entries: Vec<Entry>,
    error: Option<String>,
    /// An existing file the analyst is asked about replacing (Save as,
    /// Export to); the next confirm with the same path replaces it.
    replace: Option<PathBuf>,
}

pub enum ChooserOutcome {
    Open,
    Chosen(Vec<PathBuf>),
    Cancelled,
}

impl FileChooser {
    pub fn new(purpose: FilePurpose, dir: &Path, file_name: &str) -> FileChooser {
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let dir = dir.as_path();
        let mut chooser = FileChooser {
            purpose,
            path: dir.join(file_name).display().to_string(),
            dir: dir.to_path_buf(),
            entries: Vec::new(),
            error: None,
            replace: None,
        };
        chooser.list(dir.to_path_buf());
        chooser
    }

    fn list(&mut self, dir: PathBuf) {
        match std::fs::read_dir(&dir) {
            Ok(read) => {
                let mut entries: Vec<Entry> = read
                    .filter_map(Result::ok)
                    .map(|e| Entry {
                        name: e.file_name().to_string_lossy().into_owned(),
                        is_dir: e.path().is_dir(),
                    })
                    .filter(|e| !e.name.starts_with('.'))
                    .collect();
                entries.sort_by(|a, b| (!a.is_dir, &a.name).cmp(&(!b.is_dir, &b.name)));
                self.entries = entries;
                self.dir = dir;
                self.error = None;
            }
            Err(error) => self.error = Some(format!("{}: {error}", dir.display())),
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context) -> ChooserOutcome {
        let mut outcome = ChooserOutcome::Open;
        let modal = egui::Modal::new(egui::Id::unique("file_chooser")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(self.purpose.title());
            outcome = self.contents_ui(ui);
        });
        if modal.should_close() {
            outcome = ChooserOutcome::Cancelled;
        }
        outcome
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui) -> ChooserOutcome {
        let mut outcome = ChooserOutcome::Open;
        let entered = ui
            .horizontal(|ui| {
                let label = ui.label("Path");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut self.path).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
            })
            .inner;
        ui.label(
            egui::RichText::new(self.dir.display().to_string())
                .small()
                .weak(),
        );
        self.listing_ui(ui);
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let asking = self.asking_to_replace();
        if asking {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{} already exists. Replace it?", self.path.trim()),
            );
        }
        let action = if asking {
            "Replace"
        } else {
            self.purpose.action()
        };
        ui.horizontal(|ui| {
            if ui.button(action).clicked() || entered {
                outcome = self.confirm();
            }
            if ui.button("Cancel").clicked() {
                outcome = ChooserOutcome::Cancelled;
            }
        });
        outcome
    }

    fn listing_ui(&mut self, ui: &mut egui::Ui) {
        let mut go_to: Option<PathBuf> = None;
        egui::ScrollArea::vertical()
            .max_height(280.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                if let Some(parent) = self.dir.parent()
                    && ui.selectable_label(false, "../").clicked()
                {
                    go_to = Some(parent.to_path_buf());
                }
                for entry in &self.entries {
                    let slash = if entry.is_dir { "/" } else { "" };
                    let row = ui.selectable_label(false, format!("{}{slash}", entry.name));
                    let path = self.dir.join(&entry.name);
                    if row.double_clicked() && entry.is_dir {
                        go_to = Some(path.clone());
                    }
                    if row.clicked() {
                        self.path = path.display().to_string();
                    }
                }
            });
        if let Some(dir) = go_to {
            self.path = dir.display().to_string();
            self.list(dir);
        }
    }

    /// True while the typed path is the existing file being asked about.
    fn asking_to_replace(&self) -> bool {
        self.replace.as_deref() == Some(Path::new(self.path.trim()))
    }

    fn confirm(&mut self) -> ChooserOutcome {
        let path = PathBuf::from(self.path.trim());
        if self.path.trim().is_empty() {
            self.error = Some("Type a path or pick one from the list".into());
            return ChooserOutcome::Open;
        }
        if self.purpose.writes() && path.is_file() && !self.asking_to_replace() {
            return self.ask_before_replacing(path);
        }
        if self.purpose.must_exist() && !path.exists() {
            self.error = Some(format!("{}: no such file or folder", path.display()));
            return ChooserOutcome::Open;
        }
        if self.purpose == FilePurpose::Open && path.is_dir() {
            self.list(path);
            return ChooserOutcome::Open;
        }
        ChooserOutcome::Chosen(vec![path])
    }

    /// An existing file was chosen to be written: ask first, unless another
    /// Riposte window has it open, which is refused (its next save would
    /// overwrite this one, or this one its work).
    fn ask_before_replacing(&mut self, path: PathBuf) -> ChooserOutcome {
        let owner = crate::io::lock::read_owner(&crate::io::lock::lock_path(&path));
        match owner {
            Some(owner) if owner.pid != std::process::id() && owner.is_alive() => {
                self.error = Some(format!(
                    "{} is open in another Riposte window (pid {}): choose another name",
                    path.display(),
                    owner.pid
                ));
                self.replace = None;
            }
            _ => {
                self.error = None;
                self.replace = Some(path);
            }
        }
        ChooserOutcome::Open
    }
}
