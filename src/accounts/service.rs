//! Account rules: registration, e-mail verification, sign-in with
//! throttling. Passwords (reset, change) are in `passwords.rs`, roles and
//! CLI accounts in `roles.rs`. No Rocket types here.

use chrono::NaiveDateTime;

use super::forms::RegisterForm;
use super::model::{self, NewUser, User};
use crate::audit::{self, NewEntry};
use crate::auth::tokens::{self, Purpose, TokenProblem};
use crate::auth::{password, session, throttle};
use crate::db::ids::{SessionId, UserId};
use crate::db::{AnyConnection, Db};
use crate::error::{AppError, AppResult};
use crate::mail::{self, MailRenderer, OutgoingMail};
use crate::web::forms::FieldErrors;
use crate::web::lang::Lang;
use std::sync::Arc;

pub use super::passwords::*;
pub use super::roles::*;

/// An account event in the audit log (private: accounts are personal data).
pub(super) fn log(
    c: &mut AnyConnection,
    now: NaiveDateTime,
    action: &str,
    user: &UserId,
    actor: Option<&UserId>,
    details: serde_json::Value,
) -> AppResult<()> {
    let label = if actor.is_some() { "user" } else { "system" };
    let entry = NewEntry::new(action, "user", Some(user.to_string()))
        .actor(actor.cloned(), label)
        .details(details);
    audit::record(c, now, entry)?;
    Ok(())
}

/// Hashing is slow on purpose: keep it off the async workers.
pub(super) async fn hash_password(pw: String) -> AppResult<String> {
    rocket::tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
}

pub(super) async fn verify_password(pw: String, stored: String) -> AppResult<bool> {
    rocket::tokio::task::spawn_blocking(move || password::verify(&pw, &stored))
        .await
        .map_err(|e| AppError::internal(e.to_string()))
}

