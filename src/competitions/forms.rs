//! What the organizer's browser sends. The draft form is also what a draft
//! stores (minus the CSRF token), so an unfinished draft reopens exactly as
//! it was typed. Criteria and documents come as a fixed number of rows
//! (works without JavaScript); blank rows are ignored.

use std::collections::BTreeMap;

use rocket::form::FromForm;
use serde::{Deserialize, Serialize};

use crate::has_csrf;

/// Rows offered on the form (blank ones are ignored).
pub const DOCUMENT_ROWS: usize = 10;
pub const CRITERION_ROWS: usize = 8;

#[derive(Debug, Clone, Default, FromForm, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct DocumentRow {
    #[field(default = String::new())]
    pub name: String,
    #[field(default = String::new())]
    pub description: String,
    pub required: bool,
    #[field(default = String::new())]
    pub max_size_mb: String,
}

#[derive(Debug, Clone, Default, FromForm, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct CriterionRow {
    #[field(default = String::new())]
    pub name: String,
    #[field(default = String::new())]
    pub description: String,
    #[field(default = String::new())]
    pub max_points: String,
    #[field(default = String::new())]
    pub weight: String,
}

impl DocumentRow {
    pub fn is_blank(&self) -> bool {
        self.name.trim().is_empty() && self.description.trim().is_empty()
    }
}

impl CriterionRow {
    pub fn is_blank(&self) -> bool {
        self.name.trim().is_empty() && self.description.trim().is_empty()
    }
}

/// Rows by their index in the field names (`criteria[3].name`): a map, so
/// rows stay whole whatever order the fields arrive in.
pub type Rows<T> = BTreeMap<usize, T>;

/// Drops blank rows and numbers the rest 0, 1, 2, … in order.
fn renumber<T: Clone>(rows: &Rows<T>, blank: fn(&T) -> bool) -> Rows<T> {
    rows.values()
        .filter(|r| !blank(r))
        .cloned()
        .enumerate()
        .collect()
}

/// A competition draft as typed.
#[derive(Debug, Clone, FromForm, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct DraftInput {
    #[serde(skip)]
    #[field(default = String::new())]
    pub csrf_token: String,
    #[field(default = String::new())]
    pub title_uk: String,
    #[field(default = String::new())]
    pub title_en: String,
    #[field(default = String::new())]
    pub description_uk: String,
    #[field(default = String::new())]
    pub description_en: String,
    /// One priority per line.
    #[field(default = String::new())]
    pub priorities: String,
    #[field(default = String::new())]
    pub legal_order_number: String,
    #[field(default = String::new())]
    pub legal_order_date: String,
    pub org_forms: Vec<String>,
    #[field(default = String::new())]
    pub min_months_registered: String,
    #[field(default = String::new())]
    pub max_proposals_per_org: String,
    #[field(default = String::new())]
    pub fund: String,
    #[field(default = String::new())]
    pub cap: String,
    #[field(default = String::new())]
    pub min_own_contribution_percent: String,
    #[field(default = String::new())]
    pub opens_at: String,
    #[field(default = String::new())]
    pub closes_at: String,
    #[field(default = String::new())]
    pub review_from: String,
    #[field(default = String::new())]
    pub review_until: String,
    #[field(default = String::new())]
    pub results_on: String,
    pub documents: Rows<DocumentRow>,
    pub criteria: Rows<CriterionRow>,
    #[field(default = String::new())]
    pub pass_mark: String,
    #[field(default = String::new())]
    pub aggregation: String,
    #[field(default = String::new())]
    pub divergence_threshold: String,
    #[field(default = String::new())]
    pub tie_break: String,
    #[field(default = String::new())]
    pub when_next_does_not_fit: String,
    #[field(default = String::new())]
    pub jury_mode: String,
    #[field(default = String::new())]
    pub jurors_per_proposal: String,
    pub publish_juror_names: bool,
    pub publish_comments: bool,
    pub comments_required: bool,
    pub open_defence: bool,
}

has_csrf!(DraftInput);

impl Default for DraftInput {
    /// A new draft: the usual choices preselected.
    fn default() -> Self {
        DraftInput {
            csrf_token: String::new(),
            title_uk: String::new(),
            title_en: String::new(),
            description_uk: String::new(),
            description_en: String::new(),
            priorities: String::new(),
            legal_order_number: String::new(),
            legal_order_date: String::new(),
            org_forms: vec![],
            min_months_registered: "6".into(),
            max_proposals_per_org: "1".into(),
            fund: String::new(),
            cap: String::new(),
            min_own_contribution_percent: String::new(),
            opens_at: String::new(),
            closes_at: String::new(),
            review_from: String::new(),
            review_until: String::new(),
            results_on: String::new(),
            documents: Rows::new(),
            criteria: Rows::new(),
            pass_mark: String::new(),
            aggregation: "mean".into(),
            divergence_threshold: String::new(),
            tie_break: "criteria_in_order".into(),
            when_next_does_not_fit: "skip".into(),
            jury_mode: "whole_jury".into(),
            jurors_per_proposal: String::new(),
            publish_juror_names: true,
            publish_comments: true,
            comments_required: false,
            open_defence: false,
        }
    }
}

impl DraftInput {
    /// Drops blank rows and trims surrounding whitespace, as stored.
    pub fn normalized(&self) -> DraftInput {
        let mut d = self.clone();
        d.csrf_token.clear();
        d.documents = renumber(&d.documents, DocumentRow::is_blank);
        d.criteria = renumber(&d.criteria, CriterionRow::is_blank);
        for s in [
            &mut d.title_uk,
            &mut d.title_en,
            &mut d.legal_order_number,
            &mut d.fund,
            &mut d.cap,
        ] {
            *s = s.trim().to_string();
        }
        d.org_forms.sort();
        d.org_forms.dedup();
        d
    }

    /// Priorities, one per non-blank line.
    pub fn priority_lines(&self) -> Vec<String> {
        self.priorities
            .lines()
            .map(|l| l.trim().trim_start_matches(['-', '•', '*']).trim())
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// An amendment of an announced competition.
#[derive(Debug, Clone, FromForm, Serialize)]
pub struct AmendForm {
    #[serde(skip)]
    pub csrf_token: String,
    /// `extend_deadline`, `clarification` or `increase_fund`.
    #[field(default = String::new())]
    pub kind: String,
    #[field(default = String::new())]
    pub reason: String,
    #[field(default = String::new())]
    pub new_closes_at: String,
    #[field(default = String::new())]
    pub new_fund: String,
    #[field(default = String::new())]
    pub clarification: String,
}

/// Cancelling a competition: the reason is published.
#[derive(Debug, FromForm)]
pub struct CancelForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub reason: String,
}

has_csrf!(AmendForm, CancelForm);

impl AmendForm {
    pub fn blank(kind: super::amend::Kind) -> AmendForm {
        AmendForm {
            csrf_token: String::new(),
            kind: kind.code().into(),
            reason: String::new(),
            new_closes_at: String::new(),
            new_fund: String::new(),
            clarification: String::new(),
        }
    }
}
