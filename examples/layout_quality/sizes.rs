//! Box sizes from text, shared by the layout benchmarks (this example, and
//! `layout_speed`, which includes this file by path), so both lay out the same boxes.

use tradeoff::layout::layered::Size;

/// The text-size model every tool gets: node text (prompt or title) wrapped at 26
/// characters, 7.5 px a character and 18 px a line, 12 px and 10 px padding, width
/// 120-240 px; answer labels (a 12 px font) wrapped at 21 characters, 6.5 px a character
/// and 15 px a line, 4 px and 2 px padding, at most 150 px wide. Whole pixels, because
/// Graphviz rounds sizes to points (1 px = 1 pt here).
pub fn node_size(text: &str) -> Size {
    let lines = wrap(text, 26);
    let widest = lines.iter().copied().max().unwrap_or(0) as f32;
    Size::new(
        (widest * 7.5 + 24.0).clamp(120.0, 240.0).ceil(),
        (lines.len() as f32 * 18.0 + 20.0).ceil(),
    )
}

pub fn label_size(text: &str) -> Size {
    let lines = wrap(text, 21);
    let widest = lines.iter().copied().max().unwrap_or(0) as f32;
    Size::new(
        (widest * 6.5 + 8.0).min(150.0).ceil(),
        (lines.len() as f32 * 15.0 + 4.0).ceil(),
    )
}

/// Line lengths, in characters, of `text` wrapped greedily at `width`; a longer word is
/// cut into pieces.
fn wrap(text: &str, width: usize) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        let mut len = word.chars().count();
        if line > 0 && line + 1 + len <= width {
            line += 1 + len;
            continue;
        }
        if line > 0 {
            lines.push(line);
        }
        while len > width {
            lines.push(width);
            len -= width;
        }
        line = len;
    }
    if line > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}
