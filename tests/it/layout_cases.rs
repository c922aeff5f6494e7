//! Hand-checked layout cases: GUIDE §1 examples and one case per rule.

use WidthMode::{Narrow, Wide};
use bulletin::text::{
    Doc, Layout, LineKind, Pos, Unit, UnitKind, WidthMode, layout, render_plain, str_width,
};

/// Lines of `text` laid out as one heading (no indent) at `width`.
fn lines(text: &str, width: u16, mode: WidthMode) -> Vec<String> {
    let doc = Doc {
        units: vec![Unit::new(UnitKind::Heading, Some(0), text)],
    };
    let lay = layout(&doc, width, mode);
    (0..lay.lines.len())
        .map(|i| lay.line_text(&doc, i).to_string())
        .collect()
}

#[track_caller]
fn check(text: &str, width: u16, mode: WidthMode, want: &[&str]) {
    assert_eq!(
        lines(text, width, mode),
        want,
        "{text:?} at {width} {mode:?}"
    );
}

#[test]
fn guide_example_quotes_between_han() {
    check("国务院“两会”精神", 6, Narrow, &["国务院", "“两会”", "精神"]);
    // Wide: the quotes are 2 columns, so “两会” no longer fits in 6.
    check(
        "国务院“两会”精神",
        6,
        Wide,
        &["国务院", "“两", "会”精", "神"],
    );
}

#[test]
fn breaks_between_han() {
    check("中华人民共和国", 4, Narrow, &["中华", "人民", "共和", "国"]);
    check("中华人民共和国", 5, Narrow, &["中华", "人民", "共和", "国"]);
    check("中华人民共和国", 14, Narrow, &["中华人民共和国"]);
}

#[test]
fn closing_marks_never_start_a_line() {
    // 。 would start line 2: 人 is pulled down with it.
    check("我们是中国人。", 12, Narrow, &["我们是中国", "人。"]);
    // Two closers in a row: pull down one more character.
    check("他说好。”", 8, Narrow, &["他说", "好。”"]);
    check("卡尔·马克思", 4, Narrow, &["卡", "尔·", "马克", "思"]);
    // ASCII closers too; `Hello,` is one word, so the comma cannot be pulled.
    check("ab cd, ef", 5, Narrow, &["ab ", "cd, ", "ef"]);
    // A word as wide as the line: break inside it rather than before `,`.
    check("Hello, world", 5, Narrow, &["Hell", "o, ", "world"]);
}

#[test]
fn opening_marks_never_end_a_line() {
    check(
        "他读了《人民日报》",
        8,
        Narrow,
        &["他读了", "《人民日", "报》"],
    );
    check("abc (def)", 5, Narrow, &["abc ", "(def)"]);
    check(
        "注意（重要）事项",
        6,
        Narrow,
        &["注意", "（重", "要）事", "项"],
    );
}

#[test]
fn dashes_and_ellipses_stay_whole() {
    check("他说——我们", 5, Narrow, &["他说", "——我", "们"]);
    check("他说——我们", 6, Wide, &["他说", "——我", "们"]);
    // …… may not start a line either, and 。 follows it.
    check("等等……。好", 6, Narrow, &["等", "等……。", "好"]);
    // —— may start a line.
    check("中——文", 2, Narrow, &["中", "——", "文"]);
}

#[test]
fn latin_words_and_numbers_stay_whole() {
    check("共有2023年的数据", 6, Narrow, &["共有", "2023年", "的数据"]);
    check("使用Rust语言", 6, Narrow, &["使用", "Rust语", "言"]);
    check("pi is 3.14159 ok", 8, Narrow, &["pi is ", "3.14159 ", "ok"]);
    // A word wider than the line is broken rather than overflowing.
    check("abcdefgh", 3, Narrow, &["abc", "def", "gh"]);
    // ... but a closing mark still does not start a line if it can be helped.
    check("abcdef。", 6, Narrow, &["abcde", "f。"]);
}

#[test]
fn spaces_at_breaks() {
    // A space that fits stays at the end of the line.
    check("abc def", 4, Narrow, &["abc ", "def"]);
    // One that does not fit starts the next line ...
    check("abc defgh", 5, Narrow, &["abc ", "defgh"]);
    check("abcde fgh", 5, Narrow, &["abcde", " fgh"]);
    // ... and stands alone only when the next word fills a whole line.
    check("abc def", 3, Narrow, &["abc", " ", "def"]);
    check("ab cd ef", 6, Narrow, &["ab cd ", "ef"]);
}

#[test]
fn graphemes_never_split() {
    check("好👍🏽👨‍👩‍👧呀", 4, Narrow, &["好👍🏽", "👨‍👩‍👧呀"]);
    check("🇨🇳🇨🇳", 2, Narrow, &["🇨🇳", "🇨🇳"]);
    check("ka\u{301}fe\u{301}", 3, Narrow, &["ka\u{301}f", "e\u{301}"]);
    check(
        "ka\u{301}fe\u{301}",
        1,
        Narrow,
        &["k", "a\u{301}", "f", "e\u{301}"],
    );
}

