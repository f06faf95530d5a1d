//! Re-anchoring any claims from any text to any other text yields spans
//! inside the new text on char boundaries, or orphans; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use riposte::model::{Anchor, ArticleId, Claim, ClaimId, ClaimInfo, Outcome, reanchor};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // "old text \u{0} new text \u{0} span offsets..."
    let mut parts = text.splitn(3, '\0');
    let (Some(old), Some(new)) = (parts.next(), parts.next()) else {
        return;
    };
    let offsets: Vec<usize> = parts
        .next()
        .unwrap_or("")
        .bytes()
        .map(|b| usize::from(b) * old.len().max(1) / 256)
        .collect();
    let at = chrono::DateTime::from_timestamp(0, 0).unwrap_or_default();
    let claims: Vec<Claim> = offsets
        .chunks(2)
        .enumerate()
        .filter_map(|(i, pair)| {
            let (a, b) = (*pair.first()?, *pair.get(1)?);
            let start = riposte::model::floor_char_boundary(old, a.min(b));
            let end = riposte::model::floor_char_boundary(old, a.max(b));
            let anchor = Anchor::from_range(old, start, end).ok()?;
            Some(Claim {
                id: ClaimId(i as u32 + 1),
                article: ArticleId(1),
                anchor,
                info: ClaimInfo::default(),
                analyst: String::new(),
                created: at,
                modified: at,
                modified_by: None,
                review: None,
            })
        })
        .collect();
    for result in reanchor(old, new, &claims) {
        let claim = &result.claim;
        assert!(claim.verify_in(new).is_ok(), "{:?}", result);
        if result.outcome != Outcome::Orphaned {
            assert!(claim.anchor.verify(new).is_ok());
        }
        let c = result.outcome.confidence();
        assert!((0.0..=1.0).contains(&c), "confidence {c}");
    }
});
