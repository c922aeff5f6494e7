//! The top level of a single-file archive, shared by both loaders: an
//! object whose `articles` array goes to a loader-specific reader and whose
//! other members are kept as they are.

use serde::de::{self, MapAccess};
use serde_json::{Map, Value};

/// Reads the members of the first JSON object of a file. `articles` reads
/// the `articles` value. `Some(fields)` for an archive object, `None` for
/// an object with neither `articles` nor `format` (an article: the file is
/// JSON Lines); an object with `format` but no `articles` is an error.
pub(super) fn read_top<'de, A, F>(
    mut map: A,
    mut articles: F,
) -> Result<Option<Map<String, Value>>, A::Error>
where
    A: MapAccess<'de>,
    F: FnMut(&mut A) -> Result<(), A::Error>,
{
    let mut fields = Map::new();
    let mut has_articles = false;
    while let Some(key) = map.next_key::<String>()? {
        if key == "articles" {
            if has_articles {
                return Err(de::Error::duplicate_field("articles"));
            }
            has_articles = true;
            articles(&mut map)?;
        } else {
            fields.insert(key, map.next_value::<Value>()?);
        }
    }
    match (has_articles, fields.contains_key("format")) {
        (true, _) => Ok(Some(fields)),
        (false, true) => Err(de::Error::missing_field("articles")),
        (false, false) => Ok(None),
    }
}
