//! Global roles (granted by an admin or the CLI) and CLI-made accounts.

use chrono::NaiveDateTime;

use super::model::{self, NewUser, Role};
use super::service::log;
use crate::auth::password;
use crate::db::ids::UserId;
use crate::db::{tx, AnyConnection, Db};
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;

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
