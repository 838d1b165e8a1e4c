//! A client's details: `client.json` in the client's folder, the truth about who the folder is for.

use super::{RecordError, check_format, date, invalid};
use serde::{Deserialize, Serialize};

pub const CLIENT_FILE: &str = "client.json";
const FORMAT: &str = "hairline-studio-client";

/// Who the client is. Free text but for the dates and the skin type, which are checked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClientDetails {
    /// `hairline-studio-client`: tells a client file from any other JSON in the folder.
    pub format: String,
    pub name: String,
    /// `YYYY-MM-DD`, or empty when not given.
    pub date_of_birth: String,
    /// Telephone, e-mail: however the clinic reaches the client.
    pub contact: String,
    /// Fitzpatrick I-VI as 1-6; 0 when not recorded.
    pub skin_type: u8,
    pub hair_colour: String,
    pub notes: String,
    /// When the client was added, `YYYY-MM-DD`.
    pub created: String,
}

impl ClientDetails {
    pub fn new(name: &str) -> Self {
        ClientDetails {
            format: FORMAT.into(),
            name: name.trim().to_string(),
            created: date::today(),
            ..Default::default()
        }
    }

    /// What is wrong with the details, in words, or `Ok`.
    pub fn validate(&self) -> Result<(), RecordError> {
        let bad = invalid::<()>;
        check_format(&self.format, FORMAT)?;
        if self.name.trim().is_empty() {
            return bad("name", "is empty: every client has a name".into());
        }
        if self.skin_type > 6 {
            return bad(
                "skin_type",
                format!(
                    "is {}: Fitzpatrick types are 1 to 6 (0: not recorded)",
                    self.skin_type
                ),
            );
        }
        if !self.date_of_birth.is_empty() && date::parse(&self.date_of_birth).is_none() {
            return bad(
                "date_of_birth",
                format!("\"{}\" is not a date (YYYY-MM-DD)", self.date_of_birth),
            );
        }
        if !self.created.is_empty() && date::parse(&self.created).is_none() {
            return bad(
                "created",
                format!("\"{}\" is not a date (YYYY-MM-DD)", self.created),
            );
        }
        Ok(())
    }

    /// Whether the client matches what was typed in the search box: every word of it is in the
    /// name (or the contact), case and accents aside.
    pub fn matches(&self, query: &str) -> bool {
        let hay = fold(&format!("{} {}", self.name, self.contact));
        fold(query).split_whitespace().all(|w| hay.contains(w))
    }
}

/// Lower case without the commonest Latin accents, so "jose" finds "José".
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            c => c,
        })
        .collect()
}

/// A folder name a person can read: the name's letters and digits, then a short id that keeps two
/// clients of the same name apart. The folder keeps it when the name is later corrected.
pub fn folder_name(name: &str, unique: u64) -> String {
    let mut slug = String::new();
    for c in fold(name).chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.chars().count() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "client" } else { slug };
    format!("{slug}-{:06x}", unique & 0xff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_ignores_case_and_accents_and_word_order() {
        let c = ClientDetails::new("José Álvarez-Núñez");
        assert!(c.matches("jose"));
        assert!(c.matches("NUNEZ jose"));
        assert!(!c.matches("maria"));
        assert!(c.matches(""));
    }

    #[test]
    fn folder_names_are_readable_and_safe() {
        assert_eq!(folder_name("José Álvarez", 0xabc), "jose-alvarez-000abc");
        assert_eq!(folder_name("../../etc", 1), "etc-000001");
        assert_eq!(folder_name("   ", 2), "client-000002");
        assert_eq!(folder_name("דוד כהן", 3), "דוד-כהן-000003");
    }

    #[test]
    fn nonsense_details_are_named() {
        let mut c = ClientDetails::new("A");
        c.skin_type = 9;
        assert!(c.validate().unwrap_err().to_string().contains("skin_type"));
        let mut c = ClientDetails::new("A");
        c.date_of_birth = "1980-02-31".into();
        assert!(
            c.validate()
                .unwrap_err()
                .to_string()
                .contains("date_of_birth")
        );
        assert!(ClientDetails::new(" ").validate().is_err());
        assert!(ClientDetails::new("A").validate().is_ok());
    }
}
