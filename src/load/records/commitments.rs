//! Documents, commitments (quote, target) and assessments.

use super::*;

impl RawSet {
    pub(super) fn document(&mut self, c: Rec<'_, '_, '_, '_>) -> Option<Document> {
        let Rec { cx, f, r, id, .. } = c;
        let words: Vec<(&str, DocumentKind)> =
            DocumentKind::ALL.iter().map(|k| (k.as_str(), *k)).collect();
        let kind = f.word_of(read::REQ, cx, "kind", "document kind", &words);
        let title = f.take(cx, "title", read::REQ, read::labels);
        let had_summit = f.has("summit");
        let summit = r.id(cx, f, "summit", Kind::Summit, false);
        let mechanism = r.id(cx, f, "mechanism", Kind::Mechanism, !had_summit);
        let date = f.take(cx, "date", read::REQ, read::date).map(|d| d.0);
        let signatories = r.ids(cx, f, "signatories", Kind::Party, true);
        let binding = f.take(cx, "binding", read::OPT, read::boolean);
        let sources = r.sources(cx, f, true);
        let note = f.take(cx, "note", read::OPT, read::text);
        let from_summit = mechanism.is_none();
        self.pending_from_summit = from_summit;
        (|| {
            if had_summit && summit.is_none() {
                return None;
            }
            let kind = kind?;
            Some(Document {
                id: to_id(&id?.0)?,
                kind,
                title: title?,
                // Filled from the summit after every file is read when not given.
                mechanism: to_id(mechanism.as_deref().unwrap_or("pending"))?,
                summit: summit.as_deref().and_then(to_id),
                date: date?,
                signatories: to_ids(signatories?),
                binding: binding.unwrap_or(kind == DocumentKind::Treaty),
                sources: sources?,
                note,
            })
        })()
    }

    pub(super) fn commitment(&mut self, c: Rec<'_, '_, '_, '_>) -> Option<Commitment> {
        let Rec { cx, f, r, id, .. } = c;
        let document = r.id(cx, f, "document", Kind::Document, true);
        let number = match f.get("number") {
            None => Some(None),
            Some(v) => match v.get_ref() {
                Node::Integer(Some(n)) if *n >= 0 => Some(Some(n.to_string())),
                Node::String(_) => read::text(cx, v, &f.key_path("number")).map(Some),
                _ => {
                    cx.wrong_type(
                        v,
                        "a label like \"3\" or \"12a\", or a number from 0",
                        &f.key_path("number"),
                    );
                    None
                }
            },
        };
        let title = f.take(cx, "title", read::OPT, read::text);
        let text = f.take(cx, "text", read::REQ, read::text);
        let quote = match f.get("quote") {
            None => Some(None),
            Some(v) => quote(cx, v, f.key_path("quote").to_string(), r).map(Some),
        };
        let areas = r.ids(cx, f, "areas", Kind::Area, true);
        if let Some(a) = &areas {
            if a.is_empty() {
                let loc = f.get_loc(cx, "areas");
                cx.sink
                    .error(Code::EmptyList, loc, format!("`{}` has no areas", f.path))
                    .help("list at least one area, e.g. `areas = [\"economy\"]`");
            }
        }
        let obligors = match f.req(cx, "obligors") {
            None => None,
            Some(v) => match v.get_ref() {
                Node::String(s) if s.as_ref() == "all" => Some(Obligors::All),
                Node::Array(_) => r
                    .ids(cx, f, "obligors", Kind::Party, true)
                    .and_then(|ids| {
                        if ids.is_empty() {
                            let loc = cx.loc(v.span());
                            cx.sink
                                .error(Code::EmptyList, loc, format!("`{}` is empty", f.key_path("obligors")))
                                .help("write `obligors = \"all\"` for every signatory, or list the parties bound");
                            None
                        } else {
                            Some(Obligors::Parties(to_ids(ids).into()))
                        }
                    }),
                _ => {
                    cx.wrong_type(v, "\"all\" or an array of party ids", &f.key_path("obligors"));
                    None
                }
            },
        };
        let kwords: Vec<(&str, CommitmentKind)> = CommitmentKind::ALL
            .iter()
            .map(|k| (k.as_str(), *k))
            .collect();
        let kind = f.word_of(read::REQ, cx, "kind", "commitment kind", &kwords);
        let swords: Vec<(&str, Strength)> =
            Strength::ALL.iter().map(|k| (k.as_str(), *k)).collect();
        let strength = f.word_of(read::REQ, cx, "strength", "strength", &swords);
        let target = match f.get("target") {
            None => Some(None),
            Some(v) => target(cx, v, f.key_path("target").to_string()).map(Some),
        };
        let had_deadline = f.has("deadline");
        let deadline = f.take(cx, "deadline", read::OPT, read::date).map(|d| d.0);
        let reiterates = r.ids(cx, f, "reiterates", Kind::Commitment, false);
        let supersedes = r.ids(cx, f, "supersedes", Kind::Commitment, false);
        let has_quote = matches!(quote, Some(Some(_)));
        let sources = r
            .source_strs(cx, f, !has_quote)
            .map(|s| shared_list(&mut self.lists.sources, s));
        let areas = areas.map(|a| shared_list(&mut self.lists.areas, a));
        let note = f.take(cx, "note", read::OPT, read::text);
        (|| {
            if had_deadline && deadline.is_none() {
                return None;
            }
            let areas = areas?;
            if areas.is_empty() {
                return None;
            }
            Some(Commitment {
                id: to_id(&id?.0)?,
                document: to_id(&document?)?,
                number: number?.map(String::into_boxed_str),
                title: title.map(String::into_boxed_str),
                text: text?.into(),
                quote: quote?.map(Box::new),
                areas,
                obligors: obligors?,
                obligor_parties: Arc::from([]),
                kind: kind?,
                strength: strength?,
                target: target?.map(Box::new),
                deadline,
                reiterates: to_ids(reiterates?).into(),
                supersedes: to_ids(supersedes?).into(),
                sources: sources?,
                note: note.map(String::into_boxed_str),
            })
        })()
    }

