//! Sign-ins in flight per client address, so that one address cannot take every turn to hash
//! a password: a stream of sign-ins from one place queues behind itself (and is refused with
//! 429 beyond `Rules::signins_per_peer`), and other users' sign-ins still get their turn.

use crate::error::ApiError;
use kabinet_protocol::{Error, ErrorCode};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct Peers {
    in_flight: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

/// One sign-in's place; given back when dropped.
pub struct Slot {
    peers: Peers,
    ip: IpAddr,
}

impl Peers {
    /// A place for a sign-in from `ip`, if it has fewer than `max` in flight.
    pub fn take(&self, ip: IpAddr, max: usize) -> Result<Slot, ApiError> {
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        let count = in_flight.entry(ip).or_default();
        if *count >= max.max(1) {
            return Err(ApiError(
                Error::new(ErrorCode::RateLimited, "Too many sign-ins from this address at once. Try again in 1 s.")
                    .with_retry_after(1),
            ));
        }
        *count += 1;
        Ok(Slot { peers: self.clone(), ip })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut in_flight = self.peers.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = in_flight.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                in_flight.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_at_most_max_places_and_others_are_not_affected() {
        let peers = Peers::default();
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let first = peers.take(a, 2).unwrap();
        let _second = peers.take(a, 2).unwrap();
        assert_eq!(peers.take(a, 2).err().unwrap().0.code, ErrorCode::RateLimited);
        let _other = peers.take(b, 2).unwrap();
        drop(first);
        let _third = peers.take(a, 2).unwrap();
        drop((_second, _third, _other));
        assert!(peers.in_flight.lock().unwrap().is_empty());
    }
}
