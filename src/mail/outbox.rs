//! The sending side of the outbox. Any number of workers (in one process or
//! many) run side by side: each mail is claimed with a conditional UPDATE
//! and a lease, sent outside any transaction, and its outcome recorded only
//! if the claim still holds. Delivery is at least once: a worker that dies
//! after sending but before recording leaves a lease that runs out, and the
//! mail is sent again (same Message-ID).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;
use lettre::message::Mailbox;
use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Orbit, Rocket, Shutdown};

use super::model::{self, QueuedMail};
use super::settings::MailSettings;
use super::transport::{MailTransport, MemoryTransport, OutboundMail, TransportError};
use super::MailId;
use crate::clock::Clock;
use crate::db::Db;
use crate::error::AppError;

/// Rows looked at per query; claims are still one by one.
const BATCH: i64 = 20;
/// Backoff after the first failure; doubles with each further failure.
const BACKOFF_BASE_SECS: i64 = 30;
const BACKOFF_MAX_SECS: i64 = 3600;
/// `last_error` is for people; the tail of a long SMTP dialogue is noise.
const MAX_ERROR_CHARS: usize = 1000;

#[derive(Debug, Clone)]
pub struct OutboxConfig {
    pub from: Mailbox,
    pub poll: Duration,
    pub max_attempts: u32,
    /// A send is abandoned (and counts as failed) after this long.
    pub send_timeout: Duration,
    /// How long a claim holds: longer than any send can take, so a live
    /// worker never loses its claim mid-send.
    pub lease: chrono::Duration,
    /// Whether this instance runs the background worker.
    pub worker: bool,
}

impl OutboxConfig {
    pub fn from_settings(s: &MailSettings) -> Result<Self, crate::config::ConfigError> {
        // An SMTP delivery is several commands, each bounded by the timeout.
        let send_timeout = s.smtp_timeout() * 4;
        let lease = chrono::Duration::from_std(send_timeout * 2 + Duration::from_secs(60))
            .unwrap_or_else(|_| chrono::Duration::hours(1));
        Ok(OutboxConfig {
            from: s.from()?,
            poll: s.poll_interval(),
            max_attempts: s.mail_max_attempts,
            send_timeout,
            lease,
            worker: s.mail_worker,
        })
    }
}

struct Shared {
    db: Db,
    clock: Clock,
    transport: Arc<dyn MailTransport>,
    memory: Option<MemoryTransport>,
    config: OutboxConfig,
}

/// One outbox worker: managed state, cheap to clone.
#[derive(Clone)]
pub struct Outbox {
    shared: Arc<Shared>,
    worker_id: Arc<str>,
    running: Arc<AtomicBool>,
}

/// The wait after failed attempt number `attempts` (1-based):
/// 30 s, 1 min, 2 min, … capped at one hour.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let exp = attempts.clamp(1, 20) - 1;
    chrono::Duration::seconds((BACKOFF_BASE_SECS << exp).min(BACKOFF_MAX_SECS))
}

