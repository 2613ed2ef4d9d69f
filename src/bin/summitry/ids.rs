//! Checking the ids given on the command line against the dataset, with "did you mean" and,
//! when there are few, the list of known ids.

use summitry::Dataset;

/// The kinds of ids the command line takes.
#[derive(Clone, Copy)]
pub enum Kind {
    Mechanism,
    Party,
    Area,
    Summit,
    Document,
}

/// Lists at most this many known ids.
const LIST_MAX: usize = 12;

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Mechanism => "mechanism",
            Kind::Party => "party",
            Kind::Area => "area",
            Kind::Summit => "summit",
            Kind::Document => "document",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Kind::Mechanism => "mechanisms",
            Kind::Party => "parties",
            Kind::Area => "areas",
            Kind::Summit => "summits",
            Kind::Document => "documents",
        }
    }
}

/// An id with its names in every language.
type Known = (String, Vec<String>);

/// Every id of `kind` with its names (in every language the data gives).
fn known(ds: &Dataset, kind: Kind) -> Vec<Known> {
    let names = |l: &summitry::Labels| l.iter().map(|(_, t)| t.to_owned()).collect();
    match kind {
        Kind::Mechanism => ds
            .mechanisms()
            .iter()
            .map(|m| (m.id.to_string(), names(&m.name)))
            .collect(),
        Kind::Party => ds
            .parties()
            .iter()
            .map(|p| (p.id.to_string(), names(&p.name)))
            .collect(),
        Kind::Area => ds
            .areas()
            .iter()
            .map(|a| (a.id.to_string(), names(&a.label)))
            .collect(),
        Kind::Summit => ds
            .summits()
            .iter()
            .map(|s| (s.id.to_string(), Vec::new()))
            .collect(),
        Kind::Document => ds
            .documents()
            .iter()
            .map(|d| (d.id.to_string(), names(&d.title)))
            .collect(),
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let cost = usize::from(ca != *cb);
            let v = (above + 1).min(left + 1).min(prev + cost);
            prev = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = v;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// The initials of an id's words: `china-central-asia` → `cca`.
fn initials(id: &str) -> String {
    id.split(['-', '.', '_'])
        .filter_map(|w| w.chars().next())
        .collect()
}

/// The id the user most likely meant by `given`: a name in any language, the initials of
/// the id's words, an id or a name starting with it, or a close spelling of an id or a name.
fn suggest(given: &str, known: &[Known]) -> Option<String> {
    let g = given.to_lowercase();
    let by = |f: &dyn Fn(&Known) -> bool| {
        let hits: Vec<&String> = known.iter().filter(|k| f(k)).map(|k| &k.0).collect();
        match hits.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    };
    by(&|(_, names)| names.iter().any(|n| n.to_lowercase() == g))
        .or_else(|| by(&|(id, _)| initials(id) == g))
        .or_else(|| by(&|(id, _)| id.starts_with(&g)))
        .or_else(|| by(&|(_, names)| names.iter().any(|n| n.to_lowercase().starts_with(&g))))
        .or_else(|| {
            // A close spelling of an id or of a name in any language.
            let limit = (g.chars().count() / 3).max(1);
            known
                .iter()
                .flat_map(|(id, names)| {
                    std::iter::once(levenshtein(&g, id))
                        .chain(names.iter().map(|n| levenshtein(&g, &n.to_lowercase())))
                        .map(move |d| (d, id))
                })
                .filter(|(d, _)| *d <= limit)
                .min()
                .map(|(_, id)| id.clone())
        })
}

/// `Ok` when `given` names a known id of `kind` (any case); else the message for the user.
pub fn check(ds: &Dataset, kind: Kind, given: &str) -> Result<(), String> {
    let known = known(ds, kind);
    if known.iter().any(|(id, _)| id.eq_ignore_ascii_case(given)) {
        return Ok(());
    }
    let mut msg = format!("unknown {} `{given}`", kind.word());
    if let Kind::Party = kind {
        msg.push_str(" (party ids are ISO 3166-1 alpha-2 codes, such as `kz` for Kazakhstan)");
    }
    if let Some(s) = suggest(given, &known) {
        let name = match kind {
            Kind::Party => format!(" ({})", ds.party_name(&s, "en").unwrap_or(&s)),
            _ => String::new(),
        };
        msg.push_str(&format!("\n  help: did you mean `{s}`{name}?"));
    }
    if known.len() <= LIST_MAX {
        let ids: Vec<&str> = known.iter().map(|(id, _)| id.as_str()).collect();
        msg.push_str(&format!("\n  known {}: {}", kind.plural(), ids.join(", ")));
    }
    Err(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_and_initials() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "ab"), 2);
        assert_eq!(initials("china-central-asia"), "cca");
    }
}
