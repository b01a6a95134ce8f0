//! Blind per-criterion scoring. A juror scores only through a conflict-free
//! assignment ([`access::load_for_juror`]) and only while the competition
//! is in review. "Save draft" keeps partial input; "Submit" checks every
//! criterion and locks the round. Round 2 (after the open defence) starts
//! from the round-1 points; both rounds are kept.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::ids::ScoreId;
use super::model::Assignment;
use super::trail::{self, By};
use super::{access, defence, review_state};
use crate::applications::ProposalId;
use crate::competitions::rules::RulesDoc;
use crate::competitions::{service as comp_service, State};
use crate::db::ids::UserId;
use crate::db::schema::{review_assignments as ra, review_scores as rs};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;

pub const COMMENT_MAX: usize = 4_000;

#[derive(Debug, Clone, Default, rocket::FromForm, Serialize)]
pub struct CriterionInput {
    #[field(default = String::new())]
    pub id: String,
    #[field(default = String::new())]
    pub points: String,
    #[field(default = String::new())]
    pub comment: String,
}

/// One criterion on the score sheet, as shown (typed or stored).
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub id: String,
    pub number: i64,
    pub name: String,
    pub description: String,
    pub max_points: i64,
    pub weight: i64,
    pub points: String,
    pub comment: String,
    pub points_field: String,
    pub comment_field: String,
}

/// The round a juror may score now, if any: round 1 until submitted; then
/// round 2 while the defence's second round is open and it is not.
pub fn open_round(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    state: State,
    a: &Assignment,
) -> AppResult<Option<i32>> {
    if state != State::Review {
        return Ok(None);
    }
    if a.submitted_at.is_none() {
        return Ok(Some(1));
    }
    if a.round2_submitted_at.is_none() && defence::second_round_open(conn, &a.competition_id, now)?
    {
        return Ok(Some(2));
    }
    Ok(None)
}

/// Stored points and comments of one round: criterion → (points, comment).
pub fn stored(
    conn: &mut AnyConnection,
    a: &Assignment,
    round: i32,
) -> QueryResult<Vec<(String, Option<i32>, String)>> {
    rs::table
        .filter(rs::assignment_id.eq(&a.id))
        .filter(rs::round.eq(round))
        .select((rs::criterion_id, rs::points, rs::comment))
        .load(conn)
}

/// The sheet for `round` from stored rows (round 2 starts from round 1).
pub fn sheet(
    conn: &mut AnyConnection,
    rules: &RulesDoc,
    a: &Assignment,
    round: i32,
) -> QueryResult<Vec<Line>> {
    let mut rows = stored(conn, a, round)?;
    if round == 2 && rows.is_empty() {
        rows = stored(conn, a, 1)?;
    }
    let inputs: Vec<CriterionInput> = rows
        .into_iter()
        .map(|(id, points, comment)| CriterionInput {
            id,
            points: points.map(|p| p.to_string()).unwrap_or_default(),
            comment,
        })
        .collect();
    Ok(lines(rules, &inputs))
}

/// The sheet as typed.
pub fn lines(rules: &RulesDoc, input: &[CriterionInput]) -> Vec<Line> {
    rules
        .criteria
        .iter()
        .map(|c| {
            let id = c.id.to_string();
            let typed = input.iter().find(|i| i.id == id);
            Line {
                points: typed
                    .map(|t| t.points.trim().to_string())
                    .unwrap_or_default(),
                comment: typed.map(|t| t.comment.clone()).unwrap_or_default(),
                points_field: format!("points-{id}"),
                comment_field: format!("comment-{id}"),
                number: c.number,
                name: c.name.clone(),
                description: c.description.clone(),
                max_points: c.max_points,
                weight: c.weight,
                id,
            }
        })
        .collect()
}

