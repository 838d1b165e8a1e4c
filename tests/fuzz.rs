//! Property-based fuzzing of the design loader: whatever bytes or values a file holds, loading
//! returns a design or an error and never panics; whatever it accepts, the engine can compute.
//! Inputs that once failed are kept in `tests/data/fuzz-corpus/` and replayed on every run.

mod common;

use hairline::design::parse_design;
use hairline::engine::compute;
use proptest::prelude::*;
use serde_json::Value;

fn sample_text() -> String {
    std::fs::read_to_string(common::root().join("designs/fut-scar-camouflage.json"))
        .expect("sample")
}

/// Loads `text`; if accepted, computes every variant and checks the dots are sane.
fn load_and_compute(text: &str) {
    if let Ok(d) = parse_design(text) {
        for v in 0..d.variants.len() {
            let c = compute(&d, v);
            assert!(
                c.dots
                    .dots
                    .iter()
                    .all(|x| x.x_px.is_finite() && x.y_px.is_finite() && x.diameter_mm > 0.0)
            );
            assert_eq!(c.stats.per_session.iter().sum::<usize>(), c.stats.total);
        }
    }
}

/// Every leaf of a JSON value, as a JSON pointer.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| leaves(x, format!("{at}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| leaves(x, format!("{at}/{i}"), out)),
        _ => out.push(at),
    }
}

fn any_json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        prop::sample::select(vec![
            0.0, -0.0, 1e-300, 1e300, -1.0, 0.5, 2.0, 200.0, 201.0, 1e9
        ])
        .prop_map(Value::from),
        "[a-z#0-9 ]{0,12}".prop_map(Value::from),
        Just(Value::Array(vec![])),
        Just(serde_json::json!([[0.0, 0.0]])),
        Just(serde_json::json!({})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn damaged_bytes_never_panic(cut in 0usize..4000, flips in prop::collection::vec((0usize..4000, any::<u8>()), 0..8)) {
        let mut bytes = sample_text().into_bytes();
        for (i, b) in flips {
            let n = bytes.len();
            bytes[i % n] = b;
        }
        bytes.truncate(bytes.len().saturating_sub(cut % 64 * (cut / 64 % 2)));
        let text = String::from_utf8_lossy(&bytes);
        load_and_compute(&text);
    }

    #[test]
    fn any_value_in_any_field_is_refused_or_computed(picks in prop::collection::vec((any::<prop::sample::Index>(), any_json_leaf()), 1..4)) {
        let mut v: Value = serde_json::from_str(&sample_text()).expect("json");
        let mut paths = Vec::new();
        leaves(&v, String::new(), &mut paths);
        for (idx, value) in picks {
            let p = idx.get(&paths).clone();
            if let Some(slot) = v.pointer_mut(&p) {
                *slot = value;
            }
        }
        load_and_compute(&v.to_string());
    }

    #[test]
    fn any_hairline_the_studio_can_draw_computes(points in prop::collection::vec((0.0f64..2400.0, 0.0f64..1800.0), 2..9), style in 0usize..6) {
        let mut d = common::sample("shaved-soft-hairline");
        let h = d.variants[0].hairline.as_mut().expect("hairline");
        h.points_px = points.into_iter().map(|(x, y)| hairline::geometry::Point::new(x, y)).collect();
        h.style = hairline::design::HairlineStyle::ALL[style];
        let c = compute(&d, 0);
        prop_assert_eq!(c.stats.per_session.iter().sum::<usize>(), c.stats.total);
    }
}

#[test]
fn the_regression_corpus_loads_without_panicking() {
    let dir = common::root().join("tests/data/fuzz-corpus");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        load_and_compute(&String::from_utf8_lossy(&bytes));
        n += 1;
    }
    assert!(n > 0, "the corpus is empty");
}
