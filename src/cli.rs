//! The command line: `konkurs [serve]`, `konkurs migrate`, …

use clap::{Parser, Subcommand};

use crate::app::{self, StartupError};
use crate::config::Settings;

#[derive(Debug, Parser)]
#[command(
    name = "konkurs",
    version,
    about = "Konkurs — transparent public funding competitions"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web server (the default). Settings come from Rocket.toml and
    /// ROCKET_* environment variables.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Internal: check one PDF in isolation and print JSON (run by the server).
    #[command(hide = true)]
    PdfInspect(crate::pdf::worker::WorkerArgs),
}

/// Runs the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(),
        Command::Migrate => migrate(),
        Command::PdfInspect(args) => return crate::pdf::worker::run(&args),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("konkurs: {e}");
            2
        }
    }
}

fn serve() -> Result<(), StartupError> {
    let rocket = app::build(app::default_figment())?;
    rocket::execute(async move {
        if let Err(e) = rocket.launch().await {
            eprintln!("konkurs: server stopped: {e}");
            std::process::exit(1);
        }
    });
    Ok(())
}

fn migrate() -> Result<(), StartupError> {
    let settings = Settings::from_figment(&app::default_figment())?;
    settings.prepare_data_dir()?;
    let db = app::open_database(&settings, false)?;
    let mut conn = db
        .get()
        .map_err(|e| StartupError::Database(e.to_string()))?;
    let applied = crate::db::migrations::run_pending(&mut conn).map_err(StartupError::Database)?;
    if applied.is_empty() {
        println!("database is up to date");
    }
    for v in applied {
        println!("applied {v}");
    }
    Ok(())
}
