//! Mermaid flowcharts (`flowchart` or `graph`): front matter for the title, nodes in every
//! shape, links of every kind that has an arrow, with their labels. Styling, clicks,
//! subgraph boundaries and directions are read past and noted; anything else that does
//! not parse is an error at its line and column.

use std::collections::{HashMap, HashSet};

use super::ImportError;
use super::graph::Graph;
use super::scan::{Pos, Scanner};
use super::text;

/// Node shapes: the opening bracket and the brackets that may close it, longest
/// openers first so `((` is not read as `(`.
const SHAPES: [(&str, &[&str]); 12] = [
    ("(((", &[")))"]),
    ("((", &["))"]),
    ("([", &["])"]),
    ("(", &[")"]),
    ("[[", &["]]"]),
    ("[(", &[")]"]),
    ("[/", &["/]", "\\]"]),
    ("[\\", &["\\]", "/]"]),
    ("[", &["]"]),
    ("{{", &["}}"]),
    ("{", &["}"]),
    (">", &["]"]),
];

/// Statements that are read past, each with the note that says so.
const IGNORED: [(&str, &str); 8] = [
    (
        "classDef",
        "`classDef` lines are ignored: a tree has no styles",
    ),
    ("class", "`class` lines are ignored: a tree has no styles"),
    ("style", "`style` lines are ignored: a tree has no styles"),
    (
        "linkStyle",
        "`linkStyle` lines are ignored: a tree has no styles",
    ),
    (
        "click",
        "`click` lines are ignored: a tree's nodes have no links or callbacks",
    ),
    (
        "direction",
        "`direction` lines are ignored: the app lays the tree out itself",
    ),
    (
        "accTitle",
        "`accTitle` is ignored: the title comes from the front matter",
    ),
    (
        "accDescr",
        "`accDescr` is ignored: a tree has no description to put it in",
    ),
];

const DIRECTIONS: [&str; 5] = ["TD", "TB", "LR", "RL", "BT"];

/// The graph a Mermaid flowchart draws.
pub(super) fn parse(text: &str) -> Result<Graph, ImportError> {
    let mut p = Parser {
        s: Scanner::new(text),
        graph: Graph::default(),
        open: Vec::new(),
        subgraphs: HashMap::new(),
        edge_ids: HashSet::new(),
        header: Pos { line: 1, column: 1 },
    };
    p.front_matter()?;
    p.header()?;
    loop {
        p.skip_blank();
        if p.s.is_done() {
            return p.finish();
        }
        p.statement()?;
        p.end_statement()?;
    }
}

/// A link as read: where its arrow is, its label, and whether it is drawn at all.
struct Link {
    pos: Pos,
    label: Option<String>,
    visible: bool,
}

struct Parser<'a> {
    s: Scanner<'a>,
    graph: Graph,
    /// Where each subgraph still open was opened.
    open: Vec<Pos>,
    /// Subgraph ids, which a link may not lead to or from, and where each is.
    subgraphs: HashMap<String, Pos>,
    /// Edge ids, whose `@{ ... }` data is not a node's.
    edge_ids: HashSet<String>,
    header: Pos,
}

impl<'a> Parser<'a> {
    /// Whitespace, empty statements and `%%` comments (directives included).
    fn skip_blank(&mut self) {
        loop {
            self.s.take_while(char::is_whitespace);
            if self.s.eat(";") {
                continue;
            }
            if self.s.rest().starts_with("%%") {
                self.s.skip_line();
                continue;
            }
            break;
        }
    }

    /// `---` lines around YAML before the chart: its `title` is the tree's.
    fn front_matter(&mut self) -> Result<(), ImportError> {
        let mut probe = self.s;
        probe.take_while(char::is_whitespace);
        let open = probe.pos();
        if !probe.eat("---") {
            return Ok(());
        }
        probe.skip_spaces();
        if !matches!(probe.peek(), None | Some('\n')) {
            return Ok(());
        }
        self.s = probe;
        loop {
            self.s.bump();
            if self.s.is_done() {
                return Err(
                    open.error("the front matter that starts here is not closed with a `---` line")
                );
            }
            let line = self.s.pos().line;
            let text = self.s.take_while(|c| c != '\n');
            if text.trim() == "---" {
                return Ok(());
            }
            self.front_matter_line(text, line);
        }
    }

