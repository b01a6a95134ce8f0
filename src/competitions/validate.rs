//! Checks a draft field by field. Saving a draft only refuses what is
//! wrong (a blank field may be filled in later); announcing also requires
//! everything an applicant and the jury need. Each problem gets its own
//! message on its own field.

use chrono::{NaiveDate, NaiveDateTime};

use self::checker::Checker;
use self::rows::{check_criteria, check_documents};
use super::forms::DraftInput;
use super::input;
use super::options::{Aggregation, JuryMode, OrgForm, TieBreak, WhenShort};
use crate::web::forms::FieldErrors;

pub const TITLE_MAX: usize = 300;
pub const DESCRIPTION_MAX: usize = 20_000;
pub const PRIORITIES_MAX: usize = 20;
pub const LINE_MAX: usize = 500;
pub const NAME_MAX: usize = 200;
pub const ROW_DESCRIPTION_MAX: usize = 2_000;
pub const MAX_FILE_MB: i64 = 64;
/// Bound for point values typed before the criteria are complete.
const SCORE_LIMIT: i64 = 1_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Saving a draft: blanks allowed (except the title), mistakes not.
    Draft,
    /// Announcing: complete and consistent.
    Announce,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckedDocument {
    pub name: String,
    pub description: String,
    pub required: bool,
    pub max_size_mb: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckedCriterion {
    pub name: String,
    pub description: String,
    pub max_points: Option<i64>,
    pub weight: Option<i64>,
}

/// A draft's values in their types; `None` where blank (or wrong).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Checked {
    pub title_uk: String,
    pub title_en: Option<String>,
    pub description_uk: Option<String>,
    pub description_en: Option<String>,
    pub priorities: Vec<String>,
    pub order_number: Option<String>,
    pub order_date: Option<NaiveDate>,
    pub org_forms: Vec<OrgForm>,
    pub min_months: Option<i64>,
    pub max_proposals: Option<i64>,
    pub fund: Option<i64>,
    pub cap: Option<i64>,
    pub own_percent: Option<i64>,
    pub opens_at: Option<NaiveDateTime>,
    pub closes_at: Option<NaiveDateTime>,
    pub review_from: Option<NaiveDate>,
    pub review_until: Option<NaiveDate>,
    pub results_on: Option<NaiveDate>,
    pub documents: Vec<CheckedDocument>,
    pub criteria: Vec<CheckedCriterion>,
    pub pass_mark: Option<i64>,
    pub aggregation: Option<Aggregation>,
    pub divergence: Option<i64>,
    pub tie_break: Option<TieBreak>,
    pub when_short: Option<WhenShort>,
    pub jury_mode: Option<JuryMode>,
    pub jurors_per_proposal: Option<i64>,
    pub publish_juror_names: bool,
    pub publish_comments: bool,
    pub comments_required: bool,
    pub open_defence: bool,
}

impl Checked {
    /// The highest weighted total a juror can give (Σ max points × weight),
    /// when every criterion is complete.
    pub fn max_total(&self) -> Option<i64> {
        if self.criteria.is_empty() {
            return None;
        }
        self.criteria
            .iter()
            .map(|c| Some(c.max_points? * c.weight?))
            .sum()
    }
}

/// Field id of a row's input (`documents-0-name`), also the anchor the
/// error summary links to.
pub fn row_field(list: &str, i: usize, field: &str) -> String {
    format!("{list}-{i}-{field}")
}

