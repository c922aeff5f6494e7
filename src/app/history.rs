//! Every prompt behaves alike: it opens with its previous entry selected
//! (typing replaces it; Right or End keeps it to edit; the bookmark note
//! alone opens empty, so `m` Enter never repeats a note), Up and Down walk
//! what was typed there before, and Enter adds the text to that history.
//! Each prompt has its own history, kept in the state file with the
//! bookmarks (merged with other instances'), or for the session only
//! when there is no state file.

use std::collections::BTreeMap;

use super::App;
use super::input::TextInput;
use super::mode::{Modal, PromptKind};
use super::screens::Screen;

/// Entries kept per prompt for the session when there is no state file.
const SESSION_CAP: usize = crate::store::HISTORY_CAP;

/// The session's histories when there is no state file: prompt name ->
/// entries, oldest first.
pub type SessionHistory = BTreeMap<&'static str, Vec<String>>;

impl App {
    /// The name the open prompt's history is kept under (`None`: the
    /// quit question, which keeps none).
    pub(super) fn prompt_name(&self) -> Option<&'static str> {
        match &self.modal {
            Modal::Prompt { kind, .. } => match kind {
                PromptKind::Find => Some("find"),
                PromptKind::Search => Some("search"),
                PromptKind::Note => Some("note"),
                PromptKind::Quit => None,
            },
            Modal::Filter(_) => Some(filter_name(self.view.screen())),
            Modal::None | Modal::Help { .. } => None,
        }
    }

    /// What was typed at prompt `name`, oldest first.
    pub(super) fn history(&self, name: &str) -> Vec<String> {
        match &self.persist {
            Some(p) => p
                .store
                .history(name)
                .into_iter()
                .map(str::to_string)
                .collect(),
            None => self.session_history.get(name).cloned().unwrap_or_default(),
        }
    }

    /// The newest entry of prompt `name`'s history, if any.
    pub(super) fn last_entry(&self, name: &str) -> Option<String> {
        self.history(name).pop()
    }

    /// The newest entry of the list filter's history for the list on
    /// screen.
    pub(super) fn last_filter(&self) -> Option<String> {
        self.last_entry(filter_name(self.view.screen()))
    }

    /// Enter at the open prompt: `text` becomes its newest entry.
    pub(super) fn remember_entry(&mut self, text: &str) {
        let text = text.trim();
        let Some(name) = self.prompt_name().filter(|_| !text.is_empty()) else {
            return;
        };
        match self.persist.as_mut() {
            Some(p) => p.store.add_history(name, text),
            None => {
                let list = self.session_history.entry(name).or_default();
                list.retain(|e| e != text);
                list.push(text.to_string());
                let extra = list.len().saturating_sub(SESSION_CAP);
                list.drain(..extra);
            }
        }
    }

    /// Up (`older`) or Down in the open prompt: the previous or next entry
    /// of its history (entries equal to the text shown are passed over);
    /// Down past the newest brings back what was being typed. False when
    /// the text did not change.
    pub(super) fn walk_history(&mut self, older: bool) -> bool {
        let Some(name) = self.prompt_name() else {
            return false;
        };
        let list = self.history(name);
        let input = match &mut self.modal {
            Modal::Prompt { input, .. } | Modal::Filter(input) => input,
            Modal::None | Modal::Help { .. } => return false,
        };
        walk(input, &list, older)
    }
}

/// Moves `input` along `list` (oldest first); see [`App::walk_history`].
fn walk(input: &mut TextInput, list: &[String], older: bool) -> bool {
    let (at, draft) = input
        .recall
        .take()
        .unwrap_or_else(|| (0, input.text().to_string()));
    let shown = input.text().to_string();
    if !older && at == 0 {
        return false;
    }
    let entry = |n: usize| &list[list.len() - n];
    let next = if older {
        (at + 1..=list.len()).find(|&n| *entry(n) != shown)
    } else {
        (1..at).rev().find(|&n| *entry(n) != shown).or(Some(0))
    };
    match next {
        Some(0) => input.replace(&draft),
        Some(n) => {
            input.replace(entry(n));
            input.recall = Some((n, draft));
        }
        None => {
            input.recall = Some((at, draft)).filter(|(n, _)| *n > 0);
            return false;
        }
    }
    input.text() != shown
}

/// The history name of the filter of `list`'s screen.
fn filter_name(list: Screen) -> &'static str {
    match list {
        Screen::Bookmarks => "bookmarks-filter",
        Screen::Outline => "outline-filter",
        _ => "filter",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_walks_back_past_the_text_shown_and_down_returns_to_the_draft() {
        let list: Vec<String> = ["社区", "养老", "防汛"].map(String::from).to_vec();
        let mut t = TextInput::offered("防汛");
        assert!(walk(&mut t, &list, true));
        assert_eq!(t.text(), "养老", "the entry shown is passed over");
        assert!(walk(&mut t, &list, true));
        assert_eq!(t.text(), "社区");
        assert!(!walk(&mut t, &list, true), "nothing older");
        assert_eq!(t.text(), "社区");
        assert!(walk(&mut t, &list, false));
        assert_eq!(t.text(), "养老");
        assert!(walk(&mut t, &list, false));
        assert_eq!(t.text(), "防汛", "the newest");
        assert!(!walk(&mut t, &list, false), "the draft was the same");
        assert!(!walk(&mut t, &list, false));
        let mut typed = TextInput::with_text("物业");
        assert!(walk(&mut typed, &list, true));
        assert!(walk(&mut typed, &list, false));
        assert_eq!(typed.text(), "物业", "the draft comes back");
        let mut typed = TextInput::with_text("物");
        assert!(!walk(&mut typed, &[], true), "no history");
        assert_eq!(typed.text(), "物");
    }
}
