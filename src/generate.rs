//! A deterministic generator of large, realistic datasets in the real TOML format.
//!
//! Used by the benchmarks and by `summitry generate`. Everything comes from one seed through
//! a small self-contained PRNG (splitmix64), so a seed always gives the same bytes on every
//! platform and Rust version.

use crate::Day;
use std::fmt::Write as _;
use std::path::Path;

/// Writes formatted text to a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

/// The largest number of parties: every two-letter id, `aa` to `zz`.
pub const MAX_GENERATED_PARTIES: usize = 26 * 26;

/// The settings of a generated dataset. Every count has a floor (3 parties, 1 mechanism,
/// 1 summit per mechanism) and parties have a ceiling of [`MAX_GENERATED_PARTIES`]; values
/// outside are clamped.
///
/// The dataset holds: `parties` states with two-letter ids and names in English and
/// Russian; sources; a taxonomy of areas with parents; `mechanisms` with members (some
/// joining later) and schedules using every kind of cadence and host rule, decisions and
/// exceptions; `summits_per_mechanism` summits each (held ones with participants and
/// documents); `commitments` spread over the documents (all or some signatories bound,
/// quotes, targets, deadlines, `supersedes` and `reiterates` links to earlier commitments,
/// so never a cycle); and `assessments_per_commitment` assessments of each commitment, of
/// its obligors only, by several raters on several dates.
///
/// `now` is the date the dataset is generated as of: summits dated before it are held (with
/// documents and commitments), later ones planned; sources are published before its year;
/// assessments describe a month no later than `now`'s and are recorded no later than `now`.
/// The same counts, seed and `now` always give the same bytes; [`Generator::default`] and
/// [`Generator::new`] take today's date (UTC) from the system clock, so set `now` when the
/// bytes must not change with the day.
///
/// ```
/// use summitry::{Loader, generate::Generator};
///
/// let now = summitry::Day::new(2026, 1, 1)?;
/// let g = Generator { commitments: 200, now, ..Generator::default() };
/// let files = g.files();
/// assert!(files.len() > 10);
/// let ds = files
///     .into_iter()
///     .fold(Loader::new(), |l, (name, text)| l.text(name, text))
///     .load()?;
/// assert_eq!(ds.commitments().len(), 200);
/// assert_eq!(ds.assessments().len(), 200 * 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Generator {
    /// How many parties (states). Default 190.
    pub parties: usize,
    /// How many mechanisms. Default 40.
    pub mechanisms: usize,
    /// How many summits each mechanism has (held and planned). Default 10.
    pub summits_per_mechanism: usize,
    /// How many commitments in all. Default 1,000.
    pub commitments: usize,
    /// How many assessments of each commitment. Default 3.
    pub assessments_per_commitment: usize,
    /// The seed: the same seed, counts and `now` always give the same files.
    pub seed: u64,
    /// The date the dataset is generated as of ("now"). Default: [`Day::today`] (UTC).
    pub now: Day,
}

impl Default for Generator {
    fn default() -> Self {
        Generator {
            parties: 190,
            mechanisms: 40,
            summits_per_mechanism: 10,
            commitments: 1_000,
            assessments_per_commitment: 3,
            seed: 1,
            now: Day::today(),
        }
    }
}

/// splitmix64: tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1).max(1) as usize) as i64
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

const SYL_EN: [&str; 16] = [
    "ka", "lo", "ma", "ri", "so", "ta", "ve", "zu", "bel", "dor", "gan", "hal", "nor", "pe",
    "stra", "mi",
];
const SYL_RU: [&str; 16] = [
    "ка", "ло", "ма", "ри", "со", "та", "ве", "зу", "бел", "дор", "ган", "хал", "нор", "пе",
    "стра", "ми",
];
const SUFFIX_EN: [&str; 3] = ["nia", "stan", "land"];
const SUFFIX_RU: [&str; 3] = ["ния", "стан", "ландия"];

const AREAS: &[(&str, &str, &str)] = &[
    ("economy", "Economy", "Экономика"),
    ("economy.trade", "Trade", "Торговля"),
    ("economy.investment", "Investment", "Инвестиции"),
    ("economy.energy", "Energy", "Энергетика"),
    (
        "economy.energy.renewables",
        "Renewable energy",
        "Возобновляемая энергия",
    ),
    (
        "economy.energy.nuclear",
        "Nuclear energy",
        "Атомная энергия",
    ),
    ("economy.transport", "Transport", "Транспорт"),
    ("economy.finance", "Finance", "Финансы"),
    ("security", "Security", "Безопасность"),
    ("security.cyber", "Cyber security", "Кибербезопасность"),
    (
        "security.cyber.infrastructure",
        "Critical infrastructure",
        "Критическая инфраструктура",
    ),
    (
        "security.terrorism",
        "Counter-terrorism",
        "Борьба с терроризмом",
    ),
    ("security.borders", "Borders", "Границы"),
    (
        "security.arms-control",
        "Arms control",
        "Контроль над вооружениями",
    ),
    ("environment", "Environment", "Окружающая среда"),
    ("environment.climate", "Climate", "Климат"),
    ("environment.water", "Water", "Водные ресурсы"),
    (
        "environment.biodiversity",
        "Biodiversity",
        "Биоразнообразие",
    ),
    ("health", "Health", "Здравоохранение"),
    ("health.pandemics", "Pandemics", "Пандемии"),
    ("health.medicines", "Medicines", "Лекарства"),
    ("education", "Education", "Образование"),
    ("education.scholarships", "Scholarships", "Стипендии"),
    ("education.research", "Research", "Исследования"),
    ("culture", "Culture", "Культура"),
    ("culture.tourism", "Tourism", "Туризм"),
    ("culture.heritage", "Heritage", "Наследие"),
    ("digital", "Digital", "Цифровые технологии"),
    (
        "digital.ai",
        "Artificial intelligence",
        "Искусственный интеллект",
    ),
    ("digital.connectivity", "Connectivity", "Связь"),
    ("governance", "Governance", "Управление"),
    ("governance.institutions", "Institutions", "Институты"),
    (
        "governance.anti-corruption",
        "Anti-corruption",
        "Борьба с коррупцией",
    ),
];