    pub(super) fn assessment(&mut self, c: Rec<'_, '_, '_, '_>) -> Option<Assessment> {
        let Rec {
            cx, f, r, defaults, ..
        } = c;
        let commitment = r.id(cx, f, "commitment", Kind::Commitment, true);
        let party = r.id(cx, f, "party", Kind::Party, true);
        let had_score = f.has("score");
        let mark = f.take(cx, "score", read::OPT, read_mark);
        let (score, not_applicable) = (
            mark.and_then(Mark::score),
            mark == Some(Mark::NotApplicable),
        );
        let had_status = f.has("status");
        let cwords: Vec<(&str, Completion)> =
            Completion::ALL.iter().map(|k| (k.as_str(), *k)).collect();
        let status = f.word_of(read::OPT, cx, "status", "completion status", &cwords);
        if not_applicable && had_status {
            let loc = cx.loc(f.span.clone());
            cx.sink
                .error(
                    Code::NotApplicableWithStatus,
                    loc,
                    format!("`{}` is not applicable but rates a completion status", f.path),
                )
                .help("a commitment that does not apply to the party has no completion: remove `status`");
        }
        if !had_score && !had_status {
            let loc = cx.loc(f.span.clone());
            cx.sink
                .error(
                    Code::NoneOfKeys,
                    loc,
                    format!("`{}` has neither `score` nor `status`", f.path),
                )
                .help("give a `score` (-1, 0 or 1), a completion `status`, or both");
        }
        // A key the record leaves out is read from the file's `[assessment-defaults]`, at
        // its place there (so that a problem with it points at the default).
        let mut d = defaults.and_then(|v| match v.get_ref() {
            Node::Table(t) => Some(Fields::new(
                t,
                v.span(),
                "assessment-defaults",
                spec::table(spec::ASSESSMENT_DEFAULTS),
            )),
            _ => None,
        });
        let [d_rater, d_as_of, d_recorded, d_evidence] = ["rater", "as-of", "recorded", "evidence"]
            .map(|k| !f.has(k) && d.as_ref().is_some_and(|d| d.has(k)));
        let rater = pick(f, &mut d, d_rater).take(cx, "rater", read::REQ, read::text);
        let as_of = pick(f, &mut d, d_as_of).take(cx, "as-of", read::REQ, read::date);
        let recorded = pick(f, &mut d, d_recorded).take(cx, "recorded", read::REQ, read::date);
        if let (Some((a, _)), Some((rec, rloc))) = (as_of, recorded) {
            if rec.is_definitely_before(&a) {
                cx.sink
                    .error(Code::DatesOutOfOrder, rloc, format!("`{}` was recorded ({rec}) before the date it describes ({a})", f.path))
                    .help("`as-of` is the date the assessment describes; `recorded` cannot come before it");
            }
        }
        let evidence = r.ids(
            cx,
            pick(f, &mut d, d_evidence),
            "evidence",
            Kind::Source,
            true,
        );
        if let Some(e) = &evidence {
            if e.is_empty() {
                let loc = f.get_loc(cx, "evidence");
                cx.sink
                    .error(
                        Code::NoSources,
                        loc,
                        format!("`{}` cites no evidence", f.path),
                    )
                    .help("every assessment cites its evidence: `evidence = [\"source-id\"]`");
            }
        }
        let note = f.take(cx, "note", read::OPT, read::text);
        let evidence = evidence.map(|e| shared_list(&mut self.lists.sources, e));
        (|| {
            if (had_score && mark.is_none())
                || (had_status && status.is_none())
                || (not_applicable && had_status)
                || (!had_score && !had_status)
            {
                return None;
            }
            let evidence = evidence?;
            if evidence.is_empty() {
                return None;
            }
            let (as_of, recorded) = (as_of?.0, recorded?.0);
            if recorded.is_definitely_before(&as_of) {
                return None;
            }
            Some(Assessment {
                commitment: to_id(&commitment?)?,
                party: to_id(&party?)?,
                score,
                not_applicable,
                status,
                rater: intern(&rater?),
                as_of,
                recorded,
                evidence,
                note: note.map(String::into_boxed_str),
            })
        })()
    }
}

