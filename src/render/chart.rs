//! Charts as inline SVG, made at build time: horizontal bars and a gauge.
//! Each has a title and a description for assistive technology; the page
//! shows the same numbers in a table beside it. No script, prints as is.

use crate::render::xml::escape;

/// One bar: its label, its value, and the value as shown (locale digits).
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
    pub color: Option<String>,
}

const WIDTH: f64 = 640.0;
const ROW: f64 = 26.0;

/// A horizontal bar chart. `rtl` puts labels on the right and grows bars
/// leftwards, as a right-to-left reader expects. Positions are physical:
/// the SVG is `direction="ltr"` so an RTL page does not flip the anchors
/// (the text inside still runs right to left).
pub fn bars(id: &str, title: &str, description: &str, bars: &[Bar], rtl: bool) -> String {
    let label_w = WIDTH * 0.36;
    let value_w = 64.0;
    let track = WIDTH - label_w - value_w - 16.0;
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max).max(1.0);
    let height = ROW * bars.len() as f64 + 8.0;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" direction=\"ltr\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape(title),
        escape(description)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let len = (bar.value / max * track).max(if bar.value > 0.0 { 2.0 } else { 0.0 });
        let color = bar.color.as_deref().unwrap_or("#0b5d3b");
        let (label_x, anchor, bar_x, value_x, value_anchor) = if rtl {
            (
                WIDTH - 4.0,
                "end",
                WIDTH - label_w - 8.0 - len,
                WIDTH - label_w - 12.0 - len,
                "end",
            )
        } else {
            (4.0, "start", label_w + 8.0, label_w + 12.0 + len, "start")
        };
        svg.push_str(&format!(
            "<g><text x=\"{label_x}\" y=\"{ty}\" text-anchor=\"{anchor}\" class=\"chart-label\">{label}</text>\
             <rect x=\"{bar_x:.1}\" y=\"{ry}\" width=\"{len:.1}\" height=\"{rh}\" rx=\"3\" fill=\"{color}\"/>\
             <text x=\"{value_x:.1}\" y=\"{ty}\" text-anchor=\"{value_anchor}\" class=\"chart-value\">{shown}</text></g>",
            ty = y + 17.0,
            ry = y + 4.0,
            rh = ROW - 8.0,
            // Isolated, so neutral ends (an ellipsis, a bracket) stay with
            // their text in an LTR-positioned SVG.
            label = escape(&isolate(&truncate(&bar.label, 34))),
            shown = escape(&isolate(&bar.shown)),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A half-circle gauge of a share, with the target marked.
pub fn gauge(
    id: &str,
    title: &str,
    description: &str,
    share: f64,
    target: Option<f64>,
    shown: &str,
    rtl: bool,
) -> String {
    let (cx, cy, r) = (120.0, 118.0, 96.0);
    // The arc runs from the reading start to its end: right to left in RTL.
    let point = |t: f64| {
        let t = if rtl { t } else { 1.0 - t };
        let angle = std::f64::consts::PI * t;
        (cx + r * angle.cos(), cy - r * angle.sin())
    };
    let (sx, sy) = point(0.0);
    let (ex, ey) = point(1.0);
    let (vx, vy) = point(share.clamp(0.0, 1.0));
    let sweep = if rtl { 0 } else { 1 };
    let pass = target.is_none_or(|t| share >= t);
    let color = if pass { "#0b5d3b" } else { "#a61b1b" };
    let mut svg = format!(
        "<svg class=\"gauge\" viewBox=\"0 0 240 140\" direction=\"ltr\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>\
         <path d=\"M {sx:.1} {sy:.1} A {r} {r} 0 0 {sweep} {ex:.1} {ey:.1}\" fill=\"none\" stroke=\"#d9d6cf\" stroke-width=\"18\"/>",
        escape(title),
        escape(description)
    );
    if share > 0.0 {
        svg.push_str(&format!(
            "<path d=\"M {sx:.1} {sy:.1} A {r} {r} 0 0 {sweep} {vx:.1} {vy:.1}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"18\"/>"
        ));
    }
    if let Some(t) = target {
        let (tx, ty) = point(t);
        let (ix, iy) = (cx + (tx - cx) * 0.78, cy + (ty - cy) * 0.78);
        let (ox, oy) = (cx + (tx - cx) * 1.14, cy + (ty - cy) * 1.14);
        svg.push_str(&format!(
            "<line x1=\"{ix:.1}\" y1=\"{iy:.1}\" x2=\"{ox:.1}\" y2=\"{oy:.1}\" stroke=\"#1d1d1f\" stroke-width=\"3\"/>"
        ));
    }
    svg.push_str(&format!(
        "<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" class=\"gauge-value\" fill=\"{color}\">{}</text></svg>",
        cy - 10.0,
        escape(shown)
    ));
    svg
}

/// Text between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: laid out
/// in its own direction whatever surrounds it.
fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_keep_their_labels() {
        let svg = bars(
            "c",
            "عنوان",
            "شرح",
            &[
                Bar {
                    label: "یک".into(),
                    value: 10.0,
                    shown: "۱۰".into(),
                    color: None,
                },
                Bar {
                    label: "دو".into(),
                    value: 5.0,
                    shown: "۵".into(),
                    color: Some("#123456".into()),
                },
            ],
            true,
        );
        assert!(
            svg.contains("<title id=\"c-t\">عنوان</title>")
                && svg.contains("<desc id=\"c-d\">شرح</desc>")
        );
        let widths: Vec<f64> = svg
            .match_indices(" width=\"")
            .map(|(i, _)| svg[i + 8..].split('"').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(widths.len(), 2);
        assert!((widths[0] - 2.0 * widths[1]).abs() < 0.2, "{widths:?}");
        assert!(svg.contains(">\u{2068}۱۰\u{2069}</text>") && svg.contains("fill=\"#123456\""));
    }

    #[test]
    fn the_gauge_shows_pass_and_fail() {
        assert!(gauge("g", "t", "d", 0.54, Some(0.5), "۵۴٪", true).contains("#0b5d3b"));
        assert!(gauge("g", "t", "d", 0.4, Some(0.5), "۴۰٪", true).contains("#a61b1b"));
    }
}
