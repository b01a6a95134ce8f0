//! Pages of the jury review: the organizer's jury list and progress, the
//! invitation link, and the juror's own pages.

pub mod invitation;
pub mod juror;
pub mod organizer;
pub mod scoring;

pub fn all() -> Vec<rocket::Route> {
    rocket::routes![
        organizer::jury_page,
        organizer::invite,
        organizer::remove,
        organizer::progress_page,
        organizer::remind,
        invitation::page,
        invitation::accept,
        invitation::register,
        juror::mine,
        juror::competition,
        juror::affiliations_page,
        juror::add_affiliation,
        juror::remove_affiliation,
        juror::confirm_affiliations,
        scoring::assignment,
        scoring::declare,
        scoring::score,
    ]
}
