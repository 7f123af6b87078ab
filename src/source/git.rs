//! Staged blobs: what `git commit` is about to record, read from the index (not the working tree,
//! which may differ). Listing runs `git diff --cached --raw -z` (added, copied, modified and
//! renamed files) and `git cat-file --batch-check` for sizes; each blob is streamed from its own
//! `git cat-file blob OID`, so memory stays bounded and blobs are read in parallel.
//!
//! git runs in the current directory with the caller's environment, so `GIT_DIR` and
//! `GIT_INDEX_FILE` (set by git while hooks run, e.g. for `git commit -a`) are honoured. Objects
//! are named by their path in the repository. Invariant: every staged path is either an object or
//! a skip (submodules cannot be read as blobs).

use std::io::{self, Read, Write};
use std::process::{Child, ChildStdout, Command, Stdio};

use crate::error::Error;
use crate::skip::{Skip, SkipReason};
use crate::source::{Content, Listed, Object, ObjectKind};

/// The `target` of staged objects (rollups group by it).
pub const STAGED_TARGET: &str = "(staged)";

/// A staged entry: mode, blob id and repository path.
#[derive(Debug, PartialEq, Eq)]
struct Staged {
    mode: String,
    oid: String,
    path: String,
}

/// Lists the staged files (limited to `pathspecs` when any are given), in path order.
pub fn list_staged(pathspecs: &[String]) -> Result<Vec<Listed>, Error> {
    git(&["rev-parse", "--git-dir"], None)
        .map_err(|_| Error::Usage("--staged: the current folder is not inside a git repository".into()))?;
    let mut args = vec![
        "diff",
        "--cached",
        "--raw",
        "-z",
        "--no-abbrev",
        "--no-renames",
        "--no-ext-diff",
        "--diff-filter=ACMR",
        "--",
    ];
    args.extend(pathspecs.iter().map(String::as_str));
    let out = git(&args, None)?;
    let mut staged = parse_raw(&out)?;
    staged.sort_by(|a, b| a.path.cmp(&b.path));
    let blobs: Vec<&Staged> = staged.iter().filter(|s| s.mode != "160000").collect();
    let mut sizes = Vec::new();
    if !blobs.is_empty() {
        let input: String = blobs.iter().map(|s| format!("{}\n", s.oid)).collect();
        let out = git(&["cat-file", "--batch-check"], Some(input.as_bytes()))?;
        sizes = parse_sizes(&out, blobs.len())?;
    }
    let mut sizes = sizes.into_iter();
    Ok(staged
        .into_iter()
        .map(|s| {
            if s.mode == "160000" {
                return Listed::Skipped {
                    name: s.path,
                    target: STAGED_TARGET.into(),
                    skip: Skip::new(SkipReason::SpecialFile, "submodule (a commit, not a file) is not read"),
                };
            }
            Listed::Object(Object {
                name: s.path,
                target: STAGED_TARGET.into(),
                size: sizes.next().flatten(),
                kind: ObjectKind::GitBlob { oid: s.oid },
            })
        })
        .collect())
}

/// Runs git, returning its standard output; a failure names the command and git's message.
fn git(args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, Error> {
    let command = format!("git {}", args.join(" "));
    let mut child = Command::new("git")
        .args(args)
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Usage(format!("--staged needs git: cannot run `{command}`: {e}")))?;
    let writer = match (input, child.stdin.take()) {
        (Some(bytes), Some(mut stdin)) => {
            let bytes = bytes.to_vec();
            Some(std::thread::spawn(move || stdin.write_all(&bytes)))
        }
        _ => None,
    };
    let out = child
        .wait_with_output()
        .map_err(|e| Error::Usage(format!("`{command}` failed: {e}")))?;
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    if !out.status.success() {
        // git prints its whole usage after some errors: the first lines say what went wrong.
        let message = String::from_utf8_lossy(&out.stderr);
        let first: Vec<&str> = message.lines().take(3).collect();
        return Err(Error::Usage(format!(
            "--staged: `{command}` failed ({}): {}",
            out.status,
            first.join(" / ")
        )));
    }
    Ok(out.stdout)
}

