//! The limits a server keeps, with their defaults (the command line's
//! flags set most of them).

use std::time::Duration;

/// The limits a server keeps.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connections at once, in all and from one address.
    pub max_sessions: usize,
    pub max_per_address: usize,
    /// Time to authenticate.
    pub auth_timeout: Duration,
    /// No key for this long ends a reader session (a notice comes
    /// [`IDLE_NOTICE`] before); `None`: never.
    pub idle_timeout: Option<Duration>,
    /// The largest window drawn.
    pub max_size: (u16, u16),
    /// How long a refused authentication takes (constant time).
    pub auth_rejection: Duration,
    /// Session channels on one connection.
    pub channels_per_connection: usize,
    /// How long the width probe waits for a client's terminal.
    pub probe_timeout: Duration,
    /// On stopping, once every session is closed, how long clients have
    /// to close their connections themselves before they are closed
    /// (OpenSSH, told to disconnect, exits 255 and may leave what it
    /// received unwritten; closing itself, it exits with the status).
    pub clients_leave: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_sessions: 64,
            max_per_address: 8,
            auth_timeout: Duration::from_secs(30),
            idle_timeout: Some(Duration::from_secs(30 * 60)),
            max_size: (400, 200),
            auth_rejection: Duration::from_secs(1),
            channels_per_connection: 4,
            probe_timeout: crate::term::probe::DEFAULT_TIMEOUT,
            clients_leave: Duration::from_secs(2),
        }
    }
}