const PUBLISHERS: [&str; 8] = [
    "Ministry of Foreign Affairs",
    "Presidential Press Office",
    "National News Agency",
    "Daily Herald",
    "Regional Review",
    "Summit Secretariat",
    "Policy Institute",
    "Wire Service",
];
const RATERS: [&str; 4] = ["g20rg", "ogp", "policy-watch", "civic-monitor"];
const VERBS: [&str; 12] = [
    "expand",
    "strengthen",
    "establish",
    "simplify",
    "fund",
    "coordinate",
    "develop",
    "promote",
    "launch",
    "support",
    "modernise",
    "harmonise",
];
const ADJECTIVES: [&str; 20] = [
    "regional",
    "joint",
    "digital",
    "sustainable",
    "cross-border",
    "national",
    "resilient",
    "secure",
    "green",
    "affordable",
    "semiconductor",
    "maritime",
    "agricultural",
    "hydrogen",
    "vaccine",
    "railway",
    "customs",
    "satellite",
    "pipeline",
    "academic",
];
const NOUNS: [&str; 10] = [
    "cooperation",
    "supply chains",
    "corridors",
    "exchange programmes",
    "standards",
    "research centres",
    "early-warning systems",
    "trade procedures",
    "investment funds",
    "training",
];
const QUALIFIERS: [&str; 6] = [
    "among the member states",
    "with the private sector",
    "in the border regions",
    "through a joint working group",
    "under the action plan",
    "with international partners",
];
const RU_PHRASES: [&str; 6] = [
    "Стороны расширят сотрудничество",
    "Стороны создадут совместную рабочую группу",
    "Стороны упростят торговые процедуры",
    "Стороны поддержат совместные исследования",
    "Стороны укрепят региональную безопасность",
    "Стороны профинансируют инфраструктурные проекты",
];
const DOC_KINDS: [&str; 9] = [
    "declaration",
    "joint-statement",
    "communique",
    "treaty",
    "action-plan",
    "mou",
    "list-of-outcomes",
    "speech",
    "other",
];
const COMMITMENT_KINDS: [&str; 4] = ["institutional", "policy", "financial", "schedule"];
const STRENGTHS: [&str; 4] = ["binding", "pledge", "readiness", "support"];
const STATUSES: [&str; 5] = [
    "unknown",
    "not-started",
    "limited",
    "substantial",
    "complete",
];
const ROLES: [&str; 4] = [
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Vice President",
];
const CURRENCIES: [&str; 4] = ["USD", "EUR", "CNY", "RUB"];

/// A party as generated: its id and names.
struct GenParty {
    id: String,
    en: String,
    ru: String,
}

/// A member of a generated mechanism: party index and the year it joined (`None`: founder).
struct GenMember {
    party: usize,
    since: Option<i64>,
}

impl Generator {
    /// A generator of `commitments` commitments from `seed`, with default other counts.
    pub fn new(commitments: usize, seed: u64) -> Generator {
        Generator {
            commitments,
            seed,
            ..Generator::default()
        }
    }

    /// The generated files, as (relative path, TOML text) pairs in path order.
    ///
    /// Paths use `/` and are relative to the dataset directory: `parties.toml`,
    /// `sources.toml`, `areas.toml`, `mechanisms/<id>/mechanism.toml` (the mechanism and
    /// its summits) and `mechanisms/<id>/edition-<NN>.toml` (the documents of one summit,
    /// their commitments and assessments).
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = Build::new(self).run();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }

    /// Writes the generated files below `dir`, which must be empty or not exist yet (it is
    /// created), and returns the number of files and of bytes written.
    ///
    /// Every file and directory is created new: nothing is overwritten and no symbolic link
    /// is followed.
    ///
    /// # Errors
    ///
    /// An error of kind [`ErrorKind::DirectoryNotEmpty`](std::io::ErrorKind) when `dir`
    /// holds anything (use [`overwrite_dir`](Self::overwrite_dir) to replace an earlier
    /// generated set); any other error when a directory cannot be created or a file cannot
    /// be written.
    pub fn write_dir(&self, dir: impl AsRef<Path>) -> std::io::Result<(usize, u64)> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)?;
        if std::fs::read_dir(dir)?.next().is_some() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::DirectoryNotEmpty,
                format!("`{}` is not empty", dir.display()),
            ));
        }
        self.write_new(dir)
    }

    /// Writes the generated files below `dir` like [`write_dir`](Self::write_dir), first
    /// removing the files an earlier run may have written there (`parties.toml`,
    /// `sources.toml`, `areas.toml`, and `mechanism.toml` and `edition-NN.toml` in the
    /// directories under `mechanisms/`), so that no stale file of a larger earlier set is
    /// left. Other files are kept. A symbolic link where the generator writes is removed,
    /// never followed: its target is untouched.
    ///
    /// # Errors
    ///
    /// When an earlier file cannot be removed (or one of those names is a directory), a
    /// directory cannot be created or a file cannot be written. The directory may then
    /// hold part of the new set.
    pub fn overwrite_dir(&self, dir: impl AsRef<Path>) -> std::io::Result<(usize, u64)> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)?;
        remove_generated(dir)?;
        self.write_new(dir)
    }

    fn write_new(&self, dir: &Path) -> std::io::Result<(usize, u64)> {
        use std::io::Write as _;
        let mut bytes = 0u64;
        let files = self.files();
        for (name, text) in &files {
            let mut path = dir.to_path_buf();
            let mut parts = name.split('/').peekable();
            while let Some(part) = parts.next() {
                path.push(part);
                if parts.peek().is_some() {
                    dir_no_link(&path)?;
                }
            }
            // `create_new` fails on any existing entry, a symbolic link included.
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            f.write_all(text.as_bytes())?;
            bytes += text.len() as u64;
        }
        Ok((files.len(), bytes))
    }
}

