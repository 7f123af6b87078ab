//! The Amazon Macie coverage table in `docs/detectors.md` stays in step with Macie's list and with
//! the catalogue: one row for every Macie managed data identifier (`tests/data/macie_ids.txt`,
//! extracted once from Macie's reference pages), one row for every Macie id the catalogue reports
//! (`id`, `macie_id`, `macie_id_without_keyword` in `detectors/**/*.toml`), and only detectors the
//! catalogue has in the "our id" column. Reads files only; no binary is run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The heading of the table's section in `docs/detectors.md`.
const SECTION: &str = "## Amazon Macie coverage";
/// The table's columns, in order.
const COLUMNS: [&str; 5] = [
    "Macie id",
    "our id",
    "countries",
    "checks applied",
    "not covered / notes",
];
/// The number of managed data identifiers in Macie's documentation (issue 3).
const MACIE_ID_COUNT: usize = 166;

/// One row of the table: Macie's id and the detector ids named in "our id".
#[derive(Debug)]
struct Row {
    line: usize,
    macie: String,
    ours: Vec<String>,
}

/// The Macie ids a catalogue detector reports, from its TOML entry.
#[derive(Debug)]
struct Spec {
    file: String,
    id: String,
    macie_id: Option<String>,
    macie_id_without_keyword: Option<String>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
}

/// The texts between backticks in a table cell, in order.
fn code_spans(cell: &str) -> Vec<String> {
    cell.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// A Markdown table row's cells, trimmed (no cell here contains an escaped `|`).
fn cells(line: &str) -> Vec<&str> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(str::trim).collect()
}

/// The rows of the table under `SECTION`, or a description of what is wrong with its shape.
fn parse_table(doc: &str) -> Result<Vec<Row>, String> {
    let lines: Vec<&str> = doc.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_end() == SECTION)
        .ok_or_else(|| format!("no `{SECTION}` heading"))?;
    let first = (start + 1..lines.len())
        .find(|&i| lines[i].starts_with('|'))
        .ok_or_else(|| format!("no table under `{SECTION}`"))?;
    if let Some(i) = (start + 1..first).find(|&i| lines[i].starts_with('#')) {
        return Err(format!("line {}: a heading comes before the table", i + 1));
    }
    if cells(lines[first]) != COLUMNS {
        return Err(format!("line {}: the header is not {COLUMNS:?}", first + 1));
    }
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(first + 2) {
        if !line.starts_with('|') {
            break;
        }
        let c = cells(line);
        if c.len() != COLUMNS.len() {
            return Err(format!("line {}: {} cells, expected {}", i + 1, c.len(), COLUMNS.len()));
        }
        let macie = match code_spans(c[0]).as_slice() {
            [id] if c[0] == format!("`{id}`") => id.clone(),
            _ => return Err(format!("line {}: the Macie id cell `{}` is not one `ID`", i + 1, c[0])),
        };
        rows.push(Row {
            line: i + 1,
            macie,
            ours: code_spans(c[1]),
        });
    }
    Ok(rows)
}

/// The ids of `tests/data/macie_ids.txt`: one a line, `#` comments and blank lines skipped.
fn macie_ids(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
}

/// Every `[[detector]]` of the built-in catalogue.
fn catalogue() -> Vec<Spec> {
    let mut files = Vec::new();
    toml_files(&root().join("detectors"), &mut files);
    files.sort();
    let mut specs = Vec::new();
    for path in files {
        let file = path.strip_prefix(root()).unwrap_or(&path).display().to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
        let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("{file} is not TOML: {e}"));
        let Some(detectors) = table.get("detector").and_then(|d| d.as_array()) else {
            continue;
        };
        for d in detectors {
            let field = |name: &str| d.get(name).and_then(|v| v.as_str()).map(str::to_string);
            let id = field("id").unwrap_or_else(|| panic!("{file}: a detector without an id"));
            specs.push(Spec {
                file: file.clone(),
                id,
                macie_id: field("macie_id"),
                macie_id_without_keyword: field("macie_id_without_keyword"),
            });
        }
    }
    specs
}

