//! `rooz import`: a spreadsheet of programmes (`.xlsx`, `.ods`, `.csv`),
//! filled in by county or stratum staff, into
//! `content/programs/<stratum>.yaml`; and `rooz import --template`, the
//! empty spreadsheet to fill in.
//!
//! The columns are those of `data/programs.csv` (`columns`), in English or
//! Persian, so an export reads back. Every bad cell is reported at once,
//! by sheet, row and column, and nothing is written; what is written is
//! then loaded like `rooz check` does, and taken back if it does not load.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use crate::calendar::{CalendarKind, Date, DateError, Time, latin_digits};
use crate::columns::{self, COLUMNS, Column, Language};
use crate::diagnostic::Diagnostic;
use crate::load::{self, SiteError};
use crate::model::{CoverageKind, Event, Held, Status};
use crate::source::Sources;

/// What `rooz import FILE` is asked to do.
pub struct ImportOptions {
    pub root: PathBuf,
    pub file: PathBuf,
    pub stratum: String,
    /// Where to write, instead of `content/programs/<stratum>.yaml`.
    pub out: Option<PathBuf>,
    /// Replace an existing file.
    pub force: bool,
}

/// One bad cell (or a bad header, or a sheet that cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub file: String,
    pub sheet: Option<String>,
    /// 1-based, as the spreadsheet numbers it; 0 for the whole file.
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet '{sheet}'")?;
        }
        if self.row > 0 {
            write!(f, ", row {}", self.row)?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column '{column}'")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Bad cells as they are shown: the same mistake in the same column on
/// consecutive rows is one line ("rows 2 to 100001"), so a sheet with a
/// column of the same wrong value reads in a screen, and every cell is
/// still counted.
pub struct Run<'a> {
    pub first: &'a CellError,
    /// The last row of the run (the first's row when it is one cell).
    pub last_row: usize,
}

impl fmt::Display for Run<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.first;
        if self.last_row == e.row {
            return e.fmt(f);
        }
        write!(f, "{}", e.file)?;
        if let Some(sheet) = &e.sheet {
            write!(f, ", sheet '{sheet}'")?;
        }
        write!(f, ", rows {} to {}", e.row, self.last_row)?;
        if let Some(column) = &e.column {
            write!(f, ", column '{column}'")?;
        }
        write!(
            f,
            ": {} (each of the {} rows)",
            e.message,
            self.last_row - e.row + 1
        )
    }
}

/// `errors` (in row order) as runs, in the order of their first row.
pub fn runs(errors: &[CellError]) -> Vec<Run<'_>> {
    let mut runs: Vec<Run<'_>> = Vec::new();
    // The open run of each (column, message): the index of its last cell.
    let mut open: std::collections::HashMap<(&Option<String>, &str), usize> =
        std::collections::HashMap::new();
    for e in errors {
        let key = (&e.column, e.message.as_str());
        match open.get(&key) {
            Some(&i)
                if e.row > 0 && runs[i].last_row + 1 == e.row && runs[i].first.sheet == e.sheet =>
            {
                runs[i].last_row = e.row;
            }
            _ => {
                open.insert(key, runs.len());
                runs.push(Run {
                    first: e,
                    last_row: e.row,
                });
            }
        }
    }
    runs
}

/// Why an import wrote nothing.
pub enum ImportError {
    Site(SiteError),
    /// The site does not load as it is (fix it first).
    Content(Sources, Vec<Diagnostic>),
    UnknownStratum(String, Vec<String>),
    Cells(Vec<CellError>),
    /// The target exists and `--force` was not given.
    Exists(PathBuf),
    /// What was written did not load; it was taken back.
    Invalid(Sources, Vec<Diagnostic>),
    Io(PathBuf, std::io::Error),
}

/// What an import wrote.
pub struct Imported {
    pub path: PathBuf,
    pub programmes: usize,
    /// Ids made from titles (the id cell was empty).
    pub made_ids: usize,
}

/// One cell, as the sheet holds it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An Excel date or time: days since 1899-12-30, the fraction the time.
    Serial(f64),
    Bool(bool),
    Error(String),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => unneutralised(t.trim()).to_string(),
            Cell::Number(n) | Cell::Serial(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// A cell as written, without the apostrophe `data/programs.csv` puts
/// before one that would start a formula (`report::spreadsheet_cell`).
fn unneutralised(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

/// A sheet's rows, each with its number as the spreadsheet shows it.
type Rows = Vec<(usize, Vec<Cell>)>;

/// A sheet: its name (none for CSV), and its rows with their numbers.
struct Sheet {
    name: Option<String>,
    rows: Rows,
}

fn read(file: &Path, display: &str) -> Result<Sheet, CellError> {
    let whole = |message: String| CellError {
        file: display.to_string(),
        sheet: None,
        row: 0,
        column: None,
        message,
    };
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" => read_csv(file, &whole),
        "xlsx" | "xlsm" if is_encrypted(file) => Err(whole(
            "is protected by a password (an encrypted workbook): remove the password \
             (File › Info › Protect Workbook) and save it again"
                .into(),
        )),
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(file, &whole),
        _ => Err(whole(
            "is not .xlsx, .ods or .csv: save the sheet in one of these".into(),
        )),
    }
}

/// An `.xlsx` that is an OLE compound file, not a zip: what Excel and
/// LibreOffice write when a workbook is saved with a password to open.
fn is_encrypted(file: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 8];
    fs::File::open(file)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok_and(|()| magic == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

fn read_csv(file: &Path, whole: &dyn Fn(String) -> CellError) -> Result<Sheet, CellError> {
    let bytes = fs::read(file).map_err(|e| whole(format!("cannot be read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        whole(format!(
            "is not UTF-8 (byte {} is not valid; Excel's plain \"CSV\" is Windows-1256 on a \
             Persian Windows): save it as \"CSV UTF-8\"",
            e.utf8_error().valid_up_to() + 1
        ))
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The row a spreadsheet shows: the csv reader skips blank lines (a
    // spreadsheet shows each as an empty row, so they are counted here from
    // where the reader started the record), and a quoted cell may run over
    // several lines (still one row).
    let mut row = 0;
    for record in reader.records() {
        let record = record.map_err(|e| whole(format!("is not valid CSV: {e}")))?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        row += 1 + blank_lines(text.as_bytes(), start);
        let cells = record
            .iter()
            .map(|c| {
                if c.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(c.to_string())
                }
            })
            .collect();
        rows.push((row, cells));
    }
    Ok(Sheet { name: None, rows })
}

/// How many empty lines start at `at` (CRLF, LF or CR each end one); a
/// `\n` right after a `\r` at `at` is the end of the line before.
fn blank_lines(text: &[u8], mut at: usize) -> usize {
    if at > 0 && text.get(at - 1) == Some(&b'\r') && text.get(at) == Some(&b'\n') {
        at += 1;
    }
    let mut blank = 0;
    while let Some(&b) = text.get(at) {
        match b {
            b'\r' if text.get(at + 1) == Some(&b'\n') => at += 2,
            b'\r' | b'\n' => at += 1,
            _ => break,
        }
        blank += 1;
    }
    blank
}

fn read_workbook(file: &Path, whole: &dyn Fn(String) -> CellError) -> Result<Sheet, CellError> {
    let mut book = calamine::open_workbook_auto(file)
        .map_err(|e| whole(format!("is not a spreadsheet rooz can read: {e}")))?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| whole("has no sheet".into()))?;
    let cannot = |e: &dyn fmt::Display| whole(format!("sheet '{name}' cannot be read: {e}"));
    let merged = merged_regions(&mut book, &name);
    let (first_row, mut rows) = match &mut book {
        calamine::Sheets::Xlsx(x) => xlsx_rows(x, &name).map_err(|e| cannot(&e))?,
        _ => {
            let range = book.worksheet_range(&name).map_err(|e| cannot(&e))?;
            let (first_row, first_column) = range.start().unwrap_or((0, 0));
            let rows = range
                .rows()
                .enumerate()
                .map(|(i, row)| {
                    let mut cells = vec![Cell::Empty; first_column as usize];
                    cells.extend(row.iter().map(cell_of));
                    (first_row as usize + i + 1, cells)
                })
                .collect();
            (first_row as usize, rows)
        }
    };
    fill_merged(&mut rows, first_row, &merged);
    Ok(Sheet {
        name: Some(name),
        rows,
    })
}

/// A workbook's value as a cell.
fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => Cell::Serial(dt.as_f64()),
        Data::Error(e) => Cell::Error(format!("{e:?}")),
    }
}

