//! Line breaks and sizes of the canvas's text, from cached glyph advances.
//!
//! Laying out a text with egui shapes it (harfrust), which costs several microseconds
//! per text; a tree of 100,000 nodes has 200,000 texts, so measuring them all that way
//! before the first frame took seconds. Here each text is broken into lines greedily
//! from per-character advances, cached per font, and its size estimated from them with a
//! margin for kerning. The canvas then draws exactly these lines (egui never wraps them
//! again), so a box always holds its text, and only the texts on screen are ever shaped.

use std::borrow::Cow;
use std::collections::HashMap;

use egui::{FontId, Painter, Vec2};

/// A font the canvas draws with: its size and the width its lines break at, at zoom 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub size: f32,
    /// Lines break at this width; `f32::INFINITY` for text that never wraps.
    pub wrap: f32,
}

/// Where each line after the first starts, as byte offsets into the text. Empty (and
/// without an allocation) for text on one line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines(Box<[u32]>);

impl Lines {
    /// How many lines the text takes.
    pub fn count(&self) -> usize {
        self.0.len() + 1
    }

    /// `text` as drawn: a newline at each break, and the spaces at the end of each line
    /// left out (they are not measured). Borrowed when the text is one line.
    pub fn apply<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.0.is_empty() {
            return Cow::Borrowed(text.trim_end());
        }
        let mut out = String::with_capacity(text.len() + self.0.len());
        let mut start = 0usize;
        for &b in self.0.iter() {
            let b = (b as usize).min(text.len());
            out.push_str(text[start..b].trim_end());
            out.push('\n');
            start = b;
        }
        out.push_str(text[start..].trim_end());
        Cow::Owned(out)
    }
}

/// Kerning and shaping can make a line a little wider than the sum of its advances;
/// boxes get this much more room, so the text never touches their edge.
const KERNING_MARGIN: f32 = 0.04;

/// Breaks and measures text with the painter's fonts, caching each character's
/// advance per font. One is made for each build of the view.
pub struct TextMeasure<'p> {
    painter: &'p Painter,
    fonts: Vec<Cached>,
}

struct Cached {
    font: Font,
    ascii: [f32; 128],
    other: HashMap<char, f32>,
    row_height: f32,
}

impl<'p> TextMeasure<'p> {
    pub fn new(painter: &'p Painter) -> Self {
        Self {
            painter,
            fonts: Vec::new(),
        }
    }

    fn cached(&mut self, font: Font) -> usize {
        if let Some(k) = self.fonts.iter().position(|c| c.font == font) {
            return k;
        }
        let id = FontId::proportional(font.size);
        let mut ascii = self.painter.fonts_mut(|f| {
            let mut ascii = [0.0; 128];
            for (c, w) in ascii.iter_mut().enumerate() {
                *w = f.glyph_width(&id, char::from(c as u8));
            }
            ascii
        });
        // A row as egui lays it out, rounded to whole pixels.
        let row_height = self
            .painter
            .layout_no_wrap("x".to_owned(), id, egui::Color32::WHITE)
            .size()
            .y;
        // egui sets a tab's width itself (a number of spaces).
        ascii[usize::from(b'\t')] = self.shaped_width(font, '\t');
        self.fonts.push(Cached {
            font,
            ascii,
            other: HashMap::new(),
            row_height,
        });
        self.fonts.len() - 1
    }

    fn advance(&mut self, k: usize, c: char) -> f32 {
        let cached = &mut self.fonts[k];
        if c.is_ascii() {
            return cached.ascii[c as usize];
        }
        if let Some(&w) = cached.other.get(&c) {
            return w;
        }
        let font = cached.font;
        let w = self.shaped_width(font, c);
        self.fonts[k].other.insert(c, w);
        w
    }

    /// One character's width as egui draws it: for characters outside ASCII this
    /// includes the fallback fonts and the replacement glyph for ones no font has,
    /// which a glyph lookup in the main font reports as zero.
    fn shaped_width(&self, font: Font, c: char) -> f32 {
        self.painter
            .layout_no_wrap(
                c.to_string(),
                FontId::proportional(font.size),
                egui::Color32::WHITE,
            )
            .size()
            .x
    }

    /// Where `text` breaks in `font` and the size its lines take. Lines break at
    /// spaces, like egui's; a word wider than a line is cut between characters.
    pub fn wrap(&mut self, text: &str, font: Font) -> (Lines, Vec2) {
        let k = self.cached(font);
        let mut breaks: Vec<u32> = Vec::new();
        let mut widest = 0.0f32;
        let mut line = Line::default();
        for (at, c) in text.char_indices() {
            if c == '\n' {
                widest = widest.max(line.width());
                breaks.push(offset(at + 1));
                line = Line::default();
                continue;
            }
            let w = self.advance(k, c);
            if c.is_whitespace() {
                line.commit_word();
                line.pending += w;
                continue;
            }
            if !line.in_word {
                line.in_word = true;
                line.word_start = at;
            }
            if line.width() + w > font.wrap {
                if line.has_words {
                    // The word does not fit after the others: it starts the next line,
                    // and the spaces before it are left at the end of this one.
                    widest = widest.max(line.words);
                    breaks.push(offset(line.word_start));
                    line = Line {
                        in_word: true,
                        word_start: line.word_start,
                        word: line.word,
                        ..Line::default()
                    };
                }
                if line.word > 0.0 && line.width() + w > font.wrap {
                    widest = widest.max(line.width());
                    breaks.push(offset(at));
                    line = Line {
                        in_word: true,
                        word_start: at,
                        ..Line::default()
                    };
                }
            }
            line.word += w;
        }
        widest = widest.max(line.width());
        let rows = breaks.len() + 1;
        let row_height = self.fonts[k].row_height;
        let size = Vec2::new(
            (widest * (1.0 + KERNING_MARGIN)).ceil(),
            row_height * rows as f32,
        );
        (Lines(breaks.into_boxed_slice()), size)
    }
}

