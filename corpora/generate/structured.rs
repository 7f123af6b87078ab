//! Labelled structured files (CSV, JSON, Parquet, Avro, xlsx, docx, PDF) for the header-and-key-path keyword rule: bare nine-digit
//! SSNs under an `ssn` column or key are planted; the same kind of number under `order_id` is a
//! decoy that must not be found. Files go under `core/structured/`. Binary formats are written from
//! text lines by `Doc::binary`, line N being the format's row N, so labels keep `line` = `row`.

use super::{Doc, Fake, Generate, USA_SSN, plant};

/// Detector ids this family's files plant (all already in the core list).
pub(crate) const DETECTORS: &[&str] = &[];

/// This family's labelled files, in the order expected.jsonl lists them.
pub(crate) const FILES: &[(&str, Generate)] = &[
    ("core/structured/hr_export.csv", hr_export_csv),
    ("core/structured/claims.json", claims_json),
    ("core/structured/staff.parquet", staff_parquet),
    ("core/structured/members.avro", members_avro),
    ("core/structured/payroll.xlsx", payroll_xlsx),
    ("core/structured/hr_letters.docx", hr_letters_docx),
    ("core/structured/audit.pdf", audit_pdf),
];

/// A valid SSN's nine digits with no separators: found only by the name above it.
fn bare_ssn(f: &mut Fake) -> String {
    f.ssn().replace(['-', ' '], "")
}

/// Nine digits an SSN validator accepts, as an order number (no leading zero: a JSON number).
fn order_number(f: &mut Fake) -> String {
    format!("{:03}{:02}{:04}", f.int(100..=665), f.int(1..=99), f.int(1..=9999))
}

fn hr_export_csv(doc: &mut Doc, f: &mut Fake) {
    doc.line("employee_id,order_id,department,Social Security,notes");
    for i in 0..120 {
        doc.line(format!(
            "E{:05},{},{},{},{}",
            1000 + i,
            order_number(f),
            f.pick(&["sales", "ops", "finance", "support"]),
            plant(USA_SSN, &bare_ssn(f)),
            f.pick(&["", "remote", "\"part time, weekends\""])
        ));
    }
}

fn claims_json(doc: &mut Doc, f: &mut Fake) {
    doc.line("[");
    for i in 0..100 {
        let comma = if i < 99 { "," } else { "" };
        doc.line(format!(
            "  {{\"order_id\": {}, \"notes\": \"claim filed through the partner portal\", \"member\": {{\"ssn\": \"{}\"}}}}{comma}",
            order_number(f),
            plant(USA_SSN, &bare_ssn(f)),
        ));
    }
    doc.line("]");
}

/// Parquet rows as text lines, tab-separated: employee_id, order_id (an SSN-valid decoy, int64),
/// department, identity.ssn (a planted bare SSN under a nested `ssn` field). Line N is row N.
fn staff_parquet(doc: &mut Doc, f: &mut Fake) {
    doc.binary = Some(parquet_from_lines);
    for i in 0..100 {
        doc.line(format!(
            "E{:05}\t{}\t{}\t{}",
            2000 + i,
            order_number(f),
            f.pick(&["sales", "ops", "finance", "support"]),
            plant(USA_SSN, &bare_ssn(f)),
        ));
    }
}

fn parquet_from_lines(text: &str) -> Result<Vec<u8>, String> {
    use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
    use parquet::file::writer::SerializedFileWriter;
    let fail = |e: parquet::errors::ParquetError| format!("parquet: {e}");
    let schema = parquet::schema::parser::parse_message_type(
        "message staff {
            required binary employee_id (UTF8);
            required int64 order_id;
            required binary department (UTF8);
            required group identity { required binary ssn (UTF8); }
        }",
    )
    .map_err(fail)?;
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    let strings = |i: usize| -> Vec<ByteArray> { rows.iter().map(|r| ByteArray::from(r[i])).collect() };
    let orders: Vec<i64> = rows.iter().map(|r| r[1].parse().unwrap_or(0)).collect();
    let mut out = Vec::new();
    let mut writer =
        SerializedFileWriter::new(&mut out, std::sync::Arc::new(schema), Default::default()).map_err(fail)?;
    let mut group = writer.next_row_group().map_err(fail)?;
    let mut column = 0;
    while let Some(mut w) = group.next_column().map_err(fail)? {
        match column {
            1 => w.typed::<Int64Type>().write_batch(&orders, None, None),
            _ => w.typed::<ByteArrayType>().write_batch(&strings(column), None, None),
        }
        .map_err(fail)?;
        w.close().map_err(fail)?;
        column += 1;
    }
    group.close().map_err(fail)?;
    writer.close().map_err(fail)?;
    Ok(out)
}

/// Avro records as text lines, tab-separated: order_id (an SSN-valid decoy, long), channel,
/// member.ssn (a planted bare SSN under a nested record). Line N is record N.
fn members_avro(doc: &mut Doc, f: &mut Fake) {
    doc.binary = Some(avro_from_lines);
    for _ in 0..100 {
        doc.line(format!(
            "{}\t{}\t{}",
            order_number(f),
            f.pick(&["web", "phone", "branch"]),
            plant(USA_SSN, &bare_ssn(f)),
        ));
    }
}

