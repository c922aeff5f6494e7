//! Rows squeezed by a narrow terminal, swept over widths and both width
//! modes: a search result's hit count never touches its title (one blank
//! column between, the title cut with an ellipsis).

use bulletin::app::effect::update_inline;
use bulletin::app::{Action, App, KeyCode, Lang, Settings};
use bulletin::text::WidthMode;
use bulletin::text::width::str_width;
use ratatui::buffer::{Buffer, CellWidth};
use serde_json::json;

use crate::common::{ch, key, press, render, type_str};

const MODES: [WidthMode; 2] = [WidthMode::Narrow, WidthMode::Wide];
const LANGS: [Lang; 2] = [Lang::En, Lang::Zh];

/// Title pieces: Chinese, ASCII, ambiguous-width (wide in wide mode).
const PIECES: [&str; 6] = ["精细化", "引领", "Ab", "“防汛”", "辖区", "α"];

/// Subdistrict names, short and long, Chinese and not.
const SUBS: [&str; 6] = [
    "镇",
    "二七",
    "西流湖街道",
    "桐柏路街道办事处",
    "Xiliuhu Road",
    "“α”街道",
];

/// An archive of 24 articles whose titles grow piece by piece, each with
/// a different number of hits for 物业 (1 to 3 digits), spread over two
/// districts and the subdistricts above.
fn app(lang: Lang, mode: WidthMode, w: u16, h: u16) -> App {
    let articles: Vec<_> = (0..24)
        .map(|n: usize| {
            let title: String = (0..=n).map(|k| PIECES[(k + n) % PIECES.len()]).collect();
            let hits = [1, 7, 12, 105][n % 4];
            let district = if n.is_multiple_of(5) {
                "中原区"
            } else {
                "二七区"
            };
            let mut a = json!({
                "id": format!("a{n}"), "title": title, "district": district,
                "body": [{"type": "paragraph", "text": "物业。".repeat(hits)}]
            });
            if !n.is_multiple_of(7) {
                a["subdistrict"] = json!(SUBS[n % SUBS.len()]);
            }
            a
        })
        .collect();
    let archive = json!({"format": "bulletin-archive/1", "title": "窄", "articles": articles});
    let bytes = serde_json::to_vec(&archive).unwrap();
    let archive = bulletin::model::load_bytes("narrow.json", &bytes).unwrap();
    let settings = Settings {
        lang,
        mode,
        ..Settings::default()
    };
    let mut app = App::new(archive, settings);
    update_inline(&mut app, Action::Resize(w, h));
    app
}

/// Row `y` from column `x` for `width` columns, as a terminal shows it (a
/// wide character once, the cell it covers skipped).
fn row_text(buf: &Buffer, x: u16, y: u16, width: u16) -> String {
    let mut out = String::new();
    let mut cx = x;
    while cx < x + width {
        let cell = &buf[(cx, y)];
        out.push_str(cell.symbol());
        cx += cell.cell_width().max(1);
    }
    out
}

fn ellipsis(mode: WidthMode) -> &'static str {
    match mode {
        WidthMode::Narrow => "\u{2026}",
        WidthMode::Wide => "..",
    }
}

/// The part of `title` that `shown` starts with, in whole characters.
fn shown_prefix<'a>(title: &'a str, shown: &str) -> &'a str {
    let mut end = 0;
    for (a, b) in title.chars().zip(shown.chars()) {
        if a != b {
            break;
        }
        end += a.len_utf8();
    }
    &title[..end]
}

/// Checks one result's first row (`row`, inside the borders): a blank
/// column before the hit count, and a cut title ends with the ellipsis.
fn check_result_row(row: &str, title: &str, hits: usize, mode: WidthMode, at: &str) {
    let trimmed = row.trim_end();
    let count = hits.to_string();
    if str_width(row, mode) < count.len() {
        // Too narrow for the count: none of it, rather than a wrong one.
        assert!(!row.contains(|c: char| c.is_ascii_digit()), "{at}: {row:?}");
        return;
    }
    let Some(before) = trimmed.strip_suffix(&count) else {
        panic!("{at}: the row ends with its hits ({hits}): {row:?}");
    };
    if before.trim().is_empty() {
        return; // No room for any of the title.
    }
    assert!(
        before.ends_with(' '),
        "{at}: the count touches the title: {row:?}"
    );
    let shown = before.strip_prefix(' ').unwrap_or(before);
    let prefix = shown_prefix(title, shown);
    if prefix == title {
        return;
    }
    let after = &shown[prefix.len()..];
    let e = ellipsis(mode);
    // In a title's room of two columns or less no ellipsis fits.
    if str_width(prefix, mode) > 2 || after.starts_with(e) {
        assert!(
            after.starts_with(&format!("{e} ")),
            "{at}: a cut title ends with {e} then a blank: {row:?} ({title})"
        );
    }
}

#[test]
fn a_results_hit_count_never_touches_its_title() {
    for (lang, mode) in LANGS.into_iter().flat_map(|l| MODES.map(|m| (l, m))) {
        let mut app = searched(app(lang, mode, 80, 60));
        for w in 16..=100 {
            update_inline(&mut app, Action::Resize(w, 60));
            let buf = render(&app);
            let f = app.finder.as_ref().expect("searching");
            assert_eq!(f.listed.len(), 24, "every article has hits");
            let r = app.geo.articles;
            let (x, y, width) = (r.x + 1, r.y + 1, r.width.saturating_sub(2));
            let rows = r.height.saturating_sub(2) / 2;
            for (n, hit) in f.listed.iter().take(usize::from(rows)).enumerate() {
                let row = row_text(&buf, x, y + 2 * n as u16, width);
                let title = &app.archive.articles[hit.article].title;
                let at = format!("{lang:?} {mode:?} width {w}, result {n}");
                check_result_row(&row, title, hit.hits, mode, &at);
            }
        }
    }
}

/// The app after a search for 物业.
fn searched(mut app: App) -> App {
    press(&mut app, &[ch('s')]);
    type_str(&mut app, "物业");
    press(&mut app, &[key(KeyCode::Enter)]);
    app
}
