//! `GET /statistics`: the public statistics page.

use rocket::response::content::RawHtml;
use rocket::{get, routes, Route};
use serde_json::{json, Value};

use super::service::{self, Tally};
use crate::clock::Now;
use crate::db::Db;
use crate::error::AppResult;
use crate::organizations::codes::oblast_key;
use crate::web::charts::{BarChart, Row};
use crate::web::format::money;
use crate::web::PageCtx;
use rocket::State as Managed;

pub fn routes() -> Vec<Route> {
    routes![index]
}

#[get("/statistics")]
pub async fn index(page: PageCtx<'_>, db: &Managed<Db>, now: Now) -> AppResult<RawHtml<String>> {
    let st = db.run(move |c| service::gather(c, now.0)).await?;
    let lang = page.lang;
    let row = |label: String, t: &Tally| {
        json!({"label": label, "competitions": t.competitions, "proposals": t.proposals,
               "admitted": t.admitted, "funded": t.funded,
               "requested": money(t.requested, lang), "awarded": money(t.awarded, lang)})
    };
    let oblasts: Vec<(String, &Tally)> = st
        .by_oblast
        .iter()
        .map(|(code, t)| (page.t(&oblast_key(code)), t))
        .collect();
    let priorities: Vec<(String, &Tally)> = st
        .by_priority
        .iter()
        .map(|(p, t)| {
            let label = if p.is_empty() {
                page.t("statistics-priority-none")
            } else {
                p.clone()
            };
            (label, t)
        })
        .collect();
    let years: Vec<(String, &Tally)> = st
        .by_year
        .iter()
        .rev()
        .map(|(y, t)| (y.to_string(), t))
        .collect();

    let chart =
        |id: &str, caption: &str, header: &str, rows: &[(String, &Tally)], money_value: bool| {
            let rows = rows
                .iter()
                .map(|(label, t)| Row {
                    label: label.clone(),
                    value: if money_value { t.awarded } else { t.proposals },
                    value_text: if money_value {
                        money(t.awarded, lang)
                    } else {
                        t.proposals.to_string()
                    },
                })
                .collect();
            let value_header = if money_value {
                "statistics-awarded"
            } else {
                "statistics-proposals"
            };
            BarChart::new(
                id,
                &page.t(caption),
                &page.t(header),
                &page.t(value_header),
                rows,
            )
        };
    let table = |rows: &[(String, &Tally)]| -> Vec<Value> {
        rows.iter().map(|(l, t)| row(l.clone(), t)).collect()
    };

    let data = json!({
        "total": row(String::new(), &st.total),
        "published_competitions": st.published_competitions,
        "oblasts": table(&oblasts),
        "priorities": table(&priorities),
        "years": table(&years),
        "charts": {
            "oblast_proposals": chart("oblast-proposals", "statistics-chart-oblast-proposals", "statistics-oblast", &oblasts, false),
            "oblast_awarded": chart("oblast-awarded", "statistics-chart-oblast-awarded", "statistics-oblast", &oblasts, true),
            "priority_proposals": chart("priority-proposals", "statistics-chart-priority-proposals", "statistics-priority", &priorities, false),
            "year_awarded": chart("year-awarded", "statistics-chart-year-awarded", "statistics-year", &years, true),
        },
    });
    page.render("statistics/index", data)
}
