//! The notice every applicant gets when the results are published: their
//! rank, aggregate, per-criterion means, award or the reason, all read from
//! the frozen results document and rendered in the recipient's language.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use serde_json::{json, Value};

use super::access::Published;
use super::views;
use crate::accounts::model as accounts;
use crate::applications::model as proposals;
use crate::applications::orgs;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::mail::{self, MailRenderer, OutgoingMail};
use crate::review::document::ProposalEntry;
use crate::web::format::money;
use crate::web::lang::Lang;

/// Queues one notice per applicant (members of the applicant organization,
/// or the proposal's creator when it has none) for every evaluated proposal.
pub fn applicants(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    renderer: &MailRenderer,
    p: &Published,
) -> AppResult<()> {
    let lodged = proposals::lodged(conn, p.id())?;
    for entry in p.doc.proposals.iter().filter(|e| e.status != "withdrawn") {
        let Some(row) = lodged
            .iter()
            .find(|r| r.registration_number.as_deref() == Some(&entry.registration_number))
        else {
            continue;
        };
        let mut users: BTreeSet<String> = orgs::member_ids(conn, &row.organization_id)?
            .into_iter()
            .collect();
        if users.is_empty() {
            users.insert(row.created_by.to_string());
        }
        for uid in users {
            let Ok(uid) = uid.parse() else { continue };
            let Some(u) = accounts::find(conn, &uid)? else {
                continue;
            };
            let lang = u.lang();
            let mut data = notice(p, entry, lang);
            data["name"] = json!(u.name);
            let msg = OutgoingMail {
                to_address: u.email.clone(),
                to_name: Some(u.name.clone()),
                lang,
                template: "results-published",
                data,
            };
            mail::enqueue(conn, now, renderer, msg)?;
        }
    }
    Ok(())
}

/// What the notice says about one proposal, in `lang`.
fn notice(p: &Published, entry: &ProposalEntry, lang: Lang) -> Value {
    let result = p
        .doc
        .outcome
        .proposals
        .iter()
        .find(|r| r.registration_number == entry.registration_number);
    let criteria: Vec<Value> = result
        .map(|r| {
            r.criteria
                .iter()
                .map(|c| {
                    json!({"name": p.criterion_name(&c.criterion_id),
                           "mean": c.mean.map(|m| views::decimal_in(m, lang))})
                })
                .collect()
        })
        .unwrap_or_default();
    json!({
        "number": entry.registration_number,
        "title": entry.title,
        "competition": p.frozen.competition.title(lang),
        "rank": result.and_then(|r| r.rank),
        "aggregate": result.and_then(|r| r.aggregate).map(|a| views::decimal_in(a, lang)),
        "criteria": criteria,
        "awarded": result.map(|r| r.awarded).filter(|a| *a > 0).map(|a| money(a, lang)),
        "why": result.map(|r| r.why_text(lang)),
        "path": format!("/competitions/{}/proposals/{}", p.id(), entry.registration_number),
        "results_path": format!("/competitions/{}/results", p.id()),
    })
}
