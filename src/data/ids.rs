//! Typed ids and the tables they index. An id is only ever made by the atlas that holds
//! its item (or checked against it with [`Table::get`] / [`Table::id_at`]), so ids of
//! one kind cannot be used for another, and a bad id from a user or a file is caught at
//! the edge instead of panicking deep inside a painter. Pure: no egui here.

use std::marker::PhantomData;

/// What every id type can do: be made from, and turned back into, a position.
pub trait Id: Copy + Eq + std::hash::Hash + Ord + std::fmt::Debug {
    /// The id of the item at `index`. Only [`Table`] and the loader should call this;
    /// anything else goes through [`Table::id_at`], which checks the range.
    fn from_index(index: usize) -> Self;
    /// The position of the item in its table.
    fn index(self) -> usize;
}

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(usize);

        impl Id for $name {
            fn from_index(index: usize) -> Self {
                Self(index)
            }
            fn index(self) -> usize {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}#{}", stringify!($name), self.0)
            }
        }
    };
}

define_id!(
    /// A region of the map (`regions.geojson`).
    RegionId
);
define_id!(
    /// A power (`powers.json`).
    PowerId
);
define_id!(
    /// An event (`events.json`).
    EventId
);
define_id!(
    /// A city, capital, pass or port (`places.geojson`).
    PlaceId
);
define_id!(
    /// A mountain range (`ranges.geojson`).
    RangeId
);
define_id!(
    /// A lesson tour.
    TourId
);
define_id!(
    /// A person named in events (`events.json`, `people`).
    PersonId
);

/// A vector indexed by one kind of id.
#[derive(Clone, Debug, PartialEq)]
pub struct Table<I, T> {
    items: Vec<T>,
    id: PhantomData<fn(I) -> I>,
}

impl<I, T> Default for Table<I, T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            id: PhantomData,
        }
    }
}

impl<I: Id, T> Table<I, T> {
    /// A table of `items`, the first with index 0.
    pub fn new(items: Vec<T>) -> Self {
        Self {
            items,
            id: PhantomData,
        }
    }

    /// The item with this id, if the id belongs to this table.
    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    /// The item with this id, mutably.
    pub fn get_mut(&mut self, id: I) -> Option<&mut T> {
        self.items.get_mut(id.index())
    }

    /// The id of the item at a raw position, if there is one (the checked edge).
    pub fn id_at(&self, index: usize) -> Option<I> {
        (index < self.items.len()).then(|| I::from_index(index))
    }

    /// Whether the id belongs to this table.
    pub fn contains(&self, id: I) -> bool {
        id.index() < self.items.len()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The items in order, mutably.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Every id, in order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + use<I, T> {
        (0..self.items.len()).map(I::from_index)
    }

    /// Ids with their items, in order.
    pub fn iter_ids(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator {
        self.items
            .iter()
            .enumerate()
            .map(|(i, t)| (I::from_index(i), t))
    }

    /// The id of the first item that matches.
    pub fn position(&self, pred: impl FnMut(&T) -> bool) -> Option<I> {
        self.items.iter().position(pred).map(I::from_index)
    }

    /// The id of the last item that matches.
    pub fn rposition(&self, pred: impl FnMut(&T) -> bool) -> Option<I> {
        self.items.iter().rposition(pred).map(I::from_index)
    }

    /// A table with the same ids and new items.
    pub fn map<U>(&self, f: impl FnMut(&T) -> U) -> Table<I, U> {
        Table::new(self.items.iter().map(f).collect())
    }

    /// The items as a slice (for code that does not care about ids).
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// Adds an item and returns its id.
    pub fn push(&mut self, item: T) -> I {
        self.items.push(item);
        I::from_index(self.items.len() - 1)
    }
}

impl<I: Id, T> std::ops::Index<I> for Table<I, T> {
    type Output = T;

    /// Ids are made by the table that holds their items, so they are in range; an id from
    /// elsewhere must be checked with [`Table::get`] first.
    #[expect(clippy::indexing_slicing, reason = "ids are made by their own table")]
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> std::ops::IndexMut<I> for Table<I, T> {
    #[expect(clippy::indexing_slicing, reason = "ids are made by their own table")]
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

impl<I: Id, T> FromIterator<T> for Table<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Self::new(iter.into_iter().collect())
    }
}

impl<'a, I: Id, T> IntoIterator for &'a mut Table<I, T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter_mut()
    }
}

impl<'a, I: Id, T> IntoIterator for &'a Table<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_checks_ids_from_outside() {
        let t: Table<RegionId, &str> = Table::new(vec!["yan", "kaifeng"]);
        let yan = t.id_at(0).expect("in range");
        assert_eq!(t[yan], "yan");
        assert!(t.id_at(2).is_none());
        assert!(t.get(RegionId::from_index(7)).is_none());
        assert_eq!(t.position(|r| *r == "kaifeng"), t.id_at(1));
        assert_eq!(t.ids().count(), 2);
    }
}
