//! Trigram posting lists: for each three-byte sequence of the indexed texts, the ascending ids of
//! the texts that hold it. Built in two passes (count, then fill) into one flat array, so the
//! index is two allocations however many trigrams there are, and an id is a `u32`.
//!
//! Why bytes and not characters: the texts are UTF-8, whose encoding is self-synchronising, so a
//! needle is a substring of a text exactly when its bytes are a substring of the text's bytes.

use rustc_hash::FxHashMap;

/// A trigram packed into the low 24 bits.
pub(super) fn trigram(b: &[u8]) -> u32 {
    (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2])
}

/// The posting lists of a set of texts with ids `0..count`.
#[derive(Default)]
pub(super) struct Postings {
    /// Trigram -> its list's number.
    lists: FxHashMap<u32, u32>,
    /// List `i` is `ids[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl Postings {
    /// Indexes `count` texts; `text(id)` gives the bytes of text `id`, called twice per id.
    pub(super) fn build<'a>(count: usize, text: impl Fn(usize) -> &'a [u8]) -> Postings {
        let mut lists: FxHashMap<u32, u32> = FxHashMap::default();
        // The last text counted in each list, so a trigram twice in one text is counted once.
        let mut last: Vec<u32> = Vec::new();
        let mut sizes: Vec<u32> = Vec::new();
        for id in 0..count {
            for w in text(id).windows(3) {
                let next = lists.len() as u32;
                let list = *lists.entry(trigram(w)).or_insert(next) as usize;
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
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        let mut total = 0u32;
        starts.push(0);
        for s in &sizes {
            total += s;
            starts.push(total);
        }
        let mut fill: Vec<u32> = starts[..sizes.len()].to_vec();
        let mut ids = vec![0u32; total as usize];
        last.fill(u32::MAX);
        for id in 0..count {
            for w in text(id).windows(3) {
                let list = lists[&trigram(w)] as usize;
                if last[list] != id as u32 {
                    last[list] = id as u32;
                    ids[fill[list] as usize] = id as u32;
                    fill[list] += 1;
                }
            }
        }
        Postings { lists, starts, ids }
    }

    /// The ascending ids of the texts that hold `tri`.
    pub(super) fn list(&self, tri: u32) -> &[u32] {
        match self.lists.get(&tri) {
            Some(&i) => &self.ids[self.starts[i as usize] as usize..self.starts[i as usize + 1] as usize],
            None => &[],
        }
    }

    /// The ids of the texts that hold every trigram of `needles`: the lists intersected
    /// smallest first, each later list searched by galloping, so the cost follows the shortest.
    pub(super) fn all_of(&self, needles: impl Iterator<Item = u32>) -> Vec<u32> {
        let mut lists: Vec<&[u32]> = needles.map(|t| self.list(t)).collect();
        lists.sort_unstable_by_key(|l| l.len());
        let Some((first, rest)) = lists.split_first() else { return Vec::new() };
        let mut out = first.to_vec();
        for list in rest {
            if out.is_empty() {
                break;
            }
            let mut from = 0;
            out.retain(|&id| {
                from += gallop(&list[from..], id);
                list.get(from) == Some(&id)
            });
        }
        out
    }

    /// Bytes held by the lists (ids and offsets; the trigram map counted at its entries).
    pub(super) fn bytes(&self) -> usize {
        (self.ids.len() + self.starts.len() + 2 * self.lists.len()) * 4
    }
}

/// How many leading elements of the ascending `list` are below `id` (exponential then binary).
fn gallop(list: &[u32], id: u32) -> usize {
    let mut step = 1;
    while step < list.len() && list[step] < id {
        step *= 2;
    }
    let end = (step + 1).min(list.len());
    let start = step / 2;
    start + list[start..end].partition_point(|&x| x < id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_hold_each_text_once_and_intersect() {
        let texts = ["abcabc", "xbcd", "abcd"];
        let p = Postings::build(texts.len(), |i| texts[i].as_bytes());
        assert_eq!(p.list(trigram(b"abc")), [0, 2]);
        assert_eq!(p.list(trigram(b"bcd")), [1, 2]);
        assert_eq!(p.all_of([trigram(b"abc"), trigram(b"bcd")].into_iter()), [2]);
        assert!(p.all_of([trigram(b"abc"), trigram(b"zzz")].into_iter()).is_empty());
        assert_eq!(gallop(&[1, 3, 5, 7, 9, 11], 8), 4);
        assert_eq!(gallop(&[1, 3], 0), 0);
        assert_eq!(gallop(&[1, 3], 4), 2);
    }
}
