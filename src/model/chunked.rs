//! A long list kept in chunks of a few thousand items, so that inserting or
//! removing one item in the middle moves one chunk instead of half the
//! list.
//!
//! The pairs table's rows (112 bytes each) and the filed claims (56 bytes
//! each) are such lists: at 200,000 links and 400,000 claims, deleting a
//! claim and undoing it moved about 22 MB through memory in flat vectors,
//! the largest part of that edit's frame (see BENCHMARKS.md, 10×). Here it
//! moves at most one chunk, and the chunks' starts are recounted (a few
//! hundred additions). Reading an item by place is a binary search over
//! those starts; a walk over every item reads the chunks front to back.
//!
//! Chunks are shared: a clone copies one pointer per chunk, and a change
//! to a chunk a clone still holds copies that chunk first. A sort of the
//! pairs table reads its rows on another thread that way.

use std::sync::Arc;

/// Items stay in chunks of at most this many (a full chunk splits in two).
const MOST: usize = 4096;

/// A list in chunks (see the module's doc). Chunks are never empty.
#[derive(Clone)]
pub struct Chunked<T> {
    chunks: Vec<Arc<Vec<T>>>,
    /// Where each chunk starts in the whole list.
    starts: Vec<usize>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            starts: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunked<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every item, in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> + Clone {
        self.chunks.iter().flat_map(|chunk| chunk.iter())
    }

    /// Every item, in order, a chunk at a time: a loop over each slice is
    /// tighter than [`Chunked::iter`] where every item counts.
    pub fn slices(&self) -> impl Iterator<Item = &[T]> {
        self.chunks.iter().map(|chunk| chunk.as_slice())
    }

    /// The items at places `from..to` (clamped to the list), in order.
    pub fn range(&self, from: usize, to: usize) -> impl Iterator<Item = &T> {
        let to = to.min(self.len);
        let from = from.min(to);
        let first = if from < self.len {
            self.chunk_of(from)
        } else {
            self.chunks.len()
        };
        self.chunks[first..]
            .iter()
            .flat_map(|chunk| chunk.iter())
            .skip(from - self.starts.get(first).copied().unwrap_or(from))
            .take(to - from)
    }

    pub fn get(&self, place: usize) -> Option<&T> {
        if place >= self.len {
            return None;
        }
        let chunk = self.chunk_of(place);
        self.chunks[chunk].get(place - self.starts[chunk])
    }

    /// The item with `key`, the list being sorted by `key_of`.
    pub fn find_by_key<K: Ord>(&self, key: &K, key_of: impl Fn(&T) -> K) -> Option<&T> {
        let chunk = self.chunk_by_key(key, &key_of);
        let items = self.chunks.get(chunk)?;
        let at = items.binary_search_by(|item| key_of(item).cmp(key)).ok()?;
        items.get(at)
    }

    /// Where an item with `key` is (`Ok`) or would go (`Err`), the list
    /// being sorted by `key_of`.
    pub fn binary_search_by_key<K: Ord>(
        &self,
        key: &K,
        key_of: impl Fn(&T) -> K,
    ) -> Result<usize, usize> {
        let chunk = self.chunk_by_key(key, &key_of);
        let Some(items) = self.chunks.get(chunk) else {
            return Err(self.len);
        };
        let start = self.starts[chunk];
        items
            .binary_search_by(|item| key_of(item).cmp(key))
            .map(|at| start + at)
            .map_err(|at| start + at)
    }

    /// The first chunk whose last item is not before `key`: it holds the
    /// item with `key` or the place it would go.
    fn chunk_by_key<K: Ord>(&self, key: &K, key_of: &impl Fn(&T) -> K) -> usize {
        self.chunks
            .partition_point(|c| c.last().is_some_and(|last| key_of(last) < *key))
    }

    /// The chunk holding `place` (which is below `len`).
    fn chunk_of(&self, place: usize) -> usize {
        self.starts.partition_point(|&start| start <= place) - 1
    }

    /// Puts the items of `other` at the end, moving its chunks whole.
    pub fn append(&mut self, other: Chunked<T>) {
        for chunk in other.chunks {
            self.starts.push(self.len);
            self.len += chunk.len();
            self.chunks.push(chunk);
        }
    }

    /// Sets the starts of `chunk` and every chunk after it.
    fn recount_from(&mut self, chunk: usize) {
        let mut start = match chunk.checked_sub(1) {
            Some(before) => self.starts[before] + self.chunks[before].len(),
            None => 0,
        };
        for (at, items) in self.chunks.iter().enumerate().skip(chunk) {
            self.starts[at] = start;
            start += items.len();
        }
    }
}

/// Changes: a chunk a clone still holds is copied before it changes.
impl<T: Clone> Chunked<T> {
    pub fn get_mut(&mut self, place: usize) -> Option<&mut T> {
        if place >= self.len {
            return None;
        }
        let chunk = self.chunk_of(place);
        let start = self.starts[chunk];
        Arc::make_mut(&mut self.chunks[chunk]).get_mut(place - start)
    }

    /// Puts `item` at the end.
    pub fn push(&mut self, item: T) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < MOST => Arc::make_mut(last).push(item),
            _ => {
                self.starts.push(self.len);
                let mut chunk = Vec::with_capacity(MOST);
                chunk.push(item);
                self.chunks.push(Arc::new(chunk));
            }
        }
        self.len += 1;
    }

    /// Puts `item` at `place` (0 to `len`), moving the items after it in
    /// its chunk only.
    ///
    /// # Panics
    /// When `place > len`, as `Vec::insert` does.
    pub fn insert(&mut self, place: usize, item: T) {
        assert!(place <= self.len, "insert at {place} of {}", self.len);
        if place == self.len {
            self.push(item);
            return;
        }
        let chunk = self.chunk_of(place);
        let start = self.starts[chunk];
        let items = Arc::make_mut(&mut self.chunks[chunk]);
        items.insert(place - start, item);
        self.len += 1;
        if items.len() > MOST {
            let back = items.split_off(MOST / 2);
            self.chunks.insert(chunk + 1, Arc::new(back));
            self.starts.insert(chunk + 1, 0);
        }
        self.recount_from(chunk);
    }

    /// Takes out the item at `place`, or `None` past the end.
    pub fn remove(&mut self, place: usize) -> Option<T> {
        if place >= self.len {
            return None;
        }
        let chunk = self.chunk_of(place);
        let start = self.starts[chunk];
        let items = Arc::make_mut(&mut self.chunks[chunk]);
        let item = items.remove(place - start);
        self.len -= 1;
        if items.is_empty() {
            self.chunks.remove(chunk);
            self.starts.remove(chunk);
        }
        self.recount_from(chunk);
        Some(item)
    }
}

/// Filled chunk by chunk, each chunk's room made at once.
impl<T: Clone> FromIterator<T> for Chunked<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut list = Chunked::default();
        items.into_iter().for_each(|item| list.push(item));
        list
    }
}

/// Equal items in the same order, wherever the chunks break.
impl<T: PartialEq> PartialEq for Chunked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<T: Eq> Eq for Chunked<T> {}

impl<T: std::fmt::Debug> std::fmt::Debug for Chunked<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests;
