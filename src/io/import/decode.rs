//! Bytes to text: UTF-8 with or without BOM, else Windows-1252 with a
//! warning; CRLF and CR become LF. The result is the coordinate system of
//! every claim in the article.

/// Text decoded from a file, with what was done to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Decodes file bytes: strips a UTF-8 BOM, falls back to Windows-1252 for
/// invalid UTF-8 (warning where the first bad byte is), and turns CRLF and
/// CR into LF.
pub fn decode(bytes: &[u8], name: &str) -> Decoded {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(error) => {
            let at = error.valid_up_to();
            warnings.push(format!(
                "{name}: not valid UTF-8 (first bad byte at offset {at}); decoded as Windows-1252"
            ));
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            text.into_owned()
        }
    };
    Decoded {
        text: normalise_newlines(&text),
        warnings,
    }
}

/// CRLF and lone CR become LF.
pub fn normalise_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}