/// The line being filled while breaking a text.
#[derive(Default)]
struct Line {
    /// The width of the whole words on the line and the spaces between them.
    words: f32,
    has_words: bool,
    /// Spaces after the last whole word (or at the start of the line).
    pending: f32,
    /// The word being read, and where it starts.
    word: f32,
    word_start: usize,
    in_word: bool,
}

impl Line {
    /// The width the line takes with the word being read.
    fn width(&self) -> f32 {
        if self.in_word {
            self.words + self.pending + self.word
        } else {
            self.words
        }
    }

    /// The word being read is whole: it joins the line with the spaces before it.
    fn commit_word(&mut self) {
        if self.in_word {
            self.words += self.pending + self.word;
            self.has_words = true;
            self.pending = 0.0;
            self.word = 0.0;
            self.in_word = false;
        }
    }
}

fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, Context, LayerId, RawInput};
    use proptest::prelude::*;

    /// Runs `check` with a painter whose fonts are loaded, as in a frame.
    fn with_painter(check: impl FnOnce(&Painter)) {
        let ctx = Context::default();
        let mut check = Some(check);
        let mut out = ctx.run_ui(RawInput::default(), |ui| {
            if let Some(check) = check.take() {
                check(&ui.ctx().layer_painter(LayerId::background()));
            }
        });
        out.textures_delta.clear();
    }

    /// egui's own size for `text` drawn in the lines `wrap` chose, never wrapped again.
    fn shaped(painter: &Painter, text: &str, lines: &Lines, font: Font) -> Vec2 {
        let galley = painter.layout_no_wrap(
            lines.apply(text).into_owned(),
            FontId::proportional(font.size),
            Color32::WHITE,
        );
        galley.size()
    }

    const FONTS: [Font; 3] = [
        Font {
            size: 13.5,
            wrap: 190.0,
        },
        Font {
            size: 11.5,
            wrap: 150.0,
        },
        Font {
            size: 10.0,
            wrap: f32::INFINITY,
        },
    ];

    fn check_fits(text: &str) {
        with_painter(|painter| {
            let mut m = TextMeasure::new(painter);
            for font in FONTS {
                let (lines, size) = m.wrap(text, font);
                let drawn = shaped(painter, text, &lines, font);
                assert!(
                    drawn.x <= size.x + 0.01,
                    "{text:?} at {font:?}: drawn {drawn:?}, measured {size:?}"
                );
                assert!(
                    (drawn.y - size.y).abs() < 0.5,
                    "{text:?} at {font:?}: drawn {drawn:?}, measured {size:?}"
                );
                if font.wrap.is_finite() {
                    assert!(
                        size.x <= font.wrap * (1.0 + KERNING_MARGIN) + 1.0
                            || lines.apply(text).lines().any(|l| l.chars().count() == 1),
                        "{text:?} at {font:?}: {size:?} is wider than a line"
                    );
                }
            }
        });
    }

    #[test]
    fn measured_text_holds_what_egui_draws() {
        for text in [
            "",
            "Where must the containers run?",
            "Do you need host access (privileged pods, hostNetwork, DaemonSets)?",
            "Supercalifragilisticexpialidocious-and-then-some-more-without-any-space-at-all",
            "  leading and trailing spaces  ",
            "line one\nline two\n\nafter an empty line",
            "AVAVAVAV WAWAWAWA To Ty Yo",
            "Grüße, café, naïve, Ελληνικά, кириллица",
            "中文的问题也要能放进盒子里吗？是的，当然要放进去",
            "emoji 🚀 and a missing glyph \u{10FFFD} here",
            "tab\tseparated\tvalues",
        ] {
            check_fits(text);
        }
    }

    #[test]
    fn lines_break_at_spaces_and_keep_the_text() {
        with_painter(|painter| {
            let mut m = TextMeasure::new(painter);
            let font = FONTS[1];
            let text = "one two three four five six seven eight nine ten eleven twelve";
            let (lines, _) = m.wrap(text, font);
            assert!(lines.count() > 1, "a long label wraps");
            let drawn = lines.apply(text);
            assert_eq!(drawn.replace('\n', " "), text, "only spaces become breaks");
            assert_eq!(
                Lines::default().apply("end  "),
                "end",
                "spaces at the end go"
            );
            let (one, size) = m.wrap("short", font);
            assert_eq!(one.count(), 1);
            assert!(size.x > 0.0 && size.x < 60.0, "{size:?}");
        });
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_fits_its_box(
            words in prop::collection::vec("[a-zA-Z0-9éü中?()/-]{0,24}", 0..24),
            seps in prop::collection::vec(prop::sample::select(vec![" ", "  ", "\n", " \n "]), 24),
        ) {
            let mut text = String::new();
            for (w, s) in words.iter().zip(seps.iter()) {
                text.push_str(w);
                text.push_str(s);
            }
            check_fits(&text);
        }
    }
}
