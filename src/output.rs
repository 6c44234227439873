//! Where the command line writes a picture: a file, or stdout for `-`. A file is written
//! complete or not at all: the picture goes to a temporary file beside it, which is then
//! linked into place (so an existing file is never replaced without `--force`, even by a
//! race) or, with `--force`, renamed over it (through a symbolic link, never over a
//! device or a FIFO). The temporary file never outlives the command. Pure: no egui here.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Where output goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

/// Why output cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{0} exists: add --force to overwrite it")]
    Exists(PathBuf),
    #[error("cannot write {0}: it is {1}")]
    NotAFile(PathBuf, &'static str),
    #[error("cannot write {0}: the folder {1} does not exist")]
    NoFolder(PathBuf, PathBuf),
    #[error("cannot write {0}: {1} is not a folder")]
    NotAFolder(PathBuf, PathBuf),
    #[error("cannot write {0}: {1}")]
    Io(String, std::io::Error),
    /// The reader of stdout has gone (`… | head -1`): not worth a message.
    #[error("stdout was closed")]
    Closed,
}

impl Target {
    /// `-` is stdout; anything else a file.
    pub fn parse(path: &Path) -> Self {
        if path.as_os_str() == "-" {
            Self::Stdout
        } else {
            Self::File(path.to_path_buf())
        }
    }

    /// The file extension in lower case ("png"), if a file.
    pub fn extension(&self) -> Option<String> {
        match self {
            Self::Stdout => None,
            Self::File(p) => p
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase()),
        }
    }

    /// For messages: the path, or "stdout".
    pub fn describe(&self) -> String {
        match self {
            Self::Stdout => "stdout".to_owned(),
            Self::File(p) => p.display().to_string(),
        }
    }

    /// Checks, before any work, that the output can be written: the folder exists, the
    /// target is not a folder or a device, it does not exist unless `force`, and a file
    /// can be created beside it.
    pub fn check(&self, force: bool) -> Result<(), OutputError> {
        let Self::File(path) = self else {
            return Ok(());
        };
        let target = files_target(path)?;
        let dir = folder_of(&target);
        match std::fs::metadata(&dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return Err(OutputError::NotAFolder(path.clone(), dir)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(OutputError::NoFolder(path.clone(), dir));
            }
            Err(e) => return Err(OutputError::Io(path.display().to_string(), e)),
        }
        match std::fs::metadata(&target) {
            Ok(meta) if !meta.is_file() => {
                return Err(OutputError::NotAFile(
                    path.clone(),
                    crate::files::kind_of(&meta),
                ));
            }
            Ok(_) if !force => return Err(OutputError::Exists(path.clone())),
            _ => {}
        }
        // Can a file be made there? (A read-only folder or file system says no now,
        // not after the work.)
        TempFile::beside(self, "probe").map(drop)
    }
}

