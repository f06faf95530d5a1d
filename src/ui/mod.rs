//! The eframe desktop app. `app` owns the state and applies every change;
//! each panel has its own file and only pushes [`Action`]s (`action`).

pub mod about;
pub mod action;
mod agreement;
pub mod app;
mod articles;
mod candidates;
pub mod commands;
mod decisions;
mod dialogs;
pub mod document;
mod export;
mod fonts;
mod help;
mod imported;
mod inspector;
pub mod jobs;
mod menus;
mod pairs;
mod palette;
mod reader;
pub mod reading_view;
mod repeats;
pub mod safety;
mod search;
mod story;
pub mod suggest_work;
pub mod text_editor;
pub mod theme;
mod tour;
mod widgets;

pub use action::Action;
pub use app::{App, Startup, run};