/// Makes sure `path` is a directory and not a symbolic link, creating it when missing.
fn dir_no_link(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("`{}` is not a directory", path.display()),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir(path),
        Err(e) => Err(e),
    }
}

/// Removes a file or symbolic link at `path`, if any (never its target).
fn remove_file_or_link(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("`{}` is a directory", path.display()),
        )),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Removes what the generator writes below `dir` (see [`Generator::overwrite_dir`]), and
/// the directories under `mechanisms/` left empty; symbolic links are removed, never
/// followed.
fn remove_generated(dir: &Path) -> std::io::Result<()> {
    for name in ["parties.toml", "sources.toml", "areas.toml"] {
        remove_file_or_link(&dir.join(name))?;
    }
    let mechanisms = dir.join("mechanisms");
    match std::fs::symlink_metadata(&mechanisms) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return std::fs::remove_file(&mechanisms),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    for entry in std::fs::read_dir(&mechanisms)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            std::fs::remove_file(entry.path())?;
            continue;
        }
        if !kind.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(entry.path())? {
            let file = file?;
            let name = file.file_name();
            let name = name.to_string_lossy();
            let ours = name == "mechanism.toml"
                || (name.starts_with("edition-") && name.ends_with(".toml"));
            if ours && !file.file_type()?.is_dir() {
                std::fs::remove_file(file.path())?;
            }
        }
        // Kept when it holds other files.
        let _ = std::fs::remove_dir(entry.path());
    }
    let _ = std::fs::remove_dir(&mechanisms);
    Ok(())
}

/// The state of one generation run.
struct Build {
    g: Generator,
    rng: Rng,
    /// `g.now` as (year, month, day), to compare with generated dates.
    now: (i64, i64, i64),
    parties: Vec<GenParty>,
    sources: Vec<String>,
    files: Vec<(String, String)>,
}

impl Build {
    fn new(g: &Generator) -> Build {
        let g = Generator {
            parties: g.parties.clamp(3, MAX_GENERATED_PARTIES),
            mechanisms: g.mechanisms.max(1),
            summits_per_mechanism: g.summits_per_mechanism.max(1),
            ..*g
        };
        Build {
            g,
            rng: Rng(g.seed),
            now: (
                i64::from(g.now.year()),
                i64::from(g.now.month()),
                i64::from(g.now.day()),
            ),
            parties: Vec::new(),
            sources: Vec::new(),
            files: Vec::new(),
        }
    }

    fn source(&mut self) -> &str {
        let i = self.rng.below(self.sources.len());
        self.sources.get(i).map_or("", String::as_str)
    }

    fn party_id(&self, i: usize) -> &str {
        self.parties.get(i).map_or("", |p| p.id.as_str())
    }

    fn run(mut self) -> Vec<(String, String)> {
        self.sources_file();
        self.parties_file();
        self.areas_file();
        // Commitments go to the documents of held summits; first decide how many documents
        // each summit adopts, then spread the commitments over all documents.
        let m = self.g.mechanisms;
        let s = self.g.summits_per_mechanism;
        let plans: Vec<Mechanism> = (0..m).map(|i| self.plan_mechanism(i, s)).collect();
        let docs: usize = plans
            .iter()
            .map(|p| p.docs_per_summit.iter().sum::<usize>())
            .sum();
        let mut per_doc = vec![0usize; docs.max(1)];
        for _ in 0..self.g.commitments {
            let d = self.rng.below(per_doc.len());
            if let Some(n) = per_doc.get_mut(d) {
                *n += 1;
            }
        }
        let mut next_doc = 0usize;
        let mut next_commitment = 0usize;
        for plan in &plans {
            self.mechanism_files(plan, &per_doc, &mut next_doc, &mut next_commitment);
        }
        self.files
    }

