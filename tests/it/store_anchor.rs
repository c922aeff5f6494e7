//! Anchors: made on one version of an article's text units, resolved on
//! another (unchanged, moved, edited around, gone, malformed).

use bulletin::store::{Resolved, make_anchor, resolve, snippet};
use proptest::prelude::*;

const TITLE: &str = "西流湖街道：全力推进城市更新";
const P1: &str =
    "　　今年以来，西流湖街道坚持以党建为引领，聚焦群众急难愁盼问题，扎实推进老旧小区改造。";
const P2: &str =
    "　　街道成立工作专班，逐楼逐户走访，收集意见建议三百余条，形成问题清单和责任清单。";
const P3: &str = "　　下一步，街道将持续完善基础设施，提升居民的获得感、幸福感、安全感。";

fn doc() -> Vec<&'static str> {
    vec![TITLE, P1, P2, P3]
}

/// Char offset of `needle` in `text`.
fn char_pos(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle in text")]
        .chars()
        .count()
}

#[test]
fn unchanged_text_resolves_exactly() {
    let units = doc();
    for (unit, offset) in [(0, 0), (1, 5), (2, char_pos(P2, "三百余条")), (3, 0)] {
        let a = make_anchor("a1", &units, unit, offset);
        assert_eq!(resolve(&a, &units), Resolved::Exact { unit, offset });
    }
}

#[test]
fn anchor_at_end_of_unit_resolves() {
    let units = doc();
    let end = P3.chars().count();
    let a = make_anchor("a1", &units, 3, end);
    assert_eq!(
        resolve(&a, &units),
        Resolved::Exact {
            unit: 3,
            offset: end
        }
    );
    let moved = vec![TITLE, P1, "插入的新段落。", P2, P3];
    assert_eq!(
        resolve(&a, &moved),
        Resolved::Moved {
            unit: 4,
            offset: end
        }
    );
}

#[test]
fn paragraph_inserted_before_moves_the_anchor() {
    let offset = char_pos(P2, "收集意见");
    let a = make_anchor("a1", &doc(), 2, offset);
    let units = vec![TITLE, "　　（新增导语）本报讯。", P1, P2, P3];
    assert_eq!(resolve(&a, &units), Resolved::Moved { unit: 3, offset });
}

#[test]
fn paragraph_removed_before_moves_the_anchor_back() {
    let offset = char_pos(P3, "完善基础设施");
    let a = make_anchor("a1", &doc(), 3, offset);
    let units = vec![TITLE, P2, P3];
    assert_eq!(resolve(&a, &units), Resolved::Moved { unit: 2, offset });
}

#[test]
fn text_inserted_earlier_in_the_unit_shifts_the_offset() {
    let offset = char_pos(P2, "形成问题清单");
    let a = make_anchor("a1", &doc(), 2, offset);
    let edited = P2.replace("工作专班", "由书记牵头的工作专班");
    let units = vec![TITLE, P1, edited.as_str(), P3];
    let want = char_pos(&edited, "形成问题清单");
    assert_eq!(want, offset + 6);
    assert_eq!(
        resolve(&a, &units),
        Resolved::Moved {
            unit: 2,
            offset: want
        }
    );
}

#[test]
fn text_edited_just_before_the_anchor_is_found_by_the_after_part() {
    let offset = char_pos(P2, "收集意见");
    let a = make_anchor("a1", &doc(), 2, offset);
    let edited = P2.replace("逐楼逐户走访，", "挨家挨户上门，");
    let units = vec![TITLE, P1, edited.as_str(), P3];
    let want = char_pos(&edited, "收集意见");
    assert_eq!(
        resolve(&a, &units),
        Resolved::Moved {
            unit: 2,
            offset: want
        }
    );
}

#[test]
fn text_edited_just_after_the_anchor_is_found_by_the_before_part() {
    let offset = char_pos(P2, "收集意见");
    let a = make_anchor("a1", &doc(), 2, offset);
    let edited = P2.replace("收集意见建议三百余条，形成", "共收到反馈五百条并据此形成");
    let units = vec![TITLE, P1, edited.as_str(), P3];
    let want = char_pos(&edited, "共收到");
    assert_eq!(
        resolve(&a, &units),
        Resolved::Moved {
            unit: 2,
            offset: want
        }
    );
}

#[test]
fn text_moved_to_another_unit_is_found() {
    let offset = char_pos(P1, "老旧小区改造");
    let a = make_anchor("a1", &doc(), 1, offset);
    let merged = format!("{P2}{P1}");
    let units = vec![TITLE, merged.as_str(), P3];
    // Same unit index, but the sentence now follows P2's text.
    let want = char_pos(&merged, "老旧小区改造");
    assert_eq!(
        resolve(&a, &units),
        Resolved::Moved {
            unit: 1,
            offset: want
        }
    );
    let split = vec![TITLE, "　　开头。", "　　另一段。", P1];
    assert_eq!(resolve(&a, &split), Resolved::Moved { unit: 3, offset });
}

