//! A juror's affiliations: EDRPOU codes of organizations they work for,
//! govern or were paid by in the last two years, plus free text. The juror
//! confirms the list before the review can start; a code added during the
//! review recuses them from that applicant's open assignments at once.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::assign_db;
use super::ids::AffiliationId;
use super::model::{self, Juror, RELATIONS};
use super::trail::{self, By};
use crate::competitions::{model as comp_model, State};
use crate::db::schema::{juror_affiliations as ja, jurors as j};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::organizations::edrpou;
use crate::web::forms::FieldErrors;

pub const NOTE_MAX: usize = 500;
pub const FREE_TEXT_MAX: usize = 4_000;

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct AffiliationInput {
    pub edrpou: String,
    pub relation: String,
    pub note: String,
}

fn state_of(conn: &mut AnyConnection, juror: &Juror) -> AppResult<State> {
    Ok(comp_model::find(conn, &juror.competition_id)?
        .ok_or(AppError::NotFound)?
        .state)
}

/// Affiliations may change until the review ends (removal only before it).
fn open(state: State) -> bool {
    matches!(
        state,
        State::Announced | State::Admissibility | State::Review
    )
}

fn by(juror: &Juror) -> By<'_> {
    match &juror.user_id {
        Some(u) => By::user(u, "juror"),
        None => By::system(),
    }
}

/// Adds an affiliation; during the review, re-checks open assignments.
pub fn add(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    juror: &Juror,
    input: &AffiliationInput,
) -> AppResult<Result<(), FieldErrors>> {
    let state = state_of(conn, juror)?;
    if !open(state) {
        return Err(AppError::Conflict(
            "review-refused-affiliations-closed".into(),
        ));
    }
    let mut e = FieldErrors::new();
    let code = match edrpou::parse(&input.edrpou) {
        Ok(c) => Some(c.to_string()),
        Err(err) => {
            e.add("edrpou", err.message_key());
            None
        }
    };
    if !RELATIONS.contains(&input.relation.as_str()) {
        e.add("relation", "review-err-relation");
    }
    let note = input.note.trim();
    if note.chars().count() > NOTE_MAX {
        e.add_with(
            "note",
            "review-err-too-long",
            &[("max", NOTE_MAX.to_string())],
        );
    }
    if let Some(code) = &code {
        let known = model::affiliations(conn, &juror.id)?;
        if known.iter().any(|a| &a.edrpou == code) {
            e.add("edrpou", "review-err-affiliation-duplicate");
        }
    }
    let (Some(code), true) = (code, e.is_empty()) else {
        return Ok(Err(e));
    };
    let id = AffiliationId::new();
    diesel::insert_into(ja::table)
        .values((
            ja::id.eq(&id),
            ja::juror_id.eq(&juror.id),
            ja::edrpou.eq(&code),
            ja::relation.eq(&input.relation),
            ja::note.eq(note),
            ja::created_at.eq(now),
        ))
        .execute(conn)?;
    trail::record(
        conn,
        now,
        &by(juror),
        "jury.affiliation_added",
        ("juror", juror.id.to_string()),
        &juror.competition_id,
        json!({"affiliation_id": id, "edrpou": code, "relation": input.relation, "note": note,
               "during_review": state == State::Review}),
    )?;
    if state == State::Review {
        assign_db::recheck(conn, now, juror, &by(juror))?;
    }
    Ok(Ok(()))
}

/// Removes an affiliation (before the review starts only).
pub fn remove(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    juror: &Juror,
    id: &AffiliationId,
) -> AppResult<()> {
    if !matches!(
        state_of(conn, juror)?,
        State::Announced | State::Admissibility
    ) {
        return Err(AppError::Conflict(
            "review-refused-affiliation-remove-state".into(),
        ));
    }
    let n = diesel::delete(ja::table.find(id).filter(ja::juror_id.eq(&juror.id))).execute(conn)?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    trail::record(
        conn,
        now,
        &by(juror),
        "jury.affiliation_removed",
        ("juror", juror.id.to_string()),
        &juror.competition_id,
        json!({"affiliation_id": id}),
    )
}

/// Saves the free text and confirms the list as complete.
pub fn confirm(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    juror: &Juror,
    note: &str,
) -> AppResult<Result<(), FieldErrors>> {
    if !open(state_of(conn, juror)?) {
        return Err(AppError::Conflict(
            "review-refused-affiliations-closed".into(),
        ));
    }
    let note = note.trim();
    if note.chars().count() > FREE_TEXT_MAX {
        let mut e = FieldErrors::new();
        e.add_with(
            "affiliations_note",
            "review-err-too-long",
            &[("max", FREE_TEXT_MAX.to_string())],
        );
        return Ok(Err(e));
    }
    diesel::update(j::table.find(&juror.id))
        .set((
            j::affiliations_note.eq(note),
            j::affiliations_updated_at.eq(now),
        ))
        .execute(conn)?;
    let codes: Vec<String> = model::affiliations(conn, &juror.id)?
        .into_iter()
        .map(|a| a.edrpou)
        .collect();
    trail::record(
        conn,
        now,
        &by(juror),
        "jury.affiliations_confirmed",
        ("juror", juror.id.to_string()),
        &juror.competition_id,
        json!({"edrpou": codes, "note": note}),
    )?;
    if state_of(conn, juror)? == State::Review {
        let confirmed = model::juror(conn, &juror.id)?.ok_or(AppError::NotFound)?;
        super::assign_db::seat_late(conn, now, &confirmed)?;
    }
    Ok(Ok(()))
}
