//! The organizer's view of the review: counts per juror and per proposal
//! (never points: scoring is blind until the review closes), the COI
//! register, the count of unfinished scorings and reminders by e-mail.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;
use serde_json::json;

use super::assign::Mode;
use super::assign_db::mode_of;
use super::defence;
use super::model::{self, coi, Assignment, Juror};
use super::trail::{self, By};
use crate::competitions::input::kyiv_date_of;
use crate::competitions::{access as comp_access, service as comp_service, Actor, CompetitionId};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::{self, MailRenderer, OutgoingMail};

/// Scorings still owed by one assignment: undeclared or round 1 not
/// submitted counts one; with an open defence a missing round 2 one more.
fn owed(a: &Assignment, two_rounds: bool) -> i64 {
    if !coi::ON.contains(&a.coi.as_str()) {
        return 0;
    }
    let first = i64::from(a.submitted_at.is_none());
    let second = i64::from(two_rounds && a.round2_submitted_at.is_none());
    first + second
}

/// Unfinished scorings of a competition (`lifecycle::pending_reviews`).
pub fn pending_count(conn: &mut AnyConnection, c: &CompetitionId) -> AppResult<i64> {
    let two = defence::enabled(conn, c)?;
    Ok(model::assignments(conn, c)?
        .iter()
        .map(|a| owed(a, two))
        .sum())
}

#[derive(Debug, Clone, Serialize)]
pub struct JurorProgress {
    pub label_number: i32,
    pub full_name: String,
    pub role_key: String,
    pub assigned: usize,
    pub declared: usize,
    pub recused: usize,
    pub submitted: usize,
    pub unfinished: i64,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposalProgress {
    pub number: Option<String>,
    pub title: String,
    pub scorers: usize,
    pub submitted: usize,
    pub recusals: usize,
    /// k-mode: fewer scorers than k (a replacement was impossible).
    pub short: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Declaration {
    pub juror: String,
    pub label_number: i32,
    pub number: Option<String>,
    pub title: String,
    pub coi_key: String,
    pub comment: Option<String>,
    pub declared_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub jurors: Vec<JurorProgress>,
    pub proposals: Vec<ProposalProgress>,
    pub register: Vec<Declaration>,
    pub k: Option<usize>,
    pub review_until: String,
    pub unfinished: i64,
}

/// The progress page's data (the organizer of the competition only).
pub fn progress(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    c: &CompetitionId,
) -> AppResult<Progress> {
    comp_access::load_managed(conn, actor, c)?;
    let rules = comp_service::frozen(conn, c)?.rules;
    let two = rules.jury.open_defence;
    let past_due = chrono::NaiveDate::parse_from_str(&rules.schedule.review_until, "%Y-%m-%d")
        .is_ok_and(|d| kyiv_date_of(now) > d);
    let jurors: Vec<Juror> = model::jurors(conn, c)?;
    let rows = model::assignments(conn, c)?;
    let heads = model::admitted_heads(conn, c)?;
    let name_of: BTreeMap<_, _> = jurors.iter().map(|j| (j.id.clone(), j)).collect();
    let jp = jurors
        .iter()
        .filter(|j| j.is_accepted())
        .map(|j| {
            let mine: Vec<&Assignment> = rows.iter().filter(|a| a.juror_id == j.id).collect();
            let unfinished: i64 = mine.iter().map(|a| owed(a, two)).sum();
            JurorProgress {
                label_number: j.label_number,
                full_name: j.full_name.clone(),
                role_key: format!("review-role-{}", j.role),
                assigned: mine.len(),
                declared: mine.iter().filter(|a| a.coi != coi::PENDING).count(),
                recused: mine.iter().filter(|a| a.is_recused()).count(),
                submitted: mine.iter().filter(|a| a.submitted_at.is_some()).count(),
                unfinished,
                overdue: past_due && unfinished > 0,
            }
        })
        .collect();
    let k = match mode_of(&rules) {
        Mode::PerProposal(k) => Some(k),
        Mode::WholeJury => None,
    };
    let pp = heads
        .iter()
        .map(|h| {
            let on: Vec<&Assignment> = rows.iter().filter(|a| a.proposal_id == h.id).collect();
            let scorers = on.iter().filter(|a| !a.is_recused()).count();
            ProposalProgress {
                number: h.registration_number.clone(),
                title: h.title.clone(),
                scorers,
                submitted: on
                    .iter()
                    .filter(|a| !a.is_recused() && a.submitted_at.is_some())
                    .count(),
                recusals: on.iter().filter(|a| a.is_recused()).count(),
                short: k.filter(|&k| scorers < k).map(|k| k - scorers),
            }
        })
        .collect();
    let register = rows
        .iter()
        .filter(|a| a.coi != coi::PENDING)
        .filter_map(|a| {
            let j = name_of.get(&a.juror_id)?;
            let h = heads.iter().find(|h| h.id == a.proposal_id)?;
            Some(Declaration {
                juror: j.full_name.clone(),
                label_number: j.label_number,
                number: h.registration_number.clone(),
                title: h.title.clone(),
                coi_key: format!("review-coi-{}", a.coi),
                comment: a.coi_comment.clone(),
                declared_at: a.coi_declared_at,
            })
        })
        .collect();
    Ok(Progress {
        unfinished: rows.iter().map(|a| owed(a, two)).sum(),
        jurors: jp,
        proposals: pp,
        register,
        k,
        review_until: rules.schedule.review_until,
    })
}

/// Mails every juror with unfinished work; returns how many were mailed.
pub fn send_reminders(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    renderer: &MailRenderer,
    c: &CompetitionId,
) -> AppResult<usize> {
    let comp = comp_access::load_managed(conn, actor, c)?;
    super::review_state(conn, c)?;
    let p = progress(conn, now, actor, c)?;
    let mut sent = vec![];
    for j in model::jurors(conn, c)?
        .into_iter()
        .filter(Juror::is_accepted)
    {
        let Some(row) = p.jurors.iter().find(|r| r.label_number == j.label_number) else {
            continue;
        };
        if row.unfinished == 0 {
            continue;
        }
        let Some(user) = j.user_id.as_ref() else {
            continue;
        };
        let account = crate::accounts::model::find(conn, user)?.ok_or(AppError::NotFound)?;
        let lang = account.lang();
        let msg = OutgoingMail {
            to_address: account.email.clone(),
            to_name: Some(j.full_name.clone()),
            lang,
            template: "jury-reminder",
            data: json!({"name": j.full_name, "competition": comp.title(lang),
                         "unfinished": row.unfinished, "review_until": p.review_until,
                         "path": format!("/reviews/{c}")}),
        };
        mail::enqueue(conn, now, renderer, msg)?;
        sent.push(j.label_number);
    }
    let label = if actor.is_admin { "admin" } else { "organizer" };
    trail::record(
        conn,
        now,
        &By::user(&actor.user_id, label),
        "review.reminders_sent",
        ("competition", c.to_string()),
        c,
        json!({"jurors": sent}),
    )?;
    Ok(sent.len())
}
