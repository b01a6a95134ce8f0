//! Scheduling, changing and cancelling defence sessions. Each change runs in
//! the caller's write transaction, leaves a public audit entry and queues
//! the applicants' notices. Refusals: 404 when the competition does not
//! enable the defence (or the session is not its), `Conflict` for the
//! wrong state, a session that has started or was cancelled.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde_json::json;

use super::form::{self, SessionForm, Valid};
use super::model::{self, Session};
use super::notify::{self, Kind};
use crate::applications::model::{self as proposals, state, Proposal};
use crate::audit::{self, NewEntry};
use crate::competitions::model::Competition;
use crate::competitions::{access, Actor, CompetitionId, State};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::MailRenderer;
use crate::review::ids::DefenceSessionId;
use crate::web::format::kyiv_rfc3339;
use crate::web::forms::FieldErrors;

/// Scheduling is possible while admissibility is checked and during review.
pub fn schedulable(s: State) -> bool {
    matches!(s, State::Admissibility | State::Review)
}

/// A competition the actor manages and whose rules enable the defence.
pub fn load(conn: &mut AnyConnection, actor: &Actor, id: &CompetitionId) -> AppResult<Competition> {
    let c = access::load_managed(conn, actor, id)?;
    if !super::enabled(conn, id)? {
        return Err(AppError::NotFound);
    }
    Ok(c)
}

