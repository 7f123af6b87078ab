//! `piiscan redact`: copies a stream to its output with every finding replaced (masked, tagged,
//! fingerprinted or removed) and every other byte unchanged. Orchestration like `scan`: source
//! (stdin, a file, a followed pipe) → decode (UTF-16 is redacted in UTF-8 and written back in
//! UTF-16) → detect (line-flushed windows, as live scans) → replacements from `redact`.
//!
//! Invariants: no byte of a value the engine confirms is written; bytes outside values are
//! written as read, in order; memory is bounded by the window. Replacements are built from a
//! small set of characters that are inert in CSV and JSON (no quote, delimiter, backslash or line
//! break is ever introduced); line breaks and delimiters inside a value are kept, in order, after
//! its replacement, so a CSV keeps its columns; in a JSON document a value that is a bare token
//! (a number) is replaced by a quoted string, so the document still parses.

use std::io::{self, BufWriter, Cursor, Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::decode::{self, SNIFF_LEN, Sniffed};
use crate::detect::catalog::{Category, Detector};
use crate::detect::window::{self, LineHold};
use crate::detect::{Engine, EngineOptions, Match, Scratch};
use crate::error::Error;
use crate::redact::{self, FingerprintKey};
use crate::source::stream::Cancellable;

/// What a value becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// Letters and digits become `*`, keeping the characters the detector's mask keeps (the last
    /// four of most identifiers): `***-**-4399`.
    #[default]
    Mask,
    /// The detector's id in angle brackets: `<USA_SOCIAL_SECURITY_NUMBER>`.
    Tag,
    /// The keyed fingerprint reports carry (HMAC-SHA256, hex): equal values stay equal.
    Hash,
    /// Nothing.
    Remove,
}

/// Options of redaction, gathered by `Config`.
#[derive(Clone, Debug)]
pub struct RedactOptions {
    pub mode: Mode,
    pub key: FingerprintKey,
    /// Bytes each window owns.
    pub window_size: usize,
}

/// Where the redacted copy goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Stdout,
    /// A file, written to a temporary file beside it and renamed into place at the end.
    File(PathBuf),
    /// Over the input file, atomically, keeping its permissions.
    InPlace,
}

/// Everything `piiscan redact` needs, built once from flags.
#[derive(Clone, Debug)]
pub struct Config {
    /// The input file; stdin when None.
    pub input: Option<PathBuf>,
    pub output: Output,
    pub detector_files: Vec<PathBuf>,
    pub engine: EngineOptions,
    pub redact: RedactOptions,
}

/// What one redaction did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Redacted {
    pub bytes_read: u64,
    /// Values replaced.
    pub replaced: u64,
    pub interrupted: bool,
}

/// Characters a replacement may contain besides ASCII letters and digits: inert in CSV (any of
/// the usual delimiters), JSON strings, shell-ish logs.
const SAFE: &[u8] = b"*<>_-.@:/+= #";
/// Bytes of a value that carry the structure around it: kept, in order, after the replacement.
const STRUCTURAL: &[u8] = b"\n\r,;\t|";

