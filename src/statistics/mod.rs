//! Public statistics (action plan measure 18): competitions, proposals,
//! admitted, funded, requested and awarded, by oblast, priority and year.
//! Only what is already public counts: proposals after their competition's
//! deadline, decisions and awards only from published results.

pub mod routes;
pub mod service;

pub use routes::routes;
