//! Accounts in the database: users and their global roles.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::compat::lower;
use crate::db::ids::UserId;
use crate::db::schema::{user_roles, users};
use crate::db::AnyConnection;
use crate::web::lang::Lang;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub lang: String,
    pub email_verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl User {
    pub fn lang(&self) -> Lang {
        Lang::parse(&self.lang).unwrap_or_default()
    }

    pub fn is_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: &'a UserId,
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub lang: &'a str,
    pub email_verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Global roles; acting for an NGO or sitting on a jury is per object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Organizer,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Admin, Role::Organizer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organizer => "organizer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// E-mail addresses compare trimmed and lowercased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn find(conn: &mut AnyConnection, id: &UserId) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut AnyConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(normalize_email(email)))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn email_taken(conn: &mut AnyConnection, email: &str) -> QueryResult<bool> {
    Ok(find_by_email(conn, email)?.is_some())
}

pub fn insert(conn: &mut AnyConnection, user: NewUser<'_>) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)
        .map(|_| ())
}

pub fn roles_of(conn: &mut AnyConnection, id: &UserId) -> QueryResult<Vec<Role>> {
    let names: Vec<String> = user_roles::table
        .filter(user_roles::user_id.eq(id))
        .select(user_roles::role)
        .load(conn)?;
    let mut roles: Vec<Role> = names.iter().filter_map(|n| Role::parse(n)).collect();
    roles.sort();
    Ok(roles)
}

/// Grants a role; returns false if the user already had it.
pub fn grant_role(
    conn: &mut AnyConnection,
    id: &UserId,
    role: Role,
    by: Option<&UserId>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    if roles_of(conn, id)?.contains(&role) {
        return Ok(false);
    }
    diesel::insert_into(user_roles::table)
        .values((
            user_roles::user_id.eq(id),
            user_roles::role.eq(role.as_str()),
            user_roles::granted_at.eq(now),
            user_roles::granted_by.eq(by),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Revokes a role; returns false if the user did not have it.
pub fn revoke_role(conn: &mut AnyConnection, id: &UserId, role: Role) -> QueryResult<bool> {
    let n = diesel::delete(
        user_roles::table
            .filter(user_roles::user_id.eq(id))
            .filter(user_roles::role.eq(role.as_str())),
    )
    .execute(conn)?;
    Ok(n > 0)
}

pub fn count_with_role(conn: &mut AnyConnection, role: Role) -> QueryResult<i64> {
    user_roles::table
        .filter(user_roles::role.eq(role.as_str()))
        .count()
        .get_result(conn)
}

/// Users whose name or e-mail contains `q` (case-insensitive), newest first.
pub fn search(conn: &mut AnyConnection, q: &str, limit: i64) -> QueryResult<Vec<User>> {
    let mut query = users::table.select(User::as_select()).into_boxed();
    let q = q.trim().to_lowercase();
    if !q.is_empty() {
        let pattern = format!("%{}%", q.replace('%', "").replace('_', ""));
        query = query.filter(
            users::email
                .like(pattern.clone())
                .or(lower(users::name).like(pattern)),
        );
    }
    query
        .order(users::created_at.desc())
        .limit(limit)
        .load(conn)
}
