//! Key to frame must not grow with the state file. Each check times the
//! same keys (update plus a full render) against a small and a large
//! state (a thousand vs. twenty-five thousand bookmarks): the large one may
//! cost a little more (allocation, cache misses), not 25 times more.
//! A ratio, not a budget in milliseconds, so a loaded machine cannot make
//! it pass or fail.

use std::fmt::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use bulletin::app::{Action, App, effect::update_inline};
use bulletin::store::Store;
use serde_json::Value;

use crate::common::{buffer_text, render, sample_app};

/// Writes a state with `n` bookmarks (and as many positions) for the
/// archive `title` into `dir`. Written as text: building a hundred
/// thousand `serde_json::Value`s took seconds in an unoptimised test build.
fn big_state(dir: &Path, title: &str, n: usize) {
    let mut marks = String::with_capacity(n * 400);
    let mut positions = String::with_capacity(n * 200);
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        let (s, ms) = (i / 1000 % 60, i % 1000);
        write!(
            marks,
            r#"{sep}{{"id":"1714552212345-{i}-0","anchor":{{"article":"art-{i}","unit":7,"offset":0,"fingerprint":"街道成立工作专班"}},"note":"专班的做法","snippet":"街道成立工作专班，逐楼逐户走访","article_title":"西流湖街道：全力推进城市更新","subdistrict":"西流湖街道","created":"2024-01-01T00:00:{s:02}.{ms:03}Z"}}"#
        )
        .unwrap();
        write!(
            positions,
            r#"{sep}"art-{i}":{{"anchor":{{"article":"art-{i}","unit":0,"offset":0,"fingerprint":""}},"status":"read","updated":"2024-01-01T00:00:00.000Z"}}"#
        )
        .unwrap();
    }
    let title = Value::from(title).to_string();
    let state = format!(
        r#"{{"version":1,"archives":{{{title}:{{"title":{title},"positions":{{{positions}}},"bookmarks":[{marks}]}}}}}}"#
    );
    std::fs::write(dir.join("state.json"), state).unwrap();
}

fn app_with(n: usize) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let app = sample_app(Default::default(), 100, 40);
    big_state(dir.path(), &app.archive.title, n);
    let (store, notices) = Store::open(dir.path()).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    let key = bulletin::store::ArchiveKey::new(&app.archive.title, app.archive.key.as_deref());
    assert_eq!(store.bookmarks(&key).len(), n, "every bookmark loaded");
    assert_eq!(store.statuses(&key).len(), n, "every position loaded");
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
        "{what}: {large:?} per key with 25k bookmarks vs {small:?} with 1k"
    );
}

/// Both checks on one loaded state: loading the large state is the slow
/// part of this test in an unoptimised build (9 s for a hundred thousand
/// bookmarks), so the sizes are 25 times apart rather than 50: a cost
/// proportional to the state would still be 25 times the small one's,
/// five times over the limit.
#[test]
fn keys_in_the_bookmark_list_and_an_article_do_not_grow_with_the_state() {
    let (mut list, mut article) = (Vec::new(), Vec::new());
    for n in [1_000, 25_000] {
        let (mut app, _dir) = app_with(n);
        update_inline(&mut app, Action::Bookmarks);
        assert!(
            buffer_text(&render(&app)).contains("专班的做法"),
            "the bookmark list"
        );
        list.push(median_frame(&mut app, &Action::Down, 15));
        update_inline(&mut app, Action::Cancel);
        assert!(app.reader().is_none(), "back on the article list");
        update_inline(&mut app, Action::Open);
        update_inline(&mut app, Action::Open);
        assert!(app.reader().is_some(), "an article is open");
        article.push(median_frame(&mut app, &Action::Down, 15));
    }
    assert_flat("down in the bookmark list", list[0], list[1]);
    assert_flat("down in an article", article[0], article[1]);
}
