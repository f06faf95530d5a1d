//! Text helpers shared by anchors, import and export. Offsets are byte
//! offsets into normalised UTF-8 text; conversions to code points or UTF-16
//! units happen only at the edges (the window, exports).

/// The largest char boundary `<= index` (clamped to the text length).
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    let mut i = index;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte offset of the `char_index`-th code point (clamped to the end).
pub fn char_to_byte_index(text: &str, char_index: usize) -> usize {
    text.char_indices()
        .nth(char_index)
        .map_or(text.len(), |(byte, _)| byte)
}

/// Number of code points before `byte_index` (which must be a char boundary;
/// otherwise the count of the chars wholly before it).
pub fn byte_to_char_index(text: &str, byte_index: usize) -> usize {
    let end = floor_char_boundary(text, byte_index);
    text[..end].chars().count()
}

/// Length of `text` in UTF-16 code units (what JavaScript-based tools count).
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Every byte offset where `needle` starts in `haystack`, overlapping matches
/// included. An empty needle matches nowhere.
pub fn find_occurrences(haystack: &str, needle: &str) -> Vec<usize> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let mut from = 0;
    while let Some(pos) = haystack[from..].find(needle) {
        let start = from + pos;
        found.push(start);
        // Step one char past the match start so overlapping matches count.
        let step = haystack[start..].chars().next().map_or(1, char::len_utf8);
        from = start + step;
        if from > haystack.len() {
            break;
        }
    }
    found
}

/// A stable 64-bit FNV-1a hash of the text, as 16 hex digits. Used to spot
/// the same article imported twice; equal hashes are confirmed by comparing
/// the texts, so collisions cannot merge different articles.
pub fn content_hash(text: &str) -> String {
    content_hash_bytes(text.as_bytes())
}

/// [`content_hash`] of any bytes (a file as it was read, before decoding).
pub fn content_hash_bytes(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_respect_multibyte_chars() {
        let text = "ə😀Ա";
        assert_eq!(char_to_byte_index(text, 0), 0);
        assert_eq!(char_to_byte_index(text, 1), 2);
        assert_eq!(char_to_byte_index(text, 2), 6);
        assert_eq!(char_to_byte_index(text, 3), 8);
        assert_eq!(char_to_byte_index(text, 9), 8);
        assert_eq!(byte_to_char_index(text, 6), 2);
        assert_eq!(byte_to_char_index(text, 3), 1);
        assert_eq!(utf16_len(text), 4);
        assert_eq!(floor_char_boundary(text, 4), 2);
    }

    #[test]
    fn occurrences_overlap_and_ignore_empty_needles() {
        assert_eq!(find_occurrences("aaa", "aa"), vec![0, 1]);
        assert_eq!(find_occurrences("şəşə", "şə"), vec![0, 4]);
        assert!(find_occurrences("abc", "").is_empty());
        assert!(find_occurrences("abc", "d").is_empty());
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(content_hash(""), "cbf29ce484222325");
        assert_ne!(content_hash("a"), content_hash("b"));
    }
}
