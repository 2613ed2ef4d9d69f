//! A small hand-made dataset for the query and report tests, and record constructors for
//! generated datasets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::model::Records;
use crate::{
    Area, AreaId, Assessment, Commitment, CommitmentId, CommitmentKind, Completion, Confidence,
    Dataset, Document, DocumentId, DocumentKind, Edition, Labels, LangTag, Level, Mechanism,
    MechanismId, Membership, Obligors, PartialDate, Participant, Party, PartyId, PartyKind, Quote,
    Score, SourceId, Strength, Summit, SummitId, SummitStatus,
};
use std::sync::Arc;

pub(crate) fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

pub(crate) fn day(s: &str) -> crate::Day {
    d(s).first_day()
}

pub(crate) fn party(id: &str, name: &str) -> Party {
    Party {
        id: PartyId::new(id).unwrap(),
        kind: PartyKind::State,
        name: Labels::english(name),
        sources: vec![],
    }
}

pub(crate) fn area(id: &str, parent: Option<&str>) -> Area {
    Area {
        id: AreaId::new(id).unwrap(),
        parent: parent.map(|p| AreaId::new(p).unwrap()),
        label: Labels::english(id),
    }
}

pub(crate) fn mechanism(id: &str, members: &[(&str, Option<&str>)]) -> Mechanism {
    Mechanism {
        id: MechanismId::new(id).unwrap(),
        name: Labels::english(id),
        level: Level::HeadsOfState,
        members: members
            .iter()
            .map(|(p, since)| Membership {
                party: PartyId::new(p).unwrap(),
                since: since.map(d),
                until: None,
            })
            .collect(),
        established: None,
        secretariat: None,
        schedule: None,
        sources: vec![],
        note: None,
    }
}

pub(crate) fn summit(
    id: &str,
    mechanism: &str,
    date: &str,
    host: Option<&str>,
    participants: &[&str],
    status: SummitStatus,
) -> Summit {
    Summit {
        id: SummitId::new(id).unwrap(),
        mechanism: MechanismId::new(mechanism).unwrap(),
        edition: Edition::Special,
        name: None,
        date: d(date),
        host: host.map(|h| PartyId::new(h).unwrap()),
        venue: None,
        online: false,
        status,
        confidence: Confidence::Confirmed,
        participants: participants
            .iter()
            .map(|p| Participant {
                party: PartyId::new(p).unwrap(),
                person: None,
                role: None,
            })
            .collect(),
        sources: vec![],
        note: None,
    }
}

pub(crate) fn document(
    id: &str,
    kind: DocumentKind,
    mechanism: &str,
    summit: Option<&str>,
    date: &str,
    signatories: &[&str],
) -> Document {
    Document {
        id: DocumentId::new(id).unwrap(),
        kind,
        title: Labels::english(format!("Title of {id}")),
        mechanism: MechanismId::new(mechanism).unwrap(),
        summit: summit.map(|s| SummitId::new(s).unwrap()),
        date: d(date),
        signatories: signatories
            .iter()
            .map(|p| PartyId::new(p).unwrap())
            .collect(),
        binding: kind == DocumentKind::Treaty,
        sources: vec![],
        note: None,
    }
}

/// A commitment; `obligors` empty means `all` (resolved to `signatories`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn commitment(
    id: &str,
    document: &str,
    signatories: &[&str],
    obligors: &[&str],
    areas: &[&str],
    kind: CommitmentKind,
    strength: Strength,
    deadline: Option<&str>,
    text: &str,
    quote: Option<(&str, &str)>,
) -> Commitment {
    let parties = |l: &[&str]| {
        l.iter()
            .map(|p| PartyId::new(p).unwrap())
            .collect::<Vec<_>>()
    };
    Commitment {
        id: CommitmentId::new(id).unwrap(),
        document: DocumentId::new(document).unwrap(),
        number: None,
        title: None,
        text: text.into(),
        quote: quote.map(|(lang, text)| {
            Box::new(Quote {
                lang: LangTag::new(lang).unwrap(),
                text: text.into(),
                source: SourceId::new("src").unwrap(),
            })
        }),
        areas: areas.iter().map(|a| AreaId::new(a).unwrap()).collect(),
        obligors: if obligors.is_empty() {
            Obligors::All
        } else {
            Obligors::Parties(parties(obligors).into())
        },
        obligor_parties: if obligors.is_empty() {
            parties(signatories).into()
        } else {
            parties(obligors).into()
        },
        kind,
        strength,
        target: None,
        deadline: deadline.map(d),
        reiterates: Box::new([]),
        supersedes: Box::new([]),
        sources: Arc::from([]),
        note: None,
    }
}

pub(crate) fn assessment(
    commitment: &str,
    party: &str,
    score: Option<i64>,
    status: Option<Completion>,
    rater: &str,
    as_of: &str,
    recorded: &str,
) -> Assessment {
    Assessment {
        commitment: CommitmentId::new(commitment).unwrap(),
        party: PartyId::new(party).unwrap(),
        score: score.map(|s| Score::new(s).unwrap()),
        not_applicable: false,
        status,
        rater: rater.into(),
        as_of: d(as_of),
        recorded: d(recorded),
        evidence: Arc::from([SourceId::new("src").unwrap()]),
        note: None,
    }
}

const CCA: [&str; 4] = ["cn", "kz", "kg", "uz"];

