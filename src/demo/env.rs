//! What the demo needs to drive the services: the database, the mail
//! renderer, file storage, the PDF inspector, and the moment it runs.

use std::sync::Arc;

use chrono::{Duration, NaiveDateTime, TimeZone};
use chrono_tz::Europe::Kyiv;

use crate::competitions::Actor;
use crate::db::ids::UserId;
use crate::db::Db;
use crate::mail::MailRenderer;
use crate::pdf::PdfInspector;
use crate::storage::Storage;

pub struct Env {
    pub db: Db,
    pub renderer: Arc<MailRenderer>,
    pub storage: Arc<dyn Storage>,
    pub pdf: PdfInspector,
    /// When the demo runs; its stories are dated relative to it.
    pub now: NaiveDateTime,
}

impl Env {
    /// `days` before now (UTC), at a whole hour.
    pub fn ago(&self, days: i64, hour: u32) -> NaiveDateTime {
        let d = (self.now - Duration::days(days)).date();
        d.and_hms_opt(hour, 0, 0).unwrap_or(self.now)
    }

    /// `days` after now (UTC), at a whole hour.
    pub fn ahead(&self, days: i64, hour: u32) -> NaiveDateTime {
        self.ago(-days, hour)
    }
}

/// The Kyiv wall-clock form (`2027-02-10T18:00`) of a UTC instant, as the
/// competition form takes it.
pub fn kyiv_input(utc: NaiveDateTime) -> String {
    Kyiv.from_utc_datetime(&utc)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The Kyiv date (`2027-02-10`) of a UTC instant.
pub fn kyiv_day(utc: NaiveDateTime) -> String {
    Kyiv.from_utc_datetime(&utc).format("%Y-%m-%d").to_string()
}

/// An organizer acting through the services.
pub fn organizer(id: &UserId) -> Actor {
    Actor {
        user_id: id.clone(),
        is_admin: false,
        is_organizer: true,
    }
}

/// Anyone else acting through the services.
pub fn person(id: &UserId) -> Actor {
    Actor {
        user_id: id.clone(),
        is_admin: false,
        is_organizer: false,
    }
}
