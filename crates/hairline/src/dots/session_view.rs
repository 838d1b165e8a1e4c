//! Which sessions' impressions are shown, exported or listed: the same choice for the preview,
//! the images and the `dots` command.

/// Which sessions are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionView {
    /// Sessions 1..=k+1 (0-based k): the client's scalp after session k+1.
    Cumulative(usize),
    /// Only session k+1's impressions.
    Only(usize),
}

impl SessionView {
    pub fn label(self, count: usize) -> String {
        match self {
            SessionView::Cumulative(k) if k + 1 >= count => format!("All {count} sessions"),
            SessionView::Cumulative(k) => format!("After session {} of {count}", k + 1),
            SessionView::Only(k) => format!("Session {} of {count} alone", k + 1),
        }
    }
    pub fn shows(self, session: u8) -> bool {
        match self {
            SessionView::Cumulative(k) => (session as usize) <= k,
            SessionView::Only(k) => session as usize == k,
        }
    }
    /// The most recent session shown (the one that is fresh in a fresh look).
    pub fn latest(self) -> usize {
        match self {
            SessionView::Cumulative(k) | SessionView::Only(k) => k,
        }
    }
}
