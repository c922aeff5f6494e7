//! The store's prompt histories: what was typed at each prompt, read and
//! recorded like any other change (saved with the next save, merged
//! with what other instances wrote).

use super::Store;
use crate::store::history::record;

impl Store {
    /// What was typed at `prompt`, oldest first.
    pub fn history(&self, prompt: &str) -> Vec<&str> {
        self.state
            .history
            .get(prompt)
            .map(|list| list.iter().map(|e| e.text.as_str()).collect())
            .unwrap_or_default()
    }

    /// `text` was used at `prompt` (accepted): it becomes the newest entry.
    pub fn add_history(&mut self, prompt: &str, text: &str) {
        let now = self.clock.now();
        record(&mut self.pending.history, prompt, text, now);
        record(&mut self.state.history, prompt, text, now);
    }
}
