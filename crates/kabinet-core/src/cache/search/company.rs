//! One company's index as searched: the base built from the cache and the overlay of rows that
//! incremental syncs wrote since (`overlay.rs`), kept apart from `index.rs` so the overlay can
//! read the base without the base knowing the overlay.

use super::index::{tail_passes, Base, Bits};
use super::overlay::Overlay;
use super::text::IndexRow;
use crate::api::NumberState;
use std::collections::HashSet;
use std::sync::Arc;

/// One company's index: the base and what incremental syncs changed since it was built.
pub(super) struct CompanyIndex {
    pub base: Arc<Base>,
    pub overlay: Overlay,
}

impl CompanyIndex {
    pub(super) fn build(rows: &[IndexRow<'_>]) -> CompanyIndex {
        CompanyIndex { base: Arc::new(Base::build(rows)), overlay: Overlay::default() }
    }

    /// Slots (base rows `0..n`, then overlay rows) that match, as bits; `needle` is the
    /// normalised search text.
    pub(super) fn matching(
        &self,
        needle: &str,
        state: Option<&NumberState>,
        tariff: Option<&str>,
        labelled: Option<&HashSet<i64>>,
    ) -> Bits {
        let base = &self.base;
        let n = base.len();
        let mut bits = Bits::new(n + self.overlay.rows.len());
        if needle.contains('\n') {
            return bits; // the scan's rows are lines: nothing spans two
        }
        let tail_ok: Vec<bool> = base.tails.iter().map(|t| tail_passes(t, state, tariff)).collect();
        if needle.is_empty() {
            for (t, ok) in tail_ok.iter().enumerate() {
                if *ok {
                    base.mark_tail(t, &mut bits);
                }
            }
        } else {
            base.mark_text(needle.as_bytes(), &tail_ok, &mut bits);
        }
        for (w, dead) in self.overlay.dead.iter().enumerate() {
            bits.0[w] &= !dead;
        }
        if let Some(set) = labelled {
            let keep: Vec<usize> =
                bits.ones().take_while(|&r| r < n).filter(|&r| set.contains(&base.rowids[r])).collect();
            bits = Bits::new(n + self.overlay.rows.len());
            for r in keep {
                bits.set(r);
            }
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        for (i, row) in self.overlay.rows.iter().enumerate() {
            if tail_passes(&row.tail, state, tariff)
                && labelled.is_none_or(|set| set.contains(&row.rowid))
                && finder.find(row.text.as_bytes()).is_some()
            {
                bits.set(n + i);
            }
        }
        bits
    }

    /// The rowid of a slot.
    pub(super) fn rowid(&self, slot: usize) -> i64 {
        match slot.checked_sub(self.base.len()) {
            Some(i) => self.overlay.rows[i].rowid,
            None => self.base.rowids[slot],
        }
    }

    /// The rowids of the matching slots, in list order or in `sorted` (slots) order.
    pub(super) fn rowids(&self, bits: &Bits, sorted: Option<&[u32]>) -> Vec<i64> {
        if let Some(order) = sorted {
            return order.iter().filter(|&&s| bits.get(s as usize)).map(|&s| self.rowid(s as usize)).collect();
        }
        let n = self.base.len();
        if self.overlay.rows.is_empty() {
            return bits.ones().map(|r| self.base.rowids[r]).collect();
        }
        // Overlay rows go before the base row at their place (`Overlay::at`), in number order.
        let mut out = Vec::new();
        let mut extra = self.overlay.order.iter().peekable();
        for r in bits.ones().take_while(|&r| r < n) {
            while let Some(&&i) = extra.peek().filter(|&&&i| self.overlay.at[i as usize] as usize <= r) {
                if bits.get(n + i as usize) {
                    out.push(self.overlay.rows[i as usize].rowid);
                }
                extra.next();
            }
            out.push(self.base.rowids[r]);
        }
        out.extend(extra.filter(|&&i| bits.get(n + i as usize)).map(|&i| self.overlay.rows[i as usize].rowid));
        out
    }
}
