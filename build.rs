//! Embeds every `detectors/**/*.toml` file into the binary as `(relative path, text)` pairs, and
//! each one's JSON form (`builtin_detectors_json.rs`, in the same order) for a faster start.
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = root.join("detectors");
    println!("cargo:rerun-if-changed=detectors");
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut code = String::from("&[\n");
    // The same files as JSON, which parses several times faster than TOML: every run parses the
    // whole catalogue. A file that does not parse here gets None, and the TOML text is parsed at
    // run time, where its error is reported with the detector's id.
    let mut json_code = String::from("&[\n");
    for (i, f) in files.iter().enumerate() {
        let json = std::fs::read_to_string(f)
            .ok()
            .and_then(|text| toml::from_str::<toml::Table>(&text).ok())
            .and_then(|table| serde_json::to_string(&table).ok());
        match json {
            Some(json) => {
                let path = out_dir.join(format!("builtin_detectors_{i}.json"));
                std::fs::write(&path, json).expect("OUT_DIR is writable");
                json_code.push_str(&format!("    Some(include_str!({:?})),\n", path.display().to_string()));
            }
            None => json_code.push_str("    None,\n"),
        }
    }
    json_code.push_str("]\n");
    std::fs::write(out_dir.join("builtin_detectors_json.rs"), json_code).expect("OUT_DIR is writable");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&dir)
            .expect("collected under detectors/")
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    code.push_str("]\n");
    std::fs::write(out_dir.join("builtin_detectors.rs"), code).expect("OUT_DIR is writable");
}
