//! The SMS and e-mails the sandbox "sent", kept in memory only.
//!
//! A message carries a one-time code in clear, and a code is a secret like a token: the data
//! folder must never hold one (the portal's database keeps only SHA-256 of codes). So the
//! outbox lives as long as the process, holds the newest [`KEPT`] messages, and is read over
//! `GET /sandbox/outbox` or in-process with [`crate::RunningSandbox::outbox`].

use chrono::{DateTime, Utc};
use kabinet_protocol::api::{CodeChannel, OutboxAttachment, OutboxMessage};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// Messages kept; older ones are dropped (a code lives 5 minutes anyway).
pub const KEPT: usize = 200;
/// Messages returned by one read, newest first.
pub const LISTED: usize = 50;

#[derive(Clone, Default)]
pub struct Outbox {
    inner: Arc<Mutex<Sent>>,
}

#[derive(Default)]
struct Sent {
    next_id: i64,
    messages: VecDeque<OutboxMessage>,
}

impl Outbox {
    pub fn send(&self, sent_at: DateTime<Utc>, channel: CodeChannel, recipient: String, body: String) {
        self.push(sent_at, channel, recipient, body, None);
    }

    /// Sends a message with a file (an e-mail with a report).
    pub fn send_with_attachment(
        &self,
        sent_at: DateTime<Utc>,
        channel: CodeChannel,
        recipient: String,
        body: String,
        attachment: OutboxAttachment,
    ) {
        self.push(sent_at, channel, recipient, body, Some(attachment));
    }

    fn push(
        &self,
        sent_at: DateTime<Utc>,
        channel: CodeChannel,
        recipient: String,
        body: String,
        attachment: Option<OutboxAttachment>,
    ) {
        let mut sent = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        sent.next_id += 1;
        let id = sent.next_id;
        sent.messages.push_front(OutboxMessage { id, sent_at, channel, recipient, body, attachment });
        sent.messages.truncate(KEPT);
    }

    /// The newest messages (at most [`LISTED`]), to `recipient` only when given.
    pub fn list(&self, recipient: Option<&str>) -> Vec<OutboxMessage> {
        let sent = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        sent.messages.iter().filter(|m| recipient.is_none_or(|r| m.recipient == r)).take(LISTED).cloned().collect()
    }
}

/// An XLSX file as an outbox attachment: its name and size (the bytes are not kept).
pub fn attachment(name: &str, bytes: &[u8]) -> OutboxAttachment {
    OutboxAttachment {
        name: name.to_string(),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".into(),
        size: bytes.len() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_messages_newest_first() {
        let outbox = Outbox::default();
        for i in 0..(KEPT + 5) {
            outbox.send(Utc::now(), CodeChannel::Sms, format!("r{}", i % 2), format!("m{i}"));
        }
        let all = outbox.list(None);
        assert_eq!(all.len(), LISTED);
        assert_eq!(all[0].body, format!("m{}", KEPT + 4));
        assert!(outbox.list(Some("r1")).iter().all(|m| m.recipient == "r1"));
        assert_eq!(outbox.inner.lock().unwrap().messages.len(), KEPT);
    }
}
