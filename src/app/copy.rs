//! Copying to the user's local clipboard: the app says what to copy; the
//! terminal layer sends it (OSC 52, which crosses SSH and tmux).

use super::{Action, App, Msg, Screen};
use crate::text::sanitize;

/// One copy request. `seq` grows with every request so the run loop sends
/// each exactly once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copy {
    pub seq: u64,
    pub text: String,
}

impl App {
    pub(super) fn copy(&mut self, action: &Action) {
        if self.screen != Screen::Read {
            return;
        }
        if !self.settings.clipboard {
            return self.say(Msg::ClipboardOff);
        }
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        let (text, msg) = match action {
            Action::CopyCitation => (self.citation(r.article), Msg::CopiedCitation),
            _ => {
                let unit = r.anchor.unit.min(r.doc.units.len().saturating_sub(1));
                let text = r
                    .doc
                    .units
                    .get(unit)
                    .map_or(String::new(), |u| u.text.clone());
                (text, Msg::Copied)
            }
        };
        let seq = self.clipboard.as_ref().map_or(1, |c| c.seq + 1);
        self.clipboard = Some(Copy {
            seq,
            text: sanitize(&text),
        });
        self.say(msg);
    }

    /// `标题 — 中原区 › 须水街道, 2021-06-01 [b2a50316]`.
    pub fn citation(&self, article: usize) -> String {
        let a = &self.archive.articles[article];
        let mut place = a.district.clone();
        if let Some(sub) = &a.subdistrict {
            place = format!("{place} \u{203a} {sub}");
        }
        let date = a
            .date
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        crate::text::sanitize_line(&format!("{} \u{2014} {place}{date} [{}]", a.title, a.id))
    }
}