/// Checks a sheet; returns each criterion's storable points and the errors
/// (missing points and comments count only on submission).
fn check(rules: &RulesDoc, lines: &[Line], submit: bool) -> (Vec<Option<i32>>, FieldErrors) {
    let mut e = FieldErrors::new();
    let mut points = vec![];
    for l in lines {
        let parsed = match l.points.parse::<i64>() {
            _ if l.points.is_empty() => {
                if submit {
                    e.add(&l.points_field, "review-err-points-required");
                }
                None
            }
            Ok(p) if (0..=l.max_points).contains(&p) => i32::try_from(p).ok(),
            Ok(_) => {
                let max = l.max_points.to_string();
                e.add_with(&l.points_field, "review-err-points-range", &[("max", max)]);
                None
            }
            Err(_) => {
                e.add(&l.points_field, "review-err-points-number");
                None
            }
        };
        points.push(parsed);
        let comment = l.comment.trim();
        if comment.chars().count() > COMMENT_MAX {
            let max = COMMENT_MAX.to_string();
            e.add_with(&l.comment_field, "review-err-too-long", &[("max", max)]);
        } else if submit && rules.jury.comments_required && comment.is_empty() {
            e.add(&l.comment_field, "review-err-comment-required");
        }
    }
    (points, e)
}

fn put(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    a: &Assignment,
    round: i32,
    line: &Line,
    points: Option<i32>,
) -> QueryResult<()> {
    let comment: String = line.comment.trim().chars().take(COMMENT_MAX).collect();
    let n = diesel::update(
        rs::table
            .filter(rs::assignment_id.eq(&a.id))
            .filter(rs::round.eq(round))
            .filter(rs::criterion_id.eq(&line.id)),
    )
    .set((
        rs::points.eq(points),
        rs::comment.eq(&comment),
        rs::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n == 0 {
        diesel::insert_into(rs::table)
            .values((
                rs::id.eq(ScoreId::new()),
                rs::assignment_id.eq(&a.id),
                rs::round.eq(round),
                rs::criterion_id.eq(&line.id),
                rs::points.eq(points),
                rs::comment.eq(&comment),
                rs::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Saves a draft, or submits and locks the round. On errors the valid part
/// is still kept as a draft and nothing is locked.
pub fn save(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    user: &UserId,
    proposal: &ProposalId,
    input: &[CriterionInput],
    submit: bool,
) -> AppResult<Result<i32, FieldErrors>> {
    let (_, a) = access::load_for_juror(conn, user, proposal)?;
    let c = review_state(conn, &a.competition_id)?;
    let round = open_round(conn, now, c.state, &a)?
        .ok_or_else(|| AppError::Conflict("review-refused-scores-locked".into()))?;
    let rules = comp_service::frozen(conn, &a.competition_id)?.rules;
    let lines = lines(&rules, input);
    let (points, errors) = check(&rules, &lines, submit);
    for (line, p) in lines.iter().zip(&points) {
        put(conn, now, &a, round, line, *p)?;
    }
    if !errors.is_empty() || !submit {
        return Ok(if errors.is_empty() {
            Ok(round)
        } else {
            Err(errors)
        });
    }
    let lock = diesel::update(ra::table.find(&a.id));
    let n = if round == 1 {
        lock.filter(ra::submitted_at.is_null())
            .set((ra::submitted_at.eq(now), ra::updated_at.eq(now)))
            .execute(conn)?
    } else {
        lock.filter(ra::round2_submitted_at.is_null())
            .set((ra::round2_submitted_at.eq(now), ra::updated_at.eq(now)))
            .execute(conn)?
    };
    if n != 1 {
        return Err(AppError::Conflict("review-refused-scores-locked".into()));
    }
    let sheet: serde_json::Map<String, serde_json::Value> = lines
        .iter()
        .zip(&points)
        .map(|(l, p)| (l.id.clone(), json!(p)))
        .collect();
    trail::record(
        conn,
        now,
        &By::user(user, "juror"),
        "review.scores_submitted",
        ("assignment", a.id.to_string()),
        &a.competition_id,
        json!({"proposal_id": proposal, "round": round, "points": sheet}),
    )?;
    Ok(Ok(round))
}