    fn sources_file(&mut self) {
        let n = (self.g.commitments / 50).max(20);
        let mut out = String::with_capacity(n * 220);
        out.push_str("# Generated sources.\n");
        for i in 0..n {
            let id = format!("src-{i:06}");
            let year = self.rng.range(1995, self.now.0 - 1);
            let month = self.rng.range(1, 12);
            let day = self.rng.range(1, 28);
            let publisher = self
                .rng
                .pick(&PUBLISHERS)
                .copied()
                .unwrap_or("Wire Service");
            let ru = self.rng.chance(30);
            w!(
                out,
                "\n[[source]]\nid = \"{id}\"\npublisher = \"{publisher}\"\n"
            );
            if ru {
                w!(out, "title = \"Итоги встречи № {i}\"\nlang = \"ru\"\n");
            } else {
                w!(
                    out,
                    "title = \"Outcome of meeting no. {i}\"\nlang = \"en\"\n"
                );
            }
            w!(out, "date = {year}-{month:02}-{day:02}\n");
            if self.rng.chance(70) {
                w!(out, "url = \"https://example.org/{year}/{i}\"\n");
            }
            self.sources.push(id);
        }
        self.files.push(("sources.toml".into(), out));
    }

    fn parties_file(&mut self) {
        let mut ids: Vec<String> = (b'a'..=b'z')
            .flat_map(|a| (b'a'..=b'z').map(move |b| String::from_utf8_lossy(&[a, b]).into()))
            .collect();
        self.rng.shuffle(&mut ids);
        ids.truncate(self.g.parties);
        ids.sort();
        // Names from a shuffled numbering, so that name order differs from id order.
        let mut numbers: Vec<usize> = (0..ids.len()).collect();
        self.rng.shuffle(&mut numbers);
        let mut out = String::with_capacity(ids.len() * 120);
        out.push_str("# Generated parties.\n");
        for (id, n) in ids.into_iter().zip(numbers) {
            let (a, b, c) = (n % 16, (n / 16) % 16, (n / 256) % 3);
            let name = |syl: &[&str; 16], suffix: &[&str; 3]| {
                let mut s = String::new();
                s.push_str(syl.get(a).copied().unwrap_or(""));
                s.push_str(syl.get(b).copied().unwrap_or(""));
                s.push_str(suffix.get(c).copied().unwrap_or(""));
                let mut chars = s.chars();
                chars.next().map_or(String::new(), |f| {
                    f.to_uppercase().chain(chars).collect::<String>()
                })
            };
            let (en, ru) = (name(&SYL_EN, &SUFFIX_EN), name(&SYL_RU, &SUFFIX_RU));
            w!(
                out,
                "\n[[party]]\nid = \"{id}\"\nkind = \"state\"\nname = {{ en = \"{en}\", ru = \"{ru}\" }}\n"
            );
            if self.rng.chance(50) {
                let s = self.source().to_owned();
                w!(out, "sources = [\"{s}\"]\n");
            }
            self.parties.push(GenParty { id, en, ru });
        }
        self.files.push(("parties.toml".into(), out));
    }

    fn areas_file(&mut self) {
        let mut out = String::from("# Generated areas.\n");
        for (id, en, ru) in AREAS {
            w!(out, "\n[[area]]\nid = \"{id}\"\n");
            if let Some((parent, _)) = id.rsplit_once('.') {
                w!(out, "parent = \"{parent}\"\n");
            }
            w!(out, "label = {{ en = \"{en}\", ru = \"{ru}\" }}\n");
        }
        self.files.push(("areas.toml".into(), out));
    }

    fn plan_mechanism(&mut self, i: usize, summits: usize) -> Mechanism {
        let n = self.parties.len();
        let size = match self.rng.below(10) {
            0 => self.rng.range(26, 60),
            1..=3 => self.rng.range(9, 25),
            _ => self.rng.range(3, 8),
        } as usize;
        let size = size.min(n);
        let mut pool: Vec<usize> = (0..n).collect();
        self.rng.shuffle(&mut pool);
        pool.truncate(size);
        let established = self.rng.range(1990, 2004);
        let (every, months) = match self.rng.below(10) {
            0..=4 => ("1y", 12),
            5..=7 => ("2y", 24),
            _ => ("6m", 6),
        };
        let founders = (size - size / 5).max(2).min(size);
        let members: Vec<GenMember> = pool
            .iter()
            .enumerate()
            .map(|(k, &party)| GenMember {
                party,
                since: (k >= founders).then(|| established + self.rng.range(2, 12)),
            })
            .collect();
        // Editions: month offsets from the first edition at January of `established + 1`.
        let first_year = established + 1;
        let editions: Vec<(i64, i64, i64)> = (0..summits as i64)
            .map(|e| {
                let m = e * months;
                let year = first_year + m / 12;
                let month = if months == 12 || months == 24 {
                    self.rng.range(3, 11)
                } else {
                    1 + m % 12
                };
                (year, month, self.rng.range(1, 28))
            })
            .collect();
        let docs_per_summit = editions
            .iter()
            .map(|&date| {
                if date < self.now {
                    1 + self.rng.below(3)
                } else {
                    0
                }
            })
            .collect();
        Mechanism {
            index: i,
            id: format!("mech-{i:03}"),
            members,
            founders,
            established,
            every,
            months,
            editions,
            docs_per_summit,
        }
    }

    fn members_on(plan: &Mechanism, year: i64) -> Vec<usize> {
        plan.members
            .iter()
            .filter(|m| m.since.is_none_or(|s| s <= year))
            .map(|m| m.party)
            .collect()
    }

