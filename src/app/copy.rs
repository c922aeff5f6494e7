//! Copying to the user's local clipboard: the app says what to copy (an
//! `Effect::Copy`); the run loop sends it (OSC 52, which crosses SSH and
//! tmux). `y` copies the paragraph under the top of the view as it is;
//! `Y` a citation of the place being read.

use super::effect::Effect;
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
        self.effects.push(Effect::Copy(sanitize(&text)));
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
