//! Requests to join: someone whose EDRPOU is already registered asks the
//! owners to invite them. The owners get an e-mail; the request waits on
//! the organization page until they invite the person or dismiss it.

use std::sync::Arc;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::forms::MESSAGE_MAX;
use super::members::Actor;
use super::model::{self, MemberRole, OrganizationId};
use super::service::{self, Need};
use crate::accounts::model as accounts;
use crate::db::ids::UserId;
use crate::db::schema::{organization_join_requests as jr, users};
use crate::db::{AnyConnection, Db};
use crate::error::{AppError, AppResult};
use crate::mail::{self, MailRenderer, OutgoingMail};
use crate::web::forms::FieldErrors;

crate::typed_id!(
    /// A request to join an organization.
    JoinRequestId
);

/// A person may ask the same organization again only after this long, so
/// the owners' mailboxes cannot be flooded.
pub fn repeat_after() -> Duration {
    Duration::days(7)
}

#[derive(Debug, Clone, Serialize)]
pub struct OpenRequest {
    pub id: JoinRequestId,
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub message: String,
    pub created_at: NaiveDateTime,
}

/// Requests not dismissed, from people who are not members (yet).
pub fn open_requests(
    conn: &mut AnyConnection,
    org: &OrganizationId,
) -> QueryResult<Vec<OpenRequest>> {
    let rows: Vec<(JoinRequestId, UserId, String, String, String, NaiveDateTime)> = jr::table
        .inner_join(users::table)
        .filter(jr::organization_id.eq(org))
        .filter(jr::dismissed_at.is_null())
        .order(jr::created_at.desc())
        .select((
            jr::id,
            jr::user_id,
            users::name,
            users::email,
            jr::message,
            jr::created_at,
        ))
        .load(conn)?;
    let mut open = vec![];
    for (id, user_id, name, email, message, created_at) in rows {
        let pending = model::role_of(conn, org, &user_id)?.is_none()
            && !open.iter().any(|r: &OpenRequest| r.user_id == user_id);
        if pending {
            open.push(OpenRequest {
                id,
                user_id,
                name,
                email,
                message,
                created_at,
            });
        }
    }
    Ok(open)
}

#[derive(Debug)]
pub enum Asked {
    Sent,
    AlreadyMember,
    AlreadyAsked,
    Invalid(FieldErrors),
}

pub fn check_message(raw: &str) -> Result<String, FieldErrors> {
    let mut e = FieldErrors::new();
    let v = raw.trim();
    if v.chars().count() > MESSAGE_MAX {
        e.add_with(
            "message",
            "organizations-join-message-too-long",
            &[("max", MESSAGE_MAX.to_string())],
        );
    }
    e.into_result().map(|_| v.to_string())
}

/// Records the request and mails every owner (in their own language).
pub async fn ask(
    db: &Db,
    mailer: Arc<MailRenderer>,
    now: NaiveDateTime,
    actor: Actor,
    org: OrganizationId,
    raw_message: &str,
) -> AppResult<Asked> {
    let message = match check_message(raw_message) {
        Ok(m) => m,
        Err(e) => return Ok(Asked::Invalid(e)),
    };
    db.write(move |c| {
        let organization = model::find(c, &org)?.ok_or(AppError::NotFound)?;
        if model::role_of(c, &org, &actor.id)?.is_some() {
            return Ok(Asked::AlreadyMember);
        }
        let recent: i64 = jr::table
            .filter(jr::organization_id.eq(&org))
            .filter(jr::user_id.eq(&actor.id))
            // Dismissed ones count too: a dismissal is not an invitation to ask again at once.
            .filter(jr::created_at.gt(now - repeat_after()))
            .count()
            .get_result(c)?;
        if recent > 0 {
            return Ok(Asked::AlreadyAsked);
        }
        let id = JoinRequestId::new();
        diesel::insert_into(jr::table)
            .values((
                jr::id.eq(&id),
                jr::organization_id.eq(&org),
                jr::user_id.eq(&actor.id),
                jr::message.eq(&message),
                jr::created_at.eq(now),
            ))
            .execute(c)?;
        let owners = model::members(c, &org)?
            .into_iter()
            .filter(|m| m.role == MemberRole::Owner);
        for owner in owners {
            let Some(account) = accounts::find(c, &owner.user_id)? else {
                continue;
            };
            let msg = OutgoingMail {
                to_address: account.email.clone(),
                to_name: Some(account.name.clone()),
                lang: account.lang(),
                template: "organization-join-request",
                data: json!({
                    "name": account.name,
                    "organization": organization.display_name(),
                    "organization_id": org,
                    "requester": actor.name,
                    "requester_email": actor.email,
                    "message": message,
                }),
            };
            mail::enqueue(c, now, &mailer, msg)?;
        }
        let details = json!({"request_id": id, "user_id": actor.id});
        service::log(
            c,
            now,
            "organization.join_requested",
            &org,
            &actor.id,
            details,
        )?;
        Ok(Asked::Sent)
    })
    .await
}

/// Sets a request aside (owners only); false if it was already.
pub async fn dismiss(
    db: &Db,
    now: NaiveDateTime,
    actor: Actor,
    org: OrganizationId,
    id: JoinRequestId,
) -> AppResult<bool> {
    db.write(move |c| {
        service::load_for(c, &org, &actor.id, actor.staff, Need::Manage)?;
        let n = diesel::update(
            jr::table
                .find(&id)
                .filter(jr::organization_id.eq(&org))
                .filter(jr::dismissed_at.is_null()),
        )
        .set(jr::dismissed_at.eq(now))
        .execute(c)?;
        if n == 1 {
            let details = json!({"request_id": id});
            service::log(
                c,
                now,
                "organization.join_request_dismissed",
                &org,
                &actor.id,
                details,
            )?;
        }
        Ok(n == 1)
    })
    .await
}
