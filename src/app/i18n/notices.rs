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
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}
