//! Submission, withdrawal, the receipt page and the snapshot whose SHA-256
//! is the receipt hash.

use std::sync::Arc;

use rocket::{get, post, State as Managed};
use serde_json::json;

use super::routes::{back, url};
use super::{access, submit, views, ProposalId};
use crate::auth::csrf::TokenOnly;
use crate::auth::{CsrfForm, VerifiedUser};
use crate::clock::Now;
use crate::competitions::service as comp_service;
use crate::competitions::Actor;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::mail::MailRenderer;
use crate::web::{PageCtx, PageResponse};

#[post("/proposals/<id>/submit", data = "<_form>")]
pub async fn submit_route(
    user: VerifiedUser,
    id: ProposalId,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    mail: &Managed<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, renderer) = (Actor::of(&user.0), id.clone(), mail.inner().clone());
    match db
        .write(move |c| submit::submit(c, now.0, &actor, &renderer, &key))
        .await
    {
        Ok(Ok(_)) => back(
            &id,
            format!("{}/receipt", url(&id)),
            Ok(()),
            "applications-submitted",
        ),
        Ok(Err(_)) => back(
            &id,
            String::new(),
            Err::<(), _>(AppError::Conflict("applications-incomplete".into())),
            "",
        ),
        Err(e) => back(&id, String::new(), Err::<(), _>(e), ""),
    }
}

#[post("/proposals/<id>/withdraw", data = "<_form>")]
pub async fn withdraw(
    user: VerifiedUser,
    id: ProposalId,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key) = (Actor::of(&user.0), id.clone());
    let r = db
        .write(move |c| submit::withdraw(c, now.0, &actor, &key))
        .await;
    back(&id, url(&id), r, "applications-withdrawn")
}

#[get("/proposals/<id>/receipt")]
pub async fn receipt(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: ProposalId,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let actor = Actor::of(&user.0);
    let (p, title) = db
        .run(move |c| {
            let (p, _) = access::load_readable(c, &actor, &id)?;
            let t = comp_service::frozen(c, &p.competition_id)?
                .competition
                .title_uk;
            Ok((p, t))
        })
        .await?;
    if p.receipt_sha256.is_none() {
        return Err(AppError::NotFound);
    }
    let data = json!({"p": views::summary(&p, page.lang), "competition": title});
    Ok(PageResponse::ok(page.render("applications/receipt", data)?))
}

/// The exact snapshot bytes whose SHA-256 is the receipt hash.
#[get("/proposals/<id>/snapshot.json")]
pub async fn snapshot(
    user: VerifiedUser,
    id: ProposalId,
    db: &Managed<Db>,
) -> AppResult<(rocket::http::ContentType, String)> {
    let actor = Actor::of(&user.0);
    let p = db
        .run(move |c| Ok(access::load_readable(c, &actor, &id)?.0))
        .await?;
    let bytes = p.snapshot_json.ok_or(AppError::NotFound)?;
    Ok((rocket::http::ContentType::JSON, bytes))
}
