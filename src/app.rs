//! Builds the Rocket app from a figment: settings, database, web state,
//! fairings, routes and catchers. No globals, so tests build many apps.

use rocket::figment::Figment;
use rocket::{Build, Rocket};

use crate::clock::Clock;
use crate::config::{resolve_secret_key, ConfigError, DatabaseUrl, Settings};
use crate::db::{migrations, Db};
use crate::web::{self, headers::SecurityHeaders, Web};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("database: {0}")]
    Database(String),
    #[error("templates or translations: {0}")]
    Web(String),
    #[error("{0}")]
    Refused(String),
}

/// The figment Konkurs reads: Rocket.toml (if present) and `ROCKET_*`.
pub fn default_figment() -> Figment {
    rocket::Config::figment()
}

/// Opens the database named by the settings and applies pending migrations.
pub fn open_database(settings: &Settings, migrate: bool) -> Result<Db, StartupError> {
    let url = DatabaseUrl::parse(&settings.database_url()).map_err(StartupError::Database)?;
    let db = Db::new(&url, settings.database_pool_size);
    if migrate {
        let mut conn = db
            .get()
            .map_err(|e| StartupError::Database(e.to_string()))?;
        let applied = migrations::run_pending(&mut conn).map_err(StartupError::Database)?;
        for version in applied {
            tracing::info!(version, "applied migration");
        }
    }
    Ok(db)
}

pub fn build(figment: Figment) -> Result<Rocket<Build>, StartupError> {
    build_with_clock(figment, Clock::System)
}

/// Like [`build`] with a given time source (tests use a manual clock).
pub fn build_with_clock(figment: Figment, clock: Clock) -> Result<Rocket<Build>, StartupError> {
    let settings = Settings::from_figment(&figment)?;
    settings.prepare_data_dir()?;
    let secret = resolve_secret_key(&figment, &settings.data_dir)?;
    let figment = figment.merge(("secret_key", secret));
    let db = open_database(&settings, settings.migrate_on_start)?;
    let web = Web::load(settings.templates_dir.as_deref()).map_err(StartupError::Web)?;
    let mail =
        crate::mail::Mail::from_settings(&settings, db.clone(), clock.clone(), web.i18n.clone())?;
    let storage = crate::storage::from_settings(&settings)?;
    let pdf = crate::pdf::PdfInspector::from_settings(&settings)?;

    Ok(rocket::custom(figment)
        .manage(settings)
        .manage(db)
        .manage(web)
        .manage(clock)
        .manage(mail.renderer)
        .manage(mail.outbox)
        .manage(storage)
        .manage(pdf)
        .attach(SecurityHeaders)
        .attach(crate::mail::OutboxWorker)
        .mount("/", crate::home::routes())
        .mount("/", crate::accounts::routes())
        .mount("/", crate::organizations::routes())
        .mount("/admin", crate::admin::routes())
        .mount("/", crate::competitions::routes())
        .mount("/", crate::applications::routes())
        .mount("/", crate::review::routes())
        .mount("/", crate::review::defence::routes())
        .mount("/", crate::publication::routes())
        .mount("/", crate::review::verdict_routes::routes())
        .mount("/", crate::api::routes())
        .mount("/", crate::audit::routes::routes())
        .mount("/", crate::statistics::routes())
        .mount("/", rocket::routes![web::assets::asset])
        .register("/", web::catchers::all()))
}
