//! Mail settings (flattened into `Settings`, so the keys are top-level:
//! `mail_transport`, `smtp_host`, …). Strings are parsed in `validate` so a
//! bad value gets a message naming its key.

use std::time::Duration;

use lettre::message::Mailbox;
use serde::Deserialize;

use crate::config::ConfigError;

#[derive(Clone, Deserialize)]
pub struct MailSettings {
    /// `file` (default), `smtp` or `memory`.
    #[serde(default = "default_transport")]
    pub mail_transport: String,
    /// The sender, `Name <address>`.
    #[serde(default = "default_from")]
    pub mail_from: String,
    /// Run the sending worker in this instance.
    #[serde(default = "yes")]
    pub mail_worker: bool,
    #[serde(default = "default_poll")]
    pub mail_poll_seconds: u64,
    /// Attempts before a mail is given up as `failed`.
    #[serde(default = "default_max_attempts")]
    pub mail_max_attempts: u32,
    /// Memory transport only: the first N sends fail (rehearsing retries).
    #[serde(default)]
    pub mail_memory_fail_first: u32,
    #[serde(default)]
    pub smtp_host: Option<String>,
    /// Default by `smtp_tls`: 25 (none), 587 (starttls), 465 (tls).
    #[serde(default)]
    pub smtp_port: Option<u16>,
    /// `none`, `starttls` (default) or `tls`.
    #[serde(default = "default_tls")]
    pub smtp_tls: String,
    #[serde(default)]
    pub smtp_user: Option<String>,
    #[serde(default)]
    pub smtp_password: Option<String>,
    /// Timeout of each SMTP command.
    #[serde(default = "default_timeout")]
    pub smtp_timeout_seconds: u64,
}

// Hand-written so the SMTP password never reaches a log.
impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("mail_transport", &self.mail_transport)
            .field("mail_from", &self.mail_from)
            .field("mail_worker", &self.mail_worker)
            .field("mail_poll_seconds", &self.mail_poll_seconds)
            .field("mail_max_attempts", &self.mail_max_attempts)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_tls", &self.smtp_tls)
            .field("smtp_user", &self.smtp_user)
            .field("smtp_password", &self.smtp_password.as_ref().map(|_| "***"))
            .finish_non_exhaustive()
    }
}

fn default_transport() -> String {
    "file".into()
}
fn default_from() -> String {
    "Konkurs <no-reply@konkurs.localhost>".into()
}
fn yes() -> bool {
    true
}
fn default_poll() -> u64 {
    5
}
fn default_max_attempts() -> u32 {
    20
}
fn default_tls() -> String {
    "starttls".into()
}
fn default_timeout() -> u64 {
    30
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    File,
    Smtp,
    Memory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    None,
    StartTls,
    Tls,
}

fn invalid(key: &'static str, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        key,
        message: message.into(),
    }
}

impl MailSettings {
    pub fn validate(&self) -> Result<(), ConfigError> {
        let kind = self.transport()?;
        self.from()?;
        if self.mail_poll_seconds == 0 {
            return Err(invalid("mail_poll_seconds", "must be at least 1"));
        }
        if self.mail_max_attempts == 0 {
            return Err(invalid("mail_max_attempts", "must be at least 1"));
        }
        if self.mail_memory_fail_first > 0 && kind != TransportKind::Memory {
            return Err(invalid(
                "mail_memory_fail_first",
                "applies only to mail_transport = \"memory\"",
            ));
        }
        let tls = self.tls()?;
        if self.smtp_timeout_seconds == 0 {
            return Err(invalid("smtp_timeout_seconds", "must be at least 1"));
        }
        if self.smtp_port == Some(0) {
            return Err(invalid("smtp_port", "must be between 1 and 65535"));
        }
        if self.smtp_user.is_some() != self.smtp_password.is_some() {
            let key = if self.smtp_user.is_some() {
                "smtp_password"
            } else {
                "smtp_user"
            };
            return Err(invalid(key, "smtp_user and smtp_password go together"));
        }
        if kind == TransportKind::Smtp {
            if self.smtp_host().is_none() {
                return Err(invalid(
                    "smtp_host",
                    "must be set when mail_transport = \"smtp\"",
                ));
            }
            if self.smtp_user.is_some() && tls == SmtpTls::None {
                return Err(invalid(
                    "smtp_tls",
                    "\"none\" would send smtp_password unencrypted; use \"starttls\" or \"tls\"",
                ));
            }
        }
        Ok(())
    }

