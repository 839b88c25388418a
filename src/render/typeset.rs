//! typst as a library: the engine behind share cards and PDFs.
//!
//! Fonts are scanned once per build (the theme's TTF/OTF first, then the
//! system's) and shared by every thread. Each document is a theme template
//! (`.typ`) that reads its data as JSON from `sys.inputs.data`; images are
//! handed over as virtual files. `today` is fixed to the event's first day,
//! so output never depends on when it was built.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Dict, Duration, Label, Selector, Smart, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::{LazyHash, PicoStr};
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::cache::{self, Cache, Content};
use crate::calendar::{Direction, Formats};
use crate::model::Event;

struct FontSlot {
    path: PathBuf,
    index: u32,
    font: OnceLock<Option<Font>>,
}

/// The fonts typst may use, scanned once and loaded lazily.
pub struct Fonts {
    book: LazyHash<FontBook>,
    slots: Vec<FontSlot>,
    /// Every font file with its size and modification time.
    fingerprint: String,
}

impl Fonts {
    /// Earlier folders win when two faces match equally: pass the theme's
    /// fonts first.
    pub fn scan(dirs: &[PathBuf]) -> Self {
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for dir in dirs {
            let mut files = Vec::new();
            font_files(dir, &mut files);
            files.sort();
            for path in files {
                let Ok(data) = std::fs::read(&path) else {
                    continue;
                };
                for font in Font::iter(Bytes::new(data)) {
                    book.push(font.info().clone());
                    slots.push(FontSlot {
                        path: path.clone(),
                        index: font.index(),
                        font: OnceLock::new(),
                    });
                }
            }
        }
        let mut files: Vec<&PathBuf> = slots.iter().map(|s| &s.path).collect();
        files.dedup();
        let fingerprint = files
            .iter()
            .map(|p| {
                let meta = std::fs::metadata(p).ok();
                let len = meta.as_ref().map_or(0, |m| m.len());
                let modified = meta
                    .and_then(|m| m.modified().ok())
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{} {len} {modified}", p.display())
            })
            .collect::<Vec<_>>()
            .join("\n");
        Fonts {
            book: LazyHash::new(book),
            slots,
            fingerprint,
        }
    }

    /// Where Debian and users keep fonts.
    pub fn system_dirs() -> Vec<PathBuf> {
        let mut dirs = vec![
            PathBuf::from("/usr/share/fonts"),
            PathBuf::from("/usr/local/share/fonts"),
        ];
        if let Some(home) = std::env::var_os("HOME") {
            dirs.push(Path::new(&home).join(".local/share/fonts"));
            dirs.push(Path::new(&home).join(".fonts"));
        }
        dirs
    }

    /// The font files, for cache keys: a different font makes a different card.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    fn font(&self, i: usize) -> Option<Font> {
        let slot = self.slots.get(i)?;
        slot.font
            .get_or_init(|| Font::new(Bytes::new(std::fs::read(&slot.path).ok()?), slot.index))
            .clone()
    }
}

fn font_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            font_files(&p, out);
        } else if matches!(
            p.extension()
                .and_then(|x| x.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("ttf" | "otf" | "ttc" | "otc")
        ) {
            out.push(p);
        }
    }
}

/// One document to typeset: template source, JSON data, virtual files.
pub struct Document<'a> {
    pub template_name: &'a str,
    pub source: &'a str,
    pub data: String,
    /// Virtual files by absolute path: images, and the theme's typst
    /// modules a template imports.
    pub files: Vec<(String, Bytes)>,
}

