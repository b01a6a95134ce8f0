//! NGO profiles (organizations): one per EDRPOU code, with owners and
//! members, invitations by e-mail and requests to join. Other modules use
//! [`service`] (look-ups, membership, access) and [`OrganizationId`].

pub mod codes;
pub mod edrpou;
pub mod forms;
pub mod invitations;
pub mod join;
pub mod member_routes;
pub mod members;
pub mod model;
pub mod profile;
pub mod routes;
pub mod service;
pub mod validate;
pub mod views;

pub use model::{MemberRole, Organization, OrganizationId};

pub fn routes() -> Vec<rocket::Route> {
    use member_routes::*;
    use routes::*;
    rocket::routes![
        index,
        new_page,
        create,
        show,
        edit_page,
        update,
        invite,
        revoke_invitation,
        remove_member,
        set_role,
        ask_to_join,
        dismiss_request,
        invitation_page,
        accept_invitation,
    ]
}
