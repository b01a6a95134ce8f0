//! The data layer: a pool of `AnyConnection` (SQLite or PostgreSQL, chosen by
//! the URL scheme), embedded migrations, the schema and typed IDs.

pub mod compat;
pub mod ids;
pub mod migrations;
mod pool;
pub mod schema;
pub mod tx;

pub use pool::{AnyConnection, Db, DbPool};
