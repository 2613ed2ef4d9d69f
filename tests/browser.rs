//! The static site (`summitry export site`) in a real browser: headless Chromium, driven over
//! the DevTools protocol, loads every page of the bundled data's site from a local HTTP server.
//!
//! What is checked (the browser test, `#[ignore]`d in plain `cargo test` because it needs
//! Chromium and axe-core; `.ci/run` installs both and runs it with `--ignored`):
//! - every HTML page reachable from the home page by links, and every page in the sitemap,
//!   loads with status 200, no console error, no uncaught exception, no error logged by the
//!   browser and no failed request or response of status 400 or more; every other file they
//!   link (downloads: iCalendar, JSON, CSV) is fetched with status 200;
//! - axe-core, run in the page, reports no serious or critical violation on a page of each
//!   type, at 1280 and at 390 pixels wide (`AXE_EVERY_PAGE=1`: on every page);
//! - Tab from the top of each of those pages focuses the skip link first, and it leads into
//!   `<main>`;
//! - typing words into the search page finds exactly the commitments the site's documented
//!   rule selects (an oracle computed here from the bundled data, not by the site's script),
//!   and a word that is in no commitment finds none;
//! - the `--lang uk` site loads without errors and every page says `<html lang="uk">`;
//! - screenshots of the home, a mechanism, a commitment and a party page at 1280 and 390
//!   pixels wide (`docs/screenshots/`, rewritten when `UPDATE_SCREENSHOTS=1`).
//!
//! The tests that need no browser run everywhere: every internal `href`/`src` of every HTML
//! file (English and Ukrainian sites) resolves to a file, and every `#fragment` to an id.
//!
//! # Why the DevTools protocol over a pipe
//! Chromium is started with `--remote-debugging-pipe`: it reads protocol messages (JSON, each
//! ended by a NUL byte) from file descriptor 3 and writes its answers and events to
//! descriptor 4, which `sh` maps onto the child's stdin and stdout. That needs no new crate
//! (`serde_json` is already a dependency): no chromedriver whose version must match the
//! browser's, no async runtime, WebSocket or HTTP client crates to build (fantoccini pulls
//! tokio and hyper), and no TCP port for the browser. Every wait has a timeout, so a hung
//! browser fails the test instead of hanging CI.
//!
//! The site is served by a small HTTP server in this file rather than opened as `file://`
//! URLs: the search page fetches its JSON index, which browsers refuse from `file://`.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr
)]

mod common;

use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long any single wait on the browser may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------------------

