//! The little this module needs from organizations (membership, EDRPOU,
//! name, legal form, registration date), through the organizations
//! module's service, in one place so the rest of the module stays unchanged
//! if that module changes.

use chrono::NaiveDate;

use crate::competitions::options::OrgForm;
use crate::db::ids::UserId;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::organizations::{service, Organization, OrganizationId};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Org {
    pub id: String,
    pub edrpou: String,
    pub full_name: String,
    pub short_name: String,
    pub legal_form: String,
    pub registered_on: NaiveDate,
}

impl From<Organization> for Org {
    fn from(o: Organization) -> Org {
        Org {
            id: o.id.to_string(),
            edrpou: o.edrpou,
            full_name: o.full_name,
            short_name: o.short_name,
            legal_form: o.legal_form,
            registered_on: o.registered_on,
        }
    }
}

impl Org {
    /// Whole months from registration to `on` (0 if `on` is earlier).
    pub fn months_registered(&self, on: NaiveDate) -> i64 {
        use chrono::Datelike;
        let r = self.registered_on;
        if on <= r {
            return 0;
        }
        let m = (on.year() - r.year()) as i64 * 12 + on.month() as i64 - r.month() as i64;
        (if on.day() < r.day() { m - 1 } else { m }).max(0)
    }

    /// Whether the legal form is one the competition admits. The two
    /// modules name charities differently; both names mean the same form.
    pub fn form_allowed(&self, allowed: &[OrgForm]) -> bool {
        let code = match self.legal_form.as_str() {
            "charity" => "charitable_organization",
            other => other,
        };
        allowed.iter().any(|f| f.code() == code)
    }
}

fn parse(id: &str) -> Option<OrganizationId> {
    id.parse().ok()
}

pub fn find(conn: &mut AnyConnection, id: &str) -> AppResult<Option<Org>> {
    let Some(id) = parse(id) else { return Ok(None) };
    Ok(service::find(conn, &id)?.map(Org::from))
}

pub fn is_member(conn: &mut AnyConnection, org: &str, user: &UserId) -> AppResult<bool> {
    let Some(id) = parse(org) else {
        return Ok(false);
    };
    Ok(service::is_member(conn, &id, user)?)
}

/// The user's organizations, by name.
pub fn memberships(conn: &mut AnyConnection, user: &UserId) -> AppResult<Vec<Org>> {
    Ok(service::memberships_of(conn, user)?
        .into_iter()
        .map(|(o, _)| Org::from(o))
        .collect())
}

/// Member user IDs of an organization.
pub fn member_ids(conn: &mut AnyConnection, org: &str) -> AppResult<Vec<String>> {
    let Some(id) = parse(org) else {
        return Ok(vec![]);
    };
    Ok(service::members(conn, &id)?
        .into_iter()
        .map(|m| m.user_id.to_string())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(form: &str, reg: &str) -> Org {
        Org {
            id: String::new(),
            edrpou: "00019442".into(),
            full_name: "ГО".into(),
            short_name: String::new(),
            legal_form: form.into(),
            registered_on: NaiveDate::parse_from_str(reg, "%Y-%m-%d").unwrap(),
        }
    }

    #[test]
    fn months_registered_counts_whole_months() {
        let o = org("public_organization", "2026-06-15");
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(o.months_registered(d("2026-12-14")), 5);
        assert_eq!(o.months_registered(d("2026-12-15")), 6);
        assert_eq!(o.months_registered(d("2026-01-01")), 0);
    }

    #[test]
    fn charity_matches_charitable_organization() {
        assert!(org("charity", "2020-01-01").form_allowed(&[OrgForm::CharitableOrganization]));
        assert!(!org("religious", "2020-01-01").form_allowed(&[OrgForm::CharitableOrganization]));
    }
}
