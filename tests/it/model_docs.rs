//! The examples in docs/format.md load, and say what the text says of them.

use bulletin::model::{group, load_bytes};
use bulletin::text::sanitize::{REMOVED, UNSEEN};

/// The bodies of the fenced blocks with the given info string.
fn blocks(doc: &str, info: &str) -> Vec<String> {
    let fence = format!("```{info}\n");
    doc.split(&fence)
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap().to_owned())
        .collect()
}

#[test]
fn the_format_examples_load() {
    let doc = std::fs::read_to_string("docs/format.md").unwrap();
    let json = blocks(&doc, "json");
    let example = json.last().expect("a complete example");
    let archive = load_bytes("example.json", example.as_bytes()).unwrap();
    assert_eq!(archive.key.as_deref(), Some("zhongyuan-bulletin-2023"));
    assert_eq!(archive.articles.len(), 2);
    assert_eq!(archive.articles[1].extra["reviewed_by"], "编辑部");
    let g = group(&archive);
    assert_eq!(g.districts[0].district_level, [0]);
    assert_eq!(g.districts[0].subdistricts[0].name, "须水街道");

    let lines = blocks(&doc, "text");
    let jsonl = lines.last().expect("a JSON Lines example");
    let from_lines = load_bytes("example.jsonl", jsonl.as_bytes()).unwrap();
    assert_eq!(from_lines.title, "example");
    let ids: Vec<&str> = from_lines.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["zy-001", "zy-002"]);
}

/// The id rule in docs/format.md lists every range of removed characters,
/// then the other unseen ones, then the noncharacters.
#[test]
fn the_id_section_lists_every_removed_range() {
    let doc = std::fs::read_to_string("docs/format.md").unwrap();
    let section = doc.split("\n## Ids\n").nth(1).expect("an Ids section");
    let section = section.split("\n## ").next().unwrap();
    let listed: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| U+"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let mut wanted: Vec<String> = (REMOVED.iter().chain(UNSEEN))
        .map(|&(lo, hi)| match lo == hi {
            true => format!("{:04X}", lo as u32),
            false => format!("{:04X}–{:04X}", lo as u32, hi as u32),
        })
        .collect();
    wanted.push("FDD0–FDEF,".into());
    assert_eq!(listed, wanted);
}
