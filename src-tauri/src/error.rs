use serde::Serialize;

/// An error as it crosses to the UI: a stable machine-readable `code` and a
/// message written for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
}

impl CommandError {
    pub fn new(code: &'static str, err: impl Into<anyhow::Error>) -> Self {
        CommandError {
            code,
            message: format!("{:#}", err.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let err = CommandError::new("workspace_unreadable", anyhow::anyhow!("cannot read x"));
        assert_eq!(
            serde_json::to_string(&err).unwrap(),
            r#"{"code":"workspace_unreadable","message":"cannot read x"}"#
        );
    }
}