    fn front_matter_line(&mut self, text: &str, line: usize) {
        // Only top-level keys; nested ones belong to `config`.
        if text.starts_with([' ', '\t', '#']) {
            return;
        }
        match text.split_once(':') {
            Some(("title", value)) => {
                let title = text::one_line(&yaml_scalar(value.trim()));
                self.graph.title = Some(title).filter(|t| !t.is_empty());
            }
            Some((key, _)) => self.graph.notes.once(
                "front matter",
                line,
                format!(
                    "front matter other than the title is ignored (`{}`)",
                    key.trim()
                ),
            ),
            None => {}
        }
    }

    /// `flowchart` or `graph`, and a direction, which is ignored.
    fn header(&mut self) -> Result<(), ImportError> {
        self.skip_blank();
        let pos = self.s.pos();
        self.header = pos;
        let word = self
            .s
            .take_while(|c| c.is_alphanumeric() || c == '-' || c == '_');
        let line = self.s.rest().split('\n').next().unwrap_or("");
        if matches!(word, "digraph" | "strict")
            || (word == "graph" && line.trim_end().ends_with('{'))
        {
            return Err(pos.error(
                "this is Graphviz DOT, not Mermaid: import it as DOT (a .dot or .gv file)",
            ));
        }
        if !matches!(word, "flowchart" | "graph" | "flowchart-elk") {
            let found = if word.is_empty() {
                self.s.found()
            } else {
                format!("`{word}`")
            };
            return Err(pos.error(format!(
                "expected `flowchart` or `graph` to start a Mermaid flowchart, found {found}; \
                 only flowcharts can be imported"
            )));
        }
        self.s.skip_spaces();
        let at = self.s.pos();
        let direction = self.s.take_while(|c| c.is_ascii_alphabetic());
        if !direction.is_empty() && !DIRECTIONS.iter().any(|d| d.eq_ignore_ascii_case(direction)) {
            return Err(at.error(format!(
                "`{direction}` is not a direction: a flowchart goes TD, TB, BT, LR or RL"
            )));
        }
        self.end_statement()
    }

    /// After a statement: its end, a `;`, or a comment.
    fn end_statement(&mut self) -> Result<(), ImportError> {
        self.s.skip_spaces();
        match self.s.peek() {
            None | Some('\n' | ';') => Ok(()),
            _ if self.s.rest().starts_with("%%") => Ok(()),
            Some(c) => {
                let hint = if matches!(c, ')' | ']' | '}' | '(' | '[' | '{') {
                    "; a label with brackets in it needs quotes, as in A[\"text (more)\"]"
                } else {
                    "; expected a link such as `-->`, or the end of the statement"
                };
                Err(self.s.pos().error(format!("unexpected `{c}`{hint}")))
            }
        }
    }

    fn statement(&mut self) -> Result<(), ImportError> {
        let pos = self.s.pos();
        match keyword(self.s.rest()) {
            Some("subgraph") => {
                self.subgraph(pos);
                Ok(())
            }
            Some("end") => {
                self.s.eat("end");
                match self.open.pop() {
                    Some(_) => Ok(()),
                    None => Err(pos.error("`end` without a `subgraph` to close")),
                }
            }
            Some(word) => {
                self.s.eat(word);
                self.skip_rest(word == "accDescr");
                let note = IGNORED.iter().find(|(w, _)| *w == word);
                if let Some(&(kind, message)) = note {
                    self.graph.notes.once(kind, pos.line, message);
                }
                Ok(())
            }
            None => self.chain(),
        }
    }