/// Writes the site of the bundled data into a fresh temporary directory with the built
/// `summitry` binary and returns the directory.
fn export_site(what: &str, extra: &[&str]) -> PathBuf {
    let dir = common::temp_dir("browser", what);
    let out = dir.join("site");
    let output = Command::new(env!("CARGO_BIN_EXE_summitry"))
        .args(["export", "site"])
        .arg(&out)
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "summitry export site failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// Every file under `root`, as paths relative to it with `/` separators, sorted.
fn files(root: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
                out.push(parts.join("/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------
// Reading HTML and URLs (just enough for generated pages, whose attributes are quoted)
// ---------------------------------------------------------------------------------------

/// The values of the attributes named `name` in `html`, entity-decoded, in order.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let bytes = html.as_bytes();
    let pattern = format!("{name}=");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(&pattern) {
        let start = from + at;
        from = start + pattern.len();
        // Only a whole attribute name: preceded by whitespace inside a tag.
        if start == 0 || !bytes[start - 1].is_ascii_whitespace() {
            continue;
        }
        let Some(&quote) = bytes.get(from) else { break };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let Some(len) = html[from + 1..].find(quote as char) else {
            break;
        };
        out.push(decode_entities(&html[from + 1..from + 1 + len]));
        from += 1 + len;
    }
    out
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric character references decoded.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `%XX` escapes decoded (as UTF-8).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file a site path (`/`, `/party/kz/`, `/style.css`) names under `root`: a directory
/// means its `index.html`. `None` when the path leaves the root.
fn site_file(root: &Path, path: &str) -> Option<PathBuf> {
    let mut file = root.to_path_buf();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.contains('\\') => return None,
            p => file.push(p),
        }
    }
    if path.ends_with('/') || path.is_empty() || file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

/// `path` (relative, `..` allowed) joined to the directory `dir` (a site path ending with
/// `/`), normalised; `None` when it climbs above the root.
fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let last = path.rsplit('/').next().unwrap_or("");
    let trailing = matches!(last, "" | "." | "..");
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    Some(out)
}

/// The HTML files of a site with their `id`s, their `<html lang>` and their links.
struct StaticSite {
    root: PathBuf,
    /// Site path of each HTML file (`/party/kz/index.html`) → its ids.
    ids: BTreeMap<String, BTreeSet<String>>,
}

impl StaticSite {
    fn read(root: &Path) -> StaticSite {
        let mut ids = BTreeMap::new();
        for file in files(root).into_iter().filter(|f| f.ends_with(".html")) {
            let html = std::fs::read_to_string(root.join(&file)).unwrap();
            let set = attributes(&html, "id").into_iter().collect();
            ids.insert(format!("/{file}"), set);
        }
        StaticSite {
            root: root.to_path_buf(),
            ids,
        }
    }

    /// Every `href` and `src` of every HTML file that stays on the site (relative, or
    /// under `base` when the site was built with one) and names no file, or names an HTML
    /// file without the `#fragment` it asks for.
    fn broken_links(&self, base: Option<&str>) -> Vec<String> {
        let base_rest = base.map(|b| b.split_once("//").map_or(b, |(_, rest)| rest));
        let mut problems = Vec::new();
        for page in self.ids.keys() {
            let html = std::fs::read_to_string(self.root.join(&page[1..])).unwrap();
            let dir = &page[..=page.rfind('/').unwrap()];
            for attr in ["href", "src"] {
                for value in attributes(&html, attr) {
                    if let Some(problem) = self.check_link(page, dir, &value, base_rest) {
                        problems.push(format!("{page}: {attr}=\"{value}\": {problem}"));
                    }
                }
            }
        }
        problems
    }

    fn check_link(
        &self,
        page: &str,
        dir: &str,
        value: &str,
        base_rest: Option<&str>,
    ) -> Option<String> {
        let (rest, fragment) = value.split_once('#').unwrap_or((value, ""));
        let rest = rest.split_once('?').map_or(rest, |(path, _)| path);
        // A link on the site, with any scheme (http, https, webcal), under the base URL.
        let on_site = base_rest.and_then(|b| {
            let (_, after) = rest.split_once("//")?;
            after.strip_prefix(b.trim_end_matches('/'))
        });
        let path = if let Some(under_base) = on_site {
            join("/", under_base)
        } else if rest.starts_with("//") || rest.split('/').next().unwrap_or("").contains(':') {
            return None; // another site (http:, https:, mailto:, a source's address)
        } else if rest.is_empty() {
            Some(page.to_string())
        } else if rest.starts_with('/') {
            join("/", &percent_decode(rest))
        } else {
            join(dir, &percent_decode(rest))
        };
        let Some(path) = path else {
            return Some("climbs above the site's root".to_string());
        };
        let file = site_file(&self.root, &path)?;
        if !file.is_file() {
            return Some(format!("no file {}", file.display()));
        }
        if fragment.is_empty() {
            return None;
        }
        let rel = file.strip_prefix(&self.root).ok()?;
        let key = format!("/{}", rel.to_string_lossy().replace('\\', "/"));
        let ids = self.ids.get(&key)?;
        let fragment = percent_decode(fragment);
        (!ids.contains(&fragment)).then(|| format!("no id `{fragment}` in {key}"))
    }

    /// The `lang` of each page's `<html>` element (`None` when it has none).
    fn langs(&self) -> BTreeMap<String, Option<String>> {
        self.ids
            .keys()
            .map(|page| {
                let html = std::fs::read_to_string(self.root.join(&page[1..])).unwrap();
                let lang = html.find("<html").and_then(|at| {
                    let tag = &html[at..at + html[at..].find('>').unwrap_or(0)];
                    attributes(tag, "lang").into_iter().next()
                });
                (page.clone(), lang)
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------
// A static HTTP server
// ---------------------------------------------------------------------------------------

/// Serves `root` on a free port of 127.0.0.1 from a thread that lives as long as the test
/// process; returns the origin (`http://127.0.0.1:PORT`).
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = respond(&root, stream);
            });
        }
    });
    origin
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Answers one request: GET only, a directory's `index.html`, a redirect to add the slash
/// a directory's address lacks, 404 for anything else.
fn respond(root: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut words = request.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let path = target.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path);
    let found = site_file(root, &path).filter(|f| f.is_file());
    let (status, ctype, body, location) = if method != "GET" {
        (
            "405 Method Not Allowed",
            "text/plain",
            b"GET only".to_vec(),
            None,
        )
    } else if !path.starts_with('/') {
        ("400 Bad Request", "text/plain", b"bad path".to_vec(), None)
    } else if !path.ends_with('/') && root.join(&path[1..]).is_dir() {
        let to = format!("{path}/");
        ("301 Moved Permanently", "text/plain", Vec::new(), Some(to))
    } else if let Some(file) = found {
        ("200 OK", content_type(&file), std::fs::read(&file)?, None)
    } else {
        ("404 Not Found", "text/plain", b"not found".to_vec(), None)
    };
    let location = location.map_or(String::new(), |l| format!("Location: {l}\r\n"));
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{location}\
         Connection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

// ---------------------------------------------------------------------------------------
// Chromium over the DevTools protocol
// ---------------------------------------------------------------------------------------

/// One headless Chromium with one tab, and what went wrong in the page since the last
/// navigation.
struct Browser {
    child: Child,
    input: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    session: String,
    log: PathBuf,
    /// Console errors, exceptions, browser errors and failed requests of the current page.
    problems: Vec<String>,
    /// Request id → URL, for the requests of the current page.
    urls: BTreeMap<String, String>,
    /// Requests of the current page not yet finished or failed.
    in_flight: BTreeSet<String>,
    /// The current page's `load` event has fired.
    loaded: bool,
    /// The status of the current page's document.
    status: Option<u64>,
}

impl Browser {
    /// Starts Chromium (`$CHROMIUM`, else `chromium`) with a fresh profile under `dir`.
    fn launch(dir: &Path) -> Browser {
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_string());
        let version = Command::new(&chromium).arg("--version").output();
        assert!(
            version.as_ref().is_ok_and(|o| o.status.success()),
            "cannot run `{chromium} --version` ({version:?}): install Chromium \
             (`apt-get install chromium`) or set CHROMIUM to its path"
        );
        let profile = dir.join("chromium-profile");
        let log = dir.join("chromium.log");
        // fd 3 is what we write (the child's stdin), fd 4 what we read (its stdout).
        let script = "exec \"$0\" --headless=new --remote-debugging-pipe --no-sandbox \
            --disable-gpu --disable-dev-shm-usage --no-first-run --no-default-browser-check \
            --disable-extensions --disable-background-networking --disable-component-update \
            --disable-sync --mute-audio --hide-scrollbars --user-data-dir=\"$1\" about:blank \
            3<&0 4>&1 0</dev/null 1>/dev/null";
        let mut child = Command::new("sh")
            .args(["-c", script, &chromium])
            .arg(&profile)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let output = child.stdout.take().unwrap();
        let (send, messages) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            let mut buf = Vec::new();
            while reader.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                if buf.last() == Some(&0) {
                    buf.pop();
                }
                match serde_json::from_slice::<Value>(&buf) {
                    Ok(v) => {
                        if send.send(v).is_err() {
                            break;
                        }
                    }
                    Err(e) => eprintln!("unreadable DevTools message ({e})"),
                }
                buf.clear();
            }
        });
        let mut browser = Browser {
            child,
            input,
            messages,
            next_id: 0,
            session: String::new(),
            log,
            problems: Vec::new(),
            urls: BTreeMap::new(),
            in_flight: BTreeSet::new(),
            loaded: false,
            status: None,
        };
        let target = browser
            .send(None, "Target.createTarget", json!({ "url": "about:blank" }))
            .unwrap();
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = browser
            .send(
                None,
                "Target.attachToTarget",
                json!({ "targetId": target_id, "flatten": true }),
            )
            .unwrap();
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in ["Runtime", "Log", "Network", "Page"] {
            browser
                .call(&format!("{domain}.enable"), json!({}))
                .unwrap();
        }
        browser
            .call("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
            .unwrap();
        // Keyboard focus as if the window were in front.
        browser
            .call(
                "Emulation.setFocusEmulationEnabled",
                json!({ "enabled": true }),
            )
            .unwrap();
        browser
    }

    /// Sends a command to the tab and waits for its answer.
    fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let session = self.session.clone();
        self.send(Some(&session), method, params)
    }

    /// Sends a command (to the browser, or to a session) and waits for its answer, taking
    /// in the events that arrive meanwhile.
    fn send(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.input
            .write_all(&bytes)
            .and_then(|()| self.input.flush())
            .map_err(|e| {
                format!(
                    "{method}: cannot write to Chromium: {e}; {}",
                    self.log_tail()
                )
            })?;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.next_message(deadline, method)?;
            if message["id"].as_u64() == Some(id) {
                if let Some(error) = message.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(message["result"].clone());
            }
            self.event(&message);
        }
    }

    fn next_message(&mut self, deadline: Instant, waiting_for: &str) -> Result<Value, String> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(message) => Ok(message),
            Err(RecvTimeoutError::Timeout) => Err(format!(
                "no answer from Chromium to {waiting_for} within {TIMEOUT:?}"
            )),
            Err(RecvTimeoutError::Disconnected) => Err(format!(
                "Chromium exited while waiting for {waiting_for}; {}",
                self.log_tail()
            )),
        }
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(10).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        format!(
            "its log ({}) ends:\n{}",
            self.log.display(),
            tail.join("\n")
        )
    }

    /// Takes in one event of the tab: problems, requests, the load event.
    fn event(&mut self, event: &Value) {
        if event["sessionId"].as_str() != Some(self.session.as_str()) {
            return;
        }
        let p = &event["params"];
        let text = |v: &Value| v.as_str().unwrap_or("").to_string();
        match event["method"].as_str().unwrap_or("") {
            // Chromium asks for /favicon.ico by itself when a page names no icon, and may
            // never report the end of that request: it is not the page's.
            "Network.requestWillBeSent" if text(&p["request"]["url"]).ends_with("/favicon.ico") => {
            }
            // The icon the pages name (`<link rel="icon">`) is fetched the same way, on the
            // browser's own schedule, and its end may go unreported when it comes from the
            // browser's icon cache: the load does not wait for it, but an error answer or a
            // failure of it is still a problem.
            "Network.requestWillBeSent"
                if text(&p["request"]["url"]).ends_with("/assets/icon.svg") =>
            {
                self.urls
                    .insert(text(&p["requestId"]), text(&p["request"]["url"]));
            }
            "Network.requestWillBeSent" => {
                let id = text(&p["requestId"]);
                self.urls.insert(id.clone(), text(&p["request"]["url"]));
                self.in_flight.insert(id);
            }
            "Network.responseReceived" if self.urls.contains_key(&text(&p["requestId"])) => {
                let status = p["response"]["status"].as_u64().unwrap_or(0);
                if p["type"] == "Document" {
                    self.status = Some(status);
                }
                if status >= 400 {
                    let url = text(&p["response"]["url"]);
                    self.problems.push(format!("response {status} for {url}"));
                }
            }
            "Network.loadingFinished" => {
                self.in_flight.remove(p["requestId"].as_str().unwrap_or(""));
            }
            "Network.loadingFailed" if self.urls.contains_key(&text(&p["requestId"])) => {
                let id = text(&p["requestId"]);
                self.in_flight.remove(&id);
                let url = self.urls.get(&id).cloned().unwrap_or_default();
                let error = text(&p["errorText"]);
                self.problems
                    .push(format!("request failed: {url}: {error}"));
            }
            "Runtime.consoleAPICalled" if p["type"] == "error" || p["type"] == "assert" => {
                let args: Vec<String> = p["args"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| match &a["value"] {
                        Value::String(s) => s.clone(),
                        Value::Null => text(&a["description"]),
                        v => v.to_string(),
                    })
                    .collect();
                self.problems
                    .push(format!("console.error: {}", args.join(" ")));
            }
            "Runtime.exceptionThrown" => {
                let d = &p["exceptionDetails"];
                let what = d["exception"]["description"]
                    .as_str()
                    .unwrap_or_else(|| d["text"].as_str().unwrap_or("?"));
                self.problems.push(format!("uncaught exception: {what}"));
            }
            "Log.entryAdded"
                if p["entry"]["level"] == "error"
                    && !text(&p["entry"]["url"]).ends_with("/favicon.ico") =>
            {
                let e = &p["entry"];
                self.problems.push(format!(
                    "browser error ({}): {} {}",
                    text(&e["source"]),
                    text(&e["text"]),
                    text(&e["url"])
                ));
            }
            "Page.loadEventFired" => self.loaded = true,
            _ => {}
        }
    }

    /// Opens `url` in the tab and waits until its `load` event has fired and no request is
    /// left in flight. Returns the document's status; the page's problems are in
    /// `self.problems` (cleared here first).
    fn navigate(&mut self, url: &str) -> Result<Option<u64>, String> {
        self.problems.clear();
        self.urls.clear();
        self.in_flight.clear();
        self.loaded = false;
        self.status = None;
        let answer = self.call("Page.navigate", json!({ "url": url }))?;
        if let Some(error) = answer["errorText"].as_str() {
            self.problems.push(format!("navigation failed: {error}"));
            return Ok(self.status);
        }
        let deadline = Instant::now() + TIMEOUT;
        while !(self.loaded && self.in_flight.is_empty()) {
            let message = self
                .next_message(deadline, &format!("the load of {url}"))
                .map_err(|e| {
                    let pending: Vec<_> = self
                        .in_flight
                        .iter()
                        .filter_map(|id| self.urls.get(id))
                        .collect();
                    format!("{e} (load event: {}, pending: {pending:?})", self.loaded)
                })?;
            self.event(&message);
        }
        Ok(self.status)
    }

    /// Runs `expression` in the page (awaiting a promise) and returns its value as JSON.
    fn eval(&mut self, expression: &str) -> Result<Value, String> {
        let answer = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        )?;
        if let Some(details) = answer.get("exceptionDetails") {
            let what = details["exception"]["description"]
                .as_str()
                .unwrap_or_else(|| details["text"].as_str().unwrap_or("?"));
            return Err(format!("script failed: {what}"));
        }
        Ok(answer["result"]["value"].clone())
    }

    /// Evaluates `expression` every 50 ms until `done` accepts its value; the last value
    /// on timeout.
    fn poll(
        &mut self,
        expression: &str,
        timeout: Duration,
        done: impl Fn(&Value) -> bool,
    ) -> Result<Value, Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let value = self.eval(expression).map_err(Value::String)?;
            if done(&value) || Instant::now() >= deadline {
                return if done(&value) { Ok(value) } else { Err(value) };
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn key(&mut self, key: &str, code: u32) -> Result<(), String> {
        for kind in ["keyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": key, "code": key,
                        "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code }),
            )?;
        }
        Ok(())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The profile is Chromium's cache and settings, tens of megabytes; the log stays.
        if let Some(dir) = self.log.parent() {
            let _ = std::fs::remove_dir_all(dir.join("chromium-profile"));
        }
    }
}

