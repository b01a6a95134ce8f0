//! Account rules: registration, e-mail verification, login with throttling,
//! password reset and change, roles. No Rocket types here.

use chrono::NaiveDateTime;

use super::forms::{ChangePasswordForm, RegisterForm};
use super::model::{self, NewUser, Role, User};
use crate::audit::{self, NewEntry};
use crate::auth::tokens::{self, Purpose, TokenProblem};
use crate::auth::{password, session, throttle};
use crate::db::ids::{SessionId, UserId};
use crate::db::{tx, AnyConnection, Db};
use crate::error::{AppError, AppResult};
use crate::mail::{self, MailRenderer, OutgoingMail};
use crate::web::forms::FieldErrors;
use crate::web::lang::Lang;
use std::sync::Arc;

/// An account event in the audit log (private: accounts are personal data).
fn log(
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
async fn hash_password(pw: String) -> AppResult<String> {
    rocket::tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
}

async fn verify_password(pw: String, stored: String) -> AppResult<bool> {
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
fn send(
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

/// Grants or revokes a global role. The last admin cannot lose the role.
pub async fn set_role(
    db: &Db,
    now: NaiveDateTime,
    by: Option<UserId>,
    user: UserId,
    role: Role,
    grant: bool,
) -> AppResult<bool> {
    db.write(move |c| {
        model::find(c, &user)?.ok_or(AppError::NotFound)?;
        let changed = if grant {
            model::grant_role(c, &user, role, by.as_ref(), now)?
        } else {
            let last_admin = role == Role::Admin
                && model::roles_of(c, &user)?.contains(&Role::Admin)
                && model::count_with_role(c, Role::Admin)? <= 1;
            if last_admin {
                return Err(AppError::Conflict("admin-last-admin".into()));
            }
            model::revoke_role(c, &user, role)?
        };
        if changed {
            let action = if grant {
                "account.role_granted"
            } else {
                "account.role_revoked"
            };
            log(
                c,
                now,
                action,
                &user,
                by.as_ref(),
                serde_json::json!({"role": role.as_str()}),
            )?;
        }
        Ok(changed)
    })
    .await
}

/// Creates a verified account with a role (CLI). Errors name the problem.
pub fn create_verified(
    c: &mut AnyConnection,
    now: NaiveDateTime,
    email: &str,
    name: &str,
    pw: &str,
    role: Option<Role>,
) -> Result<UserId, String> {
    let mut errors = FieldErrors::new();
    crate::accounts::forms::check_email(&mut errors, "email", email);
    if name.trim().is_empty() {
        errors.add("name", "name-required");
    }
    crate::accounts::forms::check_new_password(&mut errors, "password", pw, &[email, name]);
    if let Some((field, key)) = errors.keys().next() {
        return Err(format!("{field}: {key}"));
    }
    let hash = password::hash(pw).map_err(|e| e.to_string())?;
    tx::write(c, |c| {
        let email = model::normalize_email(email);
        if model::email_taken(c, &email)? {
            return Err(AppError::Conflict(format!(
                "an account with {email} already exists"
            )));
        }
        let id = UserId::new();
        model::insert(
            c,
            NewUser {
                id: &id,
                email: &email,
                name: name.trim(),
                password_hash: &hash,
                lang: "uk",
                email_verified_at: Some(now),
                created_at: now,
                updated_at: now,
            },
        )?;
        log(
            c,
            now,
            "account.created_by_cli",
            &id,
            None,
            serde_json::json!({}),
        )?;
        if let Some(role) = role {
            model::grant_role(c, &id, role, None, now)?;
            log(
                c,
                now,
                "account.role_granted",
                &id,
                None,
                serde_json::json!({"role": role.as_str(), "via": "cli"}),
            )?;
        }
        Ok(id)
    })
    .map_err(|e| match e {
        AppError::Conflict(m) => m,
        other => other.to_string(),
    })
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
