//! The state store's notices (`store::Notice`) in the user's language.
//! The store itself knows no languages; its `Display` is the English.

use super::Lang;
use crate::store::Notice;
use crate::text::sanitize_line;

/// What a notice says, in `lang`.
pub fn notice(n: &Notice, lang: Lang) -> String {
    if lang == Lang::En {
        return n.to_string();
    }
    let shown = |p: &std::path::Path| sanitize_line(&p.display().to_string());
    match n {
        Notice::CorruptMovedAside {
            path,
            moved_to,
            error,
        } => format!(
            "状态文件 {} 已损坏（{error}）；已移到 {}，书签从空开始",
            shown(path),
            shown(moved_to)
        ),
        Notice::CorruptKept { path, error } => format!(
            "状态文件 {} 已损坏（{error}）；留在原处，书签从空开始",
            shown(path)
        ),
        Notice::NoDir { path, error } => format!(
            "无法建立数据目录 {}（{error}）；改动先留在内存中，稍后重试保存",
            shown(path)
        ),
        Notice::NewerVersion { path, found } => format!(
            "状态文件 {} 来自更新版本的 bulletin（格式 {found}）；以只读打开，本次的改动不会保存",
            shown(path)
        ),
        Notice::Unreadable { path, error } => {
            format!("无法读取状态文件 {}（{error}）；保存时再试", shown(path))
        }
        Notice::Locked { path } => format!(
            "{} 被另一个进程占用：未加锁读入状态；改动先留在内存中，稍后重试保存",
            shown(path)
        ),
        Notice::SetAside { path, set_aside } => set_aside_zh(&shown(path), set_aside),
    }
}

/// How many set-aside entries a notice names one by one.
const LISTED: usize = 3;

fn set_aside_zh(path: &str, set_aside: &[crate::store::Problem]) -> String {
    let listed: Vec<String> = (set_aside.iter().take(LISTED))
        .map(|p| sanitize_line(&format!("{}：{}", p.place, p.error)))
        .collect();
    let more = match set_aside.len().saturating_sub(LISTED) {
        0 => String::new(),
        more => format!("；另有 {more} 条"),
    };
    format!(
        "状态文件 {path}：有 {} 条无法使用的条目已搁置（保存在文件的 \"{}\" 下，其余照常读入）：{}{more}",
        set_aside.len(),
        crate::store::SET_ASIDE,
        listed.join("；")
    )
}
