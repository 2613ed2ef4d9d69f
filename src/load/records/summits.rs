//! Summits: venue and participants.

use super::*;

impl RawSet {
    pub(super) fn summit(&mut self, c: Rec<'_, '_, '_, '_>) -> Option<Summit> {
        let Rec { cx, f, r, id, .. } = c;
        let mechanism = r.id(cx, f, "mechanism", Kind::Mechanism, true);
        let edition_at = f.get_loc(cx, "edition");
        let edition = match f.req(cx, "edition") {
            None => None,
            Some(v) => match v.get_ref() {
                Node::String(s) if s.as_ref() == "special" => Some(Edition::Special),
                Node::Integer(_) => match read::int(cx, v, &f.key_path("edition")) {
                    Some((n, loc)) => match u32::try_from(n) {
                        Ok(n) if n >= 1 => Some(Edition::Ordinal(n)),
                        _ => {
                            cx.sink
                                .error(Code::EditionOutOfRange, loc, format!("edition {n} in `{}` is out of range", f.key_path("edition")))
                                .help("editions are counted from 1; write \"special\" for an unnumbered edition");
                            None
                        }
                    },
                    None => None,
                },
                _ => {
                    cx.wrong_type(v, "an ordinal or \"special\"", &f.key_path("edition"));
                    None
                }
            },
        };
        let had_name = f.has("name");
        let name = f.take(cx, "name", read::OPT, read::labels);
        let date = f.take(cx, "date", read::REQ, read::date).map(|d| d.0);
        let had_host = f.has("host");
        let host = r.id(cx, f, "host", Kind::Party, false);
        let venue = match f.get("venue") {
            None => Some(None),
            Some(v) => venue(cx, v, f.key_path("venue").to_string()).map(Some),
        };
        let online = f.take(cx, "online", read::OPT, read::boolean);
        let status = f.word_of(read::REQ, cx, "status", "status", SUMMIT_STATUSES);
        let confidence = confidence(cx, f);
        let participants = participants(cx, f, r);
        let sources = r.sources(cx, f, true);
        let note = f.take(cx, "note", read::OPT, read::text);
        self.pending_edition = edition_at;
        (|| {
            if (had_name && name.is_none()) || (had_host && host.is_none()) {
                return None;
            }
            Some(Summit {
                id: to_id(&id?.0)?,
                mechanism: to_id(&mechanism?)?,
                edition: edition?,
                name,
                date: date?,
                host: host.as_deref().and_then(to_id),
                venue: venue?,
                online: online.unwrap_or(false),
                status: status?,
                confidence: confidence?,
                participants: participants?,
                sources: sources?,
                note,
            })
        })()
    }
}

fn participants(cx: &mut Cx<'_>, f: &mut Fields<'_, '_>, r: &mut Refs) -> Option<Vec<Participant>> {
    let Some(v) = f.get("participants") else {
        return Some(Vec::new());
    };
    let path = f.key_path("participants");
    let Node::Array(items) = v.get_ref() else {
        cx.wrong_type(v, "an array of tables", &path);
        return None;
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let Some(mut p) = Fields::of(
            cx,
            item,
            format!("{path}[{i}]"),
            spec::table(spec::PARTICIPANT),
        ) else {
            ok = false;
            continue;
        };
        let party = r.id(cx, &mut p, "party", Kind::Party, true);
        let person = p.take(cx, "person", read::OPT, read::text);
        let role = p.take(cx, "role", read::OPT, read::text);
        let bad = (p.has("person") && person.is_none()) || (p.has("role") && role.is_none());
        p.finish(cx);
        match party.as_deref().and_then(to_id) {
            Some(party) if !bad => out.push(Participant {
                party,
                person,
                role,
            }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

fn venue(cx: &mut Cx<'_>, v: &Value<'_>, path: String) -> Option<Venue> {
    let mut f = Fields::of(cx, v, path, spec::table(spec::VENUE))?;
    let city = f.take(cx, "city", read::REQ, read::labels);
    let had_place = f.has("place");
    let place = f.take(cx, "place", read::OPT, read::labels);
    f.finish(cx);
    if had_place && place.is_none() {
        return None;
    }
    Some(Venue { city: city?, place })
}
