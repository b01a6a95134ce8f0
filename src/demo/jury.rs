//! The demo's jury: invitations accepted through the mailed link,
//! affiliations declared, the review started (assignment and automatic
//! recusal), conflicts declared and scores given, drafted and submitted.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::call::Account;
use super::env::{organizer, Env};
use super::DemoError;
use crate::applications::ProposalId;
use crate::competitions::{lifecycle, CompetitionId};
use crate::db::schema::mail_outbox;
use crate::error::AppError;
use crate::review::affiliations::{self, AffiliationInput};
use crate::review::coi::{self, DeclarationInput};
use crate::review::invitation;
use crate::review::jury::{self, InviteInput};
use crate::review::model::{self as jury_model, Assignment};
use crate::review::scores::{self, CriterionInput};
use crate::web::lang::Lang;

/// A seated juror: the account and the role on this jury.
pub struct Seat<'a> {
    pub account: &'a Account,
    pub role: &'static str,
    /// EDRPOU codes of organizations the juror is affiliated with.
    pub affiliations: Vec<String>,
}

/// The token of the latest invitation mailed to `email` (what the juror
/// clicks in the e-mail).
fn mailed_token(conn: &mut crate::db::AnyConnection, email: &str) -> Result<String, AppError> {
    let data: String = mail_outbox::table
        .filter(mail_outbox::to_address.eq(email))
        .filter(mail_outbox::template.eq("jury-invitation"))
        .order(mail_outbox::created_at.desc())
        .select(mail_outbox::data)
        .first(conn)?;
    let v: serde_json::Value =
        serde_json::from_str(&data).map_err(|e| AppError::internal(e.to_string()))?;
    v["token"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| AppError::internal("invitation mail without a token"))
}

/// Invites, accepts and records affiliations for each seat.
pub async fn seat(
    env: &Env,
    owner: &Account,
    comp: &CompetitionId,
    seats: &[Seat<'_>],
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    for s in seats {
        let (a, comp2, renderer) = (organizer(&owner.id), comp.clone(), env.renderer.clone());
        let input = InviteInput {
            email: s.account.email.clone(),
            full_name: s.account.name.clone(),
            role: s.role.to_string(),
        };
        env.db
            .write(
                move |c| match jury::invite(c, at, &a, &renderer, &comp2, &input, Lang::Uk)? {
                    Ok(_) => Ok(Ok(())),
                    Err(e) => Ok(Err(DemoError::refused("jury invitation", &e))),
                },
            )
            .await??;
        let (user_id, email, comp2, codes) = (
            s.account.id.clone(),
            s.account.email.clone(),
            comp.clone(),
            s.affiliations.clone(),
        );
        let later = at + Duration::hours(3);
        env.db
            .write(move |c| {
                let token = mailed_token(c, &email)?;
                let user = crate::accounts::model::find(c, &user_id)?.ok_or(AppError::NotFound)?;
                if invitation::accept(c, later, &user, &token)?.is_err() {
                    return Ok(Err(DemoError::Refused(format!(
                        "{email}: invitation not accepted"
                    ))));
                }
                let juror = jury_model::juror_of(c, &user_id, &comp2)?.ok_or(AppError::NotFound)?;
                for code in &codes {
                    let input = AffiliationInput {
                        edrpou: code.clone(),
                        relation: "governance".into(),
                        note: "Член правління до 2025 року".into(),
                    };
                    if let Err(e) = affiliations::add(c, later, &juror, &input)? {
                        return Ok(Err(DemoError::refused("affiliation", &e)));
                    }
                }
                let note = if codes.is_empty() {
                    "Не працюю і не входжу до органів управління організацій-заявників."
                } else {
                    "Інших зв'язків з організаціями-заявниками немає."
                };
                match affiliations::confirm(c, later, &juror, note)? {
                    Ok(()) => Ok(Ok(())),
                    Err(e) => Ok(Err(DemoError::refused("affiliations", &e))),
                }
            })
            .await??;
    }
    Ok(())
}

/// Starts the review (assignment with automatic recusal runs inside).
pub async fn start(
    env: &Env,
    owner: &Account,
    comp: &CompetitionId,
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let (a, comp) = (organizer(&owner.id), comp.clone());
    env.db
        .write(move |c| lifecycle::start_review(c, at, &a, &comp))
        .await?;
    Ok(())
}

/// The juror's assignments in a competition.
pub async fn assignments(
    env: &Env,
    juror: &Account,
    comp: &CompetitionId,
) -> Result<Vec<Assignment>, DemoError> {
    let (user, comp) = (juror.id.clone(), comp.clone());
    Ok(env
        .db
        .run(move |c| {
            let Some(j) = jury_model::juror_of(c, &user, &comp)? else {
                return Ok(vec![]);
            };
            Ok(jury_model::assignments_of(c, &j.id)?)
        })
        .await?)
}

/// Declares a conflict (`none`, `potential`, `real`) on one assignment.
pub async fn declare(
    env: &Env,
    juror: &Account,
    a: &Assignment,
    kind: &str,
    comment: &str,
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let input = DeclarationInput {
        coi: kind.to_string(),
        comment: comment.to_string(),
    };
    let (user, id) = (juror.id.clone(), a.id.clone());
    env.db
        .write(move |c| match coi::declare(c, at, &user, &id, &input)? {
            Ok(_) => Ok(Ok(())),
            Err(e) => Ok(Err(DemoError::refused("conflict declaration", &e))),
        })
        .await?
}

/// Scores one proposal: `points[i]` for the i-th criterion (in the rules'
/// order), submitted (locked) or kept as a draft.
pub async fn score(
    env: &Env,
    juror: &Account,
    proposal: &ProposalId,
    criteria: &[String],
    points: &[u32],
    comment: &str,
    submit: bool,
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let input: Vec<CriterionInput> = criteria
        .iter()
        .zip(points)
        .map(|(id, p)| CriterionInput {
            id: id.clone(),
            points: p.to_string(),
            comment: comment.to_string(),
        })
        .collect();
    let (user, p) = (juror.id.clone(), proposal.clone());
    env.db
        .write(
            move |c| match scores::save(c, at, &user, &p, &input, submit)? {
                Ok(_) => Ok(Ok(())),
                Err(e) => Ok(Err(DemoError::refused("scores", &e))),
            },
        )
        .await?
}
