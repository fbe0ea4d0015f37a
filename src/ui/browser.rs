//! Choosing a file or a folder inside the game: a training-room PC or a display without a desktop
//! portal (Xvfb) has no system dialog to offer, so the game draws its own.

use super::theme::{DANGER, MUTED};
use egui::{RichText, ScrollArea, TextEdit, Ui};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq)]
pub enum BrowseMode {
    /// A file whose name ends with one of these (`.examen.json`, `.json`).
    File {
        endings: Vec<String>,
    },
    Folder,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Browser {
    pub title: String,
    pub mode: BrowseMode,
    dir: PathBuf,
    typed: String,
    /// The folder's sub-folders and matching files, read when the folder changes.
    listing: Vec<(String, bool)>,
    error: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BrowserAction {
    Chosen(PathBuf),
    Cancel,
}

impl Browser {
    pub fn new(title: &str, mode: BrowseMode, start: &Path) -> Browser {
        let mut b = Browser {
            title: title.to_string(),
            mode,
            dir: PathBuf::new(),
            typed: String::new(),
            listing: Vec::new(),
            error: None,
        };
        b.enter(start);
        b
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn enter(&mut self, dir: &Path) {
        let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                let mut listing: Vec<(String, bool)> = entries
                    .flatten()
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        let is_dir = e.path().is_dir();
                        let shown = !name.starts_with('.') && (is_dir || self.accepts(&name));
                        shown.then_some((name, is_dir))
                    })
                    .collect();
                // Folders first, then files, each alphabetically.
                listing.sort_by_key(|(name, is_dir)| (!*is_dir, name.to_lowercase()));
                self.listing = listing;
                self.typed = dir.display().to_string();
                self.dir = dir;
                self.error = None;
            }
            Err(e) => self.error = Some(format!("Dossier illisible : {} ({e})", dir.display())),
        }
    }

    fn accepts(&self, name: &str) -> bool {
        match &self.mode {
            BrowseMode::File { endings } => {
                let lower = name.to_lowercase();
                endings.iter().any(|e| lower.ends_with(e.as_str()))
            }
            BrowseMode::Folder => false,
        }
    }
}

pub fn browser(ui: &mut Ui, b: &mut Browser) -> Option<BrowserAction> {
    let mut action = None;
    ui.label(RichText::new(&b.title).strong().size(18.0));
    ui.horizontal(|ui| {
        let label = ui.label("Dossier :");
        let field = ui
            .add(
                TextEdit::singleline(&mut b.typed)
                    .id_salt("browser-path")
                    .desired_width(420.0),
            )
            .labelled_by(label.id);
        let typed_enter = super::field_keys(ui, &field).entered;
        if ui.button("Aller").clicked() || typed_enter {
            let typed = PathBuf::from(b.typed.trim());
            if typed.is_file() && b.accepts(&typed.to_string_lossy()) {
                action = Some(BrowserAction::Chosen(typed));
            } else {
                b.enter(&typed);
            }
        }
    });
    ui.horizontal(|ui| {
        if ui.button("⬆ Dossier parent").clicked()
            && let Some(parent) = b.dir.parent().map(Path::to_path_buf)
        {
            b.enter(&parent);
        }
        if let Some(home) = directories::UserDirs::new().map(|d| d.home_dir().to_path_buf())
            && ui.button("Dossier personnel").clicked()
        {
            b.enter(&home);
        }
    });
    if let Some(e) = &b.error {
        ui.label(RichText::new(e).color(DANGER));
    }
    let mut go_into = None;
    ScrollArea::vertical()
        .id_salt("browser-list")
        .max_height(280.0)
        .show(ui, |ui| {
            if b.listing.is_empty() {
                ui.label(RichText::new("(rien à choisir dans ce dossier)").color(MUTED));
            }
            for (name, is_dir) in &b.listing {
                let label = if *is_dir {
                    format!("📁 {name}")
                } else {
                    format!("📄 {name}")
                };
                if ui.selectable_label(false, label).clicked() {
                    let path = b.dir.join(name);
                    if *is_dir {
                        go_into = Some(path);
                    } else {
                        action = Some(BrowserAction::Chosen(path));
                    }
                }
            }
        });
    if let Some(dir) = go_into {
        b.enter(&dir);
    }
    ui.horizontal(|ui| {
        if b.mode == BrowseMode::Folder && ui.button("Choisir ce dossier").clicked() {
            action = Some(BrowserAction::Chosen(b.dir.clone()));
        }
        if ui.button("Annuler").clicked() {
            action = Some(BrowserAction::Cancel);
        }
    });
    action
}