/// The record's own fields, or the defaults when `use_defaults` is set and they are there.
fn pick<'s, 'a, 'i>(
    record: &'s mut Fields<'a, 'i>,
    defaults: &'s mut Option<Fields<'a, 'i>>,
    use_defaults: bool,
) -> &'s mut Fields<'a, 'i> {
    match defaults {
        Some(d) if use_defaults => d,
        _ => record,
    }
}

/// A file's `[assessment-defaults]` table, checked once: `None` when absent or wrong (its
/// problems are then reported here, once, and each record needs its own keys).
pub(super) fn assessment_defaults<'a, 'i>(
    cx: &mut Cx<'_>,
    root: &'a Table<'i>,
) -> Option<&'a Value<'i>> {
    let i = super::super::tree::find(root.entries(), "assessment-defaults")?;
    let (_, v) = root.entries().get(i)?;
    let before = cx.sink.problems.len();
    let mut f = Fields::of(
        cx,
        v,
        "assessment-defaults",
        spec::table(spec::ASSESSMENT_DEFAULTS),
    )?;
    f.take(cx, "rater", read::OPT, read::text);
    let as_of = f.take(cx, "as-of", read::OPT, read::date);
    let recorded = f.take(cx, "recorded", read::OPT, read::date);
    if let (Some((a, _)), Some((rec, rloc))) = (as_of, recorded) {
        if rec.is_definitely_before(&a) {
            cx.sink
                .error(Code::DatesOutOfOrder, rloc, format!("`assessment-defaults` says recorded ({rec}) before the date described ({a})"))
                .help("`as-of` is the date the assessments describe; `recorded` cannot come before it");
        }
    }
    if let Some(e) = f.take(cx, "evidence", read::OPT, read::strs) {
        if e.is_empty() {
            let loc = f.get_loc(cx, "evidence");
            cx.sink
                .error(
                    Code::EmptyList,
                    loc,
                    "`assessment-defaults.evidence` is empty",
                )
                .help("list the sources the file's assessments cite, or remove the key");
        }
    }
    f.finish(cx);
    (cx.sink.problems.len() == before).then_some(v)
}

