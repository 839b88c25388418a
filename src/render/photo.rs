//! Photos of what was held, resized in Rust for the gallery: a thumbnail
//! and a full-size image of each, as JPEG, never larger than the original.

use image::ImageDecoder;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;

use crate::plan::PhotoSize;

/// JPEG quality of resized photos: small on a phone, no visible blocks.
const QUALITY: u8 = 80;

/// `bytes` (a JPEG, PNG or WebP) as a JPEG at `size`: turned upright as
/// its EXIF orientation says, transparent parts on white.
pub fn resized(bytes: &[u8], size: PhotoSize) -> Result<Vec<u8>, String> {
    let fail = |e: image::ImageError| format!("cannot decode the photo: {e}");
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot decode the photo: {e}"))?;
    let jpeg = reader.format() == Some(image::ImageFormat::Jpeg);
    let mut decoder = reader.into_decoder().map_err(fail)?;
    let orientation = decoder.orientation().map_err(fail)?;
    let (w, h) = decoder.dimensions();
    // An upright JPEG already no larger than the size is kept as it is:
    // encoding it again would only lose quality and add bytes.
    if jpeg && orientation == Orientation::NoTransforms && size.fit(w, h) == (w, h) {
        return Ok(bytes.to_vec());
    }
    let mut img = image::DynamicImage::from_decoder(decoder).map_err(fail)?;
    img.apply_orientation(orientation);
    let (width, height) = size.fit(img.width(), img.height());
    let img = if (width, height) == (img.width(), img.height()) {
        img
    } else {
        img.resize_exact(width, height, FilterType::Lanczos3)
    };
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&on_white(&img))
        .map_err(|e| format!("cannot encode the photo: {e}"))?;
    Ok(out)
}

/// The image's colours over white, where it is transparent.
fn on_white(img: &image::DynamicImage) -> image::RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let a = u16::from(a);
        let over = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
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
        // The same photo always gives the same bytes.
        assert_eq!(
            resized(&png, PhotoSize::Thumb).unwrap(),
            resized(&png, PhotoSize::Thumb).unwrap()
        );
        // An upright JPEG that fits is kept byte for byte.
        let mut jpeg = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            300,
            200,
            image::Rgb([10, 20, 30]),
        ))
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
        assert_eq!(resized(&jpeg, PhotoSize::Full).unwrap(), jpeg);
        // A small photo keeps its size.
        assert_eq!(PhotoSize::Full.fit(800, 600), (800, 600));
        assert_eq!(PhotoSize::Full.fit(3000, 2000), (1600, 1067));
    }

    #[test]
    fn transparent_parts_come_out_white() {
        let img = image::RgbaImage::from_pixel(10, 10, image::Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        image::DynamicImage::ImageRgba8(img)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let out = image::load_from_memory(&resized(&png, PhotoSize::Thumb).unwrap()).unwrap();
        let [r, g, b] = out.to_rgb8().get_pixel(5, 5).0;
        assert!(r > 245 && g > 245 && b > 245, "{r} {g} {b}");
    }
}