    /// The rest of an ignored statement: to its `;` or the end of the line (quoted text
    /// may hold `;`), or, for a `{ ... }` block, to its `}`.
    fn skip_rest(&mut self, block: bool) {
        self.s.skip_spaces();
        if block && self.s.eat("{") {
            self.s.take_while(|c| c != '}');
            self.s.eat("}");
            return;
        }
        let mut quoted = false;
        while let Some(c) = self.s.peek() {
            if c == '\n' || (c == ';' && !quoted) {
                break;
            }
            quoted ^= c == '"';
            self.s.bump();
        }
    }

    fn subgraph(&mut self, pos: Pos) {
        self.s.eat("subgraph");
        self.s.skip_spaces();
        let id = take_id(&mut self.s);
        if !id.is_empty() {
            self.subgraphs.insert(id.to_owned(), pos);
        }
        self.skip_rest(false);
        self.open.push(pos);
        self.graph.notes.once(
            "subgraph",
            pos.line,
            "subgraphs are ignored; the nodes in them are kept",
        );
    }

    fn finish(self) -> Result<Graph, ImportError> {
        if let Some(open) = self.open.last() {
            return Err(open.error("this subgraph is not closed: it needs an `end` line"));
        }
        for e in &self.graph.edges {
            let ends = [(e.to, "to"), (e.from, "from")];
            for (node, way) in ends {
                let id = &self.graph.nodes[node].id;
                if let Some(at) = self.subgraphs.get(id) {
                    return Err(e.pos.error(format!(
                        "this link leads {way} the subgraph \"{id}\" (line {}); an answer \
                         leads from a question to a node, so link the nodes in it instead",
                        at.line
                    )));
                }
            }
        }
        if self.graph.nodes.is_empty() {
            return Err(self.header.error("the flowchart has no nodes"));
        }
        Ok(self.graph)
    }

    /// Nodes and links: `A --> B -->|x| C`, with `&` between nodes linked alike.
    fn chain(&mut self) -> Result<(), ImportError> {
        // Data for an edge id (`e1@{ animate: true }`) is not a node.
        let mut probe = self.s;
        let id = take_id(&mut probe);
        if self.edge_ids.contains(id) && probe.rest().starts_with("@{") {
            self.s = probe;
            self.shape_data()?;
            return Ok(());
        }
        let mut left = self.group()?;
        loop {
            self.s.skip_spaces();
            let Some(link) = self.link()? else {
                return Ok(());
            };
            self.s.skip_spaces();
            let right = self.group()?;
            if link.visible {
                for &from in &left {
                    for &to in &right {
                        self.graph.edge(from, to, link.label.clone(), link.pos);
                    }
                }
            }
            left = right;
        }
    }

    fn group(&mut self) -> Result<Vec<usize>, ImportError> {
        let mut nodes = vec![self.node()?];
        loop {
            let mut probe = self.s;
            probe.skip_spaces();
            if !probe.eat("&") {
                return Ok(nodes);
            }
            probe.skip_spaces();
            self.s = probe;
            nodes.push(self.node()?);
        }
    }

    /// A node: its id, then its shape with the label, or `@{ ... }` data, then a class.
    fn node(&mut self) -> Result<usize, ImportError> {
        let pos = self.s.pos();
        let id = take_id(&mut self.s);
        if id.is_empty() {
            return Err(pos.error(format!("expected a node id, found {}", self.s.found())));
        }
        let node = self.graph.node(id, pos);
        let label = if self.s.rest().starts_with("@{") {
            self.shape_data()?
        } else {
            self.shape(id)?
        };
        if let Some(label) = label {
            self.graph.set_label(node, label, pos.line);
        }
        let line = self.s.pos().line;
        if self.s.eat(":::") {
            take_id(&mut self.s);
            self.graph.notes.once(
                "class suffix",
                line,
                "`:::class` suffixes on nodes are ignored: a tree has no styles",
            );
        }
        Ok(node)
    }