/// An assessment's `score`: -1, 0, 1 or `"n/a"`.
fn read_mark(cx: &mut Cx<'_>, v: &Value<'_>, path: &dyn Display) -> Option<Mark> {
    let loc = cx.loc(v.span());
    match v.get_ref() {
        Node::Integer(Some(n)) => match Score::new(*n) {
            Ok(s) => Some(Mark::Score(s)),
            Err(_) => {
                cx.sink
                    .error(Code::ScoreOutOfRange, loc, format!("score {n} in `{path}` is out of range"))
                    .help("use -1 (no compliance), 0 (partial compliance), 1 (full compliance) or \"n/a\" (not applicable)");
                None
            }
        },
        Node::Integer(None) => {
            read::int(cx, v, path);
            None
        }
        Node::String(s) if s.as_ref() == NOT_APPLICABLE => Some(Mark::NotApplicable),
        Node::String(s) => {
            let t: String = s.chars().filter(char::is_ascii_alphanumeric).collect();
            let t = t.to_ascii_lowercase();
            let help = if matches!(t.as_str(), "na" | "notapplicable" | "none" | "nil") {
                format!("write `score = \"{NOT_APPLICABLE}\"` for not applicable")
            } else if let Ok(n) = s.trim().trim_start_matches('+').parse::<i64>() {
                format!("write the score as a number: `score = {n}`")
            } else {
                format!(
                    "use -1, 0, 1, or \"{NOT_APPLICABLE}\" when the commitment does not apply to the party"
                )
            };
            cx.sink
                .error(
                    Code::NotAScore,
                    loc,
                    format!("`{path}` is \"{s}\", not a score"),
                )
                .help(help);
            None
        }
        _ => {
            cx.wrong_type(v, "-1, 0, 1 or \"n/a\"", path);
            None
        }
    }
}

fn quote(cx: &mut Cx<'_>, v: &Value<'_>, path: String, r: &mut Refs) -> Option<Quote> {
    let mut f = Fields::of(cx, v, path, spec::table(spec::QUOTE))?;
    let lang = f.req_lang(cx, "lang");
    let text = f.take(cx, "text", read::REQ, read::text);
    let source = r.id(cx, &mut f, "source", Kind::Source, true);
    f.finish(cx);
    Some(Quote {
        lang: lang?,
        text: text?.into(),
        source: to_id(&source?)?,
    })
}

fn target(cx: &mut Cx<'_>, v: &Value<'_>, path: String) -> Option<Target> {
    let mut f = Fields::of(cx, v, path, spec::table(spec::TARGET))?;
    let amount = match f.req(cx, "amount") {
        Some(a) => read::amount(cx, a, &f.key_path("amount")),
        None => None,
    };
    let had = (f.has("unit"), f.has("currency"));
    let unit = f.take(cx, "unit", read::OPT, read::text);
    let currency = f.take(cx, "currency", read::OPT, read::string);
    let mut ok = (!had.0 || unit.is_some()) && (!had.1 || currency.is_some());
    if let Some((c, loc)) = &currency {
        if !(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())) {
            cx.sink
                .error(
                    Code::InvalidCurrency,
                    *loc,
                    format!(
                        "`{c}` in `{}` is not an ISO 4217 currency code",
                        f.key_path("currency")
                    ),
                )
                .help("use three capital letters, such as `CNY`, `USD` or `EUR`");
            ok = false;
        }
    }
    if !had.0 && !had.1 {
        let loc = cx.loc(f.span.clone());
        cx.sink
            .error(Code::NoneOfKeys, loc, format!("`{}` has an amount but neither `unit` nor `currency`", f.path))
            .help("say what is counted: `currency = \"CNY\"` for money, `unit = \"scholarships\"` otherwise");
        ok = false;
    }
    f.finish(cx);
    if !ok {
        return None;
    }
    Some(Target {
        amount: amount?,
        unit,
        currency: currency.map(|c| c.0),
    })
}
