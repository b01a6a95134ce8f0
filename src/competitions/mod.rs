//! Competitions: organizers draft, announce (rules frozen and hashed), amend
//! publicly and move a competition through its lifecycle; the public reads
//! every call, its rules document, amendments, an Atom feed and a JSON API.

pub mod access;
pub mod amend;
pub mod forms;
pub mod ids;
pub mod input;
pub mod lifecycle;
pub mod model;
pub mod notify;
pub mod options;
pub mod rules;
pub mod service;
pub mod state;
mod trail;
pub mod validate;

pub use access::Actor;
pub use ids::{AmendmentId, CompetitionId, CriterionId, RequiredDocumentId};
pub use model::Competition;
pub use state::State;

pub fn routes() -> Vec<rocket::Route> {
    vec![]
}
