//! What each action does, in both languages, for the help screen and the
//! default settings file.

use super::Lang;

/// What an action does, for the help screen and the default settings
/// file (declared with the action: `app/actions.rs`, or with its screen in
/// `app/screens/table.rs`).
pub fn describe(action: &crate::app::Action, lang: Lang) -> &'static str {
    action.describe(lang)
}
