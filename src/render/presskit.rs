//! `press-kit.zip`: what an editor needs in one download — the three cards,
//! the caption and hashtags, the programme's facts, and its own photo.
//! Entries are in a fixed order with a fixed date, so the archive's bytes
//! depend only on the content.

use std::io::Write;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::card::CardFormat;

pub struct PressKit<'a> {
    pub cards: Vec<(CardFormat, Vec<u8>)>,
    pub caption: String,
    pub facts: String,
    /// The programme's photo: (file name in the archive, bytes).
    pub photo: Option<(String, Vec<u8>)>,
    pub readme_name: &'a str,
}

pub fn zip(kit: &PressKit) -> Result<Vec<u8>, String> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // PNG and JPEG are compressed already: stored, not deflated.
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let text = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut add = |name: &str, bytes: &[u8], options: SimpleFileOptions| -> Result<(), String> {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())
    };
    add("caption.txt", kit.caption.as_bytes(), text)?;
    add(kit.readme_name, kit.facts.as_bytes(), text)?;
    for (format, png) in &kit.cards {
        add(format.file_name(), png, stored)?;
    }
    if let Some((name, bytes)) = &kit.photo {
        add(name, bytes, stored)?;
    }
    let cursor = zip.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}
