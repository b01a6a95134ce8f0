//! The juror's pages: "My reviews", one competition's assignments, and
//! "My affiliations". A juror sees only their own work.

use rocket::{get, post, State as Managed};
use serde_json::{json, Value};

use crate::auth::csrf::TokenOnly;
use crate::auth::{CsrfForm, VerifiedUser};
use crate::clock::Now;
use crate::competitions::{model as comp_model, CompetitionId, State};
use crate::db::ids::UserId;
use crate::db::{AnyConnection, Db};
use crate::error::{AppError, AppResult};
use crate::review::affiliations::{self, AffiliationInput};
use crate::review::ids::AffiliationId;
use crate::review::model::{self, coi, Assignment, Juror};
use crate::web::context::back_to;
use crate::web::forms::FieldErrors;
use crate::web::{PageCtx, PageResponse};

#[derive(rocket::FromForm)]
pub struct AffiliationForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub edrpou: String,
    #[field(default = String::new())]
    pub relation: String,
    #[field(default = String::new())]
    pub note: String,
}

#[derive(rocket::FromForm)]
pub struct ConfirmForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub affiliations_note: String,
}
crate::has_csrf!(AffiliationForm, ConfirmForm);

/// The user's accepted juror row in the competition (404 otherwise).
pub fn juror_for(conn: &mut AnyConnection, user: &UserId, id: &CompetitionId) -> AppResult<Juror> {
    model::juror_of(conn, user, id)?.ok_or(AppError::NotFound)
}

/// A juror's status of one assignment (a Fluent key suffix).
pub fn status(a: &Assignment) -> &'static str {
    match a.coi.as_str() {
        coi::PENDING => "declare",
        coi::NONE if a.submitted_at.is_none() => "score",
        coi::NONE if a.round2_submitted_at.is_some() => "submitted-2",
        coi::NONE => "submitted",
        coi::AUTO => "auto",
        _ => "recused",
    }
}

#[get("/reviews")]
pub async fn mine(
    page: PageCtx<'_>,
    user: VerifiedUser,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let uid = user.0.user.id.clone();
    let lang = page.lang;
    let rows = db
        .run(move |c| {
            let mut rows = vec![];
            for j in model::juror_rows_of(c, &uid)? {
                let Some(comp) = comp_model::find(c, &j.competition_id)? else {
                    continue;
                };
                let mine = model::assignments_of(c, &j.id)?;
                let count = |s: &str| mine.iter().filter(|a| status(a) == s).count();
                rows.push(json!({
                    "id": comp.id, "title": comp.title(lang),
                    "state_key": format!("competitions-state-{}", comp.state.as_str()),
                    "role_key": format!("review-role-{}", j.role),
                    "assigned": mine.len(), "to_declare": count("declare"), "to_score": count("score"),
                    "submitted": count("submitted") + count("submitted-2"),
                    "recused": count("auto") + count("recused"),
                    "unconfirmed": j.affiliations_updated_at.is_none(),
                }));
            }
            Ok(rows)
        })
        .await?;
    Ok(PageResponse::ok(
        page.render("review/mine", json!({"rows": rows}))?,
    ))
}

#[get("/reviews/<id>")]
pub async fn competition(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: CompetitionId,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let uid = user.0.user.id.clone();
    let lang = page.lang;
    let data = db
        .run(move |c| {
            let j = juror_for(c, &uid, &id)?;
            let comp = comp_model::find(c, &id)?.ok_or(AppError::NotFound)?;
            let mut rows = vec![];
            for a in model::assignments_of(c, &j.id)? {
                let Some(h) = model::head(c, &a.proposal_id)? else {
                    continue;
                };
                rows.push(json!({"id": a.id, "number": h.registration_number, "title": h.title,
                    "organization": h.organization, "edrpou": h.edrpou, "seq": h.seq,
                    "status_key": format!("review-assignment-{}", status(&a))}));
            }
            rows.sort_by_key(|r| r["seq"].as_i64());
            Ok(json!({
                "c": {"id": comp.id, "title": comp.title(lang),
                      "state_key": format!("competitions-state-{}", comp.state.as_str())},
                "juror": {"label_number": j.label_number, "role_key": format!("review-role-{}", j.role),
                          "confirmed_at": j.affiliations_updated_at},
                "assignments": rows, "in_review": comp.state == State::Review,
                "before_review": matches!(comp.state, State::Announced | State::Admissibility),
            }))
        })
        .await?;
    Ok(PageResponse::ok(page.render("review/competition", data)?))
}

