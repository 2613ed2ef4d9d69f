//! Parties, sources and areas.

use super::*;

impl RawSet {
    pub(super) fn party(&mut self, c: Rec<'_, '_, '_, '_>) -> Option<Party> {
        let Rec { cx, f, r, id, .. } = c;
        let kind = f.word_of(read::REQ, cx, "kind", "party kind", PARTY_KINDS);
        let name = f.take(cx, "name", read::REQ, read::labels);
        let sources = r.sources(cx, f, false);
        if let (Some((id, loc)), Some(PartyKind::State)) = (&id, kind) {
            if !(id.len() == 2 && id.bytes().all(|b| b.is_ascii_lowercase())) {
                if let Some(d) = self.decls.last_mut() {
                    d.valid = false;
                }
                cx.sink
                    .error(Code::StateNotAlpha2, *loc, format!("state id `{id}` is not an ISO 3166-1 alpha-2 code"))
                    .help("a state's id is its two-letter code, such as `kz`; use `kind = \"organisation\"` for other parties");
            }
        }
        (|| {
            Some(Party {
                id: to_id(&id?.0)?,
                kind: kind?,
                name: name?,
                sources: sources?,
            })
        })()
    }

    pub(super) fn source(&mut self, c: Rec<'_, '_, '_, '_>) -> Option<Source> {
        let Rec { cx, f, id, .. } = c;
        let publisher = f.take(cx, "publisher", read::REQ, read::text);
        let title = f.take(cx, "title", read::REQ, read::text);
        let lang = f.req_lang(cx, "lang");
        let had_date = f.has("date");
        let date = f.take(cx, "date", read::OPT, read::date).map(|d| d.0);
        let had_url = f.has("url");
        let url = f.take(cx, "url", read::OPT, read::url);
        let note = f.take(cx, "note", read::OPT, read::text);
        (|| {
            if (had_date && date.is_none()) || (had_url && url.is_none()) {
                return None;
            }
            Some(Source {
                id: to_id(&id?.0)?,
                publisher: publisher?,
                title: title?,
                url,
                lang: lang?,
                date,
                note,
            })
        })()
    }

    pub(super) fn area(&mut self, c: Rec<'_, '_, '_, '_>) -> Option<Area> {
        let Rec { cx, f, r, id, .. } = c;
        let had_parent = f.has("parent");
        let parent = r.id(cx, f, "parent", Kind::Area, false);
        let label = f.take(cx, "label", read::REQ, read::labels);
        (|| {
            if had_parent && parent.is_none() {
                return None;
            }
            Some(Area {
                id: to_id(&id?.0)?,
                parent: parent.as_deref().and_then(to_id),
                label: label?,
            })
        })()
    }
}
