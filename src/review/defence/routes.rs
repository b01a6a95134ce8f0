//! Organizer pages of the open defence: the sessions, the form to schedule
//! or change one, and cancelling. Thin: guard → one service call → page or
//! redirect. A refusal (`Conflict`) goes back to the sessions page with its
//! reason; a competition without open defence is a 404.

use std::collections::HashMap;
use std::sync::Arc;

use rocket::{get, post, State as Managed};
use serde_json::{json, Value};

use super::form::SessionForm;
use super::{model, service, views};
use crate::auth::csrf::TokenOnly;
use crate::auth::{CsrfForm, OrganizerUser};
use crate::clock::Now;
use crate::competitions::{crumbs, views as comp_views, Actor, CompetitionId};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::mail::MailRenderer;
use crate::review::ids::DefenceSessionId;
use crate::web::context::back_to;
use crate::web::{PageCtx, PageResponse};

fn list_url(id: &CompetitionId) -> String {
    format!("/organizer/competitions/{id}/defence")
}

/// Back to the sessions page with the outcome's message.
fn back<T>(id: &CompetitionId, result: AppResult<T>, ok_key: &str) -> AppResult<PageResponse> {
    back_to(list_url(id), result, ok_key)
}

#[get("/organizer/competitions/<id>/defence")]
pub async fn index(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let actor = Actor::of(&user.0);
    let (comp, sessions, round2) = db
        .run(move |c| {
            let comp = service::load(c, &actor, &id)?;
            let sessions = views::sessions(c, &id, now.0)?;
            let round2 = super::second_round_open(c, &id, now.0)?;
            Ok((comp, sessions, round2))
        })
        .await?;
    let data = json!({
        "c": comp_views::summary(&comp, page.lang, now.0),
        "sessions": sessions,
        "can_schedule": service::schedulable(comp.state),
        "second_round_open": round2,
        "breadcrumbs": crumbs::organizer(&page, Some(&comp), Some("defence-title")),
    });
    Ok(PageResponse::ok(page.render("defence/index", data)?))
}

/// The form page's data: `sid` names the session being changed.
async fn form_data(
    page: &PageCtx<'_>,
    db: &Db,
    actor: Actor,
    (id, sid): (CompetitionId, Option<DefenceSessionId>),
    typed: Option<SessionForm>,
    now: chrono::NaiveDateTime,
) -> AppResult<Value> {
    let s = sid.clone();
    let (comp, mut data) = db
        .run(move |c| {
            let comp = service::load(c, &actor, &id)?;
            if !service::schedulable(comp.state) {
                return Err(AppError::Conflict("defence-refused-state".into()));
            }
            let f = match (&s, typed) {
                (_, Some(f)) => f,
                (Some(sid), None) => {
                    let session = service::session_of(c, &id, sid)?;
                    service::changeable(&session, now)?;
                    views::form_of(c, &session)?
                }
                (None, None) => SessionForm::default(),
            };
            let admitted = service::admitted(c, &id)?;
            let taken: HashMap<_, _> = model::taken(c, &id, s.as_ref())?.into_iter().collect();
            let data = views::form(c, &f, &admitted, &taken)?;
            Ok((comp, data))
        })
        .await?;
    let title = if sid.is_some() {
        "defence-edit-title"
    } else {
        "defence-new-title"
    };
    data["c"] = comp_views::summary(&comp, page.lang, now);
    data["title_key"] = json!(title);
    data["action"] = json!(match &sid {
        Some(s) => format!("{}/{s}", list_url(&comp.id)),
        None => list_url(&comp.id),
    });
    data["breadcrumbs"] = crumbs::organizer(page, Some(&comp), Some(title));
    Ok(data)
}

async fn form_page(
    page: PageCtx<'_>,
    db: &Db,
    actor: Actor,
    key: (CompetitionId, Option<DefenceSessionId>),
    now: chrono::NaiveDateTime,
) -> AppResult<PageResponse> {
    let id = key.0.clone();
    match form_data(&page, db, actor, key, None, now).await {
        Ok(data) => Ok(PageResponse::ok(page.render("defence/form", data)?)),
        Err(e) => back(&id, Err::<(), _>(e), ""),
    }
}

#[get("/organizer/competitions/<id>/defence/new")]
pub async fn new_page(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    form_page(page, db, Actor::of(&user.0), (id, None), now.0).await
}

#[get("/organizer/competitions/<id>/defence/<sid>/edit")]
pub async fn edit_page(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    sid: DefenceSessionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    form_page(page, db, Actor::of(&user.0), (id, Some(sid)), now.0).await
}

/// A form with errors: the same page again, with what was typed.
async fn invalid(
    page: PageCtx<'_>,
    db: &Db,
    actor: Actor,
    key: (CompetitionId, Option<DefenceSessionId>),
    f: SessionForm,
    errors: &crate::web::forms::FieldErrors,
    now: chrono::NaiveDateTime,
) -> AppResult<PageResponse> {
    let data = form_data(&page, db, actor, key, Some(f), now).await?;
    page.render_invalid("defence/form", data, errors)
}

#[post("/organizer/competitions/<id>/defence", data = "<form>")]
pub async fn schedule(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    form: CsrfForm<SessionForm>,
    db: &Managed<Db>,
    mailer: &Managed<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, f) = (Actor::of(&user.0), id.clone(), form.0.clone());
    let mailer = mailer.inner().clone();
    let a = actor.clone();
    match db
        .write(move |c| service::schedule(c, now.0, &a, &mailer, &key, &f))
        .await
    {
        Ok(Err(errors)) => invalid(page, db, actor, (id, None), form.0, &errors, now.0).await,
        other => back(&id, other, "defence-scheduled"),
    }
}

#[post("/organizer/competitions/<id>/defence/<sid>", data = "<form>")]
#[allow(clippy::too_many_arguments)]
pub async fn change(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    sid: DefenceSessionId,
    form: CsrfForm<SessionForm>,
    db: &Managed<Db>,
    mailer: &Managed<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, s, f) = (Actor::of(&user.0), id.clone(), sid.clone(), form.0.clone());
    let mailer = mailer.inner().clone();
    let a = actor.clone();
    match db
        .write(move |c| service::change(c, now.0, &a, &mailer, (&key, &s), &f))
        .await
    {
        Ok(Err(errors)) => invalid(page, db, actor, (id, Some(sid)), form.0, &errors, now.0).await,
        other => back(&id, other, "defence-changed"),
    }
}

#[post("/organizer/competitions/<id>/defence/<sid>/cancel", data = "<_form>")]
pub async fn cancel(
    user: OrganizerUser,
    id: CompetitionId,
    sid: DefenceSessionId,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    mailer: &Managed<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key) = (Actor::of(&user.0), id.clone());
    let mailer = mailer.inner().clone();
    let result = db
        .write(move |c| service::cancel(c, now.0, &actor, &mailer, (&key, &sid)))
        .await;
    back(&id, result, "defence-cancelled")
}
