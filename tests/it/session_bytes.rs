//! Apps driven over byte streams (issue 21, for serving SSH channels):
//! each session gets its keys as bytes and writes its frames to a writer
//! of its own; a terminal emulator reads each screen back. Two sessions
//! over one library keep their own state; the width probe is asked and
//! answered on each session's own stream.

use std::io::Write;
use std::num::NonZeroU16;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use bulletin::app::{App, Lang, WidthSource};
use bulletin::model::{Library, load_sample};
use bulletin::term::backend::{Choice, SyncOutput};
use bulletin::term::{Ending, Feed, Options, Session, session};
use bulletin::text::WidthMode;

/// Generous: a pass never waits this long.
const PATIENCE: Duration = Duration::from_secs(20);

/// What a session wrote, read through an emulator; a condition variable
/// wakes whoever waits for the screen to change.
#[derive(Clone)]
struct Screen(Arc<(Mutex<Seen>, Condvar)>);

/// The emulator and every byte it was given.
type Seen = (vt100::Parser, Vec<u8>);

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let (lock, changed) = &*self.0;
        let mut screen = lock.lock().unwrap();
        screen.0.process(buf);
        screen.1.extend_from_slice(buf);
        changed.notify_all();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

impl Screen {
    fn new(cols: u16, rows: u16) -> Screen {
        let parser = vt100::Parser::new(nz(rows), nz(cols), 0);
        Screen(Arc::new((Mutex::new((parser, Vec::new())), Condvar::new())))
    }

    fn text(&self) -> String {
        self.0.0.lock().unwrap().0.screen().contents()
    }

    fn set_size(&self, cols: u16, rows: u16) {
        let mut screen = self.0.0.lock().unwrap();
        screen.0.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Waits until `pred` holds for the screen's text and the bytes sent.
    fn wait(&self, what: &str, pred: impl Fn(&str, &[u8]) -> bool) {
        let (lock, changed) = &*self.0;
        let deadline = Instant::now() + PATIENCE;
        let mut screen = lock.lock().unwrap();
        while !pred(&screen.0.screen().contents(), &screen.1) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "no {what}:\n{}",
                screen.0.screen().contents()
            );
            screen = changed.wait_timeout(screen, left).unwrap().0;
        }
    }

    fn wait_text(&self, needle: &str) {
        self.wait(needle, |text, _| text.contains(needle));
    }

    /// Waits for the session to give the screen back (it ended).
    fn wait_end(&self) {
        let left = |raw: &[u8]| raw.windows(8).any(|w| w == b"\x1b[?1049l");
        self.wait("the end of the session", |_, raw| left(raw));
    }
}

fn options(forced: Option<WidthMode>) -> Options {
    Options {
        forced,
        backend: Choice::Lean(SyncOutput::Never),
        exit_after_first_frame: false,
    }
}

/// A session running `app` on a thread of its own: its feed, its screen,
/// and the thread (which gives the app back with how the session ended).
fn start(
    app: App,
    cols: u16,
    rows: u16,
    forced: Option<WidthMode>,
    probe_timeout: Duration,
) -> (Feed, Screen, JoinHandle<(App, Ending)>) {
    let screen = Screen::new(cols, rows);
    let (session, feed) = Session::new(Box::new(screen.clone()), cols, rows);
    let session = session.with_probe_timeout(probe_timeout);
    let thread = std::thread::spawn(move || {
        let mut app = app;
        let ending = session::run(&mut app, session, options(forced)).unwrap();
        (app, ending)
    });
    (feed, screen, thread)
}

