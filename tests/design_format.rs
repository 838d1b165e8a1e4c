//! The design document: round trips, migration, and a clear refusal naming the field for every
//! kind of bad file.

mod common;

use hairline::design::{
    DesignError, FORMAT_VERSION, Layout, load_design, parse_design, save_design, to_json,
};
use serde_json::{Value, json};

fn sample_json() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(common::root().join("designs/shaved-soft-hairline.json"))
            .expect("sample"),
    )
    .expect("json")
}

/// Parses `v` and returns the error message, failing if it parses.
fn refusal(v: &Value) -> String {
    match parse_design(&v.to_string()) {
        Ok(_) => panic!("accepted a bad design: {v}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn every_sample_round_trips_through_json_and_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in common::sample_paths() {
        let d = common::load(&path);
        assert_eq!(
            parse_design(&to_json(&d)).expect("reparses"),
            d,
            "{}",
            path.display()
        );
        let out = dir.path().join("copy.json");
        save_design(&d, &out).expect("saves");
        assert_eq!(load_design(&out).expect("loads"), d, "{}", path.display());
    }
}

#[test]
fn saving_over_a_design_keeps_the_previous_version_as_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.json");
    let mut d = common::sample("crown-density");
    save_design(&d, &path).expect("first save");
    d.client.notes = "second visit".into();
    save_design(&d, &path).expect("second save");
    assert_eq!(
        load_design(&path).expect("loads").client.notes,
        "second visit"
    );
    let bak = load_design(&dir.path().join("d.json.bak")).expect("backup loads");
    assert_ne!(
        bak.client.notes, "second visit",
        "the backup is the previous version"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left behind");
}

#[test]
fn version_1_files_are_migrated() {
    let path = common::root().join("tests/data/v1-soft-hairline.json");
    let d = load_design(&path).expect("a version 1 file loads");
    assert_eq!(d.version, FORMAT_VERSION);
    assert_eq!(d.variants.len(), 1);
    let current = common::sample("shaved-soft-hairline");
    assert_eq!(d.variants[0].hairline, current.variants[0].hairline);
    assert_eq!(d.variants[0].zones, current.variants[0].zones);
    // Saved again, it is a current-version file that still names the layout it was made with.
    let v: Value = serde_json::from_str(&to_json(&d)).expect("json");
    assert_eq!(v["version"], json!(FORMAT_VERSION));
    assert_eq!(v["layout"], json!(1));
}

#[test]
fn a_file_from_before_layouts_keeps_layout_1_and_new_layouts_are_named() {
    let mut v = sample_json();
    assert_eq!(
        v["layout"],
        json!(2),
        "the bundled samples use the current layout"
    );
    v["version"] = json!(2);
    v.as_object_mut().expect("object").remove("layout");
    let d = parse_design(&v.to_string()).expect("a version 2 file loads");
    assert_eq!(
        d.layout,
        Layout::V1,
        "its dots stay the ones it was made with"
    );
    let saved: Value = serde_json::from_str(&to_json(&d)).expect("json");
    assert_eq!(saved["layout"], json!(1));
    let mut v = sample_json();
    v["layout"] = json!(3);
    let msg = refusal(&v);
    assert!(
        msg.contains("layout") && msg.contains("dot layout 3") && msg.contains("newer"),
        "{msg}"
    );
}

#[test]
fn newer_versions_are_refused_with_a_clear_message() {
    let mut v = sample_json();
    v["version"] = json!(FORMAT_VERSION + 1);
    let msg = refusal(&v);
    assert!(msg.contains("version") && msg.contains("newer"), "{msg}");
}

#[test]
fn malformed_files_are_refused() {
    for (text, expect) in [
        ("", "empty"),
        ("   \n", "empty"),
        ("{\"format\": \"hairline-studio-design\", \"vers", "JSON"),
        ("not json at all", "JSON"),
        ("[1, 2, 3]", "not a Hairline Studio design"),
        (
            "{\"format\": \"something-else\", \"version\": 2}",
            "not a Hairline Studio design",
        ),
        ("{\"format\": \"hairline-studio-design\"}", "version"),
        (
            "{\"format\": \"hairline-studio-design\", \"version\": \"two\"}",
            "version",
        ),
    ] {
        let msg = match parse_design(text) {
            Ok(_) => panic!("accepted {text:?}"),
            Err(e) => e.to_string(),
        };
        assert!(msg.contains(expect), "{text:?}: {msg}");
    }
}

/// Each bad value is refused with a message naming its field.
#[test]
fn invalid_values_are_refused_naming_the_field() {
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "/variants/0/zones/0/density_per_cm2",
            json!(-5.0),
            "variants[0].zones[0].density_per_cm2",
        ),
        (
            "/variants/0/zones/0/density_per_cm2",
            json!(5000.0),
            "variants[0].zones[0].density_per_cm2",
        ),
        (
            "/variants/0/zones/0/density_per_cm2",
            json!("dense"),
            "variants[0].zones[0].density_per_cm2",
        ),
        (
            "/variants/0/zones/0/feather_mm",
            json!(-1.0),
            "variants[0].zones[0].feather_mm",
        ),
        (
            "/variants/0/dots/needle_mm",
            json!(0.0),
            "variants[0].dots.needle_mm",
        ),
        (
            "/variants/0/dots/needle_mm",
            json!(25.0),
            "variants[0].dots.needle_mm",
        ),
        (
            "/variants/0/pigment/shade",
            json!("black"),
            "variants[0].pigment.shade",
        ),
        (
            "/variants/0/hairline/points_px",
            json!([[10.0, 10.0]]),
            "variants[0].hairline.points_px",
        ),
        (
            "/variants/0/hairline/points_px/2",
            json!([1.0e9, 5.0]),
            "variants[0].hairline.points_px[2]",
        ),
        (
            "/variants/0/hairline/style",
            json!("mullet"),
            "variants[0].hairline.style",
        ),
        (
            "/variants/0/hairline/transition_mm",
            json!(0.0),
            "variants[0].hairline.transition_mm",
        ),
        (
            "/variants/0/zones/0/shape/polygons/0",
            json!([[0.0, 0.0], [10.0, 10.0]]),
            "variants[0].zones[0].shape.polygons[0]",
        ),
        (
            "/variants/0/zones/0/shape/polygons/0",
            json!([[0.0, 0.0], [100.0, 0.0], [200.0, 0.0]]),
            "zero area",
        ),
        (
            "/variants/0/zones/0/shape/polygons/0",
            json!([[0.0, 0.0], [100.0, 100.0], [100.0, 0.0], [0.0, 100.0]]),
            "crosses itself",
        ),
        (
            "/variants/0/sessions/sessions",
            json!([]),
            "variants[0].sessions.sessions",
        ),
        (
            "/variants/0/sessions/sessions/0/share",
            json!(0.9),
            "shares add up",
        ),
        ("/calibration/b_px", json!([760.0, 1555.0]), "zero length"),
        ("/client/skin_type", json!(7), "client.skin_type"),
        (
            "/calibration/distance_mm",
            json!(0.0),
            "calibration.distance_mm",
        ),
        ("/photo/width_px", json!(0), "photo"),
        ("/photo/width_px", json!(4_000_000_000u64), "photo"),
        ("/active_variant", json!(7), "active_variant"),
        ("/variants", json!([]), "variants"),
    ];
    for (pointer, value, expect) in cases {
        let mut v = sample_json();
        *v.pointer_mut(pointer)
            .unwrap_or_else(|| panic!("no {pointer} in the sample")) = value.clone();
        let msg = refusal(&v);
        assert!(
            msg.contains(expect),
            "{pointer} = {value}: message {msg:?} does not mention {expect:?}"
        );
    }
}

