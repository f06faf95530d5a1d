//! What filtering and sorting read of each claim, kept by the project index
//! so that no keystroke or click walks 40,000 claims through binary searches
//! and folds.
//!
//! Finding claims by a piece of text (the link picker, which lists every
//! claim holding what the analyst types) used to lowercase every quote on
//! each keystroke: 40,000 quotes, about 20 ms. Sorting the pairs table by
//! quote looked each claim up by id and flattened its whitespace: about
//! 80 ms for 20,000 rows. Here each claim is filed once, when it changes,
//! with its lowercased quote and speaker and its quote as the table shows
//! it; a lookup is one hash probe.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex, OnceLock};

use memchr::memmem::Finder;

use super::chunked::Chunked;
use super::ids::ClaimId;
use super::project::Claim;
use super::search::lowercase_into;
use super::text_order::{Filed, OrderedText, TextOrder};

/// One claim as filed.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimText {
    /// The record itself (shared with the project).
    pub claim: Arc<Claim>,
    folded_quote: Box<str>,
    folded_speaker: Box<str>,
    /// The quote with each whitespace run as one space, when that differs
    /// from the quote.
    flat_quote: Option<Box<str>>,
}

impl ClaimText {
    fn of(claim: &Arc<Claim>) -> ClaimText {
        let mut buffer = String::new();
        let mut fold = |text: &str| {
            lowercase_into(text, &mut buffer);
            Box::from(buffer.as_str())
        };
        ClaimText {
            folded_quote: fold(&claim.anchor.quote),
            folded_speaker: fold(&claim.info.speaker),
            flat_quote: flatten(&claim.anchor.quote).map(Box::from),
            claim: Arc::clone(claim),
        }
    }

    /// The quote as the pairs table shows it: each whitespace run as one
    /// space, no space at either end.
    pub fn flat_quote(&self) -> &str {
        self.flat_quote
            .as_deref()
            .unwrap_or(&self.claim.anchor.quote)
    }

    pub fn speaker(&self) -> &str {
        &self.claim.info.speaker
    }

    /// The quote, lowercased.
    pub fn folded_quote(&self) -> &str {
        &self.folded_quote
    }

    /// The text an order follows.
    pub fn text(&self, column: OrderedText) -> &str {
        match column {
            OrderedText::Quote => self.flat_quote(),
            OrderedText::Speaker => self.speaker(),
        }
    }

    /// The speaker, lowercased.
    pub fn folded_speaker(&self) -> &str {
        &self.folded_speaker
    }

    /// True when the quote or the speaker holds `needle` (any claim holds
    /// an empty one).
    fn holds(&self, needle: &ClaimNeedle) -> bool {
        needle.is_empty() || needle.is_in(&self.folded_quote) || needle.is_in(&self.folded_speaker)
    }
}

/// The first 16 bytes of `text`, big-endian, zero-padded: `a < b` implies
/// `sort_prefix(a) <= sort_prefix(b)`, so comparing prefixes first and the
/// texts only on a tie orders like comparing the texts.
pub fn sort_prefix(text: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let head = &text.as_bytes()[..text.len().min(16)];
    bytes[..head.len()].copy_from_slice(head);
    u128::from_be_bytes(bytes)
}

