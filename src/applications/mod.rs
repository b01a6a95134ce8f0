//! Applications: an organization's members draft a proposal (project,
//! activities, results, budget table), upload the required PDFs, submit it
//! with a verifiable receipt (registration number + SHA-256 of a canonical
//! snapshot) and may withdraw it before the deadline. After the deadline
//! the list of submissions is public and the organizer decides
//! admissibility.

pub mod access;
pub mod admissibility;
pub mod budget;
pub mod decision_routes;
pub mod documents;
pub mod forms;
pub mod ids;
pub mod model;
pub mod orgs;
pub mod public;
pub mod routes;
pub mod service;
pub mod submit;
pub mod submit_routes;
pub mod upload;
pub mod validate;
pub mod views;

pub use ids::{ProposalDocumentId, ProposalId};

pub fn routes() -> Vec<rocket::Route> {
    use routes::*;
    rocket::routes![
        start_page,
        create,
        mine,
        show,
        edit_page,
        save,
        autosave,
        submit_routes::submit_route,
        submit_routes::withdraw,
        submit_routes::receipt,
        submit_routes::snapshot,
        decision_routes::decide,
        decision_routes::correction,
        decision_routes::organizer_list,
        public::page,
        upload::upload,
        upload::download,
        public::api,
    ]
}
