//! Search over the bundled sample archive: the "done when" case of issue 4.

use bulletin::model::{article_doc, load_sample};
use bulletin::text::search::{Query, SearchIndex, line_spans};
use bulletin::text::{Doc, WidthMode, layout};

/// 棉纺路街道's report, “社区+物业+居民” 强化党建引领基层治理.
fn mianfanglu() -> Doc {
    let archive = load_sample().expect("sample loads");
    let article = archive
        .articles
        .iter()
        .find(|a| a.id == "97223e74")
        .expect("sample article 97223e74");
    assert_eq!(article.subdistrict.as_deref(), Some("棉纺路街道"));
    article_doc(article)
}

fn query(q: &str) -> Query {
    Query::parse(q).unwrap().unwrap()
}

/// Counted by hand: `sed -n 104,131p sample-data/zhongyuan.json | grep -o
/// 物业 | wc -l` (the article's lines, title included) gives 14.
const WUYE_IN_MIANFANGLU: usize = 14;

#[test]
fn finds_every_wuye_in_mianfanglu() {
    let doc = mianfanglu();
    let ms = SearchIndex::new(&doc).find_all(&query("物业"));
    assert_eq!(ms.len(), WUYE_IN_MIANFANGLU);
    for m in &ms {
        assert_eq!(&doc.units[m.unit].text[m.start..m.end], "物业");
    }
    // One of them is in the title.
    assert_eq!(ms[0].unit, 0);
}

#[test]
fn every_wuye_is_highlighted_at_40_columns_and_in_wide_mode() {
    let doc = mianfanglu();
    let ms = SearchIndex::new(&doc).find_all(&query("物业"));
    for (width, mode) in [
        (40, WidthMode::Narrow),
        (40, WidthMode::Wide),
        (80, WidthMode::Wide),
        (7, WidthMode::Narrow),
    ] {
        let lay = layout(&doc, width, mode);
        let mut split = 0;
        for m in &ms {
            let spans = line_spans(&lay, &doc, m);
            split += usize::from(spans.len() > 1);
            let shown: String = spans
                .iter()
                .map(|&(l, s, e)| &lay.line_text(&doc, l)[s..e])
                .collect();
            assert_eq!(shown, "物业", "at {width} {mode:?}");
        }
        if width == 7 {
            // 3 Han characters a line (6 columns): some 物业 must straddle.
            assert!(split > 0);
        }
    }
}

#[test]
fn full_width_comma_finds_the_samples_ascii_comma() {
    // The sample writes `全覆盖,提升` with an ASCII comma.
    let doc = mianfanglu();
    let index = SearchIndex::new(&doc);
    let ms = index.find_all(&query("全覆盖，提升"));
    assert_eq!(ms.len(), 1);
    let m = ms[0];
    assert_eq!(&doc.units[m.unit].text[m.start..m.end], "全覆盖,提升");
}

#[test]
fn regex_alternation_counts_both_words() {
    let doc = mianfanglu();
    let index = SearchIndex::new(&doc);
    let both = index.find_all(&query("re:物业|居民")).len();
    let jumin = index.find_all(&query("居民")).len();
    assert!(jumin > 0);
    assert_eq!(both, WUYE_IN_MIANFANGLU + jumin);
}
