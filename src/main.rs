//! The `riposte` binary: a headless command, or the window.

use clap::Parser;
use std::process::ExitCode;

use riposte::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => riposte::ui::run(args.project),
    }
}
