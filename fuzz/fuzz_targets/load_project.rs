//! The project loader must never panic, hang or allocate without bound,
//! whatever the file holds. Valid loads must survive a save/load round trip.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(loaded) = riposte::io::load_str(text, "fuzz.ron") {
        // Whatever loaded must save and load again to the same project.
        if let Ok(saved) = riposte::io::to_ron_string(&loaded.project) {
            match riposte::io::load_str(&saved, "fuzz-resaved.ron") {
                Ok(again) => assert_eq!(again.project, loaded.project),
                Err(error) => panic!("a loaded project did not load after saving: {error}"),
            }
        }
    }
});
