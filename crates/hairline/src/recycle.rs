//! Large buffers of the live pipeline, handed back when they are dropped and reused by the next
//! regeneration instead of being freed.
//!
//! Every edit rebuilds the density field and the dots: several megabytes of buffers for a large
//! design. Allocated afresh, every page of them is faulted in and zeroed by the kernel, which
//! `perf` measured as about a third of a regeneration (and it serialises the cores on the
//! kernel's memory locks, so a second thread gained nothing). A returned buffer keeps its pages.
//! Only a few buffers of each kind are kept, at most `BUDGET_BYTES` of each kind, so the memory
//! held here stays bounded: a couple of regenerations of a typical design, and after a whole
//! scalp at the densest (3 million dots) its largest buffers, so that editing it stays as quick
//! per dot as editing a small design (`cargo bench` measures the cost per dot up to 3 million).

use std::sync::Mutex;

/// Buffers kept per pool: a field or dot set in use, the one being built, and spares.
const KEEP: usize = 4;
/// Most bytes kept per pool: enough for a 3-million-dot design (a whole scalp at the densest) on
/// two cores, whose dot buffers are the set on screen, the one being built and the cores' halves
/// (72 + 72 + 2 x 36 MB); with less, each regeneration faulted in fresh pages and the cost per dot
/// doubled from 300k to 3 million dots. Held only after such a design; larger buffers go back to
/// the allocator.
const BUDGET_BYTES: usize = 224 << 20;

/// A pool of vectors of `T`.
pub struct Pool<T> {
    free: Mutex<Vec<Vec<T>>>,
}

impl<T: Copy> Pool<T> {
    pub const fn new() -> Self {
        Pool {
            free: Mutex::new(Vec::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Vec<T>>> {
        // A panic elsewhere while holding the lock leaves only spare buffers behind: still usable.
        self.free.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// An empty vector with room for at least `capacity` values: the smallest returned buffer
    /// that fits, else the largest one (grown), else a new one.
    pub fn take_empty(&self, capacity: usize) -> Vec<T> {
        let mut v = {
            let mut free = self.lock();
            let fits = (0..free.len())
                .filter(|&i| free[i].capacity() >= capacity)
                .min_by_key(|&i| free[i].capacity());
            let pick = fits.or_else(|| (0..free.len()).max_by_key(|&i| free[i].capacity()));
            pick.map(|i| free.swap_remove(i)).unwrap_or_default()
        };
        v.clear();
        v.reserve(capacity);
        v
    }

    /// A vector of `len` copies of `value`.
    pub fn take(&self, len: usize, value: T) -> Vec<T> {
        let mut v = self.take_empty(len);
        v.resize(len, value);
        v
    }

    /// Hands a buffer back for reuse.
    pub fn give(&self, v: Vec<T>) {
        let bytes = |v: &Vec<T>| v.capacity() * std::mem::size_of::<T>();
        if bytes(&v) == 0 || bytes(&v) > BUDGET_BYTES {
            return;
        }
        let mut free = self.lock();
        free.push(v);
        // Over the count or the budget: let the smallest go first, since the larger ones are
        // those a fresh allocation would fault in.
        while free.len() > KEEP || free.iter().map(bytes).sum::<usize>() > BUDGET_BYTES {
            if let Some(i) = (0..free.len()).min_by_key(|&i| free[i].capacity()) {
                free.swap_remove(i);
            }
        }
    }

    /// How many buffers are waiting to be reused.
    pub fn spare(&self) -> usize {
        self.lock().len()
    }
}

impl<T: Copy> Default for Pool<T> {
    fn default() -> Self {
        Self::new()
    }
}

pub static F32: Pool<f32> = Pool::new();
pub static F64: Pool<f64> = Pool::new();
pub static F32X4: Pool<[f32; 4]> = Pool::new();
pub static U16: Pool<u16> = Pool::new();
pub static BOOL: Pool<bool> = Pool::new();

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_returned_buffer_is_reused_and_refilled() {
        let pool: Pool<u32> = Pool::new();
        let mut v = pool.take(1000, 7);
        v[3] = 9;
        let ptr = v.as_ptr();
        pool.give(v);
        assert_eq!(pool.spare(), 1);
        let w = pool.take(800, 1);
        assert_eq!(w.as_ptr(), ptr, "the same allocation comes back");
        assert!(w.iter().all(|&x| x == 1), "and holds only the new values");
        assert_eq!(w.len(), 800);
        assert_eq!(pool.spare(), 0);
    }

    #[test]
    fn the_pool_stays_bounded() {
        let pool: Pool<u8> = Pool::new();
        for n in 1..=10 {
            pool.give(vec![0; n * 100]);
        }
        assert_eq!(pool.spare(), KEEP);
        // The largest are kept.
        assert!(pool.take_empty(0).capacity() >= 700);
        pool.give(vec![0; BUDGET_BYTES + 1]);
        assert!(pool.lock().iter().all(|v| v.capacity() <= BUDGET_BYTES));
        // Four buffers of a third of the budget would be over it: three are kept.
        let big: Pool<u8> = Pool::new();
        for _ in 0..4 {
            big.give(vec![0; BUDGET_BYTES / 3]);
        }
        assert_eq!(big.spare(), 3);
    }

    #[test]
    fn a_buffer_too_small_is_grown() {
        let pool: Pool<u16> = Pool::new();
        pool.give(vec![0; 10]);
        let v = pool.take(100, 3);
        assert_eq!(v, vec![3; 100]);
    }
}
