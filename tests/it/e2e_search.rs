//! End to end, in a pseudo-terminal: type a Chinese query into the search
//! prompt of the real binary and read the count and the highlights back
//! through a terminal emulator.

use crate::common;

use common::pty::Session;

/// Cells on screen whose background is not the default: the highlights.
fn highlighted_text(s: &Session) -> String {
    s.with_screen(|screen| {
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        let mut out = String::new();
        // Rows 1..rows-1: the text (the bars have a background of their own).
        for row in 1..rows - 1 {
            for col in 0..cols {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                if cell.bgcolor() != vt100::Color::Default && !cell.is_wide_continuation() {
                    out.push_str(cell.contents());
                }
            }
        }
        out
    })
}

#[test]
fn searching_wuye_in_mianfang_counts_fourteen_and_highlights_them() {
    for (cols, rows) in [(80, 24), (40, 12)] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(&[], cols, rows, dir.path(), &[]);
        s.wait_text("Articles");
        s.send("棉纺\r\r");
        s.wait_text("棉纺路街道 ");
        s.send("/物业");
        s.wait_text("1/14");
        let lit = highlighted_text(&s);
        let visible: usize = s.rows()[1..usize::from(rows) - 1]
            .iter()
            .map(|r| r.matches("物业").count())
            .sum();
        assert!(visible > 0);
        assert_eq!(
            lit.matches("物业").count(),
            visible,
            "every visible match lit at {cols}x{rows}: {lit}"
        );
        assert_eq!(
            lit.replace("物业", ""),
            "",
            "only the matches are lit: {lit}"
        );
        s.send("\r");
        for k in 2..=14 {
            s.send("n");
            s.wait_text(&format!("{k}/14"));
        }
        s.send("n");
        s.wait_text("wrapped");
        s.send("q");
        s.send("qq");
        assert_eq!(s.wait_exit(), 0);
    }
}

#[test]
fn searching_the_whole_archive_for_wuye_and_opening_the_hit() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, dir.path(), &[]);
    s.wait_text("Articles");
    s.send("s");
    s.wait_text("Search all:");
    s.send("物业");
    s.wait_text("18 hits in 3 articles");
    assert!(s.text().contains("棉纺路街道 (14)"), "{}", s.text());
    s.send("\rG\r");
    s.wait_text("/物业: ");
    let status = s.rows().last().unwrap().clone();
    assert!(status.contains("/14"), "{status}");
    assert!(
        highlighted_text(&s).contains("物业"),
        "the hit is highlighted"
    );
    s.send("q");
    s.wait_text("Archive search results");
    s.send("qq");
    assert_eq!(s.wait_exit(), 0);
}
