//! Styles, chosen by the terminal's colour level. Restrained: text keeps
//! the terminal's own foreground so it reads on dark and light backgrounds;
//! colour marks structure and selection only.

use ratatui::style::{Color, Modifier, Style};

use crate::app::ColorLevel;

/// Every style the screens use.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub text: Style,
    pub title: Style,
    pub subtitle: Style,
    pub byline: Style,
    pub heading: Style,
    pub caption: Style,
    pub credit: Style,
    pub bar: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub border: Style,
    pub border_focused: Style,
    pub dim: Style,
    pub notice: Style,
    /// A search match, and the current one.
    pub matched: Style,
    pub current_match: Style,
}

impl Theme {
    pub fn new(level: ColorLevel) -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let (accent, muted, sel_bg, bar_bg): (
            Option<Color>,
            Option<Color>,
            Option<Color>,
            Option<Color>,
        ) = match level {
            ColorLevel::None => (None, None, None, None),
            ColorLevel::Ansi16 => (
                Some(Color::Cyan),
                Some(Color::DarkGray),
                Some(Color::Blue),
                Some(Color::Blue),
            ),
            ColorLevel::Ansi256 => (
                Some(Color::Indexed(31)),
                Some(Color::Indexed(244)),
                Some(Color::Indexed(24)),
                // A named colour for the bars: its SGR is shorter than a
                // palette index, and the status line is redrawn on every
                // scroll (bandwidth, issue 7).
                Some(Color::DarkGray),
            ),
        };
        let fg = |c: Option<Color>, base: Style| c.map_or(base, |c| base.fg(c));
        let selected = match sel_bg {
            Some(bg) => bold.bg(bg).fg(Color::White),
            None => bold.add_modifier(Modifier::REVERSED),
        };
        let bar = match bar_bg {
            Some(bg) => plain.bg(bg).fg(Color::White),
            None => plain.add_modifier(Modifier::REVERSED),
        };
        Theme {
            text: plain,
            title: bold,
            subtitle: plain.add_modifier(Modifier::ITALIC),
            byline: fg(muted, plain),
            heading: fg(accent, bold),
            caption: fg(accent, plain.add_modifier(Modifier::ITALIC)),
            credit: fg(muted, plain),
            bar,
            selected,
            selected_unfocused: match sel_bg {
                Some(_) => fg(accent, bold).add_modifier(Modifier::UNDERLINED),
                None => plain.add_modifier(Modifier::UNDERLINED),
            },
            border: fg(muted, plain),
            border_focused: fg(accent, plain),
            dim: fg(muted, plain),
            notice: fg(accent, bold),
            matched: match level {
                ColorLevel::None => plain.add_modifier(Modifier::UNDERLINED),
                ColorLevel::Ansi16 => plain.bg(Color::Yellow).fg(Color::Black),
                ColorLevel::Ansi256 => plain.bg(Color::Indexed(229)).fg(Color::Black),
            },
            current_match: match level {
                ColorLevel::None => bold.add_modifier(Modifier::REVERSED),
                ColorLevel::Ansi16 => bold.bg(Color::Magenta).fg(Color::White),
                ColorLevel::Ansi256 => bold.bg(Color::Indexed(166)).fg(Color::White),
            },
        }
    }
}
