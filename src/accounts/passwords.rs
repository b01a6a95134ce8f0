//! Password reset by e-mail link and password change; both end every
//! session of the account.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::forms::ChangePasswordForm;
use super::model::{self, User};
use super::service::{hash_password, log, send, verify_password};
use crate::auth::session;
use crate::auth::tokens::{self, Purpose, TokenProblem};
use crate::db::ids::UserId;
use crate::db::{AnyConnection, Db};
use crate::error::AppResult;
use crate::mail::MailRenderer;
use crate::web::forms::FieldErrors;

/// Queues a reset link if the address has an account; says nothing either
/// way, so the form cannot be used to find out who has an account.
pub async fn request_reset(
    db: &Db,
    mailer: Arc<MailRenderer>,
    now: NaiveDateTime,
    email: &str,
) -> AppResult<()> {
    let email = model::normalize_email(email);
    db.write(move |c| {
        if let Some(user) = model::find_by_email(c, &email)? {
            let token = tokens::issue(c, now, &user.id, Purpose::ResetPassword)?;
            send(c, now, &mailer, &user, "reset", &token)?;
            log(
                c,
                now,
                "account.password_reset_requested",
                &user.id,
                None,
                serde_json::json!({}),
            )?;
        }
        Ok(())
    })
    .await
}

/// Is this reset link still usable (for showing the form)?
pub async fn check_reset(
    db: &Db,
    now: NaiveDateTime,
    token: String,
) -> AppResult<Result<(), TokenProblem>> {
    db.run(move |c| Ok(tokens::check(c, now, &token, Purpose::ResetPassword)?.map(|_| ())))
        .await
}

/// Sets a new password from a reset link; every session of the account ends.
pub async fn reset_password(
    db: &Db,
    now: NaiveDateTime,
    token: String,
    new_password: &str,
) -> AppResult<Result<UserId, ResetRefusal>> {
    let t = token.clone();
    let user = match db
        .run(move |c| Ok(tokens::check(c, now, &t, Purpose::ResetPassword)?))
        .await?
    {
        Ok((_, user)) => user,
        Err(p) => return Ok(Err(ResetRefusal::Token(p))),
    };
    let u = user.clone();
    let Some(account) = db.run(move |c| Ok(model::find(c, &u)?)).await? else {
        return Ok(Err(ResetRefusal::Token(TokenProblem::Unknown)));
    };
    let mut errors = FieldErrors::new();
    crate::accounts::forms::check_new_password(
        &mut errors,
        "password",
        new_password,
        &[&account.email, &account.name],
    );
    if !errors.is_empty() {
        return Ok(Err(ResetRefusal::Fields(errors)));
    }
    let hash = hash_password(new_password.to_string()).await?;
    db.write(move |c| {
        if let Err(p) = tokens::consume(c, now, &token, Purpose::ResetPassword)? {
            return Ok(Err(ResetRefusal::Token(p)));
        }
        set_password(c, now, &user, &hash)?;
        log(
            c,
            now,
            "account.password_reset",
            &user,
            Some(&user),
            serde_json::json!({}),
        )?;
        // Whoever reset it has shown control of the mailbox.
        use crate::db::schema::users;
        use diesel::prelude::*;
        diesel::update(
            users::table
                .find(&user)
                .filter(users::email_verified_at.is_null()),
        )
        .set(users::email_verified_at.eq(now))
        .execute(c)?;
        Ok(Ok(user))
    })
    .await
}

pub enum ResetRefusal {
    Token(TokenProblem),
    Fields(FieldErrors),
}

fn set_password(
    c: &mut AnyConnection,
    now: NaiveDateTime,
    user: &UserId,
    hash: &str,
) -> AppResult<()> {
    use crate::db::schema::users;
    use diesel::prelude::*;
    diesel::update(users::table.find(user))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now)))
        .execute(c)?;
    session::revoke_all(c, now, user)?;
    Ok(())
}

/// Changes the password after checking the current one. All sessions end;
/// the caller starts a fresh one for this browser.
pub async fn change_password(
    db: &Db,
    now: NaiveDateTime,
    user: &User,
    form: &ChangePasswordForm,
) -> AppResult<Result<(), FieldErrors>> {
    let mut errors = FieldErrors::new();
    if form.current_password.is_empty() {
        errors.add("current_password", "password-current-required");
    } else if !verify_password(form.current_password.clone(), user.password_hash.clone()).await? {
        errors.add("current_password", "password-current-wrong");
    }
    crate::accounts::forms::check_new_password(
        &mut errors,
        "new_password",
        &form.new_password,
        &[&user.email, &user.name],
    );
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let hash = hash_password(form.new_password.clone()).await?;
    let id = user.id.clone();
    db.write(move |c| {
        set_password(c, now, &id, &hash)?;
        log(
            c,
            now,
            "account.password_changed",
            &id,
            Some(&id),
            serde_json::json!({}),
        )
    })
    .await?;
    Ok(Ok(()))
}