#[test]
fn of_several_matches_the_nearest_one_wins() {
    let text = "甲乙丙丁戊己庚辛壬癸。甲乙丙丁戊己庚辛壬癸。甲乙丙丁戊己庚辛壬癸。";
    let a = make_anchor("a1", &[text], 0, 22);
    // Two chars dropped at the start: every copy shifts by two.
    let units = [&text[6..]];
    assert_eq!(
        resolve(&a, &units),
        Resolved::Moved {
            unit: 0,
            offset: 20
        }
    );
    // A match in the anchor's own unit beats an exact-looking one elsewhere.
    let b = make_anchor("a1", &["x", text], 1, 22);
    let units = [text, &text[6..]];
    assert_eq!(
        resolve(&b, &units),
        Resolved::Moved {
            unit: 1,
            offset: 20
        }
    );
}

#[test]
fn gone_text_is_detached() {
    let offset = char_pos(P2, "收集意见");
    let a = make_anchor("a1", &doc(), 2, offset);
    let units = vec![TITLE, P1, "　　全新的内容，与原文毫无关系。", P3];
    assert_eq!(resolve(&a, &units), Resolved::Detached);
    assert_eq!(resolve(&a, &[]), Resolved::Detached);
}

#[test]
fn units_out_of_range_are_searched_or_detached() {
    let offset = char_pos(P3, "幸福感");
    let a = make_anchor("a1", &doc(), 3, offset);
    // The unit index is past the end now, but the text is still there.
    let units = vec![P3];
    assert_eq!(resolve(&a, &units), Resolved::Moved { unit: 0, offset });
    let units = vec![TITLE];
    assert_eq!(resolve(&a, &units), Resolved::Detached);
}

#[test]
fn offsets_past_the_end_are_clamped_or_tolerated() {
    let units = doc();
    let a = make_anchor("a1", &units, 99, 999);
    let end = P3.chars().count();
    assert_eq!((a.unit, a.offset), (3, end));
    assert_eq!(
        resolve(&a, &units),
        Resolved::Exact {
            unit: 3,
            offset: end
        }
    );
    // A hand-made (or stale) anchor whose offset is past the end of its unit.
    let mut stale = make_anchor("a1", &units, 1, 3);
    stale.offset = 500;
    assert!(matches!(
        resolve(&stale, &units),
        Resolved::Moved { unit: 1, .. }
    ));
}

#[test]
fn empty_units_and_documents() {
    let a = make_anchor("a1", &[], 3, 7);
    assert_eq!((a.unit, a.offset, a.fingerprint.as_str()), (0, 0, ""));
    assert_eq!(resolve(&a, &[]), Resolved::Detached);
    let units = ["", P1];
    let a = make_anchor("a1", &units, 0, 4);
    assert_eq!(resolve(&a, &units), Resolved::Exact { unit: 0, offset: 0 });
    // An empty fingerprint matches nothing once the unit has text.
    assert_eq!(resolve(&a, &[P2, P1]), Resolved::Detached);
    let b = make_anchor("a1", &units, 1, 2);
    assert_eq!(
        resolve(&b, &["", "", P1]),
        Resolved::Moved { unit: 2, offset: 2 }
    );
}

#[test]
fn snippets_collapse_whitespace_and_stop_at_max() {
    assert_eq!(snippet(&[P1], 0, 0, 6), "今年以来，西");
    assert_eq!(snippet(&["a  b\n\nc"], 0, 0, 10), "a b c");
    assert_eq!(snippet(&["abc"], 5, 0, 10), "");
}

fn han_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(0x4e00u32..0x9fa5, 0..max)
        .prop_map(|v| v.into_iter().filter_map(char::from_u32).collect())
}

proptest! {
    #[test]
    fn resolve_of_a_fresh_anchor_is_exact(
        units in proptest::collection::vec(han_text(60), 1..6),
        unit in 0usize..8,
        offset in 0usize..80,
    ) {
        let refs: Vec<&str> = units.iter().map(String::as_str).collect();
        let a = make_anchor("x", &refs, unit, offset);
        prop_assert!(a.unit < refs.len());
        prop_assert!(a.offset <= refs[a.unit].chars().count());
        prop_assert_eq!(resolve(&a, &refs), Resolved::Exact { unit: a.unit, offset: a.offset });
    }

    #[test]
    fn a_unit_inserted_before_shifts_the_anchor(
        units in proptest::collection::vec(han_text(60), 1..6),
        unit in 0usize..6,
        offset in 0usize..60,
        inserted in "[a-z ]{0,40}",
    ) {
        let refs: Vec<&str> = units.iter().map(String::as_str).collect();
        let a = make_anchor("x", &refs, unit, offset);
        prop_assume!(a.fingerprint.chars().count() >= 4);
        let mut shifted = refs.clone();
        shifted.insert(a.unit, &inserted);
        prop_assert_eq!(
            resolve(&a, &shifted),
            Resolved::Moved { unit: a.unit + 1, offset: a.offset }
        );
    }
}
