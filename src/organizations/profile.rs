//! Creating and editing an NGO profile. One profile per EDRPOU: a friendly
//! check first, the unique constraint as the last word under races.

use chrono::NaiveDateTime;
use serde_json::{json, Map, Value};

use super::forms::{kyiv_today, ProfileForm};
use super::model::{self, MemberRole, OrganizationId, Profile};
use super::service::{self, Need};
use crate::db::ids::UserId;
use crate::db::{AnyConnection, Db};
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;

/// Whom to ask when an EDRPOU is already registered: the owners' names and
/// the organization's public contact address (never an owner's account
/// e-mail).
#[derive(Debug, Clone, serde::Serialize)]
pub struct TakenBy {
    pub organization_id: OrganizationId,
    pub name: String,
    pub edrpou: String,
    pub owners: Vec<String>,
    pub contact_email: String,
    /// The person asking already belongs to it.
    pub already_member: bool,
}

impl TakenBy {
    /// The message on the EDRPOU field.
    pub fn errors(&self) -> FieldErrors {
        let key = if self.already_member {
            "organizations-edrpou-yours"
        } else {
            "organizations-edrpou-taken"
        };
        let mut e = FieldErrors::new();
        e.add_with("edrpou", key, &[("name", self.name.clone())]);
        e
    }
}

pub enum Created {
    Ok(OrganizationId),
    Invalid(FieldErrors),
    Taken(TakenBy),
}

fn taken_by(c: &mut AnyConnection, edrpou: &str, user: &UserId) -> AppResult<Option<TakenBy>> {
    let Some(org) = model::find_by_edrpou(c, edrpou)? else {
        return Ok(None);
    };
    let members = model::members(c, &org.id)?;
    Ok(Some(TakenBy {
        owners: members
            .iter()
            .filter(|m| m.role == MemberRole::Owner)
            .map(|m| m.name.clone())
            .collect(),
        already_member: members.iter().any(|m| &m.user_id == user),
        name: org.display_name().to_string(),
        edrpou: org.edrpou.clone(),
        contact_email: org.email.clone(),
        organization_id: org.id,
    }))
}

fn is_unique_violation(e: &AppError) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    matches!(
        e,
        AppError::Database(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _))
    )
}

/// Creates a profile with `user` as its owner (the caller checked that the
/// user's e-mail is verified).
pub async fn create(
    db: &Db,
    now: NaiveDateTime,
    user: UserId,
    form: &ProfileForm,
) -> AppResult<Created> {
    let profile = match form.validate(kyiv_today(now)) {
        Ok(p) => p,
        Err(e) => return Ok(Created::Invalid(e)),
    };
    let (u, p) = (user.clone(), profile.clone());
    let written = db
        .write(move |c| {
            if let Some(taken) = taken_by(c, &p.edrpou, &u)? {
                return Ok(Created::Taken(taken));
            }
            let id = OrganizationId::new();
            model::insert(c, &id, &p, &u, now)?;
            model::add_member(c, &id, &u, MemberRole::Owner, None, now)?;
            let fields: Map<String, Value> = p
                .fields()
                .into_iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect();
            service::log(
                c,
                now,
                "organization.created",
                &id,
                &u,
                json!({"profile": fields}),
            )?;
            Ok(Created::Ok(id))
        })
        .await;
    match written {
        // Someone registered the same code between the check and the insert.
        Err(e) if is_unique_violation(&e) => {
            let edrpou = profile.edrpou.clone();
            let taken = db.run(move |c| taken_by(c, &edrpou, &user)).await?;
            taken.map(Created::Taken).ok_or(e)
        }
        other => other,
    }
}

pub enum Updated {
    Saved,
    Unchanged,
    Invalid(FieldErrors),
}

/// The fields that differ, as `{field: {"old": …, "new": …}}`.
pub fn diff(old: &Profile, new: &Profile) -> Map<String, Value> {
    old.fields()
        .into_iter()
        .zip(new.fields())
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| (name.to_string(), json!({"old": a, "new": b})))
        .collect()
}

/// Saves an owner's edit and records what changed, old and new values.
pub async fn update(
    db: &Db,
    now: NaiveDateTime,
    user: UserId,
    staff: bool,
    org: OrganizationId,
    form: &ProfileForm,
) -> AppResult<Updated> {
    let (u, o) = (user.clone(), org.clone());
    // Authorization first: a stranger learns nothing from validation.
    db.run(move |c| service::load_for(c, &o, &u, staff, Need::Manage).map(|_| ()))
        .await?;
    let new = match form.validate(kyiv_today(now)) {
        Ok(p) => p,
        Err(e) => return Ok(Updated::Invalid(e)),
    };
    let written = db
        .write(move |c| {
            let (current, _) = service::load_for(c, &org, &user, staff, Need::Manage)?;
            let changes = diff(&Profile::from(&current), &new);
            if changes.is_empty() {
                return Ok(Updated::Unchanged);
            }
            if changes.contains_key("edrpou") && model::find_by_edrpou(c, &new.edrpou)?.is_some() {
                let mut e = FieldErrors::new();
                e.add("edrpou", "organizations-edrpou-taken-other");
                return Ok(Updated::Invalid(e));
            }
            model::update(c, &org, &new, now)?;
            let fields: Vec<&String> = changes.keys().collect();
            let details = json!({"fields": fields, "changes": changes});
            service::log(c, now, "organization.updated", &org, &user, details)?;
            Ok(Updated::Saved)
        })
        .await;
    match written {
        // Another profile took the new code between the check and the write.
        Err(e) if is_unique_violation(&e) => {
            let mut e = FieldErrors::new();
            e.add("edrpou", "organizations-edrpou-taken-other");
            Ok(Updated::Invalid(e))
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn diff_names_only_changed_fields_with_both_values() {
        let old = Profile {
            edrpou: "32855961".into(),
            full_name: "A".into(),
            short_name: String::new(),
            legal_form: "charity".into(),
            registered_on: NaiveDate::from_ymd_opt(2020, 1, 2).unwrap(),
            oblast: "UA-30".into(),
            address: "X".into(),
            email: "a@b.ua".into(),
            phone: "0441234567".into(),
            website: None,
        };
        let mut new = old.clone();
        assert!(diff(&old, &new).is_empty());
        new.full_name = "B".into();
        new.website = Some("https://b.ua".into());
        let d = diff(&old, &new);
        assert_eq!(
            Value::Object(d),
            json!({"full_name": {"old": "A", "new": "B"},
                   "website": {"old": null, "new": "https://b.ua"}})
        );
    }
}
