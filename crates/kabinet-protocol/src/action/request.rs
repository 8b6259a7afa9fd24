//! Which [`ActionKind`] a portal request ([`RequestKind`]) is, and back: written once, here.
//!
//! Why: the request kinds are wire names that never change, and the actions are the app's one
//! name for what an administrator does; code that goes from one to the other (the sandbox's
//! completions, the client's watcher and notices) used to pair them by hand in its own match.

use super::ActionKind;
use crate::api::RequestKind;

/// The pairs, one line each: every known [`RequestKind`] is exactly one action.
const PAIRS: [(ActionKind, RequestKind); 8] = [
    (ActionKind::Block, RequestKind::Block),
    (ActionKind::Unblock, RequestKind::Unblock),
    (ActionKind::SimReplacement, RequestKind::SimReplacement),
    (ActionKind::DeviceRegister, RequestKind::ImeiRegister),
    (ActionKind::DeviceReregister, RequestKind::ImeiReregister),
    (ActionKind::DeviceDuplicate, RequestKind::ImeiDuplicate),
    (ActionKind::DeviceDeregister, RequestKind::ImeiDeregister),
    (ActionKind::Report, RequestKind::Report),
];

impl ActionKind {
    /// The request the portal answers it with when it completes later; none for an action done
    /// at once.
    pub fn request_kind(self) -> Option<RequestKind> {
        PAIRS.iter().find(|(action, _)| *action == self).map(|(_, request)| request.clone())
    }
}

impl RequestKind {
    /// The action this request does; none for a kind this version does not know.
    pub fn action(&self) -> Option<ActionKind> {
        PAIRS.iter().find(|(_, request)| request == self).map(|(action, _)| *action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_request_kind_is_one_action_and_back() {
        for request in RequestKind::KNOWN {
            let action = request.action().unwrap_or_else(|| panic!("{request:?} is no action"));
            assert_eq!(action.request_kind().as_ref(), Some(request));
        }
        for action in ActionKind::ALL {
            if let Some(request) = action.request_kind() {
                assert_eq!(request.action(), Some(action));
            }
        }
        let with_request = ActionKind::ALL.iter().filter(|a| a.request_kind().is_some()).count();
        assert_eq!(with_request, RequestKind::KNOWN.len());
        assert_eq!(RequestKind::Unknown("freeze".into()).action(), None);
        assert_eq!(ActionKind::Transfer.request_kind(), None);
    }
}
