//! `riposte timeline`: the story over time as an SVG picture.

use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Failure, load_quietly, values};
use crate::io::{self as files, export::timeline_svg};
use crate::model::{
    LaneBy, Project, Relation, Status, StatusFilter, Stories, Story, Timeline, TimelineFilter,
};

#[derive(Args, Debug)]
#[command(
    after_help = "Example:\n  riposte timeline story.ron --story c1 --lanes outlet --out story.svg"
)]
pub struct TimelineArgs {
    pub project: PathBuf,
    /// Only this story: the id of any of its claims (c3) or its name.
    #[arg(long)]
    pub story: Option<String>,
    /// One lane per speaker or per outlet.
    #[arg(long, default_value = "speaker", value_parser = parse_lanes)]
    pub lanes: LaneBy,
    /// Which links: curated, all, draft or rejected (default: drafts and
    /// curated links, not rejected ones).
    #[arg(long, value_parser = values::status_filter)]
    pub status: Option<StatusFilter>,
    /// Only links with this relation (repeat for several).
    #[arg(long = "relation", value_parser = values::relation)]
    pub relations: Vec<Relation>,
    /// Write the SVG here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn parse_lanes(text: &str) -> Result<LaneBy, String> {
    LaneBy::parse(text)
        .ok_or_else(|| format!("unknown lanes '{text}' (expected speaker or outlet)"))
}

pub(super) fn timeline_command(args: &TimelineArgs) -> Result<ExitCode, Failure> {
    let loaded = load_quietly(&args.project)?;
    let project = &loaded;
    let stories = Stories::build(project);
    let story = match &args.story {
        Some(wanted) => Some(find_story(project, &stories, wanted, &args.project)?),
        None => None,
    };
    let filter = TimelineFilter {
        story: story.map(|s| s.key),
        statuses: match args.status {
            Some(status) => Status::ALL.map(|s| status.accepts(s)),
            None => TimelineFilter::default().statuses,
        },
        relations: if args.relations.is_empty() {
            [true; 6]
        } else {
            Relation::ALL.map(|r| args.relations.contains(&r))
        },
    };
    let timeline = Timeline::build(project, &stories, &filter, args.lanes);
    let svg = timeline_svg::render(project, &timeline, &picture_title(project, story));
    match &args.out {
        Some(out) => files::project_file::write_atomically(out, svg.as_bytes())
            .map_err(|e| Failure(format!("{}: cannot write the timeline: {e}", out.display())))?,
        None => std::io::stdout().lock().write_all(svg.as_bytes())?,
    }
    eprintln!(
        "{} pairs, {} claims in {} lanes",
        timeline.arrows.len(),
        timeline.points.len(),
        timeline.lanes.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The story a user named, or an error naming the file.
pub(super) fn find_story<'a>(
    project: &Project,
    stories: &'a Stories,
    wanted: &str,
    path: &Path,
) -> Result<&'a Story, Failure> {
    stories.find(project, wanted).ok_or_else(|| {
        Failure(format!(
            "{}: no story holds claim '{wanted}' or is named so (`riposte stories` lists them)",
            path.display()
        ))
    })
}

fn picture_title(project: &Project, story: Option<&Story>) -> String {
    let project_title = match project.title.trim() {
        "" => "Untitled project",
        title => title,
    };
    match story {
        Some(story) => format!("{project_title}: {}", story.title()),
        None => format!("{project_title}: timeline"),
    }
}
