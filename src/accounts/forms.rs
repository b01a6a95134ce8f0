//! Account forms: what the browser sends, and the checks that give each
//! field its own message. Passwords are never sent back to the page.

use rocket::form::FromForm;
use serde::Serialize;

use crate::auth::password;
use crate::has_csrf;
use crate::web::forms::FieldErrors;

pub const NAME_MAX: usize = 200;

#[derive(Debug, FromForm)]
pub struct RegisterForm {
    pub csrf_token: String,
    pub name: String,
    pub email: String,
    pub password: String,
}

#[derive(Debug, FromForm)]
pub struct LoginForm {
    pub csrf_token: String,
    pub email: String,
    pub password: String,
    pub next: Option<String>,
}

#[derive(Debug, FromForm)]
pub struct ForgotForm {
    pub csrf_token: String,
    pub email: String,
}

#[derive(Debug, FromForm)]
pub struct ResetForm {
    pub csrf_token: String,
    pub password: String,
}

#[derive(Debug, FromForm)]
pub struct ChangePasswordForm {
    pub csrf_token: String,
    pub current_password: String,
    pub new_password: String,
}

has_csrf!(
    RegisterForm,
    LoginForm,
    ForgotForm,
    ResetForm,
    ChangePasswordForm
);

/// What a re-rendered form shows back (never a password).
#[derive(Debug, Default, Serialize)]
pub struct Echo {
    pub name: String,
    pub email: String,
    pub next: String,
}

pub fn check_email(errors: &mut FieldErrors, field: &str, email: &str) {
    let email = email.trim();
    if email.is_empty() {
        errors.add(field, "email-required");
    } else if !email_address::EmailAddress::is_valid(email) || !email.contains('.') {
        errors.add(field, "email-invalid");
    }
}

pub fn check_new_password(errors: &mut FieldErrors, field: &str, pw: &str, known: &[&str]) {
    if let Some(key) = password::strength_problem(pw, known) {
        errors.add(field, key);
    }
}

impl RegisterForm {
    pub fn validate(&self) -> FieldErrors {
        let mut e = FieldErrors::new();
        let name = self.name.trim();
        if name.is_empty() {
            e.add("name", "name-required");
        } else if name.chars().count() > NAME_MAX {
            e.add("name", "name-too-long");
        }
        check_email(&mut e, "email", &self.email);
        check_new_password(
            &mut e,
            "password",
            &self.password,
            &[&self.email, &self.name],
        );
        e
    }
}

/// Only local paths, so `next` cannot send anyone to another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/account".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next(Some("/competitions/1")), "/competitions/1");
        assert_eq!(safe_next(Some("//evil.example")), "/account");
        assert_eq!(safe_next(Some("https://evil.example")), "/account");
        assert_eq!(safe_next(Some("/\\evil.example")), "/account");
        assert_eq!(safe_next(None), "/account");
    }

    #[test]
    fn registration_checks_each_field() {
        let f = RegisterForm {
            csrf_token: String::new(),
            name: " ".into(),
            email: "not-an-email".into(),
            password: "short".into(),
        };
        let e = f.validate();
        let keys: Vec<_> = e.keys().collect();
        assert_eq!(
            keys,
            vec![
                ("name", "name-required"),
                ("email", "email-invalid"),
                ("password", "password-too-short")
            ]
        );
    }
}
