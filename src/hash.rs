//! The hasher of the crate's internal maps of ids: `rustc-hash` 2 (the Fx hash of rustc,
//! kept by the Rust project), instead of the standard library's SipHash, which is built to
//! resist flooding by chosen keys. These maps hold the ids of one dataset: the loader's
//! interner, duplicate and reference checks and shared lists, the dataset's id-to-position
//! maps and the word index. Data files are reviewed by people, not sent by strangers; a
//! set of ids crafted to collide could only make loading slower, never wrong.
//!
//! Our own Fx hash had no final mixing step: its high bits were good, its low bits (those
//! `hashbrown` picks a bucket with) poor for short strings: 100k ids of up to six
//! characters fell into 289 (`s0` to `s99999`) or 512 (random) of 131,072 buckets, and
//! sequential ids loaded 3 to 8 times slower than random ones at a million. `rustc-hash` 2 hashes
//! strings a word pair at a time with a folded multiply and rotates its result so that the
//! well-mixed bits pick the bucket. It costs one small crate (no dependencies, about a
//! second of build); `cargo bench --bench hostile -- party_ids` compares sequential and
//! random ids (PERFORMANCE.md, "Hostile input").

/// A map with the Fx hash.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;
/// A set with the Fx hash.
pub(crate) type HashSet<K> = std::collections::HashSet<K, rustc_hash::FxBuildHasher>;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn maps_work() {
        let mut m: HashMap<&str, usize> = HashMap::default();
        for (i, k) in ["a", "b", "abcdefgh", "abcdefghi", ""].iter().enumerate() {
            m.insert(k, i);
        }
        assert_eq!(m.get("abcdefghi"), Some(&3));
        assert_eq!(m.get(""), Some(&4));
        assert_eq!(m.get("c"), None);
    }

    /// Sequential ids spread over the buckets a table picks with the low bits and over the
    /// 7-bit tags it keeps from the high bits, as random values would: 4096 ids over 4096
    /// buckets fill about 4096 × (1 - 1/e) ≈ 2589 of them, and all 128 tags (the Fx hash
    /// without final mixing filled 32); 100k ids over 131,072 buckets likewise.
    #[test]
    fn sequential_ids_spread() {
        let b = rustc_hash::FxBuildHasher;
        let hashes: Vec<u64> = (0..4096)
            .map(|i| b.hash_one(format!("s{i}").as_str()))
            .collect();
        let buckets: HashSet<u64> = hashes.iter().map(|h| h & 4095).collect();
        let tags: HashSet<u64> = hashes.iter().map(|h| h >> 57).collect();
        assert!(buckets.len() > 2400, "{} buckets", buckets.len());
        let big: Vec<u64> = (0..100_000)
            .map(|i| b.hash_one(format!("s{i}").as_str()))
            .collect();
        let low: HashSet<u64> = big.iter().map(|h| h & ((1 << 17) - 1)).collect();
        // Random values: 131072 × (1 - e^(-100000/131072)) ≈ 69,960 (old Fx: 289).
        assert!(low.len() > 65_000, "{} buckets", low.len());
        assert_eq!(tags.len(), 128);
    }
}
