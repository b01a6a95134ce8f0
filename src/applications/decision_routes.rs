//! The organizer's pages for lodged proposals: the admissibility decision,
//! the correction window and the list of a competition's proposals. A form
//! with problems re-renders the proposal page with the errors next to the
//! fields and in the summary, the input kept.

use std::sync::Arc;

use rocket::{get, post, State as Managed};
use serde_json::json;

use super::forms::{CorrectionForm, DecisionForm};
use super::routes::{back, reasons, show_data, url};
use super::{admissibility, model, views, ProposalId};
use crate::auth::{CsrfForm, VerifiedUser};
use crate::clock::Now;
use crate::competitions::{Actor, CompetitionId};
use crate::db::Db;
use crate::error::AppResult;
use crate::mail::MailRenderer;
use crate::web::forms::FieldErrors;
use crate::web::{PageCtx, PageResponse};

/// The proposal page again (422) with `errors` and the organizer's input.
async fn invalid(
    page: &PageCtx<'_>,
    user: &VerifiedUser,
    id: ProposalId,
    db: &Db,
    now: Now,
    errors: &FieldErrors,
    input: serde_json::Value,
) -> AppResult<PageResponse> {
    let (mut data, _) = show_data(page, Actor::of(&user.0), id, db, now).await?;
    if let (serde_json::Value::Object(d), serde_json::Value::Object(i)) = (&mut data, input) {
        d.extend(i);
    }
    page.render_invalid("applications/show", data, errors)
}

#[allow(clippy::too_many_arguments)]
#[post("/organizer/proposals/<id>/decision", data = "<form>")]
pub async fn decide(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: ProposalId,
    form: CsrfForm<DecisionForm>,
    db: &Managed<Db>,
    mail: &Managed<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, renderer) = (Actor::of(&user.0), id.clone(), mail.inner().clone());
    let f = form.0;
    let (decision, reason, text) = (f.decision.clone(), f.reason.clone(), f.text.clone());
    match db
        .write(move |c| {
            admissibility::decide(c, now.0, &actor, &renderer, &key, &decision, &reason, &text)
        })
        .await
    {
        Ok(Ok(())) => back(&id, url(&id), Ok(()), "applications-decided"),
        Ok(Err(errors)) => {
            let input = json!({"decision_input": {"decision": f.decision, "text": f.text},
                "reasons": reasons(&f.reason)});
            invalid(&page, &user, id, db, now, &errors, input).await
        }
        Err(e) => back(&id, String::new(), Err::<(), _>(e), ""),
    }
}

#[allow(clippy::too_many_arguments)]
#[post("/organizer/proposals/<id>/correction", data = "<form>")]
pub async fn correction(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: ProposalId,
    form: CsrfForm<CorrectionForm>,
    db: &Managed<Db>,
    mail: &Managed<Arc<MailRenderer>>,
    now: Now,
) -> AppResult<PageResponse> {
    let (actor, key, renderer, days) = (
        Actor::of(&user.0),
        id.clone(),
        mail.inner().clone(),
        form.days.clone(),
    );
    match db
        .write(move |c| admissibility::open_correction(c, now.0, &actor, &renderer, &key, &days))
        .await
    {
        Ok(Ok(_)) => back(&id, url(&id), Ok(()), "applications-correction-opened"),
        Ok(Err(errors)) => {
            let input = json!({"correction_days": form.days});
            invalid(&page, &user, id, db, now, &errors, input).await
        }
        Err(e) => back(&id, String::new(), Err::<(), _>(e), ""),
    }
}

#[get("/organizer/competitions/<id>/proposals")]
pub async fn organizer_list(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: CompetitionId,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let actor = Actor::of(&user.0);
    let list = db
        .run(move |c| {
            crate::competitions::access::load_managed(c, &actor, &id)?;
            Ok(model::lodged(c, &id)?)
        })
        .await?;
    let rows: Vec<_> = list.iter().map(|p| views::summary(p, page.lang)).collect();
    Ok(PageResponse::ok(
        page.render("applications/mine", json!({"proposals": rows}))?,
    ))
}
