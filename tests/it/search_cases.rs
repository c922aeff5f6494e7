//! Hand-checked cases for the in-article search (issue 4).

use bulletin::text::search::{
    Match, Query, QueryError, SearchIndex, find_all, first_from, line_spans, match_pos,
};
use bulletin::text::{Doc, Pos, Unit, UnitKind, WidthMode, layout};

fn doc(units: &[(UnitKind, &str)]) -> Doc {
    Doc {
        units: units
            .iter()
            .enumerate()
            .map(|(i, &(k, t))| {
                let block = (k != UnitKind::Title).then_some(i);
                Unit::new(k, block, t)
            })
            .collect(),
    }
}

fn para(text: &str) -> Doc {
    doc(&[(UnitKind::Paragraph, text)])
}

fn query(q: &str) -> Query {
    Query::parse(q).expect("valid").expect("non-empty")
}

/// The original text of every match of `q` in `d`.
fn found<'a>(d: &'a Doc, q: &str) -> Vec<&'a str> {
    find_all(d, &query(q))
        .iter()
        .map(|m| &d.units[m.unit].text[m.start..m.end])
        .collect()
}

#[test]
fn positions_are_byte_ranges_of_the_original_unit() {
    let d = doc(&[
        (UnitKind::Title, "“社区+物业+居民”"),
        (UnitKind::Paragraph, "物业事虽小，提升物业服务"),
    ]);
    let ms = find_all(&d, &query("物业"));
    let at = |unit, start| Match {
        unit,
        start,
        end: start + "物业".len(),
    };
    // “ is 3 bytes, 社区 6, + 1: 物业 starts at byte 10 of the title.
    assert_eq!(ms, [at(0, 10), at(1, 0), at(1, 24)]);
    assert_eq!(match_pos(&d, &ms[0]), Pos { unit: 0, offset: 4 });
    assert_eq!(match_pos(&d, &ms[2]), Pos { unit: 1, offset: 8 });
}

#[test]
fn index_and_one_shot_search_agree() {
    let d = doc(&[
        (UnitKind::Title, "ＡＢＣ abc"),
        (UnitKind::Byline, "记者 Abc"),
        (UnitKind::Caption, "图：abc㎏"),
    ]);
    let index = SearchIndex::new(&d);
    for q in ["abc", "Abc", "ＡＢ", "kg", "re:ab|记"] {
        assert_eq!(index.find_all(&query(q)), find_all(&d, &query(q)), "{q}");
    }
}

#[test]
fn full_and_half_width_match_both_ways() {
    let d = para("型号ＡＢＣ１２３与ABC123，以及a,b");
    assert_eq!(found(&d, "ABC123"), ["ＡＢＣ１２３", "ABC123"]);
    assert_eq!(found(&d, "ＡＢＣ１２３"), ["ＡＢＣ１２３", "ABC123"]);
    assert_eq!(found(&d, "，"), ["，", ","]);
    assert_eq!(found(&d, ","), ["，", ","]);
    assert_eq!(found(&d, "3，以"), ["3，以"]);
    assert_eq!(found(&d, "a，b"), ["a,b"]);
}

#[test]
fn compatibility_forms_fold_and_highlight_whole_chars() {
    let d = para("重5㎏，第①条，ﬁle");
    assert_eq!(found(&d, "kg"), ["㎏"]);
    // A match ending inside ㎏'s expansion covers the whole character.
    assert_eq!(found(&d, "5k"), ["5㎏"]);
    assert_eq!(found(&d, "g"), ["㎏"]);
    assert_eq!(found(&d, "第1条"), ["第①条"]);
    assert_eq!(found(&d, "file"), ["ﬁle"]);
    assert_eq!(found(&d, "ile"), ["ﬁle"]);
    // Two occurrences widening into the same ㎏ merge into one match.
    assert_eq!(found(&para("g㎏k"), "gk"), ["g㎏k"]);
}

#[test]
fn smart_case() {
    let d = para("ABC abc Abc ＡＢＣ");
    assert_eq!(found(&d, "abc"), ["ABC", "abc", "Abc", "ＡＢＣ"]);
    assert_eq!(found(&d, "Abc"), ["Abc"]);
    assert_eq!(found(&d, "ABC"), ["ABC", "ＡＢＣ"]);
    assert!(found(&para("abc"), "Abc").is_empty());
}

#[test]
fn combining_marks_stay_with_their_letter() {
    // Decomposed é folds to precomposed é; the highlight keeps the mark.
    let d = para("cafe\u{301} café");
    assert_eq!(found(&d, "café"), ["cafe\u{301}", "café"]);
    assert_eq!(found(&d, "CAFÉ"), Vec::<&str>::new());
}

#[test]
fn matches_are_non_overlapping_in_document_order() {
    assert_eq!(find_all(&para("aaaa"), &query("aa")).len(), 2);
    assert_eq!(find_all(&para("aaa"), &query("aa")).len(), 1);
    let d = doc(&[(UnitKind::Title, "物业"), (UnitKind::Paragraph, "物业物业")]);
    let ms = find_all(&d, &query("物业"));
    assert!(
        ms.windows(2)
            .all(|w| w[0] < w[1] && (w[0].unit < w[1].unit || w[0].end <= w[1].start))
    );
    assert_eq!(ms.len(), 3);
}

#[test]
fn matches_never_span_units() {
    let d = doc(&[(UnitKind::Title, "物"), (UnitKind::Paragraph, "业")]);
    assert!(found(&d, "物业").is_empty());
    assert!(found(&d, "re:物.*业").is_empty());
}

