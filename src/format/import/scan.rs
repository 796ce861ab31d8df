//! A cursor over the imported text that knows the line and column it is at, so every
//! error can point at the character it is about.

use super::ImportError;

/// A place in the text: 1-based line, and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn error(self, message: impl Into<String>) -> ImportError {
        ImportError {
            line: self.line,
            column: self.column,
            message: message.into(),
        }
    }
}

/// Reads the text one character at a time. Copying it is cheap, which is how the
/// parsers look ahead and back off.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scanner<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    column: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            line: 1,
            column: 1,
        }
    }

    pub fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    /// What is left to read.
    pub fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    pub fn is_done(&self) -> bool {
        self.at >= self.text.len()
    }

    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The character after the next one.
    pub fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    pub fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Reads `s` if the text goes on with it.
    pub fn eat(&mut self, s: &str) -> bool {
        if !self.rest().starts_with(s) {
            return false;
        }
        for _ in s.chars() {
            self.bump();
        }
        true
    }

    /// Reads characters while `f` holds, and returns them.
    pub fn take_while(&mut self, mut f: impl FnMut(char) -> bool) -> &'a str {
        let start = self.at;
        while self.peek().is_some_and(&mut f) {
            self.bump();
        }
        &self.text[start..self.at]
    }

    /// Skips spaces and tabs (and the carriage return of a CRLF line end), not newlines.
    pub fn skip_spaces(&mut self) {
        self.take_while(|c| c == ' ' || c == '\t' || c == '\r');
    }

    /// Skips to the end of the line, leaving the newline to be read.
    pub fn skip_line(&mut self) {
        self.take_while(|c| c != '\n');
    }

    /// The next character for a message: `x`, or "the end of the line" or "the end of
    /// the file".
    pub fn found(&self) -> String {
        match self.peek() {
            None => "the end of the file".to_owned(),
            Some('\n' | '\r') => "the end of the line".to_owned(),
            Some(c) => format!("`{c}`"),
        }
    }
}
