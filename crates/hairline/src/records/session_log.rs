//! The session log: one file per entry in the client's `sessions/` folder, written once and never
//! changed. A correction is a new, dated entry that names the one it corrects; the log shows the
//! latest word on each session and keeps every earlier one.

use super::{RecordError, check_format, date, invalid};
use serde::{Deserialize, Serialize};

pub const SESSIONS_DIR: &str = "sessions";
const FORMAT: &str = "hairline-studio-session";

/// The needle used (pigment lot and needle are what a reaction is traced by).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Needle {
    /// Single point, 3-point round liner...
    pub kind: String,
    /// The maker's configuration code, e.g. "1RL" or "3RL".
    pub configuration: String,
    pub diameter_mm: f64,
}

/// The pigment used, with the lot the bottle was from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PigmentUsed {
    pub brand: String,
    pub shade: String,
    /// Share of pigment in the mix, 0-1.
    pub dilution: f64,
    pub lot: String,
}

/// When a photo was taken in the session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhotoWhen {
    #[default]
    Before,
    After,
}

/// A photo of the session, kept in the client's folder.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionPhoto {
    /// Relative to the client's folder.
    pub file: String,
    /// The view it shows: "front", "top", "left 90"... (the same views at every visit).
    pub view: String,
    pub when: PhotoWhen,
    /// The date the camera recorded, when its EXIF has one.
    pub taken: String,
}

/// One treatment session, as it was done.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogEntry {
    pub format: String,
    /// Its number in the log, from 1; also its file's name.
    pub entry: u32,
    /// When the entry was written (`YYYY-MM-DD HH:MM UTC`).
    pub recorded: String,
    /// The entry this one corrects, if it is a correction.
    pub corrects: Option<u32>,
    /// The day of the session, `YYYY-MM-DD`.
    pub date: String,
    /// Which session of the plan it was (1-based); 0 for a touch-up outside the plan.
    pub planned_session: u32,
    /// The design worked from, relative to the client's folder, and its variant.
    pub design: String,
    pub variant: String,
    pub zones: Vec<String>,
    /// What the design planned for this session, and what was done.
    pub impressions_planned: u64,
    pub impressions_done: u64,
    pub needle: Needle,
    pub pigment: PigmentUsed,
    /// Machine, stroke, voltage or speed: as the practitioner notes them.
    pub machine: String,
    pub duration_min: u32,
    pub notes: String,
    /// Redness, swelling, anything unexpected.
    pub reactions: String,
    pub photos: Vec<SessionPhoto>,
}

impl LogEntry {
    /// A blank entry for today.
    pub fn new() -> Self {
        LogEntry {
            format: FORMAT.into(),
            date: date::today(),
            ..Default::default()
        }
    }

    /// The entry's file name in `sessions/`.
    pub fn file_name(entry: u32) -> String {
        format!("{entry:04}.json")
    }

    pub fn validate(&self) -> Result<(), RecordError> {
        let bad = invalid::<()>;
        check_format(&self.format, FORMAT)?;
        if date::parse(&self.date).is_none() {
            return bad(
                "date",
                format!("\"{}\" is not a date (YYYY-MM-DD)", self.date),
            );
        }
        if !(0.0..=1.0).contains(&self.pigment.dilution) {
            return bad(
                "pigment.dilution",
                format!(
                    "is {}: a share of pigment from 0 to 1",
                    self.pigment.dilution
                ),
            );
        }
        if !(0.0..=2.0).contains(&self.needle.diameter_mm) {
            return bad(
                "needle.diameter_mm",
                format!(
                    "is {} mm: needles are tenths of a millimetre",
                    self.needle.diameter_mm
                ),
            );
        }
        if self.planned_session > 20 {
            return bad(
                "planned_session",
                format!("is {}: plans have a few sessions", self.planned_session),
            );
        }
        if let Some(c) = self.corrects
            && (c == 0 || (self.entry != 0 && c >= self.entry))
        {
            return bad(
                "corrects",
                format!("names entry {c}: a correction follows what it corrects"),
            );
        }
        for p in &self.photos {
            if !is_plain_relative(&p.file) {
                return bad(
                    "photos",
                    format!("\"{}\" is not a file inside the client's folder", p.file),
                );
            }
        }
        Ok(())
    }
}

/// A relative path that stays inside its folder (no `..`, no root, no drive).
pub fn is_plain_relative(path: &str) -> bool {
    let p = std::path::Path::new(path);
    !path.is_empty()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// The log as the practitioner reads it: each session's latest entry, in the order of the
/// sessions' dates, with what it replaced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionLog {
    /// Every entry, in the order written.
    pub entries: Vec<LogEntry>,
    /// Files in `sessions/` that could not be read, with why.
    pub problems: Vec<String>,
}

