//! Text at the edges: a paragraph too long for the clipboard, a width too
//! narrow for a Chinese character, line and paragraph separators.

use base64::Engine;
use bulletin::app::{Action, App, Settings, effect::update_inline};
use bulletin::text::{WidthMode, str_width};

use crate::common::bounded::BIN;
use crate::common::{buffer_text, render};

/// The largest OSC 52 sequence the reader sends (docs: README, "Copying").
const OSC52_LIMIT: usize = 75_000;

fn archive_with(paragraph: &str) -> App {
    let archive = serde_json::json!({
        "format": "bulletin-archive/1",
        "title": "剪贴板",
        "articles": [{
            "id": "long", "title": "长段落", "district": "中原区",
            "body": [{"type": "paragraph", "text": paragraph}]
        }]
    });
    let bytes = serde_json::to_vec(&archive).unwrap();
    let archive = bulletin::model::load_bytes("clip.json", &bytes).unwrap();
    let mut app = App::new(archive, Settings::default());
    update_inline(&mut app, Action::Resize(80, 24));
    update_inline(&mut app, Action::Open);
    update_inline(&mut app, Action::Open);
    app
}

/// The length of the OSC 52 sequence `y` sends, the text it carries, and
/// the status line after.
fn copy(app: &mut App) -> (usize, String, String) {
    // Down past the title and the blank line: the paragraph is on top.
    for _ in 0..3 {
        update_inline(app, Action::Down);
    }
    let copies = update_inline(app, Action::Copy);
    let status = app.status.clone().unwrap_or_default();
    let [text] = copies.as_slice() else {
        panic!("one copy: {copies:?}");
    };
    let seq = bulletin::term::clipboard::sequence(text);
    let b64 = seq
        .strip_prefix("\x1b]52;c;")
        .and_then(|s| s.strip_suffix('\x07'))
        .expect("an OSC 52 sequence");
    let sent = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    (seq.len(), String::from_utf8(sent).unwrap(), status)
}

#[test]
fn a_paragraph_too_long_for_the_clipboard_is_cut_and_the_user_told() {
    let paragraph = "党建引领社区治理，街道工作群众服务。".repeat(200_000);
    let mut app = archive_with(&paragraph);
    let (len, text, status) = copy(&mut app);
    assert!(len <= OSC52_LIMIT, "sent {len} bytes");
    assert!(paragraph.starts_with(&text), "the start of the paragraph");
    assert!(text.len() > 50_000, "as much as fits: {}", text.len());
    assert!(status.contains("first"), "{status}");
}

#[test]
fn a_short_paragraph_is_copied_whole() {
    let paragraph = "党建引领社区治理。".repeat(100);
    let mut app = archive_with(&paragraph);
    let (_, text, status) = copy(&mut app);
    assert_eq!(text, paragraph);
    assert!(status.contains("Copied the paragraph"), "{status}");
}

#[test]
fn show_refuses_a_width_below_two() {
    let out = std::process::Command::new(BIN)
        .args(["show", "--sample", "b2a50316", "--width", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--width"), "{err}");
    let out = std::process::Command::new(BIN)
        .args(["show", "--sample", "b2a50316", "--width", "2"])
        .output()
        .unwrap();
    assert!(out.status.success());
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        assert!(str_width(line, WidthMode::Narrow) <= 2, "{line:?}");
    }
}

/// U+2028 (line separator) and U+2029 (paragraph separator) break the
/// line as `\n` does; they never reach the screen as characters (which
/// terminals draw with widths of their own).
#[test]
fn line_and_paragraph_separators_break_lines() {
    let app = archive_with("第一行\u{2028}第二行\u{2029}第三行");
    let screen = buffer_text(&render(&app));
    assert!(
        !screen.contains('\u{2028}') && !screen.contains('\u{2029}'),
        "{screen}"
    );
    for line in ["第一行", "第二行", "第三行"] {
        assert!(
            screen
                .lines()
                .any(|l| l.trim().trim_start_matches('\u{3000}') == line),
            "{line} on a line of its own:\n{screen}"
        );
    }
    let title_line = bulletin::text::sanitize_line("甲\u{2028}乙");
    assert_eq!(title_line, "甲 乙");
}
