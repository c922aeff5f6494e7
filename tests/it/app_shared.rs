//! One library, several apps (issue 21, for serving many sessions): a
//! `Library` is `Send + Sync`, apps over one `Arc` of it keep their own
//! state, and apps on other threads read it at the same time.

use std::sync::Arc;

use bulletin::app::effect::update_inline;
use bulletin::app::{Action, App, Lang, Screen};
use bulletin::model::{Library, load_sample};

fn open(app: &mut App, row: usize) {
    app.browse.selected = row;
    update_inline(app, Action::Open);
    assert_eq!(app.screen(), Screen::Read);
}

#[test]
fn apps_over_one_library_keep_their_own_state() {
    fn shared<T: Send + Sync>() {}
    shared::<Library>();
    let lib = Arc::new(Library::from(load_sample().unwrap()));
    let mut a = App::over(lib.clone(), crate::common::settings_in(Lang::Zh));
    let mut b = App::over(lib.clone(), crate::common::settings_in(Lang::En));
    update_inline(&mut a, Action::Resize(80, 24));
    update_inline(&mut b, Action::Resize(40, 12));
    open(&mut a, 0);
    assert_eq!(b.screen(), Screen::Browse, "b did not move");
    open(&mut b, 2);
    update_inline(&mut b, Action::Down);
    let (ra, rb) = (a.reader().unwrap(), b.reader().unwrap());
    assert_ne!(ra.article, rb.article);
    assert_eq!(ra.top, 0, "a did not scroll with b");
    assert!(Arc::ptr_eq(&a.archive, &b.archive), "one library");
    assert_eq!(Arc::strong_count(&lib), 3);
}

#[test]
fn apps_on_threads_read_one_library_at_once() {
    let lib = Arc::new(Library::from(load_sample().unwrap()));
    let n = lib.articles.len();
    let sessions: Vec<_> = (0..4)
        .map(|s| {
            let lib = lib.clone();
            std::thread::spawn(move || {
                let mut app = App::over(lib, crate::common::settings_in(Lang::En));
                update_inline(&mut app, Action::Resize(80, 24));
                for row in 0..n {
                    open(&mut app, (row + s) % n);
                    update_inline(&mut app, Action::PageDown);
                    update_inline(&mut app, Action::Back);
                }
                app.screen()
            })
        })
        .collect();
    for s in sessions {
        assert_eq!(s.join().unwrap(), Screen::Browse);
    }
}
