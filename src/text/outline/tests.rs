use super::*;
use proptest::prelude::*;

fn unit(kind: UnitKind, text: &str) -> Unit {
    Unit::new(kind, Some(0), text)
}

fn para(text: &str) -> Unit {
    unit(UnitKind::Paragraph, text)
}

fn heading(text: &str) -> Unit {
    unit(UnitKind::Heading, text)
}

fn doc(units: Vec<Unit>) -> Doc {
    let mut all = vec![Unit::new(UnitKind::Title, None, "标题")];
    all.extend(units);
    Doc { units: all }
}

/// `(depth, label)` of every section.
fn shape(doc: &Doc) -> Vec<(usize, String)> {
    Outline::of(doc)
        .sections
        .iter()
        .map(|s| (s.depth, s.label()))
        .collect()
}

fn owned(v: &[(usize, &str)]) -> Vec<(usize, String)> {
    v.iter().map(|(d, s)| (*d, s.to_string())).collect()
}

#[test]
fn headings_then_numbered_paragraphs_beneath_them() {
    // The shape of a real government report: numbered headings, then
    // paragraphs that open with a numbered heading sentence.
    let d = doc(vec![
        para("同志们：现在，我代表国务院作报告。"),
        heading("一、过去一年的工作"),
        para("一年来，我们主要做了以下工作。"),
        para("（一）加大宏观调控力度。实施积极的财政政策。"),
        para("（二）深化重点领域改革。加快转变政府职能。"),
        heading("二、今年工作总体部署"),
        para("（一）坚持稳中求进。统筹国内国际两个大局。"),
        para("1.稳定经济增长。扩大有效投资。"),
        para("2.优化营商环境。深化“放管服”改革。"),
        para("（二）扩大内需。"),
    ]);
    assert_eq!(
        shape(&d),
        owned(&[
            (0, "一、过去一年的工作"),
            (1, "（一）加大宏观调控力度"),
            (1, "（二）深化重点领域改革"),
            (0, "二、今年工作总体部署"),
            (1, "（一）坚持稳中求进"),
            (2, "1.稳定经济增长"),
            (2, "2.优化营商环境"),
            (1, "（二）扩大内需"),
        ])
    );
    let o = Outline::of(&d);
    assert_eq!(o.sections[5].parent, Some(4));
    assert_eq!(o.path(5), vec![3, 4, 5]);
    // `（一）加大宏观调控力度。` is the heading: number, title, full stop.
    assert_eq!(
        o.sections[1].head_end,
        "（一）加大宏观调控力度。".chars().count()
    );
}

#[test]
fn without_headings_numbered_paragraphs_make_the_outline() {
    let d = doc(vec![
        para("为做好今年工作，特制定本方案。"),
        para("一、总体要求"),
        para("坚持以人民为中心。"),
        para("二、主要任务"),
        para("（一）完善基础设施。"),
        para("1．改造老旧小区。"),
        para("（1）加装电梯。"),
        para("（2）改造管网。"),
        para("2．建设停车设施。"),
        para("（二）提升服务。"),
        para("三、保障措施"),
    ]);
    assert_eq!(
        shape(&d),
        owned(&[
            (0, "一、总体要求"),
            (0, "二、主要任务"),
            (1, "（一）完善基础设施"),
            (2, "1．改造老旧小区"),
            (3, "（1）加装电梯"),
            (3, "（2）改造管网"),
            (2, "2．建设停车设施"),
            (1, "（二）提升服务"),
            (0, "三、保障措施"),
        ])
    );
}

#[test]
fn numbers_inside_sentences_and_out_of_sequence_are_not_sections() {
    let d = doc(vec![
        para("全市一、二十个村完成了改造，（一）类问题已解决。"),
        para("一、二十个村完成了改造。"),
        para("3.5亿元资金全部到位。"),
        para("2．这一段的编号没有从1开始。"),
        para("（三）同样没有从头开始。"),
        para("一、第一部分"),
        para("四、跳过两个编号的不算。"),
        para("五、这个也不算。"),
        para("二、第二部分"),
    ]);
    assert_eq!(
        shape(&d),
        owned(&[(0, "一、第一部分"), (0, "二、第二部分")])
    );
}

/// Issue 20, finding 5: in the 2016 and 2021 work reports the first
/// heading's number is followed by a year (`一、2015年工作回顾`), which was
/// read as a quantity (`3.5亿`), so `一、` lost its number and `二、`, `三、`
/// nested beneath it.
#[test]
fn a_heading_number_followed_by_a_year_or_a_quote_keeps_its_level() {
    let d = doc(vec![
        para("各位代表："),
        heading("一、2015年工作回顾"),
        para("（一）稳增长。经济运行保持在合理区间。"),
        heading("二、“十三五”时期主要目标任务和重大举措"),
        para("（一）主要目标。到2020年全面建成小康社会。"),
        heading("三、2016年重点工作"),
        para("（一）稳定和完善宏观经济政策。"),
        para("（二）加强供给侧结构性改革。"),
    ]);
    assert_eq!(
        shape(&d),
        owned(&[
            (0, "一、2015年工作回顾"),
            (1, "（一）稳增长"),
            (0, "二、“十三五”时期主要目标任务和重大举措"),
            (1, "（一）主要目标"),
            (0, "三、2016年重点工作"),
            (1, "（一）稳定和完善宏观经济政策"),
            (1, "（二）加强供给侧结构性改革"),
        ])
    );
    let o = Outline::of(&d);
    let crumbs: Vec<&str> = o.path(6).iter().map(|&i| o.sections[i].short()).collect();
    assert_eq!(crumbs, ["三、", "（二）"]);
}

