//! Path include/exclude globs (globset): which listed objects are scanned at all. Globs match an
//! object's path relative to the folder it was found under (or the path as given, for a file
//! named on the command line; the repository path for staged blobs), with `/` separators and no
//! leading `./`. `*` does not cross `/`; `**` does. A glob without `/` matches the file name at
//! any depth, as in `.gitignore` (`*.min.js` is `**/*.min.js`).
//!
//! Invariant: an object is scanned when it matches no exclude glob and, if include globs are
//! given, at least one of them; excluded objects are counted, never listed as findings or skips.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// Compiled include and exclude globs. The default lets everything through.
#[derive(Clone, Debug, Default)]
pub struct PathFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl PathFilter {
    /// Compiles the globs; the error names the glob that does not parse.
    pub fn new(include: &[String], exclude: &[String]) -> Result<PathFilter, String> {
        Ok(PathFilter {
            include: build(include)?,
            exclude: build(exclude)?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.include.is_none() && self.exclude.is_none()
    }

    /// Whether the object named `name`, found under command-line `target`, is scanned.
    pub fn allows(&self, name: &str, target: &str) -> bool {
        if self.is_empty() {
            return true;
        }
        let path = relative(name, target);
        if self.exclude.as_ref().is_some_and(|set| set.is_match(&path)) {
            return false;
        }
        self.include.as_ref().is_none_or(|set| set.is_match(&path))
    }
}

fn build(globs: &[String]) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut set = GlobSetBuilder::new();
    for text in globs {
        set.add(glob(text)?);
    }
    set.build().map(Some).map_err(|e| e.to_string())
}

fn glob(text: &str) -> Result<Glob, String> {
    let trimmed = text.trim_start_matches("./");
    let pattern = if trimmed.contains('/') {
        trimmed.trim_start_matches('/').to_string()
    } else {
        format!("**/{trimmed}")
    };
    GlobBuilder::new(&pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("path glob `{text}`: {e}"))
}

/// `name` relative to `target` when it lies under it (a folder target), else `name` as given;
/// `.` parts and repeated `/` dropped. Shared by the path globs and the baseline, so that
/// `piiscan scan .`, `piiscan scan /abs/repo` and `--staged` agree on an object's path.
pub fn relative(name: &str, target: &str) -> String {
    let below = match name.strip_prefix(target) {
        Some(rest) if name != target && (rest.starts_with('/') || target.ends_with('/')) => rest,
        _ => name,
    };
    let joined = below
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/");
    if joined.is_empty() {
        name.to_string()
    } else if below.starts_with('/') && below == name {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(include: &[&str], exclude: &[&str]) -> PathFilter {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        PathFilter::new(&own(include), &own(exclude)).unwrap()
    }

    #[test]
    fn globs_match_below_the_target_folder() {
        let f = filter(&[], &["tests/fixtures/**"]);
        assert!(!f.allows("/repo/tests/fixtures/a.txt", "/repo"));
        assert!(!f.allows("./tests/fixtures/a.txt", "."));
        assert!(!f.allows("tests/fixtures/a.txt", "(staged)"));
        assert!(f.allows("/repo/src/tests/fixtures/a.txt", "/repo"));
    }

    #[test]
    fn glob_without_slash_matches_the_name_at_any_depth() {
        let f = filter(&[], &["*.min.js"]);
        assert!(!f.allows("web/static/app.min.js", "web"));
        assert!(!f.allows("app.min.js", "app.min.js"));
        assert!(f.allows("web/app.js", "web"));
    }

    #[test]
    fn star_does_not_cross_folders_and_include_restricts() {
        let f = filter(&["data/*.csv"], &[]);
        assert!(f.allows("d/data/a.csv", "d"));
        assert!(!f.allows("d/data/old/a.csv", "d"));
        assert!(!f.allows("d/data/a.txt", "d"));
    }

    #[test]
    fn relative_paths_agree_across_ways_of_naming_the_folder() {
        assert_eq!(relative("./src/a.env", "."), "src/a.env");
        assert_eq!(relative("/repo/src/a.env", "/repo"), "src/a.env");
        assert_eq!(relative("/repo/src/a.env", "/repo/"), "src/a.env");
        assert_eq!(relative("src/a.env", "(staged)"), "src/a.env");
        assert_eq!(relative("/abs/file.txt", "/abs/file.txt"), "/abs/file.txt");
        assert_eq!(relative("./x//y.txt", "./x//y.txt"), "x/y.txt");
        assert_eq!(relative("-", "-"), "-");
        assert_eq!(relative("repository/x", "repo"), "repository/x");
    }

    #[test]
    fn bad_glob_is_named() {
        let err = PathFilter::new(&["a[".into()], &[]).unwrap_err();
        assert!(err.contains("a["), "{err}");
    }
}
