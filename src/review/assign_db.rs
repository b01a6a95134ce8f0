//! Assignment against the database: readiness to start the review, the
//! initial assignment inside `start_review`'s transaction, replacements
//! after a recusal, and the re-check when affiliations change mid-review.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use serde_json::json;

use super::assign::{self, Candidate, JurorIn, Kind, Mode};
use super::ids::JurorId;
use super::model::{self, coi, origin, Juror};
use super::trail::{self, By};
use crate::applications::ProposalId;
use crate::competitions::options::JuryMode;
use crate::competitions::rules::RulesDoc;
use crate::competitions::{service as comp_service, CompetitionId};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

pub fn mode_of(rules: &RulesDoc) -> Mode {
    match (&rules.jury.mode, rules.jury.jurors_per_proposal) {
        (JuryMode::PerProposal, Some(k)) if k > 0 => Mode::PerProposal(k as usize),
        _ => Mode::WholeJury,
    }
}

/// Refuses (a Fluent key) while the jury cannot start: no accepted
/// non-reserve juror, or an accepted juror who has not confirmed their
/// affiliations. Pending invitations are ignored.
pub fn check_ready(conn: &mut AnyConnection, c: &CompetitionId) -> AppResult<()> {
    let jurors = model::jurors(conn, c)?;
    let accepted: Vec<&Juror> = jurors.iter().filter(|j| j.is_accepted()).collect();
    if !accepted.iter().any(|j| !j.is_reserve()) {
        return Err(AppError::Conflict("review-refused-no-jurors".into()));
    }
    if accepted.iter().any(|j| j.affiliations_updated_at.is_none()) {
        return Err(AppError::Conflict(
            "review-refused-affiliations-unconfirmed".into(),
        ));
    }
    Ok(())
}

fn codes_by_juror(
    conn: &mut AnyConnection,
    c: &CompetitionId,
) -> AppResult<BTreeMap<JurorId, BTreeSet<String>>> {
    let mut m: BTreeMap<JurorId, BTreeSet<String>> = BTreeMap::new();
    for (j, code) in model::affiliation_codes(conn, c)? {
        m.entry(j).or_default().insert(code);
    }
    Ok(m)
}

/// The initial assignment (in the caller's transaction, right after the
/// competition entered `review`).
pub fn run_at_start(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    c: &CompetitionId,
    by: &By<'_>,
) -> AppResult<()> {
    let rules = comp_service::frozen(conn, c)?.rules;
    let mode = mode_of(&rules);
    let jurors: Vec<Juror> = model::jurors(conn, c)?
        .into_iter()
        .filter(Juror::is_ready)
        .collect();
    let codes = codes_by_juror(conn, c)?;
    let input: Vec<JurorIn> = jurors
        .iter()
        .map(|j| JurorIn {
            label: j.label_number,
            reserve: j.is_reserve(),
            edrpous: codes.get(&j.id).cloned().unwrap_or_default(),
        })
        .collect();
    let heads = model::admitted_heads(conn, c)?;
    let edrpous: Vec<String> = heads.iter().map(|h| h.edrpou.clone()).collect();
    let plan = assign::plan(mode, &input, &edrpous);
    for row in &plan.rows {
        let kind = match row.kind {
            Kind::Assigned => coi::PENDING,
            Kind::Auto => coi::AUTO,
        };
        model::insert_assignment(
            conn,
            now,
            c,
            &jurors[row.juror].id,
            &heads[row.proposal].id,
            origin::INITIAL,
            kind,
        )?;
    }
    let auto = plan.rows.iter().filter(|r| r.kind == Kind::Auto).count();
    let short: Vec<_> = plan
        .short
        .iter()
        .map(|(p, n)| json!({"proposal_id": heads[*p].id, "scorers": n}))
        .collect();
    trail::record(
        conn,
        now,
        by,
        "review.assigned",
        ("competition", c.to_string()),
        c,
        json!({"mode": match mode { Mode::WholeJury => "whole_jury".to_string(), Mode::PerProposal(k) => format!("{k}_per_proposal") },
               "jurors": jurors.len(), "proposals": heads.len(),
               "assignments": plan.rows.len() - auto, "auto_recusals": auto, "short": short}),
    )
}

