//! What blocks submission: required fields, activities with dates, results
//! with indicators, the budget rules and the declaration. Never stops a
//! draft from being saved; the problems are shown next to the fields.

use chrono::NaiveDate;
use serde::Serialize;

use super::budget::{self, Line, Totals};
use super::forms::ProposalInput;
use crate::competitions::input::parse_date;
use crate::competitions::rules::RulesDoc;
use crate::web::forms::FieldErrors;

pub const TITLE_MAX: usize = 300;
pub const TEXT_MAX: usize = 10_000;

#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub result: String,
    pub indicator: String,
    pub target: String,
}

/// The proposal as it will be frozen (valid only when there are no errors).
#[derive(Debug, Clone)]
pub struct Checked {
    /// The priority it addresses: number (1-based) and text.
    pub priority: Option<(usize, String)>,
    pub activities: Vec<Activity>,
    pub results: Vec<Outcome>,
    pub lines: Vec<Line>,
    pub totals: Totals,
}

fn text(e: &mut FieldErrors, field: &str, value: &str, max: usize) {
    let v = value.trim();
    if v.is_empty() {
        e.add(field, "applications-err-required");
    } else if v.chars().count() > max {
        e.add_with(
            field,
            "applications-err-too-long",
            &[("max", max.to_string())],
        );
    }
}

fn date(e: &mut FieldErrors, field: String, s: &str) -> Option<NaiveDate> {
    let d = parse_date(s);
    if d.is_none() {
        e.add(&field, "applications-err-date-invalid");
    }
    d
}

/// The chosen priority: required whenever the competition lists any.
fn check_priority(
    e: &mut FieldErrors,
    chosen: &str,
    priorities: &[String],
) -> Option<(usize, String)> {
    if priorities.is_empty() {
        return None;
    }
    let chosen = chosen.trim();
    if chosen.is_empty() {
        e.add("priority", "applications-err-priority-required");
        return None;
    }
    match chosen.parse::<usize>() {
        Ok(n) if (1..=priorities.len()).contains(&n) => Some((n, priorities[n - 1].clone())),
        _ => {
            e.add("priority", "applications-err-priority-invalid");
            None
        }
    }
}

/// The requested total if the budget parses, whatever else is wrong (for
/// lists of drafts).
pub fn requested(input: &ProposalInput, rules: &RulesDoc) -> Option<i64> {
    let rows: Vec<_> = input
        .budget
        .iter()
        .filter(|(_, r)| !r.is_blank())
        .map(|(i, r)| (*i, r))
        .collect();
    let (_, t, be) = budget::check(&rows, rules.cap_per_proposal_kopiyky, None);
    be.is_empty().then_some(t.requested_kopiyky)
}

pub fn check(input: &ProposalInput, rules: &RulesDoc) -> (Checked, FieldErrors) {
    let mut e = FieldErrors::new();
    text(&mut e, "title", &input.title, TITLE_MAX);
    for (f, v) in [
        ("summary", &input.summary),
        ("problem", &input.problem),
        ("goals", &input.goals),
        ("audience", &input.audience),
        ("regions", &input.regions),
    ] {
        text(&mut e, f, v, TEXT_MAX);
    }
    let priority = check_priority(&mut e, &input.priority, &rules.priorities);
    let mut activities = vec![];
    for (i, a) in input.activities.iter().filter(|(_, a)| !a.is_blank()) {
        if a.name.trim().is_empty() {
            e.add(&format!("activities-{i}-name"), "applications-err-required");
        }
        let s = date(&mut e, format!("activities-{i}-starts_on"), &a.starts_on);
        let t = date(&mut e, format!("activities-{i}-ends_on"), &a.ends_on);
        if let (Some(s), Some(t)) = (s, t) {
            if t < s {
                e.add(
                    &format!("activities-{i}-ends_on"),
                    "applications-err-dates-order",
                );
            }
        }
        activities.push(Activity {
            name: a.name.trim().into(),
            starts_on: a.starts_on.trim().into(),
            ends_on: a.ends_on.trim().into(),
        });
    }
    if activities.is_empty() {
        e.add("activities", "applications-err-activities-empty");
    }
    let mut results = vec![];
    for (i, r) in input.results.iter().filter(|(_, r)| !r.is_blank()) {
        if r.result.trim().is_empty() {
            e.add(&format!("results-{i}-result"), "applications-err-required");
        }
        if r.indicator.trim().is_empty() {
            e.add(
                &format!("results-{i}-indicator"),
                "applications-err-indicator-required",
            );
        }
        results.push(Outcome {
            result: r.result.trim().into(),
            indicator: r.indicator.trim().into(),
            target: r.target.trim().into(),
        });
    }
    if results.is_empty() {
        e.add("results", "applications-err-results-empty");
    }
    let rows: Vec<_> = input
        .budget
        .iter()
        .filter(|(_, r)| !r.is_blank())
        .map(|(i, r)| (*i, r))
        .collect();
    let (lines, totals, be) = budget::check(
        &rows,
        rules.cap_per_proposal_kopiyky,
        rules.eligibility.min_own_contribution_percent,
    );
    e.extend(be);
    if !input.no_double_funding {
        e.add("no_double_funding", "applications-err-declaration");
    }
    (
        Checked {
            priority,
            activities,
            results,
            lines,
            totals,
        },
        e,
    )
}