/// Creates an account (unverified) and queues the verification mail.
pub async fn register(
    db: &Db,
    mailer: Arc<MailRenderer>,
    now: NaiveDateTime,
    form: &RegisterForm,
    lang: Lang,
) -> AppResult<Result<UserId, FieldErrors>> {
    let mut errors = form.validate();
    let email = model::normalize_email(&form.email);
    let probe = email.clone();
    if !errors.has("email") && db.run(move |c| Ok(model::email_taken(c, &probe)?)).await? {
        errors.add("email", "email-taken");
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let hash = hash_password(form.password.clone()).await?;
    let name = form.name.trim().to_string();
    db.write(move |c| {
        if model::email_taken(c, &email)? {
            let mut e = FieldErrors::new();
            e.add("email", "email-taken");
            return Ok(Err(e));
        }
        let id = UserId::new();
        model::insert(
            c,
            NewUser {
                id: &id,
                email: &email,
                name: &name,
                password_hash: &hash,
                lang: lang.code(),
                email_verified_at: None,
                created_at: now,
                updated_at: now,
            },
        )?;
        let user = model::find(c, &id)?.ok_or(AppError::NotFound)?;
        log(
            c,
            now,
            "account.registered",
            &id,
            Some(&id),
            serde_json::json!({"lang": lang.code()}),
        )?;
        send_verification(c, now, &mailer, &user)?;
        Ok(Ok(id))
    })
    .await
}

/// Issues a verification link and queues the mail (inside the caller's
/// transaction).
fn send_verification(
    c: &mut AnyConnection,
    now: NaiveDateTime,
    mailer: &MailRenderer,
    user: &User,
) -> AppResult<()> {
    let token = tokens::issue(c, now, &user.id, Purpose::VerifyEmail)?;
    send(c, now, mailer, user, "verify", &token)
}

/// Queues an account mail with a link token (inside the caller's transaction).
pub(super) fn send(
    c: &mut AnyConnection,
    now: NaiveDateTime,
    mailer: &MailRenderer,
    user: &User,
    template: &str,
    token: &str,
) -> AppResult<()> {
    let msg = OutgoingMail {
        to_address: user.email.clone(),
        to_name: Some(user.name.clone()),
        lang: user.lang(),
        template,
        data: serde_json::json!({"name": user.name, "token": token}),
    };
    mail::enqueue(c, now, mailer, msg)?;
    Ok(())
}

pub async fn resend_verification(
    db: &Db,
    mailer: Arc<MailRenderer>,
    now: NaiveDateTime,
    user: UserId,
) -> AppResult<()> {
    db.write(move |c| {
        let user = model::find(c, &user)?.ok_or(AppError::NotFound)?;
        if !user.is_verified() {
            send_verification(c, now, &mailer, &user)?;
        }
        Ok(())
    })
    .await
}

/// Marks the address verified; the link works once.
pub async fn verify_email(
    db: &Db,
    now: NaiveDateTime,
    token: String,
) -> AppResult<Result<UserId, TokenProblem>> {
    db.write(move |c| {
        let user = match tokens::consume(c, now, &token, Purpose::VerifyEmail)? {
            Ok(user) => user,
            Err(problem) => return Ok(Err(problem)),
        };
        use crate::db::schema::users;
        use diesel::prelude::*;
        let changed = diesel::update(
            users::table
                .find(&user)
                .filter(users::email_verified_at.is_null()),
        )
        .set((users::email_verified_at.eq(now), users::updated_at.eq(now)))
        .execute(c)?;
        if changed > 0 {
            log(
                c,
                now,
                "account.email_verified",
                &user,
                Some(&user),
                serde_json::json!({}),
            )?;
        }
        Ok(Ok(user))
    })
    .await
}

pub enum LoginOutcome {
    /// Signed in: the session and the token for the cookie.
    SignedIn {
        user: UserId,
        session: SessionId,
        token: String,
    },
    BadCredentials,
    /// Too many failures; try again at this instant.
    Throttled(NaiveDateTime),
}

pub async fn login(
    db: &Db,
    now: NaiveDateTime,
    email: &str,
    pw: &str,
    ip: &str,
    user_agent: &str,
) -> AppResult<LoginOutcome> {
    let email = model::normalize_email(email);
    let (e, a) = (email.clone(), ip.to_string());
    let (retry, user) = db
        .run(move |c| {
            Ok((
                throttle::retry_at(c, now, &e, &a)?,
                model::find_by_email(c, &e)?,
            ))
        })
        .await?;
    if let Some(at) = retry {
        let subject = user.as_ref().map(|u| u.id.clone());
        db.write(move |c| {
            let entry = NewEntry::new(
                "account.login_throttled",
                "user",
                subject.map(|s| s.to_string()),
            )
            .details(serde_json::json!({"until": at.and_utc().to_rfc3339()}));
            audit::record(c, now, entry)?;
            Ok(())
        })
        .await?;
        return Ok(LoginOutcome::Throttled(at));
    }
    let stored = user
        .as_ref()
        .map_or(password::dummy_hash().to_string(), |u| {
            u.password_hash.clone()
        });
    let ok = verify_password(pw.to_string(), stored).await? && user.is_some();
    let (ip, ua) = (ip.to_string(), user_agent.to_string());
    db.write(move |c| {
        throttle::record(c, now, &email, &ip, ok)?;
        match user {
            Some(user) if ok => {
                let (session, token) = session::create(c, now, &user.id, &ip, &ua)?;
                Ok(LoginOutcome::SignedIn {
                    user: user.id,
                    session,
                    token,
                })
            }
            _ => Ok(LoginOutcome::BadCredentials),
        }
    })
    .await
}

pub async fn logout(db: &Db, now: NaiveDateTime, session: SessionId) -> AppResult<()> {
    db.write(move |c| Ok(session::revoke(c, now, &session)?))
        .await
}

/// A new session for a user who just proved who they are.
pub async fn start_session(
    db: &Db,
    now: NaiveDateTime,
    user: UserId,
    ip: &str,
    user_agent: &str,
) -> AppResult<String> {
    let (ip, ua) = (ip.to_string(), user_agent.to_string());
    db.write(move |c| Ok(session::create(c, now, &user, &ip, &ua)?.1))
        .await
}