/// Runs `piiscan redact`: input to output, atomically for files. On cancellation a file output
/// is left untouched.
pub fn run(config: &Config, cancel: &AtomicBool) -> Result<Redacted, Error> {
    let engine = crate::scan::build_engine(&config.detector_files, &config.engine)?;
    let input_name = config
        .input
        .as_ref()
        .map_or_else(|| PathBuf::from("<stdin>"), Clone::clone);
    let (reader, live): (Box<dyn Read + Send + '_>, bool) = match &config.input {
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
            let live = is_pipe(&file);
            (Box::new(file), live)
        }
        None => {
            let stdin = std::fs::File::from(
                std::os::fd::AsFd::as_fd(&io::stdin())
                    .try_clone_to_owned()
                    .map_err(|e| Error::io(&input_name, e))?,
            );
            let live = is_pipe(&stdin);
            if live {
                (Box::new(Cancellable::new(Box::new(stdin), cancel)), true)
            } else {
                (Box::new(stdin), false)
            }
        }
    };
    let target = match (&config.output, &config.input) {
        (Output::Stdout, _) => None,
        (Output::File(path), _) => Some(path.clone()),
        (Output::InPlace, Some(path)) => Some(path.clone()),
        (Output::InPlace, None) => return Err(Error::Usage("--in-place needs an input file".into())),
    };
    let read_error = |e: io::Error| Error::io(&input_name, e);
    let Some(target) = target else {
        let mut out = BufWriter::with_capacity(256 * 1024, io::stdout().lock());
        let done = redact_stream(&engine, &config.redact, reader, &mut out, live, cancel).map_err(read_error)?;
        out.flush().map_err(|e| Error::io(Path::new("<stdout>"), e))?;
        return Ok(done);
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".piiscan-redact-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, e))?;
    let write_error = |e| Error::io(&target, e);
    let mut out = BufWriter::with_capacity(256 * 1024, temp.reopen().map_err(write_error)?);
    let done = redact_stream(&engine, &config.redact, reader, &mut out, live, cancel).map_err(read_error)?;
    if done.interrupted {
        return Ok(done);
    }
    out.flush().map_err(write_error)?;
    drop(out);
    // In place keeps the input's permissions; a new output file gets the usual 0644.
    let mode = match std::fs::metadata(&target) {
        Ok(meta) => meta.permissions(),
        Err(_) => std::os::unix::fs::PermissionsExt::from_mode(0o644),
    };
    temp.as_file().set_permissions(mode).map_err(write_error)?;
    temp.as_file().sync_all().map_err(write_error)?;
    temp.persist(&target).map_err(|e| write_error(e.error))?;
    Ok(done)
}

fn is_pipe(file: &std::fs::File) -> bool {
    use std::os::unix::fs::FileTypeExt;
    file.metadata().is_ok_and(|m| {
        let t = m.file_type();
        t.is_fifo() || t.is_socket() || t.is_char_device()
    })
}

/// Redacts `reader` into `writer`. With `live` (a pipe), what each flushed window settles is
/// written and flushed at once, so a redacted log keeps up with its source line by line. Binary
/// input is refused (an error of kind InvalidData): masking bytes inside a binary format would
/// silently corrupt it.
pub fn redact_stream(
    engine: &Engine,
    options: &RedactOptions,
    mut reader: Box<dyn Read + Send + '_>,
    writer: &mut dyn Write,
    live: bool,
    cancel: &AtomicBool,
) -> io::Result<Redacted> {
    let mut head = Vec::with_capacity(SNIFF_LEN);
    if live {
        head.resize(SNIFF_LEN, 0);
        let n = read_once(&mut reader, &mut head)?;
        head.truncate(n);
    } else {
        (&mut reader).take(SNIFF_LEN as u64).read_to_end(&mut head)?;
    }
    let sniffed = decode::sniff(&head);
    if let Sniffed::Binary(what) = sniffed {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the input looks binary ({what}); piiscan redact copies text only"),
        ));
    }
    let json = looks_like_json(&head);
    let reader = decode::text_reader(sniffed, Box::new(Cursor::new(head).chain(reader)));
    match sniffed {
        Sniffed::Utf16Le | Sniffed::Utf16Be => {
            let mut utf16 = Utf16Writer::new(writer, sniffed == Sniffed::Utf16Be)?;
            let done = redact_text(engine, options, reader, &mut utf16, live, json, cancel)?;
            utf16.finish()?;
            Ok(done)
        }
        _ => redact_text(engine, options, reader, writer, live, json, cancel),
    }
}

