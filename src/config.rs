//! Typed configuration, read from Rocket's figment (Rocket.toml profiles and
//! `ROCKET_*` environment variables). There is no global: the app is built from
//! a `Settings` value, so tests can run many apps side by side.

use std::path::{Path, PathBuf};

use rocket::figment::Figment;
use serde::Deserialize;

use crate::web::lang::Lang;

/// Everything Konkurs itself reads from the figment (Rocket reads its own keys).
#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    /// `sqlite://path/to/file.db` or `postgres://user:pass@host/db`.
    /// Default: `sqlite://<data_dir>/konkurs.db`.
    #[serde(default)]
    pub database_url: Option<String>,
    /// Where the SQLite file, uploaded files, outgoing mail and the generated
    /// secret key live.
    #[serde(default = "default_data_dir")]
    pub data_dir: PathBuf,
    /// The address the public reaches this instance at; used in e-mails,
    /// feeds and open data.
    #[serde(default = "default_base_url")]
    pub public_base_url: String,
    #[serde(default)]
    pub default_lang: Lang,
    /// Run pending migrations when the server starts. Turn off when several
    /// instances share a database and `konkurs migrate` runs once per deploy.
    #[serde(default = "yes")]
    pub migrate_on_start: bool,
    /// Maximum database connections per instance.
    #[serde(default = "default_pool_size")]
    pub database_pool_size: u32,
    /// Read templates from this folder instead of the embedded copies
    /// (development only: edit a template, reload the page).
    #[serde(default)]
    pub templates_dir: Option<PathBuf>,
    /// `[open_data]`: identifiers of the 360Giving data (see docs/open-data.md).
    #[serde(default)]
    pub open_data: OpenDataSettings,
    /// Outgoing mail: `mail_*` and `smtp_*` keys.
    #[serde(flatten)]
    pub mail: crate::mail::settings::MailSettings,
    /// `storage_backend` and `s3_*` (see `crate::storage`); read from the
    /// same figment in `from_figment` (not `flatten`, which would lose the
    /// key names in error messages).
    #[serde(skip)]
    pub storage: crate::storage::StorageSettings,
    /// `pdf_*` (see `crate::pdf`), read like `storage`.
    #[serde(skip)]
    pub pdf: crate::pdf::PdfSettings,
}

/// The `[open_data]` table: how the 360Giving package names this funder.
#[derive(Debug, Clone, Deserialize)]
pub struct OpenDataSettings {
    /// The publisher's 360Giving prefix: grant IDs are
    /// `360G-<prefix>-<registration number>`.
    #[serde(default = "default_prefix")]
    pub prefix: String,
    /// The funder's organization identifier (org-id.guide), e.g.
    /// `UA-EDR-00000000`.
    #[serde(default = "default_funder_id")]
    pub funder_id: String,
    #[serde(default = "default_funder_name")]
    pub funder_name: String,
}

impl Default for OpenDataSettings {
    fn default() -> Self {
        OpenDataSettings {
            prefix: default_prefix(),
            funder_id: default_funder_id(),
            funder_name: default_funder_name(),
        }
    }
}

fn default_prefix() -> String {
    "konkurs".into()
}
fn default_funder_id() -> String {
    "UA-EDR-00000000".into()
}
fn default_funder_name() -> String {
    "Konkurs".into()
}

fn default_data_dir() -> PathBuf {
    PathBuf::from("data")
}
fn default_base_url() -> String {
    "http://127.0.0.1:8000".into()
}
fn default_pool_size() -> u32 {
    8
}
fn yes() -> bool {
    true
}

/// A configuration value that cannot be used, with the key it came from.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Figment(#[from] Box<rocket::figment::Error>),
    #[error("configuration key `{key}`: {message}")]
    Invalid { key: &'static str, message: String },
    #[error("data directory `{path}`: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Which database a URL points at; dispatching on the scheme keeps the real
/// connection error instead of diesel's generic multi-connection message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(String),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<Self, String> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(
                    "the SQLite URL has no file path (e.g. sqlite://data/konkurs.db)".into(),
                );
            }
            Ok(Self::Sqlite(path.to_string()))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(url.to_string()))
        } else {
            Err(format!(
                "`{}` is neither sqlite://… nor postgres://…",
                redact_url(url)
            ))
        }
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

/// Hides the password of a URL so it can be logged.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}://{}:***{}", &url[..s], user, &url[at..])
        }
        _ => url.to_string(),
    }
}

impl Settings {
    /// Reads and validates the settings; every bad value gets its own message.
    pub fn from_figment(figment: &Figment) -> Result<Self, ConfigError> {
        let mut settings: Settings = figment.extract().map_err(Box::new)?;
        settings.storage = figment.extract().map_err(Box::new)?;
        settings.pdf = figment.extract().map_err(Box::new)?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        DatabaseUrl::parse(&self.database_url()).map_err(|message| ConfigError::Invalid {
            key: "database_url",
            message,
        })?;
        let base = &self.public_base_url;
        if !(base.starts_with("http://") || base.starts_with("https://")) || base.len() < 10 {
            return Err(ConfigError::Invalid {
                key: "public_base_url",
                message: format!("`{base}` must be an absolute http:// or https:// address"),
            });
        }
        if self.database_pool_size == 0 {
            return Err(ConfigError::Invalid {
                key: "database_pool_size",
                message: "must be at least 1".into(),
            });
        }
        if let Some(dir) = &self.templates_dir {
            if !dir.is_dir() {
                return Err(ConfigError::Invalid {
                    key: "templates_dir",
                    message: format!("`{}` is not a directory", dir.display()),
                });
            }
        }
        self.mail.validate()?;
        self.storage.validate()?;
        self.pdf.validate()?;
        Ok(())
    }

    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("konkurs.db").display()),
        }
    }

    /// The public base URL without a trailing slash.
    pub fn base_url(&self) -> &str {
        self.public_base_url.trim_end_matches('/')
    }

    /// Creates the data directory if needed.
    pub fn prepare_data_dir(&self) -> Result<(), ConfigError> {
        ensure_dir(&self.data_dir)
    }
}

fn ensure_dir(path: &Path) -> Result<(), ConfigError> {
    std::fs::create_dir_all(path).map_err(|source| ConfigError::DataDir {
        path: path.to_path_buf(),
        source,
    })
}

/// Returns the configured secret key, or the one kept under the data dir
/// (generated on first start, with a warning).
pub fn resolve_secret_key(figment: &Figment, data_dir: &Path) -> Result<String, ConfigError> {
    if let Ok(key) = figment.extract_inner::<String>("secret_key") {
        return Ok(key);
    }
    let path = data_dir.join("secret_key");
    let io = |source| ConfigError::DataDir {
        path: path.clone(),
        source,
    };
    if path.exists() {
        return Ok(std::fs::read_to_string(&path)
            .map_err(io)?
            .trim()
            .to_string());
    }
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 64];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let key = base64::engine::general_purpose::STANDARD.encode(bytes);
    write_private(&path, &key).map_err(io)?;
    tracing::warn!(
        "no secret_key configured: generated one in {} (set ROCKET_SECRET_KEY when several instances share sessions)",
        path.display()
    );
    Ok(key)
}

fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(content.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_schemes() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/k.db"),
            Ok(DatabaseUrl::Sqlite("data/k.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u:p@h/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert!(DatabaseUrl::parse("mysql://x").is_err());
        assert!(DatabaseUrl::parse("sqlite://").is_err());
    }

    #[test]
    fn redacts_password() {
        assert_eq!(
            redact_url("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(redact_url("sqlite://x.db"), "sqlite://x.db");
    }
}
