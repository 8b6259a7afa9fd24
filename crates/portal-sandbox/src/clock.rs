//! The sandbox's clock: real time plus an offset that tests move forward, so code expiry,
//! resend cooldowns and lockouts can be tested over HTTP without waiting.

use chrono::{DateTime, Duration, Utc};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

#[derive(Clone, Default, Debug)]
pub struct Clock {
    offset_s: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.offset_s.load(Ordering::Relaxed))
    }

    /// Moves the clock forward (never back: time on the portal does not run backwards).
    pub fn advance(&self, seconds: i64) {
        self.offset_s.fetch_add(seconds.max(0), Ordering::Relaxed);
    }
}
