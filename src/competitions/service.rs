//! Drafts and announcement. Saving a draft refuses only mistakes; announcing
//! requires a complete draft, freezes its rules into the canonical rules
//! document, stores the SHA-256 and copies criteria and documents into
//! their tables. Functions take a connection so callers choose the
//! transaction (routes use `Db::write`).

use chrono::{Datelike, NaiveDateTime};
use serde_json::json;

use super::access::{self, Actor};
use super::forms::DraftInput;
use super::ids::CompetitionId;
use super::input::kyiv_date_of;
use super::model::{self, Competition, Criterion, DraftChanges, NewCompetition, RequiredDocument};
use super::rules::{self, RulesDoc};
use super::state::State;
use super::trail;
use super::validate::{self, Checked, Mode};
use crate::db::{compat, AnyConnection};
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;

/// Serializes competition numbering across instances (PostgreSQL).
const CODE_LOCK: i64 = 0x636f_6d70_636f_6465; // "compcode"

fn check(d: &DraftInput, now: NaiveDateTime, mode: Mode) -> (Checked, FieldErrors) {
    validate::check(d, kyiv_date_of(now), now, mode)
}

fn search_text(c: &Checked, code: Option<&str>) -> String {
    let en = c.title_en.as_deref().unwrap_or("");
    format!("{}\n{}\n{}", c.title_uk, en, code.unwrap_or("")).to_lowercase()
}

fn to_json(d: &DraftInput) -> AppResult<String> {
    serde_json::to_string(d).map_err(|e| AppError::internal(e.to_string()))
}

/// Creates a draft owned by the actor.
pub fn create_draft(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    input: &DraftInput,
) -> AppResult<Result<CompetitionId, FieldErrors>> {
    if !actor.may_create() {
        return Err(AppError::Forbidden);
    }
    let (c, errors) = check(input, now, Mode::Draft);
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let id = CompetitionId::new();
    let draft = input.normalized();
    model::insert(
        conn,
        NewCompetition {
            id: &id,
            state: State::Draft,
            owner_id: &actor.user_id,
            title_uk: &c.title_uk,
            title_en: c.title_en.as_deref().unwrap_or(""),
            search_text: &search_text(&c, None),
            draft_json: &to_json(&draft)?,
            opens_at: c.opens_at,
            closes_at: c.closes_at,
            fund_kopiyky: c.fund,
            cap_kopiyky: c.cap,
            state_changed_at: now,
            created_at: now,
            updated_at: now,
        },
    )?;
    trail::record(
        conn,
        now,
        actor,
        "competition.draft_created",
        &id,
        json!({"title": c.title_uk}),
        false,
    )?;
    Ok(Ok(id))
}

/// The competition and its draft as typed, for the edit form.
pub fn draft_of(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<(Competition, DraftInput)> {
    let c = access::load_managed(conn, actor, id)?;
    let json = model::draft_json(conn, id)?.ok_or(AppError::NotFound)?;
    let draft = serde_json::from_str(&json).map_err(|e| AppError::internal(e.to_string()))?;
    Ok((c, draft))
}

fn refuse_unless_draft(c: &Competition) -> AppResult<()> {
    if c.state.is_editable() {
        Ok(())
    } else {
        Err(AppError::Conflict("competitions-refused-frozen".into()))
    }
}

/// Saves a draft's new content; refused once announced.
pub fn save_draft(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
    input: &DraftInput,
) -> AppResult<Result<(), FieldErrors>> {
    let comp = access::load_managed(conn, actor, id)?;
    refuse_unless_draft(&comp)?;
    let (c, errors) = check(input, now, Mode::Draft);
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let changes = DraftChanges {
        title_uk: &c.title_uk,
        title_en: c.title_en.as_deref().unwrap_or(""),
        search_text: &search_text(&c, None),
        draft_json: &to_json(&input.normalized())?,
        opens_at: c.opens_at,
        closes_at: c.closes_at,
        fund_kopiyky: c.fund,
        cap_kopiyky: c.cap,
        updated_at: now,
    };
    if model::update_draft(conn, id, changes)? == 0 {
        return Err(AppError::Conflict("competitions-refused-frozen".into()));
    }
    trail::record(
        conn,
        now,
        actor,
        "competition.draft_saved",
        id,
        json!({}),
        false,
    )?;
    Ok(Ok(()))
}

/// Why an announcement did not happen: the draft is incomplete (its input
/// and the problems, to show on the edit form).
pub struct Incomplete {
    pub draft: DraftInput,
    pub errors: FieldErrors,
}

/// Announces a complete draft: assigns the code (`YYYY-NNN`), freezes and
/// hashes the rules, and opens the competition to the public.
pub fn announce(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<Result<RulesDoc, Incomplete>> {
    let (comp, draft) = draft_of(conn, actor, id)?;
    refuse_unless_draft(&comp)?;
    let (c, errors) = check(&draft, now, Mode::Announce);
    if !errors.is_empty() {
        return Ok(Err(Incomplete { draft, errors }));
    }
    compat::lock_for_append(conn, CODE_LOCK)?;
    let year = kyiv_date_of(now).year();
    let n = model::count_codes(conn, &format!("{year}-"))? + 1;
    let code = format!("{year}-{n:03}");
    let doc = rules::build(&c, id, &code, now)
        .ok_or_else(|| AppError::internal("complete draft did not build rules"))?;
    let (sha, bytes) = rules::freeze(&doc).map_err(|e| AppError::internal(e.to_string()))?;
    if model::set_announced(
        conn,
        id,
        &code,
        &bytes,
        &sha,
        &search_text(&c, Some(&code)),
        now,
    )? == 0
    {
        return Err(AppError::Conflict("competitions-refused-frozen".into()));
    }
    let criteria: Vec<_> = doc
        .criteria
        .iter()
        .map(|k| Criterion {
            id: k.id.clone(),
            competition_id: id.clone(),
            number: k.number as i32,
            name: k.name.clone(),
            description: k.description.clone(),
            max_points: k.max_points as i32,
            weight: k.weight as i32,
        })
        .collect();
    let documents: Vec<_> = doc
        .documents
        .iter()
        .map(|d| RequiredDocument {
            id: d.id.clone(),
            competition_id: id.clone(),
            number: d.number as i32,
            name: d.name.clone(),
            description: d.description.clone(),
            required: d.required,
            max_size_mb: d.max_size_mb as i32,
        })
        .collect();
    model::insert_frozen_lists(conn, &criteria, &documents)?;
    super::lifecycle::log_transition(conn, now, actor, id, State::Draft, State::Announced, None)?;
    trail::record(
        conn,
        now,
        actor,
        "competition.announced",
        id,
        json!({"code": code, "rules_sha256": sha, "closes_at": doc.deadlines.closes_at}),
        true,
    )?;
    Ok(Ok(doc))
}

/// A public competition with its frozen rules (parsed) and exact bytes.
pub struct Frozen {
    pub competition: Competition,
    pub rules: RulesDoc,
    pub rules_json: String,
}

/// Loads a public competition with its frozen rules: what other modules
/// use to apply them (criteria, documents, scoring and allocation rules).
/// `competition.closes_at` / `fund_kopiyky` are the amended values in force.
pub fn frozen(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Frozen> {
    let competition = access::load_public(conn, id)?;
    let rules_json = model::rules_json(conn, id)?
        .ok_or_else(|| AppError::internal("announced competition without rules"))?;
    let rules = RulesDoc::parse(&rules_json).map_err(|e| AppError::internal(e.to_string()))?;
    Ok(Frozen {
        competition,
        rules,
        rules_json,
    })
}
