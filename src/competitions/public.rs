//! Public pages (no sign-in): the list of competitions and each call with
//! its rules, hash and amendments; the frozen rules document as exact bytes.

use rocket::http::{ContentType, Header};
use rocket::{get, State as Managed};
use serde_json::json;

use super::ids::CompetitionId;
use super::state::State;
use super::{access, crumbs, model, public_views, service, views};
use crate::clock::Now;
use crate::db::Db;
use crate::error::AppResult;
use crate::web::{PageCtx, PageResponse};

pub const PAGE_SIZE: i64 = 20;

#[get("/competitions?<state>&<q>&<page>")]
pub async fn list(
    ctx: PageCtx<'_>,
    state: Option<&str>,
    q: Option<&str>,
    page: Option<i64>,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let filter = state
        .and_then(State::parse)
        .filter(|s| State::PUBLIC.contains(s));
    let query = q.unwrap_or("").trim().to_lowercase();
    let page = page.unwrap_or(1).clamp(1, 10_000);
    let search = query.clone();
    let (rows, total) = db
        .run(move |c| {
            Ok(model::list_public(
                c,
                filter,
                &search,
                (page - 1) * PAGE_SIZE,
                PAGE_SIZE,
            )?)
        })
        .await?;
    let states: Vec<_> = State::PUBLIC.iter().map(|s| json!({"code": s.as_str(), "label_key": s.label_key(), "selected": Some(*s) == filter})).collect();
    let link = |p: i64| {
        format!(
            "/competitions?state={}&q={}&page={p}",
            filter.map(State::as_str).unwrap_or(""),
            rocket::http::RawStr::new(q.unwrap_or("").trim()).percent_encode()
        )
    };
    let data = json!({
        "competitions": rows.iter().map(|c| views::summary(c, ctx.lang, now.0)).collect::<Vec<_>>(),
        "total": total, "q": q.unwrap_or("").trim(), "states": states, "filtered": filter.is_some() || !query.is_empty(),
        "breadcrumbs": crumbs::public(&ctx, None),
        "prev": (page > 1).then(|| link(page - 1)), "next": (page * PAGE_SIZE < total).then(|| link(page + 1)),
    });
    Ok(PageResponse::ok(ctx.render("competitions/index", data)?))
}

#[get("/competitions/<id>")]
pub async fn show(
    ctx: PageCtx<'_>,
    id: CompetitionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let (frozen, amendments, history, defence) = db
        .run(move |c| {
            Ok((
                service::frozen(c, &id)?,
                model::amendments(c, &id)?,
                model::transitions(c, &id)?,
                crate::review::defence::views::public(c, &id, now.0)?,
            ))
        })
        .await?;
    let mut data = public_views::detail(&frozen, &amendments, &history, ctx.lang, now.0);
    data["defence"] = defence;
    let published = matches!(frozen.competition.state, State::Published | State::Closed);
    data["results_url"] =
        json!(published.then(|| format!("/competitions/{}/results", frozen.competition.id)));
    data["breadcrumbs"] = crumbs::public(&ctx, data["title"].as_str());
    Ok(PageResponse::ok(ctx.render("competitions/show", data)?))
}

/// The frozen rules document, byte for byte as hashed.
#[derive(rocket::Responder)]
pub struct RulesBytes {
    body: (ContentType, Vec<u8>),
    disposition: Header<'static>,
    digest: Header<'static>,
}

#[get("/competitions/<id>/rules.json")]
pub async fn rules_json(id: CompetitionId, db: &Managed<Db>) -> AppResult<RulesBytes> {
    let (comp, bytes) = db
        .run(move |c| {
            let comp = access::load_public(c, &id)?;
            let bytes = model::rules_json(c, &id)?.ok_or(crate::error::AppError::NotFound)?;
            Ok((comp, bytes))
        })
        .await?;
    let name = format!(
        "konkurs-{}-rules.json",
        comp.code.as_deref().unwrap_or("competition")
    );
    Ok(RulesBytes {
        body: (ContentType::JSON, bytes.into_bytes()),
        disposition: Header::new(
            "Content-Disposition",
            format!("inline; filename=\"{name}\""),
        ),
        digest: Header::new("X-Rules-SHA256", comp.rules_sha256.unwrap_or_default()),
    })
}
