//! Property tests of the recogniser: generated numbering trees, with false
//! friends inserted, come back as the outline they were written from.

use super::*;

fn han(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match (n / 10, n % 10) {
        (0, u) => D[u as usize].to_string(),
        (1, u) => format!("十{}", D[u as usize]),
        (t, u) => format!("{}十{}", D[t as usize], D[u as usize]),
    }
}

fn full_width(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
        .collect()
}

/// The marker of level `depth` (0..4) for number `n`, in one of the
/// usual spellings chosen by `v`.
fn numbered(depth: usize, n: u32, v: u8) -> String {
    match (depth, v % 3) {
        (0, _) => format!("{}、", han(n)),
        (1, 0 | 1) => format!("（{}）", han(n)),
        (1, _) => format!("({})", han(n)),
        (2, 0) => format!("{n}."),
        (2, 1) => format!("{n}．"),
        (2, _) => format!("{}．", full_width(n)),
        (_, 0 | 1) => format!("（{n}）"),
        _ => format!("（{}）", full_width(n)),
    }
}

/// Sentences of running text, some with numbers inside.
const FILLER: [&str; 6] = [
    "坚持稳中求进工作总基调。",
    "全市一、二十个村完成了改造。",
    "投入资金3.5亿元，惠及群众1.2万人。",
    "今年一、二月份工业增加值增长较快。",
    "其中（一）类问题已全部整改。",
    "2024年完成改造小区56个。",
];

/// Paragraphs that start with a number that is not a section number.
const FALSE_STARTS: [&str; 9] = [
    "一、二十个村完成了改造。",
    "三、四月份雨水偏多。",
    "一、二、三等奖各一名。",
    "3.5亿元资金全部到位。",
    "1、2号楼已经完工。",
    "2024年完成改造小区56个。",
    "（2024）12号文件已印发。",
    "第一节课上，老师讲了党史。",
    "十、百、千是数位。",
];

/// A document tree as `(depth, filler)` per section, each section's
/// depth at most one more than the one before it.
fn tree() -> impl Strategy<Value = Vec<(usize, usize, u8)>> {
    prop::collection::vec((0usize..4, 0usize..FILLER.len(), any::<u8>()), 1..40).prop_map(|raw| {
        let mut out = Vec::new();
        let mut prev: Option<usize> = None;
        for (d, f, v) in raw {
            let d = prev.map_or(0, |p| d.min(p + 1));
            out.push((d, f, v));
            prev = Some(d);
        }
        out
    })
}

/// Lays a tree out as paragraphs: each section a numbered paragraph
/// (numbers restarting under each parent), then a filler paragraph.
fn write(tree: &[(usize, usize, u8)]) -> (Doc, Vec<(usize, String)>) {
    let mut counters = [0u32; 4];
    let mut units = Vec::new();
    let mut want = Vec::new();
    for &(d, f, v) in tree {
        counters[d] += 1;
        for c in &mut counters[d + 1..] {
            *c = 0;
        }
        let marker = numbered(d, counters[d], v);
        units.push(para(&format!(
            "{marker}第{}项工作。{}",
            counters[d], FILLER[f]
        )));
        units.push(para(FILLER[f]));
        want.push((d, format!("{marker}第{}项工作", counters[d])));
    }
    (doc(units), want)
}

proptest! {
    #[test]
    fn well_numbered_documents_are_found_exactly(t in tree()) {
        let (d, want) = write(&t);
        prop_assert_eq!(shape(&d), want);
    }

    #[test]
    fn false_friends_between_sections_change_nothing(
        t in tree(),
        friends in prop::collection::vec((0usize..FALSE_STARTS.len(), 0usize..80), 0..12),
    ) {
        let (d, want) = write(&t);
        let mut units = d.units[1..].to_vec();
        for (f, at) in friends {
            units.insert(at.min(units.len()), para(FALSE_STARTS[f]));
        }
        prop_assert_eq!(shape(&doc(units)), want);
    }

    #[test]
    fn any_text_gives_a_consistent_outline(
        texts in prop::collection::vec(
            ("[一二三十（）()1-9.．、第章节条 总则要求。]{0,12}", any::<bool>()),
            0..30,
        )
    ) {
        let units = texts
            .iter()
            .map(|(t, h)| if *h { heading(t) } else { para(t) })
            .collect();
        let o = Outline::of(&doc(units));
        for (i, s) in o.sections.iter().enumerate() {
            match s.parent {
                Some(p) => {
                    prop_assert!(p < i);
                    prop_assert_eq!(o.sections[p].depth + 1, s.depth);
                }
                None => prop_assert_eq!(s.depth, 0),
            }
            if i > 0 {
                prop_assert!(o.sections[i - 1].unit < s.unit);
            }
            prop_assert_eq!(o.at(s.start()), Some(i));
        }
    }
}
