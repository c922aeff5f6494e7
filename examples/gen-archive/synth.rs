//! SYNTHETIC archive content: deterministic pseudo-random bulletins built
//! from small vocabularies (shared by `examples/gen-archive` and
//! `benches/scale.rs`, which includes this file by path).
//!
//! The generator is a hand-written SplitMix64 so that a seed gives the same
//! archive on every machine and with every version of every crate (`rand`
//! does not promise stable streams across versions).

use std::sync::LazyLock;

use bulletin::model::{Article, Block, Byline};
use serde_json::Map;

/// SplitMix64: tiny, fast, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    /// True with probability `1 / n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLACE: &str = "中原 二七 金水 惠济 管城 上街 高新 经开 郑东 航空港 新郑 登封 荥阳 新密 巩义 中牟 龙湖 白沙 须水 桐柏 \
    棉纺 林山寨 秦岭 汝河 建设 三官庙 绿东村 航海 莲湖 淮河 京广 福华 德化 铭功 大学路 长江 嵩山 侯寨 马寨 \
    花园 丰产 文化 杜岭 未来 南阳 紫荆山 商城 城东 北下街 西大街 陇海 圃田 祭城 博学";
const DISTRICT_SUFFIX: &str = "区 区 区 县 市";
const SUB_SUFFIX: &str = "街道 街道 街道 镇 乡 办事处";

const WORDS: &str = "社区 物业 居民 服务 党建 引领 基层 治理 街道 开展 活动 工作 群众 提升 水平 推进 组织 志愿者 环境 整治 \
    小区 安全 检查 防汛 文明 创建 宣传 政策 落实 管理 问题 解决 幸福感 获得感 老旧 改造 业主 委员会 协商 \
    议事 网格员 便民 服务站 养老 托育 垃圾分类 消防 演练 就业 培训 企业 项目 建设 优化 营商环境 走访 慰问 \
    困难 家庭 辖区 重点 任务 机制 长效 常态化 精细化 智慧 平台 数据 共建 共治 共享 有序 全面 持续 深入";
const LATIN: &str = "APP 5G Wi-Fi PM2.5 GDP 12345 110 LED AI 3.6万元 85% 2.4公里 \
    １２３４５ ＡＰＰ O2O QR码 120 No.3";
const COMMA: &str = "， ， ， 、 ； ： ,";
const STOP: &str = "。 。 。 。 ！ ； ？ ……";
const SURNAME: &str =
    "张 王 李 赵 刘 陈 杨 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹";
const GIVEN: &str = "改华 黎 蒙 伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 建国 春梅 \
    志强";
const NUMERALS: &str =
    "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十";

/// The lists above, split at spaces.
struct Vocab {
    place: Vec<&'static str>,
    district_suffix: Vec<&'static str>,
    sub_suffix: Vec<&'static str>,
    words: Vec<&'static str>,
    latin: Vec<&'static str>,
    comma: Vec<&'static str>,
    stop: Vec<&'static str>,
    surname: Vec<&'static str>,
    given: Vec<&'static str>,
    numerals: Vec<&'static str>,
}

static V: LazyLock<Vocab> = LazyLock::new(|| Vocab {
    place: PLACE.split_whitespace().collect(),
    district_suffix: DISTRICT_SUFFIX.split_whitespace().collect(),
    sub_suffix: SUB_SUFFIX.split_whitespace().collect(),
    words: WORDS.split_whitespace().collect(),
    latin: LATIN.split_whitespace().collect(),
    comma: COMMA.split_whitespace().collect(),
    stop: STOP.split_whitespace().collect(),
    surname: SURNAME.split_whitespace().collect(),
    given: GIVEN.split_whitespace().collect(),
    numerals: NUMERALS.split_whitespace().collect(),
});

/// Districts and their subdistricts: `districts` names, each with 6 to 19
/// subdistricts (about 12 on average).
pub struct Places {
    pub districts: Vec<(String, Vec<String>)>,
}

impl Places {
    pub fn new(rng: &mut Rng, districts: usize) -> Places {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        let mut n = 0;
        while out.len() < districts {
            let name = format!(
                "{}{}",
                V.place[n % V.place.len()],
                V.district_suffix[(n / V.place.len()) % V.district_suffix.len()]
            );
            n += 1;
            if out.iter().any(|(d, _)| *d == name) {
                continue;
            }
            let count = 6 + rng.below(14);
            let mut subs: Vec<String> = Vec::new();
            while subs.len() < count {
                let s = format!("{}{}", rng.pick(&V.place), rng.pick(&V.sub_suffix));
                if !subs.contains(&s) {
                    subs.push(s);
                }
            }
            out.push((name, subs));
        }
        Places { districts: out }
    }
}

/// A person's name: surname and one or two given characters.
fn person(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(&V.surname), rng.pick(&V.given))
}

