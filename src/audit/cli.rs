//! `konkurs audit …`: operator commands for the audit log.

use clap::Subcommand;

use super::verify::{verify, VerifyReport};
use crate::app;
use crate::config::{DatabaseUrl, Settings};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the whole hash chain. Exits 0 and prints the entry count and the
    /// head hash when it is intact; exits 1 naming the first broken entry.
    Verify,
}

/// Runs an audit command; returns the process exit code (2 when the check
/// could not run at all).
pub fn run(command: AuditCommand) -> i32 {
    match command {
        AuditCommand::Verify => match run_verify() {
            Ok(VerifyReport::Ok { entries, head_hash }) => {
                println!("audit log intact: {entries} entries, head hash {head_hash}");
                0
            }
            Ok(VerifyReport::Broken { seq, id, reason }) => {
                println!("audit log BROKEN at entry seq {seq} (id {id}): {reason}");
                1
            }
            Err(e) => {
                eprintln!("konkurs: audit verify: {e}");
                2
            }
        },
    }
}

fn run_verify() -> Result<VerifyReport, String> {
    let settings = Settings::from_figment(&app::default_figment()).map_err(|e| e.to_string())?;
    let url = DatabaseUrl::parse(&settings.database_url())?;
    // Opening a missing SQLite file would create an empty database.
    if let DatabaseUrl::Sqlite(path) = &url {
        if !std::path::Path::new(path).is_file() {
            return Err(format!("database file `{path}` does not exist"));
        }
    }
    let db = app::open_database(&settings, false).map_err(|e| e.to_string())?;
    let mut conn = db.get().map_err(|e| e.to_string())?;
    verify(&mut conn).map_err(|e| e.to_string())
}