    pub fn transport(&self) -> Result<TransportKind, ConfigError> {
        match self.mail_transport.as_str() {
            "file" => Ok(TransportKind::File),
            "smtp" => Ok(TransportKind::Smtp),
            "memory" => Ok(TransportKind::Memory),
            other => Err(invalid(
                "mail_transport",
                format!("`{other}` is not one of file, smtp, memory"),
            )),
        }
    }

    pub fn from(&self) -> Result<Mailbox, ConfigError> {
        self.mail_from.parse().map_err(|e| {
            invalid(
                "mail_from",
                format!(
                    "`{}` is not a mailbox like `Konkurs <no-reply@example.org>`: {e}",
                    self.mail_from
                ),
            )
        })
    }

    pub fn tls(&self) -> Result<SmtpTls, ConfigError> {
        match self.smtp_tls.as_str() {
            "none" => Ok(SmtpTls::None),
            "starttls" => Ok(SmtpTls::StartTls),
            "tls" => Ok(SmtpTls::Tls),
            other => Err(invalid(
                "smtp_tls",
                format!("`{other}` is not one of none, starttls, tls"),
            )),
        }
    }

    pub fn smtp_host(&self) -> Option<&str> {
        self.smtp_host
            .as_deref()
            .map(str::trim)
            .filter(|h| !h.is_empty())
    }

    pub fn smtp_port(&self, tls: SmtpTls) -> u16 {
        self.smtp_port.unwrap_or(match tls {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        })
    }

    pub fn poll_interval(&self) -> Duration {
        Duration::from_secs(self.mail_poll_seconds)
    }

    pub fn smtp_timeout(&self) -> Duration {
        Duration::from_secs(self.smtp_timeout_seconds)
    }
}

#[cfg(test)]
mod tests {
    use rocket::figment::Figment;

    use crate::config::Settings;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, String> {
        let mut f = Figment::from(rocket::Config::debug_default());
        for (k, v) in pairs {
            f = f.merge((*k, *v));
        }
        Settings::from_figment(&f).map_err(|e| e.to_string())
    }

    fn error_of(pairs: &[(&str, &str)]) -> String {
        settings(pairs).expect_err("should be refused")
    }

    #[test]
    fn defaults_are_a_file_transport_with_a_worker() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.mail.mail_transport, "file");
        assert!(s.mail.mail_worker);
        assert_eq!(s.mail.mail_poll_seconds, 5);
        assert_eq!(s.mail.mail_max_attempts, 20);
        assert_eq!(s.mail.from().unwrap().email.domain(), "konkurs.localhost");
    }

    #[test]
    fn bad_values_name_their_key() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("mail_transport", "pigeon")], "`mail_transport`"),
            (&[("mail_from", "not an address")], "`mail_from`"),
            (&[("smtp_tls", "ssl")], "`smtp_tls`"),
            (&[("mail_transport", "smtp")], "`smtp_host`"),
            (&[("smtp_user", "u")], "`smtp_password`"),
            (&[("smtp_password", "p")], "`smtp_user`"),
        ];
        for (pairs, key) in cases {
            let e = error_of(pairs);
            assert!(e.contains(key), "{pairs:?}: {e}");
        }
        let numeric = |k: &str| {
            let f = Figment::from(rocket::Config::debug_default()).merge((k, 0));
            Settings::from_figment(&f).unwrap_err().to_string()
        };
        let e = Settings::from_figment(
            &Figment::from(rocket::Config::debug_default()).merge(("mail_memory_fail_first", 2)),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("`mail_memory_fail_first`"), "{e}");
        for key in [
            "mail_poll_seconds",
            "mail_max_attempts",
            "smtp_timeout_seconds",
            "smtp_port",
        ] {
            assert!(numeric(key).contains(&format!("`{key}`")), "{key}");
        }
    }

    #[test]
    fn smtp_credentials_need_encryption() {
        let base = [
            ("mail_transport", "smtp"),
            ("smtp_host", "mail.example.org"),
            ("smtp_user", "u"),
            ("smtp_password", "pw-h7Qz-never-logged"),
        ];
        let e = error_of(&[&base[..], &[("smtp_tls", "none")]].concat());
        assert!(e.contains("`smtp_tls`"), "{e}");
        let s = settings(&base).unwrap();
        // Other settings' field names say "secret"; the value must not show.
        assert!(!format!("{s:?}").contains("pw-h7Qz-never-logged"));
    }

    #[test]
    fn smtp_port_defaults_follow_the_tls_mode() {
        use super::SmtpTls::*;
        let s = settings(&[]).unwrap().mail;
        assert_eq!(
            [s.smtp_port(None), s.smtp_port(StartTls), s.smtp_port(Tls)],
            [25, 587, 465]
        );
    }
}