// ---------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------

/// A path on the site for a URL of `origin`, without query and fragment, with
/// `…/index.html` as `…/`; `None` for another origin.
fn site_path(origin: &str, url: &str) -> Option<String> {
    let rest = url.strip_prefix(origin)?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let path = rest.split(['#', '?']).next().unwrap_or("");
    let path = if path.is_empty() { "/" } else { path };
    Some(path.strip_suffix("index.html").unwrap_or(path).to_string())
}

fn is_page(path: &str) -> bool {
    path.ends_with('/') || path.ends_with(".html")
}

/// The addresses of a sitemap, in order.
fn sitemap(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split_once("</loc>"))
        .map(|(loc, _)| decode_entities(loc.trim()))
        .collect()
}

/// Loads every page reachable from the home page and every page of the sitemap; other
/// files they link are fetched. Returns the pages visited with their `<html lang>`, and the
/// problems found.
fn crawl(b: &mut Browser, origin: &str, root: &Path) -> (Vec<(String, String)>, Vec<String>) {
    let mut problems = Vec::new();
    let mut queue: VecDeque<String> = VecDeque::from(["/".to_string()]);
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut downloads = BTreeSet::new();
    match std::fs::read_to_string(root.join("sitemap.xml")) {
        Ok(xml) => {
            let locs = sitemap(&xml);
            if locs.is_empty() {
                problems.push("sitemap.xml lists no page".to_string());
            }
            for loc in locs {
                // Without a base URL the site writes paths relative to its root.
                let relative = (!loc.contains("://")).then(|| join("/", &loc)).flatten();
                match site_path(origin, &loc).or(relative) {
                    Some(path) if is_page(&path) => {
                        if seen.insert(path.clone()) {
                            queue.push_back(path);
                        }
                    }
                    Some(path) => {
                        downloads.insert(path);
                    }
                    None => problems.push(format!("sitemap.xml: {loc} is not on {origin}/")),
                }
            }
        }
        Err(e) => problems.push(format!("no sitemap.xml: {e}")),
    }
    let mut visited = Vec::new();
    while let Some(path) = queue.pop_front() {
        let url = format!("{origin}{path}");
        match b.navigate(&url) {
            Ok(Some(200)) => {}
            Ok(status) => problems.push(format!("{path}: status {status:?}")),
            Err(e) => {
                problems.push(format!("{path}: {e}"));
                continue;
            }
        }
        problems.extend(b.problems.drain(..).map(|p| format!("{path}: {p}")));
        let seen_here = b
            .eval(
                "[document.documentElement.lang, \
                  Array.from(document.querySelectorAll('a[href]'), a => a.href)]",
            )
            .unwrap_or_else(|e| {
                problems.push(format!("{path}: {e}"));
                Value::Null
            });
        visited.push((
            path.clone(),
            seen_here[0].as_str().unwrap_or("").to_string(),
        ));
        let links = &seen_here[1];
        for link in links
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let Some(to) = site_path(origin, link) else {
                continue;
            };
            if is_page(&to) {
                if seen.insert(to.clone()) {
                    queue.push_back(to);
                }
            } else {
                downloads.insert(to);
            }
        }
    }
    // Downloads (iCalendar, JSON, CSV, sitemap) are fetched rather than navigated to.
    if !visited.is_empty() {
        let list = serde_json::to_string(&downloads).unwrap();
        let expr = format!(
            "Promise.all({list}.map(p => fetch(p).then(r => [p, r.status], e => [p, String(e)])))"
        );
        match b.eval(&expr) {
            Ok(Value::Array(rows)) => {
                for row in rows {
                    if row[1] != json!(200) {
                        problems.push(format!("download {}: {}", row[0], row[1]));
                    }
                }
            }
            other => problems.push(format!("fetching the downloads: {other:?}")),
        }
        problems.extend(b.problems.drain(..).map(|p| format!("downloads: {p}")));
    }
    eprintln!(
        "crawled {} pages and {} other files of {origin}",
        visited.len(),
        downloads.len()
    );
    (visited, problems)
}