/// An `.xlsx` sheet's rows (from its first row, none left out, as the
/// whole-sheet reader gives them), read cell by cell and only up to the
/// row past `MAX_PROGRAMMES` programmes: a million-row sheet is refused
/// without being read whole.
fn xlsx_rows<R: std::io::Read + std::io::Seek>(
    book: &mut calamine::Xlsx<R>,
    name: &str,
) -> Result<(usize, Rows), calamine::XlsxError> {
    let mut reader = book.worksheet_cells_reader(name)?;
    let first_row = reader.dimensions().start.0 as usize;
    let mut rows: Rows = Vec::new();
    // The header and one programme past the limit.
    let mut filled = 0;
    while let Some(found) = reader.next_cell()? {
        let (r, c) = found.get_position();
        let (r, c) = (r as usize, c as usize);
        let value = cell_of(&Data::from(found.get_value().clone()));
        if r < first_row + rows.len().saturating_sub(1) {
            continue; // cells come row by row; never one above
        }
        while first_row + rows.len() <= r {
            if rows
                .last()
                .is_some_and(|(_, cells)| cells.iter().any(|c| *c != Cell::Empty))
            {
                filled += 1;
            }
            if filled > MAX_PROGRAMMES + 1 {
                return Ok((first_row, rows));
            }
            rows.push((first_row + rows.len() + 1, Vec::new()));
        }
        let (_, cells) = rows.last_mut().expect("a row was pushed");
        if cells.len() <= c {
            cells.resize(c + 1, Cell::Empty);
        }
        cells[c] = value;
    }
    Ok((first_row, rows))
}

/// The merged cells of a sheet (xlsx and xls say; ods does not), as
/// `(first row, first column, last row, last column)`, from 0.
fn merged_regions<R: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<R>,
    sheet: &str,
) -> Vec<(usize, usize, usize, usize)> {
    let regions: Vec<calamine::Dimensions> = match book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        _ => Vec::new(),
    };
    regions
        .iter()
        .map(|d| {
            (
                d.start.0 as usize,
                d.start.1 as usize,
                d.end.0 as usize,
                d.end.1 as usize,
            )
        })
        .collect()
}

/// A cell merged down reads as its value in every row it covers, as the
/// sheet shows it: a date merged down three rows is the date of all three
/// programmes. Only the first column of a region is filled: a cell merged
/// across (a banner over the header, a title made wider) stays one cell,
/// so it never puts its value into another column's meaning.
fn fill_merged(
    rows: &mut [(usize, Vec<Cell>)],
    first_row: usize,
    merged: &[(usize, usize, usize, usize)],
) {
    for &(r0, c0, r1, _) in merged {
        let Some(value) = r0
            .checked_sub(first_row)
            .and_then(|r| rows.get(r))
            .and_then(|(_, cells)| cells.get(c0))
            .cloned()
        else {
            continue;
        };
        for r in (r0 + 1).max(first_row)..=r1 {
            let Some((_, cells)) = rows.get_mut(r - first_row) else {
                break;
            };
            if cells.len() <= c0 {
                cells.resize(c0 + 1, Cell::Empty);
            }
            if matches!(cells[c0], Cell::Empty) {
                cells[c0] = value.clone();
            }
        }
    }
}

/// A programme as the YAML file will hold it (values as written there).
#[derive(Default)]
struct Entry {
    row: usize,
    id: String,
    title: String,
    date: String,
    until: Option<String>,
    start: Option<String>,
    end: Option<String>,
    headquarters: String,
    axes: Vec<String>,
    county: Option<String>,
    venue: Option<String>,
    audience: Option<String>,
    women: Option<bool>,
    central: Option<bool>,
    status: Option<Status>,
    expected_participants: Option<u64>,
    contact: Option<String>,
    highlight: Option<String>,
    outcome: Reported,
}

/// What a row reports of what was held (the outcome columns), as the
/// YAML will hold it; written as `outcome:` when `held` is given.
#[derive(Default)]
struct Reported {
    held: Option<Held>,
    /// The `held` cell is filled in (rightly or not).
    held_written: bool,
    date: Option<String>,
    until: Option<String>,
    participants: Option<u64>,
    women_participants: Option<u64>,
    note: Option<String>,
    coverage: Vec<Covered>,
    /// The first outcome column filled in, as the sheet names it.
    filled: Option<String>,
}

/// One item of the `coverage` cell.
struct Covered {
    /// `None`: the programme's title.
    title: Option<String>,
    url: String,
    outlet: Option<String>,
    kind: CoverageKind,
}

/// The most programmes one sheet may hold: rooz is made for weeks of up
/// to 100,000 programmes in all, so a sheet past that is a mistake (a
/// pasted column, rows filled down), not a stratum.
pub const MAX_PROGRAMMES: usize = 100_000;