#[test]
fn tiny_widths() {
    // A Han character wider than the line sits alone on it.
    check("中文。", 1, Narrow, &["中", "文", "。"]);
    check("中文。", 2, Narrow, &["中", "文", "。"]);
    check("中文。", 3, Narrow, &["中", "文", "。"]);
    check("中文。", 4, Narrow, &["中", "文。"]);
    check("ab cd", 1, Narrow, &["a", "b", " ", "c", "d"]);
    check("", 1, Narrow, &[""]);
    // Width 0 is treated as 1.
    check("中文", 0, Narrow, &["中", "文"]);
}

#[test]
fn wide_mode_counts_ambiguous_as_two() {
    check("pīnyīn", 6, Narrow, &["pīnyīn"]);
    check("pīnyīn", 6, Wide, &["pīny", "īn"]);
    check("αβγδ", 4, Wide, &["αβ", "γδ"]);
    check("“好”", 4, Narrow, &["“好”"]);
    // Every boundary breaks a rule here: take the fullest line.
    check("“好”", 4, Wide, &["“好", "”"]);
    assert_eq!(str_width("“”…—αī", Narrow), 6);
    assert_eq!(str_width("“”…—αī", Wide), 12);
}

fn sample_doc() -> Doc {
    use UnitKind::*;
    Doc {
        units: vec![
            Unit::new(Title, None, "标题"),
            Unit::new(Byline, None, "记者 李"),
            Unit::new(Meta, None, "日报"),
            Unit::new(Paragraph, Some(0), "一二三四五六"),
            Unit::new(Heading, Some(1), "小标题"),
            Unit::new(Caption, Some(2), "图片说明"),
            Unit::new(Credit, Some(2), "王蒙 图"),
            Unit::new(Paragraph, Some(3), "甲乙\n丙丁"),
        ],
    }
}

#[test]
fn document_shape_and_indent() {
    let doc = sample_doc();
    let lay = layout(&doc, 8, Narrow);
    let want = "标题\n记者 李\n日报\n\n\u{3000}\u{3000}一二\n三四五六\n\n小标题\n\n图片说明\n王蒙 图\n\n\u{3000}\u{3000}甲乙\n丙丁\n";
    assert_eq!(render_plain(&doc, &lay), want);
    assert_eq!(lay.lines[3].kind, LineKind::Blank);
    assert_eq!(lay.lines[3].unit, 3);
    assert_eq!(lay.lines[4].indent, 4);
    assert_eq!(lay.line_width(&doc, 4), 8);
    // Below width 8 there is no indent.
    let narrow = layout(&doc, 7, Narrow);
    assert_eq!(narrow.lines[4].indent, 0);
    assert_eq!(narrow.line_text(&doc, 4), "一二三");
}

#[test]
fn hard_breaks_are_recoverable() {
    let doc = Doc {
        units: vec![Unit::new(UnitKind::Heading, Some(0), "第一行\n\n第二行")],
    };
    let lay = layout(&doc, 20, Narrow);
    let got: Vec<_> = lay.lines.iter().map(|l| (l.start, l.end)).collect();
    assert_eq!(got, [(0, 9), (10, 10), (11, 20)]);
    assert_eq!(render_plain(&doc, &lay), "第一行\n\n第二行\n");
}

#[test]
fn positions_map_to_lines_and_back() {
    let doc = sample_doc();
    let lay: Layout = layout(&doc, 8, Narrow);
    let p = |unit, offset| Pos { unit, offset };
    assert_eq!(lay.line_of(&doc, p(0, 0)), 0);
    assert_eq!(lay.line_of(&doc, p(3, 0)), 4); // not the blank line 3
    assert_eq!(lay.line_of(&doc, p(3, 1)), 4);
    assert_eq!(lay.line_of(&doc, p(3, 2)), 5);
    assert_eq!(lay.line_of(&doc, p(3, 6)), 5); // unit end -> its last line
    assert_eq!(lay.line_of(&doc, p(7, 2)), 12); // the '\n' itself
    assert_eq!(lay.line_of(&doc, p(7, 3)), 13);
    assert_eq!(lay.line_of(&doc, p(99, 0)), lay.lines.len() - 1);
    assert_eq!(lay.pos_of(&doc, 3), p(3, 0)); // blank: start of the next unit
    assert_eq!(lay.pos_of(&doc, 5), p(3, 2));
    assert_eq!(lay.pos_of(&doc, 13), p(7, 3));
    let empty = Doc::default();
    assert_eq!(layout(&empty, 10, Narrow).line_of(&empty, p(0, 0)), 0);
}
