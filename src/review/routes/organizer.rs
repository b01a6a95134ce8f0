//! The organizer's jury pages: the jury list with invitations, removal,
//! the review's progress with the COI register, and reminders.

use std::sync::Arc;

use rocket::{get, post, State as Managed};
use serde_json::{json, Value};

use crate::auth::csrf::TokenOnly;
use crate::auth::{CsrfForm, OrganizerUser};
use crate::clock::Now;
use crate::competitions::{access as comp_access, Actor, CompetitionId, State};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::mail::MailRenderer;
use crate::review::ids::JurorId;
use crate::review::jury::{self, InviteInput};
use crate::review::{model, progress};
use crate::web::{PageCtx, PageResponse};

#[derive(rocket::FromForm)]
pub struct InviteForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub email: String,
    #[field(default = String::new())]
    pub full_name: String,
    #[field(default = String::new())]
    pub role: String,
}
crate::has_csrf!(InviteForm);

impl InviteForm {
    fn input(&self) -> InviteInput {
        InviteInput {
            email: self.email.clone(),
            full_name: self.full_name.clone(),
            role: self.role.clone(),
        }
    }
}

pub fn jury_url(id: &CompetitionId) -> String {
    format!("/organizer/competitions/{id}/jury")
}

pub fn progress_url(id: &CompetitionId) -> String {
    format!("/organizer/competitions/{id}/review")
}

use crate::web::context::back_to as back;

async fn jury_data(
    db: &Db,
    actor: Actor,
    id: CompetitionId,
    now: chrono::NaiveDateTime,
    input: InviteInput,
) -> AppResult<Value> {
    db.run(move |c| {
        let comp = comp_access::load_managed(c, &actor, &id)?;
        let jurors = model::jurors(c, &id)?;
        let mut rows = vec![];
        for j in &jurors {
            let status = match (j.accepted_at, j.expires_at <= now) {
                (Some(_), _) => "accepted",
                (None, true) => "expired",
                (None, false) => "invited",
            };
            rows.push(json!({
                "id": j.id, "label_number": j.label_number, "full_name": j.full_name,
                "email": j.email, "role_key": format!("review-role-{}", j.role),
                "status_key": format!("review-status-{status}"),
                "affiliations": model::affiliations(c, &j.id)?.len(),
                "confirmed_at": j.affiliations_updated_at,
                "unconfirmed": j.accepted_at.is_some() && j.affiliations_updated_at.is_none(),
            }));
        }
        let roles: Vec<Value> = model::ROLES
            .iter()
            .map(|r| json!({"code": r, "label_key": format!("review-role-{r}"), "selected": input.role == *r}))
            .collect();
        Ok(json!({
            "c": {"id": comp.id, "title": comp.title_uk, "state_key": format!("competitions-state-{}", comp.state.as_str())},
            "jurors": rows, "roles": roles, "form": input,
            "may_invite": jury::may_invite(&comp), "may_remove": jury::may_remove(&comp),
            "review_started": matches!(comp.state, State::Review | State::Deliberation | State::Published | State::Closed),
        }))
    })
    .await
}

#[get("/organizer/competitions/<id>/jury")]
pub async fn jury_page(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let input = InviteInput {
        role: "member".into(),
        ..Default::default()
    };
    let data = jury_data(db, Actor::of(&user.0), id, now.0, input).await?;
    Ok(PageResponse::ok(page.render("review/jury", data)?))
}

#[post("/organizer/competitions/<id>/jury", data = "<form>")]
pub async fn invite(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    form: CsrfForm<InviteForm>,
    db: &Managed<Db>,
    mail: &Managed<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, input, renderer, lang) = (
        Actor::of(&user.0),
        id.clone(),
        form.input(),
        mail.inner().clone(),
        page.lang,
    );
    let r = db
        .write(move |c| jury::invite(c, now.0, &actor, &renderer, &key, &input, lang))
        .await;
    match r {
        Ok(Err(errors)) => {
            let data = jury_data(db, Actor::of(&user.0), id, now.0, form.input()).await?;
            page.render_invalid("review/jury", data, &errors)
        }
        other => back(jury_url(&id), other, "review-invited"),
    }
}

#[post("/organizer/competitions/<id>/jury/<juror>/remove", data = "<_form>")]
pub async fn remove(
    user: OrganizerUser,
    id: CompetitionId,
    juror: JurorId,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key) = (Actor::of(&user.0), id.clone());
    let r = db
        .write(move |c| jury::remove(c, now.0, &actor, &key, &juror))
        .await;
    back(jury_url(&id), r, "review-removed")
}

#[get("/organizer/competitions/<id>/review")]
pub async fn progress_page(
    page: PageCtx<'_>,
    user: OrganizerUser,
    id: CompetitionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key) = (Actor::of(&user.0), id.clone());
    let (comp, p) = db
        .run(move |c| {
            let comp = comp_access::load_managed(c, &actor, &key)?;
            if matches!(
                comp.state,
                State::Draft | State::Announced | State::Admissibility
            ) {
                return Err(AppError::NotFound);
            }
            Ok((comp, progress::progress(c, now.0, &actor, &key)?))
        })
        .await?;
    let data = json!({
        "c": {"id": comp.id, "title": comp.title_uk},
        "p": p, "in_review": comp.state == State::Review,
        "any_short": p.proposals.iter().any(|r| r.short.is_some()),
    });
    Ok(PageResponse::ok(page.render("review/progress", data)?))
}

#[post("/organizer/competitions/<id>/review/reminders", data = "<_form>")]
pub async fn remind(
    user: OrganizerUser,
    id: CompetitionId,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    mail: &Managed<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, renderer) = (Actor::of(&user.0), id.clone(), mail.inner().clone());
    let r = db
        .write(move |c| progress::send_reminders(c, now.0, &actor, &renderer, &key))
        .await;
    back(progress_url(&id), r, "review-reminders-sent")
}
