use super::*;

fn reference(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn prefixes_order_like_the_texts() {
    let texts = [
        "",
        "a",
        "a\0",
        "a\0\0b",
        "ab",
        "abcdefghijklmnop",
        "abcdefghijklmnopq",
        "abcdefghijklmnoq",
        "ə",
        "ş",
        "Я",
        "😀",
        "z",
    ];
    for a in texts {
        for b in texts {
            let by_prefix = sort_prefix(a).cmp(&sort_prefix(b)).then_with(|| a.cmp(b));
            assert_eq!(by_prefix, a.cmp(b), "{a:?} vs {b:?}");
        }
    }
}

#[test]
fn flatten_gives_the_text_as_the_table_shows_it() {
    let texts = [
        "",
        " ",
        "ab",
        "ab cd",
        "ab\n\ncd",
        "ab  c",
        " ab",
        "ab ",
        "ab\u{a0}cd",
        "ə b",
        "a\tb",
        "a\r\nb",
        "Şuşa — ölkə",
        "😀 x",
        "x\u{2003}y",
        "one two three",
    ];
    for text in texts {
        let flat = flatten(text).unwrap_or_else(|| text.to_string());
        assert_eq!(flat, reference(text), "{text:?}");
    }
}
