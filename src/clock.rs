//! The time source. Deadlines are enforced at the moment a request arrives,
//! so services take `now` from here; tests use a manual clock to stand one
//! second either side of a deadline without sleeping.

use std::sync::{Arc, Mutex};

use chrono::{NaiveDateTime, Utc};
use rocket::request::{FromRequest, Outcome, Request};

#[derive(Clone, Default)]
pub enum Clock {
    #[default]
    System,
    Manual(Arc<Mutex<NaiveDateTime>>),
}

impl Clock {
    pub fn manual(start: NaiveDateTime) -> Clock {
        Clock::Manual(Arc::new(Mutex::new(start)))
    }

    /// The current UTC time, truncated to microseconds (PostgreSQL's precision).
    pub fn now(&self) -> NaiveDateTime {
        let t = match self {
            Clock::System => Utc::now().naive_utc(),
            Clock::Manual(t) => *t.lock().unwrap_or_else(|p| p.into_inner()),
        };
        truncate_micros(t)
    }

    /// Moves a manual clock; no effect on the system clock.
    pub fn set(&self, to: NaiveDateTime) {
        if let Clock::Manual(t) = self {
            *t.lock().unwrap_or_else(|p| p.into_inner()) = to;
        }
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.set(self.now() + by);
    }
}

fn truncate_micros(t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    let nanos = t.nanosecond() / 1000 * 1000;
    t.with_nanosecond(nanos).unwrap_or(t)
}

/// The instant the request arrived (read once per request).
#[derive(Debug, Clone, Copy)]
pub struct Now(pub NaiveDateTime);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Now {
    type Error = std::convert::Infallible;
    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let clock = req.rocket().state::<Clock>().cloned().unwrap_or_default();
        Outcome::Success(*req.local_cache(|| Now(clock.now())))
    }
}