/// The fixture: two mechanisms, three summits, three documents, six commitments.
///
/// Scores per party in `cca` (current, any rater): cn 1, 0 (ogp overrides g20 on c1), 0, -, 1;
/// kz 1, -, -, 0; kg -1, -, -; uz -, -, -.
pub(crate) fn records() -> Records {
    use CommitmentKind::*;
    use Completion::*;
    use Strength::*;
    Records {
        parties: vec![
            party("cn", "China"),
            party("kz", "Kazakhstan"),
            party("kg", "Kyrgyzstan"),
            party("uz", "Uzbekistan"),
            party("ru", "Russia"),
        ],
        sources: vec![],
        areas: vec![
            area("security", None),
            area("security.cyber", Some("security")),
            area("economy", None),
            area("economy.trade", Some("economy")),
            area("education", None),
        ],
        mechanisms: vec![
            mechanism(
                "cca",
                &[("cn", None), ("kz", None), ("kg", None), ("uz", None)],
            ),
            mechanism("other", &[("cn", None), ("ru", Some("2024-01"))]),
        ],
        summits: vec![
            summit(
                "cca-2025",
                "cca",
                "2025-06-17",
                Some("kz"),
                &CCA,
                SummitStatus::Held,
            ),
            summit(
                "cca-2023",
                "cca",
                "2023-05-18/2023-05-19",
                Some("cn"),
                &CCA,
                SummitStatus::Held,
            ),
            summit(
                "other-2024",
                "other",
                "2024-10",
                Some("ru"),
                &["cn", "ru"],
                SummitStatus::Planned,
            ),
        ],
        documents: vec![
            document(
                "xian",
                DocumentKind::Declaration,
                "cca",
                Some("cca-2023"),
                "2023-05-19",
                &CCA,
            ),
            document(
                "astana",
                DocumentKind::Treaty,
                "cca",
                Some("cca-2025"),
                "2025-06-17",
                &CCA,
            ),
            document(
                "other-decl",
                DocumentKind::JointStatement,
                "other",
                Some("other-2024"),
                "2024-10",
                &["cn", "ru"],
            ),
        ],
        commitments: vec![
            commitment(
                "c0-secretariat",
                "xian",
                &CCA,
                &[],
                &["economy"],
                Institutional,
                Pledge,
                Some("2024"),
                "Establish a permanent secretariat in Xi'an.",
                Some(("uk", "Створити постійний СЕКРЕТАРІАТ у Сіані")),
            ),
            commitment(
                "c1-scholarships",
                "xian",
                &CCA,
                &["cn"],
                &["education"],
                Policy,
                Pledge,
                None,
                "China will continue to provide government scholarships.",
                Some(("uk", "Китай надаватиме стипендії")),
            ),
            commitment(
                "c2-cyber",
                "xian",
                &CCA,
                &[],
                &["security.cyber"],
                Policy,
                Readiness,
                Some("2025-06"),
                "Cooperate on cyber security.",
                None,
            ),
            commitment(
                "c3-trade",
                "astana",
                &CCA,
                &[],
                &["economy.trade"],
                Policy,
                Binding,
                Some("2026-12-31"),
                "Simplify trade procedures.",
                None,
            ),
            commitment(
                "c4-security",
                "astana",
                &CCA,
                &["cn", "kz"],
                &["security"],
                Policy,
                Pledge,
                Some("2025"),
                "China and Kazakhstan will hold joint counter-terrorism exercises.",
                None,
            ),
            commitment(
                "c5-other",
                "other-decl",
                &["cn", "ru"],
                &[],
                &["security", "economy"],
                Financial,
                Pledge,
                Some("2024-12"),
                "Fund a development bank.",
                None,
            ),
        ],
        assessments: vec![
            assessment(
                "c0-secretariat",
                "cn",
                Some(1),
                Some(Complete),
                "g20",
                "2024-01",
                "2024-02-01",
            ),
            // kz: a later assessment listed first in load order; history sorts it last.
            assessment(
                "c0-secretariat",
                "kz",
                Some(1),
                Some(Complete),
                "g20",
                "2025-01",
                "2025-02-01",
            ),
            assessment(
                "c0-secretariat",
                "kz",
                Some(0),
                Some(Substantial),
                "g20",
                "2024-01",
                "2024-02-01",
            ),
            assessment(
                "c0-secretariat",
                "kg",
                Some(-1),
                Some(NotStarted),
                "g20",
                "2024-01",
                "2024-02-01",
            ),
            assessment(
                "c1-scholarships",
                "cn",
                Some(1),
                Some(Complete),
                "g20",
                "2024-06",
                "2024-07-01",
            ),
            assessment(
                "c1-scholarships",
                "cn",
                Some(0),
                Some(Limited),
                "ogp",
                "2024-09",
                "2024-10-01",
            ),
            assessment(
                "c2-cyber",
                "cn",
                Some(0),
                Some(Limited),
                "g20",
                "2025-01",
                "2025-02-01",
            ),
            assessment(
                "c2-cyber",
                "kz",
                None,
                Some(Unknown),
                "g20",
                "2025-01",
                "2025-02-01",
            ),
            assessment(
                "c4-security",
                "cn",
                Some(1),
                None,
                "g20",
                "2025-01",
                "2025-02-01",
            ),
            assessment(
                "c4-security",
                "kz",
                Some(0),
                None,
                "g20",
                "2025-01",
                "2025-02-01",
            ),
            assessment(
                "c5-other",
                "ru",
                Some(1),
                Some(Complete),
                "g20",
                "2025-01",
                "2025-02-01",
            ),
        ],
    }
}

pub(crate) fn dataset() -> Dataset {
    Dataset::from_records(records())
}

/// The ids of commitments, for assertions.
pub(crate) fn ids<'a>(it: impl IntoIterator<Item = &'a Commitment>) -> Vec<&'a str> {
    it.into_iter().map(|c| c.id.as_str()).collect()
}