/// The page types that axe-core and the keyboard check visit: a named page, else the first
/// record page (one level down) under the type's folder.
const PAGE_TYPES: [(&str, &str, &str); 10] = [
    ("home", "/", "/"),
    ("mechanism", "/mechanism/", "/mechanism/china-central-asia/"),
    ("summit", "/summit/", "/summit/cca-2023-xian/"),
    ("document", "/document/", ""),
    (
        "commitment",
        "/commitment/",
        "/commitment/xian-scholarships/",
    ),
    ("party", "/party/", "/party/kz/"),
    ("area", "/area/", ""),
    ("scorecards", "/scorecards/", "/scorecards/"),
    ("sources", "/sources/", "/sources/"),
    ("search", "/search/", "/search/"),
];

/// One visited page of each type, or a problem for each type that has none.
fn pages_of_each_type(visited: &[(String, String)]) -> (Vec<(&'static str, String)>, Vec<String>) {
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    for (kind, folder, named) in PAGE_TYPES {
        let record = |(p, _): &&(String, String)| {
            p.strip_prefix(folder)
                .is_some_and(|r| !r.is_empty() && r.matches('/').count() == 1)
        };
        let page = visited.iter().find(|(p, _)| p == named).or_else(|| {
            (folder != named)
                .then(|| visited.iter().find(record))
                .flatten()
        });
        match page {
            Some((p, _)) => pages.push((kind, p.clone())),
            None => problems.push(format!("no {kind} page ({folder}) among the pages crawled")),
        }
    }
    (pages, problems)
}

/// axe-core's serious and critical violations on the page loaded in `b`.
fn axe(b: &mut Browser, source: &str, path: &str) -> Result<Vec<String>, String> {
    b.eval(source)?;
    let report = b.eval(
        "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({ \
            id: v.id, impact: v.impact, help: v.help, \
            targets: v.nodes.map(n => n.target.join(' ')) })))",
    )?;
    let mut serious = Vec::new();
    for v in report.as_array().into_iter().flatten() {
        let impact = v["impact"].as_str().unwrap_or("?");
        let targets: Vec<&str> = v["targets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let line = format!(
            "{path}: axe {} ({impact}): {} at {}",
            v["id"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or(""),
            targets.join(", ")
        );
        if impact == "serious" || impact == "critical" {
            serious.push(line);
        } else {
            eprintln!("(not failing) {line}");
        }
    }
    Ok(serious)
}

/// After a Tab from the top of the page loaded in `b`, the skip link has the focus and
/// leads to `<main>` (or into it). Returns what is wrong, or an empty string.
fn skip_link(b: &mut Browser) -> Result<String, String> {
    b.key("Tab", 9)?;
    let verdict = b.eval(
        "(() => { \
            const a = document.activeElement; \
            if (!a || a === document.body) return 'Tab focused nothing'; \
            const what = a.outerHTML.slice(0, 120); \
            const href = a.getAttribute('href') || ''; \
            if (a.tagName !== 'A' || !href.startsWith('#')) \
                return 'Tab focused ' + what + ', not a skip link'; \
            const target = document.getElementById(decodeURIComponent(href.slice(1))); \
            if (!target) return 'the skip link ' + what + ' leads nowhere'; \
            if (target.tagName !== 'MAIN' && !target.closest('main')) \
                return 'the skip link ' + what + ' does not lead to <main>'; \
            return ''; })()",
    )?;
    Ok(verdict.as_str().unwrap_or("?").to_string())
}

/// The words of `text`, lowercase: the runs of letters and digits.
fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The commitments a search for `query` must find, as the paths of their pages: the oracle
/// of the search check, computed from the bundled data and not by the site's script. As the
/// site's search works (`export::site`, "Search"), every word of the query, in any case,
/// must begin a word of the commitment's text, quote or title (not its id).
fn commitments_matching(query: &str) -> BTreeSet<String> {
    let wanted = words_of(query);
    summitry::Dataset::bundled()
        .commitments()
        .iter()
        .filter(|c| {
            let mut text = vec![c.text(), c.title().unwrap_or("")];
            text.extend(c.quote().map(|q| q.text()));
            let have: Vec<String> = text.iter().flat_map(|t| words_of(t)).collect();
            wanted
                .iter()
                .all(|w| have.iter().any(|h| h.starts_with(w.as_str())))
        })
        .map(|c| format!("/commitment/{}/", c.id))
        .collect()
}

const RESULTS: &str = "Array.from(document.querySelectorAll('#results a'), a => a.href)";

/// Types `word` into the search field of the page loaded in `b` (replacing what was there).
fn type_into_search(b: &mut Browser, word: &str) -> Result<(), String> {
    b.eval("(() => { const q = document.querySelector('#q'); q.focus(); q.select(); })()")?;
    b.call("Input.insertText", json!({ "text": word }))?;
    Ok(())
}

/// Search finds exactly the commitments [`commitments_matching`] a query, and none for a
/// word that no commitment has.
fn search(b: &mut Browser, origin: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let run = |b: &mut Browser, problems: &mut Vec<String>| -> Result<(), String> {
        b.navigate(&format!("{origin}/search/"))?;
        problems.extend(b.problems.drain(..).map(|p| format!("/search/: {p}")));
        // One letter matches the words starting with it, as a longer word does (`Y`: the
        // shards `ye`, `yo`, ...; `ц`: `_446_456`, ...), not only a one-letter word.
        for word in ["transport", "Security", "GRANTS", "grant Yuan", "Y", "ц"] {
            let expected = commitments_matching(word);
            // At least two to tell sets apart; fewer than the 50 the page shows at once.
            assert!(
                (2..50).contains(&expected.len()),
                "pick another word than {word}: {expected:?}"
            );
            type_into_search(b, word)?;
            let found = |v: &Value| -> BTreeSet<String> {
                v.as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|u| site_path(origin, u.as_str().unwrap_or("")))
                    .filter(|p| p.starts_with("/commitment/"))
                    .collect()
            };
            if let Err(last) = b.poll(RESULTS, Duration::from_secs(10), |v| found(v) == expected) {
                problems.push(format!(
                    "search for `{word}` found {:?}, expected {expected:?}",
                    found(&last)
                ));
            }
        }
        let nothing = "zqxjwvk";
        assert!(commitments_matching(nothing).is_empty());
        type_into_search(b, nothing)?;
        let empty = |v: &Value| v.as_array().is_some_and(Vec::is_empty);
        if let Err(last) = b.poll(RESULTS, Duration::from_secs(10), empty) {
            problems.push(format!(
                "search for `{nothing}` found {last}, expected nothing"
            ));
        }
        problems.extend(
            b.problems
                .drain(..)
                .map(|p| format!("/search/ (typing): {p}")),
        );
        Ok(())
    };
    if let Err(e) = run(b, &mut problems) {
        problems.push(format!("search: {e}"));
    }
    problems
}

/// Standard base64 (as `Page.captureScreenshot` answers) decoded.
fn base64(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => panic!("not base64: {c:?}"),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// The screens of the screenshots and of axe-core: width, height, a phone's or not.
const WIDTHS: [(u32, u32, bool); 2] = [(1280, 900, false), (390, 844, true)];

/// Makes the tab a screen of `width` (CSS pixels, one device pixel each).
fn set_width(b: &mut Browser, (width, height, mobile): (u32, u32, bool)) -> Result<(), String> {
    let metrics = json!({ "width": width, "height": height, "deviceScaleFactor": 1,
                          "mobile": mobile });
    b.call("Emulation.setDeviceMetricsOverride", metrics)
        .map(drop)
}

/// The pages of the README's screenshots.
const SCREENSHOTS: [(&str, &str); 4] = [
    ("home", "/"),
    ("mechanism", "/mechanism/china-central-asia/"),
    ("commitment", "/commitment/xian-scholarships/"),
    ("party", "/party/kz/"),
];

/// Screenshots at 1280 and 390 pixels wide into `dir`, and into `docs/screenshots/` when
/// `UPDATE_SCREENSHOTS=1`.
fn screenshots(b: &mut Browser, origin: &str, dir: &Path) -> Vec<String> {
    let update = std::env::var("UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1");
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(dir).unwrap();
    if update {
        std::fs::create_dir_all(&docs).unwrap();
    }
    let mut problems = Vec::new();
    for (width, height, mobile) in WIDTHS {
        if let Err(e) = set_width(b, (width, height, mobile)) {
            problems.push(e);
            continue;
        }
        for (name, path) in SCREENSHOTS {
            let shot = b
                .navigate(&format!("{origin}{path}"))
                .and_then(|_| b.call("Page.captureScreenshot", json!({ "format": "png" })));
            match shot {
                Ok(answer) => {
                    let png = base64(answer["data"].as_str().unwrap_or(""));
                    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG: {name}");
                    let file = format!("{name}-{width}.png");
                    std::fs::write(dir.join(&file), &png).unwrap();
                    if update {
                        std::fs::write(docs.join(&file), &png).unwrap();
                    }
                }
                Err(e) => problems.push(format!("screenshot of {path} at {width}: {e}")),
            }
        }
    }
    let _ = b.call("Emulation.clearDeviceMetricsOverride", json!({}));
    eprintln!(
        "screenshots in {}{}",
        dir.display(),
        if update { " and docs/screenshots/" } else { "" }
    );
    problems
}

/// axe-core's script, installed by `npm ci --prefix tests/browser`.
fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}): run `npm ci --prefix tests/browser`",
            path.display()
        )
    })
}

