//! Key to frame must not grow with the state file. Each check times the
//! same keys (update plus a full render) against a small and a large
//! state (thousands vs. a hundred thousand bookmarks): the large one may
//! cost a little more (allocation, cache misses), not fifty times more.
//! A ratio, not a budget in milliseconds, so a loaded machine cannot make
//! it pass or fail.

use std::path::Path;
use std::time::{Duration, Instant};

use bulletin::app::{Action, App, effect::update_inline};
use bulletin::store::Store;
use serde_json::{Value, json};

use crate::common::{render, sample_app};

/// Writes a state with `n` bookmarks (and as many positions and
/// tombstones) for the sample archive into `dir`.
fn big_state(dir: &Path, title: &str, n: usize) {
    let mark = |i: usize| {
        json!({
            "id": format!("1714552212345-{i}-0"),
            "anchor": {"article": format!("art-{i}"), "unit": 7, "offset": 0, "fingerprint": "街道成立工作专班"},
            "note": "专班的做法",
            "snippet": "街道成立工作专班，逐楼逐户走访",
            "article_title": "西流湖街道：全力推进城市更新",
            "subdistrict": "西流湖街道",
            "created": format!("2024-01-01T00:00:{:02}.{:03}Z", i / 1000 % 60, i % 1000),
        })
    };
    let positions: serde_json::Map<String, Value> = (0..n)
        .map(|i| {
            let p = json!({"anchor": {"article": format!("art-{i}"), "unit": 0, "offset": 0, "fingerprint": ""},
                "status": "read", "updated": "2024-01-01T00:00:00.000Z"});
            (format!("art-{i}"), p)
        })
        .collect();
    let state = json!({"version": 1, "archives": {title: {
        "title": title,
        "positions": positions,
        "bookmarks": (0..n).map(mark).collect::<Vec<_>>(),
    }}});
    std::fs::write(dir.join("state.json"), serde_json::to_vec(&state).unwrap()).unwrap();
}

fn app_with(n: usize) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = sample_app(Default::default(), 100, 40);
    big_state(dir.path(), &app.archive.title, n);
    let (store, _) = Store::open(dir.path()).unwrap();
    (app.with_store(store), dir)
}

/// Median time of `action` followed by a render, over `rounds`.
fn median_frame(app: &mut App, action: &Action, rounds: usize) -> Duration {
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            update_inline(app, action.clone());
            let _ = render(app);
            start.elapsed()
        })
        .collect();
    times.sort();
    times[rounds / 2]
}

#[track_caller]
fn assert_flat(what: &str, small: Duration, large: Duration) {
    // Large may be a few times slower (memory), never proportional.
    let limit = small * 5 + Duration::from_millis(5);
    assert!(
        large <= limit,
        "{what}: {large:?} per key with 100k bookmarks vs {small:?} with 2k"
    );
}

#[test]
fn moving_in_the_bookmark_list_does_not_grow_with_the_state() {
    let mut times = Vec::new();
    for n in [2_000, 100_000] {
        let (mut app, _dir) = app_with(n);
        update_inline(&mut app, Action::Bookmarks);
        times.push(median_frame(&mut app, &Action::Down, 15));
    }
    assert_flat("down in the bookmark list", times[0], times[1]);
}

#[test]
fn scrolling_an_article_does_not_grow_with_the_state() {
    let mut times = Vec::new();
    for n in [2_000, 100_000] {
        let (mut app, _dir) = app_with(n);
        update_inline(&mut app, Action::Open);
        update_inline(&mut app, Action::Open);
        times.push(median_frame(&mut app, &Action::Down, 15));
    }
    assert_flat("down in an article", times[0], times[1]);
}