fn read_once(reader: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match reader.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// The walk over windows: replacements for the matches each window settles, the bytes between
/// them copied.
fn redact_text(
    engine: &Engine,
    options: &RedactOptions,
    mut reader: Box<dyn Read + Send + '_>,
    writer: &mut dyn Write,
    live: bool,
    json: bool,
    cancel: &AtomicBool,
) -> io::Result<Redacted> {
    let hold = LineHold::new(engine.detectors());
    let mut scratch = engine.new_scratch();
    let mut copier = Copier {
        engine,
        options,
        writer,
        emitted: 0,
        json: json.then(JsonStrings::default),
        replacement: Vec::new(),
        done: Redacted::default(),
        error: None,
    };
    let mut buf = Vec::new();
    let walked = window::line_windows(
        &mut reader,
        options.window_size,
        engine.overlap(),
        &mut buf,
        |w, flushed| {
            if cancel.load(Ordering::Relaxed) {
                return ControlFlow::Break(());
            }
            engine.scan_window(w.bytes, w.own.clone(), &mut scratch);
            let settled = if flushed {
                hold.settled(w.bytes, w.own.clone(), &scratch.matches)
            } else {
                w.own.end
            };
            // A line's own newline goes out with it: the next window owns it again only so that
            // a value at the start of the next line is seen with the byte before it, and no
            // single-line value contains a newline.
            let copy_to = if flushed && settled + 1 == w.own.end {
                w.own.end
            } else {
                settled
            };
            let flow = copier.window(w.bytes, w.base, settled, copy_to, &scratch);
            if flow.is_continue() && live && flushed {
                copier.flush();
            }
            flow.map_continue(|()| settled)
        },
    )?;
    if let Some(e) = copier.error {
        return Err(e);
    }
    let mut done = copier.done;
    match walked {
        ControlFlow::Continue(total) => done.bytes_read = total,
        ControlFlow::Break(()) => done.interrupted = true,
    }
    Ok(done)
}

/// Writes one stream's redacted copy, window by window.
struct Copier<'a> {
    engine: &'a Engine,
    options: &'a RedactOptions,
    writer: &'a mut dyn Write,
    /// Absolute offset up to which the output is written (replacements may reach past a
    /// window's settled end).
    emitted: u64,
    json: Option<JsonStrings>,
    replacement: Vec<u8>,
    done: Redacted,
    error: Option<io::Error>,
}

impl Copier<'_> {
    /// Writes the window's settled part: bytes up to each value that starts before `settled`,
    /// the value's replacement, then bytes up to `copy_to`. Values that overlap (an email inside
    /// a URL) are replaced once, as the longest of them.
    fn window(
        &mut self,
        bytes: &[u8],
        base: u64,
        settled: usize,
        copy_to: usize,
        scratch: &Scratch,
    ) -> ControlFlow<()> {
        let mut matches = scratch.matches.iter().filter(|m| m.start < settled).peekable();
        while let Some(first) = matches.next() {
            let mut chosen = first;
            let (mut start, mut end) = (first.value_start, first.value_end);
            while let Some(next) = matches.next_if(|n| n.value_start < end) {
                if next.value_end - next.value_start > chosen.value_end - chosen.value_start {
                    chosen = next;
                }
                start = start.min(next.value_start);
                end = end.max(next.value_end);
            }
            let start = start.max(self.emitted.saturating_sub(base) as usize);
            if end <= start {
                continue;
            }
            self.copy(bytes, base, base + start as u64)?;
            self.replace(chosen, &bytes[start..end])?;
            self.emitted = base + end as u64;
        }
        self.copy(bytes, base, base + copy_to as u64)
    }

    /// Copies input bytes from `emitted` up to absolute offset `to`.
    fn copy(&mut self, bytes: &[u8], base: u64, to: u64) -> ControlFlow<()> {
        if to <= self.emitted {
            return ControlFlow::Continue(());
        }
        let stretch = &bytes[(self.emitted - base) as usize..(to - base) as usize];
        if let Some(json) = &mut self.json {
            json.advance(stretch);
        }
        self.emitted = to;
        self.write(stretch)
    }

    fn replace(&mut self, m: &Match, value: &[u8]) -> ControlFlow<()> {
        let d = self.engine.detector(m.detector);
        let mut out = std::mem::take(&mut self.replacement);
        out.clear();
        let bare = self.json.as_ref().is_some_and(|j| !j.in_string);
        if bare {
            out.push(b'"');
        }
        replacement(d, value, self.options, &mut out);
        if bare {
            out.push(b'"');
        }
        out.extend(value.iter().filter(|b| STRUCTURAL.contains(b)));
        if let Some(json) = &mut self.json {
            json.advance(value);
        }
        self.done.replaced += 1;
        let flow = self.write(&out);
        self.replacement = out;
        flow
    }

    fn write(&mut self, bytes: &[u8]) -> ControlFlow<()> {
        match self.writer.write_all(bytes) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                self.error = Some(e);
                ControlFlow::Break(())
            }
        }
    }

    fn flush(&mut self) {
        if let Err(e) = self.writer.flush() {
            self.error.get_or_insert(e);
        }
    }
}