/// The file a path finally names (symbolic links followed).
fn files_target(path: &Path) -> Result<PathBuf, OutputError> {
    crate::files::resolve_links(path).map_err(|e| OutputError::Io(path.display().to_string(), e))
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary file, removed when dropped unless delivered.
#[derive(Debug)]
pub struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// A new empty file beside the target (in the temporary folder for stdout), whose
    /// name ends in `.{ext}`, so that writers that go by the extension write that format.
    pub fn beside(target: &Target, ext: &str) -> Result<Self, OutputError> {
        let (dir, stem) = match target {
            Target::Stdout => (std::env::temp_dir(), "alliance-atlas-stdout".to_owned()),
            Target::File(p) => {
                let resolved = files_target(p)?;
                let stem = resolved
                    .file_name()
                    .map_or_else(|| "out".to_owned(), |n| n.to_string_lossy().into_owned());
                (folder_of(&resolved), stem)
            }
        };
        let describe = target.describe();
        for n in 0..100 {
            let path = dir.join(format!(".{stem}.{}.{n}.tmp.{ext}", std::process::id()));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Ok(Self { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(OutputError::Io(describe, e)),
            }
        }
        Err(OutputError::Io(
            describe,
            std::io::Error::other("no free temporary file name"),
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether something wrote a PNG into the file.
    pub fn holds_png(&self) -> bool {
        const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
        let mut head = [0u8; 8];
        std::fs::File::open(&self.path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok_and(|()| head == SIGNATURE)
    }

    /// Puts the finished file in place: linked to a new name (never replacing a file),
    /// renamed over the old one with `force`, or copied to stdout.
    pub fn deliver(self, target: &Target, force: bool) -> Result<(), OutputError> {
        match target {
            Target::Stdout => {
                let mut file = std::fs::File::open(&self.path)
                    .map_err(|e| OutputError::Io("stdout".into(), e))?;
                let mut out = std::io::stdout().lock();
                std::io::copy(&mut file, &mut out)
                    .and_then(|_| out.flush())
                    .map_err(stdout_error)
            }
            Target::File(path) => {
                let dest = files_target(path)?;
                let io = |e| OutputError::Io(path.display().to_string(), e);
                if force {
                    if let Ok(meta) = std::fs::metadata(&dest)
                        && !meta.is_file()
                    {
                        return Err(OutputError::NotAFile(
                            path.clone(),
                            crate::files::kind_of(&meta),
                        ));
                    }
                    return std::fs::rename(&self.path, &dest).map_err(io);
                }
                match std::fs::hard_link(&self.path, &dest) {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        Err(OutputError::Exists(path.clone()))
                    }
                    // A file system without hard links: copy into a new file instead.
                    Err(_) => copy_to_new(&self.path, &dest).map_err(|e| {
                        if e.kind() == std::io::ErrorKind::AlreadyExists {
                            OutputError::Exists(path.clone())
                        } else {
                            io(e)
                        }
                    }),
                }
            }
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        // Gone already when renamed into place.
        std::fs::remove_file(&self.path).ok();
    }
}

/// Copies `from` into a file `to` that must not exist; removes it again if the copy fails.
fn copy_to_new(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut dest = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)?;
    let copied = std::fs::File::open(from)
        .and_then(|mut src| std::io::copy(&mut src, &mut dest))
        .and_then(|_| dest.sync_all());
    if copied.is_err() {
        std::fs::remove_file(to).ok();
    }
    copied
}

/// A write error on stdout: `Closed` for a reader that has gone, else the error.
pub fn stdout_error(e: std::io::Error) -> OutputError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        OutputError::Closed
    } else {
        OutputError::Io("stdout".into(), e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "alliance-atlas-output-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn listing(d: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn made(target: &Target, ext: &str, bytes: &[u8]) -> TempFile {
        let tmp = TempFile::beside(target, ext).unwrap();
        std::fs::write(tmp.path(), bytes).unwrap();
        tmp
    }

    #[test]
    fn dash_is_stdout() {
        assert_eq!(Target::parse(Path::new("-")), Target::Stdout);
        let t = Target::parse(Path::new("map.PNG"));
        assert_eq!(t.extension().as_deref(), Some("png"));
    }

    #[test]
    fn a_new_file_is_written_and_an_old_one_needs_force() {
        let d = dir("force");
        let target = Target::File(d.join("map.svg"));
        target.check(false).unwrap();
        made(&target, "svg", b"one")
            .deliver(&target, false)
            .unwrap();
        assert_eq!(std::fs::read(d.join("map.svg")).unwrap(), b"one");
        assert!(matches!(target.check(false), Err(OutputError::Exists(_))));
        // Even past the check (a race), delivery never replaces the file.
        let tmp = made(&target, "svg", b"two");
        assert!(matches!(
            tmp.deliver(&target, false),
            Err(OutputError::Exists(_))
        ));
        assert_eq!(std::fs::read(d.join("map.svg")).unwrap(), b"one");
        target.check(true).unwrap();
        made(&target, "svg", b"three")
            .deliver(&target, true)
            .unwrap();
        assert_eq!(std::fs::read(d.join("map.svg")).unwrap(), b"three");
        // No temporary file is left behind, whatever happened.
        assert_eq!(listing(&d), ["map.svg"]);
    }

    #[test]
    fn missing_folders_folders_and_devices_are_refused_before_any_work() {
        let d = dir("refused");
        let missing = Target::File(d.join("nowhere").join("map.png"));
        assert!(
            matches!(missing.check(false), Err(OutputError::NoFolder(..))),
            "{:?}",
            missing.check(false)
        );
        let folder = Target::File(d.clone());
        assert!(matches!(
            folder.check(true),
            Err(OutputError::NotAFile(_, "a directory"))
        ));
        std::fs::write(d.join("file"), "").unwrap();
        let below_file = Target::File(d.join("file").join("map.png"));
        assert!(matches!(
            below_file.check(false),
            Err(OutputError::NotAFolder(..))
        ));
        #[cfg(unix)]
        {
            let null = Target::File(PathBuf::from("/dev/null"));
            assert!(matches!(null.check(true), Err(OutputError::NotAFile(..))));
        }
        assert_eq!(listing(&d), ["file"]);
    }

    #[cfg(unix)]
    #[test]
    fn force_writes_through_a_symbolic_link() {
        let d = dir("link");
        std::fs::write(d.join("real.png"), "old").unwrap();
        std::os::unix::fs::symlink("real.png", d.join("map.png")).unwrap();
        let target = Target::File(d.join("map.png"));
        made(&target, "png", b"new").deliver(&target, true).unwrap();
        assert!(
            std::fs::symlink_metadata(d.join("map.png"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(d.join("real.png")).unwrap(), b"new");
    }

    #[test]
    fn a_png_is_recognised() {
        let d = dir("png");
        let target = Target::File(d.join("shot.png"));
        let tmp = TempFile::beside(&target, "png").unwrap();
        assert!(!tmp.holds_png());
        std::fs::write(tmp.path(), b"\x89PNG\r\n\x1a\n....").unwrap();
        assert!(tmp.holds_png());
        drop(tmp);
        assert!(listing(&d).is_empty());
    }
}
