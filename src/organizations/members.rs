//! Membership changes: invite by e-mail, accept, withdraw an invitation,
//! remove a member (or leave), grant or give up ownership. Each is audited;
//! an organization always keeps at least one owner.

use std::sync::Arc;

use chrono::NaiveDateTime;
use serde_json::json;

use super::invitations::{self, Invitation, InvitationId, Problem};
use super::model::{self, MemberRole, Organization, OrganizationId};
use super::service::{self, Need};
use crate::accounts::model as accounts;
use crate::db::ids::UserId;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::mail::{self, MailRenderer, OutgoingMail};
use crate::web::format::kyiv_datetime;
use crate::web::forms::FieldErrors;
use crate::web::lang::Lang;

/// Who is acting, as the services need it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: UserId,
    pub name: String,
    pub email: String,
    /// Organizer or admin.
    pub staff: bool,
    pub verified: bool,
}

fn invite_email(raw: &str) -> Result<String, FieldErrors> {
    let mut e = FieldErrors::new();
    let v = accounts::normalize_email(raw);
    if v.is_empty() {
        e.add("email", "organizations-invite-email-required");
    } else if !email_address::EmailAddress::is_valid(&v)
        || !v.rsplit('@').next().is_some_and(|d| d.contains('.'))
    {
        e.add("email", "organizations-invite-email-invalid");
    }
    e.into_result().map(|_| v)
}

/// Sends an invitation (owners only). The mail goes out in the invitee's
/// language if they have an account, else in `lang`.
pub async fn invite(
    db: &Db,
    mailer: Arc<MailRenderer>,
    now: NaiveDateTime,
    actor: Actor,
    org: OrganizationId,
    raw_email: &str,
    lang: Lang,
) -> AppResult<Result<String, FieldErrors>> {
    let (a, o) = (actor.clone(), org.clone());
    db.run(move |c| service::load_for(c, &o, &a.id, a.staff, Need::Manage).map(|_| ()))
        .await?;
    let email = match invite_email(raw_email) {
        Ok(e) => e,
        Err(errors) => return Ok(Err(errors)),
    };
    db.write(move |c| {
        let (organization, _) = service::load_for(c, &org, &actor.id, actor.staff, Need::Manage)?;
        let invitee = accounts::find_by_email(c, &email)?;
        let mut e = FieldErrors::new();
        if let Some(u) = &invitee {
            if model::role_of(c, &org, &u.id)?.is_some() {
                e.add("email", "organizations-invite-already-member");
                return Ok(Err(e));
            }
        }
        if invitations::count_pending(c, now, &org)? >= invitations::MAX_PENDING {
            e.add("email", "organizations-invite-too-many");
            return Ok(Err(e));
        }
        let (id, token) = invitations::issue(c, now, &org, &email, &actor.id)?;
        let msg = OutgoingMail {
            to_address: email.clone(),
            to_name: invitee.as_ref().map(|u| u.name.clone()),
            lang: invitee.as_ref().map_or(lang, |u| u.lang()),
            template: "organization-invitation",
            data: json!({
                "organization": organization.display_name(),
                "edrpou": organization.edrpou,
                "inviter": actor.name,
                "token": token,
                "expires": kyiv_datetime(now + invitations::lifetime()),
            }),
        };
        mail::enqueue(c, now, &mailer, msg)?;
        let details = json!({"invitation_id": id, "email": email, "role": "member"});
        service::log(
            c,
            now,
            "organization.invitation_sent",
            &org,
            &actor.id,
            details,
        )?;
        Ok(Ok(email))
    })
    .await
}

/// An invitation as its page shows it.
pub struct InvitationView {
    pub invitation: Invitation,
    pub organization: Organization,
    pub inviter: String,
    /// The signed-in viewer (if any) already belongs to the organization.
    pub already_member: bool,
}

