//! The audit log: an append-only, hash-chained record of every state change.
//!
//! Features call [`record`] inside their own write transaction; [`verify`]
//! recomputes the chain; [`list`] reads it back for public pages. The hash
//! format is specified in [`chain`], canonical JSON in [`canonical`].

pub mod canonical;
pub mod chain;
pub mod cli;
pub mod disclosure;
pub mod model;
pub mod routes;
pub mod service;
pub mod verify;

pub use canonical::{canonical_json, sha256_hex};
pub use chain::GENESIS_HASH;
pub use model::{AuditEntry, AuditEntryId};
pub use service::{list, record, ListFilter, NewEntry};
pub use verify::{verify, BrokenReason, VerifyReport};