    /// The label in a shape's brackets, if the node has a shape here.
    fn shape(&mut self, id: &str) -> Result<Option<String>, ImportError> {
        let open = self.s.pos();
        let Some(&(opener, closers)) = SHAPES.iter().find(|(o, _)| self.s.rest().starts_with(o))
        else {
            return Ok(None);
        };
        self.s.eat(opener);
        let mut probe = self.s;
        probe.skip_spaces();
        if probe.peek() == Some('"') {
            self.s = probe;
            let label = self.quoted()?;
            self.s.skip_spaces();
            if !closers.iter().any(|c| self.s.eat(c)) {
                return Err(self.s.pos().error(format!(
                    "expected `{}` to close the label of \"{id}\", found {}",
                    closers[0],
                    self.s.found()
                )));
            }
            return Ok(Some(label));
        }
        let line = self.s.rest().split('\n').next().unwrap_or("");
        let Some((end, closer)) = closers
            .iter()
            .filter_map(|c| line.find(c).map(|at| (at, *c)))
            .min()
        else {
            return Err(open.error(format!(
                "the label of \"{id}\" is not closed: expected `{}` on the same line",
                closers[0]
            )));
        };
        let raw = &line[..end];
        for _ in raw.chars().chain(closer.chars()) {
            self.s.bump();
        }
        Ok(Some(self.clean(raw.trim())))
    }

    /// `@{ shape: rect, label: "text" }`: the label; the rest is how it is drawn.
    fn shape_data(&mut self) -> Result<Option<String>, ImportError> {
        let open = self.s.pos();
        self.s.eat("@{");
        let mut label = None;
        loop {
            self.s.take_while(|c| c.is_whitespace() || c == ',');
            if self.s.eat("}") {
                return Ok(label);
            }
            if self.s.is_done() {
                return Err(open.error("the `@{` here is not closed with `}`"));
            }
            let key = self
                .s
                .take_while(|c| c.is_alphanumeric() || c == '_' || c == '-');
            self.s.skip_spaces();
            if key.is_empty() || !self.s.eat(":") {
                return Err(self.s.pos().error(format!(
                    "expected `key: value` in the node's `@{{ }}` data, found {}",
                    self.s.found()
                )));
            }
            self.s.skip_spaces();
            let value = match self.s.peek() {
                Some('"') => self.quoted()?,
                Some('\'') => {
                    self.s.bump();
                    let raw = self.s.take_while(|c| c != '\'' && c != '\n');
                    self.s.eat("'");
                    self.clean(raw)
                }
                _ => {
                    let raw = self.s.take_while(|c| !matches!(c, ',' | '}' | '\n'));
                    self.clean(raw.trim())
                }
            };
            if key == "label" {
                label = Some(value);
            }
        }
    }

    /// `"text"`, which may hold brackets and line ends; "`text`" is a Markdown string.
    fn quoted(&mut self) -> Result<String, ImportError> {
        let open = self.s.pos();
        self.s.bump();
        let raw = self.s.take_while(|c| c != '"');
        if !self.s.eat("\"") {
            return Err(open.error("this quoted text is not closed with `\"`"));
        }
        Ok(self.clean(raw))
    }

    /// A label's plain text; dropped HTML tags are noted once.
    fn clean(&mut self, raw: &str) -> String {
        let markdown = raw.strip_prefix('`').and_then(|r| r.strip_suffix('`'));
        // Bold is the markup Markdown strings are used for; the text stays.
        let raw = markdown.map_or_else(|| raw.to_owned(), |md| md.replace("**", ""));
        let cleaned = text::mermaid(&raw);
        if cleaned.dropped_icons {
            self.graph.notes.once(
                "icons",
                self.s.pos().line,
                "Font Awesome icons (`fa:fa-car`) in labels are removed",
            );
        }
        if cleaned.dropped_tags {
            self.graph.notes.once(
                "html",
                self.s.pos().line,
                "HTML tags in labels are removed, keeping their text",
            );
        }
        cleaned.text
    }

