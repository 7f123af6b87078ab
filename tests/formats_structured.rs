//! Structured formats through the real binary: each finding carries the place a person would look
//! (row, column name, JSON path, record) and its line/column/offset in the raw text where the
//! format has lines; a column header or JSON key counts as a keyword for the values under it.

mod util;

use serde_json::Value;
use util::{SSN_ID, TestDir, scan_jsonl};

/// A valid SSN (area, group and serial all issued) and the same digits with dashes.
const BARE: &str = "864915066";
const DASHED: &str = "548-52-4177";

fn ssn_findings(dir: &TestDir, name: &str) -> Vec<Value> {
    let scan = scan_jsonl(&[&dir.name(name)]);
    assert_eq!(scan.skip_reason(&dir.name(name)), None, "{name}: {:?}", scan.objects);
    scan.findings_in(&dir.name(name))
        .into_iter()
        .filter(|f| f["detector"] == SSN_ID)
        .cloned()
        .collect()
}

/// `(line, column, offset)` of a finding.
fn position(f: &Value) -> (u64, u64, u64) {
    (
        f["line"].as_u64().unwrap(),
        f["column"].as_u64().unwrap(),
        f["offset"].as_u64().unwrap(),
    )
}

#[test]
fn csv_header_is_a_keyword_for_its_column_only() {
    let dir = TestDir::new();
    let text = format!("order_id,ssn,name\n{BARE},{BARE},R. Patel\n");
    dir.create("people.csv", &text);
    let found = ssn_findings(&dir, "people.csv");
    assert_eq!(found.len(), 1, "only the ssn column: {found:#?}");
    let f = &found[0];
    assert_eq!(f["row"], 1);
    assert_eq!(f["column_name"], "ssn");
    let offset = text.find(&format!(",{BARE},")).unwrap() as u64 + 1;
    assert_eq!(position(f), (2, offset - 18 + 1, offset));
    let scan = scan_jsonl(&[&dir.name("people.csv")]);
    assert_eq!(scan.object(&dir.name("people.csv"))["format"], "csv");
}

#[test]
fn a_bare_number_far_from_any_keyword_is_not_found() {
    // Under an order_id column, in CSV and in the same bytes as plain text.
    let dir = TestDir::new();
    let mut text = String::from("order_id,note\n");
    for _ in 0..40 {
        text.push_str("1,filler text that pushes the header far away from the value\n");
    }
    text.push_str(&format!("{BARE},x\n"));
    dir.create("orders.csv", &text);
    dir.create("orders.txt", &text);
    assert!(ssn_findings(&dir, "orders.csv").is_empty());
    assert!(ssn_findings(&dir, "orders.txt").is_empty());
}

#[test]
fn csv_quoted_fields_with_newlines_are_located_in_the_raw_text() {
    let dir = TestDir::new();
    let text = format!("id,ssn\n7,\"first \"\"line\"\"\nsecond {DASHED}\"\n8,{BARE}\n");
    dir.create("quoted.csv", &text);
    let found = ssn_findings(&dir, "quoted.csv");
    assert_eq!(found.len(), 2, "{found:#?}");
    let dashed = text.find(DASHED).unwrap() as u64;
    assert_eq!(position(&found[0]), (3, 8, dashed));
    assert_eq!((found[0]["row"].as_u64(), found[1]["row"].as_u64()), (Some(1), Some(2)));
    assert_eq!(position(&found[1]).0, 4);
}

#[test]
fn tsv_delimiter_is_sniffed() {
    let dir = TestDir::new();
    let text = format!("name\tSocial Security\tnote\nA. Ng\t{BARE}\tx, y\n");
    dir.create("staff.tsv", &text);
    let found = ssn_findings(&dir, "staff.tsv");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["column_name"], "Social Security");
    assert_eq!(position(&found[0]), (2, 7, text.find(BARE).unwrap() as u64));
}

