//! Copying to the user's local clipboard: the app says what to copy (an
//! `Effect::Copy`); the run loop sends it (OSC 52, which crosses SSH and
//! tmux). `y` copies the paragraph under the top of the view as it is;
//! `Y` a citation of the place being read.

use super::effect::Effect;
use super::i18n;
use super::mode::View;
use super::{Action, App, Lang, Msg, Reader};
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
            Action::CopyCitation => (self.citation(r), Msg::CopiedCitation),
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

    /// A citation of the paragraph under the top of `r`'s view, with its
    /// section, in the interface language:
    ///
    /// - `《2024年政府工作报告》三、（二）第4段 — 国务院, 2024-03-05`
    /// - `《2024年政府工作报告》, 三、（二）, paragraph 4 — 国务院, 2024-03-05`
    ///
    /// The place is the district (› subdistrict); parts that are missing
    /// (no section, not in a paragraph, no date) are left out.
    pub fn citation(&self, r: &Reader) -> String {
        let a = &self.archive.articles[r.article];
        let (path, paragraph) = r.outline.place(&r.doc, r.anchor);
        let lang = self.settings.lang;
        let sections: Vec<String> = (path.iter())
            .map(|&i| {
                let s = &r.outline.sections[i];
                match (s.marker.is_empty(), lang) {
                    (false, _) => s.marker.clone(),
                    (true, Lang::Zh) => format!("\u{300c}{}\u{300d}", s.title),
                    (true, Lang::En) => format!("\u{201c}{}\u{201d}", s.title),
                }
            })
            .collect();
        let mut place = a.district.clone();
        if let Some(sub) = &a.subdistrict {
            place = format!("{place} \u{203a} {sub}");
        }
        if let Some(d) = &a.date {
            place = format!("{place}, {d}");
        }
        let para = Msg::Paragraph.text(lang);
        let cited = match lang {
            Lang::Zh => {
                let n = paragraph.map(|n| format!("\u{7b2c}{n}{para}"));
                format!(
                    "\u{300a}{}\u{300b}{}{}",
                    a.title,
                    sections.concat(),
                    n.unwrap_or_default()
                )
            }
            Lang::En => {
                let mut parts = vec![format!("\u{300a}{}\u{300b}", a.title)];
                parts.extend((!sections.is_empty()).then(|| sections.concat()));
                parts.extend(paragraph.map(|n| format!("{para} {n}")));
                parts.join(", ")
            }
        };
        crate::text::sanitize_line(&format!("{cited} \u{2014} {place}"))
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