    /// A link at the cursor, if there is one.
    fn link(&mut self) -> Result<Option<Link>, ImportError> {
        self.edge_id();
        let pos = self.s.pos();
        let mut chars = self.s.rest().chars();
        match (chars.next(), chars.next()) {
            (Some('<' | 'x' | 'o'), Some('-' | '=' | '.')) => Err(pos.error(
                "this link has a head at both ends; the links of a decision tree go one \
                 way, from a question to what its answer leads to",
            )),
            (Some('~'), Some('~')) => {
                self.s.take_while(|c| c == '~');
                self.graph.notes.once(
                    "invisible",
                    pos.line,
                    "invisible links (`~~~`) are ignored: they only place nodes",
                );
                Ok(Some(Link {
                    pos,
                    label: None,
                    visible: false,
                }))
            }
            (Some('-'), Some('.')) => self.dotted(pos),
            (Some(c @ ('-' | '=')), _) => self.line_link(pos, c),
            _ => Ok(None),
        }
    }

    /// An edge id before a link (`A e1@--> B`), which only styles and animates it.
    fn edge_id(&mut self) {
        let mut probe = self.s;
        let line = probe.pos().line;
        let id = take_id(&mut probe);
        let links = ['-', '=', '.', '~', '<'];
        if id.is_empty() || !probe.eat("@") || !probe.peek().is_some_and(|c| links.contains(&c)) {
            return;
        }
        self.s = probe;
        self.edge_ids.insert(id.to_owned());
        self.graph.notes.once(
            "edge id",
            line,
            "edge ids (`e1@-->`) and the data given to them are ignored",
        );
    }

    /// `-->`, `--->`, `==>`, `--x`, `--o`, or the start of `-- label -->`.
    fn line_link(&mut self, pos: Pos, c: char) -> Result<Option<Link>, ImportError> {
        let run = self.s.take_while(|x| x == c).len();
        if run >= 2 && self.eat_head() {
            return self.after_arrow(pos, None);
        }
        if run >= 3 {
            return Err(no_arrow(pos, &c.to_string().repeat(run)));
        }
        if run == 2 {
            return self.labelled(pos, c);
        }
        Err(pos.error(format!(
            "`{c}{}` is not a Mermaid link: links are written `-->`, `==>` or `-.->`",
            self.s.peek().map(String::from).unwrap_or_default()
        )))
    }

    /// An arrow head: `>`, or the `x` and `o` heads (when not the start of a word).
    fn eat_head(&mut self) -> bool {
        let head = self.s.peek();
        let after = self.s.peek2();
        let is_head = head == Some('>')
            || (matches!(head, Some('x' | 'o')) && !after.is_some_and(char::is_alphanumeric));
        if is_head {
            self.s.bump();
        }
        is_head
    }

    /// `-.->`, `-..->`, or `-. label .->`.
    fn dotted(&mut self, pos: Pos) -> Result<Option<Link>, ImportError> {
        let mut probe = self.s;
        probe.bump();
        probe.take_while(|c| c == '.');
        if probe.eat("-") {
            self.s = probe;
            if self.eat_head() {
                return self.after_arrow(pos, None);
            }
            return Err(no_arrow(pos, "-.-"));
        }
        self.s.eat("-.");
        let line = self.s.rest().split('\n').next().unwrap_or("");
        let end = line.find(".-").ok_or_else(|| unclosed_label(pos, ".->"))?;
        let raw = &line[..end];
        for _ in raw.chars().chain(".-".chars()) {
            self.s.bump();
        }
        if !self.eat_head() {
            return Err(no_arrow(pos, "-. .-"));
        }
        let label = self.link_text(raw);
        self.after_arrow(pos, Some(label))
    }

    /// `-- label -->` or `== label ==>`, after the opening `--` or `==`.
    fn labelled(&mut self, pos: Pos, c: char) -> Result<Option<Link>, ImportError> {
        let line = self.s.rest().split('\n').next().unwrap_or("");
        let closing = format!("{c}{c}>");
        let (end, run) = label_end(line, c).ok_or_else(|| unclosed_label(pos, &closing))?;
        let raw = &line[..end];
        for _ in raw.chars() {
            self.s.bump();
        }
        for _ in 0..run {
            self.s.bump();
        }
        if !self.eat_head() {
            return Err(no_arrow(
                pos,
                &format!("{c}{c} ... {}", c.to_string().repeat(run)),
            ));
        }
        let label = self.link_text(raw);
        self.after_arrow(pos, Some(label))
    }