/// The replacement of one value, by mode, from `SAFE` characters only.
pub fn replacement(d: &Detector, value: &[u8], options: &RedactOptions, out: &mut Vec<u8>) {
    match options.mode {
        Mode::Mask => {
            let (keep_start, keep_end) = mask_keeps(d, value);
            for c in redact::mask(value, keep_start, keep_end).chars() {
                out.push(
                    if c.is_ascii() && (c.is_ascii_alphanumeric() || SAFE.contains(&(c as u8))) {
                        c as u8
                    } else {
                        b'*'
                    },
                );
            }
        }
        Mode::Tag => {
            out.push(b'<');
            out.extend(d.id().bytes().map(|b| if b.is_ascii_alphanumeric() { b } else { b'_' }));
            out.push(b'>');
        }
        Mode::Hash => {
            let exact = d.spec.category == Category::Credentials;
            out.extend_from_slice(options.key.fingerprint(&redact::normalize(value, exact)).as_bytes());
        }
        Mode::Remove => {}
    }
}

/// How many characters a mask keeps at each end: the detector's `mask`, else the rule reports
/// use for `masked` (four leading characters of long secrets, the last four of identifiers).
fn mask_keeps(d: &Detector, value: &[u8]) -> (usize, usize) {
    if let Some(m) = d.spec.mask {
        return (m.keep_start, m.keep_end);
    }
    let significant = value.iter().filter(|b| b.is_ascii_alphanumeric()).count();
    match d.spec.category {
        Category::Credentials if significant >= 16 => (4, 0),
        Category::Credentials => (0, 0),
        _ if significant >= 9 => (0, 4),
        _ if significant >= 6 => (0, 2),
        _ => (0, 0),
    }
}

/// Whether the input's first block starts a JSON document or JSON Lines (its first value parses,
/// or is cut only by the block's end).
fn looks_like_json(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let Some(first) = text.iter().find(|b| !b.is_ascii_whitespace()) else {
        return false;
    };
    if !matches!(first, b'{' | b'[') {
        return false;
    }
    let mut values = serde_json::Deserializer::from_slice(text).into_iter::<serde::de::IgnoredAny>();
    match values.next() {
        Some(Ok(_)) => true,
        Some(Err(e)) => e.is_eof(),
        None => false,
    }
}

/// Tracks whether the input is inside a JSON string, to tell a bare token from string content.
/// Resets at each line break: a raw line break is never inside a valid JSON string, so one stray
/// quote cannot confuse the rest of a JSON Lines stream.
#[derive(Debug, Default)]
struct JsonStrings {
    in_string: bool,
    escaped: bool,
}

impl JsonStrings {
    fn advance(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            if self.escaped {
                self.escaped = false;
                if rest[0] == b'\n' {
                    self.in_string = false;
                }
                rest = &rest[1..];
                continue;
            }
            let next = if self.in_string {
                memchr::memchr3(b'"', b'\\', b'\n', rest)
            } else {
                memchr::memchr2(b'"', b'\n', rest)
            };
            let Some(i) = next else { return };
            match rest[i] {
                b'"' => self.in_string = !self.in_string,
                b'\\' => self.escaped = true,
                _ => self.in_string = false,
            }
            rest = &rest[i + 1..];
        }
    }
}

/// Re-encodes the redacted UTF-8 text as UTF-16 (with a byte-order mark, as the input had).
struct Utf16Writer<'a> {
    inner: &'a mut dyn Write,
    big_endian: bool,
    /// The start of a UTF-8 sequence cut by a write boundary.
    pending: Vec<u8>,
    encoded: Vec<u8>,
}

impl<'a> Utf16Writer<'a> {
    fn new(inner: &'a mut dyn Write, big_endian: bool) -> io::Result<Utf16Writer<'a>> {
        inner.write_all(if big_endian { b"\xfe\xff" } else { b"\xff\xfe" })?;
        Ok(Utf16Writer {
            inner,
            big_endian,
            pending: Vec::new(),
            encoded: Vec::new(),
        })
    }

    fn encode(&mut self, text: &str) {
        self.encoded.clear();
        for unit in text.encode_utf16() {
            let bytes = if self.big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            self.encoded.extend_from_slice(&bytes);
        }
    }

    fn finish(mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let text = String::from_utf8_lossy(&self.pending).into_owned();
            self.encode(&text);
            self.inner.write_all(&self.encoded)?;
        }
        self.inner.flush()
    }
}

