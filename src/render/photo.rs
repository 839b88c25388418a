//! Photos of what was held, resized in Rust for the gallery: a thumbnail
//! and a full-size image of each, as JPEG, never larger than the original.

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;

use crate::plan::PhotoSize;

/// JPEG quality of resized photos: small on a phone, no visible blocks.
const QUALITY: u8 = 80;

/// `bytes` (a JPEG, PNG or WebP) as a JPEG at `size`.
pub fn resized(bytes: &[u8], size: PhotoSize) -> Result<Vec<u8>, String> {
    let img =
        image::load_from_memory(bytes).map_err(|e| format!("cannot decode the photo: {e}"))?;
    let (width, height) = size.fit(img.width(), img.height());
    let img = if (width, height) == (img.width(), img.height()) {
        img
    } else {
        img.resize_exact(width, height, FilterType::Lanczos3)
    };
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&img.to_rgb8())
        .map_err(|e| format!("cannot encode the photo: {e}"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_shrink_to_their_size_and_never_grow() {
        let img = image::RgbImage::from_pixel(2000, 1000, image::Rgb([200, 120, 40]));
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let thumb = image::load_from_memory(&resized(&png, PhotoSize::Thumb).unwrap()).unwrap();
        assert_eq!(
            (thumb.width(), thumb.height()),
            PhotoSize::Thumb.fit(2000, 1000)
        );
        assert_eq!((thumb.width(), thumb.height()), (480, 240));
        // A small photo keeps its size.
        assert_eq!(PhotoSize::Full.fit(800, 600), (800, 600));
        assert_eq!(PhotoSize::Full.fit(3000, 2000), (1600, 1067));
    }
}
