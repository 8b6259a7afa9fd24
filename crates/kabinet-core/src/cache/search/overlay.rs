//! What incremental syncs changed since a company's index was built, kept beside it so the
//! index follows the cache without a rebuild: each changed base row is marked dead and its new
//! version (or a number new to the list) is an overlay row, searched by a direct check of its
//! text. Overlay rows are few (a sync's changes); past [`MAX_ROWS`] the index is built anew.

use super::index::Base;
use super::text::{push_head, IndexRow, Tail};

/// The most overlay rows kept before the index is rebuilt instead: each search checks every
/// overlay row (a few tens of microseconds at this size); also keeps a slot's rank
/// (`order.rs`) within 20 bits.
pub(super) const MAX_ROWS: usize = 8_192;

/// A row written after the base was built.
#[derive(Clone)]
pub(super) struct OverlayRow {
    pub rowid: i64,
    pub msisdn: Box<str>,
    pub account: Box<str>,
    /// The whole lower-cased searchable text (head and tail).
    pub text: Box<str>,
    pub tail: Tail,
    pub funds: Option<i64>,
    pub balance: i64,
}

#[derive(Default, Clone)]
pub(super) struct Overlay {
    /// Base rows replaced or removed, as bits (empty while none is).
    pub dead: Vec<u64>,
    pub rows: Vec<OverlayRow>,
    /// The overlay rows in number order.
    pub order: Vec<u32>,
    /// For each overlay row, the base row it goes before in the list (`n` for the end).
    pub at: Vec<u32>,
}

impl Overlay {
    /// This overlay with the rows of numbers `changed` replaced by `rows` (their current
    /// rows; a number of `changed` without one was removed). `None` when the overlay would
    /// grow past [`MAX_ROWS`].
    pub(super) fn apply(&self, base: &Base, changed: &[&str], rows: &[IndexRow<'_>]) -> Option<Overlay> {
        let mut next = self.clone();
        let gone: std::collections::HashSet<&str> = changed.iter().copied().collect();
        next.rows.retain(|r| !gone.contains(&*r.msisdn));
        if next.rows.len() + rows.len() > MAX_ROWS {
            return None;
        }
        for msisdn in changed {
            if let Some(r) = base_row(base, msisdn) {
                if next.dead.is_empty() {
                    next.dead = vec![0; base.len().div_ceil(64)];
                }
                next.dead[r / 64] |= 1 << (r % 64);
            }
        }
        for row in rows {
            let tail = Tail::of(row);
            let mut head = Vec::new();
            push_head(&mut head, row);
            let mut text = String::from_utf8(head).unwrap_or_default();
            text.push_str(&tail.text);
            next.rows.push(OverlayRow {
                rowid: row.rowid,
                msisdn: row.msisdn.into(),
                account: row.account.into(),
                text: text.into(),
                tail,
                funds: row.funds,
                balance: row.balance,
            });
        }
        next.order = (0..next.rows.len() as u32).collect();
        next.order.sort_by(|&a, &b| next.rows[a as usize].msisdn.cmp(&next.rows[b as usize].msisdn));
        next.at = next
            .rows
            .iter()
            .map(|row| (0..base.len()).partition_point_by(|r| base.msisdn_account(r).0 < &*row.msisdn) as u32)
            .collect();
        Some(next)
    }

    /// Bytes held.
    pub(super) fn bytes(&self) -> usize {
        self.dead.len() * 8
            + self.rows.iter().map(|r| 96 + r.text.len() * 2 + r.msisdn.len() + r.account.len()).sum::<usize>()
            + (self.order.len() + self.at.len()) * 4
    }
}

/// The base row of a number, if the base has it.
fn base_row(base: &Base, msisdn: &str) -> Option<usize> {
    let r = (0..base.len()).partition_point_by(|r| base.msisdn_account(r).0 < msisdn);
    (r < base.len() && base.msisdn_account(r).0 == msisdn).then_some(r)
}

/// `partition_point` over an index range, for lists that are not slices.
trait PartitionPoint {
    fn partition_point_by(self, pred: impl Fn(usize) -> bool) -> usize;
}

impl PartitionPoint for std::ops::Range<usize> {
    fn partition_point_by(self, pred: impl Fn(usize) -> bool) -> usize {
        let (mut lo, mut hi) = (self.start, self.end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}
