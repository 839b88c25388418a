//! Work shared out over the machine's cores on plain threads.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `each` on every item, on as many threads as the machine has cores
/// (each with `stack` bytes of stack), each thread taking the next item
/// when it is free. Plain threads, not rayon's: typst's PDF writer yields
/// to rayon while it waits, and a rayon worker would then start another
/// document inside the first, and another, until the stack runs out.
pub fn each<T: Sync>(items: &[T], stack: usize, each: impl Fn(&T) + Sync) {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers.min(items.len()) {
            let work = || {
                while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                    each(item);
                }
            };
            std::thread::Builder::new()
                .stack_size(stack)
                .spawn_scoped(scope, work)
                .expect("a worker thread");
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_item_is_done_once() {
        let items: Vec<usize> = (0..1000).collect();
        let done = std::sync::Mutex::new(Vec::new());
        super::each(&items, 1 << 20, |&i| done.lock().unwrap().push(i));
        let mut done = done.into_inner().unwrap();
        done.sort();
        assert_eq!(done, items);
    }
}
