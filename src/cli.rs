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
    /// Audit log commands (`konkurs audit verify` checks the hash chain).
    Audit {
        #[command(subcommand)]
        command: crate::audit::cli::AuditCommand,
    },
    /// Internal: check one PDF in isolation and print JSON (run by the server).
    #[command(hide = true)]
    PdfInspect(crate::pdf::worker::WorkerArgs),
    /// Seed a realistic demo (four competitions, NGOs, jury, published
    /// results) into the configured database and print the demo accounts.
    Demo {
        /// Read the demo accounts' password from the first line of standard
        /// input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a verified account, optionally with a global role. Without
    /// --password-stdin a strong password is generated and printed once.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["admin", "organizer"])]
        role: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

/// Runs the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(),
        Command::Migrate => migrate(),
        Command::User { command } => user(command),
        Command::Demo { password_stdin } => demo(password_stdin),
        Command::Audit { command } => return crate::audit::cli::run(command),
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

fn user(command: UserCommand) -> Result<(), StartupError> {
    let UserCommand::Add {
        email,
        name,
        role,
        password_stdin,
    } = command;
    let (password, generated) = if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| StartupError::Database(format!("reading the password: {e}")))?;
        (line.trim_end_matches(['\r', '\n']).to_string(), false)
    } else {
        (crate::auth::secret::random_token()[..24].to_string(), true)
    };
    let settings = Settings::from_figment(&app::default_figment())?;
    settings.prepare_data_dir()?;
    let db = app::open_database(&settings, true)?;
    let mut conn = db
        .get()
        .map_err(|e| StartupError::Database(e.to_string()))?;
    let role = role
        .as_deref()
        .and_then(crate::accounts::model::Role::parse);
    let now = crate::clock::Clock::System.now();
    let id =
        crate::accounts::service::create_verified(&mut conn, now, &email, &name, &password, role)
            .map_err(StartupError::Refused)?;
    println!(
        "created {} <{}> ({id}){}",
        name.trim(),
        email.trim().to_lowercase(),
        role.map(|r| format!(", role {}", r.as_str()))
            .unwrap_or_default()
    );
    if generated {
        println!("password (shown once): {password}");
    }
    Ok(())
}

fn demo(password_stdin: bool) -> Result<(), StartupError> {
    let password = if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| StartupError::Refused(format!("reading the password: {e}")))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else {
        crate::auth::secret::random_token()[..20].to_string()
    };
    let figment = app::default_figment();
    let settings = Settings::from_figment(&figment)?;
    settings.prepare_data_dir()?;
    let db = app::open_database(&settings, true)?;
    let clock = crate::clock::Clock::System;
    let web =
        crate::web::Web::load(settings.templates_dir.as_deref()).map_err(StartupError::Web)?;
    let mail =
        crate::mail::Mail::from_settings(&settings, db.clone(), clock.clone(), web.i18n.clone())?;
    let env = crate::demo::Env {
        db,
        renderer: mail.renderer,
        storage: crate::storage::from_settings(&settings)?,
        pdf: crate::pdf::PdfInspector::from_settings(&settings)?,
        now: clock.now(),
    };
    let report = rocket::execute(async move { crate::demo::seed(&env, &password).await })
        .map_err(|e| StartupError::Refused(format!("demo: {e}")))?;
    println!("{}", crate::demo::story::describe(&report));
    Ok(())
}
