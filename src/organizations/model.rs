//! Organizations and their members in the database.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::ids::UserId;
use crate::db::schema::{organization_members as om, organizations as o, users};
use crate::db::AnyConnection;

crate::typed_id!(
    /// An NGO profile.
    OrganizationId
);

/// A person's role in an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberRole {
    /// Edits the profile, invites and removes members, grants ownership.
    Owner,
    /// Sees the organization and (later) drafts proposals for it.
    Member,
}

impl MemberRole {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Owner => "owner",
            MemberRole::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<MemberRole> {
        match s {
            "owner" => Some(MemberRole::Owner),
            "member" => Some(MemberRole::Member),
            _ => None,
        }
    }
}

/// Dates are stored as ISO text (`YYYY-MM-DD`): portable, and sorted right.
#[derive(Debug, Clone, Copy, diesel::deserialize::FromSqlRow)]
pub struct IsoDate(pub NaiveDate);

impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for IsoDate
where
    DB: diesel::backend::Backend,
    String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
        let s = String::from_sql(bytes)?;
        Ok(IsoDate(NaiveDate::parse_from_str(&s, ISO_DATE)?))
    }
}

impl From<IsoDate> for NaiveDate {
    fn from(d: IsoDate) -> NaiveDate {
        d.0
    }
}

pub const ISO_DATE: &str = "%Y-%m-%d";

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = o)]
pub struct Organization {
    pub id: OrganizationId,
    pub edrpou: String,
    pub full_name: String,
    /// May be empty; see [`Organization::display_name`].
    pub short_name: String,
    /// A code from [`super::codes::LEGAL_FORMS`].
    pub legal_form: String,
    #[diesel(deserialize_as = IsoDate)]
    pub registered_on: NaiveDate,
    /// An ISO 3166-2:UA code from [`super::codes::OBLASTS`].
    pub oblast: String,
    pub address: String,
    /// The organization's public contact address (not a person's account).
    pub email: String,
    pub phone: String,
    pub website: Option<String>,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Organization {
    /// The short name if there is one, else the full name.
    pub fn display_name(&self) -> &str {
        if self.short_name.is_empty() {
            &self.full_name
        } else {
            &self.short_name
        }
    }

    /// Whole months from registration to `on` (0 if `on` is earlier), for
    /// eligibility rules such as "registered at least 12 months ago".
    pub fn months_registered(&self, on: NaiveDate) -> u32 {
        use chrono::Datelike;
        let r = self.registered_on;
        if on <= r {
            return 0;
        }
        let months = (on.year() - r.year()) * 12 + on.month() as i32 - r.month() as i32;
        let months = if on.day() < r.day() {
            months - 1
        } else {
            months
        };
        months.max(0) as u32
    }
}

/// The profile fields as validated from a form (see `forms.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub edrpou: String,
    pub full_name: String,
    pub short_name: String,
    pub legal_form: String,
    pub registered_on: NaiveDate,
    pub oblast: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub website: Option<String>,
}

impl Profile {
    /// Field name → value as stored, in form order (for audit diffs).
    pub fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("edrpou", Some(self.edrpou.clone())),
            ("full_name", Some(self.full_name.clone())),
            ("short_name", Some(self.short_name.clone())),
            ("legal_form", Some(self.legal_form.clone())),
            (
                "registered_on",
                Some(self.registered_on.format(ISO_DATE).to_string()),
            ),
            ("oblast", Some(self.oblast.clone())),
            ("address", Some(self.address.clone())),
            ("email", Some(self.email.clone())),
            ("phone", Some(self.phone.clone())),
            ("website", self.website.clone()),
        ]
    }
}

impl From<&Organization> for Profile {
    fn from(org: &Organization) -> Profile {
        Profile {
            edrpou: org.edrpou.clone(),
            full_name: org.full_name.clone(),
            short_name: org.short_name.clone(),
            legal_form: org.legal_form.clone(),
            registered_on: org.registered_on,
            oblast: org.oblast.clone(),
            address: org.address.clone(),
            email: org.email.clone(),
            phone: org.phone.clone(),
            website: org.website.clone(),
        }
    }
}

