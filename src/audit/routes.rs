//! The public audit log: entries with their hashes (details only where they
//! are public), and a page that re-verifies the whole chain on request.

use std::collections::BTreeSet;

use fluent_bundle::FluentArgs;
use rocket::{get, State};
use serde_json::json;

use super::disclosure::{self, Shown};
use super::{list, verify, AuditEntry, BrokenReason, ListFilter, VerifyReport};
use crate::db::Db;
use crate::error::AppResult;
use crate::web::{PageCtx, PageResponse};

const PAGE: i64 = 50;

pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![index, verify_page]
}

fn view(e: &AuditEntry, published: &BTreeSet<String>) -> serde_json::Value {
    let competition_published = e
        .competition_id
        .as_ref()
        .is_some_and(|c| published.contains(c));
    let shown = disclosure::shown(e, competition_published);
    let (details, deferred) = match &shown {
        Shown::Details(d) => (Some(d.clone()), false),
        Shown::Deferred => (None, true),
        Shown::Private => (None, false),
    };
    json!({
        "seq": e.seq, "at": e.at, "action": e.action, "actor_label": e.actor_label,
        "subject_type": e.subject_type,
        // Subjects and details of private (or not yet public) entries stay
        // hidden; the hash of the details is in the chain, so the chain
        // still verifies.
        "subject_id": if details.is_some() { e.subject_id.clone() } else { None },
        "competition_id": e.competition_id, "details": details, "deferred": deferred,
        "details_sha256": e.details_sha256, "prev_hash": e.prev_hash, "hash": e.hash,
    })
}

#[get("/audit?<competition>&<before>")]
async fn index(
    page: PageCtx<'_>,
    db: &State<Db>,
    competition: Option<String>,
    before: Option<i64>,
) -> AppResult<PageResponse> {
    let filter = ListFilter {
        competition_id: competition.clone().filter(|c| !c.is_empty()),
        before_seq: before,
        limit: PAGE,
    };
    let (entries, published) = db
        .run(move |c| {
            let published: BTreeSet<String> = crate::publication::model::published_ids(c)?
                .into_iter()
                .map(|id| id.to_string())
                .collect();
            Ok((list(c, &filter)?, published))
        })
        .await?;
    let next = (entries.len() as i64 == PAGE)
        .then(|| entries.last().map(|e| e.seq))
        .flatten();
    let rows: Vec<_> = entries.iter().map(|e| view(e, &published)).collect();
    let data = json!({"entries": rows, "competition": competition.unwrap_or_default(), "next_before": next});
    Ok(PageResponse::ok(page.render("audit/index", data)?))
}

#[get("/audit/verify")]
async fn verify_page(page: PageCtx<'_>, db: &State<Db>) -> AppResult<PageResponse> {
    let report = db.run(verify).await?;
    let i18n = &page.web.i18n;
    let (ok, message) = match &report {
        VerifyReport::Ok { entries, head_hash } => {
            let mut args = FluentArgs::new();
            args.set("entries", *entries as i64);
            args.set("head", head_hash.clone());
            (true, i18n.t(page.lang, "audit-verify-ok", Some(&args)))
        }
        VerifyReport::Broken { seq, reason, .. } => {
            let mut reason_args = FluentArgs::new();
            if let BrokenReason::SeqGap { expected } = reason {
                reason_args.set("expected", *expected);
            }
            let mut args = FluentArgs::new();
            args.set("seq", *seq);
            args.set(
                "reason",
                i18n.t(page.lang, reason.message_key(), Some(&reason_args)),
            );
            (false, i18n.t(page.lang, "audit-verify-broken", Some(&args)))
        }
    };
    Ok(PageResponse::ok(page.render(
        "audit/verify",
        json!({"ok": ok, "message": message}),
    )?))
}
