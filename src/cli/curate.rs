//! `riposte curate A.ron B.ron [C.ron ...] -o CURATED.ron`: one project
//! from several copies. Pairs every copy made alike are accepted; the
//! others are listed with each copy's choice, to decide with
//! `riposte decide`.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Failure;
use super::agree::{load_copies, parse_overlap};
use super::decide::write_disagreements;
use crate::io as files;
use crate::model::{DEFAULT_OVERLAP, Project, curate};

#[derive(Args, Debug)]
#[command(after_help = "Example:\n  riposte curate ana.ron bob.ron cem.ron -o curated.ron")]
pub struct CurateArgs {
    /// Two or more copies of one project, annotated independently.
    #[arg(required = true, num_args = 2..)]
    pub copies: Vec<PathBuf>,
    /// The curated project to write (not one of the copies).
    #[arg(short = 'o', long = "out")]
    pub out: PathBuf,
    /// Share of characters two claims must share to match (0–1).
    #[arg(long, default_value_t = DEFAULT_OVERLAP, value_parser = parse_overlap)]
    pub overlap: f64,
}

pub(super) fn curate_command(args: &CurateArgs) -> Result<ExitCode, Failure> {
    let out = &args.out;
    if args.copies.iter().any(|copy| same_file(copy, out)) {
        return Err(Failure(format!(
            "{}: is one of the copies; write the curated project to a new file",
            out.display()
        )));
    }
    let copies = load_copies(&args.copies)?;
    let named: Vec<(String, &Project)> = copies.iter().map(|(n, p)| (n.clone(), p)).collect();
    let curated = curate(&named, args.overlap);
    files::save(out, &curated.project)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{}: {} pairs accepted, {} to decide",
        out.display(),
        curated.accepted,
        curated.project.disagreements.len()
    )?;
    write_disagreements(&mut stdout, &curated.project)?;
    Ok(ExitCode::SUCCESS)
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
