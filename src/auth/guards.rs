//! Request guards per role, so a handler's signature shows who may call it.
//! Anonymous → 401 (the error page sends HTML visitors to the login form);
//! signed in without the right → 403. Guards fail rather than forward, so
//! no other route is tried.

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};

use super::session;
use crate::accounts::model::{self, Role, User};
use crate::clock::Now;
use crate::db::ids::SessionId;
use crate::db::Db;
use crate::error::{AppError, ErrorDetail};

/// The signed-in person and their global roles.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: User,
    pub roles: Vec<Role>,
    pub session_id: SessionId,
}

impl Viewer {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
    pub fn is_admin(&self) -> bool {
        self.has(Role::Admin)
    }
    /// Admins may do what organizers do.
    pub fn is_organizer(&self) -> bool {
        self.has(Role::Organizer) || self.is_admin()
    }
}

async fn load(req: &Request<'_>) -> Option<Viewer> {
    let token = req
        .cookies()
        .get_private(session::COOKIE)?
        .value()
        .to_string();
    let db = req.rocket().state::<Db>()?;
    let Outcome::Success(Now(now)) = req.guard::<Now>().await else {
        return None;
    };
    let found = db
        .run(move |c| {
            let Some((s, user)) = session::lookup(c, now, &token)? else {
                return Ok(None);
            };
            let roles = model::roles_of(c, &user.id)?;
            Ok(Some(Viewer {
                user,
                roles,
                session_id: s.id,
            }))
        })
        .await;
    match found {
        Ok(Some(viewer)) => Some(viewer),
        Ok(None) => {
            // Revoked or expired: forget the cookie.
            req.cookies().remove_private(session::COOKIE);
            None
        }
        Err(e) => {
            tracing::error!("session lookup failed: {e}");
            None
        }
    }
}

/// Anyone; `Some` when signed in.
pub struct MaybeUser(pub Option<Viewer>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for MaybeUser {
    type Error = std::convert::Infallible;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let viewer = req.local_cache_async(load(req)).await;
        Outcome::Success(MaybeUser(viewer.clone()))
    }
}

fn refuse<T>(req: &Request<'_>, status: Status, detail: &str) -> Outcome<T, AppError> {
    req.local_cache(|| ErrorDetail(Some(detail.to_string())));
    let err = if status == Status::Unauthorized {
        AppError::Unauthorized
    } else {
        AppError::Forbidden
    };
    Outcome::Error((status, err))
}

async fn signed_in(req: &Request<'_>) -> Result<Viewer, Outcome<(), AppError>> {
    match req.local_cache_async(load(req)).await {
        Some(v) => Ok(v.clone()),
        None => Err(refuse(req, Status::Unauthorized, "auth-sign-in-required")),
    }
}

macro_rules! role_guard {
    ($(#[$doc:meta])* $name:ident, |$v:ident| $allowed:expr, $verified:expr, $detail:expr) => {
        $(#[$doc])*
        pub struct $name(pub Viewer);

        #[rocket::async_trait]
        impl<'r> FromRequest<'r> for $name {
            type Error = AppError;
            async fn from_request(req: &'r Request<'_>) -> Outcome<Self, AppError> {
                let $v = match signed_in(req).await {
                    Ok(v) => v,
                    Err(_) => return refuse(req, Status::Unauthorized, "auth-sign-in-required"),
                };
                if $verified && !$v.user.is_verified() {
                    return refuse(req, Status::Forbidden, "auth-verify-email-first");
                }
                if !$allowed {
                    return refuse(req, Status::Forbidden, $detail);
                }
                Outcome::Success($name($v))
            }
        }
    };
}

role_guard!(
    /// Signed in (verified or not).
    AuthUser, |v| true, false, ""
);
role_guard!(
    /// Signed in with a verified e-mail address.
    VerifiedUser, |v| true, true, ""
);
role_guard!(
    /// Organizer or admin.
    OrganizerUser, |v| v.is_organizer(), true, "auth-organizers-only"
);
role_guard!(
    /// Admin.
    AdminUser, |v| v.is_admin(), true, "auth-admins-only"
);
