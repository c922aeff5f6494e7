//! Sizes and events at the edges: a terminal that reports 65535x65535, and
//! a storm of resizes while a 4 MB paragraph is open.

use std::time::{Duration, Instant};

use crate::common::pty::Session;
use crate::common::reader::{status_of, wait_status};

/// Cursor addresses (`ESC [ row ; col H`) in `bytes`, as numbers.
fn addressed(bytes: &[u8]) -> Vec<(u32, u32)> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for part in text.split("\x1b[").skip(1) {
        let end = part.find(|c: char| !c.is_ascii_digit() && c != ';');
        if let Some(end) = end
            && part[end..].starts_with('H')
            && let Some((r, c)) = part[..end].split_once(';')
            && let (Ok(r), Ok(c)) = (r.parse(), c.parse())
        {
            out.push((r, c));
        }
    }
    out
}

#[test]
fn a_terminal_of_65535_by_65535_is_drawn_in_its_corner() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, home.path(), &[]);
    s.wait_text("须水街道");
    let before = s.raw_bytes().len();
    let frames = s.frames();
    s.resize_pty_only(65535, 65535);
    s.wait_raw("a frame at the huge size", |raw| {
        raw.windows(8).filter(|w| *w == b"\x1b[?2026l").count() > frames
    });
    let huge = s.raw_bytes()[before..].to_vec();
    assert!(
        addressed(&huge).iter().all(|&(r, c)| r <= 500 && c <= 1000),
        "drew outside the capped screen"
    );
    s.resize_pty_only(80, 24);
    s.send_and_draw("j", 1);
    s.send("q");
    assert_eq!(s.wait_end(), Ok(0));
}

/// An archive whose one article is a single paragraph of about 4 MB: in
/// the (unoptimised) test build, laying it out once per resize of a storm
/// takes far longer than laying it out once.
fn huge_paragraph_archive(dir: &std::path::Path) -> std::path::PathBuf {
    let unit = "党建引领社区治理，街道工作群众服务。城市更新老旧小区改造、环境整治。";
    let text = unit.repeat(4 * 1024 * 1024 / unit.len());
    let archive = serde_json::json!({
        "format": "bulletin-archive/1",
        "title": "大段落",
        "articles": [{
            "id": "big", "title": "四兆的段落", "district": "中原区",
            "body": [{"type": "paragraph", "text": text}]
        }]
    });
    let path = dir.join("big.json");
    std::fs::write(&path, serde_json::to_vec(&archive).unwrap()).unwrap();
    path
}

/// Time from the first of `n` resizes (20 ms apart, alternating between
/// 100 and 80 columns, ending at 80) to the frame that shows the key
/// pressed after them: one line further, in the 80-column layout.
fn storm(s: &mut Session, n: usize) -> Duration {
    let before = status_of(&s.text()).expect("the reader's status line");

    let start = Instant::now();
    // The emulator is resized with the terminal, as a real one is: a
    // frame drawn for 100 columns into an 80-column emulator scrolled it,
    // and the reader's next frames (differences from what it had drawn)
    // then left the emulator's screen wrong under load.
    for i in 0..n {
        s.resize(if i % 2 == 0 { 100 } else { 80 }, 24);
        std::thread::sleep(Duration::from_millis(20));
    }
    if n % 2 == 1 {
        s.resize(80, 24);
    }
    // The key comes after every resize event is queued (a key and a
    // resize seen in one wake-up of the input thread may swap places).
    std::thread::sleep(Duration::from_millis(200));
    s.send("j");
    wait_status(s, "the key after the resizes", |st| {
        st.total == before.total && st.first == before.first + 1
    });
    start.elapsed()
}

/// Each resize lays the paragraph out again (a fraction of a second);
/// fifty in a row used to freeze the reader for fifty layouts. They are
/// coalesced: fifty cost about what two do.
#[test]
fn a_storm_of_resizes_costs_about_what_one_does() {
    let home = tempfile::tempdir().unwrap();
    let archive = huge_paragraph_archive(home.path());
    let mut s = Session::start(&[archive.to_str().unwrap()], 80, 24, home.path(), &[]);
    s.wait_text("四兆的段落");
    s.send("\r\r");
    wait_status(&s, "the paragraph", |st| st.total > 1000);
    // Into the paragraph: a blank line at the top would anchor to the text
    // below it, and a relayout would move the view by that line.
    s.send("jjjjj");
    wait_status(&s, "inside the paragraph", |st| st.first == 6);
    let one = storm(&mut s, 2);
    let fifty = storm(&mut s, 50);
    // 50 resizes take a second of sending alone.
    let limit = one * 4 + Duration::from_secs(2);
    assert!(
        fifty < limit,
        "50 resizes: {fifty:?}; 2 resizes: {one:?} (limit {limit:?})"
    );
    s.send("qq");
    assert_eq!(s.wait_end(), Ok(0));
}
