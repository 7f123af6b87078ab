//! Binary and document formats through the real binary (Parquet, ...): the files are built in the
//! test with the same crates a producer would use; each finding carries the place a person would
//! look (row and field path, sheet and cell, page) and a field's path counts as a keyword.

mod util;

use std::sync::Arc;

use util::{SSN_ID, TestDir, scan_jsonl};

/// A valid SSN (area, group and serial all issued) and the same digits with dashes.
const BARE: &str = "864915066";
const DASHED: &str = "548-52-4177";

/// `(row, column_name)` of each SSN finding in `name`, which must not be skipped.
fn ssn_places(dir: &TestDir, name: &str) -> Vec<(u64, String)> {
    let scan = scan_jsonl(&[&dir.name(name)]);
    assert_eq!(scan.skip_reason(&dir.name(name)), None, "{name}: {:?}", scan.objects);
    scan.findings_in(&dir.name(name))
        .into_iter()
        .filter(|f| f["detector"] == SSN_ID)
        .map(|f| {
            (
                f["row"].as_u64().unwrap(),
                f["column_name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A Parquet file: `order_id` (int64), `ssn` (int64), `customer` (group: `name`, optional `ssn`).
fn parquet_file(order_ids: &[i64], ssns: &[i64], customer_ssns: &[Option<&str>]) -> Vec<u8> {
    use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
    use parquet::file::writer::SerializedFileWriter;
    let schema = parquet::schema::parser::parse_message_type(
        "message people {
            required int64 order_id;
            required int64 ssn;
            required group customer {
                required binary name (UTF8);
                optional binary ssn (UTF8);
            }
        }",
    )
    .unwrap();
    let mut out = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut out, Arc::new(schema), Default::default()).unwrap();
    let mut group = writer.next_row_group().unwrap();
    let names: Vec<ByteArray> = customer_ssns.iter().map(|_| ByteArray::from("R. Patel")).collect();
    let values: Vec<ByteArray> = customer_ssns.iter().flatten().map(|s| ByteArray::from(*s)).collect();
    let defined: Vec<i16> = customer_ssns.iter().map(|s| i16::from(s.is_some())).collect();
    let mut column = 0;
    while let Some(mut writer) = group.next_column().unwrap() {
        match column {
            0 => writer.typed::<Int64Type>().write_batch(order_ids, None, None),
            1 => writer.typed::<Int64Type>().write_batch(ssns, None, None),
            2 => writer.typed::<ByteArrayType>().write_batch(&names, None, None),
            _ => writer
                .typed::<ByteArrayType>()
                .write_batch(&values, Some(&defined), None),
        }
        .unwrap();
        writer.close().unwrap();
        column += 1;
    }
    group.close().unwrap();
    writer.close().unwrap();
    out
}

#[test]
fn parquet_columns_and_field_paths_are_keywords() {
    let dir = TestDir::new();
    let bare: i64 = BARE.parse().unwrap();
    let bytes = parquet_file(&[bare, 7, 8], &[1, bare, 3], &[None, None, Some(DASHED)]);
    // Named without an extension: Parquet goes by its magic.
    dir.create_bytes("export", &bytes);
    let mut found = ssn_places(&dir, "export");
    found.sort();
    assert_eq!(found, [(2, "ssn".into()), (3, "customer.ssn".into())]);
    let scan = scan_jsonl(&[&dir.name("export")]);
    assert_eq!(scan.object(&dir.name("export"))["format"], "parquet");
    let f = scan
        .findings_of(SSN_ID)
        .into_iter()
        .find(|f| f["column_name"] == "customer.ssn")
        .unwrap();
    assert_eq!((f["line"].as_u64(), f["offset"].as_u64()), (Some(3), Some(0)));
}

#[test]
fn truncated_parquet_is_a_corrupt_skip() {
    let dir = TestDir::new();
    let bytes = parquet_file(&[1], &[2], &[Some(DASHED)]);
    dir.create_bytes("cut.parquet", &bytes[..bytes.len() - 12]);
    let name = dir.name("cut.parquet");
    let scan = scan_jsonl(&[&name]);
    assert_eq!(scan.skip_reason(&name).as_deref(), Some("corrupt"));
    let detail = scan.object(&name)["skipped"]["detail"].as_str().unwrap().to_string();
    assert!(detail.starts_with("Parquet: "), "{detail}");
}

const AVRO_SCHEMA: &str = r#"{"type": "record", "name": "person", "fields": [
    {"name": "order_id", "type": "long"},
    {"name": "ssn", "type": "long"},
    {"name": "customer", "type": {"type": "record", "name": "customer", "fields": [
        {"name": "name", "type": "string"},
        {"name": "ssn", "type": ["null", "string"]}]}},
    {"name": "ids", "type": {"type": "map", "values": "string"}}]}"#;

/// An Avro record of AVRO_SCHEMA.
fn avro_record(order_id: i64, ssn: i64, customer_ssn: Option<&str>, ids: &[(&str, &str)]) -> apache_avro::types::Value {
    use apache_avro::types::Value;
    let customer_ssn = match customer_ssn {
        Some(s) => Value::Union(1, Box::new(Value::String(s.into()))),
        None => Value::Union(0, Box::new(Value::Null)),
    };
    Value::Record(vec![
        ("order_id".into(), Value::Long(order_id)),
        ("ssn".into(), Value::Long(ssn)),
        (
            "customer".into(),
            Value::Record(vec![
                ("name".into(), Value::String("R. Patel".into())),
                ("ssn".into(), customer_ssn),
            ]),
        ),
        (
            "ids".into(),
            Value::Map(
                ids.iter()
                    .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
                    .collect(),
            ),
        ),
    ])
}

/// Two snappy blocks of records (the writer is flushed after `first`); returns the file and the
/// length of the first block's end.
fn avro_file(first: Vec<apache_avro::types::Value>, second: Vec<apache_avro::types::Value>) -> (Vec<u8>, usize) {
    let schema = apache_avro::Schema::parse_str(AVRO_SCHEMA).unwrap();
    let mut writer = apache_avro::Writer::with_codec(&schema, Vec::new(), apache_avro::Codec::Snappy);
    for r in first {
        writer.append(r).unwrap();
    }
    writer.flush().unwrap();
    let cut = writer.get_ref().len();
    for r in second {
        writer.append(r).unwrap();
    }
    (writer.into_inner().unwrap(), cut)
}

#[test]
fn avro_records_and_field_paths_are_keywords() {
    let dir = TestDir::new();
    let bare: i64 = BARE.parse().unwrap();
    let (bytes, _) = avro_file(
        vec![avro_record(bare, 5, None, &[("order_ref", BARE)])],
        vec![avro_record(
            6,
            bare,
            Some(DASHED),
            &[("ssn", BARE), ("note", "nothing")],
        )],
    );
    dir.create_bytes("people.avro", &bytes);
    let mut found = ssn_places(&dir, "people.avro");
    found.sort();
    assert_eq!(
        found,
        [(2, "customer.ssn".into()), (2, "ids.ssn".into()), (2, "ssn".into())]
    );
    let scan = scan_jsonl(&[&dir.name("people.avro")]);
    assert_eq!(scan.object(&dir.name("people.avro"))["format"], "avro");
}

#[test]
fn truncated_avro_keeps_the_findings_before_the_damage() {
    let dir = TestDir::new();
    let (bytes, cut) = avro_file(
        vec![avro_record(1, 2, Some(DASHED), &[])],
        (0..50).map(|i| avro_record(i, i, Some(DASHED), &[])).collect(),
    );
    dir.create_bytes("cut.avro", &bytes[..cut + (bytes.len() - cut) / 2]);
    let name = dir.name("cut.avro");
    let scan = scan_jsonl(&[&name]);
    assert_eq!(scan.skip_reason(&name).as_deref(), Some("corrupt"));
    let detail = scan.object(&name)["skipped"]["detail"].as_str().unwrap().to_string();
    assert!(detail.starts_with("Avro: "), "{detail}");
    let rows: Vec<u64> = scan
        .findings_in(&name)
        .iter()
        .map(|f| f["row"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, [1]);
}

/// A zip of `(part name, XML)` pairs: the skeleton of an Office Open XML document.
fn office_file(parts: &[(&str, String)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const WORKBOOK: &str = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Staff" sheetId="1" r:id="rId1"/><sheet name="Orders" sheetId="2" r:id="rId2"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>"#;

#[test]
fn xlsx_cells_carry_sheet_row_column_and_header() {
    let dir = TestDir::new();
    let shared = format!(
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Name</t></si><si><t>Social Security</t></si><si><t>order_id</t></si><si><r><t>ssn {}</t></r><r><t>{}</t></r></si></sst>"#,
        &DASHED[..4],
        &DASHED[4..]
    );
    // Staff: a header row; the SSN under "Social Security" is a number, the one in E3 a shared
    // string of two runs under no header (its own "ssn" is the keyword); C2 is under order_id. Orders: row 1 has a number, so it is no header.
    let staff = format!(
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>R. Patel</t></is></c><c r="B2"><v>{BARE}</v></c><c r="C2"><v>{BARE}</v></c></row><row r="3"><c r="E3" t="s"><v>3</v></c></row></sheetData></worksheet>"#
    );
    let orders = format!(
        r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" t="str"><v>ssn</v></c></row><row r="2"><c r="B2"><v>{BARE}</v></c></row></sheetData></worksheet>"#
    );
    let bytes = office_file(&[
        ("xl/workbook.xml", WORKBOOK.into()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.into()),
        ("xl/sharedStrings.xml", shared),
        ("xl/worksheets/sheet1.xml", staff),
        ("xl/worksheets/sheet2.xml", orders),
    ]);
    dir.create_bytes("book.xlsx", &bytes);
    let name = dir.name("book.xlsx");
    let scan = scan_jsonl(&[&name]);
    assert_eq!(scan.skip_reason(&name), None, "{:?}", scan.objects);
    assert_eq!(scan.object(&name)["format"], "xlsx");
    let got: Vec<(String, u64, u64, Option<String>)> = scan
        .findings_in(&name)
        .iter()
        .filter(|f| f["detector"] == SSN_ID)
        .map(|f| {
            (
                f["sheet"].as_str().unwrap().to_string(),
                f["row"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["column_name"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Staff".into(), 2, 2, Some("Social Security".into())),
            ("Staff".into(), 3, 5, None)
        ]
    );
}

#[test]
fn docx_and_pptx_text_is_scanned_by_paragraph_and_slide() {
    let dir = TestDir::new();
    let para = |t: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>");
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}{}{}</w:body></w:document>"#,
        para("Employee record"),
        para("Order number 7 &amp; notes"),
        para(&format!("SSN: {DASHED}"))
    );
    dir.create_bytes("letter.docx", &office_file(&[("word/document.xml", document)]));
    let name = dir.name("letter.docx");
    let scan = scan_jsonl(&[&name]);
    assert_eq!(scan.skip_reason(&name), None, "{:?}", scan.objects);
    assert_eq!(scan.object(&name)["format"], "docx");
    let f = scan
        .findings_in(&name)
        .into_iter()
        .find(|f| f["detector"] == SSN_ID)
        .cloned()
        .unwrap();
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(3), Some(6)));
    assert_eq!(
        f["offset"].as_u64(),
        Some(("Employee record\nOrder number 7 & notes\nSSN: ".len()) as u64)
    );

    let slide = |t: &str| {
        format!(
            r#"<p:sld xmlns:p="p" xmlns:a="a"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{t}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"#
        )
    };
    let deck = office_file(&[
        (
            "ppt/slides/slide2.xml",
            slide(&format!("Social security number {DASHED}")),
        ),
        ("ppt/slides/slide1.xml", slide("Welcome")),
        ("ppt/slides/slide10.xml", slide("Thanks")),
    ]);
    dir.create_bytes("deck.pptx", &deck);
    let name = dir.name("deck.pptx");
    let scan = scan_jsonl(&[&name]);
    let f = scan
        .findings_in(&name)
        .into_iter()
        .find(|f| f["detector"] == SSN_ID)
        .cloned()
        .unwrap();
    assert_eq!((f["page"].as_u64(), f["line"].as_u64()), (Some(2), Some(2)));
}

#[test]
fn broken_office_file_is_a_corrupt_skip() {
    let dir = TestDir::new();
    let bytes = office_file(&[("word/document.xml", "<w:document><w:body>".repeat(200))]);
    dir.create_bytes("cut.docx", &bytes[..bytes.len() / 2]);
    let name = dir.name("cut.docx");
    let scan = scan_jsonl(&[&name]);
    assert_eq!(
        scan.skip_reason(&name).as_deref(),
        Some("corrupt"),
        "{:?}",
        scan.objects
    );
}

/// A PDF with one page per entry of `pages`, each line of a page its own text object; with
/// `encrypt`, a trailer /Encrypt dictionary whose passwords the empty one does not open.
fn pdf_file(pages: &[&[&str]], encrypt: bool) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier"});
    let resources_id = doc.add_object(dictionary! {"Font" => dictionary! {"F1" => font_id}});
    let mut kids = Vec::new();
    for lines in pages {
        let mut operations = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            operations.extend([
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 12.into()]),
                Operation::new("Td", vec![72.into(), (700 - 20 * i as i64).into()]),
                Operation::new("Tj", vec![Object::string_literal(*line)]),
                Operation::new("ET", vec![]),
            ]);
        }
        let content = Content { operations }.encode().unwrap();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {"Type" => "Page", "Parent" => pages_id, "Contents" => content_id});
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    let pages = dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()]};
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog_id);
    if encrypt {
        let key = Object::String(vec![7; 32], lopdf::StringFormat::Hexadecimal);
        let encrypt_id = doc.add_object(
            dictionary! {"Filter" => "Standard", "V" => 2, "R" => 3, "Length" => 128,
            "O" => key.clone(), "U" => key.clone(), "P" => -4},
        );
        doc.trailer.set("Encrypt", encrypt_id);
        doc.trailer.set("ID", vec![key.clone(), key]);
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn pdf_text_is_scanned_page_by_page() {
    let dir = TestDir::new();
    let ssn_line = format!("SSN: {DASHED}");
    let bytes = pdf_file(&[&["Welcome", "Order 7"], &["Employee record", &ssn_line]], false);
    dir.create_bytes("record.pdf", &bytes);
    let name = dir.name("record.pdf");
    let scan = scan_jsonl(&[&name]);
    assert_eq!(scan.skip_reason(&name), None, "{:?}", scan.objects);
    assert_eq!(scan.object(&name)["format"], "pdf");
    let found: Vec<_> = scan
        .findings_in(&name)
        .into_iter()
        .filter(|f| f["detector"] == SSN_ID)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["page"], 2);
    // The extracted text is each page's lines in order: "Welcome\nOrder 7\nEmployee record\nSSN: ".
    let offset = "Welcome\nOrder 7\nEmployee record\nSSN: ".len() as u64;
    let f = found[0];
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64(), f["offset"].as_u64()),
        (Some(4), Some(6), Some(offset))
    );
}

#[test]
fn encrypted_and_broken_pdfs_are_skipped() {
    let dir = TestDir::new();
    let ssn_line = format!("SSN: {DASHED}");
    dir.create_bytes("locked.pdf", &pdf_file(&[&[&ssn_line]], true));
    let bytes = pdf_file(&[&[&ssn_line]], false);
    dir.create_bytes("cut.pdf", &bytes[..bytes.len() / 3]);
    let scan = scan_jsonl(&[&dir.name("locked.pdf"), &dir.name("cut.pdf")]);
    assert_eq!(
        scan.skip_reason(&dir.name("locked.pdf")).as_deref(),
        Some("encrypted"),
        "{:?}",
        scan.objects
    );
    assert_eq!(
        scan.skip_reason(&dir.name("cut.pdf")).as_deref(),
        Some("corrupt"),
        "{:?}",
        scan.objects
    );
    assert!(scan.findings.is_empty());
}