/// `text` with each whitespace run as one space and none at either end, or
/// `None` when it is so already (most quotes: checked without allocating).
pub fn flatten(text: &str) -> Option<String> {
    let mut previous_space = true;
    let flat = text.chars().all(|c| {
        let ok = match c {
            ' ' => !previous_space,
            c => !c.is_whitespace(),
        };
        previous_space = c == ' ';
        ok
    }) && !previous_space;
    if flat || text.is_empty() {
        return None;
    }
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Every claim as filed, in id order. Two parallel lists (the entries in
/// chunks) rather than a hash map: the ids alone (8 bytes each) keep a lookup's binary search in
/// cache, and a pass over every claim (the link picker's search) reads the
/// entries front to back instead of probing 40,000 scattered buckets.
#[derive(Clone, Debug, Default)]
pub struct ClaimTexts {
    /// Shared with a sort of the pairs table on another thread (copied
    /// only if a claim is filed while that sort runs).
    ids: Arc<Vec<ClaimId>>,
    /// In chunks: filing or removing a claim moves one chunk of entries,
    /// not half of 400,000.
    entries: Chunked<ClaimText>,
    /// The claims by quote and by speaker, built the first time the table
    /// is sorted by one of them (not on open, where every millisecond
    /// counts) and from then on kept up to date claim by claim.
    orders: OnceLock<TextOrders>,
    /// The orders being built on another thread (see
    /// [`ClaimTexts::build_orders_in_background`]), with the claims filed or
    /// removed since: those are put back in place when the orders are used
    /// (an edit before the first text sort would otherwise leave that sort
    /// to build them on the window's thread, about a second at 400,000
    /// claims).
    coming: Option<ComingOrders>,
}

/// Orders built on another thread (with the ids they were built for), and
/// the claims changed since they were started.
#[derive(Clone, Debug)]
struct ComingOrders {
    receiver: Arc<Mutex<Receiver<BuiltOrders>>>,
    changed: BTreeSet<ClaimId>,
}

/// What the thread building orders sends: the ids it built them for, and
/// the orders.
type BuiltOrders = (Vec<ClaimId>, TextOrders);

/// Claims changed while orders are built elsewhere that are caught up with
/// when they arrive; more, and the orders are built afresh instead.
const CATCH_UP_MOST: usize = 4096;

/// Claims as a thread building orders reads them: their own copy of the
/// ids and quotes as the table shows them, the records shared.
struct FiledClaims {
    ids: Vec<ClaimId>,
    claims: Vec<Arc<Claim>>,
    flat_quotes: Vec<Option<String>>,
}

impl FiledClaims {
    fn of(claims: Vec<Arc<Claim>>) -> FiledClaims {
        FiledClaims {
            ids: claims.iter().map(|c| c.id).collect(),
            flat_quotes: claims.iter().map(|c| flatten(&c.anchor.quote)).collect(),
            claims,
        }
    }
}

impl Filed for FiledClaims {
    fn ids(&self) -> &[ClaimId] {
        &self.ids
    }

    fn text_at(&self, slot: usize, column: OrderedText) -> &str {
        match column {
            OrderedText::Quote => self.flat_quotes[slot]
                .as_deref()
                .unwrap_or(&self.claims[slot].anchor.quote),
            OrderedText::Speaker => &self.claims[slot].info.speaker,
        }
    }
}

/// The filed claims as the orders read them.
struct FiledTexts<'a> {
    ids: &'a [ClaimId],
    entries: &'a Chunked<ClaimText>,
}

impl Filed for FiledTexts<'_> {
    fn ids(&self) -> &[ClaimId] {
        self.ids
    }

    fn text_at(&self, slot: usize, column: OrderedText) -> &str {
        self.entries
            .get(slot)
            .map_or("", |entry| entry.text(column))
    }
}

#[derive(Clone, Debug)]
struct TextOrders {
    quote: TextOrder,
    speaker: TextOrder,
}

impl TextOrders {
    fn build(filed: &impl Filed) -> TextOrders {
        TextOrders {
            quote: TextOrder::build(filed, OrderedText::Quote),
            speaker: TextOrder::build(filed, OrderedText::Speaker),
        }
    }

    fn get(&self, column: OrderedText) -> &TextOrder {
        match column {
            OrderedText::Quote => &self.quote,
            OrderedText::Speaker => &self.speaker,
        }
    }

    fn each(&mut self, mut change: impl FnMut(&mut TextOrder)) {
        change(&mut self.quote);
        change(&mut self.speaker);
    }
}