#[test]
fn missing_and_unknown_fields_are_named() {
    let mut v = sample_json();
    v.as_object_mut().expect("object").remove("calibration");
    assert!(refusal(&v).contains("calibration"));
    let mut v = sample_json();
    v["variants"][0]["zones"][0]["densty"] = json!(3);
    let msg = refusal(&v);
    assert!(
        msg.contains("densty") && msg.contains("variants[0].zones[0]"),
        "{msg}"
    );
}

#[test]
fn a_missing_file_and_a_huge_file_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope.json");
    let msg = load_design(&missing).expect_err("missing").to_string();
    assert!(
        msg.contains("nope.json") && msg.contains("cannot read"),
        "{msg}"
    );
    let huge = dir.path().join("huge.json");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(65 * 1024 * 1024).expect("sparse file");
    let err = load_design(&huge).expect_err("huge");
    assert!(matches!(err.error, DesignError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("huge.json"));
}

#[test]
fn a_key_given_twice_is_refused_naming_the_key_and_its_line() {
    let text =
        std::fs::read_to_string(common::root().join("designs/crown-density.json")).expect("sample");
    // The second "seed" would silently win in a plain parse.
    let doubled = text.replacen("\"seed\":", "\"seed\": 1,\n  \"seed\":", 1);
    let line = doubled
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"seed\""))
        .nth(1)
        .expect("second seed")
        .0
        + 1;
    let msg = parse_design(&doubled).expect_err("refused").to_string();
    assert!(
        msg.contains("\"seed\" appears twice") && msg.contains(&format!("line {line}")),
        "{msg}"
    );
    // Inside a variant too.
    let nested = text.replacen("\"needle_mm\":", "\"needle_mm\": 0.3, \"needle_mm\":", 1);
    let msg = parse_design(&nested).expect_err("refused").to_string();
    assert!(msg.contains("\"needle_mm\" appears twice"), "{msg}");
}