struct DocWorld {
    fonts: Arc<Fonts>,
    library: LazyHash<Library>,
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

/// A file id that is the same for every document: typst interns ids for the
/// life of the process (at most 65,535), so paths must not vary.
fn vfile(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a valid virtual path"),
    )
    .intern()
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_owned()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// A typeset document, ready for PNG or PDF.
pub struct Typeset {
    pub document: PagedDocument,
    /// The text boxes the template fitted (`<fit>` metadata).
    pub fits: Vec<Fit>,
    /// What to warn about: text that does not fit, a broken word, and
    /// typst's own warnings.
    pub warnings: Vec<String>,
}

/// The typst engine of one build.
pub struct Engine {
    fonts: Arc<Fonts>,
    today: Datetime,
}

impl Engine {
    /// `today` is the event's first day (ISO), for reproducible output.
    pub fn new(theme_fonts: &[PathBuf], today: (i32, u8, u8)) -> Engine {
        let mut dirs: Vec<PathBuf> = theme_fonts.to_vec();
        dirs.extend(Fonts::system_dirs());
        Engine {
            fonts: Arc::new(Fonts::scan(&dirs)),
            // Loading keeps event years within 1000–9999, which typst takes.
            today: Datetime::from_ymd(today.0, today.1, today.2)
                .or_else(|| Datetime::from_ymd(2000, 1, 1))
                .expect("2000-01-01 is a date"),
        }
    }

    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// Lays out a document; errors name the template, line and column.
    pub fn typeset(&self, doc: Document) -> Result<Typeset, String> {
        let mut inputs = Dict::new();
        inputs.insert("data".into(), Value::Str(doc.data.as_str().into()));
        let library = LazyHash::new(Library::builder().with_inputs(inputs).build());
        let main = Source::new(vfile("/main.typ"), doc.source.to_owned());
        let world = DocWorld {
            fonts: self.fonts.clone(),
            library,
            main,
            files: doc.files.into_iter().map(|(p, b)| (vfile(&p), b)).collect(),
            today: self.today,
        };
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let describe = |d: &SourceDiagnostic| describe(&world, doc.template_name, d);
        match output {
            Ok(document) => {
                // Warnings that matter (a missing font family falls back
                // silently otherwise) are kept with the boxes' own.
                let fits = fits(&document);
                let mut notes: Vec<String> = fits.iter().filter_map(Fit::warning).collect();
                notes.extend(
                    warnings
                        .iter()
                        .filter(|w| !w.message.contains("unknown font family"))
                        .map(describe),
                );
                Ok(Typeset {
                    document,
                    fits,
                    warnings: notes,
                })
            }
            Err(errors) => Err(errors
                .iter()
                .chain(&warnings)
                .map(describe)
                .collect::<Vec<_>>()
                .join("\n")),
        }
    }
}

impl Typeset {
    /// The first page as PNG at 2 px/pt, compressed fast: share cards are
    /// flat colour and text, which compress well at any level, and the
    /// default level is most of a card's time.
    pub fn png(&self) -> Result<Vec<u8>, String> {
        let page = self
            .document
            .pages()
            .first()
            .ok_or("the document has no page")?;
        let pixmap = typst_render::render(page, &typst_render::RenderOptions::default());
        let (width, height) = (pixmap.width(), pixmap.height());
        let rgba = pixmap.take_demultiplied();
        let mut out = Vec::new();
        let encoder = image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Fast,
            image::codecs::png::FilterType::Sub,
        );
        image::ImageEncoder::write_image(
            encoder,
            &rgba,
            width,
            height,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|e| e.to_string())?;
        Ok(out)
    }