pub fn insert(
    conn: &mut AnyConnection,
    id: &OrganizationId,
    p: &Profile,
    by: &UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(o::table)
        .values((
            o::id.eq(id),
            o::edrpou.eq(&p.edrpou),
            o::full_name.eq(&p.full_name),
            o::short_name.eq(&p.short_name),
            o::legal_form.eq(&p.legal_form),
            o::registered_on.eq(p.registered_on.format(ISO_DATE).to_string()),
            o::oblast.eq(&p.oblast),
            o::address.eq(&p.address),
            o::email.eq(&p.email),
            o::phone.eq(&p.phone),
            o::website.eq(&p.website),
            o::created_by.eq(by),
            o::created_at.eq(now),
            o::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn update(
    conn: &mut AnyConnection,
    id: &OrganizationId,
    p: &Profile,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(o::table.find(id))
        .set((
            o::edrpou.eq(&p.edrpou),
            o::full_name.eq(&p.full_name),
            o::short_name.eq(&p.short_name),
            o::legal_form.eq(&p.legal_form),
            o::registered_on.eq(p.registered_on.format(ISO_DATE).to_string()),
            o::oblast.eq(&p.oblast),
            o::address.eq(&p.address),
            o::email.eq(&p.email),
            o::phone.eq(&p.phone),
            o::website.eq(&p.website),
            o::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut AnyConnection, id: &OrganizationId) -> QueryResult<Option<Organization>> {
    o::table
        .find(id)
        .select(Organization::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_edrpou(conn: &mut AnyConnection, edrpou: &str) -> QueryResult<Option<Organization>> {
    o::table
        .filter(o::edrpou.eq(edrpou))
        .select(Organization::as_select())
        .first(conn)
        .optional()
}

/// A member as listed on the organization page.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: MemberRole,
    pub added_at: NaiveDateTime,
}

/// Members, owners first, then by when they joined.
pub fn members(conn: &mut AnyConnection, org: &OrganizationId) -> QueryResult<Vec<Member>> {
    let rows: Vec<(UserId, String, String, String, NaiveDateTime)> = om::table
        .inner_join(users::table)
        .filter(om::organization_id.eq(org))
        .order((om::role.desc(), om::added_at.asc()))
        .select((
            om::user_id,
            users::name,
            users::email,
            om::role,
            om::added_at,
        ))
        .load(conn)?;
    // "owner" sorts after "member" descending: owners come first.
    Ok(rows
        .into_iter()
        .filter_map(|(user_id, name, email, role, added_at)| {
            Some(Member {
                user_id,
                name,
                email,
                role: MemberRole::parse(&role)?,
                added_at,
            })
        })
        .collect())
}

pub fn role_of(
    conn: &mut AnyConnection,
    org: &OrganizationId,
    user: &UserId,
) -> QueryResult<Option<MemberRole>> {
    let role: Option<String> = om::table
        .filter(om::organization_id.eq(org))
        .filter(om::user_id.eq(user))
        .select(om::role)
        .first(conn)
        .optional()?;
    Ok(role.as_deref().and_then(MemberRole::parse))
}

/// The user's organizations with their role, by name.
pub fn memberships_of(
    conn: &mut AnyConnection,
    user: &UserId,
) -> QueryResult<Vec<(Organization, MemberRole)>> {
    let rows: Vec<(Organization, String)> = om::table
        .inner_join(o::table)
        .filter(om::user_id.eq(user))
        .order(o::full_name.asc())
        .select((Organization::as_select(), om::role))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(org, role)| Some((org, MemberRole::parse(&role)?)))
        .collect())
}

pub fn count_owners(conn: &mut AnyConnection, org: &OrganizationId) -> QueryResult<i64> {
    om::table
        .filter(om::organization_id.eq(org))
        .filter(om::role.eq(MemberRole::Owner.as_str()))
        .count()
        .get_result(conn)
}

pub fn add_member(
    conn: &mut AnyConnection,
    org: &OrganizationId,
    user: &UserId,
    role: MemberRole,
    by: Option<&UserId>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(om::table)
        .values((
            om::organization_id.eq(org),
            om::user_id.eq(user),
            om::role.eq(role.as_str()),
            om::added_at.eq(now),
            om::added_by.eq(by),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn remove_member(
    conn: &mut AnyConnection,
    org: &OrganizationId,
    user: &UserId,
) -> QueryResult<bool> {
    let n = diesel::delete(
        om::table
            .filter(om::organization_id.eq(org))
            .filter(om::user_id.eq(user)),
    )
    .execute(conn)?;
    Ok(n > 0)
}

pub fn set_role(
    conn: &mut AnyConnection,
    org: &OrganizationId,
    user: &UserId,
    role: MemberRole,
) -> QueryResult<bool> {
    let n = diesel::update(
        om::table
            .filter(om::organization_id.eq(org))
            .filter(om::user_id.eq(user)),
    )
    .set(om::role.eq(role.as_str()))
    .execute(conn)?;
    Ok(n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org_registered(on: &str) -> Organization {
        let at = NaiveDateTime::default();
        Organization {
            id: OrganizationId::new(),
            edrpou: "00019442".into(),
            full_name: "Громадська організація «Тест»".into(),
            short_name: String::new(),
            legal_form: "public_organization".into(),
            registered_on: NaiveDate::parse_from_str(on, ISO_DATE).unwrap(),
            oblast: "UA-30".into(),
            address: "Київ".into(),
            email: "info@example.org".into(),
            phone: "+380441234567".into(),
            website: None,
            created_by: UserId::new(),
            created_at: at,
            updated_at: at,
        }
    }

    #[test]
    fn whole_months_since_registration() {
        let d = |s| NaiveDate::parse_from_str(s, ISO_DATE).unwrap();
        let org = org_registered("2025-01-31");
        assert_eq!(org.months_registered(d("2025-01-01")), 0);
        assert_eq!(org.months_registered(d("2025-02-28")), 0);
        assert_eq!(org.months_registered(d("2025-03-01")), 1);
        assert_eq!(org.months_registered(d("2026-01-30")), 11);
        assert_eq!(org.months_registered(d("2026-01-31")), 12);
        assert_eq!(org.display_name(), "Громадська організація «Тест»");
    }
}
