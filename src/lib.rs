//! Riposte: track claims and the rebuttals they draw across news articles.
//!
//! - [`model`]: the project as data and its rules (no egui, no files);
//! - [`io`]: project files, import and export (no egui);
//! - [`cli`]: headless commands over the two;
//! - [`ui`]: the eframe desktop app.

#[doc(hidden)]
pub mod bench_support;
pub mod cli;
pub mod clock;
pub mod io;
pub mod model;
pub mod ui;
