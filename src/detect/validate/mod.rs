//! Validators: checksum and structural checks named from the detector files. Each function takes the
//! value exactly as matched (separators included) and says whether it is a genuine identifier.
//! Invariant: a validator never panics and never allocates on the heap, whatever bytes it is given.

/// A named check that a detector file can refer to with `validator = "name"`.
#[derive(Debug)]
pub struct Validator {
    pub name: &'static str,
    pub description: &'static str,
    pub check: fn(&[u8]) -> bool,
    /// For validators that know a finer Macie id from the value (IBAN's country).
    pub macie_id: Option<fn(&[u8]) -> Option<&'static str>>,
}

static VALIDATORS: &[Validator] = &[];

pub fn find(name: &str) -> Option<&'static Validator> {
    VALIDATORS.iter().find(|v| v.name == name)
}

pub fn names() -> Vec<&'static str> {
    VALIDATORS.iter().map(|v| v.name).collect()
}

pub fn all() -> &'static [Validator] {
    VALIDATORS
}
