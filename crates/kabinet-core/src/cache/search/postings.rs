//! Trigram posting lists: for each three-byte sequence of the indexed texts, the ascending ids of
//! the texts that hold it. Built in two passes (count, then fill), then stored compressed: each
//! list in blocks of [`BLOCK`] ids, a block's first id kept plain (so a search skips whole
//! blocks) and the others as varint gaps. Rows are in number order, so the lists of the digits
//! every number shares have gaps of 1: about a byte an id where a `u32` takes four.
//!
//! Why bytes and not characters: the texts are UTF-8, whose encoding is self-synchronising, so a
//! needle is a substring of a text exactly when its bytes are a substring of the text's bytes.

use rustc_hash::FxHashMap;
use std::ops::Range;

/// Ids per block (four in tests, so the property test's small lists span many blocks).
const BLOCK: usize = if cfg!(test) { 4 } else { 128 };

/// Texts from which a build lists two halves at once (eight in tests, so the property test's
/// lists are merged).
const SPLIT_FROM: usize = if cfg!(test) { 8 } else { 50_000 };

/// A trigram packed into the low 24 bits.
pub(super) fn trigram(b: &[u8]) -> u32 {
    (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2])
}

/// The posting lists of a set of texts with ids `0..count`.
#[derive(Default)]
pub(super) struct Postings {
    /// How many texts were indexed.
    count: usize,
    /// Trigram -> its list's number.
    lists: FxHashMap<u32, u32>,
    /// List `i` has `lens[i]` ids in blocks `first_block[i]..first_block[i + 1]`.
    lens: Vec<u32>,
    first_block: Vec<u32>,
    /// Each block's first id and where its gaps start in `gaps`.
    blocks: Vec<(u32, u32)>,
    gaps: Vec<u8>,
}

impl Postings {
    /// Indexes `count` texts; `text(id)` gives the bytes of text `id`, called twice per id.
    /// From [`SPLIT_FROM`] texts on, the work is shared by two threads (a million numbers'
    /// heads hold about twenty million trigrams: this is most of an index build): the two
    /// halves of the ids are listed at once, each list being the first half's ids then the
    /// second's, and the lists are then compressed in two runs of about half the ids each.
    pub(super) fn build<'a>(count: usize, text: impl Fn(usize) -> &'a [u8] + Sync) -> Postings {
        let halves = count >= SPLIT_FROM;
        let mid = if halves { count / 2 } else { count };
        let (mut low, high) = both(halves, || Lists::of(0..mid, &text), || Lists::of(mid..count, &text));
        // Every trigram numbered (the first half's numbers kept), and for each list its number
        // in the second half's lists.
        let mut lists = std::mem::take(&mut low.lists);
        let mut in_high = vec![u32::MAX; low.sizes.len()];
        for (&tri, &h) in &high.lists {
            let next = lists.len() as u32;
            let list = *lists.entry(tri).or_insert(next) as usize;
            if list == in_high.len() {
                in_high.push(u32::MAX);
            }
            in_high[list] = h;
        }
        let ids_of = |list: usize, ids: &mut Vec<u32>| {
            ids.extend_from_slice(low.ids(list));
            ids.extend_from_slice(high.ids(in_high[list] as usize));
        };
        let mut split = in_high.len();
        if halves {
            let (half, mut listed) = ((low.ids.len() + high.ids.len()) / 2, 0);
            split = 0;
            while listed < half {
                listed += low.ids(split).len() + high.ids(in_high[split] as usize).len();
                split += 1;
            }
        }
        let (mut out, rest) = both(
            halves,
            || Postings::compressed(0..split, ids_of),
            || Postings::compressed(split..in_high.len(), ids_of),
        );
        out.append(rest);
        out.first_block.push(out.blocks.len() as u32);
        out.count = count;
        out.lists = lists;
        out
    }

    /// The lists `lists` compressed (`ids_of(list, ids)` appends a list's ids), with no count,
    /// trigram numbers nor closing block number yet.
    fn compressed(lists: Range<usize>, ids_of: impl Fn(usize, &mut Vec<u32>)) -> Postings {
        let mut out = Postings::default();
        let mut ids = Vec::new();
        for list in lists {
            ids.clear();
            ids_of(list, &mut ids);
            out.lens.push(ids.len() as u32);
            out.first_block.push(out.blocks.len() as u32);
            for block in ids.chunks(BLOCK) {
                out.blocks.push((block[0], out.gaps.len() as u32));
                for w in block.windows(2) {
                    push_varint(&mut out.gaps, w[1] - w[0]);
                }
            }
        }
        out
    }

    /// Appends the lists that `rest` compressed after these.
    fn append(&mut self, rest: Postings) {
        let (blocks, gaps) = (self.blocks.len() as u32, self.gaps.len() as u32);
        // Exactly: at a million numbers the gaps are tens of megabytes.
        self.blocks.reserve_exact(rest.blocks.len());
        self.gaps.reserve_exact(rest.gaps.len());
        self.lens.extend(rest.lens);
        self.first_block.extend(rest.first_block.iter().map(|b| b + blocks));
        self.blocks.extend(rest.blocks.iter().map(|&(id, at)| (id, at + gaps)));
        self.gaps.extend(rest.gaps);
    }

    fn cursor(&self, tri: u32) -> Cursor<'_> {
        let (blocks, len) = match self.lists.get(&tri) {
            Some(&i) => {
                let i = i as usize;
                (&self.blocks[self.first_block[i] as usize..self.first_block[i + 1] as usize], self.lens[i] as usize)
            }
            None => (&[][..], 0),
        };
        Cursor { gaps: &self.gaps, blocks, len, block: usize::MAX, ids: Vec::with_capacity(BLOCK) }
    }

    /// The ids of the texts that may hold every trigram of `needles` (the caller checks each):
    /// the shortest list decoded, then each id looked up in the others, smallest first,
    /// skipping whole blocks. A list that holds more than an eighth of the texts (the first
    /// digits every number shares) is not read: it would leave nearly every id in, at the cost
    /// of reading all its blocks.
    pub(super) fn all_of(&self, needles: impl Iterator<Item = u32>) -> Vec<u32> {
        let mut cursors: Vec<Cursor<'_>> = needles.map(|t| self.cursor(t)).collect();
        cursors.sort_unstable_by_key(|c| c.len);
        let Some((first, rest)) = cursors.split_first_mut() else { return Vec::new() };
        let mut out = first.all();
        for cursor in rest {
            if out.is_empty() || cursor.len > self.count / 8 {
                break;
            }
            out.retain(|&id| cursor.seek(id) == Some(id));
        }
        out
    }

    /// Whether every text holds `tri` (the first digits every number of a list shares).
    pub(super) fn in_every_text(&self, tri: u32) -> bool {
        self.lists.get(&tri).is_some_and(|&i| self.lens[i as usize] as usize == self.count)
    }

    /// Bytes held (the trigram map counted at its entries).
    pub(super) fn bytes(&self) -> usize {
        self.gaps.len() + self.blocks.len() * 8 + (self.lens.len() + self.first_block.len() + 2 * self.lists.len()) * 4
    }
}