/// A whole-jury member who confirms their affiliations after the review
/// started scores every admitted proposal too (recused automatically where
/// an affiliation matches). Nothing happens in k-mode (late jurors serve as
/// replacements there), for reserves, or when already assigned.
pub fn seat_late(conn: &mut AnyConnection, now: NaiveDateTime, juror: &Juror) -> AppResult<usize> {
    let c = &juror.competition_id;
    let rules = comp_service::frozen(conn, c)?.rules;
    if mode_of(&rules) != Mode::WholeJury || juror.is_reserve() || !juror.is_ready() {
        return Ok(0);
    }
    if !model::assignments_of(conn, &juror.id)?.is_empty() {
        return Ok(0);
    }
    let codes: BTreeSet<String> = model::affiliations(conn, &juror.id)?
        .into_iter()
        .map(|a| a.edrpou)
        .collect();
    let heads = model::admitted_heads(conn, c)?;
    for h in &heads {
        let kind = if codes.contains(&h.edrpou) {
            coi::AUTO
        } else {
            coi::PENDING
        };
        model::insert_assignment(conn, now, c, &juror.id, &h.id, origin::LATE, kind)?;
    }
    let auto = heads.iter().filter(|h| codes.contains(&h.edrpou)).count();
    trail::record(
        conn,
        now,
        &By::user(juror.user_id.as_ref().ok_or(AppError::NotFound)?, "juror"),
        "review.assigned_late",
        ("juror", juror.id.to_string()),
        c,
        json!({"label_number": juror.label_number, "assignments": heads.len() - auto, "auto_recusals": auto}),
    )?;
    Ok(heads.len())
}

/// After a recusal on `proposal` in k-mode: assigns a replacement if one
/// is available. Returns whether one was assigned (`None` for a whole
/// jury, where nobody replaces anybody).
pub fn replace(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    c: &CompetitionId,
    proposal: &ProposalId,
    by: &By<'_>,
) -> AppResult<Option<bool>> {
    let rules = comp_service::frozen(conn, c)?.rules;
    if mode_of(&rules) == Mode::WholeJury {
        return Ok(None);
    }
    let head = model::head(conn, proposal)?.ok_or(AppError::NotFound)?;
    let jurors: Vec<Juror> = model::jurors(conn, c)?
        .into_iter()
        .filter(Juror::is_ready)
        .collect();
    let codes = codes_by_juror(conn, c)?;
    let rows = model::assignments(conn, c)?;
    let candidates: Vec<Candidate> = jurors
        .iter()
        .map(|j| Candidate {
            label: j.label_number,
            reserve: j.is_reserve(),
            load: rows
                .iter()
                .filter(|a| a.juror_id == j.id && coi::ON.contains(&a.coi.as_str()))
                .count(),
            already_on: rows
                .iter()
                .any(|a| a.juror_id == j.id && &a.proposal_id == proposal),
            conflicted: codes.get(&j.id).is_some_and(|s| s.contains(&head.edrpou)),
        })
        .collect();
    let picked = assign::pick_replacement(&candidates);
    let details = match picked {
        Some(i) => {
            let j = &jurors[i];
            model::insert_assignment(
                conn,
                now,
                c,
                &j.id,
                proposal,
                origin::REPLACEMENT,
                coi::PENDING,
            )?;
            json!({"proposal_id": proposal, "juror_id": j.id, "label_number": j.label_number})
        }
        None => json!({"proposal_id": proposal}),
    };
    let action = if picked.is_some() {
        "review.replacement_assigned"
    } else {
        "review.replacement_impossible"
    };
    trail::record(
        conn,
        now,
        by,
        action,
        ("proposal", proposal.to_string()),
        c,
        details,
    )?;
    Ok(Some(picked.is_some()))
}

/// A juror's affiliations changed during the review: every open
/// assignment (not submitted, not recused) whose applicant's EDRPOU is now
/// among them becomes an automatic recusal and is replaced.
pub fn recheck(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    juror: &Juror,
    by: &By<'_>,
) -> AppResult<usize> {
    let codes: BTreeSet<String> = model::affiliations(conn, &juror.id)?
        .into_iter()
        .map(|a| a.edrpou)
        .collect();
    let mut recused = 0;
    for a in model::assignments_of(conn, &juror.id)? {
        if a.submitted_at.is_some() || !coi::ON.contains(&a.coi.as_str()) {
            continue;
        }
        let Some(head) = model::head(conn, &a.proposal_id)? else {
            continue;
        };
        if !codes.contains(&head.edrpou) {
            continue;
        }
        if model::set_coi(conn, now, &a.id, &coi::ON, coi::AUTO, None)? == 1 {
            recused += 1;
            trail::record(
                conn,
                now,
                by,
                "review.auto_recused",
                ("assignment", a.id.to_string()),
                &juror.competition_id,
                json!({"proposal_id": a.proposal_id, "juror_id": juror.id, "edrpou": head.edrpou}),
            )?;
            replace(conn, now, &juror.competition_id, &a.proposal_id, by)?;
        }
    }
    Ok(recused)
}
