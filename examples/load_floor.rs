//! Loading a directory of data files, against the floor of any TOML-based store: a bare
//! parse of the same bytes into toml's generic spanned table. Every file is read into
//! memory first; then one of three things is done once, so an instruction counter or a
//! profiler sees only that work beside the reading:
//!
//! - `read`: nothing more (the cost of reading, to subtract);
//! - `bare`: `toml::de::DeTable::parse` of every file, each tree dropped in turn;
//! - `load`: `Loader::load` of the same texts (read, validate, resolve, index).
//!
//! ```sh
//! cargo build --release --example load_floor
//! valgrind --tool=callgrind target/release/examples/load_floor bare /tmp/gen10000
//! valgrind --tool=callgrind target/release/examples/load_floor load /tmp/gen10000
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::ExitCode;
use summitry::Loader;

fn walk(p: &Path, out: &mut Vec<(String, String)>) -> std::io::Result<()> {
    if p.is_dir() {
        let mut entries = std::fs::read_dir(p)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<Vec<_>, _>>()?;
        entries.sort();
        for e in entries {
            walk(&e, out)?;
        }
    } else if p.extension().is_some_and(|x| x == "toml") {
        out.push((p.display().to_string(), std::fs::read_to_string(p)?));
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, dir] = args.as_slice() else {
        eprintln!("usage: load_floor read|bare|load DIR");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    if let Err(e) = walk(Path::new(dir), &mut files) {
        eprintln!("cannot read {dir}: {e}");
        return ExitCode::FAILURE;
    }
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    match mode.as_str() {
        "read" => println!("{} files, {bytes} bytes", files.len()),
        "bare" => {
            let mut tables = 0;
            for (name, text) in &files {
                match toml::de::DeTable::parse(text) {
                    Ok(t) => tables += t.get_ref().len(),
                    Err(e) => {
                        eprintln!("{name}: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            println!(
                "{} files, {bytes} bytes, {tables} top-level keys",
                files.len()
            );
        }
        "load" => {
            let loader = files
                .into_iter()
                .fold(Loader::new(), |l, (name, text)| l.text(name, text));
            match loader.load() {
                Ok(ds) => println!(
                    "{bytes} bytes, {} commitments, {} assessments",
                    ds.commitments().len(),
                    ds.assessments().len()
                ),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        other => {
            eprintln!("unknown mode `{other}`: expected read, bare or load");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
