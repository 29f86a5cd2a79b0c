//! Locals carried past a suspension point only to be dropped where Rust drops them.
//!
//! A local that no code after a suspension point mentions still owes its drop at the end of
//! its scope (a lock guard, a channel's `Sender`, a permit), so the point carries it. Whether
//! that costs any bytes depends on its type, which the macro cannot see; the compiler decides
//! at the save, on the concrete type: a `Copy` value has no drop glue, and is carried as
//! [`NoDrop`] (zero bytes), anything else as [`DropLater`] (the value itself). In generic code
//! a type parameter without a `Copy` bound is kept, as it may need dropping.
//!
//! ```ignore
//! // the save of a dead local `g`, as an expansion writes it:
//! { use ::stackless::__private::{HoldRefAny as _, HoldRefCopy as _};
//!   let h = ::stackless::__private::HoldRef(&g);
//!   let kept = unsafe { (&h).__hold_kind().take(h) };
//!   if ::stackless::__private::needs_drop_of(&g) { ::stackless::__private::forget_taken(g); }
//!   kept }
//! ```
//!
//! The choice is autoref-based dispatch: `(&h).__hold_kind()` finds [`HoldRefCopy`]'s method
//! on `HoldRef<T>` (receiver `&HoldRef<T>`, no autoref) when `T: Copy`, else
//! [`HoldRefAny`]'s on `&HoldRef<T>` (one autoref). The local is seen by reference and its
//! bytes copied, never moved as a value: dead, it may hold a dangling reference, and a typed
//! copy of one is an invalid value. ([`Hold`], by value, serves the parts of a partial move,
//! `partial.rs`.)

use core::marker::PhantomData;
use core::mem::{needs_drop, ManuallyDrop, MaybeUninit};

/// The probe a dead local is moved into at a save (see the module docs).
pub struct Hold<T>(pub T);

/// A dead `Copy` local: nothing to drop, nothing kept — not even its type, whose lifetimes
/// would tie the state to borrows that rustc's coroutine lets end at the value's last use.
#[derive(Clone, Copy)]
pub struct NoDrop;

/// A dead `Copy` local that the code after the point assigns over (see [`Revive`]): nothing
/// kept but its type, which the assignment needs.
pub struct NoDropOf<T>(PhantomData<fn() -> T>);

impl<T> Clone for NoDropOf<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for NoDropOf<T> {}

/// A dead local that may have drop glue: kept, and dropped where its scope ends.
///
/// Kept as bytes (`MaybeUninit`), not as a `T`: a dead value may hold a reference that is
/// dangling by now (`let s = v.as_mut_slice();` dead, then `v.push(..)` reallocates), which
/// is fine for a value that is never used again — rustc's own coroutine would not have kept
/// it — but not for a `T` moved around with the state. It is dropped in place only if `T`
/// has drop glue; then the drop uses its borrows, and the borrow checker (rustc's, or the
/// twin's for a machine with slots) has kept them alive.
pub struct DropLater<T>(MaybeUninit<T>);

impl<T> Drop for DropLater<T> {
    #[inline(always)]
    fn drop(&mut self) {
        if needs_drop::<T>() {
            // SAFETY: `value-kept`: a `DropLater` is made only by `ChooseDropLater::wrap`,
            // from a value, or `take`, from a local's bytes the caller then forgets, and its value is taken out only by `Revive::revive`, which forgets
            // the `DropLater`; so it holds a `T`, dropped here once. A `T` with drop glue is
            // still valid here: its drop at the end of the scope is a use of its borrows,
            // which the borrow checker kept alive to here.
            unsafe { self.0.assume_init_drop() }
        }
    }
}

/// Chooses [`NoDrop`] for a `Copy` value.
pub trait HoldCopy {
    /// Which carrier: [`NoDrop`].
    fn __hold_kind(&self) -> ChooseNoDrop;
}

impl<T: Copy> HoldCopy for Hold<T> {
    #[inline(always)]
    fn __hold_kind(&self) -> ChooseNoDrop {
        ChooseNoDrop
    }
}

/// Chooses [`DropLater`] for any value (found one autoref after [`HoldCopy`]).
pub trait HoldAny {
    /// Which carrier: [`DropLater`].
    fn __hold_kind(&self) -> ChooseDropLater;
}

impl<T> HoldAny for &Hold<T> {
    #[inline(always)]
    fn __hold_kind(&self) -> ChooseDropLater {
        ChooseDropLater
    }
}

