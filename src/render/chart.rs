//! Charts made at build time: bars as HTML (real text, so labels stay
//! readable on a 390 px phone and lay out right to left by themselves) and
//! a gauge as inline SVG. Each has a description for assistive technology;
//! the page shows the same numbers in a table beside it. No script, prints
//! as is.

use crate::render::xml::escape;

/// One bar: its label, its value, and the value as shown (locale digits).
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
    pub color: Option<String>,
}

/// The bars' colour when a bar has none of its own.
const BAR_COLOR: &str = "#0b5d3b";

/// A horizontal bar chart: a list of label, bar and value, each bar as long
/// as its value against the largest. Announced as one image with
/// `description`; the numbers themselves are in the table beside it.
pub fn bars(id: &str, description: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max).max(1.0);
    let mut html = format!(
        "<figure class=\"chart\" id=\"{id}\" role=\"img\" aria-label=\"{}\"><ol>",
        escape(description)
    );
    for bar in bars {
        let share = (bar.value / max * 100.0).clamp(0.0, 100.0);
        // A bar of a non-zero value is never invisible.
        let share = if bar.value > 0.0 { share.max(1.0) } else { 0.0 };
        html.push_str(&format!(
            "<li><span class=\"bar-label\">{}</span><span class=\"bar-track\">{}<span class=\"bar-value\">{}</span></span></li>",
            escape(&bar.label),
            bar_svg("bar", share, Some(bar.color.as_deref().unwrap_or(BAR_COLOR))),
            escape(&bar.shown),
        ));
    }
    html.push_str("</ol></figure>");
    html
}

/// A bar `share` percent of its track long, as an SVG box: its length is
/// a presentation attribute, since the pages' Content-Security-Policy
/// allows no `style` attribute. `fill` colours it; without one the
/// theme's stylesheet does (by `class`).
fn bar_svg(class: &str, share: f64, fill: Option<&str>) -> String {
    let fill = fill.map_or_else(String::new, |color| {
        format!(
            "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
            escape(color)
        )
    });
    format!(
        "<svg class=\"{class}\" width=\"{share:.1}%\" height=\"14\" aria-hidden=\"true\" focusable=\"false\">{fill}</svg>"
    )
}

/// Two values of each row side by side (planned and actual), each bar as
/// long as its value against the largest of all; `legend` names the two.
pub fn paired(id: &str, description: &str, legend: [&str; 2], rows: &[[Bar; 2]]) -> String {
    let max = rows
        .iter()
        .flatten()
        .map(|b| b.value)
        .fold(0.0, f64::max)
        .max(1.0);
    let mut html = format!(
        "<figure class=\"chart paired\" id=\"{id}\" role=\"img\" aria-label=\"{}\"><p class=\"legend\" aria-hidden=\"true\"><span class=\"key first\">{}</span> <span class=\"key second\">{}</span></p><ol>",
        escape(description),
        escape(legend[0]),
        escape(legend[1])
    );
    for pair in rows {
        html.push_str(&format!(
            "<li><span class=\"bar-label\">{}</span><span class=\"bar-pair\">",
            escape(&pair[0].label)
        ));
        for (bar, class) in pair.iter().zip(["first", "second"]) {
            let share = (bar.value / max * 100.0).clamp(0.0, 100.0);
            let share = if bar.value > 0.0 { share.max(1.0) } else { 0.0 };
            html.push_str(&format!(
                "<span class=\"bar-track\">{}<span class=\"bar-value\">{}</span></span>",
                bar_svg(&format!("bar {class}"), share, None),
                escape(&bar.shown)
            ));
        }
        html.push_str("</span></li>");
    }
    html.push_str("</ol></figure>");
    html
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_keep_their_labels() {
        let html = bars(
            "c",
            "شرح <نمودار>",
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
                Bar {
                    label: "سه".into(),
                    value: 0.0,
                    shown: "۰".into(),
                    color: None,
                },
            ],
        );
        assert!(html.contains("aria-label=\"شرح &lt;نمودار&gt;\""), "{html}");
        assert_eq!(widths(&html), ["100.0", "50.0", "0.0"]);
        assert!(
            html.contains("<span class=\"bar-label\">دو</span>")
                && html.contains("fill=\"#123456\"")
        );
        assert!(!html.contains("style="), "no style attribute: {html}");
        assert!(html.contains("<span class=\"bar-value\">۱۰</span>"));
    }

    /// The length of each bar, in percent of its track.
    fn widths(html: &str) -> Vec<&str> {
        html.split("<svg class=\"bar")
            .skip(1)
            .map(|svg| {
                svg.split(" width=\"")
                    .nth(1)
                    .unwrap()
                    .split('%')
                    .next()
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn paired_bars_share_one_scale() {
        let bar = |v: f64| Bar {
            label: "روز".into(),
            value: v,
            shown: v.to_string(),
            color: None,
        };
        let html = paired(
            "p",
            "پیش‌بینی و اجرا",
            ["پیش‌بینی", "اجرا"],
            &[[bar(200.0), bar(100.0)], [bar(50.0), bar(0.0)]],
        );
        assert_eq!(widths(&html), ["100.0", "50.0", "25.0", "0.0"]);
        assert!(!html.contains("style="), "no style attribute: {html}");
        assert!(html.contains("<span class=\"key first\">پیش‌بینی</span>"));
        assert_eq!(html.matches("bar first").count(), 2);
    }

    #[test]
    fn the_gauge_shows_pass_and_fail() {
        assert!(gauge("g", "t", "d", 0.54, Some(0.5), "۵۴٪", true).contains("#0b5d3b"));
        assert!(gauge("g", "t", "d", 0.4, Some(0.5), "۴۰٪", true).contains("#a61b1b"));
    }
}