/// One session as it stands after its corrections.
#[derive(Clone, Debug, PartialEq)]
pub struct Current<'a> {
    pub entry: &'a LogEntry,
    /// The entries it replaced, oldest first.
    pub replaced: Vec<&'a LogEntry>,
}

impl SessionLog {
    /// The current version of each session, by date (then by entry).
    pub fn current(&self) -> Vec<Current<'_>> {
        let corrected: std::collections::HashSet<u32> =
            self.entries.iter().filter_map(|e| e.corrects).collect();
        let mut out: Vec<Current> = self
            .entries
            .iter()
            .filter(|e| !corrected.contains(&e.entry))
            .map(|e| {
                let mut replaced = Vec::new();
                let mut at = e.corrects;
                // Walk back the chain of corrections; a loop in hand-edited files stops it.
                while let Some(n) = at {
                    match self.entries.iter().find(|x| x.entry == n) {
                        Some(x) if replaced.len() < self.entries.len() => {
                            replaced.insert(0, x);
                            at = x.corrects;
                        }
                        _ => break,
                    }
                }
                Current { entry: e, replaced }
            })
            .collect();
        out.sort_by(|a, b| {
            (a.entry.date.as_str(), a.entry.entry).cmp(&(b.entry.date.as_str(), b.entry.entry))
        });
        out
    }

    /// The next entry's number.
    pub fn next_number(&self) -> u32 {
        self.entries.iter().map(|e| e.entry).max().unwrap_or(0) + 1
    }

    /// The latest session's date, if any.
    pub fn last_date(&self) -> Option<&str> {
        let entry = self.current().last()?.entry;
        Some(entry.date.as_str())
    }
}

/// The next appointment the plan asks for after the log's latest planned session: its date and
/// which session it is. `intervals_days[k]` is the wait before session k+1 (the plan's
/// `days_after_previous`). `None` when nothing is logged yet or the plan is done.
pub fn next_appointment(log: &SessionLog, intervals_days: &[u32]) -> Option<(u32, String)> {
    let current = log.current();
    let last = current
        .iter()
        .filter(|c| c.entry.planned_session > 0)
        .max_by_key(|c| (c.entry.planned_session, c.entry.date.clone()))?;
    let next = last.entry.planned_session + 1;
    let wait = *intervals_days.get(next as usize - 1)?;
    Some((next, date::add_days(&last.entry.date, i64::from(wait))?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: u32, date: &str, session: u32, corrects: Option<u32>) -> LogEntry {
        LogEntry {
            entry: n,
            date: date.into(),
            planned_session: session,
            corrects,
            ..LogEntry::new()
        }
    }

    #[test]
    fn a_correction_replaces_its_entry_and_keeps_it() {
        let log = SessionLog {
            entries: vec![
                entry(1, "2026-10-01", 1, None),
                entry(2, "2026-10-15", 2, None),
                entry(3, "2026-10-02", 1, Some(1)),
                entry(4, "2026-10-02", 1, Some(3)),
            ],
            problems: vec![],
        };
        let cur = log.current();
        assert_eq!(cur.len(), 2);
        assert_eq!(cur[0].entry.entry, 4);
        let replaced: Vec<u32> = cur[0].replaced.iter().map(|e| e.entry).collect();
        assert_eq!(replaced, [1, 3]);
        assert_eq!(log.next_number(), 5);
        assert_eq!(
            next_appointment(&log, &[0, 14, 21]),
            Some((3, "2026-11-05".into()))
        );
        assert_eq!(next_appointment(&log, &[0, 14]), None, "the plan is done");
        assert_eq!(log.last_date(), Some("2026-10-15"));
    }

    #[test]
    fn a_correction_loop_in_hand_edited_files_ends() {
        let log = SessionLog {
            entries: vec![
                entry(1, "2026-10-01", 1, Some(2)),
                entry(2, "2026-10-01", 1, Some(1)),
            ],
            problems: vec![],
        };
        // Both are corrected by the other: neither is current, and nothing hangs.
        assert!(log.current().is_empty());
    }

    #[test]
    fn photos_stay_inside_the_folder() {
        let mut e = LogEntry::new();
        e.entry = 1;
        e.photos.push(SessionPhoto {
            file: "../other/x.jpg".into(),
            ..Default::default()
        });
        assert!(e.validate().unwrap_err().to_string().contains("inside"));
        e.photos[0].file = "photos/2026-11-30/front.jpg".into();
        assert!(e.validate().is_ok());
        e.corrects = Some(1);
        assert!(e.validate().is_err(), "an entry cannot correct itself");
    }
}
