//! Themes: templates, static files, interface strings and fonts.
//!
//! Three layers, later ones winning file by file (as in Zola):
//! the default theme built into rooz, `themes/<name>/` of the site, and the
//! site's own `templates/`. Theme templates are registered as
//! `theme/<name>`, so a site's `base.html` can `{% extends "theme/base.html" %}`
//! and change only a block.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::source::Memo;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A theme ready for rendering.
#[derive(Debug, Default)]
pub struct Theme {
    /// `(name, source)`; theme files as `theme/<name>`, site overrides as `<name>`.
    pub templates: Vec<(String, String)>,
    /// typst templates (`*.typ`: cards, bulletins, report), the site's own
    /// replacing the theme's.
    pub typst: BTreeMap<String, String>,
    /// Files copied to `static/`, by name.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Interface strings in the event's locale.
    pub strings: BTreeMap<String, String>,
    /// Font files found in a `fonts/` folder (WOFF2 for the site, TTF/OTF for PDFs and cards).
    pub fonts: Vec<FontFile>,
    /// The fonts' licence (`OFL.txt`), shipped beside them in the output.
    pub font_license: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct FontFile {
    pub name: String,
    pub path: PathBuf,
}

/// Why a theme cannot be used.
#[derive(Debug)]
pub enum ThemeError {
    /// The event's `theme:` names no folder under `themes/`.
    NotAFolder {
        name: String,
        path: PathBuf,
    },
    /// The theme has strings for neither the event's language nor English.
    NoStrings {
        name: String,
        language: String,
    },
    /// A strings file is not a flat map of text.
    BadStrings {
        language: String,
        error: String,
    },
    /// A template is not UTF-8.
    NotUtf8(String),
    Unreadable(PathBuf, std::io::Error),
    /// A file of the theme leads outside it (through a link).
    Outside {
        path: PathBuf,
        root: PathBuf,
    },
    /// An output needs a template the theme lacks.
    MissingTemplate(String),
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ThemeError::NotAFolder { name, path } => write!(
                f,
                "the theme '{name}' is not a folder: {} (the event's `theme:` key names a folder under themes/)",
                path.display()
            ),
            ThemeError::NoStrings { name, language } => write!(
                f,
                "the theme '{name}' has no strings/{language}.yaml nor strings/en.yaml"
            ),
            ThemeError::BadStrings { language, error } => write!(
                f,
                "the theme's strings/{language}.yaml is not a flat map of text: {error}"
            ),
            ThemeError::NotUtf8(path) => write!(f, "the template {path} is not UTF-8"),
            ThemeError::Unreadable(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            ThemeError::Outside { path, root } => write!(
                f,
                "{} leads outside {} (a link?); a theme's files must be inside it",
                path.display(),
                root.display()
            ),
            ThemeError::MissingTemplate(name) => write!(f, "the theme has no templates/{name}"),
        }
    }
}

impl std::error::Error for ThemeError {}

/// Loads theme `name` for the site at `root`, with strings for `locale`
/// (its language, else English).
pub fn load(root: &Path, name: &str, locale: &icu::locale::Locale) -> Result<Theme, ThemeError> {
    load_with(root, name, locale, &Memo::passing())
}

/// [`load`], reading the theme's files through `memo`.
pub fn load_with(
    root: &Path,
    name: &str,
    locale: &icu::locale::Locale,
    memo: &Memo,
) -> Result<Theme, ThemeError> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    if name == "default" {
        for (path, bytes) in embedded::FILES {
            files.insert((*path).to_string(), bytes.to_vec());
        }
    }
    let theme_dir = root.join("themes").join(name);
    if theme_dir.is_dir() {
        read_tree(&theme_dir, &theme_dir, &mut files, memo)?;
    } else if name != "default" {
        return Err(ThemeError::NotAFolder {
            name: name.to_string(),
            path: theme_dir,
        });
    }

    let mut theme = Theme::default();
    for (path, bytes) in &files {
        if let Some(t) = path.strip_prefix("templates/") {
            if t.ends_with(".typ") {
                theme.typst.insert(t.to_string(), utf8(path, bytes)?);
            } else {
                theme
                    .templates
                    .push((format!("theme/{t}"), utf8(path, bytes)?));
            }
        } else if let Some(s) = path.strip_prefix("static/") {
            theme.assets.insert(s.to_string(), bytes.clone());
        }
    }
    let overrides = root.join("templates");
    if overrides.is_dir() {
        let mut own = BTreeMap::new();
        read_tree(&overrides, &overrides, &mut own, memo)?;
        for (path, bytes) in own {
            if path.ends_with(".typ") {
                theme.typst.insert(path.clone(), utf8(&path, &bytes)?);
            } else {
                theme.templates.push((path.clone(), utf8(&path, &bytes)?));
            }
        }
    }
    let language = locale.id.language.as_str();
    let strings = files
        .get(&format!("strings/{language}.yaml"))
        .or_else(|| files.get("strings/en.yaml"))
        .ok_or_else(|| ThemeError::NoStrings {
            name: name.to_string(),
            language: language.to_string(),
        })?;
    theme.strings = serde_saphyr::from_slice(strings).map_err(|e| ThemeError::BadStrings {
        language: language.to_string(),
        error: e.to_string(),
    })?;
    for dir in [root.join("fonts"), theme_dir.join("fonts"), bundled_fonts()] {
        if theme.fonts.is_empty() {
            theme.fonts = fonts_in(&dir);
            theme.font_license = Some(dir.join("OFL.txt")).filter(|p| p.is_file());
        }
    }
    Ok(theme)
}