fn fail_on(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------

/// The English site, built with a base URL (so its sitemap has addresses to load), in
/// Chromium: every page, axe-core, the keyboard, search and the screenshots.
#[test]
#[ignore = "needs Chromium and axe-core: run by .ci/run"]
fn site_in_chromium() {
    let axe_js = axe_source();
    let dir = common::temp_dir("browser", "chromium");
    // The server starts first so that the site can be built for its address.
    let site = dir.join("site");
    let origin = serve(site.clone());
    let built = export_site("en", &["--base-url", &format!("{origin}/")]);
    std::fs::rename(&built, &site).unwrap();
    let mut b = Browser::launch(&dir);
    let started = Instant::now();

    let (visited, mut problems) = crawl(&mut b, &origin, &site);
    let (mut pages, missing) = pages_of_each_type(&visited);
    if std::env::var("AXE_EVERY_PAGE").is_ok_and(|v| v == "1") {
        pages = visited.iter().map(|(p, _)| ("page", p.clone())).collect();
    }
    let t = Instant::now();
    problems.extend(missing);
    // axe-core at both widths of the screenshots: a layout can fail only on a phone.
    for width in WIDTHS {
        if let Err(e) = set_width(&mut b, width) {
            problems.push(e);
            continue;
        }
        for (kind, path) in &pages {
            let checked = b.navigate(&format!("{origin}{path}")).and_then(|_| {
                if width == WIDTHS[0] {
                    let skip = skip_link(&mut b)?;
                    if !skip.is_empty() {
                        problems.push(format!("{path} ({kind}): {skip}"));
                    }
                }
                axe(&mut b, &axe_js, &format!("{path} at {}px", width.0))
            });
            match checked {
                Ok(violations) => problems.extend(violations),
                Err(e) => problems.push(format!("{path} ({kind}): {e}")),
            }
        }
    }
    let _ = b.call("Emulation.clearDeviceMetricsOverride", json!({}));
    eprintln!(
        "axe on {} pages at 2 widths took {:?}",
        pages.len(),
        t.elapsed()
    );
    problems.extend(search(&mut b, &origin));
    problems.extend(screenshots(&mut b, &origin, &dir.join("screenshots")));
    eprintln!("the browser checks took {:?}", started.elapsed());
    fail_on(&problems);
}

/// The Ukrainian site, built without a base URL, in Chromium: every page loads cleanly and
/// says `<html lang="uk">`.
#[test]
#[ignore = "needs Chromium and axe-core: run by .ci/run"]
fn ukrainian_site_in_chromium() {
    let axe_js = axe_source();
    let dir = common::temp_dir("browser", "chromium-uk");
    let site = export_site("uk", &["--lang", "uk"]);
    let origin = serve(site.clone());
    let mut b = Browser::launch(&dir);
    let (visited, mut problems) = crawl(&mut b, &origin, &site);
    for (path, lang) in &visited {
        if lang != "uk" {
            problems.push(format!("{path}: <html lang> is {lang:?}, not \"uk\""));
        }
    }
    if b.navigate(&format!("{origin}/")).is_ok() {
        match axe(&mut b, &axe_js, "/ (uk)") {
            Ok(violations) => problems.extend(violations),
            Err(e) => problems.push(format!("axe on the Ukrainian home page: {e}")),
        }
    }
    fail_on(&problems);
}

/// Every internal `href` and `src` of every HTML file of the English site resolves to a
/// file, every `#fragment` to an id there, and every page says `<html lang="en">`.
#[test]
fn every_internal_link_resolves() {
    let site = export_site("links-en", &["--base-url", "https://tracker.example/"]);
    let pages = StaticSite::read(&site);
    assert!(pages.ids.len() > 10, "only {} pages", pages.ids.len());
    fail_on(&pages.broken_links(Some("https://tracker.example/")));
    let wrong: Vec<String> = pages
        .langs()
        .into_iter()
        .filter(|(_, lang)| lang.as_deref() != Some("en"))
        .map(|(page, lang)| format!("{page}: <html lang> is {lang:?}"))
        .collect();
    fail_on(&wrong);
}

/// The same for the Ukrainian site, whose every page says `<html lang="uk">`.
#[test]
fn every_internal_link_resolves_in_ukrainian() {
    let site = export_site("links-uk", &["--lang", "uk"]);
    let pages = StaticSite::read(&site);
    assert!(pages.ids.len() > 10, "only {} pages", pages.ids.len());
    fail_on(&pages.broken_links(None));
    let wrong: Vec<String> = pages
        .langs()
        .into_iter()
        .filter(|(_, lang)| lang.as_deref() != Some("uk"))
        .map(|(page, lang)| format!("{page}: <html lang> is {lang:?}"))
        .collect();
    fail_on(&wrong);
}

/// The helpers the checks rest on, against answers worked out by hand.
#[test]
fn helpers() {
    assert_eq!(base64("aGVsbG8="), b"hello");
    assert_eq!(base64("iVBORw0KGgo="), b"\x89PNG\r\n\x1a\n");
    assert_eq!(
        decode_entities("a&amp;b&#x2F;c&#47;&lt;&bogus;"),
        "a&b/c/<&bogus;"
    );
    assert_eq!(percent_decode("/party/k%C3%A9/%2"), "/party/ké/%2");
    assert_eq!(
        join("/party/kz/", "../../commitment/x/"),
        Some("/commitment/x/".into())
    );
    assert_eq!(join("/party/kz/", "../../../x"), None);
    assert_eq!(join("/a/", "."), Some("/a/".into()));
    assert_eq!(join("/a/b/", ".."), Some("/a/".into()));
    assert_eq!(join("/a/", "b.html"), Some("/a/b.html".into()));
    assert_eq!(
        attributes(
            "<a href=\"x&amp;y\" data-href=\"no\" class=a\n href='z'>",
            "href"
        ),
        vec!["x&y".to_string(), "z".to_string()]
    );
    assert_eq!(
        site_path("http://h:1", "http://h:1/party/kz/index.html#x"),
        Some("/party/kz/".into())
    );
    assert_eq!(site_path("http://h:1", "http://h:12/"), None);
    assert_eq!(
        sitemap(
            "<urlset><url><loc>http://h/a/</loc></url><url><loc> http://h/b?x=1&amp;y </loc></url>"
        ),
        vec!["http://h/a/".to_string(), "http://h/b?x=1&y".to_string()]
    );
}
