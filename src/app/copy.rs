//! Copying to the user's local clipboard: the app says what to copy (an
//! `Effect::Copy`); the run loop sends it (OSC 52, which crosses SSH and
//! tmux).

use super::effect::Effect;
use super::mode::View;
use super::{Action, App, Msg};
use crate::text::sanitize;

impl App {
    pub(super) fn copy(&mut self, action: &Action) {
        let View::Read { reader: r, .. } = &self.view else {
            return;
        };
        if !self.settings.clipboard {
            return self.say(Msg::ClipboardOff);
        }
        let (text, msg) = match action {
            Action::CopyCitation => (self.citation(r.article), Msg::CopiedCitation),
            _ => {
                let unit = r.anchor.unit.min(r.doc.units.len().saturating_sub(1));
                let text = r.doc.units.get(unit).map_or("", |u| u.text.as_str());
                (text.to_string(), Msg::Copied)
            }
        };
        self.effects.push(Effect::Copy(sanitize(&text)));
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
