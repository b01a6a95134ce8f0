//! Account pages: register, verify, sign in and out, reset and change the
//! password. Handlers are thin: guards → form → one service call → page.

use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::{get, post, State};
use serde_json::json;

use super::forms::{
    safe_next, ChangePasswordForm, Echo, ForgotForm, LoginForm, RegisterForm, ResetForm,
};
use super::service::{self, LoginOutcome, ResetRefusal};
use crate::auth::csrf::{self, TokenOnly};
use crate::auth::{session, AuthUser, CsrfForm, MaybeUser};
use crate::clock::Now;
use crate::config::Settings;
use crate::db::Db;
use crate::error::AppResult;
use crate::mail::MailRenderer;
use crate::web::client::ClientMeta;
use crate::web::format::kyiv_datetime;
use crate::web::forms::FieldErrors;
use crate::web::{redirect_with, FlashKind, PageCtx, PageResponse};
use std::sync::Arc;

/// The session cookie (also set when a jury invitation creates an account).
pub(crate) fn session_cookie(token: String, settings: &Settings) -> Cookie<'static> {
    Cookie::build((session::COOKIE, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(settings.public_base_url.starts_with("https://"))
        .max_age(rocket::time::Duration::days(session::MAX_AGE.num_days()))
        .build()
}

#[get("/register")]
pub fn register_page(page: PageCtx<'_>) -> AppResult<PageResponse> {
    Ok(PageResponse::ok(page.render(
        "accounts/register",
        json!({"form": Echo::default()}),
    )?))
}

#[post("/register", data = "<form>")]
pub async fn register(
    page: PageCtx<'_>,
    form: CsrfForm<RegisterForm>,
    db: &State<Db>,
    mailer: &State<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    match service::register(db, mailer.inner().clone(), now.0, &form, page.lang).await? {
        Ok(_) => Ok(PageResponse::Redirect(redirect_with(
            "/register/check-email",
            FlashKind::Success,
            "register-done",
        ))),
        Err(errors) => {
            let echo = Echo {
                name: form.name.clone(),
                email: form.email.clone(),
                next: String::new(),
            };
            page.render_invalid("accounts/register", json!({"form": echo}), &errors)
        }
    }
}

#[get("/register/check-email")]
pub fn check_email(page: PageCtx<'_>) -> AppResult<PageResponse> {
    Ok(PageResponse::ok(
        page.render("accounts/check-email", json!({}))?,
    ))
}

#[get("/verify-email/<token>")]
pub async fn verify_email(
    page: PageCtx<'_>,
    token: String,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    match service::verify_email(db, now.0, token).await? {
        Ok(_) => {
            let to = if page.viewer.is_some() {
                "/account"
            } else {
                "/login"
            };
            Ok(PageResponse::Redirect(redirect_with(
                to,
                FlashKind::Success,
                "verify-done",
            )))
        }
        Err(problem) => token_problem(&page, problem.message_key()),
    }
}

fn token_problem(page: &PageCtx<'_>, key: &str) -> AppResult<PageResponse> {
    let html = page.render("accounts/token-problem", json!({"problem_key": key}))?;
    Ok(PageResponse::Page((Status::BadRequest, html)))
}

#[post("/account/verify/resend", data = "<_form>")]
pub async fn resend_verification(
    user: AuthUser,
    _form: CsrfForm<TokenOnly>,
    db: &State<Db>,
    mailer: &State<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    service::resend_verification(db, mailer.inner().clone(), now.0, user.0.user.id).await?;
    Ok(PageResponse::Redirect(redirect_with(
        "/account",
        FlashKind::Success,
        "verify-resent",
    )))
}

#[get("/login?<next>")]
pub fn login_page(page: PageCtx<'_>, next: Option<&str>) -> AppResult<PageResponse> {
    let echo = Echo {
        next: safe_next(next),
        ..Default::default()
    };
    Ok(PageResponse::ok(
        page.render("accounts/login", json!({"form": echo}))?,
    ))
}

#[post("/login", data = "<form>")]
pub async fn login(
    page: PageCtx<'_>,
    form: CsrfForm<LoginForm>,
    db: &State<Db>,
    settings: &State<Settings>,
    now: Now,
    client: ClientMeta,
    jar: &CookieJar<'_>,
) -> AppResult<PageResponse> {
    let next = safe_next(form.next.as_deref());
    let echo = Echo {
        email: form.email.clone(),
        next: next.clone(),
        ..Default::default()
    };
    let mut errors = FieldErrors::new();
    match service::login(
        db,
        now.0,
        &form.email,
        &form.password,
        &client.ip,
        &client.user_agent,
    )
    .await?
    {
        LoginOutcome::SignedIn { token, .. } => {
            jar.add_private(session_cookie(token, settings));
            jar.remove_private(csrf::COOKIE);
            return Ok(PageResponse::Redirect(redirect_with(
                next,
                FlashKind::Success,
                "login-done",
            )));
        }
        LoginOutcome::BadCredentials => errors.add("email", "login-bad-credentials"),
        LoginOutcome::Throttled(at) => {
            errors.add_with("email", "login-throttled", &[("time", kyiv_datetime(at))]);
            let html = page.render_invalid("accounts/login", json!({"form": echo}), &errors)?;
            return Ok(match html {
                PageResponse::Page((_, body)) => {
                    PageResponse::Page((Status::TooManyRequests, body))
                }
                other => other,
            });
        }
    }
    page.render_invalid("accounts/login", json!({"form": echo}), &errors)
}

#[post("/logout", data = "<_form>")]
pub async fn logout(
    user: MaybeUser,
    _form: CsrfForm<TokenOnly>,
    db: &State<Db>,
    now: Now,
    jar: &CookieJar<'_>,
) -> AppResult<PageResponse> {
    if let Some(v) = user.0 {
        service::logout(db, now.0, v.session_id).await?;
    }
    jar.remove_private(session::COOKIE);
    Ok(PageResponse::Redirect(redirect_with(
        "/",
        FlashKind::Success,
        "logout-done",
    )))
}

#[get("/password/forgot")]
pub fn forgot_page(page: PageCtx<'_>) -> AppResult<PageResponse> {
    Ok(PageResponse::ok(page.render(
        "accounts/forgot",
        json!({"form": Echo::default()}),
    )?))
}

#[post("/password/forgot", data = "<form>")]
pub async fn forgot(
    page: PageCtx<'_>,
    form: CsrfForm<ForgotForm>,
    db: &State<Db>,
    mailer: &State<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let mut errors = FieldErrors::new();
    super::forms::check_email(&mut errors, "email", &form.email);
    if !errors.is_empty() {
        let echo = Echo {
            email: form.email.clone(),
            ..Default::default()
        };
        return page.render_invalid("accounts/forgot", json!({"form": echo}), &errors);
    }
    service::request_reset(db, mailer.inner().clone(), now.0, &form.email).await?;
    Ok(PageResponse::Redirect(redirect_with(
        "/password/forgot/sent",
        FlashKind::Info,
        "forgot-sent",
    )))
}

#[get("/password/forgot/sent")]
pub fn forgot_sent(page: PageCtx<'_>) -> AppResult<PageResponse> {
    Ok(PageResponse::ok(
        page.render("accounts/check-email", json!({}))?,
    ))
}

#[get("/password/reset/<token>")]
pub async fn reset_page(
    page: PageCtx<'_>,
    token: String,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    match service::check_reset(db, now.0, token.clone()).await? {
        Ok(()) => Ok(PageResponse::ok(
            page.render("accounts/reset", json!({"token": token}))?,
        )),
        Err(problem) => token_problem(&page, problem.message_key()),
    }
}

#[post("/password/reset/<token>", data = "<form>")]
pub async fn reset(
    page: PageCtx<'_>,
    token: String,
    form: CsrfForm<ResetForm>,
    db: &State<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    match service::reset_password(db, now.0, token.clone(), &form.password).await? {
        Ok(_) => Ok(PageResponse::Redirect(redirect_with(
            "/login",
            FlashKind::Success,
            "reset-done",
        ))),
        Err(ResetRefusal::Token(problem)) => token_problem(&page, problem.message_key()),
        Err(ResetRefusal::Fields(errors)) => {
            page.render_invalid("accounts/reset", json!({"token": token}), &errors)
        }
    }
}

#[get("/account")]
pub fn account(page: PageCtx<'_>, user: AuthUser) -> AppResult<PageResponse> {
    let roles: Vec<_> = user
        .0
        .roles
        .iter()
        .map(|r| format!("role-{}", r.as_str()))
        .collect();
    let u = &user.0.user;
    let data = json!({"account": {"name": u.name, "email": u.email, "verified": u.is_verified(), "roles": roles, "created_at": u.created_at}});
    Ok(PageResponse::ok(page.render("accounts/account", data)?))
}

#[get("/account/password")]
pub fn password_page(page: PageCtx<'_>, _user: AuthUser) -> AppResult<PageResponse> {
    Ok(PageResponse::ok(
        page.render("accounts/password", json!({}))?,
    ))
}

#[post("/account/password", data = "<form>")]
#[allow(clippy::too_many_arguments)]
pub async fn change_password(
    page: PageCtx<'_>,
    user: AuthUser,
    form: CsrfForm<ChangePasswordForm>,
    db: &State<Db>,
    settings: &State<Settings>,
    now: Now,
    client: ClientMeta,
    jar: &CookieJar<'_>,
) -> AppResult<PageResponse> {
    if let Err(errors) = service::change_password(db, now.0, &user.0.user, &form).await? {
        return page.render_invalid("accounts/password", json!({}), &errors);
    }
    // Every session ended, this one too; this browser gets a fresh one.
    let token = service::start_session(
        db,
        now.0,
        user.0.user.id.clone(),
        &client.ip,
        &client.user_agent,
    )
    .await?;
    jar.add_private(session_cookie(token, settings));
    Ok(PageResponse::Redirect(redirect_with(
        "/account",
        FlashKind::Success,
        "password-changed",
    )))
}