#[test]
fn a_byte_order_mark_is_accepted_and_utf16_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        std::fs::read_to_string(common::root().join("designs/crown-density.json")).expect("sample");
    let bom = dir.path().join("bom.json");
    std::fs::write(&bom, format!("\u{feff}{text}")).expect("write");
    let d = load_design(&bom).expect("a UTF-8 byte-order mark is harmless");
    assert_eq!(d, common::sample("crown-density"));
    let utf16 = dir.path().join("utf16.json");
    let bytes: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&utf16, bytes).expect("write");
    let msg = load_design(&utf16).expect_err("refused").to_string();
    assert!(
        msg.contains("utf16.json") && msg.contains("UTF-16") && msg.contains("save it as UTF-8"),
        "{msg}"
    );
}

#[test]
fn a_damaged_design_points_to_its_backup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("client.json");
    let d = common::sample("crown-density");
    save_design(&d, &path).expect("save");
    save_design(&d, &path).expect("save again: keeps a backup");
    std::fs::write(&path, "{\"format\": \"hairline-stud").expect("damage");
    let msg = load_design(&path).expect_err("damaged").to_string();
    assert!(msg.contains("client.json.bak"), "{msg}");
    assert_eq!(
        load_design(&dir.path().join("client.json.bak")).expect("the backup opens"),
        d
    );
    let missing = load_design(&dir.path().join("nope.json")).expect_err("missing");
    assert!(
        missing.to_string().contains("check the file's name"),
        "{missing}"
    );
}

/// The format page's table of parameters is the one the program validates with.
#[test]
fn the_documented_ranges_are_the_validated_ones() {
    let doc = std::fs::read_to_string(common::root().join("docs/design-format.md")).expect("doc");
    let table = hairline::design::params::markdown_table();
    assert!(
        doc.contains(&table),
        "docs/design-format.md must contain this table (generated from src/design/params.rs):\n{table}"
    );
}

fn head_sample_json() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(common::root().join("designs/whole-scalp-head.json"))
            .expect("sample"),
    )
    .expect("json")
}

/// A head design's head and views are checked like the rest: a bad value is refused naming
/// its field, and a view without a head, an unknown landmark or kind, two views of one name.
#[test]
fn head_designs_are_refused_naming_the_field() {
    let cases: Vec<(&str, Value, &str)> = vec![
        ("/head/length_mm", json!(90.0), "head.length_mm"),
        ("/head/breadth_mm", json!(f64::NAN), "head.breadth_mm"),
        ("/head/pupils_mm", json!(120.0), "head.pupils_mm"),
        ("/head/map_mm_per_px", json!(0.0), "head.map_mm_per_px"),
        ("/views/0/kind", json!("sideways"), "views[0].kind"),
        ("/views/1/name", json!("front"), "names two views"),
        ("/views/0/focal_35mm", json!(2.0), "views[0].focal_35mm"),
        ("/views/0/photo/path", json!(""), "views[0].photo.path"),
        (
            "/views/0/landmarks/chin",
            json!([10.0, 10.0]),
            "\"chin\" is not a landmark",
        ),
        (
            "/views/0/landmarks/glabella",
            json!([1.0e9, 10.0]),
            "views[0].landmarks.glabella",
        ),
    ];
    for (pointer, value, needle) in cases {
        let mut v = head_sample_json();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        v.pointer_mut(parent)
            .unwrap_or_else(|| panic!("{pointer}"))
            .as_object_mut()
            .unwrap()
            .insert(key.to_string(), value);
        let message = refusal(&v);
        assert!(message.contains(needle), "{pointer}: {message}");
    }
    let mut v = head_sample_json();
    v["head"]["length_mm"] = json!(160.0);
    v["head"]["breadth_mm"] = json!(175.0);
    assert!(refusal(&v).contains("look swapped"));
    let mut v = head_sample_json();
    v.as_object_mut().unwrap().remove("head");
    v["photo"]["path"] = json!("photo.jpg");
    assert!(refusal(&v).contains("need the design's `head`"));
}

/// A head design's frame is its scalp map whatever the file says of it, and a version 3 file
/// (no head) opens as the design on one photo it was.
#[test]
fn a_head_designs_frame_follows_its_head() {
    let mut v = head_sample_json();
    v["photo"]["width_px"] = json!(10);
    v["calibration"]["distance_mm"] = json!(55.0);
    let d = parse_design(&v.to_string()).expect("opens");
    let sample = common::sample("whole-scalp-head");
    assert_eq!(d.photo, sample.photo);
    assert_eq!(d.calibration, sample.calibration);
    assert!((d.calibration.mm_per_px() - 0.1).abs() < 1e-12);
    let mut old = sample_json();
    old["version"] = json!(3);
    let d = parse_design(&old.to_string()).expect("version 3 opens");
    assert!(d.head.is_none() && d.views.is_empty());
    let saved: Value = serde_json::from_str(&to_json(&d)).expect("json");
    assert_eq!(
        saved["version"],
        json!(FORMAT_VERSION),
        "and is saved as version 4"
    );
    assert!(saved.get("head").is_none() && saved.get("views").is_none());
}
