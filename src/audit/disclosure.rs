//! What the public audit log shows of an entry's details *now*. The chain
//! covers `details_sha256`, not the details, so withholding details never
//! breaks verification; the hash is always shown.
//!
//! - Entries recorded as private (`public = false`: accounts, organizations,
//!   drafts, submissions) never show details.
//! - Entries about the review and the decisions leading to the results
//!   (admissibility reasons, jurors, conflicts of interest, scores,
//!   overrides, finalization) are **deferred**: their details appear only
//!   once the competition's results are published.
//! - Details that carry personal or confidential fields (e-mail addresses,
//!   COI comments, juror comments, affiliation notes, tokens) are never
//!   shown, whatever the entry says.

use serde_json::Value;

use super::AuditEntry;

/// Action prefixes whose details wait for the competition's publication.
pub const DEFERRED_PREFIXES: [&str; 11] = [
    "proposal.admissibility",
    "proposal.correction",
    "review.",
    "jury.",
    "juror.",
    "coi.",
    "score.",
    "scores.",
    "deliberation.",
    "override.",
    "results.",
];

/// Keys whose presence (at any depth) keeps details private for good.
pub const PRIVATE_KEYS: [&str; 10] = [
    "email",
    "emails",
    "coi_comment",
    "comment",
    "comments",
    "note",
    "affiliations_note",
    "token",
    "phone",
    "password",
];

/// What the public sees of one entry's details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Details(String),
    /// Disclosed once the competition's results are published.
    Deferred,
    Private,
}

pub fn is_deferred(action: &str) -> bool {
    DEFERRED_PREFIXES.iter().any(|p| action.starts_with(p))
}

fn has_private_key(v: &Value) -> bool {
    match v {
        Value::Object(m) => m
            .iter()
            .any(|(k, v)| PRIVATE_KEYS.contains(&k.as_str()) || has_private_key(v)),
        Value::Array(a) => a.iter().any(has_private_key),
        _ => false,
    }
}

/// The entry's details as the public may see them, given whether its
/// competition's results are published.
pub fn shown(e: &AuditEntry, competition_published: bool) -> Shown {
    let Some(details) = e.public_details() else {
        return Shown::Private;
    };
    if is_deferred(&e.action) && !competition_published {
        return Shown::Deferred;
    }
    match serde_json::from_str::<Value>(details) {
        Ok(v) if !has_private_key(&v) => Shown::Details(details.to_string()),
        _ => Shown::Private,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str, details: &str, public: bool) -> AuditEntry {
        AuditEntry {
            id: crate::audit::AuditEntryId::new(),
            seq: 1,
            at: chrono::NaiveDateTime::default(),
            actor_id: None,
            actor_label: "system".into(),
            action: action.into(),
            subject_type: "proposal".into(),
            subject_id: None,
            competition_id: None,
            details: details.into(),
            details_sha256: String::new(),
            public,
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    #[test]
    fn private_deferred_and_public_details() {
        let d = r#"{"decision":"not_admitted","text":"x"}"#;
        assert_eq!(
            shown(&entry("proposal.admissibility", d, true), false),
            Shown::Deferred
        );
        assert_eq!(
            shown(&entry("proposal.admissibility", d, true), true),
            Shown::Details(d.into())
        );
        assert_eq!(
            shown(&entry("proposal.admissibility", d, false), true),
            Shown::Private
        );
        assert_eq!(
            shown(&entry("review.scored", d, true), false),
            Shown::Deferred
        );
        let a = r#"{"from":"review","to":"deliberation"}"#;
        assert_eq!(
            shown(&entry("competition.deliberation_started", a, true), false),
            Shown::Details(a.into())
        );
        let mail = r#"{"juror":{"email":"a@b.c"}}"#;
        assert_eq!(
            shown(&entry("competition.x", mail, true), true),
            Shown::Private
        );
        let coi = r#"{"coi":"potential","coi_comment":"my cousin"}"#;
        assert_eq!(
            shown(&entry("review.coi_declared", coi, true), true),
            Shown::Private
        );
    }
}
