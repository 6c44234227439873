//! The folders that the export dialog browses: a folder's sub-folders and its files of one
//! kind, and the usual places (home, desktop, documents, pictures, and on Windows the
//! drives). The app shell calls these; the dialog's state stays pure. No egui here.

use std::path::{Path, PathBuf};

/// One line of a folder's listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderEntry {
    pub name: String,
    pub is_dir: bool,
}

/// A place to jump to. The label is English, translated by the dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub label: String,
    pub path: PathBuf,
}

/// At most this many lines are listed (a folder of photographs can hold thousands).
pub const MAX_ENTRIES: usize = 500;

/// The sub-folders of `folder`, then its files whose extension is `ext` (any case), each
/// group sorted by name without regard to case; hidden names (a leading dot) are left out.
pub fn list(folder: &Path, ext: &str) -> Result<Vec<FolderEntry>, String> {
    let dir = std::fs::read_dir(folder).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            "this folder does not exist".to_owned()
        } else {
            e.to_string()
        }
    })?;
    let mut entries: Vec<FolderEntry> = dir
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_owned();
            if name.starts_with('.') {
                return None;
            }
            // Follows symbolic links, so a link to a folder is a folder.
            let is_dir = e.path().is_dir();
            let wanted = is_dir
                || Path::new(&name)
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| x.eq_ignore_ascii_case(ext));
            wanted.then_some(FolderEntry { name, is_dir })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    entries.truncate(MAX_ENTRIES);
    Ok(entries)
}

/// The user's home folder, if known.
pub fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .filter(|p| p.is_dir())
}

/// The usual places that exist on this machine.
pub fn places() -> Vec<Place> {
    let mut out = Vec::new();
    if let Some(home) = home() {
        out.push(Place {
            label: "Home".to_owned(),
            path: home.clone(),
        });
        for name in ["Desktop", "Documents", "Pictures"] {
            let path = home.join(name);
            if path.is_dir() {
                out.push(Place {
                    label: name.to_owned(),
                    path,
                });
            }
        }
    }
    if cfg!(windows) {
        for drive in 'C'..='Z' {
            let path = PathBuf::from(format!("{drive}:\\"));
            if path.is_dir() {
                out.push(Place {
                    label: format!("{drive}:"),
                    path,
                });
            }
        }
    } else {
        out.push(Place {
            label: "Computer".to_owned(),
            path: PathBuf::from("/"),
        });
    }
    out
}

/// Where an export goes the first time: the pictures folder, else home, else the
/// current folder.
pub fn default_folder() -> PathBuf {
    home()
        .map(|h| {
            let pictures = h.join("Pictures");
            if pictures.is_dir() { pictures } else { h }
        })
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_first_then_files_of_the_kind() {
        let dir = std::env::temp_dir().join(format!("atlas-folders-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("maps")).expect("dir");
        std::fs::create_dir_all(dir.join("Archive")).expect("dir");
        std::fs::create_dir_all(dir.join(".hidden")).expect("dir");
        for f in ["b.PNG", "a.png", "c.svg", "notes.txt", ".x.png"] {
            std::fs::write(dir.join(f), b"x").expect("file");
        }
        let names: Vec<(String, bool)> = list(&dir, "png")
            .expect("list")
            .into_iter()
            .map(|e| (e.name, e.is_dir))
            .collect();
        assert_eq!(
            names,
            [
                ("Archive".to_owned(), true),
                ("maps".to_owned(), true),
                ("a.png".to_owned(), false),
                ("b.PNG".to_owned(), false),
            ]
        );
        let err = list(&dir.join("gone"), "png").expect_err("missing");
        assert!(err.contains("does not exist"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn places_exist() {
        for p in places() {
            assert!(p.path.is_dir(), "{}", p.path.display());
        }
        assert!(!default_folder().as_os_str().is_empty());
    }
}