/// `first()` and `second()`, at once on two threads when `apart`, else one after the other.
fn both<A: Send, B: Send>(apart: bool, first: impl FnOnce() -> A + Send, second: impl FnOnce() -> B + Send) -> (A, B) {
    if !apart {
        return (first(), second());
    }
    std::thread::scope(|scope| {
        let second = scope.spawn(second);
        (first(), second.join().expect("building posting lists does not panic"))
    })
}

/// The lists of a range of texts, uncompressed: counted in one pass, filled in a second.
struct Lists {
    /// Trigram -> its list's number.
    lists: FxHashMap<u32, u32>,
    sizes: Vec<u32>,
    /// List `i` is `ids[starts[i]..starts[i] + sizes[i]]`.
    starts: Vec<usize>,
    ids: Vec<u32>,
}

impl Lists {
    fn of<'a>(range: Range<usize>, text: &impl Fn(usize) -> &'a [u8]) -> Lists {
        let mut lists: FxHashMap<u32, u32> = FxHashMap::default();
        let mut seen = Seen::default();
        // The last text counted in each list, so a trigram twice in one text is counted once.
        let mut last: Vec<u32> = Vec::new();
        let mut sizes: Vec<u32> = Vec::new();
        for id in range.clone() {
            for (at, w) in text(id).windows(3).enumerate() {
                let list = seen.list(at, trigram(w), |tri| {
                    let next = lists.len() as u32;
                    *lists.entry(tri).or_insert(next)
                }) as usize;
                if list == sizes.len() {
                    sizes.push(0);
                    last.push(u32::MAX);
                }
                if last[list] != id as u32 {
                    last[list] = id as u32;
                    sizes[list] += 1;
                }
            }
        }
        let mut starts = Vec::with_capacity(sizes.len());
        let mut total = 0usize;
        for s in &sizes {
            starts.push(total);
            total += *s as usize;
        }
        let mut fill = starts.clone();
        let mut ids = vec![0u32; total];
        last.fill(u32::MAX);
        for id in range {
            for (at, w) in text(id).windows(3).enumerate() {
                let list = seen.list(at, trigram(w), |tri| lists[&tri]) as usize;
                if last[list] != id as u32 {
                    last[list] = id as u32;
                    ids[fill[list]] = id as u32;
                    fill[list] += 1;
                }
            }
        }
        Lists { lists, sizes, starts, ids }
    }

    /// List `i`'s ids (none for a list this range does not have).
    fn ids(&self, i: usize) -> &[u32] {
        match self.starts.get(i) {
            Some(&start) => &self.ids[start..start + self.sizes[i] as usize],
            None => &[],
        }
    }
}

