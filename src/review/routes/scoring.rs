//! One assignment, as its juror sees it: before the declaration only the
//! registration number, title and applicant (to judge a conflict); after
//! declaring none, the content, documents and the juror's own score sheet.

use rocket::{get, post, State as Managed};
use serde_json::{json, Value};

use crate::applications::{model as proposals, service as app_service, views as app_views};
use crate::auth::{CsrfForm, VerifiedUser};
use crate::clock::Now;
use crate::competitions::{model as comp_model, service as comp_service, State};
use crate::db::ids::UserId;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::review::access;
use crate::review::coi::{self, DeclarationInput};
use crate::review::ids::AssignmentId;
use crate::review::model::{self, coi as states};
use crate::review::scores::{self, CriterionInput, Line};
use crate::web::context::back_to;
use crate::web::forms::FieldErrors;
use crate::web::{PageCtx, PageResponse};

#[derive(rocket::FromForm)]
pub struct DeclareForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub coi: String,
    #[field(default = String::new())]
    pub comment: String,
}

#[derive(rocket::FromForm)]
pub struct ScoreForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub action: String,
    #[field(default = Vec::new())]
    pub criteria: Vec<CriterionInput>,
}
crate::has_csrf!(DeclareForm, ScoreForm);

fn url(id: &AssignmentId) -> String {
    format!("/reviews/assignments/{id}")
}

/// The page's data; `typed` replaces the stored sheet (a re-render).
async fn data(
    db: &Db,
    uid: UserId,
    id: AssignmentId,
    now: chrono::NaiveDateTime,
    lang: crate::web::lang::Lang,
    typed: Option<(Vec<CriterionInput>, DeclarationInput)>,
) -> AppResult<Value> {
    db.run(move |c| {
        let (juror, a) = access::own_assignment(c, &uid, &id)?;
        let comp = comp_model::find(c, &a.competition_id)?.ok_or(AppError::NotFound)?;
        let h = model::head(c, &a.proposal_id)?.ok_or(AppError::NotFound)?;
        let mut d = json!({
            "a": {"id": a.id, "coi_key": format!("review-coi-{}", a.coi), "coi_comment": a.coi_comment,
                  "submitted_at": a.submitted_at, "round2_submitted_at": a.round2_submitted_at},
            "h": h, "c": {"id": comp.id, "title": comp.title(lang)},
            "juror": {"label_number": juror.label_number},
            "pending": a.coi == states::PENDING, "recused": a.is_recused(),
            "may_declare": a.coi == states::PENDING && comp.state == State::Review,
            "declaration": typed.as_ref().map(|t| json!(t.1)).unwrap_or(json!({"coi": "", "comment": ""})),
        });
        if a.coi != states::NONE {
            return Ok(d);
        }
        // Content only through the data layer's conflict-free path.
        let (p, a) = access::load_for_juror(c, &uid, &a.proposal_id)?;
        let f = comp_service::frozen(c, &p.competition_id)?;
        let round = scores::open_round(c, now, comp.state, &a)?;
        let shown = round.unwrap_or(if a.round2_submitted_at.is_some() { 2 } else { 1 });
        let sheet: Vec<Line> = match &typed {
            Some((input, _)) => scores::lines(&f.rules, input),
            None => scores::sheet(c, &f.rules, &a, shown)?,
        };
        let first: Vec<Line> = if shown == 2 {
            scores::sheet(c, &f.rules, &a, 1)?
        } else {
            vec![]
        };
        let docs = proposals::documents(c, &p.id)?;
        d["content"] = json!({
            "p": app_views::summary(&p, lang), "input": app_service::input_of(&p),
            "documents": app_views::documents(&f.rules, &docs, lang),
        });
        d["sheet"] = json!(sheet);
        d["first_round"] = json!(first);
        d["round"] = json!(shown);
        d["may_score"] = json!(round.is_some());
        d["comments_required"] = json!(f.rules.jury.comments_required);
        Ok(d)
    })
    .await
}

// Rank 1: `/reviews/<competition>/affiliations` has the same shape; a
// typed ID never equals "assignments" or "affiliations" anyway.
#[get("/reviews/assignments/<id>", rank = 1)]
pub async fn assignment(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: AssignmentId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let d = data(db, user.0.user.id.clone(), id, now.0, page.lang, None).await?;
    Ok(PageResponse::ok(page.render("review/assignment", d)?))
}

fn back(id: &AssignmentId, r: AppResult<()>, ok: &str) -> AppResult<PageResponse> {
    back_to(url(id), r, ok)
}

#[post("/reviews/assignments/<id>/coi", data = "<form>")]
pub async fn declare(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: AssignmentId,
    form: CsrfForm<DeclareForm>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let input = DeclarationInput {
        coi: form.coi.clone(),
        comment: form.comment.clone(),
    };
    let (uid, key, inp) = (user.0.user.id.clone(), id.clone(), input.clone());
    let r = db
        .write(move |c| coi::declare(c, now.0, &uid, &key, &inp))
        .await;
    match r {
        Ok(Err(errors)) => {
            let typed = Some((vec![], input));
            let d = data(db, user.0.user.id.clone(), id, now.0, page.lang, typed).await?;
            page.render_invalid("review/assignment", d, &errors)
        }
        Ok(Ok(_)) => back(&id, Ok(()), "review-coi-recorded"),
        Err(e) => back(&id, Err(e), ""),
    }
}

#[post("/reviews/assignments/<id>/scores", data = "<form>")]
pub async fn score(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: AssignmentId,
    form: CsrfForm<ScoreForm>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let submit = form.action == "submit";
    let (uid, key, input) = (user.0.user.id.clone(), id.clone(), form.criteria.clone());
    let r = db
        .write(move |c| {
            // The assignment must be the user's own; scores go through the
            // conflict-free path (a recused juror gets a 404 here).
            let (_, a) = access::own_assignment(c, &uid, &key)?;
            scores::save(c, now.0, &uid, &a.proposal_id, &input, submit)
        })
        .await;
    match r {
        Ok(Err(errors)) => rerender(&page, db, &user, id, now.0, &form.criteria, &errors).await,
        Ok(Ok(_)) if submit => back(&id, Ok(()), "review-scores-submitted"),
        Ok(Ok(_)) => back(&id, Ok(()), "review-scores-saved"),
        Err(e) => back(&id, Err(e), ""),
    }
}

async fn rerender(
    page: &PageCtx<'_>,
    db: &Db,
    user: &VerifiedUser,
    id: AssignmentId,
    now: chrono::NaiveDateTime,
    typed: &[CriterionInput],
    errors: &FieldErrors,
) -> AppResult<PageResponse> {
    let typed = Some((typed.to_vec(), DeclarationInput::default()));
    let d = data(db, user.0.user.id.clone(), id, now, page.lang, typed).await?;
    page.render_invalid("review/assignment", d, errors)
}
