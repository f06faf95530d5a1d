//! Import must accept any bytes: decode (UTF-8 or Windows-1252) then detect
//! metadata, without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = riposte::io::import::decode(data, "fuzz.txt");
    let detected = riposte::io::import::detect(&decoded.text);
    assert!(decoded.text.contains(detected.text.as_str()) || detected.text.is_empty());
});
