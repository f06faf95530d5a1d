//! Placing a quote given on the command line (`claim`, `respond`): tolerant
//! matching, a note when the match was not exact, and on failure the
//! closest passage and how it differs.

use std::path::Path;

use super::Failure;
use super::records::one_line;
use super::session::resolved;
use crate::model::{Anchor, ArticleId, Project, QuoteMatchError, Tolerance, match_quote};

/// The anchor of `quote` in `article`, or a message naming the file.
pub(super) fn place(
    path: &Path,
    project: &Project,
    article: ArticleId,
    quote: &str,
    occurrence: Option<usize>,
) -> Result<Anchor, Failure> {
    let article = resolved(path, article, project.resolve_article(article))?;
    let where_ = format!("{}: article {article}", path.display());
    let text = &project
        .article(article)
        .ok_or_else(|| Failure(format!("{}: no article {article}", path.display())))?
        .text;
    match match_quote(text, quote, occurrence) {
        Ok(found) => {
            if found.tolerance != Tolerance::Exact {
                eprintln!(
                    "note: {where_}: matched ignoring {}; the article has \"{}\"",
                    found.tolerance.ignored(),
                    one_line(&found.anchor.quote)
                );
            }
            Ok(found.anchor)
        }
        Err(error) => Err(Failure(format!("{where_}: {}", explain(&error)))),
    }
}

fn explain(error: &QuoteMatchError) -> String {
    match error {
        QuoteMatchError::NotFound {
            closest: Some(closest),
        } => {
            let mut lines = vec![
                error.to_string(),
                format!(
                    "  closest passage (line {}): \"{}\"",
                    closest.line, closest.passage
                ),
            ];
            lines.extend(closest.differences.iter().map(|d| format!("  {d}")));
            if closest.more > 0 {
                lines.push(format!("  and {} more differences", closest.more));
            }
            lines.join("\n")
        }
        QuoteMatchError::Ambiguous { count, tolerance } => {
            let ignoring = match tolerance {
                Tolerance::Exact => String::new(),
                other => format!(" (ignoring {})", other.ignored()),
            };
            format!(
                "the quote occurs {count} times in the article{ignoring}; choose one with --occurrence N, counted from 1 (1 to {count})"
            )
        }
        other => other.to_string(),
    }
}