#[test]
fn two_sessions_over_one_library_show_their_own_state() {
    let lib = Arc::new(Library::from(load_sample().unwrap()));
    let first = lib.articles[0].title.clone();
    let narrow = Some(WidthMode::Narrow);
    let (fa, sa, ta) = start(
        App::over(lib.clone(), crate::common::settings_in(Lang::En)),
        80,
        24,
        narrow,
        PATIENCE,
    );
    let (fb, sb, tb) = start(
        App::over(lib.clone(), crate::common::settings_in(Lang::En)),
        60,
        20,
        narrow,
        PATIENCE,
    );
    sa.wait_text("Articles");
    sb.wait_text("Articles");
    // a opens the first article; b filters to 棉纺, opens it, searches.
    assert!(fa.bytes(b"\r"));
    assert!(fb.bytes("棉纺\r\r".as_bytes()));
    sb.wait_text("棉纺路街道 ");
    assert!(fb.bytes("/物业".as_bytes()));
    sb.wait_text("1/14");
    sa.wait(&first, |text, _| {
        text.contains(&first) && !text.contains("Articles")
    });
    // A copy in a goes to a's terminal only.
    let osc52 = |raw: &[u8]| raw.windows(7).any(|w| w == b"\x1b]52;c;");
    assert!(fa.bytes(b"y"));
    sa.wait("a's copy", |_, raw| osc52(raw));
    // b's window shrinks: b is drawn again at its new size, a is not.
    sb.set_size(40, 12);
    let before = sa.0.0.lock().unwrap().1.len();
    assert!(fb.resize(40, 12));
    sb.wait("b at 40x12", |text, _| {
        text.lines().all(|l| l.chars().count() <= 40) && text.contains("1/14")
    });
    assert!(sa.text().contains(&first) && !sa.text().contains("1/14"));
    assert!(!osc52(&sb.0.0.lock().unwrap().1), "b copied nothing");
    // Esc alone in its chunk closes b's prompt; Ctrl-c quits.
    assert!(
        sb.text()
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("/物业")
    );
    assert!(fb.bytes(b"\x1b"));
    sb.wait("the prompt closed", |text, _| {
        !text
            .trim_end()
            .lines()
            .last()
            .unwrap_or("")
            .starts_with('/')
    });
    assert!(fb.bytes(b"\x03"));
    assert!(fa.bytes(b"q") && fa.bytes(b"q"));
    sa.wait_end();
    sb.wait_end();
    let (a, ending_a) = ta.join().unwrap();
    let (b, ending_b) = tb.join().unwrap();
    assert_eq!((ending_a, ending_b), (Ending::Quit, Ending::Quit));
    assert_eq!(a.size, (80, 24));
    assert_eq!(b.size, (40, 12));
    assert!(sa.0.0.lock().unwrap().1.len() > before, "a kept drawing");
}

#[test]
fn a_closed_stream_ends_its_session_as_lost() {
    let lib = Arc::new(Library::from(load_sample().unwrap()));
    let app = App::over(lib, crate::common::settings_in(Lang::En));
    let (feed, screen, thread) = start(app, 80, 24, Some(WidthMode::Narrow), PATIENCE);
    screen.wait_text("Articles");
    drop(feed);
    let (_, ending) = thread.join().unwrap();
    assert_eq!(ending, Ending::Lost);
}

#[test]
fn each_session_has_its_own_width_probe() {
    let lib = Arc::new(Library::from(load_sample().unwrap()));
    let asked = |raw: &[u8]| raw.windows(4).any(|w| w == b"\x1b[6n");
    // a's terminal answers (the cursor moved two columns: wide) after
    // keys were typed; b's never answers and falls back to narrow.
    let (fa, sa, ta) = start(
        App::over(lib.clone(), crate::common::settings_in(Lang::En)),
        80,
        24,
        None,
        PATIENCE,
    );
    let short = Duration::from_millis(200);
    let (fb, sb, tb) = start(
        App::over(lib.clone(), crate::common::settings_in(Lang::En)),
        80,
        24,
        None,
        short,
    );
    sa.wait("a's probe", |_, raw| asked(raw));
    sb.wait("b's probe", |_, raw| asked(raw));
    assert!(fa.bytes(b"\r"));
    assert!(fa.bytes(b"\x1b[1;3R"));
    // `Enter`, typed before the answer, opened the first article (drawn
    // wide: the emulator, narrow, splits its quotation marks).
    sa.wait("a's article", |text, _| text.contains("Space page"));
    sb.wait_text("Articles");
    assert!(fa.bytes(b"q") && fa.bytes(b"q"));
    assert!(fb.bytes(b"q"));
    sa.wait_end();
    sb.wait_end();
    let (a, _) = ta.join().unwrap();
    let (b, _) = tb.join().unwrap();
    assert_eq!(a.settings.mode, WidthMode::Wide);
    assert_eq!(a.settings.width_source, WidthSource::Detected);
    assert_eq!(b.settings.mode, WidthMode::Narrow);
    assert_eq!(b.settings.width_source, WidthSource::NoAnswer);
}
