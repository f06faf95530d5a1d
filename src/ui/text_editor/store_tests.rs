use proptest::prelude::*;

use super::*;

const SAMPLE: &str = "Səfirlik bəyanat yaydı. Milli Məclis 🙂\n\
                      Посольство опровергло эту информацию.\n\n\
                      Դեսպանատունը հերքել է։\n\n\n\
                      საელჩომ განცხადება გაავრცელა. 🇦🇿\n\n\
                      The last paragraph, without a final line break.";

#[test]
fn joining_unchanged_blocks_gives_the_same_bytes_with_bom_and_crlf() {
    let crlf = SAMPLE.replace('\n', "\r\n");
    for text in [
        SAMPLE.to_string(),
        crlf.clone(),
        format!("\u{FEFF}{crlf}"),
        format!("\u{FEFF}{SAMPLE}"),
        "mixed\r\nline\nbreaks\r\n\r\nkept\rraw".to_string(),
        String::new(),
        "\u{FEFF}".to_string(),
    ] {
        for target in [16, 40, 4096] {
            let store = BlockStore::new(&text, target);
            assert_eq!(store.join(), text, "target {target}");
            assert!(!store.is_modified());
        }
    }
}

#[test]
fn crlf_is_shown_as_line_feeds_and_new_lines_are_written_as_crlf() {
    let text = format!("\u{FEFF}{}", SAMPLE.replace('\n', "\r\n"));
    let mut store = BlockStore::new(&text, 16);
    assert!(store.display_text().find('\r').is_none());
    store.edit(0, 0..0, "Note\n");
    assert_eq!(
        store.join(),
        format!("\u{FEFF}Note\r\n{}", SAMPLE.replace('\n', "\r\n"))
    );
    assert!(store.is_modified());
}

#[test]
fn backspace_at_a_block_start_deletes_one_line_break_and_joins() {
    let mut store = BlockStore::new(SAMPLE, 64);
    let before = store.len();
    let second = store.blocks()[1].text.clone();
    let (index, cursor) = store.join_with_previous(1).unwrap();
    assert_eq!((index, store.len()), (0, before - 1));
    let merged = &store.blocks()[0].text;
    assert_eq!(&merged[cursor..cursor + second.len()], second);
    // One of the blank-line run's breaks went: the paragraphs now meet.
    let mut expected = SAMPLE.to_string();
    let at = expected.find("\n\n").unwrap();
    expected.remove(at);
    assert_eq!(store.join(), expected);
    assert_eq!(store.join_with_previous(0), None);
}

#[test]
fn delete_at_a_block_end_deletes_one_line_break_and_joins() {
    let mut store = BlockStore::new(SAMPLE, 64);
    let first_len = store.blocks()[0].text.len();
    assert_eq!(store.join_with_next(0), Some((0, first_len)));
    let mut expected = SAMPLE.to_string();
    let at = expected.find("\n\n").unwrap();
    expected.remove(at);
    assert_eq!(store.join(), expected);
    let last = store.len() - 1;
    assert_eq!(store.join_with_next(last), None);
}

#[test]
fn joining_chunks_of_a_long_paragraph_deletes_the_neighbouring_character() {
    let text = "Посольство опровергло ".repeat(10);
    let mut store = BlockStore::new(&text, 40);
    assert!(store.blocks()[0].sep.is_empty());
    let first = store.blocks()[0].text.clone();
    let (_, cursor) = store.join_with_previous(1).unwrap();
    assert_eq!(cursor, first.len() - 1);
    let mut expected = text.clone();
    expected.remove(first.len() - 1);
    assert_eq!(store.join(), expected);
}

#[test]
fn counts_lines_and_paragraphs_across_blocks() {
    let store = BlockStore::new(SAMPLE, 64);
    assert_eq!(
        store.counts(),
        Counts {
            lines: SAMPLE.matches('\n').count() + 1,
            paragraphs: 4
        }
    );
    // A paragraph cut into chunks is one paragraph.
    let long = "word ".repeat(100);
    let store = BlockStore::new(&long, 40);
    assert!(store.len() > 2);
    assert_eq!(store.counts().paragraphs, 1);
}

/// One change made through the store, and the same change on a string.
#[derive(Clone, Debug)]
enum Step {
    /// Replace chars `from..from+len` of a block (positions taken modulo
    /// the block's length) with `insert`.
    Edit {
        block: usize,
        from: usize,
        len: usize,
        insert: String,
    },
    Backspace(usize),
    Delete(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let insert = prop::sample::select(vec!["", "a", "ə", "\n", "\n\n", "🙂", "ж ", "\r\n"]);
    prop_oneof![
        (0..64usize, 0..400usize, 0..6usize, insert).prop_map(|(block, from, len, insert)| {
            Step::Edit {
                block,
                from,
                len,
                insert: insert.to_string(),
            }
        }),
        (0..64usize).prop_map(Step::Backspace),
        (0..64usize).prop_map(Step::Delete),
    ]
}

/// Display-space byte offset where block `index`'s text starts.
fn start_of(store: &BlockStore, index: usize) -> usize {
    store.blocks()[..index].iter().map(Block::len).sum()
}

fn char_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// Applies `step` to the store and the same string edit to `expected`.
fn apply(store: &mut BlockStore, expected: &mut String, step: &Step) {
    let index = match step {
        Step::Edit { block, .. } | Step::Backspace(block) | Step::Delete(block) => {
            block % store.len()
        }
    };
    let start = start_of(store, index);
    match step {
        Step::Edit {
            from, len, insert, ..
        } => {
            let text = &store.blocks()[index].text;
            let chars = text.chars().count() + 1;
            let a = char_offset(text, from % chars);
            let b = char_offset(text, from % chars + len);
            expected.replace_range(start + a..start + b, insert);
            store.edit(index, a..b, insert);
        }
        Step::Backspace(_) => {
            if store.join_with_previous(index).is_some() {
                let before = expected[..start]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8);
                expected.replace_range(start - before..start, "");
            }
        }
        Step::Delete(_) => {
            let end = start + store.blocks()[index].text.len();
            if store.join_with_next(index).is_some() {
                let after = expected[end..].chars().next().map_or(0, char::len_utf8);
                expected.replace_range(end..end + after, "");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The blocks always join to the string the same edits give.
    #[test]
    fn blocks_join_to_the_string_edited_the_same_way(
        steps in prop::collection::vec(step(), 0..40),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        target in 16..80usize,
    ) {
        let base = if crlf { SAMPLE.replace('\n', "\r\n") } else { SAMPLE.to_string() };
        let text = if bom { format!("\u{FEFF}{base}") } else { base };
        let mut store = BlockStore::new(&text, target);
        prop_assert_eq!(store.join(), text.clone());
        let mut expected = store.display_text();
        for step in &steps {
            apply(&mut store, &mut expected, step);
            prop_assert_eq!(store.display_text(), expected.clone());
        }
        let mut article = if crlf { expected.replace('\n', "\r\n") } else { expected.clone() };
        if bom {
            article.insert(0, '\u{FEFF}');
        }
        prop_assert_eq!(store.join(), article);
    }
}
