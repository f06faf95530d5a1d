//! `riposte stories`: the project's stories with their response times, the
//! response times per speaker, and naming a story.

use chrono::NaiveDate;
use clap::Args;
use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::records::ListFormat;
use super::session::{Change, Echo, Session};
use super::timeline::find_story;
use super::{Failure, load_quietly};
use crate::model::{
    Edit, Overdue, Project, ResponseTimes, SpeakerTimes, Stories, Story, by_speaker,
};

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  riposte stories story.ron --speakers --unanswered-after 30\n  riposte stories story.ron --story c1 --name \"The OSCE report\""
)]
pub struct StoriesArgs {
    pub project: PathBuf,
    /// text: one tab-separated line per story (or speaker) after a header;
    /// jsonl: one JSON object a line with every field.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// Response times per speaker instead of per story.
    #[arg(long)]
    pub speakers: bool,
    /// With --speakers: a claim nobody answered counts as overdue after
    /// this many days.
    #[arg(long, default_value_t = 7)]
    pub unanswered_after: i64,
    /// With --speakers: the day to count from (YYYY-MM-DD; default today).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// The story to name: the id of any of its claims (c3) or its name.
    #[arg(long, requires = "name")]
    pub story: Option<String>,
    /// With --story: the new name ("" removes it).
    #[arg(long, requires = "story")]
    pub name: Option<String>,
    #[command(flatten)]
    pub change: Change,
}

pub(super) fn stories_command(args: &StoriesArgs) -> Result<ExitCode, Failure> {
    if let (Some(story), Some(name)) = (&args.story, &args.name) {
        return name_command(args, story, name);
    }
    let loaded = load_quietly(&args.project)?;
    let project = &loaded;
    let mut out = std::io::stdout().lock();
    if args.speakers {
        let overdue = Overdue {
            as_of: args
                .as_of
                .unwrap_or_else(|| crate::clock::now().date_naive()),
            after_days: args.unanswered_after,
        };
        let speakers = by_speaker(project, overdue);
        match args.format {
            ListFormat::Text => write_speakers(&mut out, &speakers, overdue)?,
            ListFormat::Jsonl => {
                for speaker in &speakers {
                    writeln!(out, "{}", speaker_json(speaker, overdue))?;
                }
            }
        }
    } else {
        let stories = Stories::build(project);
        match args.format {
            ListFormat::Text => write_stories(&mut out, project, &stories)?,
            ListFormat::Jsonl => {
                for story in stories.iter() {
                    writeln!(out, "{}", story_json(project, story))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn name_command(args: &StoriesArgs, wanted: &str, name: &str) -> Result<ExitCode, Failure> {
    let mut session = Session::open(&args.project, args.change)?;
    let stories = Stories::build(&session.project);
    let story = find_story(&session.project, &stories, wanted, &args.project)?;
    let (key, title) = (story.name_key(), story.title());
    let edit = Edit::NameStory {
        claim: key,
        name: name.to_string(),
    };
    if !session.commit(edit, Echo::Quiet)? {
        return Ok(ExitCode::SUCCESS);
    }
    let shown = match name.trim() {
        "" => format!("{title}: name removed"),
        name => format!("{title} → {name}"),
    };
    writeln!(std::io::stdout().lock(), "{shown}")?;
    Ok(ExitCode::SUCCESS)
}

fn dash_if_empty(text: String) -> String {
    if text.is_empty() {
        "-".to_string()
    } else {
        text
    }
}

fn days(value: Option<(i64, crate::model::LinkId)>) -> String {
    value.map_or_else(|| "-".to_string(), |(d, link)| format!("{d} ({link})"))
}

fn median(times: &ResponseTimes) -> String {
    times
        .median_days
        .map_or_else(|| "-".to_string(), |m| format!("{m}"))
}

fn write_stories(
    out: &mut impl Write,
    project: &Project,
    stories: &Stories,
) -> std::io::Result<()> {
    writeln!(
        out,
        "story\tname\tfrom\tto\tpairs\tcurated\tmedian_days\tfastest_days\tslowest_days\tspeakers\toutlets\tfirst_claim"
    )?;
    for story in stories.iter() {
        let times = ResponseTimes::of_story(project, story);
        let (from, to) = story.span.map_or_else(
            || ("-".to_string(), "-".to_string()),
            |(a, b)| (a.to_string(), b.to_string()),
        );
        writeln!(
            out,
            "{}\t{}\t{from}\t{to}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            story.key,
            story.name().unwrap_or("-"),
            story.pairs,
            story.curated,
            median(&times),
            days(times.fastest),
            days(times.slowest),
            dash_if_empty(story.speakers.join("; ")),
            dash_if_empty(story.outlets.join("; ")),
            first_claim(project, story),
        )?;
    }
    Ok(())
}

/// "c1 “quote…”" on one line.
fn first_claim(project: &Project, story: &Story) -> String {
    let quote = project
        .claim(story.first_claim)
        .map(|c| {
            c.anchor
                .quote
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    format!("{} “{quote}”", story.first_claim)
}

fn write_speakers(
    out: &mut impl Write,
    speakers: &[SpeakerTimes],
    overdue: Overdue,
) -> std::io::Result<()> {
    writeln!(
        out,
        "speaker\tresponses\tmedian_days\tfastest_days\tslowest_days\tunanswered_after_{}_days\tunanswered_undated\tunanswered_claims",
        overdue.after_days
    )?;
    for speaker in speakers {
        let times = &speaker.responses;
        let claims: Vec<String> = speaker.unanswered.iter().map(ToString::to_string).collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            dash_if_empty(speaker.speaker.clone()),
            times.dated + times.undated,
            median(times),
            days(times.fastest),
            days(times.slowest),
            speaker.unanswered.len(),
            speaker.unanswered_undated,
            dash_if_empty(claims.join(" ")),
        )?;
    }
    Ok(())
}

fn times_json(times: &ResponseTimes) -> Value {
    let days = |v: Option<(i64, crate::model::LinkId)>| {
        v.map_or(
            Value::Null,
            |(d, link)| json!({"days": d, "link": link.to_string()}),
        )
    };
    json!({
        "dated": times.dated,
        "undated": times.undated,
        "median_days": times.median_days,
        "fastest": days(times.fastest),
        "slowest": days(times.slowest),
    })
}

fn story_json(project: &Project, story: &Story) -> Value {
    let ids = |items: &[crate::model::ClaimId]| -> Vec<String> {
        items.iter().map(ToString::to_string).collect()
    };
    json!({
        "story": story.key.to_string(),
        "name": story.name(),
        "other_names": story.names.iter().skip(1).map(|(_, n)| n.as_str()).collect::<Vec<_>>(),
        "first_claim": story.first_claim.to_string(),
        "from": story.span.map(|(a, _)| a.to_string()),
        "to": story.span.map(|(_, b)| b.to_string()),
        "undated_claims": story.undated_claims,
        "pairs": story.pairs,
        "curated": story.curated,
        "speakers": story.speakers,
        "outlets": story.outlets,
        "claims": ids(&story.claims),
        "links": story.links.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "response_times": times_json(&ResponseTimes::of_story(project, story)),
    })
}

fn speaker_json(speaker: &SpeakerTimes, overdue: Overdue) -> Value {
    json!({
        "speaker": speaker.speaker,
        "responses": times_json(&speaker.responses),
        "as_of": overdue.as_of.to_string(),
        "unanswered_after_days": overdue.after_days,
        "unanswered": speaker.unanswered.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "unanswered_undated": speaker.unanswered_undated,
    })
}