#[test]
fn json_paths_keys_as_keywords_and_numbers() {
    let dir = TestDir::new();
    let text = format!(
        "{{\"customer\": {{\"name\": \"A\", \"ssn\": \"{BARE}\"}},\n \"orders\": [{{\"order_id\": {BARE}, \"note\": \"a long note that keeps keys apart\"}}, {{\"SSN\": {BARE}}}]}}\n"
    );
    dir.create("doc.json", &text);
    let found = ssn_findings(&dir, "doc.json");
    let paths: Vec<&str> = found.iter().map(|f| f["json_path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["$.customer.ssn", "$.orders[1].SSN"], "{found:#?}");
    let first = text.find(BARE).unwrap() as u64;
    assert_eq!(position(&found[0]), (1, first + 1, first));
    assert_eq!(found[0].get("json_record"), None);
    assert_eq!(position(&found[1]).0, 2);
}

#[test]
fn json_lines_records_and_corrupt_tail_keeps_findings() {
    let dir = TestDir::new();
    dir.create(
        "events.jsonl",
        &format!(
            "{{\"user\": {{\"ssn\": {BARE}}}}}\n{{\"ok\": true}}\n{{\"tax\": {{\"ssn\": \"{DASHED}\"}}}}\n{{\"ssn\": "
        ),
    );
    let scan = scan_jsonl(&[&dir.name("events.jsonl")]);
    let name = dir.name("events.jsonl");
    assert_eq!(scan.skip_reason(&name).as_deref(), Some("corrupt"));
    let detail = scan.object(&name)["skipped"]["detail"].as_str().unwrap().to_string();
    assert!(detail.contains("JSON") && detail.contains("line 3"), "{detail}");
    let found = scan.findings_in(&name);
    let got: Vec<(u64, &str, u64)> = found
        .iter()
        .map(|f| {
            (
                f["json_record"].as_u64().unwrap(),
                f["json_path"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [(1, "$.user.ssn", 1), (3, "$.tax.ssn", 3)]);
    assert_eq!(scan.object(&name)["format"], "jsonl");
}

#[test]
fn csv_and_sarif_reports_carry_the_structured_place() {
    let dir = TestDir::new();
    dir.create("people.csv", &format!("ssn\n{BARE}\n"));
    let out = util::run(util::piiscan().args(["scan", "--format", "csv", &dir.name("people.csv")]));
    let mut rows = csv::Reader::from_reader(out.stdout.as_bytes());
    let header = rows.headers().unwrap().clone();
    let row = rows.records().next().unwrap().unwrap();
    let cell = |name: &str| {
        row.get(header.iter().position(|h| h == name).unwrap())
            .unwrap()
            .to_string()
    };
    assert_eq!(
        (cell("row"), cell("column_name"), cell("json_path")),
        ("1".into(), "ssn".into(), String::new())
    );
    let out = util::run(util::piiscan().args(["scan", "--format", "sarif", &dir.name("people.csv")]));
    let sarif: Value = serde_json::from_str(&out.stdout).unwrap();
    let props = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["properties"];
    assert_eq!(
        (props["row"].as_u64(), props["column_name"].as_str()),
        (Some(1), Some("ssn"))
    );
    let out = util::run(util::piiscan().args(["scan", &dir.name("people.csv")]));
    assert!(out.stdout.contains("(row 1, column \"ssn\")"), "{}", out.stdout);
}

#[test]
fn long_form_csv_names_each_value_by_its_key_cell() {
    let dir = TestDir::new();
    let text = format!("record,field,value\n7,order_id,{BARE}\n7,ssn,{BARE}\n");
    dir.create("long.csv", &text);
    let found = ssn_findings(&dir, "long.csv");
    assert_eq!(found.len(), 1, "only the value keyed `ssn`: {found:#?}");
    assert_eq!(found[0]["row"], 2);
    assert_eq!(found[0]["column_name"], "value");
}
