//! Whether a polygon crosses itself, in O(n log n): the Shamos-Hoey sweep. Edges enter an ordered
//! set (bottom to top) as a vertical line sweeping left to right reaches them and leave it when
//! it passes them; the leftmost crossing, if there is one, is between two edges that are
//! neighbours in that set at some moment, so only neighbours are ever tested. A design may hold
//! polygons of 100,000 points, where testing every pair of edges took 15 s or more.

use super::Point;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::ops::Bound::{Excluded, Unbounded};

/// An edge, its ends ordered left to right (then bottom to top).
#[derive(Clone, Copy, Debug)]
struct Edge {
    l: Point,
    r: Point,
    id: usize,
}

fn before(a: Point, b: Point) -> Ordering {
    a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y))
}

impl Edge {
    fn new(a: Point, b: Point, id: usize) -> Edge {
        if before(a, b) == Ordering::Greater {
            Edge { l: b, r: a, id }
        } else {
            Edge { l: a, r: b, id }
        }
    }

    /// Height at `x` (within the edge's span); a vertical edge's lower end.
    fn y_at(&self, x: f64) -> f64 {
        if self.r.x == self.l.x || x == self.l.x {
            self.l.y
        } else {
            self.l.y + (self.r.y - self.l.y) * (x - self.l.x) / (self.r.x - self.l.x)
        }
    }
}

/// Bottom-to-top order of two edges that both span some vertical line and do not cross: the
/// order where the later of them starts holds wherever both are, so it needs no sweep position.
/// Edges from one point are ordered by direction, then by index.
impl Ord for Edge {
    fn cmp(&self, other: &Edge) -> Ordering {
        if self.id == other.id {
            return Ordering::Equal;
        }
        let x = self.l.x.max(other.l.x);
        let by_height = self.y_at(x).total_cmp(&other.y_at(x));
        if by_height != Ordering::Equal {
            return by_height;
        }
        // Together at `x`: the one turning counter-clockwise (upward) from the other is above.
        let p = Point { x, y: self.y_at(x) };
        let turn = (self.r - p).cross(other.r - p);
        if turn > 0.0 {
            Ordering::Less
        } else if turn < 0.0 {
            Ordering::Greater
        } else {
            self.id.cmp(&other.id)
        }
    }
}

impl PartialOrd for Edge {
    fn partial_cmp(&self, other: &Edge) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Edge {
    fn eq(&self, other: &Edge) -> bool {
        self.id == other.id
    }
}

impl Eq for Edge {}

/// Whether two non-adjacent edges of the closed polygon cross (touching at a point or running
/// along each other is not crossing, as for [`super::polygon::segments_cross`]).
pub fn polygon_self_intersects(points: &[Point]) -> bool {
    let n = points.len();
    if n < 4 {
        return false;
    }
    let edges: Vec<Edge> = (0..n)
        .map(|i| Edge::new(points[i], points[(i + 1) % n], i))
        .collect();
    // Where each edge starts and ends; at one point, edges start before others end, so edges
    // meeting there are compared.
    let mut events: Vec<(Point, bool, usize)> = edges
        .iter()
        .flat_map(|e| [(e.l, true, e.id), (e.r, false, e.id)])
        .collect();
    events.sort_by(|a, b| before(a.0, b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let cross = |a: &Edge, b: &Edge| super::polygon::segments_cross(a.l, a.r, b.l, b.r);
    let mut active: BTreeSet<Edge> = BTreeSet::new();
    for (_, starts, id) in events {
        let e = edges[id];
        if starts {
            let below = active.range(..e).next_back();
            let above = active.range((Excluded(e), Unbounded)).next();
            if below.is_some_and(|b| cross(b, &e)) || above.is_some_and(|a| cross(a, &e)) {
                return true;
            }
            active.insert(e);
        } else {
            let below = active.range(..e).next_back().copied();
            let above = active.range((Excluded(e), Unbounded)).next().copied();
            if !active.remove(&e) {
                // Only edges touching in a degenerate way can leave the order inconsistent.
                active.retain(|a| a.id != id);
            }
            if let (Some(b), Some(a)) = (below, above)
                && cross(&b, &a)
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: every pair of non-adjacent edges tested.
    fn by_every_pair(points: &[Point]) -> bool {
        let n = points.len();
        (0..n).any(|i| {
            ((i + 2)..n).any(|j| {
                !(i == 0 && j == n - 1)
                    && super::super::polygon::segments_cross(
                        points[i],
                        points[(i + 1) % n],
                        points[j],
                        points[(j + 1) % n],
                    )
            })
        })
    }

    /// A small deterministic generator (xorshift), so failures repeat.
    fn rng(seed: &mut u64) -> f64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        (*seed >> 11) as f64 / (1u64 << 53) as f64
    }

    #[test]
    fn agrees_with_testing_every_pair_on_random_polygons() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        let (mut crossing, mut simple) = (0, 0);
        for case in 0..20_000 {
            let n = 4 + case % 12;
            // Half on a coarse grid: shared heights, vertical edges, points on edges.
            let grid = case % 2 == 0;
            let pts: Vec<Point> = (0..n)
                .map(|_| {
                    let (x, y) = (rng(&mut seed) * 10.0, rng(&mut seed) * 10.0);
                    if grid {
                        Point::new(x.floor(), y.floor())
                    } else {
                        Point::new(x, y)
                    }
                })
                .collect();
            let truth = by_every_pair(&pts);
            assert_eq!(polygon_self_intersects(&pts), truth, "{pts:?}");
            if truth { crossing += 1 } else { simple += 1 }
        }
        assert!(crossing > 1000 && simple > 1000, "{crossing} {simple}");
    }

    #[test]
    fn a_100000_point_polygon_is_checked_and_one_swapped_pair_found() {
        // A star: simple, with edges at every angle.
        let n = 100_000;
        let mut pts: Vec<Point> = (0..n)
            .map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                let r = if i % 2 == 0 { 1000.0 } else { 700.0 };
                Point::new(r * a.cos(), r * a.sin())
            })
            .collect();
        assert!(!polygon_self_intersects(&pts));
        pts.swap(500, 50_001);
        assert!(polygon_self_intersects(&pts));
        assert!(by_every_pair(&pts[..2000]) == polygon_self_intersects(&pts[..2000]));
    }
}
