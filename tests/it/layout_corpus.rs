//! Dev check on a real corpus (not part of the repository): lay out
//! `../shared/corpus/cpc-19-report.txt` at widths 40 and 80 in both width
//! modes and count lines that start with a prohibited mark (or end with a
//! prohibited opening mark) because of a soft break. Must be 0.
//!
//! Run with `cargo test --test layout_corpus -- --ignored --nocapture`.
//! Set `BULLETIN_CORPUS` to use another file.

use bulletin::text::linebreak::{is_line_end_prohibited, is_line_start_prohibited};
use bulletin::text::{Doc, LineKind, Unit, UnitKind, WidthMode, layout};

fn corpus() -> Option<String> {
    let path = std::env::var("BULLETIN_CORPUS").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/cpc-19-report.txt"
        )
        .to_string()
    });
    std::fs::read_to_string(path).ok()
}

#[test]
#[ignore = "needs the shared corpus outside the repository"]
fn corpus_has_no_prohibited_line_starts() {
    let text = corpus().expect("corpus file not found");
    let units = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, l)| Unit::new(UnitKind::Paragraph, Some(i), bulletin::text::sanitize(l)))
        .collect();
    let doc = Doc { units };
    for mode in [WidthMode::Narrow, WidthMode::Wide] {
        for width in [40u16, 80] {
            let lay = layout(&doc, width, mode);
            let (mut bad_start, mut bad_end) = (0, 0);
            for (i, l) in lay.lines.iter().enumerate() {
                if l.kind == LineKind::Blank {
                    continue;
                }
                let text = lay.line_text(&doc, i);
                let soft_start = l.start > 0;
                if soft_start && text.chars().next().is_some_and(is_line_start_prohibited) {
                    bad_start += 1;
                    eprintln!("bad start: {text}");
                }
                let soft_end = l.end < doc.units[l.unit].text.len();
                if soft_end && text.chars().last().is_some_and(is_line_end_prohibited) {
                    bad_end += 1;
                    eprintln!("bad end: {text}");
                }
            }
            eprintln!(
                "{mode:?} width {width}: {} lines, {bad_start} bad starts, {bad_end} bad ends",
                lay.lines.len()
            );
            assert_eq!((bad_start, bad_end), (0, 0));
        }
    }
}
