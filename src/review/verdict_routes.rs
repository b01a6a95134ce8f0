//! Organizer pages for closing the review, deliberation (rating and
//! overrides) and finalization. Thin: guard → form → one service call →
//! page or redirect. A refusal (`Conflict`) goes back with its reason as a
//! flash message.

use rocket::http::{ContentType, Header};
use rocket::{get, post, State as Managed};

use super::overrides::{self, OverrideForm};
use super::{closing, finalize, results_build, verdict_views as views};
use crate::applications::ProposalId;
use crate::auth::csrf::TokenOnly;
use crate::auth::{CsrfForm, OrganizerUser};
use crate::clock::Now;
use crate::competitions::{access, crumbs, Actor, CompetitionId, State};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::web::{PageCtx, PageResponse};

pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        close_page,
        close,
        deliberation,
        override_page,
        override_set,
        override_remove,
        finalize_results,
        results_json,
    ]
}

fn manage_url(id: &CompetitionId) -> String {
    format!("/organizer/competitions/{id}")
}

fn deliberation_url(id: &CompetitionId) -> String {
    format!("/organizer/competitions/{id}/deliberation")
}

use crate::web::context::back_to as back;

/// A refusal → back to `to` with its reason; other errors stay errors.
fn refused(to: String, e: AppError) -> AppResult<PageResponse> {
    back(to, Err::<(), _>(e), "")
}

#[get("/organizer/competitions/<id>/review/close")]
pub async fn close_page(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let (actor, key) = (Actor::of(&user.0), id.clone());
    let loaded = db
        .run(move |c| {
            let comp = access::load_managed(c, &actor, &key)?;
            if comp.state != State::Review {
                return Err(AppError::Conflict(
                    "competitions-refused-deliberation-state".into(),
                ));
            }
            Ok((comp, closing::missing(c, &key)?))
        })
        .await;
    let (comp, missing) = match loaded {
        Ok(v) => v,
        Err(e) => return refused(manage_url(&id), e),
    };
    let mut data = views::close(&comp, page.lang, &missing, "");
    data["breadcrumbs"] = crumbs::organizer(&page, Some(&comp), Some("verdict-close-title"));
    Ok(PageResponse::ok(page.render("review/close", data)?))
}

#[post("/organizer/competitions/<id>/review/close", data = "<form>")]
pub async fn close(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    form: CsrfForm<closing::CloseForm>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, reason) = (Actor::of(&user.0), id.clone(), form.reason.clone());
    match db
        .write(move |c| closing::close(c, now.0, &actor, &key, Some(&reason)))
        .await
    {
        Ok(Err(errors)) => {
            let (actor, key) = (Actor::of(&user.0), id.clone());
            let (comp, missing) = db
                .run(move |c| {
                    let comp = access::load_managed(c, &actor, &key)?;
                    Ok((comp, closing::missing(c, &key)?))
                })
                .await?;
            let mut data = views::close(&comp, page.lang, &missing, &form.reason);
            data["breadcrumbs"] =
                crumbs::organizer(&page, Some(&comp), Some("verdict-close-title"));
            page.render_invalid("review/close", data, &errors)
        }
        Ok(Ok(())) => back(deliberation_url(&id), Ok(()), "verdict-closed"),
        Err(e) => refused(manage_url(&id), e),
    }
}

#[get("/organizer/competitions/<id>/deliberation")]
pub async fn deliberation(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key) = (Actor::of(&user.0), id.clone());
    let loaded = db
        .run(move |c| {
            let comp = access::load_managed(c, &actor, &key)?;
            if !matches!(
                comp.state,
                State::Deliberation | State::Published | State::Closed
            ) {
                return Err(AppError::Conflict("verdict-refused-not-closed".into()));
            }
            let inputs = results_build::load(c, &key, now.0)?;
            let doc = results_build::assemble(&inputs)?;
            Ok((comp, inputs, doc, finalize::finalized(c, &key)?))
        })
        .await;
    let (comp, inputs, doc, fin) = match loaded {
        Ok(v) => v,
        Err(e) => return refused(manage_url(&id), e),
    };
    let mut data = views::deliberation(&comp, page.lang, &inputs, &doc, fin.as_ref());
    data["breadcrumbs"] = crumbs::organizer(&page, Some(&comp), Some("verdict-deliberation-title"));
    Ok(PageResponse::ok(page.render("review/deliberation", data)?))
}