/// The probe a dead local is seen through at a save, by reference: unlike [`Hold`], taking
/// it does not move the value (a typed copy), which may be invalid by now — a dead `&mut`
/// or `&str` whose referent was freed after its last use (`let r = &mut v[0]; p.await;
/// *r += 1; v.push(x); q.await;`), which rustc's coroutine would simply not have kept.
pub struct HoldRef<'a, T>(pub &'a T);

/// Chooses [`NoDrop`] for a `Copy` local seen by reference ([`HoldRef`]).
pub trait HoldRefCopy {
    /// Which carrier: [`NoDrop`].
    fn __hold_kind(&self) -> ChooseNoDrop;
}

impl<T: Copy> HoldRefCopy for HoldRef<'_, T> {
    #[inline(always)]
    fn __hold_kind(&self) -> ChooseNoDrop {
        ChooseNoDrop
    }
}

/// Chooses [`DropLater`] for any local seen by reference (one autoref after
/// [`HoldRefCopy`]).
pub trait HoldRefAny {
    /// Which carrier: [`DropLater`].
    fn __hold_kind(&self) -> ChooseDropLater;
}

impl<T> HoldRefAny for &HoldRef<'_, T> {
    #[inline(always)]
    fn __hold_kind(&self) -> ChooseDropLater {
        ChooseDropLater
    }
}

/// Whether the local `x` points to has drop glue (then the expansion forgets it after
/// [`ChooseDropLater::take`] copied its bytes out; a value with drop glue is valid there,
/// as its drop is still to come).
#[inline(always)]
pub fn needs_drop_of<T>(_: &T) -> bool {
    needs_drop::<T>()
}

/// Forgets a dead local whose bytes [`ChooseDropLater::take`] copied out (its drop is the
/// copy's now). A function of its own: at the call, the expansion does not know the type.
#[inline(always)]
pub fn forget_taken<T>(x: T) {
    core::mem::forget(x)
}

/// The choice of [`NoDrop`].
pub struct ChooseNoDrop;

impl ChooseNoDrop {
    /// Forgets a `Copy` value (chosen only for one: nothing is lost).
    #[inline(always)]
    pub fn wrap<T>(self, _: Hold<T>) -> NoDrop {
        NoDrop
    }

    /// The same, for a local that will be assigned over ([`Revive`]).
    #[inline(always)]
    pub fn wrap_typed<T>(self, _: Hold<T>) -> NoDropOf<T> {
        NoDropOf(PhantomData)
    }

    /// [`Self::wrap`] for a local seen by reference: nothing is read.
    ///
    /// # Safety
    ///
    /// None needed (as [`ChooseDropLater::take`], so the expansion calls both alike).
    #[inline(always)]
    pub unsafe fn take<T>(self, _: HoldRef<'_, T>) -> NoDrop {
        NoDrop
    }

    /// [`Self::wrap_typed`] for a local seen by reference.
    ///
    /// # Safety
    ///
    /// None needed (as [`ChooseDropLater::take_typed`]).
    #[inline(always)]
    pub unsafe fn take_typed<T>(self, _: HoldRef<'_, T>) -> NoDropOf<T> {
        NoDropOf(PhantomData)
    }
}

/// The choice of [`DropLater`].
pub struct ChooseDropLater;

impl ChooseDropLater {
    /// Keeps the value.
    #[inline(always)]
    pub fn wrap<T>(self, h: Hold<T>) -> DropLater<T> {
        DropLater(MaybeUninit::new(h.0))
    }

    /// The same, for a local that will be assigned over ([`Revive`]).
    #[inline(always)]
    pub fn wrap_typed<T>(self, h: Hold<T>) -> DropLater<T> {
        self.wrap(h)
    }

    /// Keeps the bytes of the local `h` points to, read untyped (they may be an invalid
    /// value by now: see [`HoldRef`]).
    ///
    /// # Safety
    ///
    /// `value-kept`: the caller forgets the local if its type has drop glue
    /// ([`needs_drop_of`]), so that the value is dropped once, by the `DropLater`; a local
    /// without drop glue is never read again.
    #[inline(always)]
    pub unsafe fn take<T>(self, h: HoldRef<'_, T>) -> DropLater<T> {
        // SAFETY: `h.0` is a reference to a local, readable for `size_of::<T>()` bytes; read
        // as a `MaybeUninit<T>`, whatever they hold is valid.
        DropLater(unsafe { core::ptr::read((h.0 as *const T).cast::<MaybeUninit<T>>()) })
    }

    /// [`Self::take`] for a local that will be assigned over ([`Revive`]).
    ///
    /// # Safety
    ///
    /// As [`Self::take`].
    #[inline(always)]
    pub unsafe fn take_typed<T>(self, h: HoldRef<'_, T>) -> DropLater<T> {
        // SAFETY: the caller's, as `take`'s.
        unsafe { self.take(h) }
    }
}

