//! The `riposte` binary: a headless command, or the window.

use std::process::ExitCode;

use riposte::cli::{self, Invocation};

fn main() -> ExitCode {
    match cli::parse() {
        Invocation::Command(command) => cli::run(command),
        Invocation::Window(project) => riposte::ui::run(project),
        Invocation::Exit(code) => code,
    }
}