fn avro_from_lines(text: &str) -> Result<Vec<u8>, String> {
    use apache_avro::types::Value;
    let schema = apache_avro::Schema::parse_str(
        r#"{"type": "record", "name": "enrolment", "fields": [
            {"name": "order_id", "type": "long"},
            {"name": "channel", "type": "string"},
            {"name": "member", "type": {"type": "record", "name": "member",
                "fields": [{"name": "ssn", "type": "string"}]}}]}"#,
    )
    .map_err(|e| format!("avro: {e}"))?;
    let mut writer =
        apache_avro::Writer::with_codec(&schema, Vec::new(), apache_avro::Codec::Deflate(Default::default()));
    for line in text.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        let record = Value::Record(vec![
            ("order_id".into(), Value::Long(cells[0].parse().unwrap_or(0))),
            ("channel".into(), Value::String(cells[1].into())),
            (
                "member".into(),
                Value::Record(vec![("ssn".into(), Value::String(cells[2].into()))]),
            ),
        ]);
        writer.append(record).map_err(|e| format!("avro: {e}"))?;
    }
    let mut bytes = writer.into_inner().map_err(|e| format!("avro: {e}"))?;
    // The writer picks a random sync marker (in the header and after each block, so the file's
    // last 16 bytes): replace it with a fixed one so the committed file is reproducible.
    let marker: Vec<u8> = bytes[bytes.len().saturating_sub(16)..].to_vec();
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(16).position(|w| w == marker.as_slice()) {
        bytes[at + i..at + i + 16].copy_from_slice(b"piiscan-corpus-1");
        at += i + 16;
    }
    Ok(bytes)
}

/// Sheet rows as text lines, tab-separated; line 1 is the header row, line N is sheet row N:
/// employee_id, order_id (an SSN-valid decoy number), Social Security (a planted bare SSN).
fn payroll_xlsx(doc: &mut Doc, f: &mut Fake) {
    doc.binary = Some(xlsx_from_lines);
    doc.line("employee_id\torder_id\tSocial Security\tteam");
    for i in 0..80 {
        doc.line(format!(
            "E{:05}\t{}\t{}\t{}",
            3000 + i,
            order_number(f),
            plant(USA_SSN, &bare_ssn(f)),
            f.pick(&["north", "south", "east", "west"]),
        ));
    }
}

/// A workbook of one sheet, "Payroll": numbers as number cells, other text as inline strings.
fn xlsx_from_lines(text: &str) -> Result<Vec<u8>, String> {
    let mut rows = String::new();
    for (r, line) in text.lines().enumerate() {
        rows.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in line.split('\t').enumerate() {
            let at = format!("{}{}", char::from(b'A' + c as u8), r + 1);
            if r > 0 && cell.parse::<u64>().is_ok() && !cell.starts_with('0') && c == 1 {
                rows.push_str(&format!("<c r=\"{at}\"><v>{cell}</v></c>"));
            } else {
                rows.push_str(&format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{cell}</t></is></c>"));
            }
        }
        rows.push_str("</row>");
    }
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    zip_parts(&[
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Payroll" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"<worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>"#),
        ),
    ])
}

/// Letter paragraphs, one a line: SSNs written with a keyword beside them, order numbers
/// (SSN-shaped decoys) with none.
fn hr_letters_docx(doc: &mut Doc, f: &mut Fake) {
    doc.binary = Some(docx_from_lines);
    for i in 0..60 {
        doc.line(format!("Case {} was reviewed by the benefits team on Monday.", 500 + i));
        doc.line(format!(
            "Reference order {} shipped to the regional office.",
            order_number(f)
        ));
        doc.line(format!("Employee social security number: {}", plant(USA_SSN, &f.ssn())));
    }
}

fn docx_from_lines(text: &str) -> Result<Vec<u8>, String> {
    let body: String = text
        .lines()
        .map(|l| format!("<w:p><w:r><w:t xml:space=\"preserve\">{l}</w:t></w:r></w:p>"))
        .collect();
    zip_parts(&[(
        "word/document.xml",
        format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        ),
    )])
}

fn zip_parts(parts: &[(&str, String)]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let fail = |e: &dyn std::fmt::Display| format!("zip: {e}");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .map_err(|e| fail(&e))?;
        zip.write_all(xml.as_bytes()).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

/// Report lines, 20 a page: a keyword and an SSN on some, SSN-shaped order numbers on others.
fn audit_pdf(doc: &mut Doc, f: &mut Fake) {
    doc.binary = Some(pdf_from_lines);
    for i in 0..50 {
        doc.line(format!("Order {} matched the ledger", order_number(f)));
        doc.line(format!(
            "Audit item {} was closed by the regional review board without further findings",
            100 + i
        ));
        doc.line(format!("Claimant SSN {}", plant(USA_SSN, &f.ssn())));
        doc.line("The claim file was archived after the quarterly reconciliation of accounts");
    }
}

fn pdf_from_lines(text: &str) -> Result<Vec<u8>, String> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Document, Object, Stream, dictionary};
    let lines: Vec<&str> = text.lines().collect();
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {"Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica"});
    let resources_id = doc.add_object(dictionary! {"Font" => dictionary! {"F1" => font_id}});
    let mut kids: Vec<Object> = Vec::new();
    for page in lines.chunks(20) {
        let mut operations = Vec::new();
        for (i, line) in page.iter().enumerate() {
            operations.extend([
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 11.into()]),
                Operation::new("Td", vec![60.into(), (780 - 30 * i as i64).into()]),
                Operation::new("Tj", vec![Object::string_literal(*line)]),
                Operation::new("ET", vec![]),
            ]);
        }
        let content = Content { operations }.encode().map_err(|e| format!("pdf: {e}"))?;
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        kids.push(
            doc.add_object(dictionary! {"Type" => "Page", "Parent" => pages_id, "Contents" => content_id})
                .into(),
        );
    }
    let count = kids.len() as i64;
    let pages = dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources_id,
    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()]};
    doc.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| format!("pdf: {e}"))?;
    Ok(out)
}