#[test]
fn empty_and_whitespace_queries_are_no_search() {
    for q in ["", "   ", "\u{3000}\u{3000}", "\t", "re:"] {
        assert!(matches!(Query::parse(q), Ok(None)), "{q:?}");
    }
    // Spaces inside a query count.
    assert_eq!(found(&para("物 业物业"), "物 业"), ["物 业"]);
}

#[test]
fn query_longer_than_the_text() {
    assert!(found(&para("物业"), "物业服务").is_empty());
    assert!(found(&para(""), "a").is_empty());
    assert!(found(&Doc::default(), "a").is_empty());
    assert!(found(&para("物"), "re:物业服务").is_empty());
}

#[test]
fn regex_alternation_and_smart_case() {
    let d = para("物业和居民，Wuye wuye");
    assert_eq!(found(&d, "re:物业|居民"), ["物业", "居民"]);
    assert_eq!(found(&d, "re:wu\\w+"), ["Wuye", "wuye"]);
    assert_eq!(found(&d, "re:Wu\\w+"), ["Wuye"]);
    // Escapes with capitals do not switch case-sensitivity on.
    assert_eq!(found(&d, "re:wu\\S+"), ["Wuye", "wuye"]);
    // Regexes see the original text: no NFKC folding.
    assert!(found(&para("ＡＢＣ"), "re:abc").is_empty());
}

#[test]
fn regex_empty_matches_are_skipped() {
    let d = para("baab物a");
    assert_eq!(found(&d, "re:a*"), ["aa", "a"]);
    assert!(found(&d, "re:x*").is_empty());
    assert!(found(&d, "re:^").is_empty());
    assert!(found(&d, "re:\\b").is_empty());
}

#[test]
fn invalid_regex_is_an_error_not_a_panic() {
    for q in [
        "re:(物业",
        "re:[",
        "re:a{2",
        "re:\\p{Nope}",
        "re:*",
        "re:\\",
    ] {
        let Err(QueryError::Regex(msg)) = Query::parse(q) else {
            panic!("{q} should fail");
        };
        assert!(!msg.is_empty() && !msg.contains('\n'), "{q}: {msg:?}");
    }
}

#[test]
fn a_match_over_a_soft_break_is_split_per_line() {
    // Width 10: the paragraph's first line has 6 columns (indent 4).
    let d = para("中华人民共和国物业管理条例");
    let lay = layout(&d, 10, WidthMode::Narrow);
    let texts: Vec<&str> = (0..lay.lines.len()).map(|i| lay.line_text(&d, i)).collect();
    assert_eq!(texts[0], "中华人");
    let m = find_all(&d, &query("人民共和"))[0];
    let spans = line_spans(&lay, &d, &m);
    assert_eq!(spans.len(), 2, "{spans:?}");
    assert_eq!(spans[0], (0, "中华".len(), "中华人".len()));
    let joined: String = spans
        .iter()
        .map(|&(l, s, e)| &lay.line_text(&d, l)[s..e])
        .collect();
    assert_eq!(joined, "人民共和");
}

#[test]
fn a_long_match_spans_three_lines() {
    let d = para("一二三四五六七八九十");
    let lay = layout(&d, 4, WidthMode::Narrow);
    let m = find_all(&d, &query("二三四五六"))[0];
    let spans = line_spans(&lay, &d, &m);
    let lines: Vec<usize> = spans.iter().map(|s| s.0).collect();
    assert_eq!(lines, [0, 1, 2]);
    let joined: String = spans
        .iter()
        .map(|&(l, s, e)| &lay.line_text(&d, l)[s..e])
        .collect();
    assert_eq!(joined, "二三四五六");
}

#[test]
fn regex_over_a_hard_break_leaves_the_newline_out() {
    let d = para("物业\n居民");
    let lay = layout(&d, 40, WidthMode::Narrow);
    let m = find_all(&d, &query("re:业\\s居"))[0];
    assert_eq!(line_spans(&lay, &d, &m), [(0, 3, 6), (1, 0, 3)]);
}

#[test]
fn spans_in_a_later_unit_after_blank_lines() {
    let d = doc(&[
        (UnitKind::Title, "标题物业"),
        (UnitKind::Paragraph, "正文"),
        (UnitKind::Paragraph, "又一段物业"),
    ]);
    let lay = layout(&d, 40, WidthMode::Wide);
    let ms = find_all(&d, &query("物业"));
    for m in &ms {
        let spans = line_spans(&lay, &d, m);
        assert_eq!(spans.len(), 1);
        let (l, s, e) = spans[0];
        assert_eq!(lay.lines[l].unit, m.unit);
        assert_eq!(&lay.line_text(&d, l)[s..e], "物业");
    }
}

#[test]
fn first_from_picks_the_next_match_and_wraps() {
    let d = doc(&[
        (UnitKind::Title, "物业"),
        (UnitKind::Paragraph, "甲物业乙物业"),
    ]);
    let ms = find_all(&d, &query("物业"));
    let from = |unit, offset| first_from(&d, &ms, Pos { unit, offset });
    assert_eq!(from(0, 0), Some(0));
    assert_eq!(from(0, 1), Some(1));
    assert_eq!(from(1, 1), Some(1));
    assert_eq!(from(1, 2), Some(2));
    assert_eq!(from(1, 5), Some(0), "wraps around");
    assert_eq!(from(9, 0), Some(0));
    assert_eq!(first_from(&d, &[], Pos::default()), None);
}