/// Checks a draft. `today` is the Kyiv date (an order cannot be dated later);
/// `now` matters only when announcing (the deadline must be ahead).
pub fn check(
    d: &DraftInput,
    today: NaiveDate,
    now: NaiveDateTime,
    mode: Mode,
) -> (Checked, FieldErrors) {
    let mut k = Checker {
        errors: FieldErrors::new(),
        strict: mode == Mode::Announce,
    };
    let mut c = Checked {
        publish_juror_names: d.publish_juror_names,
        publish_comments: d.publish_comments,
        comments_required: d.comments_required,
        open_defence: d.open_defence,
        ..Default::default()
    };
    // The title is needed even for a draft: it names it on the dashboard.
    let title = d.title_uk.trim();
    if title.is_empty() {
        k.errors
            .add("title_uk", "competitions-err-title-uk-required");
    }
    c.title_uk = k
        .text(
            "title_uk",
            title,
            TITLE_MAX,
            "competitions-err-title-uk-required",
        )
        .unwrap_or_default();
    c.title_en = k.optional_text("title_en", &d.title_en, TITLE_MAX);
    c.description_uk = k.text(
        "description_uk",
        &d.description_uk,
        DESCRIPTION_MAX,
        "competitions-err-description-uk-required",
    );
    c.description_en = k.optional_text("description_en", &d.description_en, DESCRIPTION_MAX);
    check_priorities(&mut k, &mut c, d);
    check_eligibility(&mut k, &mut c, d, today);
    check_money(&mut k, &mut c, d);
    check_dates(&mut k, &mut c, d, now, mode);
    check_documents(&mut k, &mut c, &d.documents);
    check_criteria(&mut k, &mut c, &d.criteria);
    check_scoring(&mut k, &mut c, d);
    (c, k.errors)
}

fn check_priorities(k: &mut Checker, c: &mut Checked, d: &DraftInput) {
    let lines = d.priority_lines();
    if lines.is_empty() {
        k.blank("priorities", "competitions-err-priorities-required");
    } else if lines.len() > PRIORITIES_MAX {
        k.errors.add_with(
            "priorities",
            "competitions-err-priorities-too-many",
            &[("max", PRIORITIES_MAX.to_string())],
        );
    } else if lines.iter().any(|l| l.chars().count() > LINE_MAX) {
        k.errors.add_with(
            "priorities",
            "competitions-err-priority-too-long",
            &[("max", LINE_MAX.to_string())],
        );
    } else {
        c.priorities = lines;
    }
}

fn check_eligibility(k: &mut Checker, c: &mut Checked, d: &DraftInput, today: NaiveDate) {
    c.order_number = k.text(
        "legal_order_number",
        &d.legal_order_number,
        100,
        "competitions-err-order-number-required",
    );
    c.order_date = k.date(
        "legal_order_date",
        &d.legal_order_date,
        "competitions-err-order-date-required",
    );
    if c.order_date.is_some_and(|od| od > today) {
        k.errors
            .add("legal_order_date", "competitions-err-order-date-future");
        c.order_date = None;
    }
    let forms: Vec<_> = d.org_forms.iter().map(|f| OrgForm::parse(f)).collect();
    if forms.iter().any(Option::is_none) {
        k.errors
            .add("org_forms", "competitions-err-org-forms-required");
    } else if forms.is_empty() {
        k.blank("org_forms", "competitions-err-org-forms-required");
    } else {
        c.org_forms = forms.into_iter().flatten().collect();
    }
    c.min_months = k.int(
        "min_months_registered",
        &d.min_months_registered,
        0..=120,
        "competitions-err-min-months-required",
        "competitions-err-min-months-invalid",
    );
    c.max_proposals = k.int(
        "max_proposals_per_org",
        &d.max_proposals_per_org,
        1..=20,
        "competitions-err-max-proposals-required",
        "competitions-err-max-proposals-invalid",
    );
    if !d.min_own_contribution_percent.trim().is_empty() {
        c.own_percent = k.int(
            "min_own_contribution_percent",
            &d.min_own_contribution_percent,
            0..=99,
            "",
            "competitions-err-own-percent-invalid",
        );
    }
}

fn check_money(k: &mut Checker, c: &mut Checked, d: &DraftInput) {
    c.fund = k.money("fund", &d.fund, "competitions-err-fund-required");
    c.cap = k.money("cap", &d.cap, "competitions-err-cap-required");
    if let (Some(fund), Some(cap)) = (c.fund, c.cap) {
        if cap > fund {
            k.errors.add("cap", "competitions-err-cap-above-fund");
            c.cap = None;
        }
    }
}

