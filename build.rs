//! Embeds every `*.toml` file under `data/` into the crate, so the bundled dataset is
//! available without any file system access.

use std::fmt::Write as _;
use std::path::Path;

fn collect(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, base, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            if let Ok(rel) = p.strip_prefix(base) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let root = Path::new(&root);
    println!("cargo:rerun-if-changed=data");
    let mut files = Vec::new();
    collect(&root.join("data"), root, &mut files);
    files.sort();
    let mut code = String::from(
        "/// The bundled data files: (path, contents), in path order.\npub(crate) const BUNDLED: &[(&str, &str)] = &[\n",
    );
    for f in &files {
        let abs = root.join(f);
        let _ = writeln!(
            code,
            "    ({f:?}, include_str!({:?})),",
            abs.to_string_lossy()
        );
        println!("cargo:rerun-if-changed={}", abs.to_string_lossy());
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    if let Err(e) = std::fs::write(Path::new(&out).join("bundled.rs"), code) {
        println!("cargo:warning=cannot write bundled.rs: {e}");
    }
}
