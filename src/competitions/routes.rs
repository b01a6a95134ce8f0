//! Organizer pages: dashboard, draft form, announcement, amendments and
//! lifecycle steps. Thin: guard → form → one service call → page/redirect.
//! A refused step (`Conflict`) goes back to the competition's page with the
//! reason as a flash message.

use std::sync::Arc;

use rocket::{get, post, State as Managed};
use serde_json::json;

use super::access::Actor;
use super::forms::{AmendForm, CancelForm, DraftInput};
use super::ids::CompetitionId;
use super::{amend, crumbs, lifecycle, model, service, views};
use crate::auth::csrf::TokenOnly;
use crate::auth::{CsrfForm, OrganizerUser};
use crate::clock::Now;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::mail::MailRenderer;
use crate::web::context::back_to;
use crate::web::lang::Lang;
use crate::web::{redirect_with, FlashKind, PageCtx, PageResponse};

fn manage_url(id: &CompetitionId) -> String {
    format!("/organizer/competitions/{id}")
}

/// Back to the competition with the outcome's message.
fn back<T>(id: &CompetitionId, result: AppResult<T>, ok_key: &str) -> AppResult<PageResponse> {
    back_to(manage_url(id), result, ok_key)
}

#[get("/organizer/competitions")]
pub async fn dashboard(
    page: PageCtx<'_>,
    user: OrganizerUser,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let actor = Actor::of(&user.0);
    let owner = (!actor.is_admin).then(|| actor.user_id.clone());
    let list = db
        .run(move |c| Ok(model::list_managed(c, owner.as_ref())?))
        .await?;
    let rows: Vec<_> = list
        .iter()
        .map(|c| views::summary(c, page.lang, now.0))
        .collect();
    Ok(PageResponse::ok(page.render(
        "competitions/dashboard",
        json!({"competitions": rows, "breadcrumbs": crumbs::organizer(&page, None, None)}),
    )?))
}

#[get("/organizer/competitions/new")]
pub fn new_page(page: PageCtx<'_>, _user: OrganizerUser) -> AppResult<PageResponse> {
    let mut data = views::form(&DraftInput::default(), "/organizer/competitions", None);
    data["breadcrumbs"] = crumbs::organizer(&page, None, Some("competitions-new-title"));
    Ok(PageResponse::ok(page.render("competitions/form", data)?))
}

#[post("/organizer/competitions", data = "<form>")]
pub async fn create(
    page: PageCtx<'_>,
    user: OrganizerUser,
    form: CsrfForm<DraftInput>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, input) = (Actor::of(&user.0), form.0.clone());
    match db
        .write(move |c| service::create_draft(c, now.0, &actor, &input))
        .await?
    {
        Ok(id) => Ok(PageResponse::Redirect(redirect_with(
            manage_url(&id),
            FlashKind::Success,
            "competitions-draft-created",
        ))),
        Err(errors) => {
            let mut data = views::form(&form.0, "/organizer/competitions", None);
            data["breadcrumbs"] = crumbs::organizer(&page, None, Some("competitions-new-title"));
            page.render_invalid("competitions/form", data, &errors)
        }
    }
}

#[get("/organizer/competitions/<id>")]
pub async fn manage(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let actor = Actor::of(&user.0);
    let (comp, amendments, history, defence) = db
        .run(move |c| {
            let comp = super::access::load_managed(c, &actor, &id)?;
            Ok((
                comp,
                model::amendments(c, &id)?,
                model::transitions(c, &id)?,
                crate::review::defence::enabled(c, &id)?,
            ))
        })
        .await?;
    let mut data = views::manage(&comp, &amendments, &history, now.0);
    data["defence_url"] = json!(defence.then(|| format!("{}/defence", manage_url(&comp.id))));
    data["breadcrumbs"] = crumbs::organizer(&page, Some(&comp), None);
    Ok(PageResponse::ok(page.render("competitions/manage", data)?))
}

#[get("/organizer/competitions/<id>/edit")]
pub async fn edit_page(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let actor = Actor::of(&user.0);
    let key = id.clone();
    let (comp, draft) = db.run(move |c| service::draft_of(c, &actor, &key)).await?;
    if !comp.state.is_editable() {
        return back(
            &id,
            Err::<(), _>(AppError::Conflict("competitions-refused-frozen".into())),
            "",
        );
    }
    let mut data = views::form(&draft, &format!("{}/edit", manage_url(&id)), Some(&comp));
    data["breadcrumbs"] = crumbs::organizer(&page, Some(&comp), Some("competitions-edit-title"));
    Ok(PageResponse::ok(page.render("competitions/form", data)?))
}

