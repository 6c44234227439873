//! Reading files that a user names: only regular files, never more than a cap, with a
//! message that says what was wrong. A FIFO, a device (`/dev/zero`), a directory or a
//! huge file is refused before a byte is read, so a bad path can neither block the atlas
//! nor fill the memory. Pure: no egui here.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The largest data file the atlas reads (the built-in regions are 80 kB; a region
/// exported in detail from QGIS is a few MB).
pub const MAX_DATA_FILE: u64 = 64 * 1024 * 1024;

/// The largest settings file the atlas reads.
pub const MAX_SETTINGS_FILE: u64 = 1024 * 1024;

/// How many symbolic links are followed before giving up (as Linux's `ELOOP`).
const MAX_LINKS: usize = 40;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("no such file")]
    NotFound,
    #[error("not a regular file but {0}: only plain files are read")]
    NotRegular(&'static str),
    #[error("too large ({size} bytes; at most {max} bytes are read)")]
    TooLarge { size: u64, max: u64 },
    #[error("not UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    #[error("{0}")]
    Io(std::io::Error),
}

impl ReadError {
    fn io(err: std::io::Error) -> Self {
        if err.kind() == std::io::ErrorKind::NotFound {
            Self::NotFound
        } else {
            Self::Io(err)
        }
    }
}

/// What kind of thing a path that is not a regular file is, for messages.
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    if t.is_file() {
        "a file"
    } else {
        "a special file"
    }
}

/// Reads at most `max` bytes of a regular file (symbolic links are followed).
pub fn read_bytes(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    // `metadata` follows links without opening: a FIFO is refused before `open` blocks.
    let meta = std::fs::metadata(path).map_err(ReadError::io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            max,
        });
    }
    let file = std::fs::File::open(path).map_err(ReadError::io)?;
    // The file may have been swapped or may grow: never read more than the cap.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

/// UTF-8 text from bytes, without a leading byte-order mark.
pub fn text_from_bytes(bytes: Vec<u8>) -> Result<String, ReadError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(strip_bom(text)),
        Err(err) => Err(ReadError::NotUtf8(err.utf8_error().valid_up_to())),
    }
}

/// Reads a regular UTF-8 text file of at most `max` bytes; a byte-order mark is dropped.
pub fn read_text(path: &Path, max: u64) -> Result<String, ReadError> {
    text_from_bytes(read_bytes(path, max)?)
}

/// Drops a leading UTF-8 byte-order mark (Windows editors write one).
pub fn strip_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

/// The file a path finally names, following symbolic links (also dangling ones, so that
/// writing through a link creates its target instead of replacing the link).
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(current),
            // Nothing there (or a file where a folder should be): the path names itself.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(current);
            }
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links from {}",
        path.display()
    )))
}

/// Escapes control characters (and the bidirectional overrides that can hide text) so
/// that text from a file cannot move the cursor or recolour a terminal.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    fn bad(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    }
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("alliance-atlas-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn reads_text_and_drops_a_bom() {
        let p = temp("bom.json");
        std::fs::write(&p, "\u{feff}[1]").unwrap();
        assert_eq!(read_text(&p, 100).unwrap(), "[1]");
        std::fs::write(&p, "[1]").unwrap();
        assert_eq!(read_text(&p, 100).unwrap(), "[1]");
    }

    #[test]
    fn refuses_what_is_not_a_plain_small_text_file() {
        assert!(matches!(
            read_text(&temp("missing.json"), 100),
            Err(ReadError::NotFound)
        ));
        let dir = temp("a-dir.json");
        std::fs::create_dir_all(&dir).unwrap();
        let err = read_text(&dir, 100).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a regular file but a directory: only plain files are read"
        );
        let big = temp("big.json");
        std::fs::write(&big, "x".repeat(101)).unwrap();
        assert!(matches!(
            read_text(&big, 100),
            Err(ReadError::TooLarge { size: 101, .. })
        ));
        let bad = temp("latin1.json");
        std::fs::write(&bad, b"[\"caf\xe9\"]").unwrap();
        assert!(matches!(read_text(&bad, 100), Err(ReadError::NotUtf8(5))));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_behind_a_link_is_refused_without_reading() {
        let link = temp("zero.json");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let err = read_text(&link, MAX_DATA_FILE).unwrap_err();
        assert!(err.to_string().contains("character device"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn links_resolve_to_their_final_target() {
        let target = temp("target.json");
        let link = temp("link.json");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("target.json", &link).unwrap();
        assert_eq!(resolve_links(&link).unwrap(), target);
        let plain = temp("plain.json");
        assert_eq!(resolve_links(&plain).unwrap(), plain);
        let looped = temp("loop.json");
        let _ = std::fs::remove_file(&looped);
        std::os::unix::fs::symlink("loop.json", &looped).unwrap();
        assert!(resolve_links(&looped).is_err());
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("yan"), "yan");
        assert_eq!(escape_controls("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_controls("x\u{202e}y\n"), "x\\u{202e}y\\u{a}");
        assert_eq!(escape_controls("遼"), "遼");
    }
}
