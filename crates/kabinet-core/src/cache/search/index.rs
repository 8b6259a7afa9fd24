//! One company's search index: the rows in list order (by number), each a head (number and
//! account) and a shared tail (tariff, state, label; see `text.rs`), with trigram posting lists
//! over both, so a search costs what it finds rather than the length of the list:
//!
//! - a needle inside a tail: the tails that hold it (their trigram lists intersected, then each
//!   candidate checked), and the rows of those tails;
//! - a needle that starts inside a head (a number, an account, or from the account on into the
//!   tariff): the head lists of its trigrams up to its first space, intersected smallest first,
//!   and each candidate row checked against its text;
//! - a needle shorter than a trigram: the heads scanned as one buffer (memchr's SIMD search; a
//!   character or two matches most of the list anyway), and the tails checked one by one.
//!
//! Rows written by an incremental sync are applied without a rebuild (`overlay.rs`): the old
//! row is marked dead and the new one kept beside the base, checked directly (`company.rs`
//! holds the two together).

use super::postings::{trigram, Postings};
use super::text::{push_head, starts_in_head, IndexRow, Tail};
use crate::api::NumberState;
use rustc_hash::FxHashMap;

/// The rows as built, in list order (`u32` row ids), shared by every overlay over them.
pub(super) struct Base {
    pub rowids: Vec<i64>,
    /// Row `r`'s head is `heads[head_ends[r - 1]..head_ends[r]]`.
    heads: Vec<u8>,
    head_ends: Vec<u32>,
    pub tail_of: Vec<u32>,
    pub tails: Vec<Tail>,
    /// Rows of tail `t`: `tail_rows[tail_starts[t]..tail_starts[t + 1]]`, ascending.
    tail_starts: Vec<u32>,
    tail_rows: Vec<u32>,
    tail_postings: Postings,
    /// Over each row's head and the first two bytes of its tail: every trigram that starts in
    /// the head.
    head_postings: Postings,
    pub balance: Vec<i64>,
    /// Available funds, 0 where `no_funds` has the row's bit (no individual limit).
    funds: Vec<i64>,
    no_funds: Bits,
    /// The number and account as stored, for the few rows where the head's lower-cased copy
    /// differs (never, for canonical numbers and digit accounts).
    raw: FxHashMap<u32, (Box<str>, Box<str>)>,
}

