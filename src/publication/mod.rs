//! Publication and open data (issue 7): the organizer publishes finalized
//! results (applicants notified); the public then reads the results page,
//! each proposal's page, the frozen results document, the JSON API, the
//! whole-funnel file, 360Giving packages and CSV files. Until publication
//! every one of those routes is 404 ([`access::published`]).

pub mod access;
pub mod files;
pub mod funnel;
pub mod giving;
pub mod model;
pub mod notify;
pub mod pages;
pub mod proposal_view;
pub mod results_view;
pub mod service;
pub mod tables;
pub mod views;

pub fn routes() -> Vec<rocket::Route> {
    use files::*;
    rocket::routes![
        pages::results,
        pages::proposal,
        results_json,
        api_results,
        funnel_json,
        giving_one,
        giving_all,
        proposals_csv,
        scores_csv,
    ]
}
