//! The reader's settings: command-line flags over the config file over the
//! built-in defaults, with the environment (`LANG`, `NO_COLOR`, `TERM`)
//! filling in what says `auto`.

use super::ReaderArgs;
use crate::app::{Settings, WidthSource};
use crate::config::{Config, Language};
use crate::text::WidthMode;

/// Settings from the flags, the config file and the environment. The
/// ambiguous width is `None` when it must be asked of the terminal.
pub fn settings_from(
    args: &ReaderArgs,
    lang: Option<Language>,
    config: &Config,
    env: impl Fn(&str) -> Option<String> + Copy,
) -> (Settings, Option<WidthMode>) {
    let r = &config.reader;
    let lang = lang.unwrap_or(r.language).resolve(env);
    let forced = args.ambiguous_width.unwrap_or(r.ambiguous_width).forced();
    let settings = Settings {
        mode: forced.unwrap_or(WidthMode::Narrow),
        width_source: WidthSource::Forced,
        ascii: args.ascii || r.ascii,
        max_width: args.width.unwrap_or(r.width),
        lang,
        color: config.theme.colors.resolve(env),
        clipboard: r.clipboard && !args.no_clipboard,
        mouse: args.mouse || r.mouse,
    };
    (settings, forced)
}
