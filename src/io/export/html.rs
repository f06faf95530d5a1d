//! `html`: a self-contained, printable dossier. One file, no scripts, no
//! external resources (fonts, images, styles are all inline); every piece of
//! text from the project is HTML-escaped. Links to sources are written only
//! for `http(s)` URLs so no other scheme (e.g. `javascript:`) can appear.

use std::fmt::Write as _;

use super::common::link_url;
use super::dossier::{Dossier, PairView, SideView};

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #1d232b; --muted: #5b6673; --line: #d5dbe2; --paper: #ffffff; --mark: #fff1a8; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef1f4; color: var(--ink);
  font: 15px/1.5 "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, "Noto Sans Armenian", sans-serif, "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"; }
header { background: #1f3347; color: #fff; padding: 28px 40px 22px; }
header h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; }
header p { margin: 0; color: #c9d6e3; }
main { padding: 10px 40px 40px; max-width: 1200px; }
.story h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #1f3347; }
.pair { background: var(--paper); border: 1px solid var(--line); border-radius: 6px;
  margin: 0 0 14px; padding: 12px 16px 14px; }
.verdict { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; margin-bottom: 8px; }
.badge { font-weight: 700; font-size: 13px; letter-spacing: .02em; text-transform: uppercase;
  padding: 2px 8px; border-radius: 3px; color: #fff; background: #55606c; }
.rel-denies { background: #b3261e; } .rel-refutes { background: #8e2a8a; }
.rel-contradicts { background: #b45309; } .rel-corrects { background: #1d6fa5; }
.rel-retracts { background: #4b5563; } .rel-supports { background: #2f7d32; }
.explain, .lag, .status, .id { color: var(--muted); font-size: 13px; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.side { border-left: 4px solid var(--line); padding-left: 10px; min-width: 0; }
.side.claim { border-left-color: #94a3b8; } .side.response { border-left-color: #1f3347; }
.role { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.claim-id { text-transform: none; letter-spacing: 0; }
blockquote { margin: 4px 0 6px; white-space: pre-wrap; overflow-wrap: anywhere; color: #39424d; }
mark { background: var(--mark); color: var(--ink); padding: 0 1px; }
.who { font-weight: 600; margin: 0; }
.source { margin: 0; font-size: 13px; color: var(--muted); overflow-wrap: anywhere; }
.note { margin: 10px 0 0; padding: 6px 10px; background: #f5f7f9; border-radius: 4px;
  font-size: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
.empty { color: var(--muted); font-style: italic; }
.timeline svg { max-width: 100%; height: auto; }
@media screen and (max-width: 760px) { .sides { grid-template-columns: 1fr; } main, header { padding-left: 16px; padding-right: 16px; } }
@media print {
  @page { size: A4; margin: 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  header { background: none; color: #000; padding: 0 0 8px; border-bottom: 2px solid #000; }
  header p { color: #333; }
  main { padding: 0; max-width: none; }
  .pair, .keep { break-inside: avoid; page-break-inside: avoid; }
  .pair { border-color: #999; }
  .story h2 { break-after: avoid; page-break-after: avoid; }
  .badge { color: #000; background: none !important; border: 1px solid #000; }
  mark { background: none; font-weight: 700; text-decoration: underline; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn side_html(out: &mut String, role: &str, class: &str, side: &SideView) {
    let _ = write!(
        out,
        "<div class=\"side {class}\"><div class=\"role\">{role} <span class=\"claim-id\">{}</span></div>\n<blockquote>{}<mark>{}</mark>{}</blockquote>\n",
        escape(&side.id),
        escape(&side.before),
        escape(&side.quote),
        escape(&side.after)
    );
    let mut who = if side.speaker.is_empty() {
        "<span class=\"empty\">speaker not recorded</span>".to_string()
    } else {
        escape(&side.speaker)
    };
    if !side.via.is_empty() {
        let _ = write!(
            who,
            " <span class=\"source\">via {}</span>",
            escape(&side.via)
        );
    }
    let _ = writeln!(out, "<p class=\"who\">{who}</p>");
    let mut source: Vec<String> = Vec::new();
    if !side.outlet.is_empty() {
        source.push(escape(&side.outlet));
    }
    if !side.date.is_empty() {
        source.push(format!(
            "<time datetime=\"{}\">{}</time>",
            escape(&side.iso_date),
            escape(&side.date)
        ));
    }
    if !side.title.is_empty() {
        let title = escape(&side.title);
        source.push(match link_url(&side.url) {
            Some(url) => format!("<a href=\"{}\">{title}</a>", escape(&url)),
            None => format!("<cite>{title}</cite>"),
        });
    }
    let _ = writeln!(out, "<p class=\"source\">{}</p>", source.join(" · "));
    if !side.note.trim().is_empty() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(side.note.trim()));
    }
    out.push_str("</div>\n");
}

fn pair_html(out: &mut String, pair: &PairView) {
    out.push_str("<article class=\"pair\">\n<div class=\"verdict\">");
    let _ = write!(
        out,
        "<span class=\"badge rel-{}\">{}</span><span class=\"explain\">the response {}</span>",
        pair.relation.to_lowercase(),
        escape(pair.relation),
        escape(pair.relation_meaning)
    );
    if !pair.lag.is_empty() {
        let _ = write!(out, "<span class=\"lag\">· {}</span>", escape(&pair.lag));
    }
    let _ = writeln!(
        out,
        "<span class=\"status\">· {}</span><span class=\"id\">· {}</span></div>",
        escape(pair.status),
        escape(&pair.link)
    );
    out.push_str("<div class=\"sides\">\n");
    side_html(out, "Claim", "claim", &pair.claim);
    side_html(out, "Response", "response", &pair.response);
    out.push_str("</div>\n");
    if !pair.note.trim().is_empty() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(pair.note.trim()));
    }
    out.push_str("</article>\n");
}

pub fn render(dossier: &Dossier) -> Vec<u8> {
    let title = escape(&dossier.title);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} — Riposte dossier</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );
    let _ = writeln!(
        out,
        "<header><h1>{title}</h1><p>{} in {} {} ({})</p></header>\n<main>",
        plural(dossier.pair_count(), "pair", "pairs"),
        dossier.stories.len(),
        if dossier.stories.len() == 1 {
            "story"
        } else {
            "stories"
        },
        escape(&dossier.scope)
    );
    if dossier.stories.is_empty() {
        out.push_str("<p class=\"empty\">No pairs to show.</p>\n");
    }
    for story in &dossier.stories {
        // The heading and the first pair are kept together so a printed
        // page never ends with a lone story heading.
        let _ = writeln!(
            out,
            "<section class=\"story\">\n<div class=\"keep\">\n<h2>{}</h2>",
            escape(&story.heading)
        );
        for (index, pair) in story.pairs.iter().enumerate() {
            pair_html(&mut out, pair);
            if index == 0 {
                out.push_str("</div>\n");
            }
        }
        if story.pairs.is_empty() {
            out.push_str("</div>\n");
        }
        out.push_str("</section>\n");
    }
    if !dossier.timeline_svg.is_empty() {
        let svg = &dossier.timeline_svg;
        let _ = writeln!(
            out,
            "<section class=\"timeline\"><h2>Timeline</h2>\n{svg}</section>"
        );
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out.into_bytes()
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
