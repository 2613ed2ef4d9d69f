//! Embedding summitry in another program: loading data (bundled, or from TOML text your
//! program holds), querying it, and handling both kinds of error — load diagnostics and
//! query errors with their `is_*` predicates.
//!
//! Run: `cargo run --example embed`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use summitry::export::{ExportOptions, Table};
use summitry::{CommitmentQuery, Dataset};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. The bundled dataset needs no files.
    let ds = Dataset::bundled();

    // 2. Queries borrow from the dataset and come back as iterators.
    let security = ds
        .commitments_where(&CommitmentQuery::new().party("cn").area("security"))?
        .count();
    println!("China's security commitments: {security}");

    // 3. A query error says what was wrong and can be told apart.
    match ds.commitments_where(&CommitmentQuery::new().party("kzz")) {
        Ok(_) => println!("unexpected"),
        Err(e) if e.is_unknown_id() => println!("query error, as expected: {e}"),
        Err(e) => return Err(e.into()),
    }

    // 4. Data your program holds: a load error carries every diagnostic.
    let broken = "[[party]]\nid = \"aa\"\nkind = \"stat\"\nname = \"Aland\"\n";
    match Dataset::from_toml_str("inline.toml", broken) {
        Ok(_) => println!("unexpected"),
        Err(e) => {
            for d in e.diagnostics() {
                println!("load problem: {}", d.message());
            }
        }
    }

    // 5. Exports for other tools: a CSV table for a spreadsheet.
    let csv = ds.export_csv_string(Table::Summits, &ExportOptions::new())?;
    println!("summits.csv has {} rows", csv.lines().count() - 1);
    Ok(())
}
