//! Media files under `content/` (a highlight's image, an outcome's
//! photos): a safe path, an image type, a file that decodes.

use super::raw::Text;
use super::resolve::Problems;
use crate::diagnostic::Diagnostic;
use crate::source::ContentDir;

/// Image types a highlight may carry.
pub const MEDIA_EXTENSIONS: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// A media file under `content/`: relative, no `..`, no escape through a
/// symbolic link, one of the image types, present, and an image.
pub fn media(
    problems: &mut Problems,
    content_dir: ContentDir,
    loc: &Text,
    path: &str,
) -> Option<String> {
    let written = loc.value.trim();
    let unsafe_path = written.is_empty()
        || written.starts_with('/')
        || written.contains('\\')
        || written.contains(':')
        || written
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..");
    if unsafe_path {
        problems.push(
            Diagnostic::error("unsafe-path", format!("'{written}' is not a path inside content/"))
                .at(loc.span.clone())
                .expected("a relative path under content/ with '/' separators and no '..', e.g. media/rally.jpg")
                .path(path),
        );
        return None;
    }
    let extension = written
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    if !extension
        .as_deref()
        .is_some_and(|e| MEDIA_EXTENSIONS.contains(&e))
    {
        problems.push(
            Diagnostic::error(
                "bad-media-type",
                format!("'{written}' is not an image rooz can use"),
            )
            .at(loc.span.clone())
            .expected(format!(
                "a file ending in .{}",
                MEDIA_EXTENSIONS.join(", .")
            ))
            .path(path),
        );
        return None;
    }
    match media_file(content_dir, written) {
        None => Some(written.to_string()),
        Some(problem) => {
            problems.push(problem.at(loc.span.clone()).path(path));
            None
        }
    }
}

/// What is wrong with the file at a safe media path, if anything: it must
/// be a file inside `content/` (not reached through a link) that decodes as
/// an image.
fn media_file(content: ContentDir, written: &str) -> Option<Diagnostic> {
    let content_dir = content.path;
    let inside = content_dir
        .canonicalize()
        .ok()
        .zip(content_dir.join(written).canonicalize().ok())
        .map(|(root, file)| (file.starts_with(&root), file.is_file()));
    match inside {
        Some((true, true)) => {
            // Decoded now, so a broken file is a content error at its line
            // rather than a failure while rendering cards.
            let file = content_dir.join(written);
            let decoded = content.memo.check(&file, "image", || {
                image::ImageReader::open(&file)
                    .and_then(|r| r.with_guessed_format())
                    .map_err(|e| e.to_string())
                    .and_then(|r| r.decode().map(|_| ()).map_err(|e| e.to_string()))
            });
            decoded.err().map(|e| {
                Diagnostic::error(
                    "bad-media",
                    format!("content/{written} cannot be read as an image: {e}"),
                )
                .expected("a JPEG, PNG or WebP image")
            })
        }
        Some((true, false)) => Some(
            Diagnostic::error(
                "not-a-file",
                format!("content/{written} is not a regular file"),
            )
            .expected("an image file (not a folder, pipe or device)"),
        ),
        Some((false, _)) => Some(
            Diagnostic::error(
                "unsafe-path",
                format!("content/{written} leads outside content/"),
            )
            .expected("a file inside content/ (not a link to elsewhere)"),
        ),
        _ => Some(
            Diagnostic::error(
                "missing-media",
                format!("there is no file content/{written}"),
            )
            .expected("the path of an image file under content/"),
        ),
    }
}

/// The pixels an image file shows at: its size, turned as its EXIF
/// orientation says (a phone's portrait photo is stored on its side).
pub fn upright_size(file: &std::path::Path) -> Result<(u32, u32), String> {
    use image::ImageDecoder;
    use image::metadata::Orientation;
    let mut decoder = image::ImageReader::open(file)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| e.to_string())?
        .into_decoder()
        .map_err(|e| e.to_string())?;
    let (width, height) = decoder.dimensions();
    let turned = matches!(
        decoder.orientation().unwrap_or(Orientation::NoTransforms),
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    Ok(if turned {
        (height, width)
    } else {
        (width, height)
    })
}