impl Write for Utf16Writer<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let (valid, skip) = match std::str::from_utf8(&self.pending) {
            Ok(s) => (s.len(), 0),
            Err(e) => (e.valid_up_to(), e.error_len().unwrap_or(0)),
        };
        let text = String::from_utf8_lossy(&self.pending[..valid + skip]).into_owned();
        self.encode(&text);
        self.inner.write_all(&self.encoded)?;
        self.pending.drain(..valid + skip);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::catalog;

    fn engine() -> Engine {
        Engine::new(catalog::load(&[] as &[&str]).unwrap(), &EngineOptions::default()).unwrap()
    }

    fn redact_with(mode: Mode, input: &[u8]) -> Vec<u8> {
        let options = RedactOptions {
            mode,
            key: FingerprintKey::new(b"test".to_vec()),
            window_size: 4 << 20,
        };
        let mut out = Vec::new();
        let cancel = AtomicBool::new(false);
        redact_stream(&engine(), &options, Box::new(input), &mut out, false, &cancel).unwrap();
        out
    }

    #[test]
    fn modes_replace_only_the_value() {
        let input = b"ssn: 536-90-4399\r\nnothing here\n";
        assert_eq!(redact_with(Mode::Mask, input), b"ssn: ***-**-4399\r\nnothing here\n");
        assert_eq!(
            redact_with(Mode::Tag, input),
            b"ssn: <USA_SOCIAL_SECURITY_NUMBER>\r\nnothing here\n"
        );
        assert_eq!(redact_with(Mode::Remove, input), b"ssn: \r\nnothing here\n");
        let hashed = redact_with(Mode::Hash, input);
        let expected = FingerprintKey::new(b"test".to_vec()).fingerprint(b"536904399");
        assert_eq!(hashed, format!("ssn: {expected}\r\nnothing here\n").as_bytes());
    }

    #[test]
    fn bare_json_numbers_become_strings() {
        let input = b"{\"ssn\": 536904399, \"note\": \"ssn 536-90-4399, ok\"}\n";
        let out = redact_with(Mode::Tag, input);
        let parsed: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(parsed["ssn"], "<USA_SOCIAL_SECURITY_NUMBER>");
        assert_eq!(parsed["note"], "ssn <USA_SOCIAL_SECURITY_NUMBER>, ok");
    }

    #[test]
    fn invalid_utf8_outside_values_is_kept() {
        let input = b"caf\xe9 \xff ssn: 536-90-4399 \xc3\n";
        assert_eq!(redact_with(Mode::Mask, input), b"caf\xe9 \xff ssn: ***-**-4399 \xc3\n");
    }

    #[test]
    fn utf16_is_redacted_in_utf16() {
        let encode = |s: &str| -> Vec<u8> {
            b"\xff\xfe"
                .iter()
                .copied()
                .chain(s.encode_utf16().flat_map(u16::to_le_bytes))
                .collect()
        };
        let out = redact_with(Mode::Mask, &encode("caf\u{e9} ssn: 536-90-4399\n"));
        assert_eq!(out, encode("caf\u{e9} ssn: ***-**-4399\n"));
    }

    #[test]
    fn json_strings_track_escapes_and_reset_at_line_breaks() {
        let mut j = JsonStrings::default();
        j.advance(b"{\"a\": \"x\\\"");
        assert!(j.in_string);
        j.advance(b" y\", \"b\": ");
        assert!(!j.in_string);
        j.advance(b"\"unterminated\n");
        assert!(!j.in_string);
    }

    #[test]
    fn looks_like_json_rejects_bracketed_log_lines() {
        assert!(looks_like_json(b"{\"a\": 1}\n{\"a\": 2}\n"));
        assert!(looks_like_json(b"[\n  {\"a\": \"cut off"));
        assert!(!looks_like_json(b"[2024-01-01 12:00:00] INFO started\n"));
        assert!(!looks_like_json(b"plain text"));
    }
}