/// Equal filed claims; orders are compared when both were built (one not
/// built yet would be built from the same entries).
impl PartialEq for ClaimTexts {
    fn eq(&self, other: &ClaimTexts) -> bool {
        let same_orders = match (self.orders.get(), other.orders.get()) {
            (Some(a), Some(b)) => {
                let filed = self.filed();
                a.quote.same_order(&b.quote, &filed) && a.speaker.same_order(&b.speaker, &filed)
            }
            _ => true,
        };
        self.ids == other.ids && self.entries == other.entries && same_orders
    }
}

impl ClaimTexts {
    /// Files `claim` (replacing what was filed for its id). New claims have
    /// the largest ids, so filing one appends.
    pub fn file(&mut self, claim: &Arc<Claim>) {
        self.note_change(claim.id);
        let entry = ClaimText::of(claim);
        match self.ids.binary_search(&claim.id) {
            Ok(at) => {
                // Most refiles (a link edit refiles both ends) leave the
                // texts as they were: the orders then stay as they are.
                let moves = self.entries.get(at).is_some_and(|old| {
                    old.flat_quote() != entry.flat_quote() || old.speaker() != entry.speaker()
                });
                if moves {
                    self.change_orders(|order, filed| order.take_out(filed, at, false));
                }
                if let Some(old) = self.entries.get_mut(at) {
                    *old = entry;
                }
                if moves {
                    self.change_orders(|order, filed| order.put_in(filed, at, false));
                }
            }
            Err(at) => {
                Arc::make_mut(&mut self.ids).insert(at, claim.id);
                self.entries.insert(at, entry);
                self.change_orders(|order, filed| order.put_in(filed, at, true));
            }
        }
    }

    pub fn remove(&mut self, claim: ClaimId) {
        if let Ok(at) = self.ids.binary_search(&claim) {
            self.note_change(claim);
            self.change_orders(|order, filed| order.take_out(filed, at, true));
            Arc::make_mut(&mut self.ids).remove(at);
            self.entries.remove(at);
        }
    }

    /// Remembers that `claim` was filed or removed, for orders still being
    /// built elsewhere.
    fn note_change(&mut self, claim: ClaimId) {
        if self.orders.get().is_some() {
            self.coming = None;
        }
        if let Some(coming) = &mut self.coming {
            coming.changed.insert(claim);
            if coming.changed.len() > CATCH_UP_MOST {
                self.coming = None;
            }
        }
    }

    /// Applies `change` to both orders, when they were built.
    fn change_orders(&mut self, mut change: impl FnMut(&mut TextOrder, &FiledTexts<'_>)) {
        let ClaimTexts {
            ids,
            entries,
            orders,
            ..
        } = self;
        if let Some(orders) = orders.get_mut() {
            let filed = FiledTexts { ids, entries };
            orders.each(|order| change(order, &filed));
        }
    }

    fn filed(&self) -> FiledTexts<'_> {
        FiledTexts {
            ids: &self.ids,
            entries: &self.entries,
        }
    }

    /// Builds the quote and speaker orders now, if not built yet (the
    /// first sort by a text column does otherwise).
    pub fn prepare_orders(&self) {
        self.order(OrderedText::Quote);
    }

    /// Starts building the orders on another thread from `claims` (the
    /// claims filed here, in id order), so that the first sort by a text
    /// column finds them ready: at 400,000 claims building them takes
    /// about a second. Opening a project calls this once its index is built.
    pub fn build_orders_in_background(&mut self, claims: Vec<Arc<Claim>>) {
        if self.orders.get().is_some() {
            return;
        }
        let (sender, receiver) = channel();
        let started = std::thread::Builder::new()
            .name("riposte text orders".into())
            .spawn(move || {
                let filed = FiledClaims::of(claims);
                let orders = TextOrders::build(&filed);
                // The texts may be gone (the document closed): nothing to do.
                let _ = sender.send((filed.ids, orders));
            });
        // Without a thread, the first text sort builds them.
        self.coming = started.is_ok().then(|| ComingOrders {
            receiver: Arc::new(Mutex::new(receiver)),
            changed: BTreeSet::new(),
        });
    }

