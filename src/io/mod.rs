//! Files: the project file, article import and exports. No egui here.

pub mod cache;
mod cache_wire;
pub mod compare;
pub mod demo;
pub mod export;
pub mod format;
pub mod import;
pub mod lock;
pub mod migrate;
pub mod project_file;
pub mod recovery;
pub mod watch;

pub use project_file::{LoadError, Loaded, SaveError, load, load_str, save, to_ron_string};