impl Outbox {
    /// `memory` is the same transport as `transport` when it is the memory
    /// one, so tests can read what was sent.
    pub fn new(
        db: Db,
        clock: Clock,
        transport: Arc<dyn MailTransport>,
        memory: Option<MemoryTransport>,
        config: OutboxConfig,
    ) -> Self {
        Outbox {
            shared: Arc::new(Shared {
                db,
                clock,
                transport,
                memory,
                config,
            }),
            worker_id: default_worker_id().into(),
            running: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Another worker over the same database and transport.
    pub fn with_worker_id(&self, id: &str) -> Self {
        Outbox {
            shared: self.shared.clone(),
            worker_id: id.into(),
            running: Arc::new(AtomicBool::new(false)),
        }
    }

    pub fn worker_id(&self) -> &str {
        &self.worker_id
    }

    pub fn config(&self) -> &OutboxConfig {
        &self.shared.config
    }

    pub fn memory(&self) -> Option<&MemoryTransport> {
        self.shared.memory.as_ref()
    }

    /// Whether this instance's background worker is running.
    pub fn worker_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    /// Sends every mail due at `now`; returns how many were delivered.
    /// Times recorded during the round (leases, retries, `sent_at`) come
    /// from the clock, never earlier than `now`: a round can be long.
    pub async fn run_once(&self, now: NaiveDateTime) -> Result<usize, AppError> {
        let mut delivered = 0;
        loop {
            let ids = self
                .shared
                .db
                .run(move |c| Ok(model::due_ids(c, now, BATCH)?))
                .await?;
            let mut claimed_any = false;
            for id in ids {
                let Some(mail) = self.claim(id, now).await? else {
                    continue; // another worker was faster
                };
                claimed_any = true;
                if self.deliver(mail, now).await? {
                    delivered += 1;
                }
            }
            // Sent and rescheduled mails are no longer due, so this ends.
            if !claimed_any {
                return Ok(delivered);
            }
        }
    }

    fn time(&self, not_before: NaiveDateTime) -> NaiveDateTime {
        self.shared.clock.now().max(not_before)
    }

    async fn claim(&self, id: MailId, now: NaiveDateTime) -> Result<Option<QueuedMail>, AppError> {
        let worker = self.worker_id.clone();
        let t = self.time(now);
        let until = t + self.shared.config.lease;
        self.shared
            .db
            .run(move |c| {
                if model::claim(c, &id, &worker, t, until)? {
                    Ok(Some(model::find(c, &id)?))
                } else {
                    Ok(None)
                }
            })
            .await
    }

    /// Sends one claimed mail and records the outcome; true if delivered.
    async fn deliver(&self, mail: QueuedMail, now: NaiveDateTime) -> Result<bool, AppError> {
        let cfg = &self.shared.config;
        let outbound = OutboundMail {
            id: mail.id.clone(),
            created_at: mail.created_at,
            from: cfg.from.clone(),
            to_address: mail.to_address,
            to_name: mail.to_name,
            subject: mail.subject,
            text: mail.body_text,
            html: mail.body_html,
        };
        let transport = &self.shared.transport;
        let result = rocket::tokio::time::timeout(cfg.send_timeout, transport.send(&outbound))
            .await
            .unwrap_or_else(|_| Err(TransportError::new("timed out")));
        let at = self.time(now);
        let attempts = mail.attempts.saturating_add(1);
        let (id, worker) = (mail.id, self.worker_id.clone());
        let ok = result.is_ok();
        let recorded = match result {
            Ok(()) => {
                let id = id.clone();
                self.shared
                    .db
                    .run(move |c| Ok(model::mark_sent(c, &id, &worker, attempts, at)?))
                    .await?
            }
            Err(e) => {
                let give_up = attempts >= cfg.max_attempts as i32;
                let error = truncate(&format!(
                    "attempt {attempts} of {} via {}: {e}",
                    cfg.max_attempts,
                    transport.name()
                ));
                if give_up {
                    tracing::error!(mail = %id, "mail given up: {error}");
                } else {
                    tracing::warn!(mail = %id, "mail not sent, will retry: {error}");
                }
                let retry_at = (!give_up).then(|| at + backoff(attempts));
                let id = id.clone();
                self.shared
                    .db
                    .run(move |c| {
                        Ok(model::mark_attempt_failed(
                            c, &id, &worker, attempts, retry_at, at, &error,
                        )?)
                    })
                    .await?
            }
        };
        if !recorded {
            tracing::warn!(mail = %id, "mail outbox: lost the claim before recording the outcome");
        }
        Ok(ok && recorded)
    }

    /// The background loop: a round now, then one every poll interval,
    /// until Rocket shuts down. Errors (database away) are logged; the next
    /// round tries again.
    async fn work(self, shutdown: Shutdown) {
        let poll = self.shared.config.poll;
        tracing::info!(worker = %self.worker_id, transport = self.shared.transport.name(), "mail outbox worker started");
        loop {
            if let Err(e) = self.run_once(self.shared.clock.now()).await {
                tracing::error!("mail outbox: {e}");
            }
            rocket::tokio::select! {
                _ = shutdown.clone() => break,
                _ = rocket::tokio::time::sleep(poll) => {}
            }
        }
        self.running.store(false, Ordering::SeqCst);
        tracing::info!(worker = %self.worker_id, "mail outbox worker stopped");
    }
}

/// Unique per process, readable in `claimed_by`.
fn default_worker_id() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".into());
    let random = uuid::Uuid::now_v7().simple().to_string();
    format!("{host}:{}:{}", std::process::id(), &random[24..])
}

fn truncate(s: &str) -> String {
    match s.char_indices().nth(MAX_ERROR_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Starts the outbox worker at liftoff (when `mail_worker` is on) and stops
/// it when Rocket shuts down.
pub struct OutboxWorker;

#[rocket::async_trait]
impl Fairing for OutboxWorker {
    fn info(&self) -> Info {
        Info {
            name: "mail outbox worker",
            kind: Kind::Liftoff,
        }
    }

    async fn on_liftoff(&self, rocket: &Rocket<Orbit>) {
        let Some(outbox) = rocket.state::<Outbox>() else {
            return;
        };
        if !outbox.config().worker {
            return;
        }
        outbox.running.store(true, Ordering::SeqCst);
        rocket::tokio::spawn(outbox.clone().work(rocket.shutdown()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_up_to_an_hour() {
        let secs: Vec<i64> = (1..=9).map(|a| backoff(a).num_seconds()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(1000).num_seconds(), 3600);
    }

    #[test]
    fn long_errors_are_cut() {
        let long = "é".repeat(3000);
        assert_eq!(truncate(&long).chars().count(), MAX_ERROR_CHARS + 1);
        assert_eq!(truncate("short"), "short");
    }

    #[test]
    fn a_lease_outlasts_a_send() {
        let s: MailSettings = rocket::figment::Figment::new().extract().unwrap();
        let c = OutboxConfig::from_settings(&s).unwrap();
        assert!(c.lease.to_std().unwrap() > c.send_timeout);
    }
}