/// Looks an invitation link up without using it.
pub async fn look_up(
    db: &Db,
    now: NaiveDateTime,
    token: String,
    viewer: Option<UserId>,
) -> AppResult<Result<InvitationView, Problem>> {
    db.run(move |c| {
        let Some(invitation) = invitations::find_by_token(c, &token)? else {
            return Ok(Err(Problem::Unknown));
        };
        if let Err(p) = invitation.usable(now) {
            return Ok(Err(p));
        }
        let organization =
            model::find(c, &invitation.organization_id)?.ok_or(AppError::NotFound)?;
        let inviter = accounts::find(c, &invitation.invited_by)?
            .map(|u| u.name)
            .unwrap_or_default();
        let already_member = match &viewer {
            Some(v) => model::role_of(c, &organization.id, v)?.is_some(),
            None => false,
        };
        Ok(Ok(InvitationView {
            invitation,
            organization,
            inviter,
            already_member,
        }))
    })
    .await
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAccepted {
    Link(Problem),
    /// Signed in with an account whose address is not the invited one.
    WrongAccount,
    AlreadyMember(OrganizationId),
}

/// Whether this account may use this invitation: the invited address must
/// be the account's own (so a forwarded or leaked link is useless).
pub fn matches(invitation: &Invitation, account_email: &str) -> bool {
    accounts::normalize_email(account_email) == invitation.email
}

/// Accepts an invitation for a signed-in, verified account.
pub async fn accept(
    db: &Db,
    now: NaiveDateTime,
    actor: Actor,
    token: String,
) -> AppResult<Result<OrganizationId, NotAccepted>> {
    if !actor.verified {
        return Err(AppError::Forbidden);
    }
    db.write(move |c| {
        let Some(inv) = invitations::find_by_token(c, &token)? else {
            return Ok(Err(NotAccepted::Link(Problem::Unknown)));
        };
        if let Err(p) = inv.usable(now) {
            return Ok(Err(NotAccepted::Link(p)));
        }
        if !matches(&inv, &actor.email) {
            return Ok(Err(NotAccepted::WrongAccount));
        }
        let org = inv.organization_id.clone();
        if model::role_of(c, &org, &actor.id)?.is_some() {
            return Ok(Err(NotAccepted::AlreadyMember(org)));
        }
        if !invitations::mark_accepted(c, now, &inv.id, &actor.id)? {
            return Ok(Err(NotAccepted::Link(Problem::Used)));
        }
        model::add_member(
            c,
            &org,
            &actor.id,
            MemberRole::Member,
            Some(&inv.invited_by),
            now,
        )?;
        let details = json!({"invitation_id": inv.id, "user_id": actor.id, "role": "member"});
        service::log(
            c,
            now,
            "organization.invitation_accepted",
            &org,
            &actor.id,
            details,
        )?;
        Ok(Ok(org))
    })
    .await
}

/// Withdraws an open invitation (owners only); false if it was not open.
pub async fn revoke(
    db: &Db,
    now: NaiveDateTime,
    actor: Actor,
    org: OrganizationId,
    id: InvitationId,
) -> AppResult<bool> {
    db.write(move |c| {
        service::load_for(c, &org, &actor.id, actor.staff, Need::Manage)?;
        let Some(email) = invitations::revoke(c, now, &org, &id)? else {
            return Ok(false);
        };
        let details = json!({"invitation_id": id, "email": email});
        service::log(
            c,
            now,
            "organization.invitation_revoked",
            &org,
            &actor.id,
            details,
        )?;
        Ok(true)
    })
    .await
}

/// A refusal shown as a flash message (Fluent key).
pub type Refusal = &'static str;

/// Removes a member. Owners remove anyone; a member may remove themselves
/// (leave). The last owner stays.
pub async fn remove(
    db: &Db,
    now: NaiveDateTime,
    actor: Actor,
    org: OrganizationId,
    target: UserId,
) -> AppResult<Result<(), Refusal>> {
    db.write(move |c| {
        let leaving = target == actor.id;
        let need = if leaving { Need::View } else { Need::Manage };
        service::load_for(c, &org, &actor.id, actor.staff, need)?;
        let role = model::role_of(c, &org, &target)?.ok_or(AppError::NotFound)?;
        if role == MemberRole::Owner && model::count_owners(c, &org)? <= 1 {
            return Ok(Err("organizations-last-owner"));
        }
        model::remove_member(c, &org, &target)?;
        let details = json!({"user_id": target, "role": role.as_str(), "left": leaving});
        service::log(
            c,
            now,
            "organization.member_removed",
            &org,
            &actor.id,
            details,
        )?;
        Ok(Ok(()))
    })
    .await
}

/// Makes a member an owner or an owner a member (owners only); an owner can
/// hand over by granting ownership and then stepping down. The last owner
/// cannot step down.
pub async fn set_role(
    db: &Db,
    now: NaiveDateTime,
    actor: Actor,
    org: OrganizationId,
    target: UserId,
    role: MemberRole,
) -> AppResult<Result<bool, Refusal>> {
    db.write(move |c| {
        service::load_for(c, &org, &actor.id, actor.staff, Need::Manage)?;
        let old = model::role_of(c, &org, &target)?.ok_or(AppError::NotFound)?;
        if old == role {
            return Ok(Ok(false));
        }
        if old == MemberRole::Owner && model::count_owners(c, &org)? <= 1 {
            return Ok(Err("organizations-last-owner"));
        }
        model::set_role(c, &org, &target, role)?;
        let details = json!({"user_id": target, "old": old.as_str(), "new": role.as_str()});
        service::log(
            c,
            now,
            "organization.member_role_changed",
            &org,
            &actor.id,
            details,
        )?;
        Ok(Ok(true))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_addresses_are_checked_and_normalized() {
        assert_eq!(
            invite_email(" Olena@Example.ORG ").unwrap(),
            "olena@example.org"
        );
        let key = |raw: &str| {
            invite_email(raw)
                .unwrap_err()
                .keys()
                .next()
                .map(|(_, k)| k.to_string())
        };
        assert_eq!(
            key("").as_deref(),
            Some("organizations-invite-email-required")
        );
        assert_eq!(
            key("olena@").as_deref(),
            Some("organizations-invite-email-invalid")
        );
        assert_eq!(
            key("olena@localhost").as_deref(),
            Some("organizations-invite-email-invalid")
        );
    }
}
