//! `riposte completions`: a shell completion script, from clap's generator.

use clap::CommandFactory;
use clap_complete::Shell;
use std::process::ExitCode;

use super::{Cli, Failure};

pub(super) const EXAMPLE: &str = "Examples:\n  riposte completions bash > ~/.local/share/bash-completion/completions/riposte\n  riposte completions zsh > ~/.zfunc/_riposte\n  riposte completions fish > ~/.config/fish/completions/riposte.fish";

pub(super) fn completions_command(shell: Shell) -> Result<ExitCode, Failure> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "riposte", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}
