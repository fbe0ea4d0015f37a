//! Where a scenario's parts are in its source, so that each strict problem points at the
//! situation, step or option it concerns. Situations are found by their place in the
//! `situations` list, steps inside their situation's `etapes`, options inside their step's
//! `propositions` (strings and comments skipped), so that an id shared by a step and a situation
//! cannot point at the wrong one.

use crate::document::locate::Locator;
use std::ops::Range;

pub(super) struct Places<'a> {
    loc: Locator<'a>,
    /// The span of each situation, in order.
    situations: Vec<Range<usize>>,
}

impl<'a> Places<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        let loc = Locator::new(source);
        let situations = loc
            .list_items("situations", &loc.all())
            .into_iter()
            .map(|start| loc.span(start))
            .collect();
        Places { loc, situations }
    }

    /// The scenario's `id`, where problems of the whole scenario point.
    pub(super) fn header(&self) -> (usize, usize) {
        self.loc.line_col(self.loc.top_key("id").unwrap_or(0))
    }

    /// The span of the `k`-th situation (the whole text if it cannot be found).
    fn situation_span(&self, k: usize) -> Range<usize> {
        self.situations
            .get(k)
            .cloned()
            .unwrap_or_else(|| self.loc.all())
    }

    /// A key of the `k`-th situation, else the situation itself.
    fn situation_key_offset(&self, k: usize, key: &str) -> usize {
        let span = self.situation_span(k);
        self.loc.key_in(key, &span).unwrap_or(span.start)
    }

    pub(super) fn situation(&self, k: usize) -> (usize, usize) {
        self.loc.line_col(self.situation_key_offset(k, "id"))
    }

    pub(super) fn situation_key(&self, k: usize, key: &str) -> (usize, usize) {
        self.loc.line_col(self.situation_key_offset(k, key))
    }

    /// The span of a step of the `k`-th situation and where its id is, else its situation's
    /// steps.
    fn step_place(&self, k: usize, step_id: &str) -> (Range<usize>, usize) {
        let situation = self.situation_span(k);
        self.loc
            .list_items("etapes", &situation)
            .into_iter()
            .map(|start| self.loc.span(start))
            .find_map(|span| {
                let at = self.loc.key_value_in("id", step_id, &span)?;
                Some((span, at))
            })
            .unwrap_or_else(|| {
                let at = self.situation_key_offset(k, "etapes");
                (at..situation.end, at)
            })
    }

    pub(super) fn step(&self, k: usize, step_id: &str) -> (usize, usize) {
        self.loc.line_col(self.step_place(k, step_id).1)
    }

    /// The `n`-th option (0-based) of a choice step.
    pub(super) fn option(&self, k: usize, step_id: &str, n: usize) -> (usize, usize) {
        let (step, at) = self.step_place(k, step_id);
        let option = self
            .loc
            .list_items("propositions", &step)
            .get(n)
            .copied()
            .unwrap_or(at);
        self.loc.line_col(option)
    }
}
