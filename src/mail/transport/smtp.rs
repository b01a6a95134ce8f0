//! Delivery to an SMTP server (lettre, Tokio, rustls).

use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::{MailTransport, OutboundMail, TransportError};
use crate::config::ConfigError;
use crate::mail::settings::{MailSettings, SmtpTls};

pub struct SmtpTransport {
    inner: AsyncSmtpTransport<Tokio1Executor>,
}

impl SmtpTransport {
    pub fn from_settings(s: &MailSettings) -> Result<Self, ConfigError> {
        let tls = s.tls()?;
        let host = s.smtp_host().ok_or_else(|| ConfigError::Invalid {
            key: "smtp_host",
            message: "must be set when mail_transport = \"smtp\"".into(),
        })?;
        let tls_error = |e: lettre::transport::smtp::Error| ConfigError::Invalid {
            key: "smtp_host",
            message: format!("`{host}`: {e}"),
        };
        let mut builder = match tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpTls::StartTls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(tls_error)?
            }
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(tls_error)?,
        }
        .port(s.smtp_port(tls))
        .timeout(Some(s.smtp_timeout()));
        if let (Some(user), Some(password)) = (&s.smtp_user, &s.smtp_password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(SmtpTransport {
            inner: builder.build(),
        })
    }
}

#[rocket::async_trait]
impl MailTransport for SmtpTransport {
    fn name(&self) -> &'static str {
        "smtp"
    }

    async fn send(&self, mail: &OutboundMail) -> Result<(), TransportError> {
        let message = mail.message()?;
        self.inner
            .send(message)
            .await
            .map(|_| ())
            .map_err(TransportError::new)
    }
}