/// One sentence of `words` words with inner punctuation, Latin and digits.
fn sentence(rng: &mut Rng, out: &mut String) {
    let words = 4 + rng.below(14);
    for w in 0..words {
        if rng.one_in(25) {
            out.push_str(rng.pick(&V.latin));
        } else if rng.one_in(40) {
            out.push('“');
            out.push_str(rng.pick(&V.words));
            out.push_str(rng.pick(&V.words));
            out.push('”');
        } else if rng.one_in(200) {
            // A straight quote: JSON must escape it.
            out.push('"');
            out.push_str(rng.pick(&V.words));
            out.push('"');
        } else {
            out.push_str(rng.pick(&V.words));
        }
        if w + 1 < words && rng.one_in(4) {
            out.push_str(rng.pick(&V.comma));
        }
    }
    out.push_str(rng.pick(&V.stop));
}

/// A paragraph of about `chars` characters (at least one sentence).
fn paragraph(rng: &mut Rng, chars: usize) -> String {
    let mut p = String::new();
    while p.chars().count() < chars || p.is_empty() {
        sentence(rng, &mut p);
    }
    p
}

/// A title of 8 to 24 characters, sometimes with a quoted phrase.
fn title(rng: &mut Rng) -> String {
    let mut t = String::new();
    if rng.one_in(6) {
        t.push_str(&format!("“{}{}”", rng.pick(&V.words), rng.pick(&V.words)));
    }
    let target = 8 + rng.below(17);
    while t.chars().count() < target {
        t.push_str(rng.pick(&V.words));
    }
    t
}

/// Body blocks of about `chars` characters; long bodies get numbered
/// headings `一、` and `（一）`.
fn body(rng: &mut Rng, chars: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut done = 0;
    let sectioned = chars > 8000;
    let (mut section, mut sub) = (0, 0);
    while done < chars {
        if sectioned && (done == 0 || rng.one_in(12)) && section < V.numerals.len() {
            let text = format!(
                "{}、{}{}",
                V.numerals[section],
                rng.pick(&V.words),
                rng.pick(&V.words)
            );
            section += 1;
            sub = 0;
            blocks.push(Block::Heading { text });
        } else if sectioned && rng.one_in(5) && sub < V.numerals.len() {
            let text = format!(
                "（{}）{}{}",
                V.numerals[sub],
                rng.pick(&V.words),
                rng.pick(&V.words)
            );
            sub += 1;
            blocks.push(Block::Heading { text });
        }
        let len = 60 + rng.below(300);
        let p = paragraph(rng, len);
        done += p.chars().count();
        blocks.push(Block::Paragraph { text: p });
        if rng.one_in(30) {
            let credit = rng.one_in(2).then(|| format!("通讯员 {} 摄", person(rng)));
            let text = format!("图为{}{}现场", rng.pick(&V.words), rng.pick(&V.words));
            blocks.push(Block::Caption { text, credit });
        }
    }
    blocks
}

/// Body length in characters: mostly 120 to 820; 1 in 100 up to 14 k;
/// 1 in 1,000 up to 100 k (these get numbered headings).
fn body_chars(rng: &mut Rng) -> usize {
    if rng.one_in(1000) {
        20_000 + rng.below(80_000)
    } else if rng.one_in(100) {
        2_000 + rng.below(12_000)
    } else {
        120 + rng.below(700)
    }
}

/// A date between 2015-01-01 and 2023-12-28 (days capped at 28, so every
/// one exists); `None` for 1 in 50.
fn date(rng: &mut Rng) -> Option<String> {
    if rng.one_in(50) {
        return None;
    }
    let (y, m, d) = (2015 + rng.below(9), 1 + rng.below(12), 1 + rng.below(28));
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Article number `n` (ids `syn-0000001`, unique).
pub fn article(rng: &mut Rng, places: &Places, n: usize) -> Article {
    let chars = body_chars(rng);
    article_of(rng, places, n, chars)
}

/// An article whose body holds about `chars` characters.
pub fn article_of(rng: &mut Rng, places: &Places, n: usize, chars: usize) -> Article {
    let (district, subs) = &places.districts[rng.below(places.districts.len())];
    let subdistrict = (!rng.one_in(12)).then(|| subs[rng.below(subs.len())].clone());
    let mut bylines = Vec::new();
    if !rng.one_in(3) {
        let name = person(rng);
        bylines.push(Byline {
            role: "记者".into(),
            name,
        });
        if rng.one_in(2) {
            let name = person(rng);
            bylines.push(Byline {
                role: "通讯员".into(),
                name,
            });
        }
    }
    let source = match rng.below(4) {
        0 => None,
        1 => Some("郑州日报".to_string()),
        _ => Some(format!("{district}融媒体中心")),
    };
    let bulletin = rng
        .one_in(2)
        .then(|| format!("第{}期 第{}版", 1 + rng.below(300), 1 + rng.below(8)));
    Article {
        id: format!("syn-{n:07}"),
        title: title(rng),
        subtitle: rng.one_in(20).then(|| title(rng)),
        district: district.clone(),
        subdistrict,
        date: date(rng),
        source,
        bulletin,
        bylines,
        body: body(rng, chars),
        extra: Map::new(),
    }
}
