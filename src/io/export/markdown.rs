//! `md`: the dossier as Markdown (CommonMark), for wikis, issues and
//! reports. Text from the project is escaped so a quote can never turn into
//! markup: inline punctuation everywhere, and list, heading and quote
//! markers at the start of a line. Line breaks inside a quote become hard
//! breaks inside its block quote; notes keep their paragraphs (blank lines)
//! and line breaks. Links are written only for `http(s)` URLs, encoded so
//! that no character can end the link early.

use std::fmt::Write as _;

use super::common::{link_url, one_line};
use super::dossier::{Dossier, PairView, SideView};

/// Characters that are markup anywhere in a line. `(`, `)` and `!` are
/// left alone: with `[` and `<` escaped they cannot form a link or image.
const INLINE_SPECIALS: &[char] = &[
    '\\', '`', '*', '_', '{', '}', '[', ']', '<', '>', '#', '|', '~', '&',
];

/// Escapes one line of text (no line breaks) for Markdown.
pub fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if INLINE_SPECIALS.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    escape_line_start(&out)
}

/// Escapes a block marker at the start of an (already inline-escaped)
/// line: `-`, `+`, `=` (lists, setext headings) and `1.` / `1)`.
fn escape_line_start(line: &str) -> String {
    let indent = line.len() - line.trim_start().len();
    let (lead, rest) = line.split_at(indent);
    if rest.starts_with(['-', '+', '=']) {
        return format!("{lead}\\{rest}");
    }
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && rest[digits..].starts_with(['.', ')']) {
        return format!("{lead}{}\\{}", &rest[..digits], &rest[digits..]);
    }
    line.to_string()
}

/// Escapes text that may hold line breaks; blank lines are dropped so the
/// text stays one paragraph, and the lines are joined by `joiner`.
fn escape_lines(text: &str, joiner: &str) -> String {
    text.split('\n')
        .filter(|line| !line.trim().is_empty())
        .map(escape_line)
        .collect::<Vec<_>>()
        .join(joiner)
}

/// Hard line break, continuing a block quote.
const QUOTE_BREAK: &str = "\\\n> ";

fn quote_block(side: &SideView) -> String {
    let core = side.quote.trim();
    let lead = &side.quote[..side.quote.len() - side.quote.trim_start().len()];
    let trail = &side.quote[side.quote.trim_end().len()..];
    let spaced = |s: &str| if s.is_empty() { "" } else { " " };
    // A whitespace-only quote has nothing to make bold ("****" would be a
    // thematic break).
    let core = escape_lines(core, QUOTE_BREAK);
    let core = if core.is_empty() {
        core
    } else {
        format!("**{core}**")
    };
    format!(
        "> {}{}{core}{}{}\n",
        escape_lines(&side.before, QUOTE_BREAK),
        spaced(lead),
        spaced(trail),
        escape_lines(&side.after, QUOTE_BREAK),
    )
}

fn side_md(out: &mut String, role: &str, side: &SideView) {
    let mut line = format!("**{role} {}**", escape_line(&side.id));
    let speaker = if side.speaker.is_empty() {
        "*speaker not recorded*".to_string()
    } else {
        escape_line(&one_line(&side.speaker))
    };
    let _ = write!(line, " — {speaker}");
    if !side.via.is_empty() {
        let _ = write!(line, " via {}", escape_line(&one_line(&side.via)));
    }
    let mut source = Vec::new();
    for part in [&side.outlet, &side.date] {
        if !part.is_empty() {
            source.push(escape_line(&one_line(part)));
        }
    }
    if !side.title.is_empty() {
        let title = escape_line(&one_line(&side.title));
        source.push(match link_url(&side.url) {
            Some(url) => format!("[{title}](<{url}>)"),
            None => format!("*{title}*"),
        });
    }
    if !source.is_empty() {
        let _ = write!(line, " · {}", source.join(" · "));
    }
    let _ = writeln!(out, "{line}\n");
    out.push_str(&quote_block(side));
    out.push('\n');
    note_md(out, &format!("*{role} note:*"), &side.note);
}

/// A note as Markdown paragraphs: blank lines in the note separate
/// paragraphs, single line breaks become hard breaks. Lines lose their
/// indentation (four spaces would make a code block).
fn note_md(out: &mut String, label: &str, note: &str) {
    let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
    for line in note.lines() {
        let line = line.trim();
        if !line.is_empty() {
            if let Some(current) = paragraphs.last_mut() {
                current.push(line);
            }
        } else if paragraphs.last().is_some_and(|current| !current.is_empty()) {
            paragraphs.push(Vec::new());
        }
    }
    let paragraphs: Vec<String> = paragraphs
        .iter()
        .filter(|lines| !lines.is_empty())
        .map(|lines| {
            lines
                .iter()
                .map(|l| escape_line(l))
                .collect::<Vec<_>>()
                .join("\\\n")
        })
        .collect();
    if paragraphs.is_empty() {
        return;
    }
    let _ = writeln!(out, "{label} {}\n", paragraphs.join("\n\n"));
}

fn pair_md(out: &mut String, pair: &PairView) {
    let mut heading = format!("### {} — {}", pair.relation, escape_line(&pair.link));
    if !pair.lag.is_empty() {
        let _ = write!(heading, " · {}", pair.lag);
    }
    let _ = writeln!(
        out,
        "{heading} · {}\n\nThe response {} the claim: it {}.\n",
        pair.status,
        pair.relation.to_lowercase(),
        pair.relation_meaning
    );
    side_md(out, "Claim", &pair.claim);
    side_md(out, "Response", &pair.response);
    note_md(out, "*Note:*", &pair.note);
}

pub fn render(dossier: &Dossier) -> Vec<u8> {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_line(&one_line(&dossier.title)));
    let stories = dossier.stories.len();
    let _ = writeln!(
        out,
        "{} {} in {stories} {} ({}).\n",
        dossier.pair_count(),
        if dossier.pair_count() == 1 {
            "pair"
        } else {
            "pairs"
        },
        if stories == 1 { "story" } else { "stories" },
        dossier.scope
    );
    if stories == 0 {
        out.push_str("*No pairs to show.*\n");
    }
    for story in &dossier.stories {
        let _ = writeln!(out, "## {}\n", escape_line(&one_line(&story.heading)));
        for pair in &story.pairs {
            pair_md(&mut out, pair);
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(escape_line("*bold* [x](y)"), "\\*bold\\* \\[x\\](y)");
        assert_eq!(escape_line("<script>"), "\\<script\\>");
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("12. item"), "12\\. item");
        assert_eq!(escape_line("# title"), "\\# title");
        assert_eq!(escape_line("a - b. c"), "a - b. c");
    }
}
