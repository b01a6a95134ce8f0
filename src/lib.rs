//! Konkurs: transparent funding competitions for civil-society programmes.
//! See DESIGN.md for the domain and the architecture.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod app;
pub mod applications;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod competitions;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod home;
pub mod mail;
pub mod organizations;
pub mod pdf;
pub mod publication;
pub mod review;
pub mod scoring;
pub mod statistics;
pub mod storage;
pub mod web;

pub use app::{build, build_with_clock, default_figment};
