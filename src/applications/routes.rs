//! Applicant pages for proposals (start, list, show, edit, autosave;
//! submission and receipt are in `submit_routes`, the organizer's in
//! `decision_routes`). Thin: guard → form → one
//! service call → page/redirect. Refusals (`Conflict`) go back to the
//! proposal page with the reason as a flash message.

use rocket::{get, post, State as Managed};
use serde_json::json;

use super::forms::{ProposalInput, StartForm};
use super::{access, admissibility, model, service, submit, views, ProposalId};
use crate::auth::{CsrfForm, VerifiedUser};
use crate::clock::Now;
use crate::competitions::service as comp_service;
use crate::competitions::{Actor, CompetitionId};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::web::{redirect_with, FlashKind, PageCtx, PageResponse};

/// A page (200) with problems shown next to fields and in a summary.
fn with_errors(
    page: &PageCtx<'_>,
    template: &str,
    mut data: serde_json::Value,
    errors: &crate::web::forms::FieldErrors,
) -> AppResult<PageResponse> {
    if let (serde_json::Value::Object(d), serde_json::Value::Object(e)) =
        (&mut data, errors.to_context(&page.web.i18n, page.lang))
    {
        d.extend(e);
    }
    Ok(PageResponse::ok(page.render(template, data)?))
}

pub fn url(id: &ProposalId) -> String {
    format!("/proposals/{id}")
}

/// Success → `to` with `ok_key`; a refusal → the proposal with its reason.
pub fn back<T>(
    id: &ProposalId,
    to: String,
    r: AppResult<T>,
    ok_key: &str,
) -> AppResult<PageResponse> {
    match r {
        Ok(_) => Ok(PageResponse::Redirect(redirect_with(
            to,
            FlashKind::Success,
            ok_key,
        ))),
        Err(AppError::Conflict(key)) | Err(AppError::Unprocessable(key)) => Ok(
            PageResponse::Redirect(redirect_with(url(id), FlashKind::Error, &key)),
        ),
        Err(e) => Err(e),
    }
}

#[get("/competitions/<id>/apply")]
pub async fn start_page(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: CompetitionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let uid = user.0.user.id.clone();
    let (title, accepting, orgs) = db
        .run(move |c| {
            let f = comp_service::frozen(c, &id)?;
            Ok((
                f.competition.title_uk.clone(),
                f.competition.accepting(now.0),
                super::orgs::memberships(c, &uid)?,
            ))
        })
        .await?;
    let data = json!({"title": title, "accepting": accepting, "orgs": orgs.iter().map(|o| json!({"id": o.id, "name": o.full_name, "edrpou": o.edrpou})).collect::<Vec<_>>()});
    Ok(PageResponse::ok(page.render("applications/start", data)?))
}

#[post("/competitions/<id>/proposals", data = "<form>")]
pub async fn create(
    user: VerifiedUser,
    id: CompetitionId,
    form: CsrfForm<StartForm>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, org, cid) = (Actor::of(&user.0), form.organization_id.clone(), id.clone());
    match db
        .write(move |c| service::create(c, now.0, &actor, &cid, &org))
        .await
    {
        Ok(pid) => Ok(PageResponse::Redirect(redirect_with(
            format!("{}/edit", url(&pid)),
            FlashKind::Success,
            "applications-created",
        ))),
        Err(AppError::Conflict(key)) => Ok(PageResponse::Redirect(redirect_with(
            format!("/competitions/{id}/apply"),
            FlashKind::Error,
            &key,
        ))),
        Err(e) => Err(e),
    }
}

#[get("/proposals")]
pub async fn mine(
    page: PageCtx<'_>,
    user: VerifiedUser,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let uid = user.0.user.id.clone();
    let list = db
        .run(move |c| {
            let ids: Vec<String> = super::orgs::memberships(c, &uid)?
                .into_iter()
                .map(|o| o.id)
                .collect();
            Ok(model::of_organizations(c, &ids)?)
        })
        .await?;
    let rows: Vec<_> = list.iter().map(|p| views::summary(p, page.lang)).collect();
    Ok(PageResponse::ok(
        page.render("applications/mine", json!({"proposals": rows}))?,
    ))
}

#[get("/proposals/<id>")]
pub async fn show(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: ProposalId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (data, blockers) = show_data(&page, Actor::of(&user.0), id, db, now).await?;
    with_errors(&page, "applications/show", data, &blockers)
}

/// The refusal reasons for the decision form, `selected` marked.
pub fn reasons(selected: &str) -> serde_json::Value {
    json!(admissibility::REASONS
        .iter()
        .map(|r| json!({"code": r, "selected": *r == selected,
            "label_key": format!("applications-reason-{}", r.replace('_', "-"))}))
        .collect::<Vec<_>>())
}

