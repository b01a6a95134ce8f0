//! Membership pages and actions: invite, accept an invitation, withdraw it,
//! remove a member or leave, change roles, ask to join.

use std::sync::Arc;

use rocket::http::Status;
use rocket::{get, post, State};
use serde_json::json;

use super::forms::{InviteForm, JoinForm, RoleForm};
use super::invitations::{InvitationId, Problem};
use super::join::{self, Asked, JoinRequestId};
use super::members::{self, NotAccepted};
use super::model::{MemberRole, OrganizationId};
use super::routes::{actor, owners_only, refused, to_org};
use super::{service, views};
use crate::auth::csrf::TokenOnly;
use crate::auth::{AuthUser, CsrfForm, VerifiedUser};
use crate::clock::Now;
use crate::db::ids::UserId;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::mail::MailRenderer;
use crate::web::{redirect_with, FlashKind, PageCtx, PageResponse};

#[post("/organizations/<id>/invitations", data = "<form>")]
pub async fn invite(
    page: PageCtx<'_>,
    user: AuthUser,
    id: OrganizationId,
    form: CsrfForm<InviteForm>,
    db: &State<Db>,
    mailer: &State<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let mailer = mailer.inner().clone();
    let sent = members::invite(
        db,
        mailer,
        now.0,
        actor(&user.0),
        id.clone(),
        &form.email,
        page.lang,
    )
    .await;
    match sent {
        Ok(Ok(_)) => Ok(to_org(&id, FlashKind::Success, "organizations-invite-sent")),
        Ok(Err(errors)) => {
            let data = views::organization_page(&page, db, now.0, id, &user.0, &form.email).await?;
            page.render_invalid("organizations/show", data, &errors)
        }
        Err(e) => owners_only(&page, Err(e)),
    }
}

#[post(
    "/organizations/<id>/invitations/<invitation>/revoke",
    data = "<_form>"
)]
pub async fn revoke_invitation(
    page: PageCtx<'_>,
    user: AuthUser,
    id: OrganizationId,
    invitation: InvitationId,
    _form: CsrfForm<TokenOnly>,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let done = members::revoke(db, now.0, actor(&user.0), id.clone(), invitation).await;
    owners_only(
        &page,
        done.map(|revoked| match revoked {
            true => to_org(
                &id,
                FlashKind::Success,
                "organizations-invitation-withdrawn",
            ),
            false => to_org(&id, FlashKind::Info, "organizations-invitation-not-open"),
        }),
    )
}

#[post("/organizations/<id>/members/<member>/remove", data = "<_form>")]
pub async fn remove_member(
    page: PageCtx<'_>,
    user: AuthUser,
    id: OrganizationId,
    member: UserId,
    _form: CsrfForm<TokenOnly>,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let leaving = member == user.0.user.id;
    let done = members::remove(db, now.0, actor(&user.0), id.clone(), member).await;
    owners_only(
        &page,
        done.map(|r| match r {
            Ok(()) if leaving => PageResponse::Redirect(redirect_with(
                "/organizations",
                FlashKind::Success,
                "organizations-left",
            )),
            Ok(()) => to_org(&id, FlashKind::Success, "organizations-member-removed"),
            Err(key) => to_org(&id, FlashKind::Error, key),
        }),
    )
}

#[post("/organizations/<id>/members/<member>/role", data = "<form>")]
#[allow(clippy::too_many_arguments)]
pub async fn set_role(
    page: PageCtx<'_>,
    user: AuthUser,
    id: OrganizationId,
    member: UserId,
    form: CsrfForm<RoleForm>,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let role =
        MemberRole::parse(&form.role).ok_or(AppError::Unprocessable("error-422-body".into()))?;
    let done = members::set_role(db, now.0, actor(&user.0), id.clone(), member, role).await;
    owners_only(
        &page,
        done.map(|r| match r {
            Ok(_) => to_org(&id, FlashKind::Success, "organizations-role-changed"),
            Err(key) => to_org(&id, FlashKind::Error, key),
        }),
    )
}