    /// The whole document as PDF, with a stable identifier and no creation
    /// date, so two builds give the same bytes.
    pub fn pdf(&self, ident: &str) -> Result<Vec<u8>, String> {
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(ident.into()),
            timestamp: None,
            ..Default::default()
        };
        typst_pdf::pdf(&self.document, &options).map_err(|errors| {
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    pub fn pages(&self) -> usize {
        self.document.pages().len()
    }
}

fn describe(world: &DocWorld, template: &str, d: &SourceDiagnostic) -> String {
    let severity = if d.severity == Severity::Error {
        "error"
    } else {
        "warning"
    };
    let place = (|| {
        let id = d.span.id()?;
        let range = world.range(d.span)?;
        let source = world.source(id).ok()?;
        let (line, column) = source.lines().byte_to_line_column(range.start)?;
        let file = if id == world.main.id() {
            template.to_string()
        } else {
            id.vpath().get_with_slash().to_string()
        };
        Some(format!("{file}:{}:{}", line + 1, column + 1))
    })()
    .unwrap_or_else(|| template.to_string());
    let mut s = format!("{severity}: {} ({place})", d.message);
    for hint in &d.hints {
        s.push_str(&format!("\n  hint: {}", hint.v));
    }
    s
}

/// A text box a template fitted its text into (`<fit>` metadata): its size,
/// what the text needed at the size chosen, and whether it fits whole or
/// only with a word broken at its ZWNJ.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Fit {
    pub id: String,
    /// The box, in points.
    pub width: f64,
    pub height: f64,
    /// The widest word (or part of a broken word) and the height of the text.
    pub need_width: f64,
    pub need_height: f64,
    pub fits: bool,
    pub broken: bool,
}

impl Fit {
    /// What rooz warns about: text cut, or a word broken to fit.
    pub fn warning(&self) -> Option<String> {
        if !self.fits {
            Some(format!(
                "the {} does not fit its {:.0} × {:.0} pt box even at its smallest size, and is cut",
                self.id, self.width, self.height
            ))
        } else if self.broken {
            Some(format!(
                "a word of the {} is too long for its {:.0} pt line and is broken at its ZWNJ",
                self.id, self.width
            ))
        } else {
            None
        }
    }
}

fn fits(doc: &PagedDocument) -> Vec<Fit> {
    let Some(label) = Label::new(PicoStr::intern("fit")) else {
        return Vec::new();
    };
    doc.introspector()
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|c| c.to_packed::<MetadataElem>())
        .filter_map(|m| serde_json::from_value(serde_json::to_value(&m.value).ok()?).ok())
        .collect()
}

/// What every typeset document of an event shares, given to each template
/// with its own data: the language and writing direction, the font
/// families in order of preference, the paper and the locale's digits
/// (for page numbers).
#[derive(Debug, Clone, Serialize)]
pub struct Setting {
    pub lang: String,
    pub dir: Direction,
    pub fonts: Vec<String>,
    pub paper: &'static str,
    pub digits: Vec<String>,
}

impl Setting {
    pub fn new(event: &Event, formats: &Formats, fonts: Vec<String>) -> Setting {
        Setting {
            lang: event.locale.id.language.to_string(),
            dir: event.direction,
            fonts,
            paper: event.bulletins.paper.typst(),
            digits: (0..10).map(|d| formats.digits(&d.to_string())).collect(),
        }
    }
}

/// A theme's typst template: its file name (for messages) and source.
#[derive(Debug, Clone, Copy)]
pub struct Template<'a> {
    pub name: &'a str,
    pub source: &'a str,
}

/// What a typeset document becomes.
#[derive(Debug, Clone)]
pub enum Format {
    /// The single page as PNG at 2 px/pt (a share card).
    Png,
    /// Every page as PDF, with this stable identifier.
    Pdf { ident: String },
}

/// One document to make: a template, its data, and what else it depends on.
pub struct Request<'a, T: Serialize> {
    pub template: Template<'a>,
    pub data: &'a T,
    /// Inputs besides the data that change the result (a photo's bytes).
    pub inputs: &'a [&'a [u8]],
    /// The files the template reads, made only when the cache has no copy.
    pub files: &'a dyn Fn() -> Result<Vec<(&'static str, Vec<u8>)>, String>,
    pub format: Format,
    /// The output's path: warnings name it, and a build that puts pages
    /// first carries the current file of that path over.
    pub label: &'a str,
}

/// The one path every card, bulletin and report PDF takes: data with the
/// shared [`Setting`] → a cache key of everything that goes in → the
/// cached file, or typst's result stored in the cache with its warnings.
pub struct Typesetter<'a> {
    engine: &'a Engine,
    cache: &'a Cache,
    setting: Setting,
    /// The theme's typst files, importable by any template (`rooz.typ`).
    modules: Vec<(String, Bytes)>,
    /// A hash of them, part of every cache key.
    modules_key: String,
    /// Documents typeset so far, to bound typst's memo cache.
    typeset: std::sync::atomic::AtomicUsize,
}

