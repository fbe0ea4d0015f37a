//! Where a scenario's parts are in its source, so that each strict problem points at the
//! situation, step or option it concerns. Situations are found in order (the `k`-th
//! `Situation(`), and steps inside their situation's `etapes`, so that an id shared by a step and
//! a situation cannot point at the wrong one.

use crate::document::locate::Locator;

pub(super) struct Places<'a> {
    loc: Locator<'a>,
    len: usize,
    situations_from: usize,
}

impl<'a> Places<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        let loc = Locator::new(source);
        let situations_from = loc.key("situations", 0).unwrap_or(0);
        Places {
            loc,
            len: source.len(),
            situations_from,
        }
    }

    /// The scenario's `id`, where problems of the whole scenario point.
    pub(super) fn header(&self) -> (usize, usize) {
        self.loc.line_col(self.loc.key("id", 0).unwrap_or(0))
    }

    fn situation_start(&self, k: usize) -> usize {
        self.loc
            .nth_struct("Situation", self.situations_from, k)
            .unwrap_or(self.situations_from)
    }

    fn situation_end(&self, k: usize) -> usize {
        self.loc
            .nth_struct("Situation", self.situations_from, k + 1)
            .unwrap_or(self.len)
    }

    /// A key of the `k`-th situation, else the situation itself.
    fn situation_key_offset(&self, k: usize, key: &str) -> usize {
        let start = self.situation_start(k);
        self.loc
            .key(key, start)
            .filter(|&o| o < self.situation_end(k))
            .unwrap_or(start)
    }

    pub(super) fn situation(&self, k: usize) -> (usize, usize) {
        self.loc.line_col(self.situation_key_offset(k, "id"))
    }

    pub(super) fn situation_key(&self, k: usize, key: &str) -> (usize, usize) {
        self.loc.line_col(self.situation_key_offset(k, key))
    }

    fn step_offset(&self, k: usize, step_id: &str) -> usize {
        let steps = self.situation_key_offset(k, "etapes");
        self.loc
            .key_value("id", step_id, steps)
            .filter(|&o| o < self.situation_end(k))
            .unwrap_or(steps)
    }

    pub(super) fn step(&self, k: usize, step_id: &str) -> (usize, usize) {
        self.loc.line_col(self.step_offset(k, step_id))
    }

    /// The `n`-th option (0-based) of a choice step.
    pub(super) fn option(&self, k: usize, step_id: &str, n: usize) -> (usize, usize) {
        let step = self.step_offset(k, step_id);
        self.loc
            .line_col(self.loc.nth_struct("Proposition", step, n).unwrap_or(step))
    }
}
