//! The public results page and each proposal's page, both 404 until the
//! results are published.

use rocket::{get, State as Managed};
use serde_json::json;

use super::access::{self, Published};
use super::proposal_view;
use super::results_view::{self, ChartTexts};
use crate::competitions::{crumbs, model as comp_model, views as comp_views, CompetitionId};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::web::{PageCtx, PageResponse};

fn chart_texts(ctx: &PageCtx<'_>) -> ChartTexts {
    ChartTexts {
        scores_caption: ctx.t("publication-chart-scores"),
        scores_label: ctx.t("publication-chart-scores-label"),
        scores_value: ctx.t("publication-chart-scores-value"),
        fund_caption: ctx.t("publication-chart-fund"),
        fund_label: ctx.t("publication-chart-fund-label"),
        fund_value: ctx.t("publication-chart-fund-value"),
        fund_remaining: ctx.t("publication-fund-remaining"),
    }
}

/// The breadcrumb trail: competitions › the competition › `here`.
fn trail(ctx: &PageCtx<'_>, p: &Published, here: Option<String>) -> serde_json::Value {
    let c = &p.frozen.competition;
    let mut items = crumbs::public(ctx, Some(c.title(ctx.lang)));
    if let Some(list) = items.as_array_mut() {
        if let Some(last) = list.last_mut() {
            last["url"] = json!(format!("/competitions/{}", c.id));
        }
        list.push(json!({"label": ctx.t("publication-results-title"), "url": here.as_ref().map(|_| format!("/competitions/{}/results", c.id))}));
        if let Some(h) = here {
            list.push(json!({"label": h, "url": null}));
        }
    }
    items
}

#[get("/competitions/<id>/results")]
pub async fn results(
    ctx: PageCtx<'_>,
    id: CompetitionId,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let (p, amendments, history) = db
        .run(move |c| {
            let p = access::published(c, &id)?;
            Ok((
                p,
                comp_model::amendments(c, &id)?,
                comp_model::transitions(c, &id)?,
            ))
        })
        .await?;
    let mut data = results_view::page(&p, ctx.lang, &chart_texts(&ctx));
    let c = &p.frozen.competition;
    data["id"] = json!(c.id);
    data["code"] = json!(p.code());
    data["title"] = json!(c.title(ctx.lang));
    data["published_at"] = json!(p.published_at);
    data["rules_sha256"] = json!(c.rules_sha256);
    data["results_sha256"] = json!(p.sha256);
    data["amendments"] = json!(amendments
        .iter()
        .map(|(a, who)| comp_views::amendment(a, who))
        .collect::<Vec<_>>());
    data["history"] = json!(history
        .iter()
        .map(comp_views::transition)
        .collect::<Vec<_>>());
    data["breadcrumbs"] = trail(&ctx, &p, None);
    Ok(PageResponse::ok(ctx.render("publication/results", data)?))
}

/// A proposal by registration number (or proposal ID).
#[get("/competitions/<id>/proposals/<key>")]
pub async fn proposal(
    ctx: PageCtx<'_>,
    id: CompetitionId,
    key: &str,
    db: &Managed<Db>,
) -> AppResult<PageResponse> {
    let key = key.to_string();
    let (p, row, docs) = db
        .run(move |c| {
            let p = access::published(c, &id)?;
            let row = crate::applications::model::lodged(c, &id)?
                .into_iter()
                .find(|r| {
                    r.registration_number.as_deref() == Some(key.as_str()) || r.id.as_str() == key
                })
                .ok_or(AppError::NotFound)?;
            let docs = crate::applications::model::documents(c, &row.id)?;
            Ok((p, row, docs))
        })
        .await?;
    let reg = row.registration_number.clone().unwrap_or_default();
    let entry = p
        .doc
        .proposals
        .iter()
        .find(|e| e.registration_number == reg && e.status != "withdrawn")
        .ok_or(AppError::NotFound)?;
    let mut data = proposal_view::page(&p, entry, &row, &docs, ctx.lang);
    data["breadcrumbs"] = trail(&ctx, &p, Some(reg));
    Ok(PageResponse::ok(ctx.render("publication/proposal", data)?))
}
