//! Finds where things are in a file's source text. serde gives positions for syntax errors
//! only; semantic problems are located by searching the text for the item they concern.
//!
//! Only the file's structure is searched: text inside strings and comments is skipped, so that
//! « Situation (rappel) » in a description or `// Situation(…)` in a comment is not taken for a
//! structure. An item is found by its place in its list (the `k`-th situation, the `n`-th step
//! of that situation) and its fields within its own span, never from the top of the file: an id
//! shared by a step and a situation cannot point at the wrong one.

use std::ops::Range;

pub struct Locator<'a> {
    src: &'a str,
    /// Strings and comments, in order: the text that is not structure.
    skipped: Vec<Range<usize>>,
    /// The brackets and commas of the structure, in order: `(` `)` `[` `]` `{` `}` `,`.
    marks: Vec<(usize, u8)>,
}

impl<'a> Locator<'a> {
    pub fn new(src: &'a str) -> Self {
        let (skipped, marks) = scan(src.as_bytes());
        Locator {
            src,
            skipped,
            marks,
        }
    }

    /// The whole text.
    pub fn all(&self) -> Range<usize> {
        0..self.src.len()
    }

    /// Whether the byte at `at` is structure, neither in a string nor in a comment.
    fn is_code(&self, at: usize) -> bool {
        if at >= self.src.len() {
            return false;
        }
        let after = self.skipped.partition_point(|r| r.start <= at);
        after == 0 || self.skipped[after - 1].end <= at
    }

    /// The first byte of structure at or after `at` that is not a space.
    fn next_code(&self, mut at: usize) -> Option<usize> {
        let bytes = self.src.as_bytes();
        loop {
            while bytes.get(at)?.is_ascii_whitespace() {
                at += 1;
            }
            let after = self.skipped.partition_point(|r| r.start <= at);
            match after.checked_sub(1).map(|k| &self.skipped[k]) {
                Some(r) if r.end > at => at = r.end,
                _ => return Some(at),
            }
        }
    }

    /// The index in `marks` of the first mark at or after `at`.
    fn mark_from(&self, at: usize) -> usize {
        self.marks.partition_point(|&(o, _)| o < at)
    }

