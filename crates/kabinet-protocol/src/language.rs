//! The languages of texts: the user's choice in the app, and what a document or a report is
//! asked in. A parameter of what is made, never a setting either end reads behind its back.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Ru,
}
