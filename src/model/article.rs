//! The archive data model: the types an archive file deserialises into.
//!
//! These types are the contract between loading (`model::whole_load`), layout
//! (`text`), the reader (`app`) and the importer (`import`). The JSON shape is
//! documented in `docs/format.md` and `docs/archive.schema.json`.

#[cfg(test)]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The format tag every single-file archive carries.
pub const FORMAT_TAG: &str = "bulletin-archive/1";

// Patterns for the generated JSON Schema (`docs/archive.schema.json`,
// generated and checked by the unit tests in `model::schema_tests`: the
// schema is derived in test builds only, so schemars is a dev-dependency);
// the loader's validation (`model::validate`) enforces the same rules.
/// Text that must hold at least one non-whitespace character.
#[cfg(test)]
const NOT_BLANK: &str = r"\S";
/// An id: one or more characters, none of them one that cannot be seen
/// (`text::sanitize::is_unseen`, within the BMP; ids are kept as given).
#[cfg(test)]
fn id_pattern() -> String {
    format!("^[^{}]+$", crate::text::sanitize::unseen_class())
}
/// A calendar date `YYYY-MM-DD` (validation also checks it exists).
#[cfg(test)]
const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// A whole archive: a title and its articles, in file order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Archive {
    #[cfg_attr(test, schemars(extend("const" = FORMAT_TAG)))]
    pub format: String,
    #[cfg_attr(test, schemars(regex(pattern = NOT_BLANK)))]
    pub title: String,
    /// Optional stable identity key (see `docs/format.md`): together with
    /// `title` it tells archives apart, so bookmarks of two archives that
    /// share article ids never mix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub articles: Vec<Article>,
    /// Fields this version does not know, kept so a rewrite loses nothing.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One article (a report, notice or district-level piece).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Article {
    #[cfg_attr(test, schemars(regex(pattern = id_pattern())))]
    pub id: String,
    #[cfg_attr(test, schemars(regex(pattern = NOT_BLANK)))]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The district (区) the article belongs to.
    #[cfg_attr(test, schemars(regex(pattern = NOT_BLANK)))]
    pub district: String,
    /// The subdistrict (街道, 镇, 乡 …); absent for district-level pieces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(regex(pattern = NOT_BLANK)))]
    pub subdistrict: Option<String>,
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, schemars(regex(pattern = DATE_PATTERN)))]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The issue or page the article appeared in, so sibling reports group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bulletin: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bylines: Vec<Byline>,
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub body: Vec<Block>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A credit line such as `记者 张改华` (role `记者`, name `张改华`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Byline {
    pub role: String,
    #[cfg_attr(test, schemars(regex(pattern = NOT_BLANK)))]
    pub name: String,
}

/// One block of an article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        #[cfg_attr(test, schemars(regex(pattern = NOT_BLANK)))]
        text: String,
    },
    Heading {
        #[cfg_attr(test, schemars(regex(pattern = NOT_BLANK)))]
        text: String,
    },
    Caption {
        #[cfg_attr(test, schemars(regex(pattern = NOT_BLANK)))]
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        credit: Option<String>,
    },
}

impl Block {
    /// The block's main text.
    pub fn text(&self) -> &str {
        match self {
            Block::Paragraph { text } | Block::Heading { text } | Block::Caption { text, .. } => {
                text
            }
        }
    }
}

impl Byline {
    /// `记者 张改华`: role and name joined by one space.
    pub fn display(&self) -> String {
        if self.role.is_empty() {
            self.name.clone()
        } else {
            format!("{} {}", self.role, self.name)
        }
    }
}