async fn affiliations_data(
    db: &Db,
    uid: UserId,
    id: CompetitionId,
    form: Value,
) -> AppResult<Value> {
    db.run(move |c| {
        let j = juror_for(c, &uid, &id)?;
        let comp = comp_model::find(c, &id)?.ok_or(AppError::NotFound)?;
        let list: Vec<Value> = model::affiliations(c, &j.id)?
            .into_iter()
            .map(|a| json!({"id": a.id, "edrpou": a.edrpou, "note": a.note,
                            "relation_key": format!("review-relation-{}", a.relation)}))
            .collect();
        let relations: Vec<Value> = model::RELATIONS
            .iter()
            .map(|r| json!({"code": r, "label_key": format!("review-relation-{r}"),
                            "selected": form["relation"] == json!(r)}))
            .collect();
        Ok(json!({
            "c": {"id": comp.id, "title": comp.title_uk},
            "affiliations": list, "relations": relations, "form": form,
            "affiliations_note": j.affiliations_note, "confirmed_at": j.affiliations_updated_at,
            "may_change": matches!(comp.state, State::Announced | State::Admissibility | State::Review),
            "may_remove": matches!(comp.state, State::Announced | State::Admissibility),
        }))
    })
    .await
}

fn back_to_affiliations(id: &CompetitionId, r: AppResult<()>, ok: &str) -> AppResult<PageResponse> {
    back_to(format!("/reviews/{id}/affiliations"), r, ok)
}

#[get("/reviews/<id>/affiliations")]
pub async fn affiliations_page(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: CompetitionId,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let form = json!({"relation": "employee", "edrpou": "", "note": ""});
    let data = affiliations_data(db, user.0.user.id.clone(), id, form).await?;
    Ok(PageResponse::ok(page.render("review/affiliations", data)?))
}

async fn invalid(
    page: &PageCtx<'_>,
    db: &Db,
    uid: UserId,
    id: CompetitionId,
    form: Value,
    errors: &FieldErrors,
) -> AppResult<PageResponse> {
    let data = affiliations_data(db, uid, id, form).await?;
    page.render_invalid("review/affiliations", data, errors)
}

#[post("/reviews/<id>/affiliations", data = "<form>")]
pub async fn add_affiliation(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: CompetitionId,
    form: CsrfForm<AffiliationForm>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let input = AffiliationInput {
        edrpou: form.edrpou.clone(),
        relation: form.relation.clone(),
        note: form.note.clone(),
    };
    let (uid, key, inp) = (user.0.user.id.clone(), id.clone(), input.clone());
    let r = db
        .write(move |c| {
            let j = juror_for(c, &uid, &key)?;
            affiliations::add(c, now.0, &j, &inp)
        })
        .await;
    match r {
        Ok(Err(errors)) => {
            let form = serde_json::to_value(&input).unwrap_or_default();
            invalid(&page, db, user.0.user.id.clone(), id, form, &errors).await
        }
        Ok(Ok(())) => back_to_affiliations(&id, Ok(()), "review-affiliation-added"),
        Err(e) => back_to_affiliations(&id, Err(e), ""),
    }
}

#[post("/reviews/<id>/affiliations/<aff>/remove", data = "<_form>")]
pub async fn remove_affiliation(
    user: VerifiedUser,
    id: CompetitionId,
    aff: AffiliationId,
    _form: CsrfForm<TokenOnly>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (uid, key) = (user.0.user.id.clone(), id.clone());
    let r = db
        .write(move |c| {
            let j = juror_for(c, &uid, &key)?;
            affiliations::remove(c, now.0, &j, &aff)
        })
        .await;
    back_to_affiliations(&id, r, "review-affiliation-removed")
}

#[post("/reviews/<id>/affiliations/confirm", data = "<form>")]
pub async fn confirm_affiliations(
    page: PageCtx<'_>,
    user: VerifiedUser,
    id: CompetitionId,
    form: CsrfForm<ConfirmForm>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (uid, key, note) = (
        user.0.user.id.clone(),
        id.clone(),
        form.affiliations_note.clone(),
    );
    let r = db
        .write(move |c| {
            let j = juror_for(c, &uid, &key)?;
            affiliations::confirm(c, now.0, &j, &note)
        })
        .await;
    match r {
        Ok(Err(errors)) => {
            let f = json!({"relation": "employee", "edrpou": "", "note": ""});
            let mut data = affiliations_data(db, user.0.user.id.clone(), id, f).await?;
            data["affiliations_note"] = json!(form.affiliations_note);
            page.render_invalid("review/affiliations", data, &errors)
        }
        Ok(Ok(())) => back_to_affiliations(&id, Ok(()), "review-affiliations-confirmed"),
        Err(e) => back_to_affiliations(&id, Err(e), ""),
    }
}