/// The override form's page data for a proposal, or a refusal.
async fn override_data(
    page: &PageCtx<'_>,
    user: &OrganizerUser,
    id: &CompetitionId,
    pid: &ProposalId,
    form: Option<OverrideForm>,
    db: &Db,
    now: Now,
) -> AppResult<serde_json::Value> {
    let (actor, key, pkey) = (Actor::of(&user.0), id.clone(), pid.clone());
    let (comp, doc, reg, stored) = db
        .run(move |c| {
            let comp = finalize::load_open(c, &actor, &key)?;
            let (reg, _, _) = overrides::proposal_of(c, &key, &pkey)?;
            let doc = results_build::build(c, &key, now.0)?;
            Ok((comp, doc, reg, overrides::find(c, &key, &pkey)?))
        })
        .await?;
    let r = doc
        .outcome
        .proposals
        .iter()
        .find(|r| r.registration_number == reg)
        .ok_or(AppError::NotFound)?;
    let existing = stored.is_some();
    let form = form.unwrap_or_else(|| stored.as_ref().map(OverrideForm::of).unwrap_or_default());
    let mut data = views::override_form(&comp, page.lang, r, &doc, pid.as_str(), &form, existing);
    data["breadcrumbs"] = crumbs::organizer(page, Some(&comp), Some("verdict-override-title"));
    Ok(data)
}

#[get("/organizer/competitions/<id>/deliberation/<pid>/override")]
pub async fn override_page(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    pid: ProposalId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    match override_data(&page, &user, &id, &pid, None, db, now).await {
        Ok(data) => Ok(PageResponse::ok(page.render("review/override", data)?)),
        Err(e) => refused(deliberation_url(&id), e),
    }
}

#[post(
    "/organizer/competitions/<id>/deliberation/<pid>/override",
    data = "<form>"
)]
pub async fn override_set(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    pid: ProposalId,
    form: CsrfForm<OverrideForm>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, pkey, input) = (Actor::of(&user.0), id.clone(), pid.clone(), form.0.clone());
    let lang = page.lang;
    match db
        .write(move |c| overrides::set(c, now.0, &actor, (&key, &pkey), &input, lang))
        .await
    {
        Ok(Err(errors)) => {
            let data =
                override_data(&page, &user, &id, &pid, Some(form.0.clone()), db, now).await?;
            page.render_invalid("review/override", data, &errors)
        }
        other => back(deliberation_url(&id), other, "verdict-override-saved"),
    }
}

#[post(
    "/organizer/competitions/<id>/deliberation/<pid>/override/remove",
    data = "<_form>"
)]
pub async fn override_remove(
    user: OrganizerUser,
    id: CompetitionId,
    pid: ProposalId,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key) = (Actor::of(&user.0), id.clone());
    let result = db
        .write(move |c| overrides::remove(c, now.0, &actor, &key, &pid))
        .await;
    back(deliberation_url(&id), result, "verdict-override-removed")
}

#[post("/organizer/competitions/<id>/finalize", data = "<_form>")]
pub async fn finalize_results(
    user: OrganizerUser,
    id: CompetitionId,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key) = (Actor::of(&user.0), id.clone());
    let result = db
        .write(move |c| finalize::finalize(c, now.0, &actor, &key))
        .await;
    back(deliberation_url(&id), result, "verdict-finalized")
}

/// The frozen results document, byte for byte as hashed. Only the
/// competition's managers, until publication serves it to everyone.
#[derive(rocket::Responder)]
pub struct ResultsBytes {
    body: (ContentType, Vec<u8>),
    disposition: Header<'static>,
    digest: Header<'static>,
}

#[get("/organizer/competitions/<id>/results.json")]
pub async fn results_json(
    user: OrganizerUser,
    id: CompetitionId,
    db: &Managed<Db>,
) -> AppResult<ResultsBytes> {
    let actor = Actor::of(&user.0);
    let (comp, fin, bytes) = db
        .run(move |c| {
            let comp = access::load_managed(c, &actor, &id)?;
            let fin = finalize::finalized(c, &id)?.ok_or(AppError::NotFound)?;
            let bytes = finalize::document(c, &id)?.ok_or(AppError::NotFound)?;
            Ok((comp, fin, bytes))
        })
        .await?;
    let name = format!(
        "konkurs-{}-results.json",
        comp.code.as_deref().unwrap_or("competition")
    );
    Ok(ResultsBytes {
        body: (ContentType::JSON, bytes.into_bytes()),
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
        digest: Header::new("X-Results-SHA256", fin.sha256),
    })
}
