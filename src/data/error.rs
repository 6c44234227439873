//! Problems found while loading a dataset. Every problem names the file, and where it can
//! the feature and the field, so a data editor can find it.

use crate::files::escape_controls;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// The feature's id, or its position ("#3") when it has no usable id.
    pub feature: Option<String>,
    pub field: Option<String>,
    /// line:column, for JSON syntax errors.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            feature: None,
            field: None,
            position: None,
            message: message.into(),
        }
    }

    #[must_use]
    pub fn feature(mut self, feature: impl Into<String>) -> Self {
        self.feature = Some(feature.into());
        self
    }

    #[must_use]
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.position = Some((line, column));
        self
    }
}

/// Control characters from a file (in an id, say) are shown escaped, never sent raw to a
/// terminal.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", escape_controls(&self.file))?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        if let Some(feature) = &self.feature {
            write!(f, ": feature '{}'", escape_controls(feature))?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field '{}'", escape_controls(field))?;
        }
        write!(f, ": {}", escape_controls(&self.message))
    }
}

/// All the problems of a dataset, found in one pass.
#[derive(Clone, Debug, Default, thiserror::Error)]
pub struct LoadReport {
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} problem(s) in the dataset:", self.problems.len())?;
        for p in &self.problems {
            writeln!(f, "  {p}")?;
        }
        Ok(())
    }
}

impl LoadReport {
    pub fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_name_file_feature_and_field_and_escape_controls() {
        let p = Problem::new("powers.json", "unknown power id 'x\u{1b}[2J'")
            .feature("so\u{7}ng")
            .field("color");
        assert_eq!(
            p.to_string(),
            "powers.json: feature 'so\\u{7}ng', field 'color': unknown power id 'x\\u{1b}[2J'"
        );
    }
}
