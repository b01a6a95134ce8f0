//! Walks the chain and names the first entry that does not hold.

use std::fmt;

use serde::Serialize;

use super::canonical::sha256_hex;
use super::chain::{entry_hash, GENESIS_HASH};
use super::model::{self, AuditEntry, AuditEntryId};
use crate::db::AnyConnection;
use crate::error::AppError;

/// Entries read per query, so a long log is never held in memory.
const BATCH: i64 = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum VerifyReport {
    /// Every entry holds; `head_hash` is the last entry's hash (the genesis
    /// hash for an empty log). Publishing it lets anyone detect a later
    /// truncation, which the chain alone cannot show.
    Ok { entries: u64, head_hash: String },
    /// The first entry that does not hold.
    Broken {
        seq: i64,
        id: AuditEntryId,
        reason: BrokenReason,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BrokenReason {
    /// The entry's seq is not the next number: entries before it are missing.
    SeqGap { expected: i64 },
    /// `prev_hash` is not the previous entry's hash.
    ChainLinkBroken,
    /// The details do not match `details_sha256`.
    DetailsChanged,
    /// The hashed fields do not match `hash`.
    EntryChanged,
}

impl BrokenReason {
    /// The Fluent message id (locales/*/audit.ftl).
    pub fn message_key(&self) -> &'static str {
        match self {
            BrokenReason::SeqGap { .. } => "audit-broken-seq-gap",
            BrokenReason::ChainLinkBroken => "audit-broken-chain-link",
            BrokenReason::DetailsChanged => "audit-broken-details-changed",
            BrokenReason::EntryChanged => "audit-broken-entry-changed",
        }
    }
}

impl fmt::Display for BrokenReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BrokenReason::SeqGap { expected } => {
                write!(f, "seq gap: entry {expected} is missing")
            }
            BrokenReason::ChainLinkBroken => {
                f.write_str("chain link broken: prev_hash is not the previous entry's hash")
            }
            BrokenReason::DetailsChanged => {
                f.write_str("details changed: they do not match details_sha256")
            }
            BrokenReason::EntryChanged => f.write_str("entry changed: it does not match its hash"),
        }
    }
}

/// Checks the whole chain in seq order, reading it in batches.
pub fn verify(conn: &mut AnyConnection) -> Result<VerifyReport, AppError> {
    let mut expected_seq = 1_i64;
    let mut prev_hash = GENESIS_HASH.to_string();
    loop {
        let batch = model::batch_after(conn, expected_seq - 1, BATCH)?;
        let done = (batch.len() as i64) < BATCH;
        for entry in batch {
            if let Some(reason) = check(&entry, expected_seq, &prev_hash) {
                return Ok(VerifyReport::Broken {
                    seq: entry.seq,
                    id: entry.id,
                    reason,
                });
            }
            expected_seq += 1;
            prev_hash = entry.hash;
        }
        if done {
            return Ok(VerifyReport::Ok {
                entries: (expected_seq - 1) as u64,
                head_hash: prev_hash,
            });
        }
    }
}

/// The first thing wrong with `e`, most specific first.
fn check(e: &AuditEntry, expected_seq: i64, prev_hash: &str) -> Option<BrokenReason> {
    if e.seq != expected_seq {
        Some(BrokenReason::SeqGap {
            expected: expected_seq,
        })
    } else if e.prev_hash != prev_hash {
        Some(BrokenReason::ChainLinkBroken)
    } else if sha256_hex(&e.details) != e.details_sha256 {
        Some(BrokenReason::DetailsChanged)
    } else if entry_hash(e) != e.hash {
        Some(BrokenReason::EntryChanged)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::I18n;
    use crate::web::lang::Lang;
    use fluent_bundle::FluentArgs;

    #[test]
    fn every_reason_has_a_message_in_both_languages() {
        let i18n = I18n::load().unwrap();
        let reasons = [
            BrokenReason::SeqGap { expected: 3 },
            BrokenReason::ChainLinkBroken,
            BrokenReason::DetailsChanged,
            BrokenReason::EntryChanged,
        ];
        for lang in Lang::ALL {
            for r in reasons {
                assert!(i18n.has(lang, r.message_key()), "{lang:?} {r:?}");
            }
            let mut args = FluentArgs::new();
            args.set("expected", 3);
            let text = i18n.t(lang, "audit-broken-seq-gap", Some(&args));
            assert!(text.contains('3'), "{text}");
        }
    }

    #[test]
    fn ukrainian_counts_entries_with_plural_forms() {
        let i18n = I18n::load().unwrap();
        let ok = |n: i64| {
            let mut args = FluentArgs::new();
            args.set("entries", n);
            args.set("head", "abc");
            i18n.t(Lang::Uk, "audit-verify-ok", Some(&args))
        };
        assert!(ok(1).contains("1 запис,"), "{}", ok(1));
        assert!(ok(3).contains("3 записи,"), "{}", ok(3));
        assert!(ok(80).contains("80 записів,"), "{}", ok(80));
    }
}
