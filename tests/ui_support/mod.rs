//! The one place that builds the real window for UI tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

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
