use proptest::prelude::*;

use super::*;

/// One change to a list, its place taken modulo the list's length.
#[derive(Clone, Debug)]
enum Change {
    Insert(usize, u32),
    Remove(usize),
    Push(u32),
    Set(usize, u32),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (any::<usize>(), any::<u32>()).prop_map(|(at, v)| Change::Insert(at, v)),
        any::<usize>().prop_map(Change::Remove),
        any::<u32>().prop_map(Change::Push),
        (any::<usize>(), any::<u32>()).prop_map(|(at, v)| Change::Set(at, v)),
    ]
}

/// Applies `change` to both lists alike.
fn apply(change: &Change, chunked: &mut Chunked<u32>, flat: &mut Vec<u32>) {
    match *change {
        Change::Insert(at, value) => {
            let at = at % (flat.len() + 1);
            chunked.insert(at, value);
            flat.insert(at, value);
        }
        Change::Remove(at) if !flat.is_empty() => {
            let at = at % flat.len();
            assert_eq!(chunked.remove(at), Some(flat.remove(at)));
        }
        Change::Remove(at) => assert_eq!(chunked.remove(at), None),
        Change::Push(value) => {
            chunked.push(value);
            flat.push(value);
        }
        Change::Set(at, value) if !flat.is_empty() => {
            let at = at % flat.len();
            *chunked.get_mut(at).unwrap() = value;
            flat[at] = value;
        }
        Change::Set(..) => {}
    }
}

/// Every read of `chunked` agrees with `flat`.
fn assert_same(chunked: &Chunked<u32>, flat: &[u32]) {
    assert_eq!(chunked.len(), flat.len());
    assert!(chunked.iter().eq(flat.iter()));
    assert!(chunked.slices().flatten().eq(flat.iter()));
    for (at, value) in flat.iter().enumerate() {
        assert_eq!(chunked.get(at), Some(value));
    }
    assert_eq!(chunked.get(flat.len()), None);
    assert!(
        chunked
            .chunks
            .iter()
            .all(|c| !c.is_empty() && c.len() <= MOST)
    );
}

/// The first `len` even numbers: sorted, with a gap for a missing key
/// beside each.
fn evens(len: usize) -> Vec<u32> {
    (0..len as u32).map(|n| n * 2).collect()
}

#[test]
fn insertions_in_the_middle_split_full_chunks_and_keep_the_order() {
    let mut flat = evens(3 * MOST);
    let mut chunked: Chunked<u32> = flat.iter().copied().collect();
    assert_eq!(chunked.chunks.len(), 3);
    for n in 0..MOST as u32 {
        let at = MOST + (n as usize % 7);
        chunked.insert(at, n);
        flat.insert(at, n);
    }
    assert!(chunked.chunks.len() > 3, "a full chunk was split");
    assert_same(&chunked, &flat);
}

#[test]
fn removing_a_whole_chunk_leaves_no_empty_chunk() {
    let mut flat = evens(2 * MOST + 5);
    let mut chunked: Chunked<u32> = flat.iter().copied().collect();
    for _ in 0..MOST {
        assert_eq!(chunked.remove(MOST), Some(flat.remove(MOST)));
    }
    assert_same(&chunked, &flat);
    assert_eq!(chunked.chunks.len(), 2);
}

#[test]
fn binary_search_finds_items_and_the_places_of_missing_keys() {
    let flat = evens(2 * MOST + 300);
    let chunked: Chunked<u32> = flat.iter().copied().collect();
    for key in [0, 1, 2, 8191, 8192, 8193, (MOST as u32) * 4 + 599, u32::MAX] {
        assert_eq!(
            chunked.binary_search_by_key(&key, |v| *v),
            flat.binary_search(&key),
            "key {key}"
        );
        assert_eq!(
            chunked.find_by_key(&key, |v| *v),
            flat.binary_search(&key).ok().map(|at| &flat[at])
        );
    }
    let empty = Chunked::<u32>::default();
    assert_eq!(empty.binary_search_by_key(&3, |v| *v), Err(0));
}

#[test]
fn appending_moves_whole_chunks_after_a_part_full_one() {
    let flat = evens(3 * MOST);
    let mut front: Chunked<u32> = flat[..MOST + 3].iter().copied().collect();
    front.append(flat[MOST + 3..].iter().copied().collect());
    assert_same(&front, &flat);
    front.insert(MOST + 1, 7);
    front.push(9);
    let mut changed = flat.clone();
    changed.insert(MOST + 1, 7);
    changed.push(9);
    assert_same(&front, &changed);
}

#[test]
fn a_clone_keeps_its_items_when_the_original_changes() {
    let flat = evens(2 * MOST + 3);
    let mut chunked: Chunked<u32> = flat.iter().copied().collect();
    let kept = chunked.clone();
    assert!(Arc::ptr_eq(&kept.chunks[1], &chunked.chunks[1]), "shared");
    chunked.remove(0);
    assert!(
        Arc::ptr_eq(&kept.chunks[1], &chunked.chunks[1]),
        "only one copied"
    );
    chunked.insert(MOST + 1, 1);
    *chunked.get_mut(2 * MOST).unwrap() = 5;
    chunked.push(3);
    assert_same(&kept, &flat);
}

#[test]
fn ranges_are_clamped_to_the_list() {
    let flat = evens(MOST + 10);
    let chunked: Chunked<u32> = flat.iter().copied().collect();
    let read = |from, to| chunked.range(from, to).copied().collect::<Vec<_>>();
    assert_eq!(read(MOST - 2, MOST + 2), flat[MOST - 2..MOST + 2]);
    assert_eq!(read(MOST + 5, 10 * MOST), flat[MOST + 5..]);
    assert_eq!(read(0, 3), flat[..3]);
    assert!(read(MOST + 10, MOST + 20).is_empty());
    assert!(read(5, 2).is_empty());
}

#[test]
fn equal_items_are_equal_lists_wherever_the_chunks_break() {
    let flat = evens(MOST + 1);
    let built: Chunked<u32> = flat.iter().copied().collect();
    let mut inserted = Chunked::default();
    for value in flat.iter().rev() {
        inserted.insert(0, *value);
    }
    assert_ne!(built.starts, inserted.starts);
    assert_eq!(built, inserted);
    inserted.remove(0);
    assert_ne!(built, inserted);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Small chunks are not configurable, so lists of a few chunks are
    /// grown first and then changed at random places.
    #[test]
    fn any_changes_read_back_as_a_vector_would(
        len in 0..3 * MOST,
        changes in proptest::collection::vec(change(), 0..200),
    ) {
        let mut flat = evens(len);
        let mut chunked: Chunked<u32> = flat.iter().copied().collect();
        for change in &changes {
            apply(change, &mut chunked, &mut flat);
        }
        assert_same(&chunked, &flat);
        let from = len / 3;
        prop_assert!(chunked.range(from, from + 50).eq(flat.iter().skip(from).take(50)));
    }
}
