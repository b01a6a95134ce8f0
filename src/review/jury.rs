//! The jury: the organizer invites jurors by e-mail (single-use link that
//! expires; only its hash is stored), removes them before the review, and
//! an invited person accepts with the account of the invited address
//! (`invitation.rs` covers acceptance).

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde_json::json;

use super::ids::JurorId;
use super::model::{self, ROLES};
use super::trail::{self, By};
use crate::accounts::forms::check_email;
use crate::accounts::model::{self as accounts, normalize_email};
use crate::auth::secret::{random_token, sha256_hex};
use crate::competitions::{access as comp_access, Actor, Competition, CompetitionId, State};
use crate::db::schema::{juror_affiliations as ja, jurors as j};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::{self, MailRenderer, OutgoingMail};
use crate::web::format::kyiv_datetime;
use crate::web::forms::FieldErrors;
use crate::web::lang::Lang;

pub const NAME_MAX: usize = 200;

/// How long an invitation link works.
pub fn lifetime() -> Duration {
    Duration::days(14)
}

/// Jurors may be invited until the review ends.
pub fn may_invite(c: &Competition) -> bool {
    matches!(
        c.state,
        State::Announced | State::Admissibility | State::Review
    )
}

/// Jurors may be removed only before the review starts.
pub fn may_remove(c: &Competition) -> bool {
    matches!(c.state, State::Announced | State::Admissibility)
}

/// What the organizer typed (also echoed back into the form).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct InviteInput {
    pub email: String,
    pub full_name: String,
    pub role: String,
}

fn label(actor: &Actor) -> &'static str {
    if actor.is_admin {
        "admin"
    } else {
        "organizer"
    }
}

fn check(input: &InviteInput) -> FieldErrors {
    let mut e = FieldErrors::new();
    check_email(&mut e, "email", &input.email);
    let name = input.full_name.trim();
    if name.is_empty() {
        e.add("full_name", "review-err-name-required");
    } else if name.chars().count() > NAME_MAX {
        e.add_with(
            "full_name",
            "review-err-too-long",
            &[("max", NAME_MAX.to_string())],
        );
    }
    if !ROLES.contains(&input.role.as_str()) {
        e.add("role", "review-err-role");
    }
    e
}

/// Invites a juror and queues the invitation mail.
pub fn invite(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    renderer: &MailRenderer,
    id: &CompetitionId,
    input: &InviteInput,
    lang: Lang,
) -> AppResult<Result<JurorId, FieldErrors>> {
    let c = comp_access::load_managed(conn, actor, id)?;
    if !may_invite(&c) {
        return Err(AppError::Conflict("review-refused-invite-state".into()));
    }
    let mut errors = check(input);
    let email = normalize_email(&input.email);
    let taken: i64 = j::table
        .filter(j::competition_id.eq(id))
        .filter(j::email.eq(&email))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        errors.add("email", "review-err-already-invited");
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let max: Option<i32> = j::table
        .filter(j::competition_id.eq(id))
        .select(diesel::dsl::max(j::label_number))
        .first(conn)?;
    let token = random_token();
    let juror = JurorId::new();
    let name = input.full_name.trim();
    let label_number = max.unwrap_or(0) + 1;
    diesel::insert_into(j::table)
        .values((
            j::id.eq(&juror),
            j::competition_id.eq(id),
            j::email.eq(&email),
            j::full_name.eq(name),
            j::role.eq(&input.role),
            j::label_number.eq(label_number),
            j::token_hash.eq(sha256_hex(token.as_bytes())),
            j::invited_by.eq(&actor.user_id),
            j::invited_at.eq(now),
            j::expires_at.eq(now + lifetime()),
            j::affiliations_note.eq(""),
        ))
        .execute(conn)?;
    let inviter = accounts::find(conn, &actor.user_id)?
        .map(|u| u.name)
        .unwrap_or_default();
    let recipient_lang = accounts::find_by_email(conn, &email)?
        .map(|u| u.lang())
        .unwrap_or(lang);
    let msg = OutgoingMail {
        to_address: email.clone(),
        to_name: Some(name.to_string()),
        lang: recipient_lang,
        template: "jury-invitation",
        data: json!({"name": name, "competition": c.title(recipient_lang), "inviter": inviter,
                     "role_key": format!("review-role-{}", input.role), "token": token,
                     "expires": kyiv_datetime(now + lifetime())}),
    };
    mail::enqueue(conn, now, renderer, msg)?;
    trail::record(
        conn,
        now,
        &By::user(&actor.user_id, label(actor)),
        "jury.invited",
        ("juror", juror.to_string()),
        id,
        json!({"email": email, "full_name": name, "role": input.role, "label_number": label_number}),
    )?;
    Ok(Ok(juror))
}

/// Removes a juror (or withdraws an invitation) before the review starts.
/// The row goes; later jurors' label numbers close the gap, so labels stay
/// 1..n in invitation order.
pub fn remove(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
    juror: &JurorId,
) -> AppResult<()> {
    let c = comp_access::load_managed(conn, actor, id)?;
    let row = model::juror(conn, juror)?
        .filter(|r| &r.competition_id == id)
        .ok_or(AppError::NotFound)?;
    if !may_remove(&c) {
        return Err(AppError::Conflict("review-refused-remove-state".into()));
    }
    diesel::delete(ja::table.filter(ja::juror_id.eq(juror))).execute(conn)?;
    diesel::delete(j::table.find(juror)).execute(conn)?;
    let later: Vec<(JurorId, i32)> = j::table
        .filter(j::competition_id.eq(id))
        .filter(j::label_number.gt(row.label_number))
        .order(j::label_number.asc())
        .select((j::id, j::label_number))
        .load(conn)?;
    for (other, n) in later {
        diesel::update(j::table.find(&other))
            .set(j::label_number.eq(n - 1))
            .execute(conn)?;
    }
    trail::record(
        conn,
        now,
        &By::user(&actor.user_id, label(actor)),
        "jury.removed",
        ("juror", juror.to_string()),
        id,
        json!({"email": row.email, "full_name": row.full_name, "role": row.role,
               "accepted": row.accepted_at.is_some()}),
    )
}
