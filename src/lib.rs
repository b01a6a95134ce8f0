//! Konkurs: transparent funding competitions for civil-society programmes.
//! See DESIGN.md for the domain and the architecture.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod home;
pub mod scoring;
pub mod web;

pub use app::{build, build_with_clock, default_figment};