/// The trigram found last at each place of a text, with its list: the texts are rows in number
/// order, whose neighbours share most of their digits and often their account, so most of a
/// text's trigrams are where the previous text had them and are found without hashing.
#[derive(Default)]
struct Seen(Vec<(u32, u32)>);

impl Seen {
    /// The list of `tri`, found at place `at`: the one remembered there, or `lookup(tri)`'s.
    fn list(&mut self, at: usize, tri: u32, lookup: impl FnOnce(u32) -> u32) -> u32 {
        match self.0.get(at) {
            Some(&(t, list)) if t == tri => list,
            _ => {
                let list = lookup(tri);
                if at < self.0.len() {
                    self.0[at] = (tri, list);
                } else {
                    self.0.push((tri, list));
                }
                list
            }
        }
    }
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// One list read forwards.
struct Cursor<'a> {
    gaps: &'a [u8],
    blocks: &'a [(u32, u32)],
    len: usize,
    /// The block decoded into `ids`.
    block: usize,
    ids: Vec<u32>,
}

impl Cursor<'_> {
    fn decode(&mut self, b: usize) {
        self.block = b;
        self.ids.clear();
        let count = BLOCK.min(self.len - b * BLOCK);
        let (mut id, mut at) = (self.blocks[b].0, self.blocks[b].1 as usize);
        self.ids.push(id);
        for _ in 1..count {
            let (mut gap, mut shift) = (0u32, 0);
            loop {
                let byte = self.gaps[at];
                at += 1;
                gap |= u32::from(byte & 0x7f) << shift;
                shift += 7;
                if byte < 0x80 {
                    break;
                }
            }
            id += gap;
            self.ids.push(id);
        }
    }

    fn all(&mut self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len);
        for b in 0..self.blocks.len() {
            self.decode(b);
            out.extend_from_slice(&self.ids);
        }
        out
    }

    /// The first id at or after `id` (ids asked for only grow).
    fn seek(&mut self, id: u32) -> Option<u32> {
        // The last block whose first id is at most `id`, from the current one on.
        let from = if self.block == usize::MAX { 0 } else { self.block };
        let b = from + self.blocks[from..].partition_point(|&(first, _)| first <= id);
        if b == 0 {
            return self.blocks.first().map(|&(first, _)| first);
        }
        if b - 1 != self.block {
            self.decode(b - 1);
        }
        match self.ids.get(self.ids.partition_point(|&x| x < id)) {
            Some(&x) => Some(x),
            None => self.blocks.get(b).map(|&(first, _)| first),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_hold_each_text_once_and_intersect() {
        let texts = ["abcabc", "xbcd", "abcd"];
        let p = Postings::build(texts.len(), |i| texts[i].as_bytes());
        assert_eq!(p.cursor(trigram(b"abc")).all(), [0, 2]);
        assert_eq!(p.cursor(trigram(b"bcd")).all(), [1, 2]);
        assert!(p.all_of([trigram(b"abc"), trigram(b"zzz")].into_iter()).is_empty());
        // Lists this dense are not intersected: the caller checks the candidates.
        assert_eq!(p.all_of([trigram(b"abc"), trigram(b"bcd")].into_iter()), [0, 2]);
    }

    #[test]
    fn long_lists_span_blocks_and_seek_across_them() {
        // Text i holds "aaa" when i is even, "bbb" when i is a multiple of 3, with gaps wide
        // enough for several varint bytes.
        let texts: Vec<String> = (0..2_000u32)
            .map(|i| format!("{}{}", if i % 2 == 0 { "aaa" } else { "" }, if i % 3 == 0 { "bbb" } else { "" }))
            .collect();
        let p = Postings::build(texts.len(), |i| texts[i].as_bytes());
        let even: Vec<u32> = (0..2_000).filter(|i| i % 2 == 0).collect();
        assert_eq!(p.cursor(trigram(b"aaa")).all(), even);
        // Dense lists are not intersected (more than an eighth of the texts each).
        let thirds: Vec<u32> = (0..2_000).filter(|i| i % 3 == 0).collect();
        assert_eq!(p.all_of([trigram(b"aaa"), trigram(b"bbb")].into_iter()), thirds);
        let mut c = p.cursor(trigram(b"bbb"));
        assert_eq!(c.seek(1), Some(3));
        assert_eq!(c.seek(1_000), Some(1_002));
        assert_eq!(c.seek(1_999), None);
        let mut gaps = Vec::new();
        push_varint(&mut gaps, 300_000);
        assert_eq!(gaps.len(), 3);
    }
}
