//! What the organization templates see: plain JSON built from the models.

use chrono::NaiveDateTime;
use serde_json::{json, Value};

use super::codes::{self, LEGAL_FORMS, OBLASTS};
use super::forms::ProfileForm;
use super::invitations;
use super::join;
use super::model::{self, Organization, OrganizationId};
use super::profile::TakenBy;
use super::service::{self, Need};
use crate::auth::Viewer;
use crate::db::Db;
use crate::error::AppResult;
use crate::web::PageCtx;

pub fn role_key(role: model::MemberRole) -> String {
    format!("organizations-role-{}", role.as_str())
}

pub fn organization(org: &Organization) -> Value {
    json!({
        "id": org.id,
        "edrpou": org.edrpou,
        "full_name": org.full_name,
        "short_name": org.short_name,
        "name": org.display_name(),
        "legal_form_key": codes::legal_form_key(&org.legal_form),
        "registered_on": org.registered_on.format("%d.%m.%Y").to_string(),
        "oblast_key": codes::oblast_key(&org.oblast),
        "address": org.address,
        "email": org.email,
        "phone": org.phone,
        "website": org.website,
    })
}

fn options(all: &[&str], selected: &str, key: fn(&str) -> String) -> Vec<Value> {
    all.iter()
        .map(|c| json!({"value": c, "label_key": key(c), "selected": *c == selected}))
        .collect()
}

/// The profile form (new or edit), with the user's input.
pub fn profile_form(
    page: &PageCtx<'_>,
    form: &ProfileForm,
    org: Option<&Organization>,
    taken: Option<&TakenBy>,
) -> Value {
    let mut crumbs =
        vec![json!({"label": page.t("organizations-my-title"), "url": "/organizations"})];
    if let Some(o) = org {
        crumbs.push(json!({"label": o.display_name(), "url": format!("/organizations/{}", o.id)}));
    }
    let title = if org.is_some() {
        "organizations-edit-title"
    } else {
        "organizations-new-title"
    };
    crumbs.push(json!({"label": page.t(title)}));
    json!({
        "form": form,
        "title_key": title,
        "action": org.map_or("/organizations".to_string(), |o| format!("/organizations/{}/edit", o.id)),
        "editing": org.is_some(),
        "legal_forms": options(&LEGAL_FORMS, form.legal_form.trim(), codes::legal_form_key),
        "oblasts": options(&OBLASTS, form.oblast.trim(), codes::oblast_key),
        "taken": taken,
        "breadcrumbs": crumbs,
    })
}

/// The organization page for someone allowed to see it; `invite_email`
/// is kept in the invitation form when it is shown again with an error.
pub async fn organization_page(
    page: &PageCtx<'_>,
    db: &Db,
    now: NaiveDateTime,
    id: OrganizationId,
    viewer: &Viewer,
    invite_email: &str,
) -> AppResult<Value> {
    let (me, staff) = (viewer.user.id.clone(), viewer.is_organizer());
    let (org, access, members, invitations, requests) = db
        .run(move |c| {
            let (org, access) = service::load_for(c, &id, &me, staff, Need::View)?;
            let members = model::members(c, &id)?;
            let (inv, req) = if access.can_manage() {
                (
                    invitations::pending(c, now, &id)?,
                    join::open_requests(c, &id)?,
                )
            } else {
                (vec![], vec![])
            };
            Ok((org, access, members, inv, req))
        })
        .await?;
    let me = &viewer.user.id;
    let owners = members
        .iter()
        .filter(|m| m.role == model::MemberRole::Owner)
        .count();
    let members: Vec<Value> = members
        .iter()
        .map(|m| {
            json!({"user_id": m.user_id, "name": m.name, "email": m.email,
                   "role": m.role.as_str(), "role_key": role_key(m.role),
                   "is_owner": m.role == model::MemberRole::Owner,
                   // The service refuses to leave an organization ownerless;
                   // the page does not offer it.
                   "sole_owner": m.role == model::MemberRole::Owner && owners == 1,
                   "is_self": &m.user_id == me, "added_at": m.added_at})
        })
        .collect();
    let invitations: Vec<Value> = invitations
        .iter()
        .map(|i| json!({"id": i.id, "email": i.email, "created_at": i.created_at, "expires_at": i.expires_at}))
        .collect();
    Ok(json!({
        "org": organization(&org),
        "my_role_key": access.role.map(role_key),
        "can_manage": access.can_manage(),
        "is_member": access.role.is_some(),
        "members": members,
        "invitations": invitations,
        "requests": requests,
        "invite": {"email": invite_email},
        "breadcrumbs": [
            {"label": page.t("organizations-my-title"), "url": "/organizations"},
            {"label": org.display_name()},
        ],
    }))
}
