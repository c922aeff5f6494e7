//! Search speed on a 1 MiB article (issue 4: under 5 ms per keystroke at
//! the median). Run with `cargo bench --bench search`, or
//! `scripts/bench-search` to compare with `grep -o QUERY | wc -l`.
//!
//! The article is SYNTHETIC: deterministic pseudo-random paragraphs built
//! from a small vocabulary of bulletin words (Han, full- and half-width
//! punctuation, a few Latin and digit tokens), so every run and machine
//! searches the same text.
//!
//! With `BULLETIN_BENCH_DUMP=PATH` the binary instead writes the article's
//! units to PATH, one per line, prints the match count of each query, and
//! exits (used by `scripts/bench-search`).

use std::sync::LazyLock;

use bulletin::text::search::{Query, SearchIndex};
use bulletin::text::{Doc, Unit, UnitKind};

/// Size of the synthetic article's text, in bytes.
const ARTICLE_BYTES: usize = 1 << 20;

/// What one keystroke costs: 1, 2 and 4 characters, and a regex.
const QUERIES: [&str; 4] = ["物", "物业", "物业服务", "re:物业|居民"];

const WORDS: &[&str] = &[
    "社区",
    "物业",
    "居民",
    "服务",
    "党建",
    "引领",
    "基层",
    "治理",
    "街道",
    "开展",
    "活动",
    "工作",
    "群众",
    "提升",
    "水平",
    "推进",
    "组织",
    "志愿者",
    "环境",
    "整治",
    "小区",
    "安全",
    "检查",
    "疫情",
    "防控",
    "文明",
    "创建",
    "宣传",
    "政策",
    "落实",
    "管理",
    "问题",
    "解决",
    "幸福感",
    "获得感",
    "老旧",
    "改造",
    "物品",
    "业主",
    "委员会",
    "协商",
    "议事",
    "中原区",
    "棉纺路",
    "APP",
    "5G",
    "２０２１年",
    "１２月",
    "Wi-Fi",
];
const PUNCT: &[&str] = &["，", "。", "、", "；", "：", ",", "“", "”", "（", "）"];

/// A small xorshift generator: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn paragraph(rng: &mut Rng) -> String {
    let target = 150 + rng.below(900);
    let mut p = String::new();
    while p.len() < target {
        p.push_str(WORDS[rng.below(WORDS.len())]);
        if rng.below(5) == 0 {
            p.push_str(PUNCT[rng.below(PUNCT.len())]);
        }
    }
    p.push('。');
    p
}

/// The synthetic 1 MiB article (see the module doc).
fn synthetic_article() -> Doc {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut units = vec![Unit::new(UnitKind::Title, None, "（合成）社区物业服务报告")];
    let mut bytes = units[0].text.len();
    while bytes < ARTICLE_BYTES {
        let kind = if rng.below(12) == 0 {
            UnitKind::Heading
        } else {
            UnitKind::Paragraph
        };
        let text = paragraph(&mut rng);
        bytes += text.len();
        units.push(Unit::new(kind, Some(units.len()), text));
    }
    Doc { units }
}

static DOC: LazyLock<Doc> = LazyLock::new(synthetic_article);
static INDEX: LazyLock<SearchIndex> = LazyLock::new(|| SearchIndex::new(&DOC));

fn main() {
    if let Some(path) = std::env::var_os("BULLETIN_BENCH_DUMP") {
        dump(&path);
        return;
    }
    LazyLock::force(&INDEX);
    divan::main();
}

fn dump(path: &std::ffi::OsStr) {
    let text: String = DOC.units.iter().map(|u| u.text.clone() + "\n").collect();
    std::fs::write(path, &text).expect("write the synthetic article");
    println!("bytes\t{}", text.len());
    for q in QUERIES {
        let query = Query::parse(q).unwrap().unwrap();
        println!("count\t{q}\t{}", INDEX.find_all(&query).len());
    }
}

/// Once per opened article.
#[divan::bench(sample_count = 20)]
fn build_index() -> SearchIndex {
    SearchIndex::new(divan::black_box(&DOC))
}

/// One keystroke: parse the prompt's text, then find every match.
#[divan::bench(args = QUERIES)]
fn keystroke(q: &str) -> usize {
    let query = Query::parse(divan::black_box(q)).unwrap().unwrap();
    INDEX.find_all(&query).len()
}