#[post("/organizations/<id>/join", data = "<form>")]
pub async fn ask_to_join(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: OrganizationId,
    form: CsrfForm<JoinForm>,
    db: &State<Db>,
    mailer: &State<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let mailer = mailer.inner().clone();
    let back = |kind, key| PageResponse::Redirect(redirect_with("/organizations", kind, key));
    match join::ask(db, mailer, now.0, actor(&user.0), id.clone(), &form.message).await? {
        Asked::Sent => Ok(back(FlashKind::Success, "organizations-join-sent")),
        Asked::AlreadyAsked => Ok(back(FlashKind::Info, "organizations-join-already")),
        Asked::AlreadyMember => Ok(to_org(&id, FlashKind::Info, "organizations-already-member")),
        Asked::Invalid(errors) => {
            let org = db
                .run(move |c| service::find(c, &id)?.ok_or(AppError::NotFound))
                .await?;
            let data =
                json!({"org": {"id": org.id, "name": org.display_name()}, "message": form.message});
            page.render_invalid("organizations/join", data, &errors)
        }
    }
}

#[post(
    "/organizations/<id>/join-requests/<request>/dismiss",
    data = "<_form>"
)]
pub async fn dismiss_request(
    page: PageCtx<'_>,
    user: AuthUser,
    id: OrganizationId,
    request: JoinRequestId,
    _form: CsrfForm<TokenOnly>,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let done = join::dismiss(db, now.0, actor(&user.0), id.clone(), request).await;
    owners_only(
        &page,
        done.map(|_| to_org(&id, FlashKind::Success, "organizations-request-dismissed")),
    )
}

fn link_problem(page: &PageCtx<'_>, problem: Problem) -> AppResult<PageResponse> {
    let html = page.render(
        "organizations/invitation",
        json!({"problem_key": problem.message_key()}),
    )?;
    Ok(PageResponse::Page((Status::BadRequest, html)))
}

// Rank 2: `/organizations/invitations/x` would otherwise collide with
// `/organizations/<id>/…`; a typed ID never equals "invitations" anyway.
#[get("/organizations/invitations/<token>", rank = 2)]
pub async fn invitation_page(
    page: PageCtx<'_>,
    token: String,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let viewer = page.viewer.as_ref().map(|v| v.user.id.clone());
    let view = match members::look_up(db, now.0, token.clone(), viewer).await? {
        Ok(view) => view,
        Err(problem) => return link_problem(&page, problem),
    };
    let account = page.viewer.as_ref().map(|v| &v.user);
    let wrong_account = account.is_some_and(|u| !members::matches(&view.invitation, &u.email));
    let data = json!({
        "token": token,
        "org": views::organization(&view.organization),
        "inviter": view.inviter,
        "expires": crate::web::format::kyiv_datetime(view.invitation.expires_at),
        "signed_in": account.is_some(),
        "wrong_account": wrong_account,
        "unverified": account.is_some_and(|u| !u.is_verified()),
        "already_member": view.already_member,
        "login_next": format!("/organizations/invitations/{token}"),
    });
    let status = if wrong_account {
        Status::Forbidden
    } else {
        Status::Ok
    };
    Ok(PageResponse::Page((
        status,
        page.render("organizations/invitation", data)?,
    )))
}

#[post("/organizations/invitations/<token>", data = "<_form>", rank = 2)]
pub async fn accept_invitation(
    page: PageCtx<'_>,
    user: VerifiedUser,
    token: String,
    _form: CsrfForm<TokenOnly>,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    match members::accept(db, now.0, actor(&user.0), token).await? {
        Ok(org) => Ok(to_org(&org, FlashKind::Success, "organizations-joined")),
        Err(NotAccepted::AlreadyMember(org)) => Ok(to_org(
            &org,
            FlashKind::Info,
            "organizations-already-member",
        )),
        Err(NotAccepted::WrongAccount) => refused(
            &page,
            Status::Forbidden,
            "organizations-invitation-wrong-account",
        ),
        Err(NotAccepted::Link(problem)) => link_problem(&page, problem),
    }
}
