//! The little this module needs from organizations: who belongs to one, and
//! its EDRPOU, name, legal form and registration date. Kept in one place so
//! the organizations module can change without touching the rest.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::competitions::options::OrgForm;
use crate::db::ids::UserId;
use crate::db::AnyConnection;
use crate::error::AppResult;

// The columns read here, as the organizations migration defines them.
mod t {
    diesel::table! {
        organizations (id) {
            id -> Text,
            edrpou -> Text,
            full_name -> Text,
            short_name -> Text,
            legal_form -> Text,
            registered_on -> Text,
        }
    }
    diesel::table! {
        organization_members (organization_id, user_id) {
            organization_id -> Text,
            user_id -> Text,
            role -> Text,
        }
    }
    diesel::joinable!(organization_members -> organizations (organization_id));
    diesel::allow_tables_to_appear_in_same_query!(organizations, organization_members);
}
use t::{organization_members as om, organizations as o};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Org {
    pub id: String,
    pub edrpou: String,
    pub full_name: String,
    pub short_name: String,
    pub legal_form: String,
    pub registered_on: Option<NaiveDate>,
}

type Row = (String, String, String, String, String, String);

fn from_row((id, edrpou, full_name, short_name, legal_form, reg): Row) -> Org {
    Org {
        id,
        edrpou,
        full_name,
        short_name,
        legal_form,
        registered_on: NaiveDate::parse_from_str(&reg, "%Y-%m-%d").ok(),
    }
}

const COLS: (
    o::id,
    o::edrpou,
    o::full_name,
    o::short_name,
    o::legal_form,
    o::registered_on,
) = (
    o::id,
    o::edrpou,
    o::full_name,
    o::short_name,
    o::legal_form,
    o::registered_on,
);

impl Org {
    pub fn name(&self) -> &str {
        if self.short_name.is_empty() {
            &self.full_name
        } else {
            &self.short_name
        }
    }

    /// Whole months from registration to `on`.
    pub fn months_registered(&self, on: NaiveDate) -> i64 {
        use chrono::Datelike;
        let Some(r) = self.registered_on else {
            return 0;
        };
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

pub fn find(conn: &mut AnyConnection, id: &str) -> AppResult<Option<Org>> {
    Ok(o::table
        .find(id)
        .select(COLS)
        .first::<Row>(conn)
        .optional()?
        .map(from_row))
}

pub fn is_member(conn: &mut AnyConnection, org: &str, user: &UserId) -> AppResult<bool> {
    let n: i64 = om::table
        .filter(om::organization_id.eq(org))
        .filter(om::user_id.eq(user.as_str()))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The user's organizations, by name.
pub fn memberships(conn: &mut AnyConnection, user: &UserId) -> AppResult<Vec<Org>> {
    let rows: Vec<Row> = om::table
        .inner_join(o::table)
        .filter(om::user_id.eq(user.as_str()))
        .order(o::full_name.asc())
        .select(COLS)
        .load(conn)?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// Member user IDs of an organization.
pub fn member_ids(conn: &mut AnyConnection, org: &str) -> AppResult<Vec<String>> {
    Ok(om::table
        .filter(om::organization_id.eq(org))
        .select(om::user_id)
        .load(conn)?)
}
