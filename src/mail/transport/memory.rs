//! Keeps sent mail in memory. Used by tests, and usable for a staging
//! rehearsal: `mail_memory_fail_first = N` makes the first N sends fail, to
//! watch retries and backoff work without a broken mail server.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::{MailTransport, OutboundMail, TransportError};
use crate::mail::MailId;

/// One delivered mail, with its formatted RFC 5322 bytes.
#[derive(Debug, Clone)]
pub struct SentMail {
    pub id: MailId,
    pub to_address: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub eml: Vec<u8>,
}

/// Cheap to clone; clones share the mailbox.
#[derive(Clone, Default)]
pub struct MemoryTransport {
    sent: Arc<Mutex<Vec<SentMail>>>,
    attempts: Arc<AtomicUsize>,
    fail_first: usize,
}

impl MemoryTransport {
    pub fn new() -> Self {
        Self::default()
    }

    /// The first `n` sends fail (counted across all mails).
    pub fn failing_first(n: usize) -> Self {
        MemoryTransport {
            fail_first: n,
            ..Self::default()
        }
    }

    /// Everything delivered so far, in order.
    pub fn sent(&self) -> Vec<SentMail> {
        self.sent.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Sends tried so far, failed ones included.
    pub fn attempts(&self) -> usize {
        self.attempts.load(Ordering::SeqCst)
    }
}

#[rocket::async_trait]
impl MailTransport for MemoryTransport {
    fn name(&self) -> &'static str {
        "memory"
    }

    async fn send(&self, mail: &OutboundMail) -> Result<(), TransportError> {
        let eml = mail.message()?.formatted();
        let n = self.attempts.fetch_add(1, Ordering::SeqCst) + 1;
        if n <= self.fail_first {
            return Err(TransportError::new(format!(
                "memory transport: configured to fail the first {} sends (this was send {n})",
                self.fail_first
            )));
        }
        self.sent
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(SentMail {
                id: mail.id.clone(),
                to_address: mail.to_address.clone(),
                subject: mail.subject.clone(),
                text: mail.text.clone(),
                html: mail.html.clone(),
                eml,
            });
        Ok(())
    }
}
