//! What can be wrong with a design: shared by reading (`io`), checking (`validate`) and the
//! parameters' ranges (`params`), so none of them imports another for it.

/// What is wrong with a design file. Every message names the field or position it is about.
#[derive(Debug, thiserror::Error)]
pub enum DesignError {
    #[error("cannot read the file: {0}")]
    Read(std::io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("the file is {bytes} bytes; design files over {limit} bytes are refused")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("not a Hairline Studio design (field \"format\" is {0})")]
    NotADesign(String),
    #[error(
        "field \"version\": {found} was written by a newer Hairline Studio (this one reads up to {supported}); update the program"
    )]
    NewerVersion { found: u64, supported: u32 },
    #[error("field \"version\": {0}")]
    BadVersion(String),
    #[error("field \"{field}\": {message}")]
    Invalid { field: String, message: String },
}
