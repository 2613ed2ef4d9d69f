//! Parties, sources and areas.

use super::*;

impl RawSet {
    pub(super) fn party(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(t, span, path, spec::table(spec::PARTY));
        let mut r = self.new_refs();
        let id = self.declare(cx, &mut f, Kind::Party);
        let kind = f.req_word(
            cx,
            "kind",
            "party kind",
            &[
                ("state", PartyKind::State),
                ("organisation", PartyKind::Organisation),
            ],
        );
        let name = f.req_labels(cx, "name");
        let sources = r.sources(cx, &mut f, false);
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
        let v = (|| {
            Some(Party {
                id: to_id(&id?.0)?,
                kind: kind?,
                name: name?,
                sources: sources?,
            })
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            self.parties.push(raw);
        }
    }

    pub(super) fn source(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(t, span, path, spec::table(spec::SOURCE));
        let r = self.new_refs();
        let id = self.declare(cx, &mut f, Kind::Source);
        let publisher = f.req_text(cx, "publisher");
        let title = f.req_text(cx, "title");
        let lang = f.req_lang(cx, "lang");
        let had_date = f.has("date");
        let date = f.opt_date(cx, "date").map(|d| d.0);
        let url = f.opt_text(cx, "url");
        let note = f.opt_text(cx, "note");
        let v = (|| {
            if had_date && date.is_none() {
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
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            self.sources.push(raw);
        }
    }

    pub(super) fn area(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(t, span, path, spec::table(spec::AREA));
        let mut r = self.new_refs();
        let id = self.declare(cx, &mut f, Kind::Area);
        let had_parent = f.has("parent");
        let parent = r.id(cx, &mut f, "parent", Kind::Area, false);
        let label = f.req_labels(cx, "label");
        let v = (|| {
            if had_parent && parent.is_none() {
                return None;
            }
            Some(Area {
                id: to_id(&id?.0)?,
                parent: parent.as_deref().and_then(to_id),
                label: label?,
            })
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            self.areas.push(raw);
        }
    }
}