impl Base {
    /// Builds the index of `rows`, which must be in list order (ascending number). The rows
    /// are read once (at a million, each pass over them is a few tens of milliseconds).
    pub(super) fn build(rows: &[IndexRow<'_>]) -> Base {
        let n = rows.len();
        let mut heads = Vec::with_capacity(n * 24);
        let mut head_ends = Vec::with_capacity(n);
        // What the head postings index: each head and the first two bytes of its tail.
        let mut joined = Vec::with_capacity(n * 26);
        let mut joined_ends = Vec::with_capacity(n);
        let mut tail_of = Vec::with_capacity(n);
        let mut tails: Vec<Tail> = Vec::new();
        let mut tail_ids: FxHashMap<(&str, &str, &str, Option<_>), u32> = FxHashMap::default();
        let mut raw = FxHashMap::default();
        let (mut rowids, mut balance, mut funds) =
            (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        let mut no_funds = Bits::new(n);
        for (r, row) in rows.iter().enumerate() {
            let start = heads.len();
            push_head(&mut heads, row);
            head_ends.push(heads.len() as u32);
            let head = &heads[start..];
            let split = head.iter().position(|&b| b == b' ').unwrap_or(0);
            if &head[..split] != row.msisdn.as_bytes() || &head[split + 1..head.len() - 1] != row.account.as_bytes() {
                raw.insert(r as u32, (row.msisdn.into(), row.account.into()));
            }
            let next = tails.len() as u32;
            let id = *tail_ids.entry((row.tariff, row.state, row.payment, row.label)).or_insert(next);
            if id == next {
                tails.push(Tail::of(row));
            }
            tail_of.push(id);
            let tail = tails[id as usize].text.as_bytes();
            joined.extend_from_slice(head);
            joined.extend_from_slice(&tail[..2.min(tail.len())]);
            joined_ends.push(joined.len());
            rowids.push(row.rowid);
            balance.push(row.balance);
            funds.push(row.funds.unwrap_or(0));
            if row.funds.is_none() {
                no_funds.set(r);
            }
        }
        let head_postings =
            Postings::build(n, |r| &joined[if r == 0 { 0 } else { joined_ends[r - 1] }..joined_ends[r]]);
        drop((joined, joined_ends));
        let mut tail_starts = vec![0u32; tails.len() + 1];
        for &t in &tail_of {
            tail_starts[t as usize + 1] += 1;
        }
        for t in 0..tails.len() {
            tail_starts[t + 1] += tail_starts[t];
        }
        let mut fill = tail_starts.clone();
        let mut tail_rows = vec![0u32; n];
        for (r, &t) in tail_of.iter().enumerate() {
            tail_rows[fill[t as usize] as usize] = r as u32;
            fill[t as usize] += 1;
        }
        let tail_postings = Postings::build(tails.len(), |t| tails[t].text.as_bytes());
        Base {
            rowids,
            heads,
            head_ends,
            tail_of,
            tails,
            tail_starts,
            tail_rows,
            tail_postings,
            head_postings,
            balance,
            funds,
            no_funds,
            raw,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.rowids.len()
    }

    fn head_start(&self, r: usize) -> usize {
        if r == 0 {
            0
        } else {
            self.head_ends[r - 1] as usize
        }
    }

    pub(super) fn head(&self, r: usize) -> &[u8] {
        &self.heads[self.head_start(r)..self.head_ends[r] as usize]
    }

    pub(super) fn funds(&self, r: usize) -> Option<i64> {
        (!self.no_funds.get(r)).then(|| self.funds[r])
    }

    pub(super) fn tail(&self, r: usize) -> &Tail {
        &self.tails[self.tail_of[r] as usize]
    }

    /// Row `r`'s number and account as stored.
    pub(super) fn msisdn_account(&self, r: usize) -> (&str, &str) {
        if let Some((m, a)) = self.raw.get(&(r as u32)) {
            return (m, a);
        }
        let head = self.head(r);
        let split = head.iter().position(|&b| b == b' ').unwrap_or(0);
        // Equal to the stored strings (else `raw` has them), so valid UTF-8.
        let text = std::str::from_utf8(head).unwrap_or_default();
        (&text[..split], &text[split + 1..head.len() - 1])
    }

    /// The base rows (not yet filtered by overlay) that `needle` (lower-cased, not empty)
    /// matches and whose tail `tail_ok` admits, marked in `bits`.
    pub(super) fn mark_text(&self, needle: &[u8], tail_ok: &[bool], bits: &mut Bits) {
        // In a tail: all rows of the tails that hold it.
        let tails: Vec<u32> = if needle.len() >= 3 {
            self.tail_postings.all_of(needle.windows(3).map(trigram))
        } else {
            (0..self.tails.len() as u32).collect()
        };
        for t in tails {
            let text = self.tails[t as usize].text.as_bytes();
            if tail_ok[t as usize] && memchr::memmem::find(text, needle).is_some() {
                self.mark_tail(t as usize, bits);
            }
        }
        if needle.len() >= 3 {
            // From a head: every trigram up to the needle's first space starts in the head.
            // A needle of one trigram is found where its list says (every trigram of a list
            // starts in the head); a longer one is checked.
            let last = needle.iter().position(|&b| b == b' ').unwrap_or(needle.len()).min(needle.len() - 3);
            let exact = needle.len() == 3;
            if exact && self.head_postings.in_every_text(trigram(needle)) {
                // Every head holds it (a prefix all the numbers share, `778` in a million):
                // every row whose tail passes, by its tail, without reading the list and
                // checking each row's tail.
                for (t, ok) in tail_ok.iter().enumerate() {
                    if *ok {
                        self.mark_tail(t, bits);
                    }
                }
                return;
            }
            let finder = memchr::memmem::Finder::new(needle);
            for r in self.head_postings.all_of((0..=last).map(|i| trigram(&needle[i..i + 3]))) {
                let r = r as usize;
                let t = self.tail_of[r] as usize;
                if tail_ok[t]
                    && (exact || !bits.get(r) && starts_in_head(self.head(r), self.tails[t].text.as_bytes(), &finder))
                {
                    bits.set(r);
                }
            }
            return;
        }
        // Shorter than a trigram: the heads as one buffer; a hit that runs into the next head
        // is no hit (the next one is then searched from the byte after it).
        let finder = memchr::memmem::Finder::new(needle);
        let (mut pos, mut r) = (0, 0);
        while let Some(found) = finder.find(&self.heads[pos..]) {
            let at = pos + found;
            while self.head_ends[r] as usize <= at {
                r += 1;
            }
            let end = self.head_ends[r] as usize;
            if at + needle.len() <= end {
                if tail_ok[self.tail_of[r] as usize] {
                    bits.set(r);
                }
                pos = end;
            } else {
                pos = at + 1;
            }
        }
        // Across a head's last byte (a space) into its tail.
        if needle.len() == 2 && needle[0] == b' ' {
            for (t, tail) in self.tails.iter().enumerate() {
                if tail_ok[t] && tail.text.as_bytes().first() == Some(&needle[1]) {
                    self.mark_tail(t, bits);
                }
            }
        }
    }

    pub(super) fn mark_tail(&self, t: usize, bits: &mut Bits) {
        for &r in &self.tail_rows[self.tail_starts[t] as usize..self.tail_starts[t + 1] as usize] {
            bits.set(r as usize);
        }
    }

    /// Bytes held (vectors at their length; a tail's strings at theirs).
    pub(super) fn bytes(&self) -> usize {
        let tails: usize = self.tails.iter().map(|t| 64 + t.text.len() + t.tariff.len() + t.payment.len()).sum();
        self.rowids.len() * 8
            + self.heads.len()
            + (self.head_ends.len() + self.tail_of.len() + self.tail_starts.len() + self.tail_rows.len()) * 4
            + self.balance.len() * 8
            + self.funds.len() * 8
            + self.no_funds.0.len() * 8
            + tails
            + self.tail_postings.bytes()
            + self.head_postings.bytes()
    }
}

/// A set of row ids (base rows, then overlay rows) as bits.
pub(super) struct Bits(pub(super) Vec<u64>);

impl Bits {
    pub(super) fn new(len: usize) -> Bits {
        Bits(vec![0; len.div_ceil(64)])
    }
    pub(super) fn set(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }
    pub(super) fn get(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
    /// The set ids, ascending.
    pub(super) fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(w * 64 + bit)
            })
        })
    }
}

/// Whether a row with this tail passes the filter's state and tariff.
pub(super) fn tail_passes(tail: &Tail, state: Option<&NumberState>, tariff: Option<&str>) -> bool {
    state.is_none_or(|s| tail.state == *s) && tariff.is_none_or(|t| &*tail.tariff == t)
}
