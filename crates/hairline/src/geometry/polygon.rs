use super::Point;

/// Squared distance from `p` to the segment `a`-`b`.
pub fn point_segment_distance_sq(p: Point, a: Point, b: Point) -> f64 {
    let ab = b - a;
    let len_sq = ab.length_sq();
    let t = if len_sq > 0.0 {
        ((p - a).dot(ab) / len_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p - (a + ab * t)).length_sq()
}

/// Absolute area of a simple polygon (shoelace formula); the polygon is implicitly closed.
pub fn polygon_area(points: &[Point]) -> f64 {
    if points.len() < 3 {
        return 0.0;
    }
    let mut twice = 0.0;
    for (i, &a) in points.iter().enumerate() {
        let b = points[(i + 1) % points.len()];
        twice += a.cross(b);
    }
    (twice * 0.5).abs()
}

/// Even-odd containment test.
pub fn polygon_contains(points: &[Point], p: Point) -> bool {
    let mut inside = false;
    let n = points.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (a, b) = (points[i], points[j]);
        if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
            inside = !inside;
        }
        j = i;
    }
    inside
}

fn segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool {
    let d1 = (b - a).cross(c - a);
    let d2 = (b - a).cross(d - a);
    let d3 = (d - c).cross(a - c);
    let d4 = (d - c).cross(b - c);
    ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
}

/// Whether two non-adjacent edges of the closed polygon cross. Quadratic, which is fine for the
/// hand-drawn polygons of a design (tens of points), and only run when a file is validated.
pub fn polygon_self_intersects(points: &[Point]) -> bool {
    let n = points.len();
    if n < 4 {
        return false;
    }
    for i in 0..n {
        let (a, b) = (points[i], points[(i + 1) % n]);
        for j in (i + 2)..n {
            if i == 0 && j == n - 1 {
                continue; // adjacent through the closing edge
            }
            let (c, d) = (points[j], points[(j + 1) % n]);
            if segments_cross(a, b, c, d) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Vec<Point> {
        vec![
            Point::new(0.0, 0.0),
            Point::new(2.0, 0.0),
            Point::new(2.0, 2.0),
            Point::new(0.0, 2.0),
        ]
    }

    #[test]
    fn area_and_containment_of_a_square() {
        assert_eq!(polygon_area(&square()), 4.0);
        assert!(polygon_contains(&square(), Point::new(1.0, 1.0)));
        assert!(!polygon_contains(&square(), Point::new(3.0, 1.0)));
    }

    #[test]
    fn bow_tie_is_self_intersecting_and_square_is_not() {
        let bow = vec![
            Point::new(0.0, 0.0),
            Point::new(2.0, 2.0),
            Point::new(2.0, 0.0),
            Point::new(0.0, 2.0),
        ];
        assert!(polygon_self_intersects(&bow));
        assert!(!polygon_self_intersects(&square()));
    }

    #[test]
    fn segment_distance_clamps_to_ends() {
        let d = point_segment_distance_sq(
            Point::new(3.0, 0.0),
            Point::new(0.0, 0.0),
            Point::new(1.0, 0.0),
        );
        assert_eq!(d, 4.0);
    }
}