#[post("/organizer/competitions/<id>/edit", data = "<form>")]
pub async fn save(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    form: CsrfForm<DraftInput>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, input, key) = (Actor::of(&user.0), form.0.clone(), id.clone());
    match db
        .write(move |c| service::save_draft(c, now.0, &actor, &key, &input))
        .await
    {
        Ok(Err(errors)) => {
            let comp = db
                .run({
                    let id = id.clone();
                    move |c| Ok(model::find(c, &id)?)
                })
                .await?;
            let mut data =
                views::form(&form.0, &format!("{}/edit", manage_url(&id)), comp.as_ref());
            data["breadcrumbs"] =
                crumbs::organizer(&page, comp.as_ref(), Some("competitions-edit-title"));
            page.render_invalid("competitions/form", data, &errors)
        }
        other => back(&id, other, "competitions-draft-saved"),
    }
}

#[post("/organizer/competitions/<id>/announce", data = "<_form>")]
pub async fn announce(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key) = (Actor::of(&user.0), id.clone());
    match db
        .write(move |c| service::announce(c, now.0, &actor, &key))
        .await
    {
        Ok(Err(incomplete)) => {
            let comp = db
                .run({
                    let id = id.clone();
                    move |c| Ok(model::find(c, &id)?)
                })
                .await?;
            let mut data = views::form(
                &incomplete.draft,
                &format!("{}/edit", manage_url(&id)),
                comp.as_ref(),
            );
            data["incomplete"] = json!(true);
            data["breadcrumbs"] =
                crumbs::organizer(&page, comp.as_ref(), Some("competitions-edit-title"));
            page.render_invalid("competitions/form", data, &incomplete.errors)
        }
        other => back(&id, other, "competitions-announced"),
    }
}

#[post("/organizer/competitions/<id>/steps/<step>", data = "<_form>")]
pub async fn step(
    user: OrganizerUser,
    id: CompetitionId,
    step: &str,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    mailer: &Managed<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, name) = (Actor::of(&user.0), id.clone(), step.to_string());
    let renderer = mailer.inner().clone();
    let result = db
        .write(move |c| lifecycle::run_step(c, now.0, &actor, &renderer, &key, &name))
        .await;
    back(&id, result, &format!("competitions-step-{step}-done"))
}

#[get("/organizer/competitions/<id>/cancel")]
pub async fn cancel_page(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let actor = Actor::of(&user.0);
    let comp = db
        .run(move |c| super::access::load_managed(c, &actor, &id))
        .await?;
    let trail = crumbs::organizer(&page, Some(&comp), Some("competitions-cancel-title"));
    let data =
        json!({"c": views::summary(&comp, Lang::Uk, now.0), "reason": "", "breadcrumbs": trail});
    Ok(PageResponse::ok(page.render("competitions/cancel", data)?))
}

#[post("/organizer/competitions/<id>/cancel", data = "<form>")]
pub async fn cancel(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    form: CsrfForm<CancelForm>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, reason) = (Actor::of(&user.0), id.clone(), form.reason.clone());
    match db
        .write(move |c| lifecycle::cancel(c, now.0, &actor, &key, &reason))
        .await
    {
        Ok(Err(errors)) => {
            let comp = db
                .run({
                    let id = id.clone();
                    move |c| model::find(c, &id)?.ok_or(AppError::NotFound)
                })
                .await?;
            let trail = crumbs::organizer(&page, Some(&comp), Some("competitions-cancel-title"));
            let data = json!({"c": views::summary(&comp, Lang::Uk, now.0), "reason": form.reason, "breadcrumbs": trail});
            page.render_invalid("competitions/cancel", data, &errors)
        }
        other => back(&id, other, "competitions-cancelled"),
    }
}

#[get("/organizer/competitions/<id>/amend/<kind>")]
pub async fn amend_page(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    kind: &str,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let kind = amend::Kind::parse(kind).ok_or(AppError::NotFound)?;
    let actor = Actor::of(&user.0);
    let comp = db
        .run(move |c| super::access::load_managed(c, &actor, &id))
        .await?;
    let mut data = views::amend_form(&comp, kind, &AmendForm::blank(kind));
    data["breadcrumbs"] = crumbs::organizer(&page, Some(&comp), Some(&kind.title_key()));
    Ok(PageResponse::ok(page.render("competitions/amend", data)?))
}

#[post("/organizer/competitions/<id>/amendments", data = "<form>")]
#[allow(clippy::too_many_arguments)]
pub async fn add_amendment(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    form: CsrfForm<AmendForm>,
    db: &Managed<Db>,
    mailer: &Managed<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, f) = (Actor::of(&user.0), id.clone(), form.0.clone());
    let mailer = mailer.inner().clone();
    match db
        .write(move |c| amend::amend(c, now.0, &actor, &key, &f, &mailer))
        .await
    {
        Ok(Err(errors)) => {
            let comp = db
                .run({
                    let id = id.clone();
                    move |c| model::find(c, &id)?.ok_or(AppError::NotFound)
                })
                .await?;
            let kind = amend::Kind::parse(&form.kind).unwrap_or(amend::Kind::Clarification);
            let mut data = views::amend_form(&comp, kind, &form.0);
            data["breadcrumbs"] = crumbs::organizer(&page, Some(&comp), Some(&kind.title_key()));
            page.render_invalid("competitions/amend", data, &errors)
        }
        other => back(&id, other, "competitions-amended"),
    }
}