/// Columns a sheet may have that import reads; the others of
/// `data/programs.csv` are derived (titles beside ids, ISO dates, the URL)
/// and are skipped.
const DERIVED: &[&str] = &["stratum", "date_iso", "until_iso", "url"];

/// Reads the sheet and writes the stratum's programme file.
pub fn import(options: &ImportOptions) -> Result<Imported, ImportError> {
    let loaded = load::load(&options.root).map_err(ImportError::Site)?;
    let event = match loaded.result {
        Ok(event) => event,
        Err(diagnostics) => return Err(ImportError::Content(loaded.sources, diagnostics)),
    };
    let Some(stratum) = event.strata.iter().find(|s| s.id == options.stratum) else {
        return Err(ImportError::UnknownStratum(
            options.stratum.clone(),
            event.strata.iter().map(|s| s.id.clone()).collect(),
        ));
    };
    let target = options.out.clone().unwrap_or_else(|| {
        options
            .root
            .join("content/programs")
            .join(format!("{}.yaml", stratum.id))
    });
    if target.exists() && !options.force {
        return Err(ImportError::Exists(target));
    }
    let display = options.file.display().to_string();
    let sheet = read(&options.file, &display).map_err(|e| ImportError::Cells(vec![e]))?;
    let (entries, made_ids) = entries(&event, &stratum.id, &sheet, &display)?;
    let yaml = yaml(&event, &stratum.id, &stratum.title, &display, &entries);
    let previous = fs::read(&target).ok();
    write_atomically(&target, yaml.as_bytes())?;
    if options.out.is_none() {
        // Validate as `rooz check` does; take the file back if it fails.
        let again = load::load(&options.root).map_err(ImportError::Site)?;
        if let Err(diagnostics) = again.result {
            match previous {
                Some(bytes) => write_atomically(&target, &bytes)?,
                None => fs::remove_file(&target).map_err(|e| ImportError::Io(target.clone(), e))?,
            }
            return Err(ImportError::Invalid(again.sources, diagnostics));
        }
    }
    Ok(Imported {
        path: target,
        programmes: entries.len(),
        made_ids,
    })
}

fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    let io = |e| ImportError::Io(target.to_path_buf(), e);
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io)?;
    }
    let temporary = target.with_extension("yaml.rooz-import");
    fs::write(&temporary, bytes).map_err(io)?;
    fs::rename(&temporary, target).map_err(io)
}

/// The header's columns, by position, each with its name as the sheet
/// writes it; every unknown header is an error.
type Header = Vec<Option<(Column, String)>>;

