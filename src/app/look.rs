//! How the panels look beyond egui's defaults, for people who read them from a distance
//! or with weaker eyes: no text under 11 points (egui's small text is 9), secondary text
//! with at least 4.5:1 contrast in both themes (egui's is about 3:1 in the dark one),
//! and a visible ring around whatever has the keyboard focus.

use egui::{Color32, Context, FontId, Id, LayerId, Order, Stroke, StrokeKind, TextStyle};

/// The smallest text the panels use, in points.
pub const MIN_TEXT: f32 = 11.0;

/// Secondary ("weak") text, per theme.
const WEAK_DARK: Color32 = Color32::from_gray(165);
const WEAK_LIGHT: Color32 = Color32::from_gray(92);

/// Sets the text sizes and secondary colours of both themes.
pub fn apply(ctx: &Context) {
    ctx.all_styles_mut(|style| {
        style
            .text_styles
            .insert(TextStyle::Small, FontId::proportional(MIN_TEXT));
        style.visuals.weak_text_color = Some(if style.visuals.dark_mode {
            WEAK_DARK
        } else {
            WEAK_LIGHT
        });
    });
}

/// Draws a ring around the widget that has the keyboard focus, over everything, so
/// walking the window with Tab always shows where one is.
pub fn focus_ring(ctx: &Context) {
    let Some(id) = ctx.memory(|m| m.focused()) else {
        return;
    };
    // A text field shows its own cursor and frame.
    if ctx.text_edit_focused() {
        return;
    }
    let Some(response) = ctx.read_response(id) else {
        return;
    };
    let color = ctx.global_style().visuals.selection.stroke.color;
    let painter = ctx.layer_painter(LayerId::new(Order::Foreground, Id::new("focus-ring")));
    painter
        .with_clip_rect(response.interact_rect.expand(4.0))
        .rect_stroke(
            response.rect.expand(2.0),
            4.0,
            Stroke::new(2.0, color),
            StrokeKind::Outside,
        );
}

/// The contrast ratio of text in colour `a` on an opaque background `b` (WCAG 2), from 1
/// to 21. A translucent `a` is laid over `b` first.
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let over = |fg: u8, bg: u8| {
        // Premultiplied alpha: what shows is the colour plus the background's share.
        let rest = 1.0 - f32::from(a.a()) / 255.0;
        (f32::from(fg) + f32::from(bg) * rest).round().min(255.0) as u8
    };
    let a = Color32::from_rgb(over(a.r(), b.r()), over(a.g(), b.g()), over(a.b(), b.b()));
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_themes_have_readable_text_after_apply() {
        let ctx = Context::default();
        apply(&ctx);
        for theme in [egui::Theme::Dark, egui::Theme::Light] {
            let style = ctx.style_of(theme);
            let v = &style.visuals;
            for background in [v.panel_fill, v.window_fill] {
                for (what, text) in [("text", v.text_color()), ("weak", v.weak_text_color())] {
                    let ratio = contrast(text, background);
                    assert!(
                        ratio >= 4.5,
                        "{theme:?} {what} on {background:?}: {ratio:.2}"
                    );
                }
            }
            for (text_style, font) in &style.text_styles {
                assert!(
                    font.size >= MIN_TEXT,
                    "{theme:?} {text_style:?}: {}",
                    font.size
                );
            }
        }
    }

    #[test]
    fn contrast_is_the_wcag_ratio() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // egui's dark theme's weak text on its panel: the reason for this module.
        let dark = egui::Visuals::dark();
        assert!(contrast(dark.weak_text_color(), dark.panel_fill) < 3.5);
    }
}
