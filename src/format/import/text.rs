//! Label text: the markup each format allows in a label (HTML tags, entities, escapes,
//! line breaks) reduced to the plain one-line text of a prompt, title or answer label.

/// Plain text, and whether markup was dropped on the way (which the importer notes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cleaned {
    pub text: String,
    pub dropped_tags: bool,
    pub dropped_icons: bool,
}

/// A Mermaid label: HTML tags, `#name;` and `#35;` codes, HTML entities, and Font
/// Awesome icons (`fa:fa-car`).
pub(super) fn mermaid(raw: &str) -> Cleaned {
    // Tags first: an entity spelling `<` is text, not a tag.
    let (text, dropped_tags) = strip_tags(raw);
    let words: Vec<&str> = text.split_whitespace().collect();
    let kept: Vec<&str> = words.iter().copied().filter(|w| !is_icon(w)).collect();
    Cleaned {
        text: one_line(&decode_entities(&kept.join(" "), true)),
        dropped_tags,
        dropped_icons: kept.len() < words.len(),
    }
}

/// A Font Awesome icon as Mermaid writes one: `fa:fa-car`, `fab:fa-github`.
fn is_icon(word: &str) -> bool {
    let Some((prefix, name)) = word.split_once(":fa-") else {
        return false;
    };
    matches!(prefix, "fa" | "fab" | "fas" | "far" | "fal" | "fad" | "fak")
        && !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// A DOT HTML label (`<...>`, without the outer brackets).
pub(super) fn dot_html(raw: &str) -> Cleaned {
    let (text, dropped_tags) = strip_tags(raw);
    Cleaned {
        text: one_line(&decode_entities(&text, false)),
        dropped_tags,
        dropped_icons: false,
    }
}

/// A DOT string label: its escapes (`\n`, `\l`, `\r` are line ends; `\N`, `\G`, `\T`,
/// `\H`, `\E` stand for the names in `names`), then entities, which Graphviz also
/// reads in plain strings.
pub(super) fn dot_string(raw: &str, names: &[(char, &str)]) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'l' | 'r') => out.push('\n'),
            Some(e) => match names.iter().find(|(k, _)| *k == e) {
                Some((_, name)) => out.push_str(name),
                None if "GNTHE".contains(e) => {}
                None => out.push(e),
            },
            None => out.push('\\'),
        }
    }
    one_line(&decode_entities(&out, false))
}

/// Runs of whitespace, line breaks included, become one space; the ends are trimmed.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes HTML tags; `<br>` and the tags that separate cells or blocks become a space.
fn strip_tags(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut dropped = false;
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match tag(after) {
            Some((name, len)) => {
                const SEPARATING: [&str; 10] = [
                    "br", "p", "div", "tr", "td", "th", "table", "li", "hr", "font",
                ];
                if SEPARATING.iter().any(|s| s.eq_ignore_ascii_case(name)) {
                    out.push(' ');
                }
                if !name.eq_ignore_ascii_case("br") {
                    dropped = true;
                }
                rest = &after[len..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (out, dropped)
}

/// The tag's name and its length up to and including `>`, when `text` (what follows a
/// `<`) starts a tag: an optional `/`, a letter, and no `<` before the closing `>`.
fn tag(text: &str) -> Option<(&str, usize)> {
    let body = text.strip_prefix('/').unwrap_or(text);
    if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = text.find(['>', '<'])?;
    if text.as_bytes()[end] != b'>' {
        return None;
    }
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    Some((&body[..name_len], end + 1))
}

/// Decodes `&name;`, `&#35;` and `&#x23;`, and with `hash` Mermaid's `#name;` and
/// `#35;`. Anything that is not a known entity stays as written.
fn decode_entities(text: &str, hash: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(|c| c == '&' || (hash && c == '#')) {
        out.push_str(&rest[..i]);
        let body = &rest[i + 1..];
        match entity(body, rest.as_bytes()[i] == b'#') {
            Some((c, used)) => {
                out.push(c);
                rest = &body[used..];
            }
            None => {
                out.push_str(&rest[i..=i]);
                rest = body;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character an entity body (what follows `&` or `#`) stands for, and how many
/// bytes it takes with its `;`.
fn entity(body: &str, hash: bool) -> Option<(char, usize)> {
    let end = body.find(';').filter(|&e| (1..=10).contains(&e))?;
    let name = &body[..end];
    let number = if hash {
        name.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| name.parse().ok())
            .flatten()
    } else if let Some(n) = name.strip_prefix('#') {
        match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => n.parse().ok(),
        }
    } else {
        None
    };
    let c = match number {
        Some(n) => char::from_u32(n).filter(|c| !c.is_control() || c.is_whitespace())?,
        None => named(name)?,
    };
    Some((c, end + 1))
}

fn named(name: &str) -> Option<char> {
    const NAMES: [(&str, char); 30] = [
        ("quot", '"'),
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("apos", '\''),
        ("nbsp", ' '),
        ("hearts", '♥'),
        ("ndash", '–'),
        ("mdash", '—'),
        ("hellip", '…'),
        ("copy", '©'),
        ("reg", '®'),
        ("trade", '™'),
        ("rarr", '→'),
        ("larr", '←'),
        ("harr", '↔'),
        ("uarr", '↑'),
        ("darr", '↓'),
        ("times", '×'),
        ("deg", '°'),
        ("plusmn", '±'),
        ("middot", '·'),
        ("bull", '•'),
        ("laquo", '«'),
        ("raquo", '»'),
        ("euro", '€'),
        ("pound", '£'),
        ("le", '≤'),
        ("ge", '≥'),
        ("ne", '≠'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_codes_and_entities_decode() {
        let c = mermaid("A #quot;quote#quot; #amp; #35;1 #9829; &lt;b&gt; #nope; #12");
        assert_eq!(c.text, "A \"quote\" & #1 ♥ <b> #nope; #12");
        assert!(!c.dropped_tags);
    }

    #[test]
    fn breaks_become_spaces_and_tags_go() {
        let c = mermaid("one<br>two<br/>three<BR />four <b>bold</b> a < b");
        assert_eq!(c.text, "one two three four bold a < b");
        assert!(c.dropped_tags);
        assert!(
            !mermaid("one<br>two").dropped_tags,
            "a break is not markup lost"
        );
    }

    #[test]
    fn icons_go() {
        let c = mermaid("fa:fa-car Car fab:fa-github and fa:fa-");
        assert_eq!(c.text, "Car and fa:fa-");
        assert!(c.dropped_icons);
        assert!(!mermaid("ratio 1:fa-2").dropped_icons);
    }

    #[test]
    fn html_cells_are_kept_apart() {
        let c = dot_html("<table><tr><td>A</td><td>B &amp; C&#33;</td></tr></table>");
        assert_eq!(c.text, "A B & C!");
    }

    #[test]
    fn dot_escapes() {
        assert_eq!(
            dot_string(r"a\nb\lc\rd \N \\ \x &amp;", &[('N', "node")]),
            r"a b c d node \ x &"
        );
        assert_eq!(dot_string(r"tail \T \G end", &[]), "tail end");
    }
}