/// [`load`], refusing a state in which sessions cannot be changed.
fn load_open(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<Competition> {
    let c = load(conn, actor, id)?;
    if !schedulable(c.state) {
        return Err(AppError::Conflict("defence-refused-state".into()));
    }
    Ok(c)
}

/// A session of this competition (404 otherwise).
pub fn session_of(
    conn: &mut AnyConnection,
    competition: &CompetitionId,
    id: &DefenceSessionId,
) -> AppResult<Session> {
    match model::find(conn, id)? {
        Some(s) if &s.competition_id == competition => Ok(s),
        _ => Err(AppError::NotFound),
    }
}

/// Refuses changing a session that was cancelled or has started.
pub fn changeable(s: &Session, now: NaiveDateTime) -> AppResult<()> {
    if s.is_cancelled() {
        return Err(AppError::Conflict("defence-refused-cancelled".into()));
    }
    if s.has_started(now) {
        return Err(AppError::Conflict("defence-refused-started".into()));
    }
    Ok(())
}

/// The competition's admitted proposals, in registration order.
pub fn admitted(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Vec<Proposal>> {
    Ok(proposals::lodged(conn, id)?
        .into_iter()
        .filter(|p| p.state == state::ADMITTED)
        .collect())
}

/// The advisory lock key of scheduling (PostgreSQL): "KonkDef".
const LOCK_KEY: i64 = 0x004b_6f6e_6b44_6566;

fn check(
    conn: &mut AnyConnection,
    c: &Competition,
    except: Option<&DefenceSessionId>,
    f: &SessionForm,
    now: NaiveDateTime,
) -> AppResult<Result<Valid, FieldErrors>> {
    // Schedulers take turns from here to the commit (PostgreSQL advisory
    // lock; SQLite writers are serialized already), so concurrent requests
    // cannot put one proposal into two sessions.
    crate::db::compat::lock_for_append(conn, LOCK_KEY)?;
    let admitted = admitted(conn, &c.id)?;
    let taken: HashMap<_, _> = model::taken(conn, &c.id, except)?.into_iter().collect();
    Ok(form::validate(f, &admitted, &taken, now))
}

fn trail(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    action: &str,
    s: &Session,
    order: &[Proposal],
) -> AppResult<()> {
    let numbers: Vec<_> = order
        .iter()
        .map(|p| p.registration_number.clone())
        .collect();
    let label = if actor.is_admin { "admin" } else { "organizer" };
    let entry = NewEntry::new(action, "defence_session", Some(s.id.to_string()))
        .actor(Some(actor.user_id.clone()), label)
        .competition(&s.competition_id)
        .details(
            json!({"starts_at": kyiv_rfc3339(s.starts_at), "place": s.place,
            "online_url": s.online_url, "proposals": numbers}),
        )
        .public(true);
    audit::record(conn, now, entry)?;
    Ok(())
}

fn proposals_in(conn: &mut AnyConnection, id: &DefenceSessionId) -> AppResult<Vec<Proposal>> {
    Ok(model::slots(conn, id)?
        .into_iter()
        .map(|(_, p)| p)
        .collect())
}

/// Schedules a new session.
pub fn schedule(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    renderer: &MailRenderer,
    id: &CompetitionId,
    f: &SessionForm,
) -> AppResult<Result<DefenceSessionId, FieldErrors>> {
    let c = load_open(conn, actor, id)?;
    let v = match check(conn, &c, None, f, now)? {
        Ok(v) => v,
        Err(e) => return Ok(Err(e)),
    };
    let s = Session {
        id: DefenceSessionId::new(),
        competition_id: id.clone(),
        starts_at: v.starts_at,
        place: v.place,
        online_url: v.online_url,
        created_by: actor.user_id.clone(),
        created_at: now,
        updated_at: now,
        cancelled_at: None,
    };
    model::insert(conn, &s)?;
    model::put_slots(conn, &s.id, &v.order)?;
    let order = proposals_in(conn, &s.id)?;
    trail(conn, now, actor, "defence.scheduled", &s, &order)?;
    let notices: Vec<_> = order.iter().map(|p| (p, Kind::Scheduled)).collect();
    notify::send(conn, now, renderer, &c, &s, &notices)?;
    Ok(Ok(s.id))
}

/// Changes a session before it starts: time, place, link and proposals.
pub fn change(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    renderer: &MailRenderer,
    (id, sid): (&CompetitionId, &DefenceSessionId),
    f: &SessionForm,
) -> AppResult<Result<(), FieldErrors>> {
    let c = load_open(conn, actor, id)?;
    let old = session_of(conn, id, sid)?;
    changeable(&old, now)?;
    let v = match check(conn, &c, Some(sid), f, now)? {
        Ok(v) => v,
        Err(e) => return Ok(Err(e)),
    };
    let before = proposals_in(conn, sid)?;
    let s = Session {
        starts_at: v.starts_at,
        place: v.place,
        online_url: v.online_url,
        updated_at: now,
        ..old.clone()
    };
    if model::update(conn, &s, now)? == 0 {
        return Err(AppError::Conflict("defence-refused-started".into()));
    }
    model::put_slots(conn, sid, &v.order)?;
    let after = proposals_in(conn, sid)?;
    trail(conn, now, actor, "defence.changed", &s, &after)?;
    let moved =
        (old.starts_at, &old.place, &old.online_url) != (s.starts_at, &s.place, &s.online_url);
    let pos = |list: &[Proposal], p: &Proposal| list.iter().position(|q| q.id == p.id);
    let mut notices = vec![];
    for p in &after {
        match pos(&before, p) {
            None => notices.push((p, Kind::Scheduled)),
            Some(i) if moved || Some(i) != pos(&after, p) => notices.push((p, Kind::Changed)),
            Some(_) => {}
        }
    }
    for p in before.iter().filter(|p| pos(&after, p).is_none()) {
        notices.push((p, Kind::Removed));
    }
    notify::send(conn, now, renderer, &c, &s, &notices)?;
    Ok(Ok(()))
}

/// Cancels a session before it starts (it stays on the public page, marked
/// cancelled); its proposals are free for another session.
pub fn cancel(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    renderer: &MailRenderer,
    (id, sid): (&CompetitionId, &DefenceSessionId),
) -> AppResult<()> {
    let c = load_open(conn, actor, id)?;
    let s = session_of(conn, id, sid)?;
    changeable(&s, now)?;
    if model::cancel(conn, sid, now)? == 0 {
        return Err(AppError::Conflict("defence-refused-started".into()));
    }
    let order = proposals_in(conn, sid)?;
    trail(conn, now, actor, "defence.cancelled", &s, &order)?;
    let notices: Vec<_> = order.iter().map(|p| (p, Kind::Cancelled)).collect();
    notify::send(conn, now, renderer, &c, &s, &notices)?;
    Ok(())
}
