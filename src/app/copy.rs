//! Copying to the user's local clipboard: the app says what to copy (an
//! `Effect::Copy`); the run loop sends it (OSC 52, which crosses SSH and
//! tmux).

use super::effect::Effect;
use super::i18n;
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
        let text = sanitize(&text);
        let cut = clipboard_cut(&text);
        if cut < text.len() {
            let (copied, all) = (text[..cut].chars().count(), text.chars().count());
            self.status = Some(i18n::copied_part(self.settings.lang, copied, all));
            self.effects.push(Effect::Copy(text[..cut].to_string()));
            return;
        }
        self.effects.push(Effect::Copy(text));
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

/// The most text `y` copies, in bytes (UTF-8, before base64): the OSC 52
/// sequence then stays under 75,000 bytes. Terminals and tmux drop longer
/// ones without a word (hterm stops at 100,000 bytes, others sooner).
pub const CLIPBOARD_MAX_BYTES: usize = 56_000;

/// How many bytes of `text` fit on the clipboard: all of it, or the
/// longest start within [`CLIPBOARD_MAX_BYTES`] that ends on a character.
pub fn clipboard_cut(text: &str) -> usize {
    if text.len() <= CLIPBOARD_MAX_BYTES {
        return text.len();
    }
    (0..=CLIPBOARD_MAX_BYTES)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_on_a_character_within_the_limit() {
        let text = "中".repeat(CLIPBOARD_MAX_BYTES);
        let cut = clipboard_cut(&text);
        assert!(cut <= CLIPBOARD_MAX_BYTES && cut + 3 > CLIPBOARD_MAX_BYTES);
        assert!(text.is_char_boundary(cut));
        assert_eq!(clipboard_cut("短"), "短".len());
    }
}
