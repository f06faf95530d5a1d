//! The project cache's own wire form: MessagePack with every record
//! written positionally (an array per record, every field always present)
//! and times as numbers, read from one slice so strings are copied once.
//!
//! Why not the model's serde derives in a positional format: they omit
//! fields (`skip_serializing_if`), and a positional reader cannot tell
//! which one is missing, so it would shift every later field. Here each
//! record is taken apart field by field with exhaustive patterns: a field
//! added to a record type is a compile error in this file, never a field
//! silently dropped from the cache. The rarely used parts of a project
//! (merge conflicts, disagreements, story names, rejected candidates) are
//! written with named fields instead, as the model's serde describes them.
//!
//! Layout: five little-endian `u64` section lengths, then the sections:
//! articles; the first half of the claims; the second half; title, next
//! ids and links; the rarely used parts. The halves let two threads decode
//! about equal shares (articles and half the claims, the rest).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};
use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

use crate::model::{
    Anchor, Article, ArticleId, ArticleMeta, Claim, ClaimId, ClaimInfo, Conflict, Disagreement,
    Link, LinkId, LinkInfo, MetaField, NextIds, Project, Published, RejectedCandidate, Relation,
    Review, Status,
};

/// How many sections a copy holds.
const SECTIONS: usize = 5;
/// Below this many bytes, a copy is decoded on one thread: starting a
/// thread would cost more than it saves.
const PARALLEL_FROM_BYTES: usize = 4 << 20;
/// Bytes before the sections: their lengths.
const LENGTHS: usize = 8 * SECTIONS;

/// A time as whole seconds and nanoseconds since the Unix epoch.
type TimeWire = (i64, u32);
/// A date as days from the common era, a time of day as seconds from
/// midnight and nanoseconds, and the UTC offset in minutes.
type PublishedWire = (i32, Option<(u32, u32)>, Option<i32>);
/// Review kind (0 low confidence, 1 orphaned), confidence, old quote, old start.
type ReviewWire = (u8, f32, String, usize);
type ArticleWire<'a> = (
    ArticleId,
    (
        String,
        String,
        Option<PublishedWire>,
        String,
        String,
        BTreeSet<MetaField>,
        String,
    ),
    TimeWire,
    String,
    &'a str,
);
type ClaimWire = (
    ClaimId,
    ArticleId,
    (usize, usize, String, String, String),
    (String, String, String, Vec<String>),
    String,
    TimeWire,
    TimeWire,
    Option<String>,
    Option<ReviewWire>,
    Option<ClaimId>,
);
type LinkWire = (
    LinkId,
    ClaimId,
    ClaimId,
    (Relation, Status, String),
    String,
    TimeWire,
    TimeWire,
    Option<String>,
);
/// Title, next ids (article, claim, link), links.
type RecordsWire = (String, (u32, u32, u32), Vec<LinkIn>);
type RareWire = (
    Vec<Conflict>,
    Vec<Disagreement>,
    BTreeMap<ClaimId, String>,
    Vec<RejectedCandidate>,
);

/// Writes `project` in the cache's wire form: the sections' lengths, then
/// the sections, never joined into one buffer (a big project's copy is
/// held once, not twice).
pub fn write(project: &Project, writer: &mut impl std::io::Write) -> std::io::Result<()> {
    let sections = encode_sections(project).map_err(std::io::Error::other)?;
    for section in &sections {
        writer.write_all(&(section.len() as u64).to_le_bytes())?;
    }
    sections
        .iter()
        .try_for_each(|section| writer.write_all(section))
}

/// The five sections of `project`'s wire form.
fn encode_sections(project: &Project) -> Result<[Vec<u8>; SECTIONS], rmp_serde::encode::Error> {
    let Project {
        title,
        next_ids,
        articles,
        claims,
        links,
        conflicts,
        disagreements,
        story_names,
        rejected_candidates,
    } = project;
    let NextIds {
        article,
        claim,
        link,
    } = next_ids;
    let (claims_front, claims_back) = claims.split_at(claims.len() / 2);
    let records = (title, (article, claim, link), Each(links, link_out));
    let rare = (conflicts, disagreements, story_names, rejected_candidates);
    Ok([
        rmp_serde::to_vec(&Each(articles, article_out))?,
        rmp_serde::to_vec(&Each(claims_front, claim_out))?,
        rmp_serde::to_vec(&Each(claims_back, claim_out))?,
        rmp_serde::to_vec(&records)?,
        rmp_serde::to_vec_named(&rare)?,
    ])
}

