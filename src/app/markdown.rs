//! Markdown from a tree file, shown without touching anything outside the app. A tree
//! is a document from anywhere: an image in its notes (`![](/etc/passwd)`,
//! `![](file:///dev/zero)`, a relative path, a web address) would make the app read a
//! local file or the network as soon as the notes show, without a click. Images are
//! therefore shown as their alt text and address, never loaded; egui_commonmark is also
//! built without its image loaders, so a form this rewrite misses still loads nothing.

use std::borrow::Cow;

use egui::Ui;
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Shows Markdown with every image replaced by text.
pub(super) fn show(ui: &mut Ui, cache: &mut CommonMarkCache, text: &str) {
    CommonMarkViewer::new().show(ui, cache, &images_as_text(text));
}

/// The options egui_commonmark parses with, so an image is found exactly where the
/// viewer would find one.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_DEFINITION_LIST
}

/// The Markdown with each image (`![alt](url)`, `![alt][ref]`, ...) rewritten as the
/// literal text `[image: alt] url`. The rewrite works on the parser's spans, so an image
/// written inside a code block or a code span stays as it was.
pub fn images_as_text(source: &str) -> Cow<'_, str> {
    // Every image starts with `![` in the source; most notes have none.
    if !source.contains("![") {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut copied = 0;
    // Images can hold images in their alt text; only the outermost one is replaced.
    let mut depth = 0usize;
    let mut start = 0;
    let mut url = String::new();
    let mut alt = String::new();
    for (event, span) in Parser::new_ext(source, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                if depth == 0 {
                    start = span.start;
                    url = dest_url.into_string();
                    alt.clear();
                }
                depth += 1;
            }
            Event::End(TagEnd::Image) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && start >= copied {
                    out.push_str(&source[copied..start]);
                    push_image_text(&mut out, &alt, &url);
                    copied = span.end;
                }
            }
            Event::Text(t)
            | Event::Code(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t)
                if depth > 0 =>
            {
                alt.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak if depth > 0 => alt.push(' '),
            _ => {}
        }
    }
    out.push_str(&source[copied..]);
    Cow::Owned(out)
}

/// Appends `[image: alt] url` as Markdown that renders as exactly that text: on one
/// line (the image may sit in a table cell or a list item) and with the characters
/// that would start a link, an emphasis, HTML or a table cell escaped. It starts with
/// an escaped bracket, so it cannot begin a heading, a list or a quote either.
fn push_image_text(out: &mut String, alt: &str, url: &str) {
    let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
    let url = url.split_whitespace().collect::<Vec<_>>().join(" ");
    out.push_str("\\[image");
    if !alt.is_empty() {
        out.push_str(": ");
        push_escaped(out, &alt);
    }
    out.push_str("\\]");
    if !url.is_empty() {
        out.push(' ');
        push_escaped(out, &url);
    }
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '&' | '|' | '~' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every image the viewer's parser finds in `text`.
    fn images(text: &str) -> Vec<String> {
        Parser::new_ext(text, options())
            .filter_map(|e| match e {
                Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.into_string()),
                _ => None,
            })
            .collect()
    }

    /// The text the viewer would show, without formatting.
    fn plain(text: &str) -> String {
        Parser::new_ext(text, options())
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.into_string()),
                Event::SoftBreak | Event::HardBreak => Some(" ".to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn images_become_their_alt_text_and_address() {
        let notes = "See ![the *passwd* file](/etc/passwd) and ![](file:///dev/zero).\n\n\
                     ![diagram](<docs/a b.png>)";
        let shown = images_as_text(notes);
        assert!(images(&shown).is_empty(), "{shown}");
        assert_eq!(
            plain(&shown),
            "See [image: the passwd file] /etc/passwd and [image] file:///dev/zero.\
             [image: diagram] docs/a b.png"
        );
    }

    #[test]
    fn reference_nested_linked_and_table_images_are_all_rewritten() {
        let notes = "![ref][r] [![logo](l.png)](https://example.com) ![a ![b](c)](d)\n\n\
                     | x | y |\n|---|---|\n| ![cell](e.png) | z |\n\n\
                     - ![item](f.png)\n\n> ![quote\nsplit](g.png)\n\n\
                     [r]: /etc/shadow";
        let shown = images_as_text(notes);
        assert!(images(&shown).is_empty(), "{shown}");
        let text = plain(&shown);
        for part in [
            "[image: ref] /etc/shadow",
            "[image: logo] l.png",
            "[image: a b] d",
            "[image: cell] e.png",
            "[image: item] f.png",
            "[image: quote split] g.png",
        ] {
            assert!(text.contains(part), "{part} in {text}");
        }
        // The table, the list and the link keep their shape.
        assert!(shown.contains("| z |"), "{shown}");
        assert!(shown.contains("](https://example.com)"), "{shown}");
    }

    #[test]
    fn code_is_not_rewritten() {
        let notes = "```\n![x](/etc/passwd)\n```\n\n`![y](z)` and\n\n    ![indented](w)\n";
        assert_eq!(images_as_text(notes), notes);
    }

    #[test]
    fn markup_in_alt_text_and_addresses_stays_literal() {
        let notes = "![**a** <b> | [c]](<x_y*z*>) ![1. item](u)";
        let shown = images_as_text(notes);
        assert!(images(&shown).is_empty(), "{shown}");
        assert_eq!(
            plain(&shown),
            "[image: a <b> | [c]] x_y*z* [image: 1. item] u"
        );
    }

    #[test]
    fn notes_without_images_are_not_copied() {
        assert!(matches!(
            images_as_text("plain ! [not](an image)"),
            Cow::Borrowed(_)
        ));
    }
}
