//! Graphviz DOT digraphs: a hand-written tokenizer, and a parser that keeps nested
//! subgraphs on an explicit stack (a file cannot make it recurse). Subgraphs are
//! flattened; a node's and a link's `label` are read, every other attribute and every
//! default (`node [...]`, `edge [...]`) is ignored with a note.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::ImportError;
use super::graph::Graph;
use super::scan::{Pos, Scanner};
use super::text;

/// The attributes an edge's answer label is read from, the first one present winning.
const EDGE_LABELS: [&str; 4] = ["label", "xlabel", "taillabel", "headlabel"];

/// The graph a DOT digraph draws.
pub(super) fn parse(text: &str) -> Result<Graph, ImportError> {
    let mut p = Parser {
        lex: Lexer::new(text),
        graph: Graph::default(),
        frames: Vec::new(),
        mentions: Vec::new(),
        strict: false,
        id: None,
        label: None,
        strict_edges: HashMap::new(),
    };
    let start = p.header()?;
    p.body()?;
    p.trailer()?;
    p.finish(start)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKind {
    Plain,
    Quoted,
    Html,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Id(String, IdKind),
    Open,
    Close,
    OpenAttrs,
    CloseAttrs,
    Equals,
    Semi,
    Comma,
    Colon,
    Arrow,
    Line,
    End,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    pos: Pos,
}

impl Token {
    /// The keyword this token is, lower-cased: DOT's keywords ignore case, and only an
    /// unquoted word can be one.
    fn keyword(&self) -> Option<String> {
        match &self.tok {
            Tok::Id(word, IdKind::Plain) => {
                let lower = word.to_ascii_lowercase();
                ["strict", "graph", "digraph", "subgraph", "node", "edge"]
                    .contains(&lower.as_str())
                    .then_some(lower)
            }
            _ => None,
        }
    }

    /// The token as a message names it.
    fn describe(&self) -> String {
        match &self.tok {
            Tok::Id(text, IdKind::Plain) => format!("`{text}`"),
            Tok::Id(text, IdKind::Quoted) => format!("\"{text}\""),
            Tok::Id(_, IdKind::Html) => "an HTML string".to_owned(),
            Tok::Open => "`{`".to_owned(),
            Tok::Close => "`}`".to_owned(),
            Tok::OpenAttrs => "`[`".to_owned(),
            Tok::CloseAttrs => "`]`".to_owned(),
            Tok::Equals => "`=`".to_owned(),
            Tok::Semi => "`;`".to_owned(),
            Tok::Comma => "`,`".to_owned(),
            Tok::Colon => "`:`".to_owned(),
            Tok::Arrow => "`->`".to_owned(),
            Tok::Line => "`--`".to_owned(),
            Tok::End => "the end of the file".to_owned(),
        }
    }
}

/// Splits DOT text into tokens, skipping whitespace and comments.
struct Lexer<'a> {
    s: Scanner<'a>,
    peeked: Option<Token>,
    /// Whether only whitespace came before on this line: `#` starts a comment there.
    line_start: bool,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            s: Scanner::new(text),
            peeked: None,
            line_start: true,
        }
    }

    fn next(&mut self) -> Result<Token, ImportError> {
        match self.peeked.take() {
            Some(t) => Ok(t),
            None => self.lex(),
        }
    }

    fn peek(&mut self) -> Result<&Token, ImportError> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lex()?);
        }
        Ok(self.peeked.as_ref().expect("just filled"))
    }

    fn peek_is(&mut self, tok: &Tok) -> Result<bool, ImportError> {
        Ok(&self.peek()?.tok == tok)
    }

    fn skip_trivia(&mut self) -> Result<(), ImportError> {
        loop {
            match self.s.peek() {
                Some('\n') => {
                    self.s.bump();
                    self.line_start = true;
                }
                Some(c) if c.is_whitespace() => {
                    self.s.bump();
                }
                Some('#') if self.line_start => self.s.skip_line(),
                Some('/') if self.s.peek2() == Some('/') => self.s.skip_line(),
                Some('/') if self.s.peek2() == Some('*') => {
                    let open = self.s.pos();
                    self.s.eat("/*");
                    while !self.s.eat("*/") {
                        if self.s.bump().is_none() {
                            return Err(open.error("this comment is not closed with `*/`"));
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn lex(&mut self) -> Result<Token, ImportError> {
        self.skip_trivia()?;
        let pos = self.s.pos();
        let Some(c) = self.s.peek() else {
            return Ok(Token { tok: Tok::End, pos });
        };
        self.line_start = false;
        let simple = match c {
            '{' => Some(Tok::Open),
            '}' => Some(Tok::Close),
            '[' => Some(Tok::OpenAttrs),
            ']' => Some(Tok::CloseAttrs),
            '=' => Some(Tok::Equals),
            ';' => Some(Tok::Semi),
            ',' => Some(Tok::Comma),
            ':' => Some(Tok::Colon),
            _ => None,
        };
        let tok = if let Some(tok) = simple {
            self.s.bump();
            tok
        } else if self.s.eat("->") {
            Tok::Arrow
        } else if self.s.eat("--") {
            Tok::Line
        } else {
            self.word(c, pos)?
        };
        Ok(Token { tok, pos })
    }

    /// An ID: a quoted string, an HTML string, a numeral or a name.
    fn word(&mut self, c: char, pos: Pos) -> Result<Tok, ImportError> {
        let is_name = |c: char| c.is_alphanumeric() || c == '_' || !c.is_ascii();
        match c {
            '"' => Ok(Tok::Id(self.quoted()?, IdKind::Quoted)),
            '<' => Ok(Tok::Id(self.html()?, IdKind::Html)),
            '-' | '.' | '0'..='9' => {
                let sign = if self.s.eat("-") { "-" } else { "" };
                let number = self.s.take_while(|c| c.is_ascii_digit() || c == '.');
                if number.is_empty() {
                    return Err(pos.error("unexpected `-`: links in a digraph are written `->`"));
                }
                // Graphviz splits `1st` in two with a warning; one id is what was meant.
                let rest = self.s.take_while(is_name);
                Ok(Tok::Id(format!("{sign}{number}{rest}"), IdKind::Plain))
            }
            c if is_name(c) => Ok(Tok::Id(
                self.s.take_while(is_name).to_owned(),
                IdKind::Plain,
            )),
            c => Err(pos.error(format!("unexpected `{c}`"))),
        }
    }

    /// A double-quoted string, and any `+ "..."` joined to it. Only `\"` is undone
    /// here (and a backslash before a line end); labels read the other escapes.
    fn quoted(&mut self) -> Result<String, ImportError> {
        let mut out = self.one_quoted()?;
        loop {
            let (saved, saved_start) = (self.s, self.line_start);
            self.skip_trivia()?;
            if !self.s.eat("+") {
                (self.s, self.line_start) = (saved, saved_start);
                return Ok(out);
            }
            self.skip_trivia()?;
            if self.s.peek() != Some('"') {
                return Err(self.s.pos().error(format!(
                    "expected a quoted string after `+`, found {}",
                    self.s.found()
                )));
            }
            out.push_str(&self.one_quoted()?);
        }
    }

    fn one_quoted(&mut self) -> Result<String, ImportError> {
        let open = self.s.pos();
        self.s.bump();
        let mut out = String::new();
        loop {
            match self.s.bump() {
                None => return Err(open.error("this string is not closed with `\"`")),
                Some('"') => return Ok(out),
                Some('\\') => match self.s.bump() {
                    Some('"') => out.push('"'),
                    Some('\n') => {}
                    Some('\r') if self.s.eat("\n") => {}
                    Some(c) => {
                        out.push('\\');
                        out.push(c);
                    }
                    None => return Err(open.error("this string is not closed with `\"`")),
                },
                Some(c) => out.push(c),
            }
        }
    }

    /// `<...>` with balanced brackets inside, counted rather than recursed into.
    fn html(&mut self) -> Result<String, ImportError> {
        let open = self.s.pos();
        self.s.bump();
        let mut depth = 1usize;
        let mut out = String::new();
        loop {
            let c = self.s.bump().ok_or_else(|| {
                open.error("this HTML string is not closed: its `<` and `>` do not pair up")
            })?;
            match c {
                '<' => depth += 1,
                '>' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                }
                _ => {}
            }
            out.push(c);
        }
    }
}

/// One `key=value` of an attribute list.
struct Attr {
    key: String,
    value: String,
    kind: IdKind,
    line: usize,
}

/// A side of a link: a node id, or a subgraph standing for every node in it.
struct Operand {
    /// The stretch of the parser's `mentions` that holds its nodes.
    mentions: Range<usize>,
    /// The node, when the operand is one node id (its statement may set its label).
    node: Option<usize>,
}

/// The statement being read in a subgraph (or the graph itself).
#[derive(Default)]
struct Statement {
    operands: Vec<Operand>,
    /// Where each `->` is, between the operands.
    links: Vec<Pos>,
    /// Whether an operand is due: the last token was `->`.
    awaiting: bool,
}

/// A subgraph being read: where its nodes start in the parser's `mentions`, and its
/// statement in progress.
#[derive(Default)]
struct Frame {
    first_mention: usize,
    statement: Statement,
    open: Option<Pos>,
}

struct Parser<'a> {
    lex: Lexer<'a>,
    graph: Graph,
    frames: Vec<Frame>,
    /// Every node id as it comes, in file order. A subgraph's nodes are the stretch
    /// between its braces, nested ones included, so closing one copies nothing: deep
    /// nesting stays linear.
    mentions: Vec<usize>,
    strict: bool,
    /// The graph's id and its `label`, for the title.
    id: Option<String>,
    label: Option<String>,
    /// In a strict graph, the link already made for each pair of nodes.
    strict_edges: HashMap<(usize, usize), usize>,
}

impl Parser<'_> {
    /// `[strict] digraph [id] {`; the position of `digraph` (or `strict`).
    fn header(&mut self) -> Result<Pos, ImportError> {
        let mut t = self.lex.next()?;
        let start = t.pos;
        if t.keyword().as_deref() == Some("strict") {
            self.strict = true;
            t = self.lex.next()?;
        }
        match t.keyword().as_deref() {
            Some("digraph") => {}
            Some("graph") => {
                return Err(t.pos.error(
                    "this is an undirected graph (`graph`); a decision tree needs arrows: \
                     write `digraph`, and link nodes with `->`",
                ));
            }
            _ => {
                return Err(t.pos.error(format!(
                    "expected `digraph` to start a Graphviz graph, found {}",
                    t.describe()
                )));
            }
        }
        t = self.lex.next()?;
        if let Tok::Id(id, _) = &t.tok
            && t.keyword().is_none()
        {
            self.id = Some(id.clone());
            t = self.lex.next()?;
        }
        if t.tok != Tok::Open {
            return Err(t.pos.error(format!(
                "expected `{{` to open the graph, found {}",
                t.describe()
            )));
        }
        Ok(start)
    }

    fn top(&mut self) -> &mut Frame {
        self.frames
            .last_mut()
            .expect("a frame is open while the body is read")
    }

    /// The statements, up to the `}` that closes the graph.
    fn body(&mut self) -> Result<(), ImportError> {
        self.frames.push(Frame::default());
        loop {
            let t = self.lex.next()?;
            if self.top().statement.awaiting {
                self.operand(t)?;
                continue;
            }
            if !self.top().statement.operands.is_empty() {
                match t.tok {
                    Tok::Arrow => {
                        let statement = &mut self.top().statement;
                        statement.links.push(t.pos);
                        statement.awaiting = true;
                        continue;
                    }
                    Tok::Line => return Err(undirected_link(t.pos)),
                    Tok::OpenAttrs => {
                        let attrs = self.attr_list(t.pos)?;
                        self.finish_statement(&attrs);
                        continue;
                    }
                    _ => self.finish_statement(&[]),
                }
            }
            if self.statement(t)? {
                return Ok(());
            }
        }
    }

    /// A token that starts a statement; true when it closes the graph.
    fn statement(&mut self, t: Token) -> Result<bool, ImportError> {
        let keyword = t.keyword();
        match (&t.tok, keyword.as_deref()) {
            (Tok::Close, _) => return Ok(self.close()),
            (Tok::Semi | Tok::Comma, _) => {}
            (Tok::Open, _) => self.open(t.pos),
            (Tok::End, _) => return Err(self.unclosed(t.pos)),
            (_, Some("subgraph")) => self.subgraph(t.pos)?,
            (_, Some(kind @ ("graph" | "node" | "edge"))) => self.defaults(kind, t.pos)?,
            (Tok::Id(..), Some(_)) => {
                return Err(t.pos.error(format!(
                    "{} cannot start a statement here; quote it to use it as a node id",
                    t.describe()
                )));
            }
            (Tok::Id(id, _), None) => {
                if self.lex.peek_is(&Tok::Equals)? {
                    self.lex.next()?;
                    let value = self.value()?;
                    let attr = Attr {
                        key: id.clone(),
                        value: value.0,
                        kind: value.1,
                        line: t.pos.line,
                    };
                    self.graph_attrs(std::slice::from_ref(&attr));
                } else {
                    self.node_operand(id, t.pos)?;
                }
            }
            (Tok::Line, _) => return Err(undirected_link(t.pos)),
            _ => {
                return Err(t.pos.error(format!(
                    "unexpected {}: expected a node, a link or an attribute",
                    t.describe()
                )));
            }
        }
        Ok(false)
    }

    /// A side of a link, after `->`.
    fn operand(&mut self, t: Token) -> Result<(), ImportError> {
        self.top().statement.awaiting = false;
        match (&t.tok, t.keyword().as_deref()) {
            (Tok::Open, _) => {
                self.open(t.pos);
                Ok(())
            }
            (_, Some("subgraph")) => self.subgraph(t.pos),
            (Tok::Id(id, _), None) => self.node_operand(id, t.pos),
            _ => Err(t.pos.error(format!(
                "expected a node or a subgraph after `->`, found {}",
                t.describe()
            ))),
        }
    }

    /// A node id (with a port, which is ignored) as a side of a link or a statement.
    fn node_operand(&mut self, id: &str, pos: Pos) -> Result<(), ImportError> {
        let node = self.graph.node(id, pos);
        while self.lex.peek_is(&Tok::Colon)? {
            self.lex.next()?;
            let port = self.lex.next()?;
            if !matches!(port.tok, Tok::Id(..)) {
                return Err(port.pos.error(format!(
                    "expected a port name after `:`, found {}",
                    port.describe()
                )));
            }
            self.graph.notes.once(
                "port",
                pos.line,
                "ports (`node:port`) are ignored: a link goes from node to node",
            );
        }
        let at = self.mentions.len();
        self.mentions.push(node);
        self.top().statement.operands.push(Operand {
            mentions: at..at + 1,
            node: Some(node),
        });
        Ok(())
    }

    /// `subgraph [id] {`.
    fn subgraph(&mut self, pos: Pos) -> Result<(), ImportError> {
        let mut t = self.lex.next()?;
        if matches!(t.tok, Tok::Id(..)) && t.keyword().is_none() {
            t = self.lex.next()?;
        }
        if t.tok != Tok::Open {
            return Err(t.pos.error(format!(
                "expected `{{` to open the subgraph, found {}",
                t.describe()
            )));
        }
        self.graph.notes.once(
            "subgraph",
            pos.line,
            "subgraphs are flattened: their nodes and links are kept, their borders and \
             attributes ignored",
        );
        self.open(t.pos);
        Ok(())
    }

    fn open(&mut self, pos: Pos) {
        self.frames.push(Frame {
            first_mention: self.mentions.len(),
            open: Some(pos),
            ..Frame::default()
        });
    }

    /// Closes the innermost subgraph, which becomes a side of its parent's statement;
    /// true when it was the graph itself.
    fn close(&mut self) -> bool {
        let frame = self
            .frames
            .pop()
            .expect("a frame is open while the body is read");
        let mentions = frame.first_mention..self.mentions.len();
        let Some(parent) = self.frames.last_mut() else {
            return true;
        };
        parent.statement.operands.push(Operand {
            mentions,
            node: None,
        });
        false
    }

    fn unclosed(&self, end: Pos) -> ImportError {
        let open = self.frames.last().and_then(|f| f.open);
        match open {
            Some(open) => open.error("this subgraph is not closed with `}`"),
            None => end.error("the file ends before the `}` that closes the graph"),
        }
    }

    /// `graph [...]`, `node [...]` or `edge [...]`.
    fn defaults(&mut self, kind: &str, pos: Pos) -> Result<(), ImportError> {
        let t = self.lex.next()?;
        if t.tok != Tok::OpenAttrs {
            return Err(t.pos.error(format!(
                "expected `[` after `{kind}`, found {}",
                t.describe()
            )));
        }
        let attrs = self.attr_list(t.pos)?;
        match kind {
            "graph" => self.graph_attrs(&attrs),
            "node" => self.graph.notes.once(
                "node defaults",
                pos.line,
                "`node [...]` defaults are ignored; a node's own `label` is read",
            ),
            _ => self.graph.notes.once(
                "edge defaults",
                pos.line,
                "`edge [...]` defaults are ignored, so that a default label does not become \
                 every answer's; a link's own `label` is read",
            ),
        }
        Ok(())
    }

    /// Attributes of the graph: its `label` is the title; a subgraph's are ignored.
    fn graph_attrs(&mut self, attrs: &[Attr]) {
        if self.frames.len() > 1 {
            return;
        }
        if let Some(label) = attrs.iter().find(|a| a.key == "label") {
            let id = self.id.clone().unwrap_or_default();
            self.label = Some(self.text(label, &[('G', &id)]));
        }
    }

    /// After `[`: the attributes up to `]`, and those of any `[...]` right after.
    fn attr_list(&mut self, open: Pos) -> Result<Vec<Attr>, ImportError> {
        let mut attrs = Vec::new();
        loop {
            let t = self.lex.next()?;
            match t.tok {
                Tok::CloseAttrs => {
                    if !self.lex.peek_is(&Tok::OpenAttrs)? {
                        return Ok(attrs);
                    }
                    self.lex.next()?;
                }
                Tok::Semi | Tok::Comma => {}
                Tok::Id(key, _) => {
                    let (value, kind) = if self.lex.peek_is(&Tok::Equals)? {
                        self.lex.next()?;
                        self.value()?
                    } else {
                        ("true".to_owned(), IdKind::Plain)
                    };
                    attrs.push(Attr {
                        key,
                        value,
                        kind,
                        line: t.pos.line,
                    });
                }
                Tok::End => {
                    return Err(open.error("this attribute list is not closed with `]`"));
                }
                _ => {
                    return Err(t
                        .pos
                        .error(format!("unexpected {} in an attribute list", t.describe())));
                }
            }
        }
    }

    /// The value after `=`.
    fn value(&mut self) -> Result<(String, IdKind), ImportError> {
        let t = self.lex.next()?;
        match t.tok {
            Tok::Id(value, kind) => Ok((value, kind)),
            _ => Err(t.pos.error(format!(
                "expected a value after `=`, found {}",
                t.describe()
            ))),
        }
    }

    /// A label's text, by how it is written; `names` fill `\N`, `\G`, `\T`, `\H`, `\E`.
    fn text(&mut self, attr: &Attr, names: &[(char, &str)]) -> String {
        match attr.kind {
            IdKind::Html => {
                self.graph
                    .notes
                    .once("html", attr.line, "HTML labels are reduced to their text");
                text::dot_html(&attr.value).text
            }
            _ => text::dot_string(&attr.value, names),
        }
    }

    /// Ends the statement being read: a node's attributes, or the links of a chain.
    fn finish_statement(&mut self, attrs: &[Attr]) {
        let statement = std::mem::take(&mut self.top().statement);
        let graph_id = self.id.clone().unwrap_or_default();
        if let [operand] = statement.operands.as_slice() {
            let (Some(node), Some(label)) = (operand.node, attrs.iter().find(|a| a.key == "label"))
            else {
                return;
            };
            let id = self.graph.nodes[node].id.clone();
            let text = self.text(label, &[('N', &id), ('G', &graph_id)]);
            self.graph.set_label(node, text, label.line);
            return;
        }
        let label = EDGE_LABELS
            .iter()
            .find_map(|key| attrs.iter().find(|a| a.key == *key));
        for (pair, &pos) in statement.operands.windows(2).zip(&statement.links) {
            let [tails, heads] = [&pair[0], &pair[1]].map(|o| self.nodes(o));
            for &from in &tails {
                for &to in &heads {
                    let text = label.map(|l| {
                        let [tail, head] = [from, to].map(|n| self.graph.nodes[n].id.clone());
                        let edge = format!("{tail}->{head}");
                        let names = [
                            ('T', &*tail),
                            ('H', &*head),
                            ('E', &*edge),
                            ('G', &*graph_id),
                        ];
                        self.text(l, &names)
                    });
                    self.edge(from, to, text, pos);
                }
            }
        }
    }

    /// An operand's nodes, each once, in the order they came.
    fn nodes(&self, operand: &Operand) -> Vec<usize> {
        let mut seen = HashSet::new();
        self.mentions[operand.mentions.clone()]
            .iter()
            .copied()
            .filter(|&n| seen.insert(n))
            .collect()
    }

    /// A link; in a strict graph, a second link between the same nodes is merged into
    /// the first (its label, if it has one, replacing the first's), as Graphviz does.
    fn edge(&mut self, from: usize, to: usize, label: Option<String>, pos: Pos) {
        if self.strict {
            if let Some(&first) = self.strict_edges.get(&(from, to)) {
                if label.as_ref().is_some_and(|l| !l.is_empty()) {
                    self.graph.edges[first].label = label;
                }
                self.graph.notes.once(
                    "strict",
                    pos.line,
                    "the graph is strict, so a repeated link between the same two nodes is \
                     merged into the first",
                );
                return;
            }
            self.strict_edges.insert((from, to), self.graph.edges.len());
        }
        self.graph.edge(from, to, label, pos);
    }

    /// What follows the graph's `}`: nothing, or another graph, which is not read.
    fn trailer(&mut self) -> Result<(), ImportError> {
        let t = self.lex.next()?;
        match (&t.tok, t.keyword().as_deref()) {
            (Tok::End, _) => Ok(()),
            (_, Some("strict" | "digraph" | "graph")) => {
                self.graph.notes.add(
                    t.pos.line,
                    "the file holds more than one graph; only the first is imported",
                );
                Ok(())
            }
            _ => Err(t.pos.error(format!(
                "unexpected {} after the `}}` that closes the graph",
                t.describe()
            ))),
        }
    }

    fn finish(mut self, start: Pos) -> Result<Graph, ImportError> {
        if self.graph.nodes.is_empty() {
            return Err(start.error("the graph has no nodes"));
        }
        // A node without a label shows its id, escapes read (Graphviz's `\N`).
        for node in &mut self.graph.nodes {
            if node.label.is_none() && node.id.contains(['\\', '&']) {
                let text = text::dot_string(&node.id, &[]);
                node.label = Some(text).filter(|t| !t.is_empty());
            }
        }
        self.graph.title = self
            .label
            .take()
            .or(self.id.take())
            .filter(|t| !t.is_empty());
        Ok(self.graph)
    }
}

fn undirected_link(pos: Pos) -> ImportError {
    pos.error(
        "`--` is an undirected link; a decision tree needs arrows, and a digraph writes \
         them `->`",
    )
}
