//! Server-rendered bar charts: an SVG picture (hidden from assistive
//! technology) plus the same numbers as a table, rendered by the
//! `partials/bar-chart` template. No script, no inline styles (the CSP
//! forbids them): colours come from `.chart__*` classes in app.css.

use serde::Serialize;

const WIDTH: u32 = 640;
const LABEL_WIDTH: u32 = 220;
const VALUE_WIDTH: u32 = 150;
const ROW_HEIGHT: u32 = 28;
const BAR_HEIGHT: u32 = 18;
/// Longer labels are shortened in the picture; the table has them whole.
const LABEL_CHARS: usize = 30;

/// One chart, ready for the `partials/bar-chart` template.
#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    /// Unique on the page; anchors the caption.
    pub id: String,
    pub caption: String,
    /// Header of the label column of the table.
    pub label_header: String,
    /// Header of the value column of the table.
    pub value_header: String,
    pub width: u32,
    pub height: u32,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub label: String,
    pub short_label: String,
    /// Formatted for people (`1 234,50 грн`, `12`).
    pub value_text: String,
    pub y: u32,
    pub text_y: u32,
    /// Right edge of the label.
    pub label_x: u32,
    pub bar_x: u32,
    pub bar_width: u32,
    pub value_x: u32,
}

/// One row of input: label, value (any non-negative unit) and its text.
pub struct Row {
    pub label: String,
    pub value: i64,
    pub value_text: String,
}

impl BarChart {
    /// Lays out horizontal bars scaled to the largest value.
    pub fn new(
        id: &str,
        caption: &str,
        label_header: &str,
        value_header: &str,
        rows: Vec<Row>,
    ) -> BarChart {
        let max = rows.iter().map(|r| r.value.max(0)).max().unwrap_or(0);
        let span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        let bars = rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let y = 8 + i as u32 * ROW_HEIGHT;
                let bar_width = if max == 0 {
                    0
                } else {
                    // Integer scaling; a non-zero value stays visible.
                    let w = (r.value.max(0) as i128 * span as i128 / max as i128) as u32;
                    if r.value > 0 {
                        w.max(2)
                    } else {
                        0
                    }
                };
                Bar {
                    short_label: shorten(&r.label),
                    label: r.label,
                    value_text: r.value_text,
                    y,
                    text_y: y + BAR_HEIGHT - 4,
                    label_x: LABEL_WIDTH - 8,
                    bar_x: LABEL_WIDTH,
                    bar_width,
                    value_x: LABEL_WIDTH + bar_width + 6,
                }
            })
            .collect::<Vec<_>>();
        BarChart {
            id: id.to_string(),
            caption: caption.to_string(),
            label_header: label_header.to_string(),
            value_header: value_header.to_string(),
            width: WIDTH,
            height: 16 + bars.len() as u32 * ROW_HEIGHT,
            bars,
        }
    }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(LABEL_CHARS - 1).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, value: i64) -> Row {
        Row {
            label: label.into(),
            value,
            value_text: value.to_string(),
        }
    }

    #[test]
    fn bars_scale_to_the_largest_value() {
        let c = BarChart::new(
            "c",
            "C",
            "L",
            "V",
            vec![row("a", 10), row("b", 5), row("z", 0)],
        );
        assert_eq!(c.bars[0].bar_width, WIDTH - LABEL_WIDTH - VALUE_WIDTH);
        assert_eq!(c.bars[1].bar_width, (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / 2);
        assert_eq!(c.bars[2].bar_width, 0);
        assert!(c.bars[1].y > c.bars[0].y);
        assert_eq!(c.height, 16 + 3 * ROW_HEIGHT);
    }

    #[test]
    fn tiny_values_stay_visible_and_long_labels_shorten() {
        let long = "Громадська організація з дуже довгою назвою";
        let c = BarChart::new("c", "C", "L", "V", vec![row(long, 1), row("b", 100_000)]);
        assert_eq!(c.bars[0].bar_width, 2);
        assert_eq!(c.bars[0].short_label.chars().count(), LABEL_CHARS);
        assert_eq!(c.bars[0].label, long);
    }

    #[test]
    fn empty_and_all_zero_charts_have_no_bars_drawn() {
        assert!(BarChart::new("c", "C", "L", "V", vec![]).bars.is_empty());
        let c = BarChart::new("c", "C", "L", "V", vec![row("a", 0)]);
        assert_eq!(c.bars[0].bar_width, 0);
    }
}