    /// The order of `column`, built on first use (or taken from the
    /// thread building it, waiting for the rest of its work).
    fn order(&self, column: OrderedText) -> &TextOrder {
        self.orders
            .get_or_init(|| {
                self.orders_built_elsewhere()
                    .unwrap_or_else(|| TextOrders::build(&self.filed()))
            })
            .get(column)
    }

    /// The orders from [`ClaimTexts::build_orders_in_background`], when
    /// they were built for the claims filed now but for those changed since
    /// (then caught up with those).
    fn orders_built_elsewhere(&self) -> Option<TextOrders> {
        let coming = self.coming.as_ref()?;
        let (ids, orders) = coming.receiver.lock().ok()?.recv().ok()?;
        if coming.changed.is_empty() {
            return (ids == *self.ids).then_some(orders);
        }
        let filed = self.filed();
        let changed = &coming.changed;
        Some(TextOrders {
            quote: orders.quote.caught_up(&ids, &filed, changed)?,
            speaker: orders.speaker.caught_up(&ids, &filed, changed)?,
        })
    }

    /// True when the orders, if built, sort like the texts (for tests).
    pub fn orders_are_consistent(&self) -> bool {
        let filed = self.filed();
        self.orders.get().is_none_or(|orders| {
            orders.quote.is_consistent(&filed) && orders.speaker.is_consistent(&filed)
        })
    }

    pub fn get(&self, claim: ClaimId) -> Option<&ClaimText> {
        let at = self.ids.binary_search(&claim).ok()?;
        self.entries.get(at)
    }

    /// The filed claims' ids and their labels in the order of `column`,
    /// shared with a sort on another thread (an edit meanwhile copies
    /// them before changing them). Builds the order first if need be.
    pub fn labels_of(&self, column: OrderedText) -> ClaimLabels {
        ClaimLabels {
            ids: Arc::clone(&self.ids),
            labels: self.order(column).labels(),
        }
    }

    /// How many claims are filed.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Like [`ClaimTexts::matching`] over every claim, but only among the
    /// claims filed at places `slots` (0 to [`ClaimTexts::len`], in id
    /// order), and pushed onto `found` but for `except`: a search spread
    /// over several frames takes a slice each, into one list.
    pub fn push_matching(
        &self,
        needle: &ClaimNeedle,
        slots: Range<usize>,
        except: Option<ClaimId>,
        found: &mut Vec<ClaimId>,
    ) {
        let slots = slots.start.min(self.len())..slots.end.min(self.len());
        // Room for every claim of the slice at once: a short needle (the
        // first letter typed) matches most of them.
        found.reserve(slots.len());
        let matches = self.ids[slots.clone()]
            .iter()
            .zip(self.entries.range(slots.start, slots.end))
            .filter(|(id, entry)| Some(**id) != except && entry.holds(needle));
        found.extend(matches.map(|(id, _)| *id));
    }

    /// Ids of the claims whose quote or speaker holds `needle` (as built by
    /// [`ClaimNeedle::new`]; every claim for an empty one), in id order,
    /// from `among` (ids in id order) or else from every claim.
    pub fn matching(&self, needle: &ClaimNeedle, among: Option<&[ClaimId]>) -> Vec<ClaimId> {
        match among {
            None => {
                let mut found = Vec::new();
                self.push_matching(needle, 0..self.len(), None, &mut found);
                found
            }
            Some(among) => {
                // Both lists are in id order: one walk, no searches.
                let mut at = 0;
                let mut found = Vec::new();
                for &id in among {
                    at += self.ids[at..].partition_point(|filed| *filed < id);
                    let holds = || self.entries.get(at).is_some_and(|e| e.holds(needle));
                    if self.ids.get(at) == Some(&id) && holds() {
                        found.push(id);
                    }
                }
                found
            }
        }
    }

