//! Versions of an archive file for the app fuzz (`app_props`) to write
//! over one another: the sample, the long reports (sections for the
//! outline keys), an archive with problems (the problems view), one with
//! control characters in its text, the sample with an article gone, one
//! new and one changed, and last a file cut short that cannot be read.

use std::path::Path;
use std::sync::OnceLock;

use bulletin::model::SAMPLE_JSON;

/// How many versions there are; the last cannot be read.
pub const VARIANTS: usize = 6;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

/// The sample with its first article gone, a new one and the third one's
/// first paragraph rewritten.
fn edited_sample() -> String {
    let mut v: serde_json::Value = serde_json::from_str(SAMPLE_JSON).unwrap();
    let articles = v["articles"].as_array_mut().unwrap();
    articles.remove(0);
    let mut new = articles[0].clone();
    new["id"] = "fuzz-new".into();
    new["title"] = "新来的文章".into();
    articles.push(new);
    articles[2]["body"][0]["text"] = "改写过的第一段。".into();
    serde_json::to_string(&v).unwrap()
}

fn variants() -> &'static [String; VARIANTS] {
    static ALL: OnceLock<[String; VARIANTS]> = OnceLock::new();
    ALL.get_or_init(|| {
        [
            SAMPLE_JSON.to_string(),
            fixture("outline/reports.json"),
            fixture("lenient/mixed.json"),
            fixture("good/dirty_text.json"),
            edited_sample(),
            SAMPLE_JSON[..SAMPLE_JSON.len() / 2].to_string(),
        ]
    })
}

/// Replaces the file at `path` with version `n`, the way `bulletin import
/// -o` does (a new file renamed over the old one, so a reader of the old
/// one still reads the old text).
pub fn write(path: &Path, n: usize) {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, &variants()[n]).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}
