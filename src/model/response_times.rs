//! How fast claims are answered: per story and per speaker, the median
//! days from a claim's article to its response's article, the fastest and
//! the slowest response, and the claims still unanswered after N days.
//!
//! Days are the calendar days between the two articles' dates as published
//! (the pairs table's "days"), so every view agrees. Only joining links
//! count ([`super::joins`]: rejected links are not responses). A response
//! belongs to the speaker who gives it: "EU Mission answers in 2 days".

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use super::ids::{ClaimId, LinkId};
use super::project::{Link, Project};
use super::stories::{Story, claim_published, joins};

/// Response times over a set of links.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResponseTimes {
    /// Responses whose two articles are both dated.
    pub dated: usize,
    /// Responses with an undated article on either side (no days).
    pub undated: usize,
    /// The median of the days, over the dated responses.
    pub median_days: Option<f64>,
    /// The response with the fewest days (earliest link id on ties).
    pub fastest: Option<(i64, LinkId)>,
    /// The response with the most days (earliest link id on ties).
    pub slowest: Option<(i64, LinkId)>,
}

impl ResponseTimes {
    /// The times of `links` (every one is counted; filter before).
    pub fn of_links<'a>(project: &Project, links: impl IntoIterator<Item = &'a Link>) -> Self {
        let mut days: Vec<(i64, LinkId)> = Vec::new();
        let mut undated = 0;
        for link in links {
            match link_days(project, link) {
                Some(d) => days.push((d, link.id)),
                None => undated += 1,
            }
        }
        days.sort_unstable();
        let fastest = days.first().copied();
        // The slowest: most days, and of those the earliest link.
        let most = days.last().map(|&(d, _)| d);
        let slowest = days.iter().find(|&&(d, _)| Some(d) == most).copied();
        ResponseTimes {
            dated: days.len(),
            undated,
            median_days: median(&days),
            fastest,
            slowest,
        }
    }

    /// The times of one story's links.
    pub fn of_story(project: &Project, story: &Story) -> Self {
        Self::of_links(
            project,
            story.links.iter().filter_map(|&id| project.link(id)),
        )
    }
}

/// Calendar days from the claim's article to the response's article.
pub fn link_days(project: &Project, link: &Link) -> Option<i64> {
    let claim = claim_published(project, project.claim(link.claim)?)?;
    let response = claim_published(project, project.claim(link.response)?)?;
    Some((response.date - claim.date).num_days())
}

fn median(sorted: &[(i64, LinkId)]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    #[allow(clippy::cast_precision_loss)] // day counts are far below 2^52
    let middle = |i: usize| sorted[i].0 as f64;
    Some(if n % 2 == 1 {
        middle(n / 2)
    } else {
        (middle(n / 2 - 1) + middle(n / 2)) / 2.0
    })
}

/// One speaker's record: how fast they answer, and which of their claims
/// nobody has answered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpeakerTimes {
    /// The speaker as recorded ("" when not recorded).
    pub speaker: String,
    /// The responses this speaker gave.
    pub responses: ResponseTimes,
    /// This speaker's claims that no joining link answers and that answer
    /// nothing themselves, dated more than `after_days` before `as_of`.
    pub unanswered: Vec<ClaimId>,
    /// Unanswered claims of this speaker whose article has no date (they
    /// cannot be said to be overdue).
    pub unanswered_undated: usize,
}

/// Which claims count as overdue: unanswered more than `after_days` days
/// before `as_of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overdue {
    pub as_of: NaiveDate,
    pub after_days: i64,
}

/// Response times per speaker, in speaker order ("" first). Speakers with
/// neither a response nor an unanswered claim are left out.
pub fn by_speaker(project: &Project, overdue: Overdue) -> Vec<SpeakerTimes> {
    let mut responses: BTreeMap<&str, Vec<&Link>> = BTreeMap::new();
    let mut linked: HashSet<ClaimId> = HashSet::new();
    for link in project.links.iter().filter(|l| joins(l)) {
        linked.insert(link.claim);
        linked.insert(link.response);
        if let Some(response) = project.claim(link.response) {
            responses
                .entry(response.info.speaker.trim())
                .or_default()
                .push(link);
        }
    }
    let mut speakers: BTreeMap<&str, SpeakerTimes> = BTreeMap::new();
    for (speaker, links) in responses {
        speakers.entry(speaker).or_default().responses = ResponseTimes::of_links(project, links);
    }
    for claim in project.claims.iter().filter(|c| !linked.contains(&c.id)) {
        let entry = speakers.entry(claim.info.speaker.trim()).or_default();
        match claim_published(project, claim) {
            None => entry.unanswered_undated += 1,
            Some(p) if (overdue.as_of - p.date).num_days() > overdue.after_days => {
                entry.unanswered.push(claim.id);
            }
            Some(_) => {}
        }
    }
    speakers
        .into_iter()
        .filter(|(_, times)| {
            times.responses.dated + times.responses.undated > 0
                || !times.unanswered.is_empty()
                || times.unanswered_undated > 0
        })
        .map(|(speaker, times)| SpeakerTimes {
            speaker: speaker.to_string(),
            ..times
        })
        .collect()
}
