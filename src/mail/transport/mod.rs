//! Where mail goes: a folder of `.eml` files (default), an SMTP server, or
//! memory (tests and rehearsals). Transports only deliver; retries, backoff
//! and claims are the outbox worker's job.

mod file;
mod memory;
mod smtp;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDateTime;
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

pub use file::FileTransport;
pub use memory::{MemoryTransport, SentMail};
pub use smtp::SmtpTransport;

use super::settings::{MailSettings, TransportKind};
use super::MailId;
use crate::config::ConfigError;

/// A delivery that did not happen; the worker retries later.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TransportError(pub String);

impl TransportError {
    pub fn new(msg: impl std::fmt::Display) -> Self {
        TransportError(msg.to_string())
    }
}

#[rocket::async_trait]
pub trait MailTransport: Send + Sync {
    /// For logs: `file`, `smtp`, `memory`.
    fn name(&self) -> &'static str;
    /// Delivers one mail. Called again for the same mail after a failure,
    /// so a transport should be idempotent where it can (same file name,
    /// same Message-ID).
    async fn send(&self, mail: &OutboundMail) -> Result<(), TransportError>;
}

/// A mail as the worker hands it to a transport.
#[derive(Debug, Clone)]
pub struct OutboundMail {
    pub id: MailId,
    pub created_at: NaiveDateTime,
    pub from: Mailbox,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl OutboundMail {
    /// The RFC 5322 message: multipart/alternative (text, then HTML), dated
    /// when it was enqueued, with a Message-ID derived from the outbox ID so
    /// a retried delivery is recognisably the same message.
    pub fn message(&self) -> Result<Message, TransportError> {
        let address = self
            .to_address
            .parse()
            .map_err(|e| TransportError::new(format!("recipient `{}`: {e}", self.to_address)))?;
        let to = Mailbox::new(self.to_name.clone().filter(|n| !n.is_empty()), address);
        Message::builder()
            .message_id(Some(format!("<{}@{}>", self.id, self.from.email.domain())))
            .date(self.created_at.and_utc().into())
            .from(self.from.clone())
            .to(to)
            .subject(self.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                self.text.clone(),
                self.html.clone(),
            ))
            .map_err(|e| TransportError::new(format!("building the message: {e}")))
    }
}

/// The transport named by the settings. Returns the memory transport a
/// second time (shared state) so tests and rehearsals can look into it.
pub fn from_settings(
    settings: &MailSettings,
    data_dir: &Path,
) -> Result<(Arc<dyn MailTransport>, Option<MemoryTransport>), ConfigError> {
    Ok(match settings.transport()? {
        TransportKind::File => {
            let dir = super::file_dir(data_dir);
            let t = FileTransport::new(&dir).map_err(|source| ConfigError::DataDir {
                path: dir.clone(),
                source,
            })?;
            (Arc::new(t), None)
        }
        TransportKind::Smtp => (Arc::new(SmtpTransport::from_settings(settings)?), None),
        TransportKind::Memory => {
            let t = MemoryTransport::failing_first(settings.mail_memory_fail_first as usize);
            (Arc::new(t.clone()), Some(t))
        }
    })
}