    /// Every claim of `claims` filed, as [`ClaimTexts::file`] on each in
    /// turn would: the project index's build on open. Claims in strictly
    /// increasing id order (as a project keeps them) are folded on two
    /// threads when there are many; any other order is filed one by one.
    pub fn of_claims(claims: &[Arc<Claim>]) -> ClaimTexts {
        const PARALLEL_FROM: usize = 4096;
        let in_order = claims.windows(2).all(|pair| pair[0].id < pair[1].id);
        if !in_order {
            let mut texts = ClaimTexts::default();
            claims.iter().for_each(|claim| texts.file(claim));
            return texts;
        }
        let fold = |part: &[Arc<Claim>]| part.iter().map(ClaimText::of).collect::<Chunked<_>>();
        let entries = if claims.len() < PARALLEL_FROM {
            fold(claims)
        } else {
            let (front, back) = claims.split_at(claims.len() / 2);
            std::thread::scope(|scope| {
                let back = scope.spawn(|| fold(back));
                let mut entries = fold(front);
                // A panic on the other thread is a bug: pass it on as it was.
                entries.append(back.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
                entries
            })
        };
        ClaimTexts {
            ids: Arc::new(claims.iter().map(|claim| claim.id).collect()),
            entries,
            // The rest as filing into an empty `ClaimTexts` leaves it (no
            // orders yet: built on the first sort, or in the background).
            ..ClaimTexts::default()
        }
    }
}

/// What to look for in claims' lowercased texts: lowercased once, its
/// searcher built once for a whole pass over the claims.
pub struct ClaimNeedle {
    finder: Finder<'static>,
}

impl ClaimNeedle {
    /// `text` trimmed and lowercased.
    pub fn new(text: &str) -> ClaimNeedle {
        let folded = text.trim().to_lowercase();
        ClaimNeedle {
            finder: Finder::new(folded.as_bytes()).into_owned(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.finder.needle().is_empty()
    }

    /// True when `folded` (lowercased text) holds the needle.
    pub fn is_in(&self, folded: &str) -> bool {
        self.finder.find(folded.as_bytes()).is_some()
    }

    /// The lowercased text.
    pub fn folded(&self) -> &str {
        // Built from a `String`, so the bytes are UTF-8.
        std::str::from_utf8(self.finder.needle()).unwrap_or_default()
    }
}

/// Claims' labels in one text order, as [`ClaimTexts::labels_of`] shared
/// them: enough to sort rows by that text away from the index.
#[derive(Clone, Debug, Default)]
pub struct ClaimLabels {
    ids: Arc<Vec<ClaimId>>,
    labels: Arc<Vec<u64>>,
}

impl ClaimLabels {
    /// Calls `found` with each `(claim, place)` of `wanted` (in claim id
    /// order) whose claim was filed, and the claim's label.
    pub fn walk<T>(
        &self,
        wanted: impl IntoIterator<Item = (ClaimId, T)>,
        mut found: impl FnMut(T, u64),
    ) {
        walk_slots(&self.ids, wanted, |place, slot| {
            found(place, self.labels.get(slot).copied().unwrap_or(0));
        });
    }
}

/// `found(place, slot)` for each claim of `wanted` (in id order) found in
/// `ids` (sorted), with its slot there.
fn walk_slots<T>(
    ids: &[ClaimId],
    wanted: impl IntoIterator<Item = (ClaimId, T)>,
    mut found: impl FnMut(T, usize),
) {
    // Wanted claims are usually dense among the filed ones (a table
    // sort wants most of them): stepping on is cheaper than a binary
    // search of the rest for each; a long way is leapt by search.
    const STEPS: usize = 8;
    let mut at = 0;
    for (id, place) in wanted {
        let mut steps = 0;
        while steps < STEPS && ids.get(at).is_some_and(|filed| *filed < id) {
            at += 1;
            steps += 1;
        }
        if steps == STEPS {
            at += ids[at..].partition_point(|filed| *filed < id);
        }
        if ids.get(at) == Some(&id) {
            found(place, at);
        }
    }
}

#[cfg(test)]
mod tests;

/// The quote and speaker orders kept by `ClaimTexts`.
#[cfg(test)]
mod order_tests;