/// Everything that is wrong with the table against Macie's list and the catalogue.
fn problems(rows: &[Row], macie: &[String], specs: &[Spec]) -> Vec<String> {
    let mut out = Vec::new();
    let listed: BTreeSet<&str> = macie.iter().map(String::as_str).collect();
    if listed.len() != macie.len() {
        out.push("tests/data/macie_ids.txt lists an id twice".to_string());
    }
    let mut by_macie: BTreeMap<&str, &Row> = BTreeMap::new();
    for row in rows {
        if let Some(first) = by_macie.insert(row.macie.as_str(), row) {
            out.push(format!(
                "line {}: `{}` already has a row (line {})",
                row.line, row.macie, first.line
            ));
        }
        if !listed.contains(row.macie.as_str()) {
            out.push(format!(
                "line {}: `{}` is not one of Macie's ids (tests/data/macie_ids.txt)",
                row.line, row.macie
            ));
        }
    }
    for id in macie {
        if !by_macie.contains_key(id.as_str()) {
            out.push(format!("Macie's `{id}` has no row"));
        }
    }
    let ours: BTreeSet<&str> = specs.iter().map(|s| s.id.as_str()).collect();
    for row in rows {
        if row.ours.is_empty() {
            out.push(format!(
                "line {}: `{}` names no detector in \"our id\"",
                row.line, row.macie
            ));
        }
        for id in &row.ours {
            if !ours.contains(id.as_str()) {
                out.push(format!(
                    "line {}: \"our id\" names `{id}`, which the catalogue lacks",
                    row.line
                ));
            }
        }
    }
    for spec in specs {
        let own = Some(spec.id.clone()).filter(|id| listed.contains(id.as_str()));
        let declared = [&spec.macie_id, &spec.macie_id_without_keyword];
        for id in declared.into_iter().flatten() {
            if !listed.contains(id.as_str()) {
                out.push(format!(
                    "{}: `{}` declares `{id}`, not one of Macie's ids",
                    spec.file, spec.id
                ));
            }
        }
        for id in declared.into_iter().flatten().chain(own.as_ref()) {
            match by_macie.get(id.as_str()) {
                None => out.push(format!(
                    "{}: `{}` reports Macie's `{id}`, which has no row",
                    spec.file, spec.id
                )),
                Some(row) if !row.ours.contains(&spec.id) => out.push(format!(
                    "line {}: the row of `{id}` does not name `{}` ({}), which reports it",
                    row.line, spec.id, spec.file
                )),
                Some(_) => {}
            }
        }
    }
    out
}

#[test]
fn macie_ids_file_lists_macies_166_ids() {
    let ids = macie_ids(&read("tests/data/macie_ids.txt"));
    assert_eq!(ids.len(), MACIE_ID_COUNT, "tests/data/macie_ids.txt");
    assert!(
        ids.iter()
            .all(|id| id.chars().all(|c| c.is_ascii_uppercase() || "_()".contains(c)))
    );
}

#[test]
fn table_covers_every_macie_id_and_names_only_catalogue_detectors() {
    let rows = parse_table(&read("docs/detectors.md")).unwrap_or_else(|e| panic!("docs/detectors.md: {e}"));
    let found = problems(&rows, &macie_ids(&read("tests/data/macie_ids.txt")), &catalogue());
    assert!(found.is_empty(), "docs/detectors.md, {SECTION}:\n{}", found.join("\n"));
}

/// The checks catch each kind of drift (so the test above can fail).
#[test]
fn problems_are_reported_for_a_drifted_table() {
    let doc = format!(
        "# Detectors\n\n{SECTION}\n\ntext\n\n| {} |\n|---|---|---|---|---|\n\
         | `AWS_CREDENTIALS` | `AWS_CREDENTIALS` | any | keyword | — |\n\
         | `PKCS` | `PEM_KEY` | any | label | — |\n\
         | `UK_BANK_ACCOUNT_NUMBER` | `UK_BANK_ACCOUNT_NUMBER` (BBAN) | UK | sort code | — |\n\
         | `NOT_MACIE` | `AWS_CREDENTIALS` | any | - | — |\n\nafter\n",
        COLUMNS.join(" | ")
    );
    let rows = parse_table(&doc).expect("the sample table parses");
    assert_eq!(rows.len(), 4);
    let macie: Vec<String> = [
        "AWS_CREDENTIALS",
        "PKCS",
        "UK_BANK_ACCOUNT_NUMBER",
        "STRIPE_CREDENTIALS",
    ]
    .map(String::from)
    .to_vec();
    let spec = |id: &str, macie_id: Option<&str>| Spec {
        file: "detectors/x.toml".to_string(),
        id: id.to_string(),
        macie_id: macie_id.map(String::from),
        macie_id_without_keyword: None,
    };
    let specs = [
        spec("AWS_CREDENTIALS", None),
        spec("PKCS", None),
        spec("UK_BANK_ACCOUNT_NUMBER", None),
        spec("INTERNATIONAL_BANK_ACCOUNT_NUMBER", Some("UK_BANK_ACCOUNT_NUMBER")),
        spec("CARD", Some("CREDIT_CARD_NUMBER_(NO_KEYWORD)")),
    ];
    let found = problems(&rows, &macie, &specs).join("\n");
    for expected in [
        "`STRIPE_CREDENTIALS` has no row",
        "names `PEM_KEY`, which the catalogue lacks",
        "the row of `PKCS` does not name `PKCS`",
        "the row of `UK_BANK_ACCOUNT_NUMBER` does not name `INTERNATIONAL_BANK_ACCOUNT_NUMBER`",
        "`CARD` declares `CREDIT_CARD_NUMBER_(NO_KEYWORD)`, not one of Macie's ids",
        "`NOT_MACIE` is not one of Macie's ids",
    ] {
        assert!(found.contains(expected), "missing {expected:?} in:\n{found}");
    }
    assert!(parse_table(&doc.replace("not covered / notes", "notes")).is_err());
    assert!(parse_table(&doc.replace("| `PKCS` | `PEM_KEY` |", "| `PKCS` `X` | `PEM_KEY` |")).is_err());
}
