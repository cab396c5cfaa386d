//! The JSON shapes the CLI prints with `--json`: the records' shapes
//! ([`crate::json`], shared with the JSON export) and the reports of the
//! CLI's own commands. Keys in snake case, members by login, money in
//! integer cents, dates in ISO 8601.

use serde::Serialize;

pub(crate) use crate::json::*;

/// What `cabinet import --json` prints: the report, each problem as a
/// code beside its English message.
pub(crate) fn import_json(r: &crate::transfer::ImportReport) -> serde_json::Value {
    use crate::transfer::RowProblem;
    let mut v = serde_json::to_value(r).unwrap_or_default();
    v["encoding"] = r.encoding.to_ascii_lowercase().into();
    if let Some(issues) = v.get_mut("issues").and_then(|i| i.as_array_mut()) {
        for (json, issue) in issues.iter_mut().zip(&r.issues) {
            json["problem"] = match &issue.problem {
                RowProblem::Rule(rule) => code(rule),
                other => code(other),
            }
            .into();
        }
    }
    v
}

/// What `cabinet check --json` prints.
#[derive(Debug, Serialize)]
pub(crate) struct CheckJson {
    pub(crate) file: std::path::PathBuf,
    /// `clean`, `repaired` or `damaged`.
    pub(crate) integrity: String,
    /// Why the file is damaged, in the storage layer's words.
    pub(crate) damage: Option<String>,
    pub(crate) healthy: bool,
    pub(crate) clients: usize,
    pub(crate) members: usize,
    pub(crate) history_entries: usize,
    pub(crate) problems: Vec<ProblemJson>,
}

/// One inconsistency `check` found.
#[derive(Debug, Serialize)]
pub(crate) struct ProblemJson {
    /// What kind of problem, e.g. `not-indexed`, `stale-row`.
    pub(crate) problem: String,
    /// The client concerned, when there is one.
    pub(crate) client: Option<u64>,
    /// The problem in English words.
    pub(crate) message: String,
}

impl CheckJson {
    pub(crate) fn new(r: &crate::api::CheckReport) -> Self {
        let damage = match &r.integrity {
            crate::api::Integrity::Damaged(reason) => Some(reason.clone()),
            _ => None,
        };
        CheckJson {
            file: r.file.clone(),
            integrity: code(&r.integrity),
            damage,
            healthy: r.is_healthy(),
            clients: r.clients,
            members: r.members,
            history_entries: r.history_entries,
            problems: r
                .problems
                .iter()
                .map(|p| {
                    let v = serde_json::to_value(p).unwrap_or_default();
                    let client = v
                        .as_object()
                        .and_then(|m| m.values().next())
                        .and_then(|inner| inner.get("client"))
                        .and_then(|c| c.as_u64());
                    ProblemJson {
                        problem: code(p),
                        client,
                        message: p.to_string(),
                    }
                })
                .collect(),
        }
    }
}

/// What `cabinet export --json` prints about the file it wrote.
#[derive(Debug, Serialize)]
pub(crate) struct ExportJson {
    /// `csv` or `json`.
    pub(crate) format: &'static str,
    pub(crate) clients: usize,
    pub(crate) path: std::path::PathBuf,
}

/// What `cabinet demo --json` prints.
#[derive(Debug, Serialize)]
pub(crate) struct DemoJson {
    pub(crate) clients: usize,
    pub(crate) members: usize,
    /// The admin you are in the demo firm, by login.
    pub(crate) admin: String,
}

/// A deactivated member, and the clients handed over first.
#[derive(Debug, Serialize)]
pub(crate) struct DeactivatedJson<'a> {
    #[serde(flatten)]
    pub(crate) member: MemberJson<'a>,
    pub(crate) clients_reassigned: usize,
    /// Who took them over, by login.
    pub(crate) reassigned_to: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_enum_values_are_kebab_case_codes() {
        assert_eq!(code(&crate::api::Integrity::Clean), "clean");
        assert_eq!(code(&crate::api::Integrity::Damaged("x".into())), "damaged");
    }
}
