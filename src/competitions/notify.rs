//! E-mails about a competition, queued through the outbox in the caller's
//! transaction (so they exist only if the change commits).

use chrono::NaiveDateTime;
use serde_json::json;

use super::amend::Recipient;
use super::model::{Amendment, Competition};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::mail::{self, MailRenderer, OutgoingMail};

/// Queues the amendment notice for each recipient, in their language.
pub fn amendment(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    renderer: &MailRenderer,
    competition: &Competition,
    a: &Amendment,
    recipients: &[Recipient],
) -> AppResult<()> {
    for r in recipients {
        let data = json!({
            "name": r.name,
            "title": competition.title(r.lang),
            "path": format!("/competitions/{}#amendment-{}", competition.id, a.seq),
            "kind_key": format!("competitions-amendment-{}", a.kind.replace('_', "-")),
            "reason": a.reason,
            "clarification": a.clarification,
            "closes_at_before": a.closes_at_before,
            "closes_at_after": a.closes_at_after,
            "fund_before": a.fund_before,
            "fund_after": a.fund_after,
        });
        let msg = OutgoingMail {
            to_address: r.email.clone(),
            to_name: Some(r.name.clone()),
            lang: r.lang,
            template: "competition-amended",
            data,
        };
        mail::enqueue(conn, now, renderer, msg)?;
    }
    Ok(())
}
