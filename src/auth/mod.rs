//! Who is acting: password hashing, sessions, role guards, CSRF, login
//! throttling and single-use e-mail tokens.

pub mod csrf;
pub mod guards;
pub mod password;
pub mod secret;
pub mod session;
pub mod throttle;
pub mod tokens;

pub use csrf::CsrfForm;
pub use guards::{AdminUser, AuthUser, MaybeUser, OrganizerUser, VerifiedUser, Viewer};
