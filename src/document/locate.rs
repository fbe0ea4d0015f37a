//! Finds where things are in a file's source text. serde gives positions for syntax errors
//! only; semantic problems are located by searching the text for the item they concern.

pub struct Locator<'a> {
    src: &'a str,
}

impl<'a> Locator<'a> {
    pub fn new(src: &'a str) -> Self {
        Locator { src }
    }

    /// Byte offset of `key: "value"` at or after `from` (spaces allowed around the colon).
    pub fn key_value(&self, key: &str, value: &str, from: usize) -> Option<usize> {
        self.nth_key_value(key, value, from, 0)
    }

    /// Byte offset of the `n`-th (0-based) `key: "value"` at or after `from`.
    pub fn nth_key_value(&self, key: &str, value: &str, from: usize, n: usize) -> Option<usize> {
        let quoted = format!("\"{value}\"");
        let mut start = from.min(self.src.len());
        let mut seen = 0;
        while let Some(found) = self.src.get(start..)?.find(&quoted) {
            let at = start + found;
            let before = self.src[..at].trim_end();
            if let Some(before) = before.strip_suffix(':') {
                let before = before.trim_end();
                if before.ends_with(key) {
                    if seen == n {
                        return Some(before.len() - key.len());
                    }
                    seen += 1;
                }
            }
            start = at + quoted.len();
        }
        None
    }

    /// Byte offset of the `key:` field at or after `from`.
    pub fn key(&self, key: &str, from: usize) -> Option<usize> {
        let mut start = from.min(self.src.len());
        while let Some(found) = self.src.get(start..)?.find(key) {
            let at = start + found;
            let after = self.src[at + key.len()..].trim_start();
            let boundary = self.src[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '_');
            if boundary && after.starts_with(':') {
                return Some(at);
            }
            start = at + key.len();
        }
        None
    }

    /// Byte offset of the `n`-th (0-based) `word(` at or after `from`.
    pub fn nth_struct(&self, word: &str, from: usize, n: usize) -> Option<usize> {
        let mut start = from.min(self.src.len());
        let mut seen = 0;
        while let Some(found) = self.src.get(start..)?.find(word) {
            let at = start + found;
            if self.src[at + word.len()..].trim_start().starts_with('(') {
                if seen == n {
                    return Some(at);
                }
                seen += 1;
            }
            start = at + word.len();
        }
        None
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
}