/// Puts back the value of a local carried as if dead that the code after the suspension point
/// assigns over (`let mut x; if let Some(v) = Revive::revive(field) { x = v; }`): the
/// assignment then drops the old value where Rust drops it. A `NoDrop` has none to put back.
pub trait Revive {
    /// The local's type.
    type Value;
    /// The old value, if it has drop glue.
    fn revive(self) -> Option<Self::Value>;
}

impl<T> Revive for DropLater<T> {
    type Value = T;
    /// The old value, only if it has drop glue (else there is nothing for the assignment to
    /// drop, and the bytes may hold a dangling reference: see [`DropLater`]).
    #[inline(always)]
    fn revive(self) -> Option<T> {
        let this = ManuallyDrop::new(self);
        if needs_drop::<T>() {
            // SAFETY: `value-kept` (see `Drop for DropLater`): it holds a `T`, taken out once
            // here (`this` is never dropped), valid as it has drop glue still owed.
            Some(unsafe { this.0.assume_init_read() })
        } else {
            None
        }
    }
}

impl<T> Revive for NoDropOf<T> {
    type Value = T;
    #[inline(always)]
    fn revive(self) -> Option<T> {
        None
    }
}

/// A local moved out of in part (`let Listener { tx, .. } = server;`, `let rx = self.rx;`),
/// taken whole so that its parts can be read out of it (see `partial.rs` of the macros).
///
/// Kept as bytes, as [`DropLater`] keeps its value: once a part is read out, the bytes left
/// behind alias it (a `Box`, a `&mut`), which is fine for bytes never used as that part again
/// but not for a `T` moved around with the state.
pub struct Part<T>(MaybeUninit<T>);

impl<T: Copy> Clone for Part<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Copy> Copy for Part<T> {}

/// Takes a local that the next statement moves out of in part: see [`Part`].
#[inline(always)]
pub fn moved_in_part<T>(whole: T) -> Part<T> {
    Part(MaybeUninit::new(whole))
}

impl<T> Part<T> {
    /// The whole value, for the pattern or field read that moves parts out of it.
    #[inline(always)]
    pub fn whole(&mut self) -> &mut T {
        // SAFETY: `part-read`: a `Part` is made only from a value (`moved_in_part`), and the
        // expansion reads parts out of it only through this reference, then moves it into
        // [`ChooseDropLater::rest`] or [`ChooseNoDrop::rest`] without calling this again; so
        // here it still holds the whole `T`.
        unsafe { self.0.assume_init_mut() }
    }
}

/// What is left of a local moved out of in part, dropped where its scope ends: `rest` is
/// called with the whole value, moves the parts read out of it (as the same pattern or field
/// paths, by value), forgets them, and lets Rust drop the rest as it drops a partially moved
/// local, field by field in declaration order.
pub struct Rest<T, F: FnOnce(T)> {
    value: MaybeUninit<T>,
    rest: ManuallyDrop<F>,
}

impl<T, F: FnOnce(T)> Drop for Rest<T, F> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: `part-read` (see `Part::whole`): the bytes are the whole value, of which
        // only the parts `rest` moves out (and forgets) were read out before; `rest` is the
        // closure the expansion type-checked on the same `T` with the same patterns or field
        // paths as those reads, so a part reached through a reference or a `Deref` other than
        // `Box` is a `Copy` read (anything else is rustc's E0507 there). Both are taken once.
        unsafe {
            let rest = ManuallyDrop::take(&mut self.rest);
            rest(self.value.assume_init_read());
        }
    }
}

/// A partial move's `rest` closure, made with the local's type `T` known (from its `Part`),
/// as its argument's.
#[inline(always)]
pub fn typed_rest<T, F: FnOnce(T)>(_: &Part<T>, rest: F) -> F {
    rest
}

/// The first copy of a partial move's `rest` closure that the expansion writes more than
/// once (once per arm that resumes before it): gives the anchor, declared once at the top of
/// the step, its type.
#[inline(always)]
pub fn anchor_rest<F>(_: &PhantomData<F>, rest: F) -> F {
    rest
}

/// Another copy of that closure, as the anchor's type, so that the holder has one type
/// wherever it is written.
///
/// # Safety
///
/// `same-closure`: `A` and the anchor's `F` are the types of two copies of the same closure
/// expression, which captures nothing: both of size zero, with the same code.
#[inline(always)]
pub unsafe fn same_closure<A, F>(_: &PhantomData<F>, a: A) -> F {
    const { assert!(core::mem::size_of::<A>() == 0 && core::mem::size_of::<F>() == 0) };
    core::mem::forget(a);
    // SAFETY: `same-closure` (the caller's): `F` is a closure without captures, of size
    // zero, so any pointer that is non-null and aligned points to a valid `F`.
    unsafe { core::ptr::NonNull::<F>::dangling().as_ptr().read() }
}

