//! The search index: JSON files the search page loads on demand (see the module docs of
//! [`crate::export::site`]).

use super::Out;
use super::pages::Site;
use crate::{CommitmentQuery, Completion, DeadlineStateKind, Error};
use std::collections::BTreeMap;

/// Commitments per record chunk (`search/r/<n>.json`).
pub(super) const CHUNK: usize = 100;

/// The file name part for a word's shard: its first two characters, ASCII letters and
/// digits as they are, any other character as `_` and its code point in hex.
pub(super) fn shard_key(word: &str) -> String {
    let mut key = String::new();
    for c in word.chars().take(2) {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else {
            key.push_str(&format!("_{:x}", u32::from(c)));
        }
    }
    key
}

/// Ascending positions as differences: `[3, 4, 11]` → `[3, 1, 7]`.
fn deltas(list: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    list.iter()
        .map(|&p| {
            let d = p - prev.min(p);
            prev = p;
            d
        })
        .collect()
}

fn json(v: &serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap_or_default()
}

/// Writes the index: words, facets and records.
pub(super) fn write_index(site: &Site<'_>, out: &mut Out) -> Result<(), Error> {
    let ds = site.ds;
    // Words of the texts and quotes come from the load-time index; titles are added here.
    // (Not ids: generated ids such as `mech-000-c0000123` would add one word per
    // commitment, a tenth of the index, for no reader.)
    let mut shards: BTreeMap<String, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for (w, list) in ds.index.words.iter() {
        shards
            .entry(shard_key(w))
            .or_default()
            .insert(w, list.to_vec());
    }
    let mut extra: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (i, c) in ds.commitments().iter().enumerate() {
        let i = i as u32;
        let title = c.title().map(str::to_lowercase).unwrap_or_default();
        for w in crate::query::word_pieces(&title) {
            let list = extra.entry(w.to_owned()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    for (w, list) in &extra {
        let shard = shards.entry(shard_key(w)).or_default();
        match shard.get_mut(w.as_str()) {
            Some(existing) => {
                existing.extend_from_slice(list);
                existing.sort_unstable();
                existing.dedup();
            }
            None => {
                shard.insert(w.as_str(), list.clone());
            }
        }
    }
    for (key, words) in &shards {
        let obj: serde_json::Map<String, serde_json::Value> = words
            .iter()
            .map(|(w, l)| ((*w).to_owned(), serde_json::json!(deltas(l))))
            .collect();
        out.write(
            &format!("search/w/{key}.json"),
            &json(&serde_json::Value::Object(obj)),
        )?;
    }

    // Facets: one file per value, the positions of the commitments it selects.
    let day = site.o.as_of;
    let positions = |q: CommitmentQuery| -> Vec<u32> {
        ds.commitments_where(&q.as_of(site.as_of))
            .map(|m| m.positions().to_vec())
            .unwrap_or_default()
    };
    for p in ds.parties() {
        let l = positions(CommitmentQuery::new().party(p.id.as_str()));
        out.write(
            &format!("search/party/{}.json", p.id),
            &json(&serde_json::json!(deltas(&l))),
        )?;
    }
    for a in ds.areas() {
        let l = positions(CommitmentQuery::new().area(a.id.as_str()));
        out.write(
            &format!("search/area/{}.json", a.id),
            &json(&serde_json::json!(deltas(&l))),
        )?;
    }
    for s in Completion::ALL {
        let l = positions(CommitmentQuery::new().status(s));
        out.write(
            &format!("search/status/{}.json", s.as_str()),
            &json(&serde_json::json!(deltas(&l))),
        )?;
    }
    for k in DeadlineStateKind::ALL {
        let l = positions(CommitmentQuery::new().deadline_state(k).reference(day));
        out.write(
            &format!("search/deadline/{}.json", k.as_str()),
            &json(&serde_json::json!(deltas(&l))),
        )?;
    }

    // Records, in chunks: id, label, bound parties, deadline.
    let m = &site.m;
    for (n, chunk) in ds.commitments().chunks(CHUNK).enumerate() {
        let rows: Vec<serde_json::Value> = chunk
            .iter()
            .map(|c| {
                let parties: Vec<String> = c
                    .obligor_parties()
                    .iter()
                    .map(|p| super::pages::tx(ds.party_label(p.as_str(), site.lang)).into_owned())
                    .collect();
                let deadline = c.deadline.map_or_else(
                    || m.get("deadline.no-deadline").to_owned(),
                    |d| m.format("commitments.due", &[("date", &d.to_string())]),
                );
                serde_json::json!([
                    super::enc(c.id.as_str()),
                    super::pages::tx(&site.commitment_heading(c)),
                    parties.join(", "),
                    deadline,
                ])
            })
            .collect();
        out.write(
            &format!("search/r/{n}.json"),
            &json(&serde_json::Value::Array(rows)),
        )?;
    }
    // The shards that exist: the script asks for no other, since a missing file would be a
    // failed request (a 404 in the browser's console) for every word no commitment has.
    let keys: Vec<&str> = shards.keys().map(String::as_str).collect();
    let meta = serde_json::json!({
        "count": ds.commitments().len(),
        "chunk": CHUNK,
        "shards": keys,
        "words": {
            "none": m.get("site.search-hint"),
            "found": m.get("site.found"),
            "more": m.get("site.more"),
            "error": m.get("site.search-error"),
        },
    });
    out.write("search/meta.json", &json(&meta))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_keys_are_file_names() {
        assert_eq!(shard_key("scholarships"), "sc");
        assert_eq!(shard_key("a"), "a");
        assert_eq!(shard_key("стипендії"), "_441_442");
        assert_eq!(shard_key("奖学金"), "_5956_5b66");
    }

    #[test]
    fn positions_are_written_as_differences() {
        assert_eq!(deltas(&[3, 4, 11]), [3, 1, 7]);
        assert_eq!(deltas(&[]), Vec::<u32>::new());
        assert_eq!(deltas(&[0, 5]), [0, 5]);
    }
}
