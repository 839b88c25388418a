//! The colours of headquarters, shared by pages, cards, bulletins and
//! charts: the colour a headquarters gives (or the default one), and the
//! text colour that reads on it.

use serde::Serialize;

use crate::model::Headquarters;

/// The colour of a headquarters that gives none (a dark blue-grey).
pub const DEFAULT_COLOR: &str = "#455a64";

/// A background and the text colour that reads on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Colors {
    pub background: String,
    pub text: &'static str,
}

impl Colors {
    /// A headquarters' colours.
    pub fn of(hq: &Headquarters) -> Colors {
        Colors::on(hq.color.as_deref().unwrap_or(DEFAULT_COLOR))
    }

    /// The colours of what belongs to no headquarters.
    pub fn neutral() -> Colors {
        Colors::on(DEFAULT_COLOR)
    }

    fn on(background: &str) -> Colors {
        Colors {
            background: background.to_string(),
            text: text_on(background),
        }
    }
}

/// Black or white text, whichever reads better on `background` (`#rrggbb`),
/// by WCAG contrast.
pub fn text_on(background: &str) -> &'static str {
    let channel = |i: usize| {
        let v = u8::from_str_radix(background.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0)
            as f64
            / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    let with_white = 1.05 / (l + 0.05);
    let with_black = (l + 0.05) / 0.05;
    if with_white >= with_black {
        "#ffffff"
    } else {
        "#111111"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_colour_follows_contrast() {
        assert_eq!(text_on("#0b5d3b"), "#ffffff");
        assert_eq!(text_on("#ffeb3b"), "#111111");
        assert_eq!(Colors::neutral().text, "#ffffff");
    }
}
