//! Arbitrary bytes through the loader: it must never panic, and every rejection must carry
//! at least one diagnostic placed in the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use summitry::Loader;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = Loader::new().bytes("f.toml", data).load() {
        assert!(!e.diagnostics().is_empty());
        for d in e.diagnostics() {
            assert_eq!(d.file(), Some("f.toml"));
            assert!(d.line() >= 1);
        }
    }
});
