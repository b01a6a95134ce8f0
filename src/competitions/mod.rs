//! Competitions: organizers draft, announce (rules frozen and hashed), amend
//! publicly and move a competition through its lifecycle; the public reads
//! every call, its rules document, amendments, an Atom feed and a JSON API.

pub mod access;
pub mod amend;
pub mod api;
pub mod crumbs;
pub mod feed;
pub mod forms;
pub mod history;
pub mod ids;
pub mod input;
pub mod lifecycle;
pub mod model;
pub mod notify;
pub mod options;
pub mod public;
pub mod public_views;
pub mod routes;
pub mod rules;
pub mod service;
pub mod state;
pub mod trail;
pub mod validate;
pub mod views;

pub use access::Actor;
pub use ids::{AmendmentId, CompetitionId, CriterionId, RequiredDocumentId};
pub use model::Competition;
pub use state::State;

pub fn routes() -> Vec<rocket::Route> {
    use routes::*;
    let mut all = rocket::routes![
        dashboard,
        new_page,
        create,
        manage,
        edit_page,
        save,
        announce,
        step,
        cancel_page,
        cancel,
        amend_page,
        add_amendment,
    ];
    all.extend(rocket::routes![
        public::list,
        public::show,
        public::rules_json,
        feed::feed,
        api::list,
        api::show,
    ]);
    all
}
