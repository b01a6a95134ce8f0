//! People and their accounts: registration, verification, sign-in, password
//! reset and change, global roles.

pub mod forms;
pub mod model;
mod passwords;
mod roles;
pub mod routes;
pub mod service;

pub fn routes() -> Vec<rocket::Route> {
    use routes::*;
    rocket::routes![
        register_page,
        register,
        check_email,
        verify_email,
        resend_verification,
        login_page,
        login,
        logout,
        forgot_page,
        forgot,
        forgot_sent,
        reset_page,
        reset,
        account,
        password_page,
        change_password,
    ]
}
