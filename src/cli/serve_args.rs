//! The command line of `bulletin serve` (issue 24): what is served, to
//! whom, and the limits. The server itself is `crate::serve`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("who").required(true).args(["authorized_keys", "anonymous"]))]
pub struct ServeArgs {
    /// Archives to serve (default: the bundled sample). Clients name each
    /// by its file name without the extension (`ssh -t HOST NAME`, `ssh
    /// HOST list NAME`); with several, the reader opens on a chooser, which
    /// `q` on the reader's list comes back to.
    #[arg(value_name = "ARCHIVE")]
    pub archives: Vec<PathBuf>,
    /// Address and port to listen on (another address than 127.0.0.1 makes
    /// the reader reachable from other machines).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:2222")]
    pub listen: SocketAddr,
    /// The server's Ed25519 host key, created (mode 0600) if missing
    /// [default: host_key in the data directory].
    #[arg(long, value_name = "PATH")]
    pub host_key: Option<PathBuf>,
    /// Who may connect: an OpenSSH authorized_keys file; each key's comment
    /// names its reader, who keeps their own bookmarks.
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<PathBuf>,
    /// Let anyone connect, without a key; bookmarks and positions last for
    /// the session only.
    #[arg(long)]
    pub anonymous: bool,
    /// Where the host key and each reader's bookmarks are kept (env:
    /// BULLETIN_DATA_DIR).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Where search indexes are kept (env: BULLETIN_CACHE_DIR).
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Append the log (one line per connection event) to FILE instead of
    /// standard error.
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// Connections at once, in all.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_sessions: usize,
    /// Connections at once from one address.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub max_per_address: usize,
    /// Seconds a connection has to authenticate.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub auth_timeout: u64,
    /// Minutes without a key before a session is closed (a notice comes a
    /// minute before); 0: never.
    #[arg(long, value_name = "MINUTES", default_value_t = 30)]
    pub idle_timeout: u64,
    /// Largest window drawn, COLSxROWS (a larger one is drawn in its top
    /// left corner).
    #[arg(long, value_name = "COLSxROWS", default_value = "400x200", value_parser = parse_size)]
    pub max_size: (u16, u16),
}

/// `COLSxROWS`, each at least 1.
fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let bad = || format!("{s:?}: expected COLSxROWS, e.g. 400x200");
    let (c, r) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let c: u16 = c.trim().parse().map_err(|_| bad())?;
    let r: u16 = r.trim().parse().map_err(|_| bad())?;
    if c == 0 || r == 0 {
        return Err(bad());
    }
    Ok((c, r))
}
