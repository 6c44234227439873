//! The levels of detail the map has reached (`geometry::lod`), each built once. A level
//! costs a few milliseconds to build on detailed data (its fills are triangulated anew),
//! so it is built on a worker thread while the frames go on with the nearest level
//! already built, finer first; the first level, and every level in the web build (no
//! threads there), is built at once.

use crate::geometry::lod::{self, Level, Topology};
use std::collections::HashMap;
use std::sync::Arc;

#[cfg(not(target_arch = "wasm32"))]
type Pending = std::sync::mpsc::Receiver<Level>;

/// The levels built so far, and those being built.
#[derive(Default)]
pub struct Levels {
    ready: HashMap<i32, Arc<Level>>,
    #[cfg(not(target_arch = "wasm32"))]
    pending: HashMap<i32, Pending>,
}

/// Of the levels in `ready`, the one to draw while `want` is built: the nearest, a finer
/// one before a coarser one as far away.
fn nearest(ready: impl Iterator<Item = i32>, want: i32) -> Option<i32> {
    ready.min_by_key(|&i| (i.abs_diff(want), i < want))
}

impl Levels {
    /// The level `want`, or while it is being built the nearest one built: its index and
    /// the level. `ctx` is asked to repaint when a level is ready.
    pub fn get(
        &mut self,
        topology: &Arc<Topology>,
        want: i32,
        ctx: &egui::Context,
    ) -> (i32, Arc<Level>) {
        self.collect();
        if let Some(l) = self.ready.get(&want) {
            return (want, l.clone());
        }
        self.start(topology, want, ctx);
        if let Some(i) = nearest(self.ready.keys().copied(), want)
            && let Some(l) = self.ready.get(&i)
        {
            return (i, l.clone());
        }
        // Nothing to draw meanwhile: wait for it.
        let level = Arc::new(self.wait(topology, want));
        self.ready.insert(want, level.clone());
        (want, level)
    }

    /// Moves the levels the workers have finished to `ready`.
    #[cfg_attr(
        target_arch = "wasm32",
        expect(clippy::unused_self, reason = "no workers in the web build")
    )]
    fn collect(&mut self) {
        #[cfg(not(target_arch = "wasm32"))]
        self.pending.retain(|&i, rx| match rx.try_recv() {
            Ok(level) => {
                self.ready.insert(i, Arc::new(level));
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        });
    }

    /// Starts building a level on a worker thread, unless one is at it.
    #[cfg(not(target_arch = "wasm32"))]
    fn start(&mut self, topology: &Arc<Topology>, index: i32, ctx: &egui::Context) {
        if self.pending.contains_key(&index) {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let topology = topology.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("map-level".into())
            .spawn(move || {
                // The receiver is gone only when the map is; nothing to do then.
                tx.send(topology.level(lod::level_tolerance(index))).ok();
                ctx.request_repaint();
            });
        // Without a thread, `get` builds the level itself.
        if spawned.is_ok() {
            self.pending.insert(index, rx);
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn start(&mut self, topology: &Arc<Topology>, index: i32, _ctx: &egui::Context) {
        let level = topology.level(lod::level_tolerance(index));
        self.ready.insert(index, Arc::new(level));
    }

    /// The level, from its worker if one is at it, else built here.
    #[cfg_attr(
        target_arch = "wasm32",
        expect(clippy::unused_self, reason = "no workers in the web build")
    )]
    fn wait(&mut self, topology: &Topology, index: i32) -> Level {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(rx) = self.pending.remove(&index)
            && let Ok(level) = rx.recv()
        {
            return level;
        }
        topology.level(lod::level_tolerance(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_level_stands_in_finer_first() {
        assert_eq!(nearest([].into_iter(), 0), None);
        assert_eq!(nearest([-3, 2, 5].into_iter(), 0), Some(2));
        assert_eq!(nearest([-1, 1].into_iter(), 0), Some(1));
        assert_eq!(nearest([-1, 3].into_iter(), 0), Some(-1));
    }

    #[test]
    fn levels_arrive() {
        let topo = Arc::new(Topology::default());
        let ctx = egui::Context::default();
        let mut levels = Levels::default();
        // The first level is built at once.
        assert_eq!(levels.get(&topo, 0, &ctx).0, 0);
        // Another stands in for a level being built, until it is ready.
        let mut got = levels.get(&topo, 3, &ctx).0;
        assert!(got == 0 || got == 3);
        for _ in 0..1000 {
            if got == 3 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
            got = levels.get(&topo, 3, &ctx).0;
        }
        assert_eq!(got, 3);
    }
}
