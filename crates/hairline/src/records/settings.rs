//! The library's settings (`library.json`): the clinic's name, how the report estimates time and
//! price, and its paper size. The report's aftercare and consent texts are plain text files in
//! `templates/` that the clinic edits to its own words.

use serde::{Deserialize, Serialize};

pub const SETTINGS_FILE: &str = "library.json";
pub const TEMPLATES_DIR: &str = "templates";
pub const AFTERCARE_FILE: &str = "aftercare.txt";
pub const CONSENT_FILE: &str = "consent.txt";

/// How a treatment is priced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceBasis {
    /// A fixed price for each session.
    #[default]
    PerSession,
    /// A price for each impression placed.
    PerImpression,
    /// A price for each cm² treated.
    PerCm2,
}

impl PriceBasis {
    pub const ALL: [PriceBasis; 3] = [
        PriceBasis::PerSession,
        PriceBasis::PerImpression,
        PriceBasis::PerCm2,
    ];
    pub fn label(self) -> &'static str {
        match self {
            PriceBasis::PerSession => "per session",
            PriceBasis::PerImpression => "per impression",
            PriceBasis::PerCm2 => "per cm² treated",
        }
    }
}

/// The report's paper.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Width and height in PDF points (1/72 inch).
    pub fn size_pt(self) -> (f64, f64) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
    pub fn from_name(name: &str) -> Option<Paper> {
        match name.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Printed at the top of every report page.
    pub clinic_name: String,
    pub clinic_address: String,
    pub practitioner: String,
    /// Impressions the practitioner places in an hour: the report's time estimate.
    pub impressions_per_hour: f64,
    pub price_basis: PriceBasis,
    /// The price per session, per impression or per cm², by `price_basis`.
    pub price: f64,
    /// ISO 4217 code or symbol, printed after each amount.
    pub currency: String,
    pub paper: Paper,
    /// Minutes without use after which the studio locks a library that has a passphrase;
    /// 0 locks it only on request and when the studio closes.
    pub lock_after_min: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            clinic_name: String::new(),
            clinic_address: String::new(),
            practitioner: String::new(),
            // Clinics quote 2-5 hours for a session of 10,000-15,000 impressions.
            impressions_per_hour: 3500.0,
            price_basis: PriceBasis::PerSession,
            price: 0.0,
            currency: "EUR".into(),
            paper: Paper::A4,
            lock_after_min: 10,
        }
    }
}

impl Settings {
    pub fn validate(&self) -> Result<(), super::RecordError> {
        let bad = super::invalid::<()>;
        if !(100.0..=50_000.0).contains(&self.impressions_per_hour) {
            return bad(
                "impressions_per_hour",
                format!("is {}: 100 to 50,000", self.impressions_per_hour),
            );
        }
        if self.lock_after_min > 240 {
            return bad(
                "lock_after_min",
                format!("is {}: 0 (never) to 240 minutes", self.lock_after_min),
            );
        }
        if !(0.0..=1e7).contains(&self.price) {
            return bad("price", format!("is {}: 0 to 10,000,000", self.price));
        }
        Ok(())
    }
}

/// The aftercare text a new library starts with; the clinic edits `templates/aftercare.txt`.
pub const DEFAULT_AFTERCARE: &str = "\
For the first 4 days: keep the treated area dry. No washing, no sweating (gym, sauna, steam), \
no swimming, and no direct sun. Do not scratch or pick the small scabs: they fall off by \
themselves around day 5-7.
From day 5: wash gently with lukewarm water and a mild shampoo; pat dry.
For 28 days: no sauna, steam room or swimming pool; wear a hat or sun cream (SPF 30+) in the sun.
Shave no earlier than day 5, with an electric razor or foil shaver; wet shaving from day 10.
The dots look darker at first and lighter around day 7 to 14 (the scabs take some pigment \
with them); the true healed result shows after 4 to 6 weeks. The next session is planned on it.
Call the clinic at once if you notice spreading redness, swelling, warmth, pus or fever.";

/// The consent text a new library starts with; the clinic edits `templates/consent.txt`.
pub const DEFAULT_CONSENT: &str = "\
I have discussed the design shown in this plan, including the hairline position, density and \
shade, and I agree to it. I understand that scalp micropigmentation is a cosmetic tattoo: the \
pigment is permanent but fades over the years, touch-ups may be needed every 2 to 6 years, and \
the healed result is lighter and may look slightly grey-blue compared with fresh work. I have \
told the practitioner about my medical history, allergies, medication and skin conditions. I \
have received the aftercare instructions and understand that following them affects the result. \
I consent to photographs of my scalp being taken and kept in my confidential client record.";
