//! Argon2id password hashing and the strength rule.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::AppError;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 200;

pub fn hash(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(format!("password hashing: {e}")))
}

pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password: verifying against it when the e-mail is
/// unknown keeps login timing the same for known and unknown accounts.
pub fn dummy_hash() -> &'static str {
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9tqoyJ3Kq8B4m9FsSSd4Y8x7S1fFn0u7lVw6z3G3wR0"
}

/// Checks a new password; returns the Fluent key of the problem.
/// Length plus an estimate of how guessable it is (zxcvbn), using the
/// person's own name and e-mail as known words — no composition rules.
pub fn strength_problem(password: &str, user_inputs: &[&str]) -> Option<&'static str> {
    let chars = password.chars().count();
    if chars == 0 {
        return Some("password-required");
    }
    if chars < MIN_LENGTH {
        return Some("password-too-short");
    }
    if chars > MAX_LENGTH {
        return Some("password-too-long");
    }
    // The person's own words: whole inputs, the e-mail's local part, and
    // each word of the name, so "olena.kovalenko" counts as known.
    let mut words: Vec<String> = vec![];
    for input in user_inputs {
        let input = input.trim().to_lowercase();
        if let Some((local, _)) = input.split_once('@') {
            words.push(local.to_string());
        }
        words.extend(
            input
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 2)
                .map(str::to_string),
        );
        words.push(input);
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let estimate = zxcvbn::zxcvbn(password, &words);
    if (estimate.score() as u8) < 3 {
        return Some("password-too-guessable");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_and_verifies() {
        let h = hash("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery staple", &h));
        assert!(!verify("Correct horse battery staple", &h));
        assert!(!verify("anything", "not a hash"));
        assert!(!verify("anything", dummy_hash()));
    }

    #[test]
    fn strength_rule() {
        assert_eq!(strength_problem("", &[]), Some("password-required"));
        assert_eq!(strength_problem("Ab1!xyz", &[]), Some("password-too-short"));
        assert_eq!(
            strength_problem("password123", &[]),
            Some("password-too-guessable")
        );
        assert_eq!(
            strength_problem("1234567890", &[]),
            Some("password-too-guessable")
        );
        assert_eq!(
            strength_problem(
                "olena.kovalenko",
                &["olena.kovalenko@example.org", "Olena Kovalenko"]
            ),
            Some("password-too-guessable")
        );
        assert_eq!(strength_problem("сонячний-бузок-над-Дніпром", &[]), None);
        assert_eq!(strength_problem("correct horse battery staple", &[]), None);
        assert_eq!(
            strength_problem(&"x".repeat(201), &[]),
            Some("password-too-long")
        );
    }
}