/// The header row, its columns and its mistakes (unknown, repeated or
/// missing columns: reported with the cells' mistakes, all at once).
fn header(sheet: &Sheet, display: &str) -> Result<(usize, Header, Vec<CellError>), Vec<CellError>> {
    let Some((row, cells)) = sheet
        .rows
        .iter()
        .find(|(_, cells)| cells.iter().any(|c| *c != Cell::Empty))
    else {
        return Err(vec![CellError {
            file: display.into(),
            sheet: sheet.name.clone(),
            row: 0,
            column: None,
            message: "is empty: expected a header row with the column names".into(),
        }]);
    };
    let mut errors = Vec::new();
    let mut columns = Vec::new();
    let mut seen = HashSet::new();
    for cell in cells {
        let name = cell.text();
        if name.is_empty() {
            columns.push(None);
            continue;
        }
        match columns::column_named(&name) {
            Some(c) if !seen.insert(c.key) => {
                errors.push(CellError {
                    file: display.into(),
                    sheet: sheet.name.clone(),
                    row: *row,
                    column: Some(name.clone()),
                    message: "this column appears twice".into(),
                });
                columns.push(None);
            }
            Some(c) => columns.push(Some((c, name))),
            None => {
                errors.push(CellError {
                    file: display.into(),
                    sheet: sheet.name.clone(),
                    row: *row,
                    column: Some(name.clone()),
                    message: format!(
                        "is not a column rooz knows; expected one of: {}",
                        COLUMNS
                            .iter()
                            .filter(|c| !DERIVED.contains(&c.key))
                            .map(|c| format!("{} ({})", c.key, c.persian))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
                columns.push(None);
            }
        }
    }
    for required in ["title", "date"] {
        if !seen.contains(required) {
            let c = COLUMNS.iter().find(|c| c.key == required).expect("known");
            errors.push(CellError {
                file: display.into(),
                sheet: sheet.name.clone(),
                row: *row,
                column: None,
                message: format!("has no column '{}' ('{}')", c.key, c.persian),
            });
        }
    }
    if !seen.contains("headquarters") && !seen.contains("headquarters_id") {
        errors.push(CellError {
            file: display.into(),
            sheet: sheet.name.clone(),
            row: *row,
            column: None,
            message: "has no column 'headquarters' ('قرارگاه') or 'headquarters_id'".into(),
        });
    }
    Ok((*row, columns, errors))
}

/// Values in a column with no header (an empty header cell, or past the
/// last one) would be dropped without a word: each such column is a
/// mistake, once, at its first value.
fn unnamed_columns(sheet: &Sheet, header_row: usize, display: &str) -> Vec<CellError> {
    let named: Vec<bool> = sheet
        .rows
        .iter()
        .find(|(r, _)| *r == header_row)
        .map(|(_, cells)| cells.iter().map(|c| *c != Cell::Empty).collect())
        .unwrap_or_default();
    let mut first: std::collections::BTreeMap<usize, usize> = Default::default();
    for (row, cells) in sheet.rows.iter().filter(|(r, _)| *r > header_row) {
        for (i, cell) in cells.iter().enumerate() {
            if *cell != Cell::Empty && !named.get(i).copied().unwrap_or(false) {
                first.entry(i).or_insert(*row);
            }
        }
    }
    first
        .into_iter()
        .map(|(i, row)| CellError {
            file: display.into(),
            sheet: sheet.name.clone(),
            row,
            column: None,
            message: format!(
                "column {} has values but no header: give it a column name, or clear it",
                column_letter(i)
            ),
        })
        .collect()
}

/// A column's letter as spreadsheets show it: A … Z, AA, AB …
fn column_letter(mut i: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII")
}

// Long because each column is read in its own small arm, next to the
// others, so the accepted values of every column are in one place.
fn entries(
    event: &Event,
    stratum: &str,
    sheet: &Sheet,
    display: &str,
) -> Result<(Vec<Entry>, usize), ImportError> {
    let (header_row, columns, mut errors) = header(sheet, display).map_err(ImportError::Cells)?;
    let mut entries = Vec::new();
    let mut programmes = 0;
    for (row, cells) in sheet.rows.iter().filter(|(r, _)| *r > header_row) {
        if cells.iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        programmes += 1;
        if programmes > MAX_PROGRAMMES {
            errors.push(CellError {
                file: display.into(),
                sheet: sheet.name.clone(),
                row: *row,
                column: None,
                message: format!(
                    "is programme {programmes} of the sheet; one sheet holds at most \
                     {MAX_PROGRAMMES} (a whole national week): split it, or delete the rows \
                     below that are not programmes"
                ),
            });
            break;
        }
        let mut entry = Entry {
            row: *row,
            ..Entry::default()
        };
        let (mut headquarters_given, mut date_given) = (false, false);
        for (i, column) in columns.iter().enumerate() {
            let Some((column, name)) = column else {
                continue;
            };
            let cell = cells.get(i).unwrap_or(&Cell::Empty);
            let mut bad = |message: String| {
                errors.push(CellError {
                    file: display.into(),
                    sheet: sheet.name.clone(),
                    row: *row,
                    column: Some(name.clone()),
                    message,
                })
            };
            let text = cell.text();
            if let Cell::Error(e) = cell {
                bad(format!("the cell holds an error ({e}); expected a value"));
                continue;
            }
            match column.key {
                "id" => entry.id = text,
                "title" => entry.title = text,
                "stratum_id" if !text.is_empty() && text != stratum => bad(format!(
                    "'{text}' is another stratum; this sheet is imported as '{stratum}'"
                )),
                "headquarters_id" | "headquarters" => {
                    // An export has both: the id column comes first.
                    if text.is_empty() || headquarters_given {
                        continue;
                    }
                    headquarters_given = true;
                    match find(event.headquarters.iter().map(|h| (&h.id, &h.title)), &text) {
                        Some(id) => entry.headquarters = id,
                        None => bad(format!(
                            "'{text}' is not a headquarters of the event; expected one of: {}",
                            names(event.headquarters.iter().map(|h| (&h.id, &h.title)))
                        )),
                    }
                }
                "county_id" | "county" => {
                    if text.is_empty() || entry.county.is_some() {
                        continue;
                    }
                    match find(event.counties.iter().map(|c| (&c.id, &c.title)), &text) {
                        Some(id) => entry.county = Some(id),
                        None => bad(format!(
                            "'{text}' is not a county of the event; expected one of: {} (or leave it empty for the whole province)",
                            names(event.counties.iter().map(|c| (&c.id, &c.title)))
                        )),
                    }
                }
                "axes" => {
                    let axes = || event.axes.iter().map(|a| (&a.id, &a.title));
                    for part in text.split([',', '،', ';', '؛', '\n']).map(str::trim) {
                        // A title (with its spaces), else ids separated by spaces.
                        let found: Vec<Option<String>> = match find(axes(), part) {
                            Some(id) => vec![Some(id)],
                            None => part.split_whitespace().map(|w| find(axes(), w)).collect(),
                        };
                        if found.iter().all(Option::is_some) {
                            entry.axes.extend(found.into_iter().flatten());
                        } else {
                            bad(format!(
                                "'{part}' is not an axis of the event; expected one of: {}",
                                names(axes())
                            ));
                        }
                    }
                }
                "date" | "until" => {
                    if text.is_empty() {
                        continue;
                    }
                    date_given |= column.key == "date";
                    match date(event.calendar, cell) {
                        Ok(d) => {
                            if column.key == "date" {
                                entry.date = d;
                            } else {
                                entry.until = Some(d);
                            }
                        }
                        Err(why) => bad(format!("'{text}' is not a date ({why})")),
                    }
                }
                "start" | "end" => {
                    if text.is_empty() {
                        continue;
                    }
                    match time(cell) {
                        Some(t) => {
                            if column.key == "start" {
                                entry.start = Some(t);
                            } else {
                                entry.end = Some(t);
                            }
                        }
                        None => bad(format!(
                            "'{text}' is not a time; expected HH:MM, e.g. 09:30"
                        )),
                    }
                }
                "venue" => entry.venue = Some(text).filter(|t| !t.is_empty()),
                "audience" => entry.audience = Some(text).filter(|t| !t.is_empty()),
                "contact" => entry.contact = Some(text).filter(|t| !t.is_empty()),
                "highlight" => entry.highlight = Some(text).filter(|t| !t.is_empty()),
                "women" | "central" => {
                    let value = match cell {
                        Cell::Bool(b) => Some(*b),
                        _ => columns::parse_yes_no(&text),
                    };
                    match value {
                        Some(v) if column.key == "women" => entry.women = Some(v),
                        Some(v) => entry.central = Some(v),
                        None => bad(format!(
                            "'{text}' is not yes or no; expected بله/خیر or yes/no"
                        )),
                    }
                }
                "status" => {
                    if text.is_empty() {
                        continue;
                    }
                    match columns::parse_status(&text) {
                        Some(s) => entry.status = Some(s),
                        None => bad(format!(
                            "'{text}' is not a status; expected one of: {}",
                            Status::NAMES
                                .iter()
                                .filter_map(|n| Status::parse(n))
                                .map(|s| format!(
                                    "{} ({})",
                                    s.as_str(),
                                    columns::status_name(s, Language::Persian)
                                ))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    }
                }
                "expected_participants" => {
                    if text.is_empty() {
                        continue;
                    }
                    match people(&text) {
                        Ok(n) => entry.expected_participants = Some(n),
                        Err(why) => bad(why),
                    }
                }
                key if columns::OUTCOME.contains(&key) && !text.is_empty() => {
                    entry.outcome.filled.get_or_insert_with(|| name.clone());
                    if let Err(why) = reported(&mut entry.outcome, key, cell, &text, event.calendar)
                    {
                        bad(why);
                    }
                }
                _ => {}
            }
        }
        let mut missing = |keys: &[&str], given: bool| {
            // A column the sheet lacks is reported once, with the header.
            let name = columns
                .iter()
                .flatten()
                .find(|(c, _)| keys.contains(&c.key))
                .map(|(_, name)| name.clone());
            if !given && name.is_some() {
                errors.push(CellError {
                    file: display.into(),
                    sheet: sheet.name.clone(),
                    row: *row,
                    column: name,
                    message: "is empty; every programme needs one".into(),
                });
            }
        };
        missing(&["title"], !entry.title.is_empty());
        missing(&["date"], date_given);
        missing(&["headquarters_id", "headquarters"], headquarters_given);
        if let Some((column, message)) = unheld(&entry.outcome, &columns) {
            errors.push(CellError {
                file: display.into(),
                sheet: sheet.name.clone(),
                row: *row,
                column: Some(column),
                message,
            });
        }
        entry.outcome.not_moved(&entry.date, entry.until.as_deref());
        entries.push(entry);
    }
    errors.extend(unnamed_columns(sheet, header_row, display));
    // In row order (a column's missing header is found after the rows),
    // as `runs` reads them.
    errors.sort_by_key(|e| e.row);
    if !errors.is_empty() {
        return Err(ImportError::Cells(errors));
    }
    let made = make_ids(stratum, &mut entries);
    Ok((entries, made))
}

/// A count of people: a whole number, in any digits, its thousands
/// separated or not.
fn people(text: &str) -> Result<u64, String> {
    match latin_digits(text).replace([',', '٬'], "").parse::<u64>() {
        Ok(n) if n <= u64::from(u32::MAX) => Ok(n),
        _ => Err(format!("'{text}' is not a whole number of people")),
    }
}

/// One filled outcome cell (`columns::OUTCOME`) of a row, read into what
/// the row reports.
fn reported(
    outcome: &mut Reported,
    key: &str,
    cell: &Cell,
    text: &str,
    calendar: CalendarKind,
) -> Result<(), String> {
    let day = || date(calendar, cell).map_err(|why| format!("'{text}' is not a date ({why})"));
    match key {
        "held" => {
            outcome.held_written = true;
            outcome.held = Some(held(cell, text)?);
        }
        "held_date" => outcome.date = Some(day()?),
        "held_until" => outcome.until = Some(day()?),
        "participants" => outcome.participants = Some(people(text)?),
        "women_participants" => outcome.women_participants = Some(people(text)?),
        "outcome_note" => outcome.note = Some(text.to_string()),
        "coverage" => outcome.coverage = coverage(text)?,
        _ => {}
    }
    Ok(())
}

fn held(cell: &Cell, text: &str) -> Result<Held, String> {
    let word = match cell {
        Cell::Bool(yes) => Some(if *yes { Held::Yes } else { Held::No }),
        _ => columns::parse_held(text),
    };
    word.ok_or_else(|| {
        format!(
            "'{text}' is not whether it was held; expected one of: {}",
            Held::NAMES
                .iter()
                .filter_map(|n| Held::parse(n))
                .map(|h| format!(
                    "{} ({})",
                    h.as_str(),
                    columns::held_name(h, Language::Persian)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

/// The `coverage` cell: an item a line, `title | url | outlet | kind`
/// (`columns::coverage_line`) with the title, the outlet and the kind
/// optional, or addresses alone, separated by spaces.
fn coverage(text: &str) -> Result<Vec<Covered>, String> {
    let mut items = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !line.contains('|') {
            for word in line.split_whitespace() {
                items.push(Covered {
                    title: None,
                    url: https(word, line)?,
                    outlet: None,
                    kind: CoverageKind::News,
                });
            }
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(at) = parts.iter().position(|p| p.contains("://")) else {
            return Err(format!(
                "'{line}' has no address; expected a line 'title | https://…' or the address alone"
            ));
        };
        let (mut rest, mut kind) = (&parts[at + 1..], CoverageKind::News);
        if let Some((last, before)) = rest.split_last() {
            match columns::parse_kind(last) {
                Some(k) => (rest, kind) = (before, k),
                None if !before.is_empty() => return Err(not_a_kind(last)),
                None => {}
            }
        }
        let text = |parts: &[&str]| Some(parts.join(" | ")).filter(|t| !t.trim().is_empty());
        items.push(Covered {
            title: text(&parts[..at]),
            url: https(parts[at], line)?,
            outlet: text(rest),
            kind,
        });
    }
    Ok(items)
}

fn not_a_kind(word: &str) -> String {
    format!(
        "'{word}' is not a kind of coverage; expected one of: {}",
        CoverageKind::NAMES
            .iter()
            .filter_map(|n| CoverageKind::parse(n))
            .map(|k| format!(
                "{} ({})",
                k.as_str(),
                columns::kind_name(k, Language::Persian)
            ))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// An address of coverage, https as the loader wants it.
fn https(word: &str, line: &str) -> Result<String, String> {
    crate::model::https_url(word).ok_or_else(|| {
            format!(
                "'{line}' is not an https address; expected one item a line: 'https://…', or 'title | https://… | outlet | kind'"
            )
        })
}

/// A row that reports an outcome without saying whether it was held: the
/// `held` cell (or, when the sheet has none, the first outcome cell) and
/// what is wrong.
fn unheld(outcome: &Reported, columns: &Header) -> Option<(String, String)> {
    let filled = outcome.filled.as_ref().filter(|_| !outcome.held_written)?;
    let held = COLUMNS.iter().find(|c| c.key == "held").expect("known");
    let words = || {
        Held::ALL
            .map(|h| columns::held_name(h, Language::Persian))
            .join("/")
    };
    Some(
        match columns.iter().flatten().find(|(c, _)| c.key == "held") {
            Some((_, name)) => (
                name.clone(),
                format!(
                    "is empty, but '{filled}' reports an outcome; say whether it was held: yes/partly/no/postponed or {}",
                    words()
                ),
            ),
            None => (
                filled.clone(),
                format!(
                    "reports an outcome, but the sheet has no column '{}' ('{}') to say whether it was held",
                    held.key, held.persian
                ),
            ),
        },
    )
}

impl Reported {
    /// A programme held on its own days did not move: a day given as the
    /// programme's own is not written.
    fn not_moved(&mut self, date: &str, until: Option<&str>) {
        let last = self.until.as_deref().or(self.date.as_deref());
        if self.date.as_deref() == Some(date) && last == Some(until.unwrap_or(date)) {
            (self.date, self.until) = (None, None);
        }
    }
}

/// An id or title of one of the event's lists, compared loosely.
fn find<'a>(items: impl Iterator<Item = (&'a String, &'a String)>, text: &str) -> Option<String> {
    let wanted = columns::loose(text);
    let items: Vec<(&String, &String)> = items.collect();
    items
        .iter()
        .find(|(id, _)| id.as_str() == text.trim())
        .or_else(|| {
            items
                .iter()
                .find(|(_, title)| columns::loose(title) == wanted)
        })
        .map(|(id, _)| (*id).clone())
}

fn names<'a>(items: impl Iterator<Item = (&'a String, &'a String)>) -> String {
    items
        .map(|(id, title)| format!("{id} ({title})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A date cell in the event's calendar: `1405-08-29`, `1405/08/29` (any
/// digits), or an Excel date (Gregorian, converted).
fn date(calendar: CalendarKind, cell: &Cell) -> Result<String, String> {
    if let Cell::Serial(serial) | Cell::Number(serial) = cell
        && *serial > 1.0
        && *serial < 2_958_466.0
    {
        let epoch = Date::new(CalendarKind::Gregorian, 1899, 12, 30).expect("a real day");
        return Ok(epoch.add_days(serial.floor() as i64).code(calendar));
    }
    let text = latin_digits(&cell.text()).replace(['/', '.'], "-");
    match Date::parse(calendar, &text) {
        Ok(d) => Ok(d.code(calendar)),
        Err(DateError::Format) => Err(format!(
            "expected YYYY-MM-DD or YYYY/MM/DD in the {} calendar",
            CalendarKind::NAMES[calendar as usize]
        )),
        Err(DateError::NoSuchDay { field, .. }) => {
            let parts: Vec<&str> = text.split('-').collect();
            let value = match field {
                "month" => parts.get(1),
                "day" => parts.get(2),
                _ => parts.first(),
            };
            Err(format!(
                "{field} {}",
                value.map_or("?", |v| v.trim_start_matches('0'))
            ))
        }
    }
}

/// A time cell: `HH:MM` (any digits) or an Excel time.
fn time(cell: &Cell) -> Option<String> {
    if let Cell::Serial(serial) | Cell::Number(serial) = cell
        && (0.0..1.0).contains(&serial.fract())
        && (*serial < 1.0 || matches!(cell, Cell::Serial(_)))
    {
        let minutes = (serial.fract() * 1440.0).round() as u32;
        if minutes < 1440 {
            return Some(format!("{:02}:{:02}", minutes / 60, minutes % 60));
        }
    }
    Time::parse(&cell.text()).map(|t| t.to_string())
}

/// Ids for rows without one: the stratum and the title's words in Latin
/// letters, made unique with a number.
fn make_ids(stratum: &str, entries: &mut [Entry]) -> usize {
    let mut taken: HashSet<String> = entries
        .iter()
        .filter(|e| !e.id.is_empty())
        .map(|e| e.id.clone())
        .collect();
    let mut made = 0;
    for entry in entries.iter_mut().filter(|e| e.id.is_empty()) {
        let words: Vec<String> = transliterate(&entry.title)
            .split('-')
            .filter(|w| !w.is_empty())
            .take(5)
            .map(str::to_string)
            .collect();
        let base = if words.is_empty() {
            format!("{stratum}-programme")
        } else {
            format!("{stratum}-{}", words.join("-"))
        };
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(id.clone());
        entry.id = id;
        made += 1;
    }
    made
}

/// Persian and Latin text as `[a-z0-9-]`.
pub fn transliterate(text: &str) -> String {
    let mut out = String::new();
    for c in latin_digits(text).chars() {
        let latin: &str = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            'A'..='Z' => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            'ا' | 'آ' | 'أ' | 'إ' => "a",
            'ب' => "b",
            'پ' => "p",
            'ت' | 'ط' => "t",
            'ث' | 'س' | 'ص' => "s",
            'ج' => "j",
            'چ' => "ch",
            'ح' | 'ه' | 'ة' => "h",
            'خ' => "kh",
            'د' => "d",
            'ذ' | 'ز' | 'ض' | 'ظ' => "z",
            'ر' => "r",
            'ژ' => "zh",
            'ش' => "sh",
            'غ' | 'ق' => "gh",
            'ف' => "f",
            'ک' | 'ك' => "k",
            'گ' => "g",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'و' | 'ؤ' => "v",
            'ی' | 'ي' | 'ى' | 'ئ' => "i",
            'ع' | 'ء' | '\u{200c}' | '\u{064B}'..='\u{065F}' => "",
            _ => "-",
        };
        out.push_str(latin);
    }
    out.split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A YAML scalar that reads back as the same string.
/// A YAML double-quoted scalar: JSON's escapes, and also `\u` escapes for
/// the characters YAML may not hold even quoted (DEL, the C1 controls but
/// NEL, U+FFFE and U+FFFF), which JSON leaves as they are. The loader then
/// names such a character (`control-character`) instead of failing to
/// parse the file.
fn quoted(text: &str) -> String {
    let json = serde_json::to_string(text).expect("strings serialise");
    let printable =
        |c: char| !matches!(c, '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}');
    if json.chars().all(printable) {
        return json;
    }
    json.chars()
        .map(|c| {
            if printable(c) {
                c.to_string()
            } else {
                format!("\\u{:04x}", u32::from(c))
            }
        })
        .collect()
}

fn yaml(event: &Event, stratum: &str, title: &str, file: &str, entries: &[Entry]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Programmes of {title} ({stratum}), imported by `rooz import` from"
    );
    let _ = writeln!(
        out,
        "# {file}. Each entry is one row of the sheet (its number is noted);"
    );
    let _ = writeln!(
        out,
        "# dates are in the {} calendar. Edit here, or import the sheet again with --force.",
        CalendarKind::NAMES[event.calendar as usize]
    );
    let _ = writeln!(out, "stratum: {stratum}");
    let _ = writeln!(out, "programs:");
    for e in entries {
        let _ = writeln!(out, "  # row {}", e.row);
        let _ = writeln!(out, "  - id: {}", e.id);
        let _ = writeln!(out, "    title: {}", quoted(&e.title));
        let _ = writeln!(out, "    date: {}", e.date);
        if let Some(until) = e.until.as_ref().filter(|u| **u != e.date) {
            let _ = writeln!(out, "    until: {until}");
        }
        if let Some(start) = &e.start {
            let _ = writeln!(out, "    start: \"{start}\"");
        }
        if let Some(end) = &e.end {
            let _ = writeln!(out, "    end: \"{end}\"");
        }
        let _ = writeln!(out, "    headquarters: {}", e.headquarters);
        if !e.axes.is_empty() {
            let _ = writeln!(out, "    axes: [{}]", e.axes.join(", "));
        }
        if let Some(county) = &e.county {
            let _ = writeln!(out, "    county: {county}");
        }
        for (key, value) in [("venue", &e.venue), ("audience", &e.audience)] {
            if let Some(v) = value {
                let _ = writeln!(out, "    {key}: {}", quoted(v));
            }
        }
        if let Some(w) = e.women {
            let _ = writeln!(out, "    women: {w}");
        }
        if let Some(c) = e.central {
            let _ = writeln!(out, "    central: {c}");
        }
        if let Some(s) = e.status {
            let _ = writeln!(out, "    status: {}", s.as_str());
        }
        if let Some(n) = e.expected_participants {
            let _ = writeln!(out, "    expected_participants: {n}");
        }
        if let Some(c) = &e.contact {
            let _ = writeln!(out, "    contact: {}", quoted(c));
        }
        if let Some(h) = &e.highlight {
            let _ = writeln!(out, "    highlight:");
            let _ = writeln!(out, "      summary: {}", quoted(h));
        }
        outcome_yaml(&mut out, e);
    }
    out
}

/// The entry's `outcome:` block, when its row says whether it was held.
fn outcome_yaml(out: &mut String, e: &Entry) {
    use std::fmt::Write as _;
    let o = &e.outcome;
    let Some(held) = o.held else { return };
    let _ = writeln!(out, "    outcome:");
    let _ = writeln!(out, "      held: {}", held.as_str());
    if let Some(date) = &o.date {
        let _ = writeln!(out, "      date: {date}");
    }
    if let Some(until) = o.until.as_ref().filter(|u| Some(*u) != o.date.as_ref()) {
        let _ = writeln!(out, "      until: {until}");
    }
    for (key, value) in [
        ("participants", o.participants),
        ("women_participants", o.women_participants),
    ] {
        if let Some(n) = value {
            let _ = writeln!(out, "      {key}: {n}");
        }
    }
    if let Some(note) = &o.note {
        let _ = writeln!(out, "      note: {}", quoted(note));
    }
    if !o.coverage.is_empty() {
        let _ = writeln!(out, "      coverage:");
    }
    for c in &o.coverage {
        let title = c.title.as_deref().unwrap_or(&e.title);
        let outlet = c
            .outlet
            .as_ref()
            .map(|o| format!(", outlet: {}", quoted(o)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "        - {{ title: {}, url: {}{outlet}, kind: {} }}",
            quoted(title),
            quoted(&c.url),
            c.kind.as_str()
        );
    }
}

/// The plan's columns of the template, in order.
const TEMPLATE: &[&str] = &[
    "id",
    "title",
    "date",
    "until",
    "start",
    "end",
    "headquarters",
    "county",
    "axes",
    "venue",
    "audience",
    "women",
    "central",
    "status",
    "expected_participants",
    "contact",
    "highlight",
];

/// The columns of the template, in order: the plan, then the outcome.
fn template_columns() -> impl Iterator<Item = &'static str> {
    TEMPLATE.iter().copied().chain(columns::OUTCOME)
}

/// `rooz import --template FILE.xlsx`: the empty sheet of the event, with
/// a sample row, lists to choose headquarters, counties, yes/no, statuses
/// and whether it was held from, and notes on the outcome columns.
pub fn template(root: &Path, file: &Path, language: Language) -> Result<(), ImportError> {
    use rust_xlsxwriter::{DataValidation, Format, Formula, Note, Workbook};
    let loaded = load::load(root).map_err(ImportError::Site)?;
    let event = match loaded.result {
        Ok(event) => event,
        Err(diagnostics) => return Err(ImportError::Content(loaded.sources, diagnostics)),
    };
    let xlsx = |e: rust_xlsxwriter::XlsxError| {
        ImportError::Io(file.to_path_buf(), std::io::Error::other(e.to_string()))
    };
    let mut book = Workbook::new();
    let lists_name = match language {
        Language::Persian => "فهرست‌ها",
        Language::English => "Lists",
    };
    let sheet_name = match language {
        Language::Persian => "برنامه‌ها",
        Language::English => "Programmes",
    };
    let column = |key: &str| COLUMNS.iter().find(|c| c.key == key).expect("known");
    // The lists, on their own (hidden) sheet.
    let lists = lists(&event, language);
    {
        let sheet = book.add_worksheet();
        sheet.set_name(lists_name).map_err(xlsx)?;
        for (i, (_, values)) in lists.iter().enumerate() {
            for (r, v) in values.iter().enumerate() {
                sheet.write_string(r as u32, i as u16, v).map_err(xlsx)?;
            }
        }
        sheet.set_hidden(true);
    }
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(xlsx)?;
    if language == Language::Persian {
        sheet.set_right_to_left(true);
    }
    for (i, key) in template_columns().enumerate() {
        sheet
            .write_string_with_format(0, i as u16, column(key).name(language), &bold)
            .map_err(xlsx)?;
        sheet.set_column_width(i as u16, 18).map_err(xlsx)?;
        if let Some(help) = help(key, language) {
            let note = Note::new(help).add_author_prefix(false).set_width(240);
            sheet.insert_note(0, i as u16, &note).map_err(xlsx)?;
        }
        if let Some(l) = lists.iter().position(|(k, _)| *k == key) {
            let len = lists[l].1.len().max(1);
            let letter = (b'A' + l as u8) as char;
            let validation = DataValidation::new().allow_list_formula(Formula::new(format!(
                "='{lists_name}'!${letter}$1:${letter}${len}"
            )));
            sheet
                .add_data_validation(1, i as u16, 5000, i as u16, &validation)
                .map_err(xlsx)?;
        }
    }
    for (i, key) in template_columns().enumerate() {
        let value = sample(&event, language, key);
        if !value.is_empty() {
            sheet.write_string(1, i as u16, value).map_err(xlsx)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    book.save(file).map_err(xlsx)
}

/// What the template's list cells choose from, by column.
fn lists(event: &Event, language: Language) -> Vec<(&'static str, Vec<String>)> {
    let yes_no = [true, false].map(|v| columns::yes_no(v, language).to_string());
    let statuses = [
        Status::Draft,
        Status::Reviewed,
        Status::Approved,
        Status::Cancelled,
    ]
    .map(|s| columns::status_name(s, language).to_string());
    vec![
        (
            "headquarters",
            event.headquarters.iter().map(|h| h.title.clone()).collect(),
        ),
        (
            "county",
            event.counties.iter().map(|c| c.title.clone()).collect(),
        ),
        ("women", yes_no.to_vec()),
        ("central", yes_no.to_vec()),
        ("status", statuses.to_vec()),
        (
            "held",
            Held::ALL
                .map(|h| columns::held_name(h, language).to_string())
                .to_vec(),
        ),
    ]
}

/// The note on a column's header: how the outcome columns are filled in.
fn help(key: &str, language: Language) -> Option<&'static str> {
    let persian = language == Language::Persian;
    Some(match key {
        "held" if persian => {
            "پس از برنامه پر شود: بله، بخشی، خیر یا تعویق. اگر ستونی از گزارش اجرا پر شود، این ستون لازم است."
        }
        "held" => {
            "Filled in after the programme: yes, partly, no or postponed. Needed when any outcome column is filled in."
        }
        "held_date" if persian => {
            "فقط اگر برنامه جابه‌جا شد: روزی که برگزار شد (یا با تعویق برگزار می‌شود)؛ «تا تاریخ برگزاری» آخرین روز آن."
        }
        "held_date" => {
            "Only when it moved: the day it was (or is to be) held; held_until its last day."
        }
        "coverage" if persian => {
            "هر مورد در یک سطر: «عنوان | نشانی https | رسانه | نوع»، یا فقط نشانی (عنوان آن عنوان برنامه). نوع: خبر، ویدیو، پست، تلویزیون یا رادیو؛ بی‌نوع: خبر."
        }
        "coverage" => {
            "One item a line: 'title | https address | outlet | kind', or the address alone (titled as the programme). Kind: news, video, post, tv or radio; news if left out."
        }
        _ => return None,
    })
}

/// The template's sample row: the first day, headquarters and county.
fn sample(event: &Event, language: Language, key: &str) -> String {
    match key {
        "title" => match language {
            Language::Persian => "نمونه: همایش بسیج محله".into(),
            Language::English => "Sample: neighbourhood gathering".into(),
        },
        "date" => event.start.code(event.calendar),
        "start" => "09:00".into(),
        "end" => "11:00".into(),
        "headquarters" => event.headquarters[0].title.clone(),
        "county" => event
            .counties
            .first()
            .map(|c| c.title.clone())
            .unwrap_or_default(),
        "axes" => event.axes.first().map(|a| a.id.clone()).unwrap_or_default(),
        "women" | "central" => columns::yes_no(false, language).into(),
        "status" => columns::status_name(Status::Draft, language).into(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: usize, column: &str, message: &str) -> CellError {
        CellError {
            file: "s.csv".into(),
            sheet: None,
            row,
            column: Some(column.into()),
            message: message.into(),
        }
    }

    #[test]
    fn a_quoted_cell_holds_no_character_yaml_refuses() {
        assert_eq!(
            quoted("a\u{7f}b\u{85}c\u{9f}\u{fffe}\"\n"),
            "\"a\\u007fb\u{85}c\\u009f\\ufffe\\\"\\n\""
        );
        assert_eq!(quoted("برنامه"), "\"برنامه\"");
    }

    #[test]
    fn the_same_mistake_on_consecutive_rows_is_one_run() {
        let errors = [
            cell(2, "date", "bad"),
            cell(2, "venue", "long"),
            cell(3, "date", "bad"),
            cell(4, "date", "other"),
            cell(5, "date", "bad"),
            cell(6, "date", "bad"),
            cell(6, "venue", "long"),
        ];
        let shown: Vec<String> = runs(&errors).iter().map(|r| r.to_string()).collect();
        assert_eq!(
            shown,
            [
                "s.csv, rows 2 to 3, column 'date': bad (each of the 2 rows)",
                "s.csv, row 2, column 'venue': long",
                "s.csv, row 4, column 'date': other",
                "s.csv, rows 5 to 6, column 'date': bad (each of the 2 rows)",
                "s.csv, row 6, column 'venue': long",
            ]
        );
        // The same message in another column, or on the same row twice,
        // is its own line.
        let twice = [cell(2, "a", "x"), cell(2, "a", "x"), cell(3, "b", "x")];
        assert_eq!(runs(&twice).len(), 3);
    }

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.csv");
        fs::write(&file, "title,date\n\na,1\n\"two\nlines\",2\n\n\nb,3\n").unwrap();
        let sheet = read(&file, "s.csv").unwrap_or_else(|e| panic!("{e}"));
        let rows: Vec<usize> = sheet.rows.iter().map(|(r, _)| *r).collect();
        assert_eq!(rows, [1, 3, 4, 7]);
        fs::write(&file, "title,date\r\na,1\r\n\r\nb,2\r\nc,3\r\n").unwrap();
        let sheet = read(&file, "s.csv").unwrap_or_else(|e| panic!("{e}"));
        let rows: Vec<usize> = sheet.rows.iter().map(|(r, _)| *r).collect();
        assert_eq!(rows, [1, 2, 4, 5]);
    }

    #[test]
    fn a_cell_merged_down_fills_its_column_and_one_merged_across_does_not() {
        let text = |t: &str| Cell::Text(t.into());
        let mut rows = vec![
            (1, vec![text("title"), Cell::Empty, text("date")]),
            (2, vec![text("a"), Cell::Empty, text("1405-08-30")]),
            (3, vec![text("b"), Cell::Empty, Cell::Empty]),
            (4, vec![text("c"), Cell::Empty, Cell::Empty]),
        ];
        // A1:B1 merged across (a wider header), C2:C4 merged down.
        fill_merged(&mut rows, 0, &[(0, 0, 0, 1), (1, 2, 3, 2)]);
        assert_eq!(rows[0].1[1], Cell::Empty);
        for row in &rows[1..] {
            assert_eq!(row.1[2], text("1405-08-30"));
        }
    }

    #[test]
    fn an_exported_cell_reads_as_written() {
        assert_eq!(unneutralised("'- a list"), "- a list");
        assert_eq!(unneutralised("'+98 74"), "+98 74");
        assert_eq!(unneutralised("'quoted'"), "'quoted'");
        assert_eq!(Cell::Text(" '=1 ".into()).text(), "=1");
    }

    #[test]
    fn coverage_lines_read_with_or_without_a_title_outlet_and_kind() {
        let items = coverage(
            "https://a.example/1 https://a.example/2\n\
             \n\
             A | B | https://a.example/3\n\
             T | https://a.example/4 | Outlet\n\
             T | https://a.example/5 | تلویزیون\n\
             | https://a.example/6 | O | P | video",
        )
        .unwrap();
        let read: Vec<(Option<&str>, &str, Option<&str>, CoverageKind)> = items
            .iter()
            .map(|c| {
                (
                    c.title.as_deref(),
                    c.url.as_str(),
                    c.outlet.as_deref(),
                    c.kind,
                )
            })
            .collect();
        use CoverageKind::*;
        assert_eq!(
            read,
            [
                (None, "https://a.example/1", None, News),
                (None, "https://a.example/2", None, News),
                (Some("A | B"), "https://a.example/3", None, News),
                (Some("T"), "https://a.example/4", Some("Outlet"), News),
                (Some("T"), "https://a.example/5", None, Tv),
                (None, "https://a.example/6", Some("O | P"), Video),
            ]
        );
        assert!(coverage("a title without an address").is_err());
        assert!(coverage("T | ftp://a.example/1").is_err());
        assert!(coverage("T | https://a.example/1 | O | podcast").is_err());
        assert!(coverage("T | https://").is_err());
    }
}
