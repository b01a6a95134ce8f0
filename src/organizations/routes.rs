//! Organization profile pages: my organizations, register, view, edit.
//! Handlers are thin: guards → form → one service call → page.

use rocket::http::Status;
use rocket::{get, post, State};
use serde_json::json;

use super::forms::ProfileForm;
use super::members::Actor;
use super::model::OrganizationId;
use super::profile::{self, Created, Updated};
use super::service::{self, Need};
use super::views;
use crate::auth::{AuthUser, CsrfForm, VerifiedUser, Viewer};
use crate::clock::Now;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::web::{redirect_with, FlashKind, PageCtx, PageResponse};

pub(super) fn actor(v: &Viewer) -> Actor {
    Actor {
        id: v.user.id.clone(),
        name: v.user.name.clone(),
        email: v.user.email.clone(),
        staff: v.is_organizer(),
        verified: v.user.is_verified(),
    }
}

/// An error page with a specific message (the guards' way, for refusals
/// that only the service can decide).
pub(super) fn refused(page: &PageCtx<'_>, status: Status, key: &str) -> AppResult<PageResponse> {
    let code = status.code;
    let html = page.render(
        "errors/error",
        json!({"status": code, "title_key": format!("error-{code}-title"),
               "body_key": format!("error-{code}-body"), "detail": page.t(key)}),
    )?;
    Ok(PageResponse::Page((status, html)))
}

/// A 403 from a service becomes the "owners only" page.
pub(super) fn owners_only(
    page: &PageCtx<'_>,
    result: AppResult<PageResponse>,
) -> AppResult<PageResponse> {
    match result {
        Err(AppError::Forbidden) => refused(page, Status::Forbidden, "organizations-owners-only"),
        other => other,
    }
}

pub(super) fn to_org(id: &OrganizationId, kind: FlashKind, key: &str) -> PageResponse {
    PageResponse::Redirect(redirect_with(format!("/organizations/{id}"), kind, key))
}

#[get("/organizations")]
pub async fn index(page: PageCtx<'_>, user: AuthUser, db: &State<Db>) -> AppResult<PageResponse> {
    let id = user.0.user.id.clone();
    let list = db
        .run(move |c| Ok(service::memberships_of(c, &id)?))
        .await?;
    let rows: Vec<_> = list
        .iter()
        .map(|(o, r)| json!({"org": views::organization(o), "role_key": views::role_key(*r)}))
        .collect();
    let data = json!({"organizations": rows, "verified": user.0.user.is_verified()});
    Ok(PageResponse::ok(page.render("organizations/index", data)?))
}

#[get("/organizations/new")]
pub fn new_page(page: PageCtx<'_>, _user: VerifiedUser) -> AppResult<PageResponse> {
    let data = views::profile_form(&page, &ProfileForm::default(), None, None);
    Ok(PageResponse::ok(page.render("organizations/form", data)?))
}

#[post("/organizations", data = "<form>")]
pub async fn create(
    page: PageCtx<'_>,
    user: VerifiedUser,
    form: CsrfForm<ProfileForm>,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (errors, taken) = match profile::create(db, now.0, user.0.user.id.clone(), &form).await? {
        Created::Ok(id) => return Ok(to_org(&id, FlashKind::Success, "organizations-created")),
        Created::Invalid(errors) => (errors, None),
        Created::Taken(t) => (t.errors(), Some(t)),
    };
    let data = views::profile_form(&page, &form, None, taken.as_ref());
    let res = page.render_invalid("organizations/form", data, &errors)?;
    Ok(match (res, taken) {
        (PageResponse::Page((_, body)), Some(_)) => PageResponse::Page((Status::Conflict, body)),
        (res, _) => res,
    })
}

#[get("/organizations/<id>")]
pub async fn show(
    page: PageCtx<'_>,
    user: AuthUser,
    id: OrganizationId,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let data = views::organization_page(&page, db, now.0, id, &user.0, "").await?;
    Ok(PageResponse::ok(page.render("organizations/show", data)?))
}

#[get("/organizations/<id>/edit")]
pub async fn edit_page(
    page: PageCtx<'_>,
    user: AuthUser,
    id: OrganizationId,
    db: &State<Db>,
) -> AppResult<PageResponse> {
    let (me, staff) = (user.0.user.id.clone(), user.0.is_organizer());
    let found = db
        .run(move |c| service::load_for(c, &id, &me, staff, Need::Manage))
        .await;
    owners_only(
        &page,
        found.and_then(|(org, _)| {
            let data = views::profile_form(&page, &ProfileForm::from_org(&org), Some(&org), None);
            Ok(PageResponse::ok(page.render("organizations/form", data)?))
        }),
    )
}

#[post("/organizations/<id>/edit", data = "<form>")]
pub async fn update(
    page: PageCtx<'_>,
    user: AuthUser,
    id: OrganizationId,
    form: CsrfForm<ProfileForm>,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (me, staff) = (user.0.user.id.clone(), user.0.is_organizer());
    let outcome = profile::update(db, now.0, me, staff, id.clone(), &form).await;
    let errors = match outcome {
        Ok(Updated::Saved) => return Ok(to_org(&id, FlashKind::Success, "organizations-saved")),
        Ok(Updated::Unchanged) => {
            return Ok(to_org(&id, FlashKind::Info, "organizations-unchanged"))
        }
        Ok(Updated::Invalid(errors)) => errors,
        Err(e) => return owners_only(&page, Err(e)),
    };
    let org = db
        .run(move |c| service::find(c, &id)?.ok_or(AppError::NotFound))
        .await?;
    let data = views::profile_form(&page, &form, Some(&org), None);
    page.render_invalid("organizations/form", data, &errors)
}