    fn mechanism_files(
        &mut self,
        plan: &Mechanism,
        per_doc: &[usize],
        next_doc: &mut usize,
        next_commitment: &mut usize,
    ) {
        let id = &plan.id;
        let mut out = String::with_capacity(4096);
        let founders_owned: Vec<String> = plan
            .members
            .iter()
            .take(plan.founders)
            .map(|m| self.party_id(m.party).to_owned())
            .collect();
        let founders: Vec<&str> = founders_owned.iter().map(String::as_str).collect();
        let first_founder = founders.first().copied().unwrap_or("");
        let i = plan.index;
        let name = format!(
            "Forum {} {}",
            i,
            self.parties
                .get(i % self.parties.len())
                .map_or("", |p| p.en.as_str())
        );
        let name_ru = format!(
            "Форум {} {}",
            i,
            self.parties
                .get(i % self.parties.len())
                .map_or("", |p| p.ru.as_str())
        );
        let level = ["heads-of-state", "ministerial", "other"]
            .get(i % 3)
            .copied()
            .unwrap_or("other");
        w!(
            out,
            "# Generated mechanism {id}.\n\n[[mechanism]]\nid = \"{id}\"\nname = {{ en = \"{name}\", ru = \"{name_ru}\" }}\nlevel = \"{level}\"\nmembers = ["
        );
        for (k, m) in plan.members.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            let p = self.party_id(m.party);
            match m.since {
                None => w!(out, "\"{p}\""),
                Some(y) => w!(out, "{{ party = \"{p}\", since = {y} }}"),
            }
        }
        let (s1, s2) = (self.source().to_owned(), self.source().to_owned());
        w!(
            out,
            "]\nestablished = {}\nsources = [\"{s1}\", \"{s2}\"]\n",
            plan.established
        );
        if i % 4 == 0 {
            w!(
                out,
                "\n[mechanism.secretariat]\nseat = {{ en = \"{}\" }}\nestablished = \"{}-0{}\"\nsources = [\"{s1}\"]\n",
                self.parties
                    .get(plan.members.first().map_or(0, |m| m.party))
                    .map_or("Capital", |p| p.en.as_str()),
                plan.established + 3,
                1 + i % 9
            );
        }
        // Schedule: every kind of host rule in turn.
        let first = if plan.months == 6 {
            format!("\"{}-01\"", plan.established + 1)
        } else {
            format!("{}", plan.established + 1)
        };
        w!(
            out,
            "\n[mechanism.schedule]\nevery = \"{}\"\nfirst = {first}\n",
            plan.every
        );
        let quoted = |ps: &[&str]| {
            ps.iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match i % 7 {
            0 => {}
            1 => w!(out, "hosts = {{ fixed = \"{first_founder}\" }}\n"),
            2 => w!(out, "hosts = {{ ordered = [{}] }}\n", quoted(&founders)),
            3 => w!(out, "hosts = {{ alphabetical = \"en\" }}\n"),
            4 => w!(
                out,
                "hosts = {{ alphabetical = \"ru\", except = [\"{first_founder}\"] }}\n"
            ),
            5 => {
                let among: Vec<&str> = founders.iter().copied().step_by(2).collect();
                w!(
                    out,
                    "hosts = {{ alphabetical = \"en\", among = [{}] }}\n",
                    quoted(&among)
                );
            }
            _ => w!(
                out,
                "hosts = {{ alternate = [{{ fixed = \"{first_founder}\" }}, {{ alphabetical = \"en\", except = [\"{first_founder}\"] }}] }}\n"
            ),
        }
        w!(out, "sources = [\"{s1}\"]\n");
        let last = plan.editions.len() as i64;
        let (last_year, _, _) = plan.editions.last().copied().unwrap_or((2000, 1, 1));
        if i % 5 == 2 {
            w!(
                out,
                "\n[[mechanism.schedule.change]]\nfrom = {}\nevery = \"2y\"\nsources = [\"{s2}\"]\n",
                last_year + 3
            );
        }
        let host = founders
            .get(self.rng.below(founders.len()))
            .copied()
            .unwrap_or(first_founder);
        let confidence = if self.rng.chance(70) {
            "confirmed"
        } else {
            "reported"
        };
        w!(
            out,
            "\n[[mechanism.schedule.decision]]\nedition = {}\ndate = {}\nhost = \"{host}\"\nconfidence = \"{confidence}\"\nsources = [\"{s2}\"]\n",
            last + 1,
            last_year + (plan.months / 12).max(1)
        );
        match i % 4 {
            1 => w!(
                out,
                "\n[[mechanism.schedule.exception]]\nedition = {}\nkind = \"swap\"\nwith = {}\nsources = [\"{s2}\"]\n",
                last + 2,
                last + 3
            ),
            2 => w!(
                out,
                "\n[[mechanism.schedule.exception]]\nedition = {}\nkind = \"skip\"\nsources = [\"{s2}\"]\n",
                last + 2
            ),
            3 => w!(
                out,
                "\n[[mechanism.schedule.exception]]\nedition = {}\nkind = \"postpone\"\ndate = \"{}-12\"\nsources = [\"{s2}\"]\n",
                last + 2,
                last_year + 3
            ),
            _ => {}
        }

        // Summits, then one file per held summit with its documents.
        let mut held: Vec<Held> = Vec::new();
        for (e, &(y, mo, d)) in plan.editions.iter().enumerate() {
            let ordinal = e + 1;
            let sid = format!("{id}-{ordinal:02}");
            let members = Self::members_on(plan, y);
            let is_held = (y, mo, d) < self.now;
            let host = match i % 7 {
                1 => Some(first_founder.to_owned()),
                2 => founders
                    .get(e % founders.len().max(1))
                    .map(|s| (*s).to_owned()),
                _ => founders
                    .get(self.rng.below(founders.len()))
                    .map(|s| (*s).to_owned()),
            };
            w!(
                out,
                "\n[[summit]]\nid = \"{sid}\"\nmechanism = \"{id}\"\nedition = {ordinal}\ndate = {y}-{mo:02}-{d:02}\n"
            );
            if let Some(h) = &host {
                w!(out, "host = \"{h}\"\n");
                w!(
                    out,
                    "venue = {{ city = {{ en = \"{} City\" }} }}\n",
                    self.parties
                        .iter()
                        .find(|p| p.id == *h)
                        .map_or("Capital", |p| p.en.as_str())
                );
            }
            if is_held {
                w!(out, "status = \"held\"\n");
                let mut attending: Vec<usize> = members
                    .iter()
                    .copied()
                    .filter(|&p| {
                        self.party_id(p) == host.as_deref().unwrap_or("") || self.rng.chance(90)
                    })
                    .collect();
                if attending.is_empty() {
                    attending = members.clone();
                }
                out.push_str("participants = [\n");
                for &p in &attending {
                    let role = self.rng.pick(&ROLES).copied().unwrap_or("President");
                    let initial = (b'A' + self.rng.below(26) as u8) as char;
                    let surname = self.parties.get(p).map_or("", |x| x.en.as_str());
                    w!(
                        out,
                        "  {{ party = \"{}\", person = \"{initial}. {surname}ov\", role = \"{role}\" }},\n",
                        self.party_id(p)
                    );
                }
                out.push_str("]\n");
                held.push((ordinal, sid, attending, (y, mo, d)));
            } else {
                let confidence = if self.rng.chance(50) {
                    "confirmed"
                } else {
                    "reported"
                };
                w!(out, "status = \"planned\"\nconfidence = \"{confidence}\"\n");
            }
            let s = self.source().to_owned();
            w!(out, "sources = [\"{s}\"]\n");
        }
        self.files
            .push((format!("mechanisms/{id}/mechanism.toml"), out));

        let mut earlier: Vec<String> = Vec::new();
        for (ordinal, sid, signatories, date) in held {
            let docs = plan.docs_per_summit.get(ordinal - 1).copied().unwrap_or(0);
            let mut out = String::new();
            w!(out, "# Generated documents of {sid}.\n");
            for j in 0..docs {
                let n = per_doc.get(*next_doc).copied().unwrap_or(0);
                *next_doc += 1;
                self.document(
                    &mut out,
                    &DocCtx {
                        id: format!("{sid}-d{j}"),
                        summit: &sid,
                        mechanism: id,
                        signatories: &signatories,
                        date,
                    },
                    n,
                    next_commitment,
                    &mut earlier,
                );
            }
            self.files
                .push((format!("mechanisms/{id}/edition-{ordinal:02}.toml"), out));
        }
    }

