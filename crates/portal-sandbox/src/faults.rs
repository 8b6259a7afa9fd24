//! Failures on purpose, set through `POST /sandbox/faults`, for tests of interrupted work
//! (a sync that dies halfway must leave the client's cache as it was).

use crate::error::ApiError;
use kabinet_core::ErrorCode;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct Faults {
    numbers_pages_left: Arc<Mutex<Option<u32>>>,
}

impl Faults {
    pub fn fail_numbers_after(&self, pages: Option<u32>) {
        *self.numbers_pages_left.lock().expect("faults lock") = pages;
    }

    /// Counts a page of numbers; errors once the planned pages are served.
    pub fn take_numbers_page(&self) -> Result<(), ApiError> {
        let mut left = self.numbers_pages_left.lock().expect("faults lock");
        match left.as_mut() {
            None => Ok(()),
            Some(0) => Err(ApiError::new(ErrorCode::Internal, "Injected fault: the portal is failing.")),
            Some(n) => {
                *n -= 1;
                Ok(())
            }
        }
    }
}
