//! Single-use, expiring e-mail links (verification, password reset).

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::secret::{random_token, sha256_hex};
use crate::db::ids::{TokenId, UserId};
use crate::db::schema::account_tokens;
use crate::db::AnyConnection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::ResetPassword => "reset_password",
        }
    }

    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::VerifyEmail => Duration::days(3),
            Purpose::ResetPassword => Duration::hours(1),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    Unknown,
    Expired,
    Used,
}

impl TokenProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            TokenProblem::Unknown => "token-unknown",
            TokenProblem::Expired => "token-expired",
            TokenProblem::Used => "token-used",
        }
    }
}

/// Issues a token (earlier unused ones of the same purpose stop working).
pub fn issue(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    user: &UserId,
    purpose: Purpose,
) -> QueryResult<String> {
    diesel::update(
        account_tokens::table
            .filter(account_tokens::user_id.eq(user))
            .filter(account_tokens::purpose.eq(purpose.as_str()))
            .filter(account_tokens::used_at.is_null())
            .filter(account_tokens::expires_at.gt(now)),
    )
    .set(account_tokens::expires_at.eq(now))
    .execute(conn)?;
    let token = random_token();
    diesel::insert_into(account_tokens::table)
        .values((
            account_tokens::id.eq(TokenId::new()),
            account_tokens::user_id.eq(user),
            account_tokens::purpose.eq(purpose.as_str()),
            account_tokens::token_hash.eq(sha256_hex(token.as_bytes())),
            account_tokens::created_at.eq(now),
            account_tokens::expires_at.eq(now + purpose.lifetime()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Whose token this is, if it is still usable (does not use it up).
pub fn check(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    token: &str,
    purpose: Purpose,
) -> QueryResult<Result<(TokenId, UserId), TokenProblem>> {
    let row: Option<(TokenId, UserId, NaiveDateTime, Option<NaiveDateTime>)> =
        account_tokens::table
            .filter(account_tokens::token_hash.eq(sha256_hex(token.as_bytes())))
            .filter(account_tokens::purpose.eq(purpose.as_str()))
            .select((
                account_tokens::id,
                account_tokens::user_id,
                account_tokens::expires_at,
                account_tokens::used_at,
            ))
            .first(conn)
            .optional()?;
    Ok(match row {
        None => Err(TokenProblem::Unknown),
        Some((_, _, _, Some(_))) => Err(TokenProblem::Used),
        Some((_, _, expires, None)) if expires <= now => Err(TokenProblem::Expired),
        Some((id, user, _, None)) => Ok((id, user)),
    })
}

/// Uses a token up; a concurrent second use finds it used (conditional update).
pub fn consume(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    token: &str,
    purpose: Purpose,
) -> QueryResult<Result<UserId, TokenProblem>> {
    let (id, user) = match check(conn, now, token, purpose)? {
        Ok(found) => found,
        Err(problem) => return Ok(Err(problem)),
    };
    let n = diesel::update(
        account_tokens::table
            .find(&id)
            .filter(account_tokens::used_at.is_null()),
    )
    .set(account_tokens::used_at.eq(now))
    .execute(conn)?;
    Ok(if n == 1 {
        Ok(user)
    } else {
        Err(TokenProblem::Used)
    })
}