    fn document(
        &mut self,
        out: &mut String,
        doc: &DocCtx<'_>,
        commitments: usize,
        next_commitment: &mut usize,
        earlier: &mut Vec<String>,
    ) {
        let kind = self.rng.pick(&DOC_KINDS).copied().unwrap_or("declaration");
        let (y, mo, d) = doc.date;
        let sigs: Vec<String> = doc
            .signatories
            .iter()
            .map(|&p| self.party_id(p).to_owned())
            .collect();
        let s = self.source().to_owned();
        w!(
            out,
            "\n[[document]]\nid = \"{}\"\nkind = \"{kind}\"\ntitle = {{ en = \"Outcome document {} of {}\" }}\nsummit = \"{}\"\n",
            doc.id,
            doc.id,
            doc.mechanism,
            doc.summit
        );
        if self.rng.chance(20) {
            w!(out, "mechanism = \"{}\"\n", doc.mechanism);
        }
        w!(out, "date = {y}-{mo:02}-{d:02}\nsignatories = [");
        for (k, p) in sigs.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            w!(out, "\"{p}\"");
        }
        w!(out, "]\nsources = [\"{s}\"]\n");

        let mut assessments = String::new();
        for _ in 0..commitments {
            let cid = format!("{}-c{:07}", doc.mechanism, *next_commitment);
            *next_commitment += 1;
            let verb = self.rng.pick(&VERBS).copied().unwrap_or("expand");
            let adj = self.rng.pick(&ADJECTIVES).copied().unwrap_or("joint");
            let noun = self.rng.pick(&NOUNS).copied().unwrap_or("cooperation");
            let qual = self.rng.pick(&QUALIFIERS).copied().unwrap_or("");
            w!(
                out,
                "\n[[commitment]]\nid = \"{cid}\"\ndocument = \"{}\"\ntext = \"The parties will {verb} {adj} {noun} {qual}.\"\n",
                doc.id
            );
            let src = self.source().to_owned();
            if self.rng.chance(15) {
                let phrase = self.rng.pick(&RU_PHRASES).copied().unwrap_or("");
                w!(
                    out,
                    "quote = {{ lang = \"ru\", text = \"{phrase}\", source = \"{src}\" }}\n"
                );
            }
            let a1 = self.rng.pick(AREAS).map_or("economy", |a| a.0);
            if self.rng.chance(25) {
                let a2 = self.rng.pick(AREAS).map_or("economy", |a| a.0);
                if a2 != a1 {
                    w!(out, "areas = [\"{a1}\", \"{a2}\"]\n");
                } else {
                    w!(out, "areas = [\"{a1}\"]\n");
                }
            } else {
                w!(out, "areas = [\"{a1}\"]\n");
            }
            let obligors: Vec<&str> = if sigs.len() > 1 && self.rng.chance(35) {
                let k = 1 + self.rng.below(3.min(sigs.len() - 1));
                let start = self.rng.below(sigs.len());
                let mut v: Vec<&str> = (0..k)
                    .filter_map(|x| sigs.get((start + x) % sigs.len()).map(String::as_str))
                    .collect();
                v.dedup();
                out.push_str("obligors = [");
                for (n, p) in v.iter().enumerate() {
                    if n > 0 {
                        out.push_str(", ");
                    }
                    w!(out, "\"{p}\"");
                }
                out.push_str("]\n");
                v
            } else {
                out.push_str("obligors = \"all\"\n");
                sigs.iter().map(String::as_str).collect()
            };
            let kind = self
                .rng
                .pick(&COMMITMENT_KINDS)
                .copied()
                .unwrap_or("policy");
            let strength = self.rng.pick(&STRENGTHS).copied().unwrap_or("pledge");
            w!(out, "kind = \"{kind}\"\nstrength = \"{strength}\"\n");
            if kind == "financial" {
                let amount = self.rng.range(1, 500) * 1_000_000;
                let cur = self.rng.pick(&CURRENCIES).copied().unwrap_or("USD");
                w!(
                    out,
                    "target = {{ amount = {amount}, currency = \"{cur}\" }}\n"
                );
            } else if self.rng.chance(5) {
                let amount = self.rng.range(10, 2000);
                w!(out, "target = {{ amount = {amount}, unit = \"km\" }}\n");
            }
            if self.rng.chance(70) {
                let dy = y + self.rng.range(1, 8);
                match self.rng.below(10) {
                    0..=4 => w!(out, "deadline = {dy}\n"),
                    5..=7 => w!(out, "deadline = \"{dy}-{:02}\"\n", self.rng.range(1, 12)),
                    _ => w!(
                        out,
                        "deadline = {dy}-{:02}-{:02}\n",
                        self.rng.range(1, 12),
                        self.rng.range(1, 28)
                    ),
                }
            }
            // Links only to earlier commitments of the mechanism: never a cycle.
            if !earlier.is_empty() && self.rng.chance(6) {
                let back = self.rng.below(earlier.len().min(50));
                if let Some(e) = earlier.get(earlier.len() - 1 - back) {
                    w!(out, "reiterates = [\"{e}\"]\n");
                }
            }
            if !earlier.is_empty() && self.rng.chance(4) {
                let back = self.rng.below(earlier.len().min(50));
                if let Some(e) = earlier.get(earlier.len() - 1 - back) {
                    w!(out, "supersedes = [\"{e}\"]\n");
                }
            }
            w!(out, "sources = [\"{src}\"]\n");
            if self.rng.chance(5) {
                out.push_str("note = \"Reported by several outlets.\"\n");
            }
            for _ in 0..self.g.assessments_per_commitment {
                let party = obligors
                    .get(self.rng.below(obligors.len()))
                    .copied()
                    .unwrap_or("");
                let rater = self.rng.pick(&RATERS).copied().unwrap_or("g20rg");
                // The month described is no later than now's, and the record no later than now.
                let (ny, nm, nd) = self.now;
                let ay = (y + self.rng.range(1, 4)).min(ny);
                let am = self.rng.range(1, 12);
                let am = if ay == ny { am.min(nm) } else { am };
                let (ry, rm) = if am == 12 { (ay + 1, 1) } else { (ay, am + 1) };
                let rd = self.rng.range(1, 28);
                let (ry, rm, rd) = (ry, rm, rd).min((ny, nm, nd));
                w!(
                    assessments,
                    "\n[[assessment]]\ncommitment = \"{cid}\"\nparty = \"{party}\"\n"
                );
                let score = self.rng.range(-1, 1);
                let status = match score {
                    -1 => STATUSES.get(self.rng.below(2)),
                    0 => STATUSES.get(2),
                    _ => STATUSES.get(3 + self.rng.below(2)),
                }
                .copied()
                .unwrap_or("unknown");
                match self.rng.below(10) {
                    0 => w!(assessments, "score = {score}\n"),
                    1 => w!(assessments, "status = \"{status}\"\n"),
                    _ => w!(assessments, "score = {score}\nstatus = \"{status}\"\n"),
                }
                let ev = self.source().to_owned();
                w!(
                    assessments,
                    "rater = \"{rater}\"\nas-of = \"{ay}-{am:02}\"\nrecorded = {ry}-{rm:02}-{rd:02}\nevidence = [\"{ev}\"]\n"
                );
            }
            earlier.push(cid);
        }
        out.push_str(&assessments);
    }
}

