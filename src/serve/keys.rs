//! Keys: the server's Ed25519 host key (created once, mode 0600, reused
//! after), and who may connect (an OpenSSH `authorized_keys` file, each
//! key's comment naming its reader).

use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::ssh_key::{AuthorizedKeys, HashAlg, LineEnding};
use russh::keys::{PrivateKey, PublicKey};

use crate::text::sanitize_line;

/// The host key at `path`, created if there is none (a new one is said
/// by the second value).
pub fn host_key(path: &Path) -> io::Result<(PrivateKey, bool)> {
    match std::fs::read_to_string(path) {
        Ok(text) => PrivateKey::from_openssh(text.trim_start())
            .map(|k| (k, false))
            .map_err(|e| io::Error::other(format!("{}: {e}", path.display()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => create(path).map(|k| (k, true)),
        Err(e) => Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
    }
}

/// A new Ed25519 key, written to `path` (never over an existing file),
/// readable by its owner only.
fn create(path: &Path) -> io::Result<PrivateKey> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut seed = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut seed)?;
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    let text = key.to_openssh(LineEnding::LF).map_err(io::Error::other)?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(key)
}

/// Where the host key is kept by default.
pub fn default_host_key(data_dir: &Path) -> PathBuf {
    data_dir.join("serve").join("host_key_ed25519")
}

/// A key's SHA-256 fingerprint as OpenSSH prints it (`SHA256:...`).
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// The fingerprint as a file name (hex: no `/` or `+`).
pub fn fingerprint_hex(key: &PublicKey) -> String {
    let fp = key.fingerprint(HashAlg::Sha256);
    fp.as_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// One reader allowed in: the key, and the name its comment gives.
#[derive(Debug, Clone)]
pub struct Allowed {
    pub key: PublicKey,
    pub name: String,
}

/// The keys of an `authorized_keys` file. A line that is not a key is an
/// error (a typo must not lock a reader out silently).
pub fn authorized(path: &Path) -> io::Result<Vec<Allowed>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    parse_authorized(&text).map_err(|e| io::Error::other(format!("{}: {e}", path.display())))
}

pub fn parse_authorized(text: &str) -> Result<Vec<Allowed>, String> {
    let mut keys = Vec::new();
    for entry in AuthorizedKeys::new(text) {
        let entry = entry.map_err(|e| e.to_string())?;
        let key = entry.public_key().clone();
        let comment = key.comment().to_string();
        let name = match sanitize_line(comment.trim()) {
            n if n.is_empty() => fingerprint(&key),
            n => n,
        };
        keys.push(Allowed { key, name });
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_key_is_created_private_then_reused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = default_host_key(dir.path());
        let (first, new) = host_key(&path).unwrap();
        assert!(new);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let (again, new) = host_key(&path).unwrap();
        assert!(!new);
        assert_eq!(first.public_key(), again.public_key());
    }

    #[test]
    fn authorized_keys_name_their_readers() {
        let key = |seed: u8| {
            let k = PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]));
            k.public_key().to_openssh().unwrap()
        };
        let text = format!(
            "# staff\n{} alice@office\n\n{} \x1b[31mbob\n{}\n",
            key(1),
            key(2),
            key(3)
        );
        let keys = parse_authorized(&text).unwrap();
        let names: Vec<_> = keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names[..2], ["alice@office", "bob"]);
        assert!(names[2].starts_with("SHA256:"), "{}", names[2]);
        assert!(parse_authorized("ssh-ed25519 notbase64 x\n").is_err());
    }
}
