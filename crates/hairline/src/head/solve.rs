//! Levenberg-Marquardt over a handful of parameters, with a forward-difference Jacobian: the
//! registration has seven unknowns and a few dozen residuals, so a dense normal-equation solve
//! is both the simplest and the fastest way.

/// Minimises the sum of squares of `residuals(params, out)` from `start`. Returns the parameters
/// and the final sum of squares. `steps` gives each parameter's difference step.
pub fn least_squares(
    start: &[f64],
    steps: &[f64],
    max_iterations: usize,
    mut residuals: impl FnMut(&[f64], &mut Vec<f64>),
) -> (Vec<f64>, f64) {
    let n = start.len();
    let mut p = start.to_vec();
    let mut r = Vec::new();
    residuals(&p, &mut r);
    let mut cost: f64 = r.iter().map(|v| v * v).sum();
    let m = r.len();
    let mut jac = vec![0.0; m * n];
    let mut r2 = Vec::with_capacity(m);
    let mut lambda = 1e-3;
    for _ in 0..max_iterations {
        // Jacobian, column by column.
        for j in 0..n {
            let mut q = p.clone();
            q[j] += steps[j];
            residuals(&q, &mut r2);
            for i in 0..m {
                jac[i * n + j] = (r2[i] - r[i]) / steps[j];
            }
        }
        let mut jtj = vec![0.0; n * n];
        let mut jtr = vec![0.0; n];
        for i in 0..m {
            let row = &jac[i * n..][..n];
            for a in 0..n {
                jtr[a] += row[a] * r[i];
                for b in a..n {
                    jtj[a * n + b] += row[a] * row[b];
                }
            }
        }
        for a in 0..n {
            for b in 0..a {
                jtj[a * n + b] = jtj[b * n + a];
            }
        }
        let mut improved = false;
        while lambda < 1e12 {
            let mut a = jtj.clone();
            for d in 0..n {
                a[d * n + d] += lambda * jtj[d * n + d].max(1e-12);
            }
            let Some(delta) = solve_spd(&mut a, &jtr, n) else {
                lambda *= 10.0;
                continue;
            };
            let q: Vec<f64> = p.iter().zip(&delta).map(|(v, d)| v - d).collect();
            residuals(&q, &mut r2);
            let c: f64 = r2.iter().map(|v| v * v).sum();
            if c.is_finite() && c < cost {
                let gain = (cost - c) / cost.max(1e-300);
                p = q;
                std::mem::swap(&mut r, &mut r2);
                cost = c;
                lambda = (lambda * 0.3).max(1e-9);
                improved = gain > 1e-12;
                break;
            }
            lambda *= 10.0;
        }
        if !improved {
            break;
        }
    }
    (p, cost)
}

/// Solves `a x = b` for a symmetric positive definite `a` (n x n, overwritten) by Cholesky.
fn solve_spd(a: &mut [f64], b: &[f64], n: usize) -> Option<Vec<f64>> {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        if d <= 0.0 || !d.is_finite() {
            return None;
        }
        let d = d.sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i * n + k] * y[k];
        }
        y[i] = s / a[i * n + i];
    }
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= a[k * n + i] * y[k];
        }
        y[i] = s / a[i * n + i];
    }
    Some(y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_a_curve() {
        // y = a exp(b x) through exact samples.
        let xs: Vec<f64> = (0..20).map(|i| i as f64 * 0.1).collect();
        let (a, b) = (2.5, -1.3);
        let ys: Vec<f64> = xs.iter().map(|x| a * (b * x).exp()).collect();
        let (p, cost) = least_squares(&[1.0, 0.0], &[1e-7, 1e-7], 100, |p, out| {
            out.clear();
            out.extend(xs.iter().zip(&ys).map(|(x, y)| p[0] * (p[1] * x).exp() - y));
        });
        assert!(cost < 1e-12, "{cost}");
        assert!((p[0] - a).abs() < 1e-5 && (p[1] - b).abs() < 1e-5, "{p:?}");
    }
}