#[test]
fn one_missing_number_is_tolerated() {
    let d = doc(vec![
        para("（一）第一项。"),
        para("（三）第二项并入了上一段，编号跳了一个。"),
        para("（四）第四项。"),
    ]);
    assert_eq!(shape(&d).len(), 3);
}

#[test]
fn paragraphs_at_the_headings_level_or_before_them_are_not_sections() {
    let d = doc(vec![
        para("1.前言里的编号不算。"),
        heading("一、总体要求"),
        para("二、与标题同级的段落不算。"),
        para("（一）下一级的算。"),
    ]);
    assert_eq!(
        shape(&d),
        owned(&[(0, "一、总体要求"), (1, "（一）下一级的算")])
    );
}

#[test]
fn headings_without_numbers_take_the_level_of_the_heading_before() {
    let d = doc(vec![
        heading("开展主题活动"),
        para("（一）组织学习。"),
        heading("强化阵地建设"),
        heading("三、第三部分"),
        heading("结束语"),
    ]);
    assert_eq!(
        shape(&d),
        owned(&[
            (0, "开展主题活动"),
            (1, "（一）组织学习"),
            (0, "强化阵地建设"),
            (1, "三、第三部分"),
            (1, "结束语"),
        ])
    );
    assert_eq!(Outline::of(&d).sections[0].short(), "开展主题活动");
}

#[test]
fn chapters_sections_and_articles_of_a_regulation() {
    let d = doc(vec![
        para("第一章 总则"),
        para("第一条　为了规范管理，制定本办法。"),
        para("第二条　本办法适用于本区。"),
        para("第二章　管理职责"),
        para("第一节 街道职责"),
        para("第三条　街道负责下列工作："),
        para("（一）组织实施；"),
        para("（二）监督检查。"),
        para("第四条　社区协助街道工作。"),
    ]);
    assert_eq!(
        shape(&d),
        owned(&[
            (0, "第一章 总则"),
            (1, "第一条 为了规范管理，制定本办法"),
            (1, "第二条 本办法适用于本区"),
            (0, "第二章 管理职责"),
            (1, "第一节 街道职责"),
            (2, "第三条 街道负责下列工作："),
            (3, "（一）组织实施"),
            (3, "（二）监督检查"),
            (2, "第四条 社区协助街道工作"),
        ])
    );
}

#[test]
fn traditional_script_and_full_width_digits() {
    let d = doc(vec![
        para("壹、總體要求"),
        para("（壹）堅持黨的領導。"),
        para("貳、主要任務"),
        para("（１）全角數字。"),
        para("（２）第二項。"),
        para("１．第一點。"),
    ]);
    assert_eq!(
        shape(&d),
        owned(&[
            (0, "壹、總體要求"),
            (1, "（壹）堅持黨的領導"),
            (0, "貳、主要任務"),
            (1, "（１）全角數字"),
            (1, "（２）第二項"),
            (1, "１．第一點"),
        ])
    );
}

#[test]
fn queries_by_position() {
    let d = doc(vec![
        heading("一、甲"),  // unit 1
        para("正文。"),     // 2
        para("（一）乙。"), // 3
        para("正文。"),     // 4
        heading("二、丙"),  // 5
        para("（一）丁。"), // 6
    ]);
    let o = Outline::of(&d);
    let at = |unit, offset| Pos { unit, offset };
    assert_eq!(o.at(at(0, 3)), None);
    assert_eq!(o.at(at(1, 0)), Some(0));
    assert_eq!(o.at(at(4, 2)), Some(1));
    assert_eq!(o.next(at(0, 0), None), Some(0));
    assert_eq!(o.next(at(1, 0), None), Some(1));
    assert_eq!(o.next(at(1, 0), Some(0)), Some(2));
    assert_eq!(o.next(at(6, 0), None), None);
    assert_eq!(o.prev(at(4, 1), None), Some(1), "inside: its own start");
    assert_eq!(
        o.prev(at(3, 0), None),
        Some(0),
        "at a start: the one before"
    );
    assert_eq!(o.prev(at(6, 0), Some(0)), Some(2));
    assert_eq!(o.prev(at(1, 0), None), None);
}

#[test]
fn place_counts_paragraphs_within_the_innermost_section() {
    let d = doc(vec![
        para("前言。"),                                    // 1: paragraph 1 of the document
        heading("一、甲"),                                 // 2
        para("正文。"),                                    // 3: paragraph 1 of 一、
        para("（一）乙。正文。"),                          // 4: paragraph 1 of （一）
        Unit::new(UnitKind::Caption, Some(0), "图片说明"), // 5
        para("正文。"),                                    // 6: paragraph 2 of （一）
    ]);
    let o = Outline::of(&d);
    let at = |unit| o.place(&d, Pos { unit, offset: 1 });
    assert_eq!(at(1), (vec![], Some(1)));
    assert_eq!(at(2), (vec![0], None), "a heading: no paragraph");
    assert_eq!(at(3), (vec![0], Some(1)));
    assert_eq!(at(4), (vec![0, 1], Some(1)));
    assert_eq!(at(5), (vec![0, 1], None), "a caption: no paragraph");
    assert_eq!(at(6), (vec![0, 1], Some(2)));
    assert_eq!(at(0), (vec![], None), "the title");
}

/// `n` in Chinese numerals, as documents write it (1..=99).
mod props;
