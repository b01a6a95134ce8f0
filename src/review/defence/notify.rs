//! Notices to applicants about the defence: their proposal was scheduled,
//! its session changed, it was taken out of a session, or the session was
//! cancelled. Queued through the outbox in the caller's transaction, one
//! per member of the proposal's organization, in their language.

use chrono::NaiveDateTime;
use serde_json::json;

use super::model::Session;
use crate::applications::model::Proposal;
use crate::applications::orgs;
use crate::competitions::model::Competition;
use crate::db::ids::UserId;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::mail::{self, MailRenderer, OutgoingMail};
use crate::web::format::kyiv_datetime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Scheduled,
    Changed,
    Removed,
    Cancelled,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Scheduled => "scheduled",
            Kind::Changed => "changed",
            Kind::Removed => "removed",
            Kind::Cancelled => "cancelled",
        }
    }
}

/// Queues one notice per member of each proposal's organization.
pub fn send(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    renderer: &MailRenderer,
    c: &Competition,
    s: &Session,
    notices: &[(&Proposal, Kind)],
) -> AppResult<()> {
    for (p, kind) in notices {
        for uid in orgs::member_ids(conn, &p.organization_id)? {
            let Ok(uid) = uid.parse::<UserId>() else {
                continue;
            };
            let Some(u) = crate::accounts::model::find(conn, &uid)? else {
                continue;
            };
            let data = json!({
                "name": u.name,
                "subject_key": format!("mail-defence-subject-{}", kind.code()),
                "lead_key": format!("mail-defence-{}", kind.code()),
                "competition": c.title(u.lang()),
                "number": p.registration_number,
                "title": p.title,
                "when": kyiv_datetime(s.starts_at),
                "place": s.place,
                "online_url": s.online_url,
                "show_details": matches!(kind, Kind::Scheduled | Kind::Changed),
                "path": format!("/competitions/{}#defence", c.id),
            });
            let msg = OutgoingMail {
                to_address: u.email.clone(),
                to_name: Some(u.name.clone()),
                lang: u.lang(),
                template: "defence-session",
                data,
            };
            mail::enqueue(conn, now, renderer, msg)?;
        }
    }
    Ok(())
}