/// A mechanism planned before its files are written.
struct Mechanism {
    index: usize,
    id: String,
    members: Vec<GenMember>,
    founders: usize,
    established: i64,
    every: &'static str,
    months: i64,
    /// (year, month, day) of each edition.
    editions: Vec<(i64, i64, i64)>,
    docs_per_summit: Vec<usize>,
}

/// A held summit: ordinal, id, participants (party indexes) and (year, month, day).
type Held = (usize, String, Vec<usize>, (i64, i64, i64));

/// Where a generated document belongs.
struct DocCtx<'a> {
    id: String,
    summit: &'a str,
    mechanism: &'a str,
    signatories: &'a [usize],
    date: (i64, i64, i64),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Loader;

    fn day(y: i32, m: u32, d: u32) -> Day {
        Day::new(y, m, d).unwrap()
    }

    fn load(g: &Generator) -> crate::Dataset {
        let files = g.files();
        match files
            .into_iter()
            .fold(Loader::new(), |l, (n, t)| l.text(n, t))
            .load()
        {
            Ok(ds) => ds,
            Err(e) => panic!("generated data does not load:\n{e}"),
        }
    }

    #[test]
    fn generated_data_passes_check() {
        let g = Generator {
            parties: 60,
            mechanisms: 14,
            summits_per_mechanism: 6,
            commitments: 800,
            assessments_per_commitment: 4,
            seed: 7,
            now: day(2026, 1, 1),
        };
        let ds = load(&g);
        assert_eq!(ds.parties().len(), 60);
        assert_eq!(ds.mechanisms().len(), 14);
        assert_eq!(ds.summits().len(), 14 * 6);
        assert_eq!(ds.commitments().len(), 800);
        assert_eq!(ds.assessments().len(), 3200);
        assert!(ds.parties().iter().all(|p| p.id.is_iso_alpha2()));
        // Every kind of host rule, joiners, subsets of obligors and links are present.
        assert!(
            ds.mechanisms()
                .iter()
                .any(|m| m.members.iter().any(|x| x.since.is_some()))
        );
        assert!(
            ds.commitments()
                .iter()
                .any(|c| matches!(c.obligors, crate::Obligors::Parties(_)))
        );
        assert!(ds.commitments().iter().any(|c| !c.supersedes.is_empty()));
        assert!(ds.commitments().iter().any(|c| c.quote().is_some()));
        // Every mechanism's schedule projects without trouble.
        for m in ds.mechanisms() {
            let n = ds.schedule(m.id.as_str()).unwrap().take(20).count();
            assert!(n >= 6, "{}: {n}", m.id);
        }
    }

    #[test]
    fn default_sizes_load() {
        let ds = load(&Generator::new(300, 3));
        assert_eq!(ds.parties().len(), 190);
        assert_eq!(ds.commitments().len(), 300);
    }

    /// `now` decides which summits are held and bounds every date that describes the past.
    /// The oracle compares the dates' ISO texts, which order like the dates.
    #[test]
    fn now_decides_what_is_held_and_bounds_the_past() {
        let held_at = |now: Day| {
            let g = Generator {
                now,
                mechanisms: 12,
                ..Generator::new(400, 5)
            };
            let ds = load(&g);
            let today = now.to_string();
            let month = format!("{:04}-{:02}", now.year(), now.month());
            let mut held = 0;
            for s in ds.summits() {
                let date = s.date.to_string();
                assert_eq!(date.len(), 10, "{date}");
                let expected = if date < today {
                    crate::SummitStatus::Held
                } else {
                    crate::SummitStatus::Planned
                };
                assert_eq!(s.status, expected, "{} on {date}, now {today}", s.id);
                held += usize::from(date < today);
            }
            for a in ds.assessments() {
                assert!(a.as_of.to_string() <= month, "{} after {month}", a.as_of);
                assert!(
                    a.recorded.to_string() <= today,
                    "{} after {today}",
                    a.recorded
                );
            }
            for src in ds.sources() {
                let year = now.year().to_string();
                assert!(
                    src.date.is_none_or(|d| d.to_string() < year),
                    "{:?}",
                    src.date
                );
            }
            (held, ds.summits().len())
        };
        let (early, n) = held_at(day(1998, 6, 15));
        let (late, m) = held_at(day(2008, 6, 15));
        assert_eq!(n, m);
        assert!(0 < early && early < late && late < n, "{early} {late} {n}");
        // The same counts, seed and `now` give the same bytes; another `now`, others.
        let g = Generator {
            now: day(2020, 3, 1),
            ..Generator::new(200, 9)
        };
        assert_eq!(g.files(), g.files());
        assert_ne!(
            g.files(),
            Generator {
                now: day(2021, 3, 1),
                ..g
            }
            .files()
        );
    }

    #[test]
    fn generation_is_deterministic() {
        let g = Generator::new(500, 42);
        assert_eq!(g.files(), g.files());
        assert_ne!(g.files(), Generator::new(500, 43).files());
    }

    #[test]
    fn counts_are_clamped() {
        let g = Generator {
            parties: 10_000,
            mechanisms: 0,
            summits_per_mechanism: 0,
            commitments: 50,
            assessments_per_commitment: 1,
            seed: 1,
            now: day(2026, 1, 1),
        };
        let ds = load(&g);
        assert_eq!(ds.parties().len(), MAX_GENERATED_PARTIES);
        assert_eq!(ds.mechanisms().len(), 1);
        assert_eq!(ds.commitments().len(), 50);
    }
}