/// Forgets a part already read out of a [`Rest`]'s value (a generic function: the forget of
/// a `Copy` part is no lint in the user's crate).
#[inline(always)]
pub fn forget_part<T>(part: T) {
    core::mem::forget(part);
}

impl ChooseDropLater {
    /// Keeps what is left of a local moved out of in part (see [`Rest`]).
    #[inline(always)]
    pub fn rest<T, F: FnOnce(T)>(self, h: Hold<Part<T>>, rest: F) -> Rest<T, F> {
        Rest {
            value: h.0 .0,
            rest: ManuallyDrop::new(rest),
        }
    }
}

/// The probe of a part read out of a local by a field path (see [`Part`]): was it `Copy`?
pub struct PartProbe<P>(PhantomData<fn() -> P>);

impl<P> PartProbe<P> {
    /// The probe of `part`'s type.
    #[inline(always)]
    pub fn of(_: &P) -> Self {
        PartProbe(PhantomData)
    }
}

/// Chooses [`PartWasCopied`] for a `Copy` part.
pub trait PartCopy {
    /// Whether the read moved anything.
    fn __part_kind(&self) -> PartWasCopied;
}

impl<P: Copy> PartCopy for PartProbe<P> {
    #[inline(always)]
    fn __part_kind(&self) -> PartWasCopied {
        PartWasCopied
    }
}

/// Chooses [`PartWasMoved`] for any part (one autoref after [`PartCopy`]).
pub trait PartAny {
    /// Whether the read moved anything.
    fn __part_kind(&self) -> PartWasMoved;
}

impl<P> PartAny for &PartProbe<P> {
    #[inline(always)]
    fn __part_kind(&self) -> PartWasMoved {
        PartWasMoved
    }
}

/// The part read was a copy: the local is whole, and dropped as it is.
pub struct PartWasCopied;

/// The part read was a move: what is left is dropped by the `rest` closure ([`Rest`]).
pub struct PartWasMoved;

/// What keeps a local read from in part, by [`PartWasCopied`] or [`PartWasMoved`].
pub trait PartKind {
    /// The holder.
    type Holder<T, F: FnOnce(T)>;
    /// Makes the holder of the local's bytes.
    fn holder<T, F: FnOnce(T)>(value: Part<T>, rest: F) -> Self::Holder<T, F>;
}

impl PartKind for PartWasCopied {
    type Holder<T, F: FnOnce(T)> = KeptWhole<T, F>;
    #[inline(always)]
    fn holder<T, F: FnOnce(T)>(value: Part<T>, _: F) -> KeptWhole<T, F> {
        KeptWhole(DropLater(value.0), PhantomData)
    }
}

/// A local a `Copy` part was read out of by a field path: whole, dropped as it is. (Its
/// type names the `rest` closure, unused, so that copies of the code agree on one type:
/// [`same_closure`].)
pub struct KeptWhole<T, F>(DropLater<T>, PhantomData<F>);

/// The holder of what is left of a local moved out of in part on some paths only (the
/// macro's stage `maybe_moved.rs`): on the path that moved a part out, that path's holder of
/// the rest ([`Rest`], [`KeptWhole`], [`NoRest`]); on a path that did not, the whole local,
/// kept as one moved out on some paths only is ([`Kept`], or [`NoKeep`] for a `Copy` type).
/// Every path assigns it, so after the branch the local is moved on every path and the
/// holder, declared in its place, drops what each path left, where Rust drops it.
pub enum RestOr<R, W> {
    /// A part was moved out: what is left of the local.
    Part(R),
    /// Nothing was: the whole local.
    Whole(W),
}

/// `value`, whose type is the one `ty` names: ties the type of a [`RestOr`] holder across
/// the copies of the code the expansion writes (each arm that resumes writes the code after
/// its point; one may assign only `RestOr::Whole`, which alone does not settle the type of
/// what a part's move leaves). `ty` is a zero-sized local carried across the points like any
/// other, so every copy sees the same type.
#[inline(always)]
pub fn typed_like<T>(_ty: &PhantomData<T>, value: T) -> T {
    value
}

/// A `Copy` local read from in part: nothing kept (but the `rest` closure's type, see
/// [`KeptWhole`]).
pub struct NoRest<F>(PhantomData<F>);