/// Parses `git diff --raw -z` output: `:oldmode newmode oldoid newoid status\0path\0` (two paths
/// for renames and copies; the new one is last).
fn parse_raw(out: &[u8]) -> Result<Vec<Staged>, Error> {
    let mut fields = out.split(|&b| b == 0).filter(|f| !f.is_empty());
    let mut staged = Vec::new();
    while let Some(meta) = fields.next() {
        let meta = String::from_utf8_lossy(meta);
        let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let (Some(mode), Some(oid), Some(status)) = (parts.get(1), parts.get(3), parts.get(4)) else {
            return Err(Error::Usage(format!(
                "--staged: unexpected `git diff --raw` line: {meta}"
            )));
        };
        if status.starts_with('R') || status.starts_with('C') {
            fields.next();
        }
        let Some(path) = fields.next() else {
            return Err(Error::Usage(format!(
                "--staged: no path after `git diff --raw` line: {meta}"
            )));
        };
        staged.push(Staged {
            mode: mode.to_string(),
            oid: oid.to_string(),
            path: String::from_utf8_lossy(path).into_owned(),
        });
    }
    Ok(staged)
}

/// Parses `git cat-file --batch-check` output (`oid type size` a line), one size per blob.
fn parse_sizes(out: &[u8], expected: usize) -> Result<Vec<Option<u64>>, Error> {
    let sizes: Vec<Option<u64>> = String::from_utf8_lossy(out)
        .lines()
        .map(|line| line.split(' ').nth(2).and_then(|s| s.parse().ok()))
        .collect();
    if sizes.len() != expected {
        return Err(Error::Usage(format!(
            "--staged: `git cat-file --batch-check` answered {} lines for {expected} blobs",
            sizes.len()
        )));
    }
    Ok(sizes)
}

/// Opens a staged blob as a stream from `git cat-file blob OID`.
pub fn open_blob(oid: &str) -> Result<Content, Skip> {
    let mut child = Command::new("git")
        .args(["cat-file", "blob", oid])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Skip::new(SkipReason::ReadError, format!("cannot run git cat-file: {e}")))?;
    let Some(stdout) = child.stdout.take() else {
        return Err(Skip::new(SkipReason::ReadError, "git cat-file gave no output pipe"));
    };
    Ok(Content::Stream(Box::new(BlobReader { child, stdout })))
}

/// A blob's bytes; at the end, git's exit status turns into an error if it failed, so a blob that
/// could not be read is a skip, not a short clean object.
struct BlobReader {
    child: Child,
    stdout: ChildStdout,
}

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.stdout.read(buf)?;
        if n == 0 && !buf.is_empty() {
            let status = self.child.wait()?;
            if !status.success() {
                let mut message = String::new();
                if let Some(stderr) = self.child.stderr.as_mut() {
                    let _ = stderr.read_to_string(&mut message);
                }
                return Err(io::Error::other(format!(
                    "git cat-file failed ({status}): {}",
                    message.trim()
                )));
            }
        }
        Ok(n)
    }
}

impl Drop for BlobReader {
    fn drop(&mut self) {
        // An interrupted scan stops reading early: do not leave git running or a zombie behind.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_output_gives_mode_oid_and_new_path() {
        let a = "a".repeat(40);
        let z = "0".repeat(40);
        let out =
            format!(":000000 100644 {z} {a} A\0dir/new file.txt\0:100644 100644 {a} {a} R100\0old.txt\0moved.txt\0");
        let staged = parse_raw(out.as_bytes()).unwrap();
        assert_eq!(staged.len(), 2);
        assert_eq!(staged[0].path, "dir/new file.txt");
        assert_eq!(staged[0].mode, "100644");
        assert_eq!(staged[0].oid, a);
        assert_eq!(staged[1].path, "moved.txt");
    }

    #[test]
    fn batch_check_sizes_must_answer_every_blob() {
        let out = b"abc blob 12\ndef blob 0\n";
        assert_eq!(parse_sizes(out, 2).unwrap(), vec![Some(12), Some(0)]);
        assert!(parse_sizes(out, 3).is_err());
    }
}