impl<'a> Typesetter<'a> {
    /// `modules`: the theme's typst files by name (`rooz.typ`).
    pub fn new(
        engine: &'a Engine,
        cache: &'a Cache,
        setting: Setting,
        modules: &std::collections::BTreeMap<String, String>,
    ) -> Self {
        let parts: Vec<&[u8]> = modules
            .iter()
            .flat_map(|(name, source)| [name.as_bytes(), source.as_bytes()])
            .collect();
        Typesetter {
            engine,
            cache,
            setting,
            modules_key: cache::key(&parts),
            typeset: std::sync::atomic::AtomicUsize::new(0),
            modules: modules
                .iter()
                .map(|(name, source)| (format!("/{name}"), Bytes::from_string(source.clone())))
                .collect(),
        }
    }

    /// The theme's modules and a document's own files.
    fn files(&self, own: Vec<(&'static str, Vec<u8>)>) -> Vec<(String, Bytes)> {
        self.modules
            .iter()
            .cloned()
            .chain(own.into_iter().map(|(p, b)| (p.to_string(), Bytes::new(b))))
            .collect()
    }

    /// The data a template reads: the setting and the document's own.
    fn json<T: Serialize>(&self, data: &T) -> Result<String, String> {
        #[derive(Serialize)]
        struct Data<'d, T> {
            #[serde(flatten)]
            setting: &'d Setting,
            #[serde(flatten)]
            data: &'d T,
        }
        serde_json::to_string(&Data {
            setting: &self.setting,
            data,
        })
        .map_err(|e| e.to_string())
    }

    /// Typesets a document without the cache (for tests that look at how
    /// its text was fitted).
    pub fn typeset<T: Serialize>(
        &self,
        template: Template,
        data: &T,
        files: Vec<(&'static str, Vec<u8>)>,
    ) -> Result<Typeset, String> {
        self.engine.typeset(Document {
            template_name: template.name,
            source: template.source,
            data: self.json(data)?,
            files: self.files(files),
        })
    }

    /// The document as PNG or PDF: from the cache, or typeset and stored.
    pub fn make<T: Serialize>(&self, request: Request<T>) -> Result<Content, String> {
        let Request {
            template,
            data,
            inputs,
            files,
            format,
            label,
        } = request;
        let json = self.json(data)?;
        let fonts = self.engine.fonts().fingerprint();
        let mut parts: Vec<&[u8]> = vec![
            template.name.as_bytes(),
            template.source.as_bytes(),
            json.as_bytes(),
        ];
        parts.extend_from_slice(inputs);
        parts.push(fonts.as_bytes());
        parts.push(self.modules_key.as_bytes());
        let key = cache::key(&parts);
        let extension = match format {
            Format::Png => "png",
            Format::Pdf { .. } => "pdf",
        };
        self.cache.get_or_make(&key, extension, label, || {
            let doc = self.engine.typeset(Document {
                template_name: template.name,
                source: template.source,
                data: json.clone(),
                files: self.files(files()?),
            })?;
            // typst memoises layouts across documents; what no recent
            // document used is dropped every EVICT_PAGES pages typeset (so
            // right after a long bulletin), and memory follows the work in
            // flight, not the size of the site.
            let pages = doc.pages();
            let before = self
                .typeset
                .fetch_add(pages, std::sync::atomic::Ordering::Relaxed);
            if (before + pages) / EVICT_PAGES != before / EVICT_PAGES {
                typst::comemo::evict(EVICT_AGE);
            }
            let bytes = match &format {
                Format::Png if doc.pages() != 1 => {
                    return Err(format!(
                        "{} made {} pages instead of one",
                        template.name,
                        doc.pages()
                    ));
                }
                Format::Png => doc.png()?,
                Format::Pdf { ident } => doc.pdf(ident)?,
            };
            Ok((bytes, doc.warnings.clone()))
        })
    }
}

/// How many pages are typeset between two evictions of typst's cache, and
/// how many evictions an unused result survives.
const EVICT_PAGES: usize = 32;
const EVICT_AGE: usize = 2;

/// Frees typst's memoisation cache between batches of documents.
pub fn evict_cache() {
    typst::comemo::evict(10);
}
