//! Outgoing mail through an outbox table. A service calls [`enqueue`] inside
//! its own transaction: the mail is rendered then and there, and exists only
//! if the transaction commits. Nothing is sent inside a request; the
//! [`Outbox`] worker sends due mail with retries and backoff.
//!
//! Templates: `templates/email/<name>/subject.txt.hbs`, `body.txt.hbs` and
//! `body.html.hbs`, messages in `locales/<lang>/*.ftl` (see `email/welcome`).

pub mod model;
pub mod outbox;
pub mod render;
pub mod settings;
pub mod transport;

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDateTime;

pub use outbox::{Outbox, OutboxConfig, OutboxWorker};
pub use render::{MailRenderer, RenderedMail};
pub use transport::{MailTransport, MemoryTransport, SentMail};

use crate::app::StartupError;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{AnyConnection, Db};
use crate::error::AppError;
use crate::web::i18n::I18n;
use crate::web::lang::Lang;

crate::typed_id!(
    /// A row of the mail outbox.
    MailId
);

/// A mail to enqueue.
#[derive(Debug, Clone)]
pub struct OutgoingMail<'a> {
    pub to_address: String,
    pub to_name: Option<String>,
    /// The recipient's language: the templates render in it.
    pub lang: Lang,
    /// `verify` renders `email/verify/{subject.txt,body.txt,body.html}`.
    pub template: &'a str,
    /// A JSON object for the templates (they also get `lang`, `base_url`).
    pub data: serde_json::Value,
}

/// Renders `msg` and queues it, due at once. Call inside the caller's write
/// transaction (`db::tx::write`) so the mail is queued only if the change
/// that caused it commits. Never sends. A bad address, a missing template or
/// a missing template variable is an error, so the transaction rolls back.
pub fn enqueue(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    renderer: &MailRenderer,
    msg: OutgoingMail<'_>,
) -> Result<MailId, AppError> {
    let address = msg.to_address.trim();
    if address.parse::<lettre::Address>().is_err() {
        return Err(AppError::Unprocessable("mail-invalid-address".into()));
    }
    let rendered = renderer.render(msg.template, msg.lang, &msg.data)?;
    let data = serde_json::to_string(&msg.data)
        .map_err(|e| AppError::internal(format!("mail data: {e}")))?;
    let id = MailId::new();
    model::insert(
        conn,
        &model::NewMail {
            id: &id,
            created_at: now,
            to_address: address,
            to_name: msg.to_name.as_deref().map(str::trim),
            lang: msg.lang.code(),
            template: msg.template,
            data: &data,
            subject: &rendered.subject,
            body_text: &rendered.text,
            body_html: &rendered.html,
            status: model::status::PENDING,
            attempts: 0,
            next_attempt_at: now,
        },
    )?;
    Ok(id)
}

/// What `app.rs` manages: the renderer services enqueue with (shared, so
/// services can take it into blocking database closures), and this
/// instance's outbox worker.
pub struct Mail {
    pub renderer: Arc<MailRenderer>,
    pub outbox: Outbox,
}

impl Mail {
    pub fn from_settings(
        settings: &Settings,
        db: Db,
        clock: Clock,
        i18n: Arc<I18n>,
    ) -> Result<Mail, StartupError> {
        let renderer =
            MailRenderer::load(i18n, settings.templates_dir.as_deref(), settings.base_url())
                .map_err(StartupError::Web)?;
        let (transport, memory) = transport::from_settings(&settings.mail, &settings.data_dir)?;
        let config = OutboxConfig::from_settings(&settings.mail)?;
        Ok(Mail {
            renderer: Arc::new(renderer),
            outbox: Outbox::new(db, clock, transport, memory, config),
        })
    }
}

/// The mail folder of the file transport under `data_dir`.
pub fn file_dir(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("mail")
}
