//! Putting a tree's text into Markdown without breaking the page around it: plain text
//! (titles, prompts, labels) escaped so it reads as written, ids as code spans, links
//! whose addresses cannot end them early, and a node's own Markdown (notes,
//! descriptions) kept as Markdown but held inside the section it is put in.

use std::fmt::Write as _;

use super::visible;

/// Plain text on one line, shown as written: every character Markdown could read as
/// emphasis, a link, HTML, a table cell's end or a heading is backslash-escaped, and
/// line breaks become spaces.
pub(super) fn text(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text as a code span (for ids), fenced with more backticks than it holds in a row.
pub(super) fn code(text: &str) -> String {
    let text = visible(text).replace('\n', " ");
    if text.is_empty() {
        return "(no id)".to_owned();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space between it and the fence
    // (which Markdown then strips).
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A link to `url` reading `title` (or the address, without a title). Characters that
/// would end the address early are percent-encoded.
pub(super) fn link(title: &str, url: &str) -> String {
    let url = visible(url.trim());
    let shown = if title.trim().is_empty() {
        url.as_ref()
    } else {
        title
    };
    if url.is_empty() {
        return text(shown);
    }
    let mut address = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' | '\n' | '(' | ')' | '<' | '>' | '\\' => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    let _ = write!(address, "%{b:02X}");
                }
            }
            c => address.push(c),
        }
    }
    format!("[{}]({address})", text(shown))
}

/// A node's own Markdown, kept as Markdown but unable to break the record around it:
/// headings moved three levels down (so `#` is under the record's `###`), a line of
/// `=` or `-` under text made a paragraph or a rule rather than a heading, and a code
/// block left open closed.
pub(super) fn block(markdown: &str) -> String {
    let markdown = visible(markdown);
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut fence: Option<String> = None;
    let mut previous_blank = true;
    for line in markdown.trim_end().lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(open) = &fence {
            if indent < 4 && trimmed.trim_end().starts_with(open.as_str()) {
                fence = None;
            }
        } else if indent < 4 && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            let mark = trimmed.chars().next().unwrap_or('`');
            let length = trimmed.chars().take_while(|&c| c == mark).count();
            fence = Some(mark.to_string().repeat(length));
        } else if indent < 4 && heading_level(trimmed).is_some() {
            let level = heading_level(trimmed).unwrap_or(1);
            let deeper = "#".repeat((level + 3).min(6));
            let _ = writeln!(out, "{deeper}{}", &trimmed[level..]);
            previous_blank = false;
            continue;
        } else if indent < 4 && !previous_blank && is_underline(trimmed) {
            out.push('\n');
        }
        previous_blank = line.trim().is_empty();
        out.push_str(line);
        out.push('\n');
    }
    if let Some(open) = fence {
        let _ = writeln!(out, "{open}");
    }
    out
}

/// The level of an ATX heading line (`## Title`), if it is one.
fn heading_level(line: &str) -> Option<usize> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let rest = &line[level..];
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t'])))
        .then_some(level)
}

/// A line that under a line of text would make it a heading: all `=` or all `-`.
fn is_underline(line: &str) -> bool {
    let line = line.trim_end();
    !line.is_empty() && (line.chars().all(|c| c == '=') || line.chars().all(|c| c == '-'))
}

/// The first paragraph of some Markdown: its lines up to the first blank one.
pub(super) fn first_paragraph(markdown: &str) -> String {
    markdown
        .trim()
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Markdown as one line, for a list item or a table cell: lines joined with spaces,
/// and `|` escaped so a cell does not end early.
pub(super) fn one_line(markdown: &str) -> String {
    let joined = visible(markdown)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    joined.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_escaped() {
        assert_eq!(text("# a|b *c* <d>\ne"), "\\# a\\|b \\*c\\* \\<d\\> e");
        assert_eq!(text("EKS Auto Mode (2026)"), "EKS Auto Mode (2026)");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("o-eks"), "`o-eks`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code(""), "(no id)");
    }

    #[test]
    fn links_cannot_end_early() {
        assert_eq!(link("T", "https://x/a b(c)"), "[T](https://x/a%20b%28c%29)");
        assert_eq!(link("", "https://x"), "[https://x](https://x)");
        assert_eq!(link("Only [a] title", ""), "Only \\[a\\] title");
    }

    #[test]
    fn blocks_stay_inside_their_section() {
        let notes = "# Top\ntext\n===\n## Sub\n```\n# not a heading\n";
        let expected = "#### Top\ntext\n\n===\n##### Sub\n```\n# not a heading\n```\n";
        assert_eq!(block(notes), expected);
        assert_eq!(block("###### Six"), "###### Six\n");
        assert_eq!(block("#hashtag"), "#hashtag\n");
    }

    #[test]
    fn first_paragraphs_and_single_lines() {
        assert_eq!(first_paragraph("\na\nb\n\nc"), "a\nb");
        assert_eq!(one_line("a |\n\n b"), "a \\| b");
    }
}