/// The proposal page's data and what still blocks a draft's submission.
pub async fn show_data(
    page: &PageCtx<'_>,
    actor: Actor,
    id: ProposalId,
    db: &Db,
    now: Now,
) -> AppResult<(serde_json::Value, crate::web::forms::FieldErrors)> {
    let (p, role, f, docs, blockers) = db
        .run(move |c| {
            let (p, role) = access::load_readable(c, &actor, &id)?;
            let f = comp_service::frozen(c, &p.competition_id)?;
            let docs = model::documents(c, &p.id)?;
            let blockers = if p.state == model::state::DRAFT {
                submit::blockers(c, now.0, &p, &f)?
            } else {
                Default::default()
            };
            Ok((p, role, f, docs, blockers))
        })
        .await?;
    let accepting = f.competition.accepting(now.0);
    let member = role == access::Role::Member;
    let is_draft = p.state == model::state::DRAFT;
    let data = json!({
        "p": views::summary(&p, page.lang), "competition": {"id": f.competition.id, "title": f.competition.title_uk,
            "closes_at": f.competition.closes_at.map(crate::web::format::kyiv_datetime)},
        "documents": views::documents(&f.rules, &docs, page.lang),
        "may_edit": member && is_draft && accepting,
        "may_upload": member && super::documents::may_replace(&p, accepting, now.0),
        "may_submit": member && is_draft && accepting && blockers.is_empty(),
        "may_withdraw": member && p.state == model::state::SUBMITTED && accepting,
        "is_organizer": role == access::Role::Organizer && p.state == model::state::SUBMITTED && !accepting,
        "reasons": reasons(""), "decision_input": {"decision": "", "text": ""}, "correction_days": "",
        "blocked": !blockers.is_empty(), "scripts": ["upload.js"],
    });
    Ok((data, blockers))
}

#[get("/proposals/<id>/edit")]
pub async fn edit_page(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: ProposalId,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let actor = Actor::of(&user.0);
    let (p, errors, priorities) = db
        .run(move |c| {
            let p = access::load_own(c, &actor, &id)?;
            let f = comp_service::frozen(c, &p.competition_id)?;
            let errors = super::validate::check(&service::input_of(&p), &f.rules).1;
            Ok((p, errors, f.rules.priorities))
        })
        .await?;
    if p.state != model::state::DRAFT {
        return back(
            &p.id,
            String::new(),
            Err::<(), _>(AppError::Conflict("applications-read-only".into())),
            "",
        );
    }
    let mut data = views::form(&p, &service::input_of(&p), &priorities);
    data["scripts"] = json!(["autosave.js"]);
    with_errors(&page, "applications/form", data, &errors)
}

#[post("/proposals/<id>/edit", data = "<form>")]
pub async fn save(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: ProposalId,
    form: CsrfForm<ProposalInput>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, input, key) = (Actor::of(&user.0), form.0.clone(), id.clone());
    match db
        .write(move |c| service::save(c, now.0, &actor, &key, &input))
        .await
    {
        Ok(errors) if errors.is_empty() => {
            back(&id, url(&id), Ok(()), "applications-saved-complete")
        }
        Ok(errors) => {
            let (p, priorities) = db
                .run({
                    let id = id.clone();
                    move |c| {
                        let p = model::find(c, &id)?.ok_or(AppError::NotFound)?;
                        let f = comp_service::frozen(c, &p.competition_id)?;
                        Ok((p, f.rules.priorities))
                    }
                })
                .await?;
            let mut data = views::form(&p, &form.0, &priorities);
            data["saved"] = json!(true);
            data["scripts"] = json!(["autosave.js"]);
            page.render_invalid("applications/form", data, &errors)
        }
        Err(e) => back(&id, String::new(), Err::<(), _>(e), ""),
    }
}

/// Autosave (JavaScript): stores the draft, answers with JSON.
#[post("/proposals/<id>/autosave", data = "<form>")]
pub async fn autosave(
    user: VerifiedUser,
    id: ProposalId,
    form: CsrfForm<ProposalInput>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<rocket::serde::json::Json<serde_json::Value>> {
    let (actor, input) = (Actor::of(&user.0), form.0.clone());
    let errors = db
        .write(move |c| service::save(c, now.0, &actor, &id, &input))
        .await?;
    Ok(rocket::serde::json::Json(
        json!({"saved_at": crate::web::format::kyiv_datetime(now.0), "complete": errors.is_empty()}),
    ))
}
