//! Accepting a jury invitation: with the signed-in account of the invited
//! address, or by creating that account on the spot (the link itself
//! proves the address, so it is verified at once).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::jury::may_invite;
use super::model::{self, Juror};
use super::trail::{self, By};
use crate::accounts::forms::{check_new_password, NAME_MAX};
use crate::accounts::model::{self as accounts, NewUser, User};
use crate::audit::{self, NewEntry};
use crate::auth::password;
use crate::auth::secret::sha256_hex;
use crate::competitions::{model as comp_model, Competition, CompetitionId};
use crate::db::ids::UserId;
use crate::db::schema::jurors as j;
use crate::db::{AnyConnection, Db};
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;
use crate::web::lang::Lang;

/// Why an invitation link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Unknown,
    Expired,
    Used,
    /// The competition is past its review (or cancelled).
    Closed,
}

impl Problem {
    pub fn message_key(self) -> &'static str {
        match self {
            Problem::Unknown => "review-invitation-unknown",
            Problem::Expired => "review-invitation-expired",
            Problem::Used => "review-invitation-used",
            Problem::Closed => "review-invitation-closed",
        }
    }
}

#[derive(Debug)]
pub enum NotAccepted {
    Link(Problem),
    /// Signed in with an account whose address is not the invited one.
    WrongAccount,
    /// This account already sits on this competition's jury.
    AlreadyJuror,
}

/// The invitation and its competition, if the link is still usable.
pub fn usable(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    token: &str,
) -> AppResult<Result<(Juror, Competition), Problem>> {
    let Some(juror) = model::by_token_hash(conn, &sha256_hex(token.as_bytes()))? else {
        return Ok(Err(Problem::Unknown));
    };
    let c = comp_model::find(conn, &juror.competition_id)?.ok_or(AppError::NotFound)?;
    Ok(if juror.accepted_at.is_some() {
        Err(Problem::Used)
    } else if juror.expires_at <= now {
        Err(Problem::Expired)
    } else if !may_invite(&c) {
        Err(Problem::Closed)
    } else {
        Ok((juror, c))
    })
}

/// Accepts for a verified account of the invited address.
pub fn accept(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    user: &User,
    token: &str,
) -> AppResult<Result<CompetitionId, NotAccepted>> {
    if !user.is_verified() {
        return Err(AppError::Forbidden);
    }
    let juror = match usable(conn, now, token)? {
        Ok((juror, _)) => juror,
        Err(p) => return Ok(Err(NotAccepted::Link(p))),
    };
    if accounts::normalize_email(&user.email) != juror.email {
        return Ok(Err(NotAccepted::WrongAccount));
    }
    if model::juror_of(conn, &user.id, &juror.competition_id)?.is_some() {
        return Ok(Err(NotAccepted::AlreadyJuror));
    }
    let n = diesel::update(
        j::table
            .find(&juror.id)
            .filter(j::accepted_at.is_null())
            .filter(j::removed_at.is_null()),
    )
    .set((j::user_id.eq(&user.id), j::accepted_at.eq(now)))
    .execute(conn)?;
    if n != 1 {
        return Ok(Err(NotAccepted::Link(Problem::Used)));
    }
    trail::record(
        conn,
        now,
        &By::user(&user.id, "juror"),
        "jury.invitation_accepted",
        ("juror", juror.id.to_string()),
        &juror.competition_id,
        json!({"user_id": user.id, "role": juror.role, "label_number": juror.label_number}),
    )?;
    Ok(Ok(juror.competition_id))
}

#[derive(Debug)]
pub enum Registered {
    /// The new account (already a juror) and its competition.
    Done(UserId, CompetitionId),
    Invalid(FieldErrors),
    Link(Problem),
    /// An account with the invited address exists: sign in instead.
    HasAccount,
}

fn check(name: &str, pw: &str, email: &str) -> FieldErrors {
    let mut e = FieldErrors::new();
    let name = name.trim();
    if name.is_empty() {
        e.add("name", "name-required");
    } else if name.chars().count() > NAME_MAX {
        e.add("name", "name-too-long");
    }
    check_new_password(&mut e, "password", pw, &[email, name]);
    e
}

/// Creates the invited person's account (verified by the link) and accepts.
pub async fn register_and_accept(
    db: &Db,
    now: NaiveDateTime,
    token: String,
    name: String,
    pw: String,
    lang: Lang,
) -> AppResult<Registered> {
    let probe = token.clone();
    let email = match db.run(move |c| usable(c, now, &probe)).await? {
        Ok((juror, _)) => juror.email,
        Err(p) => return Ok(Registered::Link(p)),
    };
    let errors = check(&name, &pw, &email);
    if !errors.is_empty() {
        return Ok(Registered::Invalid(errors));
    }
    let hash = rocket::tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| AppError::internal(e.to_string()))??;
    db.write(move |c| {
        if accounts::email_taken(c, &email)? {
            return Ok(Registered::HasAccount);
        }
        let id = UserId::new();
        accounts::insert(
            c,
            NewUser {
                id: &id,
                email: &email,
                name: name.trim(),
                password_hash: &hash,
                lang: lang.code(),
                email_verified_at: Some(now),
                created_at: now,
                updated_at: now,
            },
        )?;
        let entry = NewEntry::new("account.registered", "user", Some(id.to_string()))
            .actor(Some(id.clone()), "user")
            .details(json!({"lang": lang.code(), "via": "jury_invitation"}));
        audit::record(c, now, entry)?;
        let user = accounts::find(c, &id)?.ok_or(AppError::NotFound)?;
        match accept(c, now, &user, &token)? {
            Ok(comp) => Ok(Registered::Done(id, comp)),
            // Roll the account back with the failed acceptance.
            Err(NotAccepted::Link(p)) => Err(AppError::Conflict(p.message_key().into())),
            Err(_) => Err(AppError::Conflict("review-invitation-used".into())),
        }
    })
    .await
}
