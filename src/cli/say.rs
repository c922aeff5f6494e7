//! Every message the command line prints for people, in both languages.
//! JSON output never goes through here: its keys and values stay English.

use crate::lang::Lang;

/// A command-line message, with what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Say {
    /// `bulletin list` was given no archive.
    NeedArchive(&'static str),
    /// `--sample` and an archive both.
    SampleAndArchive,
    /// `show ARCHIVE ID --archive OTHER`.
    ArchiveTwice,
    /// `show ARCHIVE` (or `outline ARCHIVE`) without an id.
    NeedId(&'static str),
    NoSuchId {
        id: String,
        archive: String,
    },
    NoSubdistrict(String),
    /// `bulletin outline` of an article without sections (its title).
    NoSections(String),
    /// `(district-wide)`, the group of articles without a subdistrict
    /// (the reader's word for it).
    DistrictLevel,
    /// `bookmarks` found none at all.
    NoBookmarks,
    /// `bookmarks ARCHIVE` found none for that archive.
    NoBookmarksHere,
    /// The heading of `list`'s broken articles.
    BrokenHeading,
    /// `3 problems in the archive (bulletin check ARCHIVE lists them)`.
    ProblemsNote {
        count: usize,
        archive: String,
    },
    CheckOk {
        path: String,
        articles: usize,
        districts: usize,
        subdistricts: usize,
    },
    CheckSummary {
        path: String,
        problems: usize,
        kinds: usize,
        articles: usize,
        of: usize,
    },
    /// `… and 197 more`.
    More(usize),
    CannotWrite(String),
    NoConfigDir,
    ConfigAbsent(String),
    ConfigOk(String),
    NeedsTerminal,
    /// The reader started on `TERM=dumb`.
    DumbTerminal,
    NotSaved(String),
    NoStore(String),
    TerminalError(String),
    /// `bulletin search` with only facets, or an empty query.
    NothingToSearch,
    /// A date facet on an archive none of whose articles has a date.
    NoDates,
    /// `18 hits in 3 articles`.
    SearchTotals {
        hits: usize,
        articles: usize,
    },
    /// The progress bar's label while the index is built.
    BuildingIndex,
    /// The index could not be built (where, why).
    NoIndex {
        path: String,
        error: String,
    },
    /// The index's text did not match what was written (where).
    IndexDamaged(String),
}

impl Say {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Say::NeedArchive(cmd) if zh => format!(
                "bulletin {cmd} 需要一个档案：bulletin {cmd} 档案文件（或用 --sample 读内置的示例档案）"
            ),
            Say::NeedArchive(cmd) => format!(
                "bulletin {cmd} needs an archive: bulletin {cmd} ARCHIVE \
                 (or --sample for the bundled sample)"
            ),
            Say::SampleAndArchive => lang.pick(
                "--sample 与档案只能选一个".into(),
                "--sample and an archive: give one of them".into(),
            ),
            Say::ArchiveTwice => lang.pick(
                "档案给了两次：用 ARCHIVE 或 --archive 之一".into(),
                "the archive was given twice: as ARCHIVE and with --archive".into(),
            ),
            Say::NeedId(cmd) => lang.pick(
                format!("哪一篇文章？bulletin {cmd} 档案 编号（编号见 bulletin list 档案）"),
                format!("which article? bulletin {cmd} ARCHIVE ID (ids: bulletin list ARCHIVE)"),
            ),
            Say::NoSuchId { id, archive } if zh => {
                format!("{archive} 中没有编号为 {id} 的文章（见 bulletin list {archive}）")
            }
            Say::NoSuchId { id, archive } => {
                format!("no article with id {id} in {archive} (see `bulletin list {archive}`)")
            }
            Say::NoSubdistrict(name) => lang.pick(
                format!("没有名为 {name} 的街道"),
                format!("no subdistrict named {name}"),
            ),
            Say::NoSections(title) => lang.pick(
                format!("《{title}》中没有可识别的章节"),
                format!("no sections found in \"{title}\""),
            ),
            Say::DistrictLevel => lang.pick("（区级）", "(district-wide)").into(),
            Say::NoBookmarks => lang.pick("还没有书签", "no bookmarks yet").into(),
            Say::NoBookmarksHere => lang
                .pick("这个档案还没有书签", "no bookmarks for this archive yet")
                .into(),
            Say::BrokenHeading => lang
                .pick(
                    "无法打开的文章（编号、原因）：",
                    "Broken articles (cannot be opened):",
                )
                .into(),
            // Only the articles' fields are read here; `check` reads every
            // body too, so its count can be larger: say which is which.
            Say::ProblemsNote { count, archive } if zh => format!(
                "文章的字段中有 {count} 个问题，已尽量读出（正文未检查；\
                 bulletin check {archive} 检查全部并逐一列出）"
            ),
            Say::ProblemsNote { count, archive } => {
                let s = if *count == 1 { "" } else { "s" };
                format!(
                    "{count} problem{s} in the articles' fields, read around (bodies not \
                     checked; `bulletin check {archive}` checks everything and lists them)"
                )
            }
            Say::CheckOk {
                path,
                articles,
                districts,
                subdistricts,
            } => lang.pick(
                format!(
                    "{path}：没有问题，{articles} 篇文章，{districts} 个区，{subdistricts} 个街道"
                ),
                format!(
                    "{path}: ok, {articles} {}, {districts} {} and {subdistricts} {}",
                    plural(*articles, "article"),
                    plural(*districts, "district"),
                    plural(*subdistricts, "subdistrict")
                ),
            ),
            Say::CheckSummary {
                path,
                problems,
                kinds,
                articles,
                of,
            } => lang.pick(
                format!(
                    "{path}：共 {problems} 个问题（{kinds} 类），涉及 {of} 篇文章中的 {articles} 篇"
                ),
                format!(
                    "{path}: {problems} {} of {kinds} {}, in {articles} of {of} {}",
                    plural(*problems, "problem"),
                    plural(*kinds, "kind"),
                    plural(*of, "article")
                ),
            ),
            Say::More(n) => lang.pick(format!("……另有 {n} 处"), format!("… and {n} more")),
            Say::CannotWrite(e) => lang.pick(
                format!("无法写出结果：{e}"),
                format!("cannot write output: {e}"),
            ),
            Say::NoConfigDir => lang
                .pick(
                    "没有配置目录，使用内置默认设置",
                    "no configuration directory; built-in defaults are used",
                )
                .into(),
            Say::ConfigAbsent(path) => lang.pick(
                format!("{path}：不存在，使用内置默认设置"),
                format!("{path}: not present; built-in defaults are used"),
            ),
            Say::ConfigOk(path) => lang.pick(format!("{path}：没有问题"), format!("{path}: ok")),
            Say::NeedsTerminal => lang
                .pick(
                    "阅读器需要在终端中运行；在管道中请用 bulletin list 或 bulletin show",
                    "the reader needs a terminal on standard output; \
                     use `bulletin list` or `bulletin show ARCHIVE ID` in pipes",
                )
                .into(),
            Say::DumbTerminal => lang
                .pick(
                    "这个终端（TERM=dumb）不能显示全屏阅读器；请用 bulletin list 查看文章，用 bulletin show 阅读",
                    "this terminal (TERM=dumb) cannot show the full-screen reader; \
                     use `bulletin list` to see the articles and `bulletin show ARCHIVE ID` to read one",
                )
                .into(),
            Say::NotSaved(why) => lang.pick(
                format!("书签或阅读位置没有保存：{why}"),
                format!("bookmarks or reading positions were not saved: {why}"),
            ),
            Say::NoStore(e) => lang.pick(
                format!("书签和阅读位置将不会保存：{e}"),
                format!("bookmarks and positions will not be kept: {e}"),
            ),
            Say::TerminalError(e) => {
                lang.pick(format!("终端出错：{e}"), format!("terminal error: {e}"))
            }
            Say::NothingToSearch => lang
                .pick("没有要搜索的内容", "nothing to search for")
                .into(),
            Say::NoDates => lang
                .pick(
                    "档案中的文章都没有日期，按日期（after:、before:）限定后一篇也不剩",
                    "no article in this archive has a date, so after:/before: leave none to search",
                )
                .into(),
            Say::SearchTotals { hits, articles } => {
                crate::app::i18n::hits_in_articles(lang, *hits, *articles)
            }
            Say::BuildingIndex => lang
                .pick("正在建立搜索索引", "building the search index")
                .into(),
            Say::NoIndex { path, error } => lang.pick(
                format!("没有搜索索引（{path}：{error}），逐篇搜索"),
                format!("no search index ({path}: {error}); searching article by article"),
            ),
            Say::IndexDamaged(path) => lang.pick(
                format!("搜索索引 {path} 已损坏，已删除：受影响的文章已逐篇搜索，结果无误；下次搜索时重建"),
                format!(
                    "the search index {path} is damaged and was removed: the articles it \
                     covered were searched one by one, so the results stand; the next \
                     search builds it again"
                ),
            ),
        }
    }

    /// One of each message, for the test that walks them all.
    pub fn examples() -> Vec<Say> {
        let s = || "a.json".to_string();
        vec![
            Say::NeedArchive("list"),
            Say::SampleAndArchive,
            Say::ArchiveTwice,
            Say::NeedId("show"),
            Say::NoSuchId {
                id: "x".into(),
                archive: s(),
            },
            Say::NoSubdistrict("X".into()),
            Say::NoSections("标题".into()),
            Say::DistrictLevel,
            Say::NoBookmarks,
            Say::NoBookmarksHere,
            Say::BrokenHeading,
            Say::ProblemsNote {
                count: 3,
                archive: s(),
            },
            Say::CheckOk {
                path: s(),
                articles: 5,
                districts: 1,
                subdistricts: 4,
            },
            Say::CheckSummary {
                path: s(),
                problems: 216,
                kinds: 4,
                articles: 54,
                of: 54,
            },
            Say::More(3),
            Say::CannotWrite("broken pipe".into()),
            Say::NoConfigDir,
            Say::ConfigAbsent(s()),
            Say::ConfigOk(s()),
            Say::NeedsTerminal,
            Say::DumbTerminal,
            Say::NotSaved("disk full".into()),
            Say::NoStore("read-only".into()),
            Say::TerminalError("gone".into()),
            Say::NothingToSearch,
            Say::NoDates,
            Say::SearchTotals {
                hits: 18,
                articles: 3,
            },
            Say::BuildingIndex,
            Say::NoIndex {
                path: s(),
                error: "disk full".into(),
            },
            Say::IndexDamaged(s()),
        ]
    }
}

/// `1 article`, `2 articles`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