/// The project in `bytes` (as [`write`] wrote them), or `None` when they
/// are cut short, too long or not a project. Decodes on two threads.
pub fn decode(bytes: &[u8]) -> Option<Project> {
    let [articles, claims_front, claims_back, records, rare] = sections(bytes)?;
    if bytes.len() < PARALLEL_FROM_BYTES {
        let front = decode_front(articles, claims_front);
        let back = decode_back(claims_back, records);
        return assemble(front?, back?, rare);
    }
    // Two halves of about equal work: the articles (mostly text to copy
    // and check) with the first half of the claims on another thread, the
    // other half and the links on this one.
    let (front, back) = std::thread::scope(|scope| {
        let front = scope.spawn(|| decode_front(articles, claims_front));
        let back = decode_back(claims_back, records);
        // A panic on the other thread is a bug: pass it on as it was.
        let front = front
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (front, back)
    });
    assemble(front?, back?, rare)
}

type Front = (Vec<ArticleIn>, Vec<ClaimIn>);
type Back = (Vec<ClaimIn>, RecordsWire);

fn decode_front(articles: &[u8], claims: &[u8]) -> Option<Front> {
    let articles = rmp_serde::from_slice(articles).ok()?;
    Some((articles, rmp_serde::from_slice(claims).ok()?))
}

fn decode_back(claims: &[u8], records: &[u8]) -> Option<Back> {
    let claims = rmp_serde::from_slice(claims).ok()?;
    Some((claims, rmp_serde::from_slice(records).ok()?))
}

/// The project from its decoded sections and the rarely used parts.
fn assemble(
    (articles, claims_front): Front,
    (claims_back, records): Back,
    rare: &[u8],
) -> Option<Project> {
    let (title, (article, claim, link), links) = records;
    let (conflicts, disagreements, story_names, rejected_candidates): RareWire =
        rmp_serde::from_slice(rare).ok()?;
    let claims = claims_front.into_iter().chain(claims_back);
    Some(Project {
        title,
        next_ids: NextIds {
            article,
            claim,
            link,
        },
        // Newtypes over the records: these collect in place, no copy.
        articles: articles.into_iter().map(|a| a.0).collect(),
        claims: claims.map(|c| c.0).collect(),
        links: links.into_iter().map(|l| l.0).collect(),
        conflicts,
        disagreements,
        story_names,
        rejected_candidates,
    })
}

/// The sections of `bytes`, which must hold exactly them.
fn sections(bytes: &[u8]) -> Option<[&[u8]; SECTIONS]> {
    let lengths = bytes.get(..LENGTHS)?;
    let mut rest = &bytes[LENGTHS..];
    let mut out: [&[u8]; SECTIONS] = [&[]; SECTIONS];
    for (slot, length) in out.iter_mut().zip(lengths.chunks_exact(8)) {
        let length = usize::try_from(u64::from_le_bytes(length.try_into().ok()?)).ok()?;
        if length > rest.len() {
            return None;
        }
        (*slot, rest) = rest.split_at(length);
    }
    rest.is_empty().then_some(out)
}

/// Serialises each item of a slice through `F`.
struct Each<'a, T, F>(&'a [T], F);

impl<'a, T, F: Fn(&'a T) -> W, W: Serialize> Serialize for Each<'a, T, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(&self.1))
    }
}

fn time_out(time: &DateTime<Utc>) -> TimeWire {
    (time.timestamp(), time.timestamp_subsec_nanos())
}

fn time_in<E: serde::de::Error>((secs, nanos): TimeWire) -> Result<DateTime<Utc>, E> {
    DateTime::from_timestamp(secs, nanos).ok_or_else(|| E::custom("time out of range"))
}

fn published_out(published: &Published) -> PublishedWire {
    let Published {
        date,
        time,
        utc_offset_minutes,
    } = published;
    let time = time.map(|t| (t.num_seconds_from_midnight(), t.nanosecond()));
    (date.num_days_from_ce(), time, *utc_offset_minutes)
}

fn published_in<E: serde::de::Error>((days, time, offset): PublishedWire) -> Result<Published, E> {
    let date = NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| E::custom("bad date"))?;
    let time = match time {
        Some((secs, nanos)) => Some(
            NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos)
                .ok_or_else(|| E::custom("bad time"))?,
        ),
        None => None,
    };
    Ok(Published {
        date,
        time,
        utc_offset_minutes: offset,
    })
}

fn review_out(review: &Review) -> (u8, f32, &str, usize) {
    match review {
        Review::LowConfidence {
            confidence,
            old_quote,
        } => (0, *confidence, old_quote, 0),
        Review::Orphaned { old_start } => (1, 0.0, "", *old_start),
    }
}

