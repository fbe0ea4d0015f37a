//! CSV for French spreadsheets (LibreOffice, Excel): `;` between fields, a decimal comma, UTF-8
//! with a byte-order mark so that accents open right on a double click.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// A CSV writer on `path`, the byte-order mark already written.
pub fn writer(path: &Path) -> io::Result<csv::Writer<File>> {
    let mut file = File::create(path)?;
    file.write_all("\u{feff}".as_bytes())?;
    Ok(csv::WriterBuilder::new().delimiter(b';').from_writer(file))
}

/// A number as a French spreadsheet reads it: `72,5`.
pub fn decimal(x: f64) -> String {
    // An empty sum of floats is -0.0: never show « -0 ».
    let x = if x == 0.0 { 0.0 } else { x };
    let s = format!("{x:.1}");
    s.strip_suffix(".0").unwrap_or(&s).replace('.', ",")
}

/// « oui » / « non ».
pub fn yes_no(b: bool) -> &'static str {
    if b { "oui" } else { "non" }
}
