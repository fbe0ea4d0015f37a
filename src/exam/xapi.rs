//! The class's results as xAPI 1.0.3 statements, for a learning record store: two per result,
//! « completed » and « passed » or « failed », with the score, the success and the duration.

use super::collect::Accepted;
use super::file::ExamFile;
use super::result::ResultFile;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The home page of the candidates' accounts: ours, not a real site (`.invalid` is reserved).
pub const HOME_PAGE: &str = "https://secretariat.invalid/";
const VERBS: &str = "http://adlnet.gov/expapi/verbs/";
const LANGUAGE: &str = "fr-FR";

/// The statements of every accepted result, in the table's order.
pub fn statements(exam: &ExamFile, accepted: &[Accepted]) -> Vec<Value> {
    accepted
        .iter()
        .flat_map(|a| {
            let r = &a.result;
            let outcome = if r.report.validated {
                ("passed", "a réussi")
            } else {
                ("failed", "a échoué")
            };
            [
                statement(exam, r, ("completed", "a terminé")),
                statement(exam, r, outcome),
            ]
        })
        .collect()
}

/// Writes the statements as one JSON array.
pub fn write(path: &Path, exam: &ExamFile, accepted: &[Accepted]) -> Result<(), String> {
    let text = serde_json::to_string_pretty(&statements(exam, accepted))
        .expect("statements always serialise");
    std::fs::write(path, text)
        .map_err(|e| format!("{} : écriture impossible ({e})", path.display()))
}

fn statement(exam: &ExamFile, r: &ResultFile, (verb, display): (&str, &str)) -> Value {
    let verb_id = format!("{VERBS}{verb}");
    let overall = r.report.scores.overall.clamp(0.0, 100.0);
    let mut context = json!({
        "platform": "Secrétariat",
        "language": LANGUAGE,
        "contextActivities": {
            "grouping": [{
                "objectType": "Activity",
                "id": format!("urn:secretariat:examen:{}", iri_part(&exam.id)),
                "definition": { "name": { LANGUAGE: exam.title } },
            }],
        },
        "extensions": {
            format!("{HOME_PAGE}xapi/passage"): r.attempt,
            format!("{HOME_PAGE}xapi/simule"): r.simulated,
        },
    });
    // Both statements of one sitting share its registration, when the session id is a UUID.
    if uuid::Uuid::parse_str(&r.session_id).is_ok() {
        context["registration"] = json!(r.session_id);
    }
    let mut statement = json!({
        "id": statement_id(r, &verb_id),
        "actor": {
            "objectType": "Agent",
            "name": r.name,
            "account": { "homePage": HOME_PAGE, "name": account_name(r) },
        },
        "verb": { "id": verb_id, "display": { LANGUAGE: display } },
        "object": {
            "objectType": "Activity",
            "id": format!("urn:secretariat:scenario:{}", iri_part(&r.scenario_id)),
            "definition": {
                "name": { LANGUAGE: r.report.title },
                "type": "http://adlnet.gov/expapi/activities/simulation",
            },
        },
        "result": {
            "score": {
                "scaled": (overall / 100.0 * 1000.0).round() / 1000.0,
                "raw": overall,
                "min": 0,
                "max": 100,
            },
            "success": r.report.validated,
            "completion": true,
            "duration": duration(r.real_seconds),
        },
        "context": context,
        // The specification asks providers that set the version to write 1.0.0 (xAPI-Data 2.4.10):
        // every 1.0.x shares its data model; 1.0.3 is the specification these statements follow.
        "version": "1.0.0",
    });
    if let Some(stamp) = timestamp(r) {
        statement["timestamp"] = json!(stamp);
    }
    statement
}

/// The account's name: the group and the name, so that namesakes of two groups stay apart.
fn account_name(r: &ResultFile) -> String {
    if r.group.is_empty() {
        r.name.clone()
    } else {
        format!("{}/{}", r.group, r.name)
    }
}

/// A UUID in version 4's layout made from the sitting and the verb rather than drawn: collecting
/// the same results again gives the same ids, and a store that already has them does not count
/// a candidate twice.
fn statement_id(r: &ResultFile, verb_id: &str) -> String {
    let digest = Sha256::digest(format!("{}\n{verb_id}", r.session_id).as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// When the sitting ended, with milliseconds and the recorded offset.
fn timestamp(r: &ResultFile) -> Option<String> {
    let start = chrono::DateTime::parse_from_rfc3339(&r.started_at).ok()?;
    let end = start + chrono::Duration::milliseconds((r.real_seconds.max(0.0) * 1000.0) as i64);
    Some(end.to_rfc3339_opts(chrono::SecondsFormat::Millis, false))
}

/// An ISO 8601 duration to the hundredth of a second: `PT12M30S`, `PT1H2M3.5S`, `PT0S`.
pub fn duration(seconds: f64) -> String {
    let hundredths = (seconds.max(0.0) * 100.0).round() as u64;
    let (h, rest) = (hundredths / 360_000, hundredths % 360_000);
    let (m, s) = (rest / 6000, rest % 6000);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || (h == 0 && m == 0) {
        let whole = s / 100;
        match s % 100 {
            0 => out.push_str(&format!("{whole}S")),
            f if f % 10 == 0 => out.push_str(&format!("{whole}.{}S", f / 10)),
            f => out.push_str(&format!("{whole}.{f:02}S")),
        }
    }
    out
}

/// Text made safe inside a URN: unreserved characters kept, the rest percent-encoded.
fn iri_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(duration(0.0), "PT0S");
        assert_eq!(duration(750.0), "PT12M30S");
        assert_eq!(duration(3723.5), "PT1H2M3.5S");
        assert_eq!(duration(3600.0), "PT1H");
        assert_eq!(duration(61.25), "PT1M1.25S");
        assert_eq!(duration(-3.0), "PT0S");
    }

    #[test]
    fn urn_parts_keep_plain_ids_and_encode_the_rest() {
        assert_eq!(iri_part("exemple-v1"), "exemple-v1");
        assert_eq!(iri_part("é t"), "%C3%A9%20t");
    }
}
