//! Reading scenario files: RON parsing with precise French errors, then semantic validation.

use super::model::Scenario;
use super::validate;
pub use crate::document::{
    MAX_FILE_BYTES, Problem, may_be_scenario, parse_ron, read_text, ron_files_in, top_level_name,
};
use std::path::Path;

/// Parses and validates a scenario. All semantic problems are reported at once.
pub fn load_scenario_str(source: &str) -> Result<Scenario, Vec<Problem>> {
    let scenario: Scenario = parse_ron(source).map_err(|p| vec![p])?;
    let problems = validate::validate(&scenario, source);
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(problems)
    }
}

pub fn load_scenario_file(path: &Path) -> Result<Scenario, Vec<Problem>> {
    let source = read_text(path).map_err(|p| vec![p])?;
    load_scenario_str(&source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_line_and_column_in_french() {
        let src = "Scenario(\n  id: \"x\",\n  titre: \"t\"\n  cabinet: ()\n)";
        let err = parse_ron::<Scenario>(src).unwrap_err();
        assert_eq!((err.line, err.col), (4, 3));
        assert!(
            err.message.contains("virgule") || err.message.contains("`)`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn unknown_field_lists_the_possible_ones() {
        let src = "Scenario(id: \"x\", titr: \"t\")";
        let err = parse_ron::<Scenario>(src).unwrap_err();
        assert!(
            err.message.contains("champ inconnu `titr`"),
            "{}",
            err.message
        );
        assert!(err.message.contains("`titre`"));
    }
}
