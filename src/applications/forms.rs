//! What the applicant's browser sends. The proposal form is also what a
//! draft stores (minus the CSRF token), so a draft reopens exactly as typed,
//! valid or not. Rows come as a fixed number of lines (works without
//! JavaScript); blank rows are ignored.

use std::collections::BTreeMap;

use rocket::form::FromForm;
use rocket::fs::TempFile;
use serde::{Deserialize, Serialize};

use crate::has_csrf;

pub const ACTIVITY_ROWS: usize = 6;
pub const RESULT_ROWS: usize = 6;
pub const BUDGET_ROWS: usize = 12;

pub type Rows<T> = BTreeMap<usize, T>;

#[derive(Debug, Clone, Default, FromForm, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ActivityRow {
    #[field(default = String::new())]
    pub name: String,
    #[field(default = String::new())]
    pub starts_on: String,
    #[field(default = String::new())]
    pub ends_on: String,
}

#[derive(Debug, Clone, Default, FromForm, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ResultRow {
    #[field(default = String::new())]
    pub result: String,
    #[field(default = String::new())]
    pub indicator: String,
    #[field(default = String::new())]
    pub target: String,
}

#[derive(Debug, Clone, Default, FromForm, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct BudgetRow {
    #[field(default = String::new())]
    pub item: String,
    #[field(default = String::new())]
    pub category: String,
    #[field(default = String::new())]
    pub unit: String,
    #[field(default = String::new())]
    pub quantity: String,
    #[field(default = String::new())]
    pub unit_price: String,
    #[field(default = String::new())]
    pub requested: String,
    #[field(default = String::new())]
    pub own: String,
}

impl ActivityRow {
    pub fn is_blank(&self) -> bool {
        [&self.name, &self.starts_on, &self.ends_on]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}
impl ResultRow {
    pub fn is_blank(&self) -> bool {
        [&self.result, &self.indicator, &self.target]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}
impl BudgetRow {
    pub fn is_blank(&self) -> bool {
        [
            &self.item,
            &self.unit,
            &self.quantity,
            &self.unit_price,
            &self.requested,
            &self.own,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// A proposal as typed.
#[derive(Debug, Clone, Default, FromForm, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ProposalInput {
    #[serde(skip)]
    #[field(default = String::new())]
    pub csrf_token: String,
    #[field(default = String::new())]
    pub title: String,
    #[field(default = String::new())]
    pub summary: String,
    #[field(default = String::new())]
    pub problem: String,
    #[field(default = String::new())]
    pub goals: String,
    #[field(default = String::new())]
    pub audience: String,
    #[field(default = String::new())]
    pub regions: String,
    /// The number (1-based) of the competition's priority it addresses.
    #[field(default = String::new())]
    pub priority: String,
    pub activities: Rows<ActivityRow>,
    pub results: Rows<ResultRow>,
    pub budget: Rows<BudgetRow>,
    pub no_double_funding: bool,
}

/// Starting a proposal: for which organization.
#[derive(Debug, FromForm)]
pub struct StartForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub organization_id: String,
}

/// One PDF for one required document (multipart).
#[derive(FromForm)]
pub struct UploadForm<'r> {
    pub csrf_token: String,
    /// Rocket gives no file for an empty upload (refused as empty) nor for
    /// one over its own `file` limit (a 413 error: refused as too large).
    pub file: rocket::form::Result<'r, TempFile<'r>>,
}

/// The organizer's admissibility decision.
#[derive(Debug, FromForm)]
pub struct DecisionForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub decision: String,
    #[field(default = String::new())]
    pub reason: String,
    #[field(default = String::new())]
    pub text: String,
}

/// Opening a correction window of N days.
#[derive(Debug, FromForm)]
pub struct CorrectionForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub days: String,
}

has_csrf!(
    ProposalInput,
    StartForm,
    UploadForm<'_>,
    DecisionForm,
    CorrectionForm
);
