//! `cargo bench --bench records`: listing the client library, beside its floor.
//!
//! Libraries of 250, 1,000 and 4,000 clients, each with 10 session-log entries, made in a
//! temporary folder. Listing (`Library::list`: every `client.json` read and checked, every
//! `sessions/` folder's names read for the count and the latest date) is timed beside a peer in
//! the same run: the same folders and files read raw, with no parsing, the floor of any listing
//! kept in folders. The target is 1,000 clients in under a second from a cold start; where the
//! machine lets the page cache be dropped (root, not in a container) a cold run is timed too.

use hairline::records::{ClientDetails, Library, LogEntry};
use std::path::Path;

mod common;
use common::{ms, time};

fn make_library(root: &Path, clients: usize) -> Library {
    let lib = Library::open(root).expect("library");
    for k in 0..clients {
        let folder = lib
            .add_client(&ClientDetails {
                contact: format!("client{k}@example.org"),
                skin_type: (k % 6 + 1) as u8,
                notes: "Norwood 5; wants a soft, natural hairline.".into(),
                ..ClientDetails::new(&format!("Client Number {k}"))
            })
            .expect("client");
        for s in 0..10u32 {
            folder
                .append(LogEntry {
                    date: hairline::records::date::add_days("2024-01-10", i64::from(s) * 20)
                        .expect("date"),
                    planned_session: s % 3 + 1,
                    impressions_planned: 9000,
                    impressions_done: 8900,
                    ..LogEntry::new()
                })
                .expect("entry");
        }
    }
    lib
}

/// The floor: every file the listing reads, read raw.
fn read_raw(lib: &Library) -> usize {
    let mut bytes = 0;
    for e in std::fs::read_dir(lib.clients_dir()).unwrap().flatten() {
        bytes += std::fs::read(e.path().join("client.json")).map_or(0, |b| b.len());
        bytes += std::fs::read_dir(e.path().join("sessions"))
            .map_or(0, |r| r.flatten().map(|x| x.file_name().len()).sum());
    }
    bytes
}

fn drop_caches() -> bool {
    // SAFETY of the measurement, not of memory: syncing first so nothing dirty is dropped.
    std::process::Command::new("sync").status().is_ok()
        && std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

fn main() {
    println!("client library listing (median of 7), beside reading the same files raw");
    for clients in [250, 1000, 4000] {
        let dir = tempfile::tempdir().expect("temp");
        let lib = make_library(dir.path(), clients);
        let listed = lib.list();
        assert_eq!(listed.clients.len(), clients);
        assert!(listed.problems.is_empty());
        assert_eq!(listed.clients[0].log_entries, 10);
        let list = time(7, || Library::open(dir.path()).expect("opens").list());
        let raw = time(7, || read_raw(&lib));
        let cold = drop_caches().then(|| {
            let t = std::time::Instant::now();
            let n = Library::open(dir.path())
                .expect("opens")
                .list()
                .clients
                .len();
            assert_eq!(n, clients);
            t.elapsed()
        });
        println!(
            "  {clients:>5} clients x 10 visits: list {:>7.1} ms, raw read {:>7.1} ms ({:.1}x the floor){}",
            ms(list),
            ms(raw),
            list.as_secs_f64() / raw.as_secs_f64(),
            cold.map_or_else(
                || "; cold start not measurable here (page cache cannot be dropped)".into(),
                |c| format!("; cold (page cache dropped) {:.1} ms", ms(c))
            )
        );
    }
}
