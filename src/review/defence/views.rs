//! View models: the public "open defence" section, the organizer's list of
//! sessions and the session form.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde_json::{json, Value};

use super::form::{position_field, SessionForm};
use super::model::{self, Session};
use crate::applications::model::Proposal;
use crate::applications::orgs;
use crate::competitions::input::kyiv_input;
use crate::competitions::CompetitionId;
use crate::db::AnyConnection;
use crate::error::AppResult;

fn slot(conn: &mut AnyConnection, position: i32, p: &Proposal) -> AppResult<Value> {
    let org = orgs::find(conn, &p.organization_id)?;
    Ok(json!({
        "position": position,
        "number": p.registration_number,
        "title": p.title,
        "organization": org.map(|o| o.full_name),
    }))
}

fn session(conn: &mut AnyConnection, s: &Session, now: NaiveDateTime) -> AppResult<Value> {
    let mut slots = vec![];
    for (pos, p) in model::slots(conn, &s.id)? {
        slots.push(slot(conn, pos, &p)?);
    }
    Ok(json!({
        "id": s.id,
        "starts_at": s.starts_at,
        "place": s.place,
        "online_url": s.online_url,
        "cancelled": s.is_cancelled(),
        "started": s.has_started(now),
        "changeable": !s.is_cancelled() && !s.has_started(now),
        "slots": slots,
    }))
}

/// Every session of a competition, earliest first.
pub fn sessions(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    now: NaiveDateTime,
) -> AppResult<Vec<Value>> {
    let mut out = vec![];
    for s in model::of_competition(conn, id)? {
        out.push(session(conn, &s, now)?);
    }
    Ok(out)
}

/// The public section: `null` when the competition has no open defence or
/// nothing was scheduled yet.
pub fn public(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    now: NaiveDateTime,
) -> AppResult<Value> {
    if !super::enabled(conn, id)? {
        return Ok(Value::Null);
    }
    let list = sessions(conn, id, now)?;
    if list.is_empty() {
        return Ok(Value::Null);
    }
    Ok(json!({"sessions": list, "second_round_open": super::second_round_open(conn, id, now)?}))
}

/// A session form as typed (or as stored), with a row per admitted proposal.
pub fn form(
    conn: &mut AnyConnection,
    f: &SessionForm,
    admitted: &[Proposal],
    taken: &HashMap<crate::applications::ProposalId, NaiveDateTime>,
) -> AppResult<Value> {
    let mut rows = vec![];
    for p in admitted {
        let org = orgs::find(conn, &p.organization_id)?;
        rows.push(json!({
            "id": p.id,
            "field": position_field(&p.id),
            "name": format!("positions[{}]", p.id),
            "number": p.registration_number,
            "title": p.title,
            "organization": org.map(|o| o.full_name),
            "value": f.positions.get(p.id.as_str()).cloned().unwrap_or_default(),
            "elsewhere": taken.get(&p.id),
        }));
    }
    Ok(json!({"f": f, "rows": rows}))
}

/// The form filled with a stored session.
pub fn form_of(conn: &mut AnyConnection, s: &Session) -> AppResult<SessionForm> {
    let positions = model::slots(conn, &s.id)?
        .into_iter()
        .map(|(pos, p)| (p.id.to_string(), pos.to_string()))
        .collect();
    Ok(SessionForm {
        csrf_token: String::new(),
        starts_at: kyiv_input(s.starts_at),
        place: s.place.clone(),
        online_url: s.online_url.clone().unwrap_or_default(),
        positions,
    })
}
