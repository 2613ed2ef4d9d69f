//! The terminal: colour (`NO_COLOR`, `CLICOLOR_FORCE`), the width tables fit into, and a
//! progress indicator for long work.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Whether to colour stderr: never with a non-empty `NO_COLOR`; always with a non-empty
/// `CLICOLOR_FORCE` other than `0`; else when stderr is a terminal.
pub fn color_stderr() -> bool {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if set("NO_COLOR") {
        false
    } else if set("CLICOLOR_FORCE") && std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0")
    {
        true
    } else {
        std::io::stderr().is_terminal()
    }
}

/// clap's colour choice, by the same rules.
pub fn clap_color() -> clap::ColorChoice {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty() && v != "0");
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        clap::ColorChoice::Never
    } else if set("CLICOLOR_FORCE") {
        clap::ColorChoice::Always
    } else {
        clap::ColorChoice::Auto
    }
}

/// `error:` in bold red when colouring, else plain.
pub fn error_label() -> &'static str {
    if color_stderr() {
        "\x1b[1;31merror\x1b[0m:"
    } else {
        "error:"
    }
}

/// The width text output fits into: `None` (never cut) with `--wide` or when stdout is not
/// a terminal; else the terminal's width. `SUMMITRY_COLUMNS` makes stdout count as a
/// terminal of that width (for scripts and tests).
pub fn output_width(wide: bool) -> Option<usize> {
    if wide {
        return None;
    }
    if let Some(n) = std::env::var("SUMMITRY_COLUMNS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        return Some(n.max(20));
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let width = terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .unwrap_or(80);
    Some(width.max(20))
}

/// A progress indicator on stderr for work that takes more than a second: drawn only when
/// stderr is a terminal, from the first second on, and erased when dropped. The work gives
/// no fraction done, so it shows a moving bar and the time spent.
pub struct Progress {
    done: Arc<AtomicBool>,
    drawn: Arc<Mutex<bool>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Starts the indicator for `label` (it draws nothing when stderr is not a terminal).
    pub fn start(label: &str) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        let drawn = Arc::new(Mutex::new(false));
        let thread = if std::io::stderr().is_terminal() {
            let (done, drawn, label) = (done.clone(), drawn.clone(), label.to_owned());
            std::thread::Builder::new()
                .name("progress".into())
                .spawn(move || run(&label, &done, &drawn))
                .ok()
        } else {
            None
        };
        Progress {
            done,
            drawn,
            thread,
        }
    }
}

const BAR: usize = 20;

fn run(label: &str, done: &AtomicBool, drawn: &Mutex<bool>) {
    let start = Instant::now();
    let mut tick = 0usize;
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        let t = start.elapsed();
        if t < Duration::from_secs(1) || done.load(Ordering::Relaxed) {
            continue;
        }
        tick += 1;
        // A block of 5 moving back and forth across the bar.
        let span = BAR - 5;
        let pos = if (tick / span) % 2 == 0 {
            tick % span
        } else {
            span - tick % span
        };
        let bar: String = (0..BAR)
            .map(|i| {
                if (pos..pos + 5).contains(&i) {
                    '█'
                } else {
                    '░'
                }
            })
            .collect();
        if let Ok(mut d) = drawn.lock() {
            let _ = write!(
                std::io::stderr(),
                "\r{label} {bar} {:.1} s\x1b[K",
                t.as_secs_f64()
            );
            *d = true;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        if self.drawn.lock().is_ok_and(|d| *d) {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}
