use super::*;

fn view(kind: &str) -> crate::design::View {
    crate::design::View {
        name: kind.into(),
        kind: kind.into(),
        photo: crate::design::PhotoRef {
            path: String::new(),
            width_px: 1000,
            height_px: 1000,
            sha256: String::new(),
        },
        focal_35mm: None,
        landmarks: Default::default(),
        outline: Vec::new(),
        pen_dots: Default::default(),
    }
}

/// Each kind of photo asks for what it shows, in its order; the top then for pen dots.
#[test]
fn each_kind_of_photo_asks_for_what_it_shows() {
    let mut side = view("left");
    assert_eq!(
        next_to_place(&side, None),
        Placing::Landmark(Landmark::Glabella)
    );
    side.landmarks
        .insert("glabella".into(), Point::new(1.0, 1.0));
    let next = next_to_place(&side, Some(Landmark::Glabella));
    assert_eq!(next, Placing::Landmark(Landmark::PupilLeft));
    // The right ear is never asked for in a left photo.
    for &l in ViewKind::Left.landmarks() {
        side.landmarks.insert(l.name().into(), Point::new(1.0, 1.0));
    }
    assert_eq!(
        next_to_place(&side, Some(Landmark::EarTopLeft)),
        Placing::Nothing
    );
    let mut top = view("top");
    for &l in ViewKind::Top.landmarks() {
        top.landmarks.insert(l.name().into(), Point::new(1.0, 1.0));
    }
    assert_eq!(
        next_to_place(&top, Some(Landmark::EarTopLeft)),
        Placing::PenDot(1)
    );
    top.pen_dots.insert(1, Point::new(2.0, 2.0));
    top.pen_dots.insert(3, Point::new(2.0, 2.0));
    assert_eq!(next_to_place(&top, None), Placing::PenDot(2));
}
