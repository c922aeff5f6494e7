//! [`declare_screens`]: what the screen table (`table.rs`) expands to.

/// Declares, from the screen table: [`Context`](super::Context) (its
/// `ALL`, in the settings file's order, `name()` and `about()`),
/// [`Screen`](super::Screen) (its `ALL`), [`SCREENS`](super::SCREENS)
/// (one row per screen, in the order of the help screen) and
/// [`info`](super::info); and hands each screen's `opens` and `strings`
/// to the `Action` and `Msg` declarations, so those enums hold them too.
/// A screen cannot lack a row, a row cannot be left out of the table, and
/// a context cannot be left out of `ALL` (its section of the settings
/// file would silently not be read).
macro_rules! declare_screens {
    (
        contexts { $( $(#[$ca:meta])* $c:ident = $cname:literal, $cabout:literal; )* }
        screens { $(
            $(#[$sa:meta])* $s:ident {
                $( opens { $($opens:tt)* } )?
                $( strings { $($strings:tt)* } )?
                row { $($row:tt)* }
            }
        )* }
    ) => {
        /// A set of bindings: one per screen, one for every text prompt,
        /// and the global ones that apply wherever the screen does not use
        /// the key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Context {
            $( $(#[$ca])* $c, )*
        }

        impl Context {
            /// Every context, in the order the settings file lists them.
            pub const ALL: [Context; [$($cname),*].len()] = [$(Context::$c),*];

            /// The name in the settings file: `[keys.NAME]`.
            pub fn name(self) -> &'static str {
                match self {
                    $( Context::$c => $cname, )*
                }
            }

            /// Where its keys apply, in words (`docs/config.md`'s table).
            pub fn about(self) -> &'static str {
                match self {
                    $( Context::$c => $cabout, )*
                }
            }
        }

        /// Every screen, overlay and prompt a user can be in.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Screen {
            $( $(#[$sa])* $s, )*
        }

        impl Screen {
            pub const ALL: [Screen; [$(stringify!($s)),*].len()] = [$(Screen::$s),*];
        }

        /// Every screen's row, in the order of the help screen (the
        /// order of `Screen`).
        pub const SCREENS: &[ScreenInfo] = &[$( ScreenInfo { screen: Screen::$s, $($row)* } ),*];

        /// The table's row for `screen`.
        pub fn info(screen: Screen) -> &'static ScreenInfo {
            &SCREENS[screen as usize]
        }

        $crate::app::actions::declare_actions_with! { $( $( $($opens)* )? )* }
        $crate::app::i18n::declare_msgs_with! { $( $( $($strings)* )? )* }
    };
}