fn review_in<E: serde::de::Error>(
    (kind, confidence, old_quote, old_start): ReviewWire,
) -> Result<Review, E> {
    match kind {
        0 => Ok(Review::LowConfidence {
            confidence,
            old_quote,
        }),
        1 => Ok(Review::Orphaned { old_start }),
        _ => Err(E::custom("unknown review kind")),
    }
}

fn article_out(article: &Article) -> impl Serialize + '_ {
    let Article {
        id,
        meta,
        imported_at,
        content_hash,
        text,
    } = article;
    let ArticleMeta {
        title,
        outlet,
        published,
        url,
        source_path,
        uncertain,
        original_hash,
    } = meta;
    let meta = (
        title,
        outlet,
        published.as_ref().map(published_out),
        url,
        source_path,
        uncertain,
        original_hash,
    );
    (id, meta, time_out(imported_at), content_hash, &**text)
}

struct ArticleIn(Article);

impl<'de> Deserialize<'de> for ArticleIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (id, meta, imported_at, content_hash, text): ArticleWire<'de> =
            Deserialize::deserialize(deserializer)?;
        let (title, outlet, published, url, source_path, uncertain, original_hash) = meta;
        let published = published.map(published_in).transpose()?;
        Ok(ArticleIn(Article {
            id,
            meta: ArticleMeta {
                title,
                outlet,
                published,
                url,
                source_path,
                uncertain,
                original_hash,
            },
            imported_at: time_in(imported_at)?,
            content_hash,
            text: Arc::from(text),
        }))
    }
}

fn claim_out(claim: &Arc<Claim>) -> ClaimOut<'_> {
    ClaimOut(claim)
}

struct ClaimOut<'a>(&'a Claim);

impl Serialize for ClaimOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Claim {
            id,
            article,
            anchor,
            info,
            analyst,
            created,
            modified,
            modified_by,
            review,
            repeat_of,
        } = self.0;
        let Anchor {
            start,
            end,
            quote,
            prefix,
            suffix,
        } = anchor;
        let ClaimInfo {
            speaker,
            via,
            note,
            tags,
        } = info;
        (
            id,
            article,
            (start, end, quote, prefix, suffix),
            (speaker, via, note, tags),
            analyst,
            time_out(created),
            time_out(modified),
            modified_by,
            review.as_ref().map(review_out),
            repeat_of,
        )
            .serialize(serializer)
    }
}

struct ClaimIn(Arc<Claim>);

impl<'de> Deserialize<'de> for ClaimIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire: ClaimWire = Deserialize::deserialize(deserializer)?;
        let (id, article, anchor, info, analyst, created, modified, modified_by, review, repeat_of) =
            wire;
        let (start, end, quote, prefix, suffix) = anchor;
        let (speaker, via, note, tags) = info;
        Ok(ClaimIn(Arc::new(Claim {
            id,
            article,
            anchor: Anchor {
                start,
                end,
                quote,
                prefix,
                suffix,
            },
            info: ClaimInfo {
                speaker,
                via,
                note,
                tags,
            },
            analyst,
            created: time_in(created)?,
            modified: time_in(modified)?,
            modified_by,
            review: review.map(review_in).transpose()?,
            repeat_of,
        })))
    }
}

fn link_out(link: &Arc<Link>) -> LinkOut<'_> {
    LinkOut(link)
}

struct LinkOut<'a>(&'a Link);

impl Serialize for LinkOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Link {
            id,
            claim,
            response,
            info,
            analyst,
            created,
            modified,
            modified_by,
        } = self.0;
        let LinkInfo {
            relation,
            status,
            note,
        } = info;
        (
            id,
            claim,
            response,
            (relation, status, note),
            analyst,
            time_out(created),
            time_out(modified),
            modified_by,
        )
            .serialize(serializer)
    }
}

struct LinkIn(Arc<Link>);

impl<'de> Deserialize<'de> for LinkIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire: LinkWire = Deserialize::deserialize(deserializer)?;
        let (
            id,
            claim,
            response,
            (relation, status, note),
            analyst,
            created,
            modified,
            modified_by,
        ) = wire;
        Ok(LinkIn(Arc::new(Link {
            id,
            claim,
            response,
            info: LinkInfo {
                relation,
                status,
                note,
            },
            analyst,
            created: time_in(created)?,
            modified: time_in(modified)?,
            modified_by,
        })))
    }
}
