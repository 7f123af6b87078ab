//! Labelled structured files (CSV, JSON, Parquet, Avro) for the header-and-key-path keyword rule: bare nine-digit
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
    writer.into_inner().map_err(|e| format!("avro: {e}"))
}