    /// Whether the identifier-like `word` found at `at` stands alone (not the end of a longer
    /// name: `id` is not found in `rapid`).
    fn starts_word(&self, at: usize) -> bool {
        self.src[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_')
    }

    /// Byte offset of `key: "value"` at or after `from` (spaces allowed around the colon).
    pub fn key_value(&self, key: &str, value: &str, from: usize) -> Option<usize> {
        self.nth_key_value(key, value, from, 0)
    }

    /// Byte offset of the `n`-th (0-based) `key: "value"` at or after `from`.
    pub fn nth_key_value(&self, key: &str, value: &str, from: usize, n: usize) -> Option<usize> {
        self.nth_key_value_before(key, value, from, self.src.len(), n)
    }

    /// The same, the value's text ending before `end`.
    fn nth_key_value_before(
        &self,
        key: &str,
        value: &str,
        from: usize,
        end: usize,
        n: usize,
    ) -> Option<usize> {
        let quoted = format!("\"{value}\"");
        let end = end.min(self.src.len());
        let mut start = from.min(end);
        let mut seen = 0;
        while let Some(found) = self.src.get(start..end)?.find(&quoted) {
            let at = start + found;
            let before = self.src[..at].trim_end();
            if let Some(before) = before.strip_suffix(':') {
                let colon = before.len();
                let before = before.trim_end();
                let key_at = before.len().saturating_sub(key.len());
                if before.ends_with(key)
                    && self.is_code(colon)
                    && self.is_code(key_at)
                    && self.starts_word(key_at)
                {
                    if seen == n {
                        return Some(key_at);
                    }
                    seen += 1;
                }
            }
            start = at + quoted.len();
        }
        None
    }

    /// Byte offset of `key: "value"` inside `range`.
    pub fn key_value_in(&self, key: &str, value: &str, range: &Range<usize>) -> Option<usize> {
        self.nth_key_value_before(key, value, range.start, range.end, 0)
    }

    /// Byte offset of the `key:` field at or after `from`.
    pub fn key(&self, key: &str, from: usize) -> Option<usize> {
        self.key_before(key, from, self.src.len())
    }

    /// The same, the key ending before `end`.
    fn key_before(&self, key: &str, from: usize, end: usize) -> Option<usize> {
        let end = end.min(self.src.len());
        let mut start = from.min(end);
        while let Some(found) = self.src.get(start..end)?.find(key) {
            let at = start + found;
            let after = self.src[at + key.len()..].trim_start();
            if self.is_code(at) && self.starts_word(at) && after.starts_with(':') {
                return Some(at);
            }
            start = at + key.len();
        }
        None
    }

    /// Byte offset of the `key:` field inside `range`.
    pub fn key_in(&self, key: &str, range: &Range<usize>) -> Option<usize> {
        self.key_before(key, range.start, range.end)
    }

    /// Byte offset of a field of the file's top structure (`Scenario(id: …)`), not of one of
    /// the structures inside it.
    pub fn top_key(&self, key: &str) -> Option<usize> {
        let mut from = 0;
        while let Some(at) = self.key(key, from) {
            if self.depth_at(at) == 1 {
                return Some(at);
            }
            from = at + key.len();
        }
        None
    }

    /// How many parentheses and brackets are open at `at`.
    fn depth_at(&self, at: usize) -> usize {
        self.marks[..self.mark_from(at)]
            .iter()
            .fold(0usize, |depth, &(_, b)| match b {
                b'(' | b'[' | b'{' => depth + 1,
                b')' | b']' | b'}' => depth.saturating_sub(1),
                _ => depth,
            })
    }

    /// Byte offset of the `n`-th (0-based) `word(` at or after `from`.
    pub fn nth_struct(&self, word: &str, from: usize, n: usize) -> Option<usize> {
        let mut start = from.min(self.src.len());
        let mut seen = 0;
        while let Some(found) = self.src.get(start..)?.find(word) {
            let at = start + found;
            if self.is_code(at)
                && self.starts_word(at)
                && self.src[at + word.len()..].trim_start().starts_with('(')
            {
                if seen == n {
                    return Some(at);
                }
                seen += 1;
            }
            start = at + word.len();
        }
        None
    }

    /// The span of the structure starting at `start` (its name, if written, and its
    /// parentheses or brackets): from `start` to just after the matching closing one, or to the
    /// end of the text if it is not closed. A bare value ends before the next `,` or closing
    /// bracket.
    pub fn span(&self, start: usize) -> Range<usize> {
        let start = start.min(self.src.len());
        let mut depth = 0usize;
        for &(at, b) in &self.marks[self.mark_from(start)..] {
            match b {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' | b',' if depth == 0 => return start..at,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return start..at + 1;
                    }
                }
                _ => {}
            }
        }
        start..self.src.len()
    }

    /// Where each item of the list `key: [...]` found in `range` starts (its structure name if
    /// it has one), in order. Only structures and bare values count: a list of strings has no
    /// items here.
    pub fn list_items(&self, key: &str, range: &Range<usize>) -> Vec<usize> {
        let bytes = self.src.as_bytes();
        let open = self
            .key_in(key, range)
            .and_then(|at| self.next_code(at + key.len()))
            .filter(|&colon| bytes[colon] == b':')
            .and_then(|colon| self.next_code(colon + 1))
            .filter(|&open| bytes[open] == b'[');
        let Some(open) = open else {
            return Vec::new();
        };
        let mut items = Vec::new();
        // An item starts after the `[` and after each comma of the list itself.
        let mut depth = 0usize;
        let mut item_from = Some(open + 1);
        for &(at, b) in &self.marks[self.mark_from(open + 1)..] {
            // The first thing after it, unless that is the next comma or the closing bracket.
            let opens = matches!(b, b'(' | b'[' | b'{');
            if let Some(from) = item_from.take()
                && let Some(first) = self
                    .next_code(from)
                    .filter(|&first| first < at || (first == at && opens))
            {
                items.push(first);
            }
            match b {
                b')' | b']' | b'}' if depth == 0 => break,
                b',' if depth == 0 => item_from = Some(at + 1),
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                _ => {}
            }
        }
        items
    }

    /// The span of the `n`-th item of the list `key: [...]` in `range`.
    pub fn item(&self, key: &str, range: &Range<usize>, n: usize) -> Option<Range<usize>> {
        self.list_items(key, range)
            .get(n)
            .map(|&start| self.span(start))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.src.len());
        while !self.src.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.src[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// Finds the strings (`"…"`, raw `r#"…"#`, characters `'…'`) and comments (`// …`, nested
/// `/* … */`) of RON text, and the brackets and commas outside them. Text that does not parse
/// is read as well as can be: an unclosed string or comment runs to the end.
fn scan(bytes: &[u8]) -> (Vec<Range<usize>>, Vec<(usize, u8)>) {
    let mut skipped = Vec::new();
    let mut marks = Vec::new();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end = match b {
            b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' => {
                marks.push((i, b));
                None
            }
            b'"' => Some(string_end(bytes, i + 1)),
            b'/' if bytes.get(i + 1) == Some(&b'/') => Some(
                bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |n| i + n),
            ),
            b'/' if bytes.get(i + 1) == Some(&b'*') => Some(block_comment_end(bytes, i + 2)),
            // `r"…"`, `r#"…"#`, `br"…"`, not the `r` ending a name.
            b'r' if i == 0
                || !ident(bytes[i - 1])
                || (bytes[i - 1] == b'b' && (i < 2 || !ident(bytes[i - 2]))) =>
            {
                raw_string_end(bytes, i + 1)
            }
            b'\'' => char_end(bytes, i + 1),
            _ => None,
        };
        match end {
            Some(end) => {
                skipped.push(i..end);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    (skipped, marks)
}

/// Just after the `"` closing a string whose text starts at `i`.
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Just after the end of a block comment whose text starts at `i` (block comments nest).
fn block_comment_end(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 1;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// After an `r`: the end of a raw string `#…#"…"#…#`, if one starts at `i`.
fn raw_string_end(bytes: &[u8], i: usize) -> Option<usize> {
    let hashes = bytes[i..].iter().take_while(|&&b| b == b'#').count();
    if bytes.get(i + hashes) != Some(&b'"') {
        return None;
    }
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    let text = i + hashes + 1;
    Some(
        bytes[text..]
            .windows(close.len())
            .position(|w| w == close.as_slice())
            .map_or(bytes.len(), |n| text + n + close.len()),
    )
}

/// After a `'`: the end of a character literal (`'a'`, `'\n'`, `'é'`), if one starts at `i`.
fn char_end(bytes: &[u8], i: usize) -> Option<usize> {
    let first = *bytes.get(i)?;
    let len = if first == b'\\' {
        // An escape: up to the next quote, within a few bytes (`'\u{1F600}'`).
        bytes[i + 1..]
            .iter()
            .take(12)
            .position(|&b| b == b'\'')
            .map(|n| n + 1)?
    } else {
        match first {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        }
    };
    (bytes.get(i + len) == Some(&b'\'')).then_some(i + len + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_not_references() {
        let src = "Situation(\n  suite: \"a\",\n  id: \"a\",\n)";
        let loc = Locator::new(src);
        let at = loc.key_value("id", "a", 0).unwrap();
        assert_eq!(loc.line_col(at), (3, 3));
        assert_eq!(loc.key_value("id", "b", 0), None);
    }

    #[test]
    fn finds_the_nth_structure_and_keys() {
        let src = "[Proposition(x), Proposition (y)]\nfin: \"11:00\"";
        let loc = Locator::new(src);
        assert_eq!(
            loc.line_col(loc.nth_struct("Proposition", 0, 1).unwrap()),
            (1, 18)
        );
        assert_eq!(loc.line_col(loc.key("fin", 0).unwrap()), (2, 1));
    }

    #[test]
    fn strings_and_comments_are_not_structure() {
        let src = concat!(
            "// Situation(a), id: \"x\"\n",
            "/* Situation(b) /* nested */ id: \"x\" */\n",
            "(texte: \"Situation(c) id: \\\"x\\\" \", r#\"Situation(d) \"# , c: '\"',\n",
            " rapid: \"x\", Situation(e, id: \"x\"))",
        );
        let loc = Locator::new(src);
        assert_eq!(
            loc.line_col(loc.nth_struct("Situation", 0, 0).unwrap()),
            (4, 14)
        );
        assert_eq!(loc.nth_struct("Situation", 0, 1), None);
        assert_eq!(loc.line_col(loc.key_value("id", "x", 0).unwrap()), (4, 27));
        assert_eq!(loc.key("texte", 0), Some(src.find("(texte").unwrap() + 1));
    }

    #[test]
    fn the_top_structure_s_fields_are_told_from_inner_ones() {
        let src = "Scenario(\n  cabinet: Cabinet(id: \"c\", fin: 1),\n  // id: \"z\"\n  id: \"s\",\n  fin: 2,\n)";
        let loc = Locator::new(src);
        assert_eq!(loc.line_col(loc.top_key("id").unwrap()), (4, 3));
        assert_eq!(loc.line_col(loc.top_key("fin").unwrap()), (5, 3));
        assert_eq!(loc.top_key("titre"), None);
    }

    #[test]
    fn items_are_found_by_their_place_in_their_list() {
        let src = "(etapes: [\n  Choix(id: \"a\", p: [X(1), X(2)]),\n  // Choix(id: \"z\"),\n  (id: \"b\"),\n], fin: 1)";
        let loc = Locator::new(src);
        let items = loc.list_items("etapes", &loc.all());
        assert_eq!(items.len(), 2);
        assert_eq!(loc.line_col(items[0]), (2, 3));
        assert_eq!(loc.line_col(items[1]), (4, 3));
        let first = loc.item("etapes", &loc.all(), 0).unwrap();
        assert_eq!(&src[first.clone()], "Choix(id: \"a\", p: [X(1), X(2)])");
        assert_eq!(loc.list_items("p", &first).len(), 2);
        assert_eq!(loc.key_value_in("id", "b", &first), None);
        assert!(loc.item("etapes", &loc.all(), 2).is_none());
        assert!(loc.list_items("fin", &loc.all()).is_empty());
    }
}
