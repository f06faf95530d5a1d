//! The one place that builds the real window for UI tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::time::Duration;

use egui_kittest::Harness;
use riposte::ui::{App, Startup};

/// The app as its constructor builds it, in a 1440×900 window, with any
/// start-up load finished.
pub fn window(startup: Startup) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(move |cc| App::new(cc, startup));
    settle(&mut harness);
    harness
}

/// eframe storage held in memory: what the native window keeps in its
/// preferences file, so a test can restart the window with it.
#[derive(Clone, Debug, Default)]
pub struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// Like [`window`], with `storage` as the preferences kept by an earlier
/// run (the window only reads it at start).
pub fn window_with_storage(startup: Startup, storage: MemoryStorage) -> Harness<'static, App> {
    // The harness lives for the whole test; the storage with it.
    let storage: &'static MemoryStorage = Box::leak(Box::new(storage));
    let mut harness = Harness::builder()
        .with_size([1440.0, 900.0])
        .build_eframe(move |cc| {
            cc.storage = Some(storage);
            App::new(cc, startup)
        });
    settle(&mut harness);
    harness
}

/// What the window keeps in its preferences when it closes.
pub fn saved_storage(harness: &mut Harness<'_, App>) -> MemoryStorage {
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    storage
}

/// Steps until background loads and saves are done, then two more frames:
/// what a finished job brings (a prompt, a notice) is handled after the
/// frame that collected it is drawn, and a new window needs its first frame
/// to be sized before it shows.
pub fn settle(harness: &mut Harness<'_, App>) {
    for _ in 0..1000 {
        harness.step();
        if !harness.state().is_busy() {
            harness.step();
            harness.step();
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("a background job did not finish");
}