impl PartKind for PartWasMoved {
    type Holder<T, F: FnOnce(T)> = Rest<T, F>;
    #[inline(always)]
    fn holder<T, F: FnOnce(T)>(value: Part<T>, rest: F) -> Rest<T, F> {
        Rest {
            value: value.0,
            rest: ManuallyDrop::new(rest),
        }
    }
}

impl ChooseDropLater {
    /// Keeps a local a field path was read out of: whole if the part was `Copy`, else what
    /// is left of it.
    #[inline(always)]
    pub fn rest_part<K: PartKind, T, F: FnOnce(T)>(
        self,
        _: K,
        h: Hold<Part<T>>,
        rest: F,
    ) -> K::Holder<T, F> {
        K::holder(h.0, rest)
    }
}

impl ChooseNoDrop {
    /// A `Copy` local read from in part: nothing to keep.
    #[inline(always)]
    pub fn rest_part<K, T, F: FnOnce(T)>(self, _: K, _: Hold<Part<T>>, _: F) -> NoRest<F> {
        NoRest(PhantomData)
    }

    /// A `Copy` value read from in part: nothing was moved, nothing is owed.
    #[inline(always)]
    pub fn rest<T, F: FnOnce(T)>(self, _: Hold<Part<T>>, _: F) -> NoRest<F> {
        NoRest(PhantomData)
    }
}

#[cfg(test)]
#[allow(clippy::needless_borrow)] // the borrow is the dispatch
mod tests {
    use super::*;
    use core::mem::size_of_val;

    #[test]
    fn copy_values_cost_nothing_others_are_kept() {
        let a = [0u8; 4096];
        let h = Hold(a);
        let kept = (&h).__hold_kind().wrap(h);
        assert_eq!(size_of_val(&kept), 0);
        let s = std::string::String::from("x");
        let h = Hold(s);
        let kept = (&h).__hold_kind().wrap(h);
        assert_eq!(size_of_val(&kept), size_of_val(&std::string::String::new()));
    }

    fn generic<T>(t: T) -> usize {
        let h = Hold(t);
        let kept = (&h).__hold_kind().wrap(h);
        size_of_val(&kept)
    }

    #[test]
    fn generic_code_keeps_what_may_need_dropping() {
        assert_eq!(generic(7u64), 8);
    }
}

/// The type of the holder of a local moved out on some paths only (the macro's stage
/// `maybe_moved.rs`): `(&KeepProbe::of(&x)).__vacant()`, declared before the branch, gives
/// [`NoKeep`] when `x`'s type is `Copy` (a copy moves nothing, and nothing needs dropping;
/// zero bytes) and an empty [`Kept`] otherwise (in generic code, a type parameter without a
/// `Copy` bound: kept). Each path that does not move `x` moves it into the holder at its end
/// (`keep`), so after the branch `x` is moved on every path, and what was not moved is
/// dropped with the holder, which drops in `x`'s place.
pub struct KeepProbe<T>(PhantomData<fn() -> T>);

impl<T> KeepProbe<T> {
    /// The probe of `x`'s type.
    #[inline(always)]
    pub fn of(_: &T) -> Self {
        KeepProbe(PhantomData)
    }
}

/// Chooses [`NoKeep`] for a `Copy` type.
pub trait KeepCopy {
    /// An empty holder: [`NoKeep`].
    fn __vacant(&self) -> NoKeep;
}

impl<T: Copy> KeepCopy for KeepProbe<T> {
    #[inline(always)]
    fn __vacant(&self) -> NoKeep {
        NoKeep
    }
}

/// Chooses [`Kept`] for any type (found one autoref after [`KeepCopy`]).
pub trait KeepAny<T> {
    /// An empty holder: [`Kept`].
    fn __vacant(&self) -> Kept<T>;
}

impl<T> KeepAny<T> for &KeepProbe<T> {
    #[inline(always)]
    fn __vacant(&self) -> Kept<T> {
        Kept(None)
    }
}

/// The holder of a `Copy` local moved out on some paths only: nothing to keep.
#[derive(Clone, Copy)]
pub struct NoKeep;

impl NoKeep {
    /// A copy of the local, which owes no drop.
    #[inline(always)]
    pub fn keep<T: Copy>(&mut self, _: T) {}
}

/// The holder of a local moved out on some paths only: its value on the paths that did not
/// move it, dropped with the holder.
pub struct Kept<T>(Option<T>);

impl<T> Kept<T> {
    /// Takes the local's value, to be dropped with the holder.
    #[inline(always)]
    pub fn keep(&mut self, value: T) {
        self.0 = Some(value);
    }
}
