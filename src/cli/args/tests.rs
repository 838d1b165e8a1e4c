use super::*;

fn args(s: &str) -> Vec<OsString> {
    s.split_whitespace().map(OsString::from).collect()
}

#[test]
fn parses_a_full_render_line() {
    let Ok(Command::Render(r)) = parse(&args(
        "render d.json -o o.png --variant Soft --session 2 --look aged --years 4 --before-after",
    )) else {
        panic!("not parsed")
    };
    assert_eq!(r.session, Some(2));
    assert_eq!(r.look, Look::Aged { years: 4.0 });
    assert!(r.before_after);
    assert_eq!(r.variant.as_deref(), Some("Soft"));
    let Ok(Command::Render(r)) = parse(&args("render d.json -o o.png --years 7 --look aged"))
    else {
        panic!("not parsed")
    };
    assert_eq!(r.look, Look::Aged { years: 7.0 }, "--years before --look");
    let Ok(Command::Render(r)) = parse(&args("render d.json -o o.png --look healing --days 9"))
    else {
        panic!("not parsed")
    };
    assert_eq!(r.look, Look::Healing { days: 9.0 });
}

#[test]
fn usage_errors_are_errors() {
    assert!(parse(&args("render d.json")).is_err());
    assert!(parse(&args("render d.json -o x.png --look purple")).is_err());
    assert!(parse(&args("render d.json -o x.png --session 0")).is_err());
    assert!(parse(&args("frobnicate")).is_err());
    assert_eq!(
        parse(&args("client.JPG")),
        Ok(Command::Studio {
            design: Some("client.JPG".into())
        }),
        "a photo opens the studio on a new design"
    );
    assert!(
        matches!(parse(&args("render --help")), Ok(Command::Print(h)) if h.contains("--quality"))
    );
    assert_eq!(parse(&[]), Ok(Command::Studio { design: None }));
    assert!(parse(&args("render d.json -o x.jpg --quality 0")).is_err());
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_are_kept_byte_for_byte() {
    use std::os::unix::ffi::OsStringExt;
    let design = OsString::from_vec(b"caf\xe9.json".to_vec());
    let out = OsString::from_vec(b"\xff.png".to_vec());
    let Ok(Command::Render(r)) =
        parse(&["render".into(), design.clone(), "-o".into(), out.clone()])
    else {
        panic!("not parsed")
    };
    assert_eq!(r.design.as_os_str(), design);
    assert_eq!(r.out.as_os_str(), out);
    assert_eq!(
        parse(std::slice::from_ref(&design)),
        Ok(Command::Studio {
            design: Some(design.into())
        })
    );
}