/// The default theme's fonts folder of this rooz checkout, where
/// `scripts/setup-fonts` puts Vazirmatn; used when the site has none.
fn bundled_fonts() -> PathBuf {
    std::env::var_os("ROOZ_FONTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/fonts"))
}

fn fonts_in(dir: &Path) -> Vec<FontFile> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut fonts: Vec<FontFile> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| matches!(x.to_str(), Some("woff2" | "ttf" | "otf")))
        })
        .map(|path| FontFile {
            name: path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            path,
        })
        .collect();
    fonts.sort_by(|a, b| a.name.cmp(&b.name));
    fonts
}

fn utf8(path: &str, bytes: &[u8]) -> Result<String, ThemeError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| ThemeError::NotUtf8(path.to_string()))
}

fn read_tree(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<String, Vec<u8>>,
    memo: &Memo,
) -> Result<(), ThemeError> {
    let entries = fs::read_dir(dir).map_err(|e| ThemeError::Unreadable(dir.to_path_buf(), e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || (dir == root && name == "fonts") {
            continue;
        }
        // Like content, a theme never reaches outside its folder through a link.
        let inside = path
            .canonicalize()
            .ok()
            .zip(root.canonicalize().ok())
            .is_some_and(|(real, top)| real.starts_with(top));
        if !inside {
            return Err(ThemeError::Outside {
                path,
                root: root.to_path_buf(),
            });
        }
        if path.is_dir() {
            read_tree(root, &path, files, memo)?;
        } else {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = memo
                .read(&path)
                .map_err(|e| ThemeError::Unreadable(path.clone(), e))?
                .to_vec();
            files.insert(relative, bytes);
        }
    }
    Ok(())
}

/// The font the default theme falls back to when its own are missing:
/// DejaVu Sans shapes Persian correctly and is on every Debian machine.
pub const FALLBACK_FONT: &str = "DejaVu Sans";

/// A font file's family and style, from its name: `Vazirmatn-Bold.ttf` is
/// the family `Vazirmatn` in `Bold` (static font files are named so).
pub fn font_family(file_name: &str) -> (&str, &str) {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    stem.split_once('-').unwrap_or((stem, "Regular"))
}

impl Theme {
    /// The font families of the theme's fonts, then the fallback: the order
    /// typeset documents prefer them in.
    pub fn font_families(&self) -> Vec<String> {
        let mut families: Vec<String> = Vec::new();
        for font in &self.fonts {
            let (family, _) = font_family(&font.name);
            if !families.iter().any(|f| f == family) {
                families.push(family.to_string());
            }
        }
        if !families.iter().any(|f| f == FALLBACK_FONT) {
            families.push(FALLBACK_FONT.to_string());
        }
        families
    }

    /// A typst template of the theme, by file name.
    pub fn typst(&self, name: &str) -> Result<&str, ThemeError> {
        self.typst
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| ThemeError::MissingTemplate(name.to_string()))
    }

    /// Folders holding the theme's TTF/OTF fonts, for typst.
    pub fn font_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self
            .fonts
            .iter()
            .filter(|f| !f.name.ends_with(".woff2"))
            .filter_map(|f| f.path.parent().map(Path::to_path_buf))
            .collect();
        dirs.dedup();
        dirs
    }
}