fn check_dates(k: &mut Checker, c: &mut Checked, d: &DraftInput, now: NaiveDateTime, mode: Mode) {
    c.opens_at = k.instant("opens_at", &d.opens_at, "competitions-err-opens-required");
    c.closes_at = k.instant(
        "closes_at",
        &d.closes_at,
        "competitions-err-closes-required",
    );
    if let (Some(o), Some(cl)) = (c.opens_at, c.closes_at) {
        if cl <= o {
            k.errors
                .add("closes_at", "competitions-err-closes-before-opens");
            c.closes_at = None;
        }
    }
    if mode == Mode::Announce && c.closes_at.is_some_and(|cl| cl <= now) {
        k.errors.add("closes_at", "competitions-err-closes-in-past");
        c.closes_at = None;
    }
    c.review_from = k.date(
        "review_from",
        &d.review_from,
        "competitions-err-review-from-required",
    );
    c.review_until = k.date(
        "review_until",
        &d.review_until,
        "competitions-err-review-until-required",
    );
    c.results_on = k.date(
        "results_on",
        &d.results_on,
        "competitions-err-results-on-required",
    );
    if let (Some(from), Some(cl)) = (c.review_from, c.closes_at) {
        if from < input::kyiv_date_of(cl) {
            k.errors
                .add("review_from", "competitions-err-review-before-deadline");
        }
    }
    if let (Some(from), Some(until)) = (c.review_from, c.review_until) {
        if until < from {
            k.errors
                .add("review_until", "competitions-err-review-until-before-from");
        }
    }
    if let (Some(until), Some(res)) = (c.review_until, c.results_on) {
        if res < until {
            k.errors
                .add("results_on", "competitions-err-results-before-review");
        }
    }
}

fn check_scoring(k: &mut Checker, c: &mut Checked, d: &DraftInput) {
    let max_total = c.max_total();
    c.aggregation = k.choice(
        "aggregation",
        &d.aggregation,
        Aggregation::parse,
        "competitions-err-aggregation-required",
    );
    c.pass_mark = k.int(
        "pass_mark",
        &d.pass_mark,
        0..=SCORE_LIMIT,
        "competitions-err-pass-mark-required",
        "competitions-err-pass-mark-invalid",
    );
    c.divergence = k.int(
        "divergence_threshold",
        &d.divergence_threshold,
        1..=SCORE_LIMIT,
        "competitions-err-divergence-required",
        "competitions-err-divergence-invalid",
    );
    if let Some(max) = max_total {
        let over = [("max", max.to_string())];
        // A sum of several jurors' totals may exceed one juror's maximum.
        let summed = c.aggregation == Some(Aggregation::Sum);
        if !summed && c.pass_mark.is_some_and(|p| p > max) {
            k.errors
                .add_with("pass_mark", "competitions-err-pass-mark-above-max", &over);
            c.pass_mark = None;
        }
        if c.divergence.is_some_and(|v| v > max) {
            k.errors.add_with(
                "divergence_threshold",
                "competitions-err-divergence-above-max",
                &over,
            );
            c.divergence = None;
        }
    }
    c.tie_break = k.choice(
        "tie_break",
        &d.tie_break,
        TieBreak::parse,
        "competitions-err-tie-break-required",
    );
    c.when_short = k.choice(
        "when_next_does_not_fit",
        &d.when_next_does_not_fit,
        WhenShort::parse,
        "competitions-err-when-short-required",
    );
    c.jury_mode = k.choice(
        "jury_mode",
        &d.jury_mode,
        JuryMode::parse,
        "competitions-err-jury-mode-required",
    );
    if c.jury_mode == Some(JuryMode::PerProposal) {
        c.jurors_per_proposal = k.int(
            "jurors_per_proposal",
            &d.jurors_per_proposal,
            1..=50,
            "competitions-err-jurors-required",
            "competitions-err-jurors-invalid",
        );
        // Dropping the highest and the lowest total needs a third one.
        if c.aggregation == Some(Aggregation::TrimmedMean)
            && c.jurors_per_proposal.is_some_and(|n| n < 3)
        {
            k.errors.add(
                "jurors_per_proposal",
                "competitions-err-trimmed-needs-three",
            );
        }
    }
}

mod checker;
mod rows;

#[cfg(test)]
pub(crate) mod tests;
