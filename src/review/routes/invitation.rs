//! The invitation link: accept with the invited address's account, sign in
//! first, or create that account here (the link verifies the address).

use rocket::http::{CookieJar, Status};
use rocket::{get, post, State as Managed};
use serde_json::json;

use crate::accounts::model as accounts;
use crate::accounts::service as account_service;
use crate::auth::csrf::{self, TokenOnly};
use crate::auth::{CsrfForm, VerifiedUser};
use crate::clock::Now;
use crate::config::Settings;
use crate::db::Db;
use crate::error::AppResult;
use crate::review::invitation::{self, NotAccepted, Problem, Registered};
use crate::web::client::ClientMeta;
use crate::web::format::kyiv_datetime;
use crate::web::{redirect_with, FlashKind, PageCtx, PageResponse};

#[derive(rocket::FromForm)]
pub struct JurorRegisterForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub name: String,
    #[field(default = String::new())]
    pub password: String,
}
crate::has_csrf!(JurorRegisterForm);

fn link_problem(page: &PageCtx<'_>, problem: Problem) -> AppResult<PageResponse> {
    let html = page.render(
        "review/invitation",
        json!({"problem_key": problem.message_key()}),
    )?;
    Ok(PageResponse::Page((Status::BadRequest, html)))
}

fn to_competition(id: &crate::competitions::CompetitionId) -> PageResponse {
    PageResponse::Redirect(redirect_with(
        format!("/reviews/{id}/affiliations"),
        FlashKind::Success,
        "review-accepted",
    ))
}

async fn invitation_data(
    page: &PageCtx<'_>,
    db: &Db,
    now: chrono::NaiveDateTime,
    token: &str,
) -> AppResult<Result<serde_json::Value, Problem>> {
    let probe = token.to_string();
    let found = db
        .run(move |c| {
            Ok(match invitation::usable(c, now, &probe)? {
                Ok((j, comp)) => {
                    let has_account = accounts::email_taken(c, &j.email)?;
                    Ok((j, comp, has_account))
                }
                Err(p) => Err(p),
            })
        })
        .await?;
    let (juror, comp, has_account) = match found {
        Ok(v) => v,
        Err(p) => return Ok(Err(p)),
    };
    let account = page.viewer.as_ref().map(|v| &v.user);
    let wrong = account.is_some_and(|u| accounts::normalize_email(&u.email) != juror.email);
    Ok(Ok(json!({
        "token": token, "competition": comp.title(page.lang), "full_name": juror.full_name,
        "email": juror.email, "role_key": format!("review-role-{}", juror.role),
        "expires": kyiv_datetime(juror.expires_at),
        "signed_in": account.is_some(), "wrong_account": wrong,
        "unverified": account.is_some_and(|u| !u.is_verified()),
        "may_register": account.is_none() && !has_account,
        "login_next": format!("/jury/invitations/{token}"),
        "form": {"name": juror.full_name},
    })))
}

#[get("/jury/invitations/<token>")]
pub async fn page(
    page: PageCtx<'_>,
    token: String,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    match invitation_data(&page, db, now.0, &token).await? {
        Ok(data) => {
            let status = if data["wrong_account"] == json!(true) {
                Status::Forbidden
            } else {
                Status::Ok
            };
            Ok(PageResponse::Page((
                status,
                page.render("review/invitation", data)?,
            )))
        }
        Err(p) => link_problem(&page, p),
    }
}

#[post("/jury/invitations/<token>", data = "<_form>")]
pub async fn accept(
    page: PageCtx<'_>,
    user: VerifiedUser,
    token: String,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let account = user.0.user.clone();
    let r = db
        .write(move |c| invitation::accept(c, now.0, &account, &token))
        .await?;
    match r {
        Ok(comp) => Ok(to_competition(&comp)),
        Err(NotAccepted::Link(p)) => link_problem(&page, p),
        Err(NotAccepted::WrongAccount) => {
            let data = json!({"problem_key": "review-invitation-wrong-account"});
            Ok(PageResponse::Page((
                Status::Forbidden,
                page.render("review/invitation", data)?,
            )))
        }
        Err(NotAccepted::AlreadyJuror) => Ok(PageResponse::Redirect(redirect_with(
            "/reviews",
            FlashKind::Info,
            "review-already-juror",
        ))),
    }
}

#[post("/jury/invitations/<token>/register", data = "<form>")]
#[allow(clippy::too_many_arguments)]
pub async fn register(
    page: PageCtx<'_>,
    token: String,
    form: CsrfForm<JurorRegisterForm>,
    db: &Managed<Db>,
    settings: &Managed<Settings>,
    now: Now,
    client: ClientMeta,
    jar: &CookieJar<'_>,
) -> AppResult<PageResponse> {
    if page.viewer.is_some() {
        return Ok(PageResponse::Redirect(redirect_with(
            format!("/jury/invitations/{token}"),
            FlashKind::Info,
            "review-invitation-signed-in",
        )));
    }
    let r = invitation::register_and_accept(
        db,
        now.0,
        token.clone(),
        form.name.clone(),
        form.password.clone(),
        page.lang,
    )
    .await?;
    match r {
        Registered::Done(user, comp) => {
            let t = account_service::start_session(db, now.0, user, &client.ip, &client.user_agent)
                .await?;
            jar.add_private(crate::accounts::routes::session_cookie(t, settings));
            jar.remove_private(csrf::COOKIE);
            Ok(to_competition(&comp))
        }
        Registered::Invalid(errors) => {
            let mut data = match invitation_data(&page, db, now.0, &token).await? {
                Ok(d) => d,
                Err(p) => return link_problem(&page, p),
            };
            data["form"] = json!({"name": form.name});
            page.render_invalid("review/invitation", data, &errors)
        }
        Registered::Link(p) => link_problem(&page, p),
        Registered::HasAccount => Ok(PageResponse::Redirect(redirect_with(
            format!("/jury/invitations/{token}"),
            FlashKind::Info,
            "review-invitation-has-account",
        ))),
    }
}