    /// The text between a link's two halves, unquoted.
    fn link_text(&mut self, raw: &str) -> String {
        let raw = raw.trim();
        let unquoted = raw
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .unwrap_or(raw);
        self.clean(unquoted)
    }

    /// A `|label|` after the arrow, which wins over a label between its halves.
    fn after_arrow(
        &mut self,
        pos: Pos,
        label: Option<String>,
    ) -> Result<Option<Link>, ImportError> {
        let mut probe = self.s;
        probe.skip_spaces();
        let label = if probe.peek() == Some('|') {
            self.s = probe;
            Some(self.pipe_label()?)
        } else {
            label
        };
        Ok(Some(Link {
            pos,
            label,
            visible: true,
        }))
    }

    fn pipe_label(&mut self) -> Result<String, ImportError> {
        let open = self.s.pos();
        self.s.bump();
        let mut probe = self.s;
        probe.skip_spaces();
        let label = if probe.peek() == Some('"') {
            self.s = probe;
            let label = self.quoted()?;
            self.s.skip_spaces();
            label
        } else {
            let raw = self.s.take_while(|c| c != '|' && c != '\n');
            self.clean(raw.trim())
        };
        if !self.s.eat("|") {
            return Err(open.error("the link label that starts here is not closed with `|`"));
        }
        Ok(label)
    }
}

/// Where a link label written between the link's halves ends: the byte offset of the
/// closing run of `c` and its length. The run is two or more of `c` before a head, or
/// three or more (a link without an arrow, reported by the caller).
fn label_end(line: &str, c: char) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut at = 0;
    while let Some(found) = line[at..].find(c) {
        let start = at + found;
        let run = line[start..].chars().take_while(|&x| x == c).count();
        let next = bytes.get(start + run).copied();
        let after = line[start + run..].chars().nth(1);
        let head = next == Some(b'>')
            || (matches!(next, Some(b'x' | b'o')) && !after.is_some_and(char::is_alphanumeric));
        if (run >= 2 && head) || run >= 3 {
            return Some((start, run));
        }
        at = start + run;
    }
    None
}

/// A one-line YAML scalar's value: double-quoted with its escapes, single-quoted with
/// `''` for a quote, or plain up to a ` #` comment.
fn yaml_scalar(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                    out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                Some(other) => out.push(other),
                None => {}
            }
        }
        return out;
    }
    if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    value.split(" #").next().unwrap_or(value).to_owned()
}

/// The statement keyword the text starts with, if any.
fn keyword(rest: &str) -> Option<&'static str> {
    let mut words = ["subgraph", "end"]
        .into_iter()
        .chain(IGNORED.iter().map(|(w, _)| *w));
    words.find(|w| {
        rest.strip_prefix(w).is_some_and(|after| {
            after.is_empty()
                || after.starts_with(|c: char| c.is_whitespace() || c == ';')
                || (w.starts_with("acc") && after.starts_with([':', '{']))
                || (*w == "end" && after.starts_with("%%"))
        })
    })
}

/// A node id: letters, digits and `_`, with single `-` inside (`--` starts a link).
fn take_id<'a>(s: &mut Scanner<'a>) -> &'a str {
    let rest = s.rest();
    let mut len = 0;
    while let Some(c) = s.peek() {
        let word = |c: char| c.is_alphanumeric() || c == '_';
        if !(word(c) || (c == '-' && len > 0 && s.peek2().is_some_and(word))) {
            break;
        }
        len += c.len_utf8();
        s.bump();
    }
    &rest[..len]
}

fn no_arrow(pos: Pos, link: &str) -> ImportError {
    pos.error(format!(
        "`{link}` is a link without an arrow; a decision tree needs arrows (such as `-->`), \
         so that each answer leads from a question to what follows"
    ))
}

fn unclosed_label(pos: Pos, closing: &str) -> ImportError {
    pos.error(format!(
        "the link label that starts here is not closed: expected `{closing}` after it on \
         the same line"
    ))
}
