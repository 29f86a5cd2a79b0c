//! Pinned slots: the storage behind locals that a coroutine borrows across a suspension
//! point.
//!
//! A local that something kept across a suspension point borrows (`for x in &v { yield_!(x) }`,
//! `src.read(&mut buf).await`, `let s = pin!(stream);`) cannot move between state variants,
//! because the borrow points at it. Such a local lives in a *slot* of the machine's
//! [`Frame`] instead: a region of the pinned machine laid out like a stack frame (locals of
//! one block side by side, the blocks that never coexist overlapping in unions), whose
//! address never changes from the local's `let` to the end of its scope.
//!
//! # The invariants the expansion upholds
//!
//! Everything here is `#[doc(hidden)]`. Whatever would be undefined behaviour if misused is
//! an `unsafe fn` whose `# Safety` section names the invariant its caller upholds (the
//! expansion's `unsafe` blocks cite the same labels; the argument that the expansion upholds
//! them is under "Soundness" in the macro's docs), or is a safe method of a value that only
//! such an `unsafe fn` makes. A [`FramePtr`] is a plain address: safe code may hold one, but
//! only `unsafe` code can reach through it.
//!
//! 1. **One owner per initialised slot** (`slot-vacant`, `slot-owned`). A slot is written by
//!    [`Pinned::init`] (or [`PinnedOpt::init`]/[`PinnedOpt::empty`]) when the local's `let`
//!    runs; from then until the end of the local's scope exactly one *owner* exists for it at
//!    a time: a real local of the step closure while the body runs, or — while the machine is
//!    suspended — the state variant itself (the owner is forgotten when the state is saved,
//!    and rebuilt by [`Pinned::resume`] when the body resumes or when the machine is
//!    dropped). Dropping the owner drops the value in place: at the end of its scope, on
//!    unwinding, on cancellation.
//! 2. **The frame never moves** (`frame-live`, `frame-fixed`). Slots are reached only through
//!    a [`FramePtr`] derived from a pinned machine, so a reference into a slot stays valid
//!    until the value is dropped in place (this is also what makes [`pin_slot`] sound: a
//!    pinned value is dropped before its memory is reused or invalidated, the `Pin` drop
//!    guarantee).
//! 3. **Rust's borrow rules still hold, checked by rustc** (`twin-checked`). The accessors
//!    hand out references of any lifetime; the expansion of a coroutine with slots also
//!    contains the user's body as a dead, never-run `async` block that rustc type- and
//!    borrow-checks as a native coroutine. A program in which a borrow of a slot could
//!    outlive the value, or conflict with another access, is rejected there, with rustc's own
//!    message. A slot is only used as the native coroutine would use that local.
//! 4. **A moved-from slot is never read** (`slot-owned`: a flag says whether its slot holds
//!    a value). A local that the body may move out of has a drop flag (a `bool` in a slot of
//!    its own, [`Opt`]); the borrow check of invariant 3 rejects a use after a move, and the
//!    accessors check the flag anyway.

use core::cell::UnsafeCell;
use core::fmt;
use core::marker::{PhantomData, PhantomPinned};
use core::mem::{ManuallyDrop, MaybeUninit};
use core::pin::Pin;
use core::ptr;

/// The storage of a machine's slots and state: `P` is a [`Head`] (`Head0`…`Head8`: the root
/// block's slots, the machine's tag and variants) over a tree of [`Both`], [`Either`] and
/// [`Leaf`] nodes, whose leaf types rustc infers from the body. `K` is [`Fixed`] when something kept
/// across a suspension point may borrow a slot (the machine is `!Unpin`), [`Movable`] when
/// the slots only keep large locals in place (the borrow-checked twin verifies that no borrow
/// of them lives across a suspension point, so the machine may move between resumes).
pub struct Frame<P, K = Fixed> {
    storage: MaybeUninit<P>,
    _kind: K,
}

/// See [`Frame`]: the borrowers of slots live in the same machine, so it must never move
/// once pinned (and, like rustc's own coroutines, a `&mut` to it must not be assumed
/// unique).
pub type Fixed = PhantomPinned;

/// See [`Frame`].
#[derive(Clone, Copy, Debug, Default)]
pub struct Movable;

/// The two kinds of frame.
pub trait FrameKind: Sized {
    #[doc(hidden)]
    const KIND: Self;
}
impl FrameKind for Fixed {
    const KIND: Self = PhantomPinned;
}
impl FrameKind for Movable {
    const KIND: Self = Movable;
}

impl<P, K> Frame<P, K> {
    /// The address of the slots. Only a pinned frame hands it out (invariant 2); holding it
    /// is safe, reaching through it is not (every projection and accessor is `unsafe`).
    #[inline(always)]
    pub fn ptr(self: Pin<&mut Self>) -> FramePtr<P> {
        // SAFETY: the pointer is only used to reach slots in place; nothing is moved out of
        // the pinned frame. (`frame-live`)
        let this = unsafe { self.get_unchecked_mut() };
        // A raw pointer straight to the storage, no `&mut` to it: `MaybeUninit<P>` is `Unpin`,
        // so a `&mut` to it would be a unique reborrow of every slot, invalidating the
        // references into slots that the state keeps (a future holding `&mut rx` of a slot;
        // Miri's Stacked and Tree Borrows both reject that). The frame itself is `!Unpin`, so
        // `this` claims no uniqueness.
        FramePtr(ptr::addr_of_mut!(this.storage).cast::<P>())
    }
}

impl<P: Head, K> Frame<P, K> {
    /// The state's tag, read through a shared borrow of the frame (a stream's
    /// `FusedStream::is_terminated`).
    #[inline(always)]
    pub fn tag(&self) -> P::Tag {
        // Only the tag is read: no slot is reached, so no borrow of one is disturbed.
        let head = FramePtr(ptr::addr_of!(self.storage).cast::<P>().cast_mut());
        // SAFETY: `frame-live`: every frame is made by `Frame::with_state`, which writes the
        // tag, and the frame is borrowed for this call, so it is allocated; the tag is only
        // written by a step, through the pinned `&mut` of the machine that this shared
        // borrow excludes, so the read races with nothing.
        unsafe { *P::tag(head) }
    }

    /// The level of the machine whose state this frame holds (runtime `trace.rs`), read
    /// through a shared reference: the tag, then the fields of the variant it names.
    #[inline]
    pub(crate) fn level(&self) -> crate::trace::Level<'_>
    where
        P::Vars: crate::trace::VarsTrace<P::Tag>,
    {
        // Only read through (a `*mut` because `Head`'s accessors take one; nothing is written).
        let head = FramePtr(ptr::addr_of!(self.storage).cast::<P>().cast_mut());
        // SAFETY: `frame-live`: `self` is borrowed, so the frame is alive; its tag and vars
        // were written by `Frame::with_state` when it was made and are only ever replaced
        // (by the step, which cannot run while `self` is borrowed). `tag-names-variant`: the
        // tag names the variant whose fields the vars hold, as between any two steps.
        unsafe {
            let tag = *P::tag(head);
            crate::trace::VarsTrace::vars_level(&*P::vars(head), tag)
        }
    }
}

impl<P, K> fmt::Debug for Frame<P, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame").finish_non_exhaustive()
    }
}

/// The address of a node of a pinned [`Frame`]. Only frames make them; the step closure
/// receives one per run and projects it down to the slots it touches.
///
/// It has no lifetime, so it may outlive its frame: every projection that offsets it is an
/// `unsafe fn` (in-bounds pointer arithmetic needs a live frame), and so is everything that
/// reads or writes through it.
pub struct FramePtr<P>(*mut P);

impl<P> Clone for FramePtr<P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P> Copy for FramePtr<P> {}

/// Two nodes that coexist: the slots of one block, or a block's slots and its children.
pub struct Both<A, B>(A, B);

/// Two nodes that never coexist (sibling blocks): they share their storage.
pub union Either<A, B> {
    _a: ManuallyDrop<A>,
    _b: ManuallyDrop<B>,
}

/// The slot of one local.
pub struct Leaf<T>(MaybeUninit<T>);

impl<A, B> FramePtr<Both<A, B>> {
    /// The first node.
    ///
    /// # Safety
    ///
    /// `frame-live`: `self` points into a frame that is still allocated (the projection is
    /// in-bounds pointer arithmetic).
    #[inline(always)]
    pub unsafe fn first(self) -> FramePtr<A> {
        // SAFETY: `self.0` points into a live frame (the caller's `frame-live`); projecting
        // to a field stays inside that allocation and reads nothing.
        FramePtr(unsafe { ptr::addr_of_mut!((*self.0).0) })
    }
    /// The second node.
    ///
    /// # Safety
    ///
    /// `frame-live`: `self` points into a frame that is still allocated (the projection is
    /// in-bounds pointer arithmetic).
    #[inline(always)]
    pub unsafe fn second(self) -> FramePtr<B> {
        // SAFETY: as in `first`.
        FramePtr(unsafe { ptr::addr_of_mut!((*self.0).1) })
    }
}

// A block's own slots are one tuple, whose fields rustc orders to waste the least padding
// (a chain of `Both` would pad each pair on its own: a `u16`, a `u8` and a `u32` take 12
// bytes that way and 8 as a tuple).
macro_rules! tuple_slots {
    ($(($($t:ident $at:ident $i:tt),*);)*) => {$(
        impl<$($t),*> FramePtr<($($t,)*)> {
            $(
                /// One slot of the tuple.
                ///
                /// # Safety
                ///
                /// `frame-live`: as [`FramePtr::first`].
                #[inline(always)]
                pub unsafe fn $at(self) -> FramePtr<$t> {
                    // SAFETY: as in `Both::first`.
                    FramePtr(unsafe { ptr::addr_of_mut!((*self.0).$i) })
                }
            )*
        }
    )*};
}

tuple_slots! {
    (A0 at0 0);
    (A0 at0 0, A1 at1 1);
    (A0 at0 0, A1 at1 1, A2 at2 2);
    (A0 at0 0, A1 at1 1, A2 at2 2, A3 at3 3);
    (A0 at0 0, A1 at1 1, A2 at2 2, A3 at3 3, A4 at4 4);
    (A0 at0 0, A1 at1 1, A2 at2 2, A3 at3 3, A4 at4 4, A5 at5 5);
    (A0 at0 0, A1 at1 1, A2 at2 2, A3 at3 3, A4 at4 4, A5 at5 5, A6 at6 6);
    (A0 at0 0, A1 at1 1, A2 at2 2, A3 at3 3, A4 at4 4, A5 at5 5, A6 at6 6, A7 at7 7);
}

/// The root of a frame, and the machine's state beside it: the slots of the coroutine's
/// outermost block that holds pinned locals (`N0`, `N1`, …: `Leaf`s), the nodes of its child
/// blocks (`K`), the state's tag `T` (a field-less enum of the expansion) and the fields of
/// the state's variants `U` (a union of the expansion), all fields of one struct. rustc
/// orders a struct's fields to waste the least padding, so the tag and the small slots fill
/// each other's gaps, as in the layout rustc gives its own coroutines (tag and saved locals
/// side by side). An enum of the variants beside a tuple of the slots pads each on its own:
/// a `u32` and a `u16` slot beside an enum of 16-byte variants took 32 bytes that way, and
/// take 24 here.
///
/// The expansion reads and writes `T` and `U` through a [`State`] (`FramePtr::state`), and
/// is what keeps them in step (see [`State::set_tag`]).
///
/// Sealed: [`State`] reads the tag through [`Head::tag`], so only this module's heads may
/// say where it is.
pub trait Head: Sized + sealed::Sealed {
    /// The tag.
    type Tag: Copy;
    /// The variants' fields.
    type Vars;
    /// The tag's address.
    ///
    /// # Safety
    ///
    /// `frame-live`: as [`FramePtr::first`].
    #[doc(hidden)]
    unsafe fn tag(head: FramePtr<Self>) -> *mut Self::Tag;
    /// The variants' address.
    ///
    /// # Safety
    ///
    /// `frame-live`: as [`FramePtr::first`].
    #[doc(hidden)]
    unsafe fn vars(head: FramePtr<Self>) -> *mut Self::Vars;
}

mod sealed {
    pub trait Sealed {}
}

/// A [`Head`]'s state, as the step closure reaches it: made from the pinned frame's pointer
/// (`FramePtr::state`, an `unsafe fn` whose contract — the frame is live for `'a` and its tag
/// initialised — is what makes the safe methods here sound); `'a` is the borrow a projection
/// of it lives for.
pub struct State<'a, H> {
    head: FramePtr<H>,
    _borrow: PhantomData<&'a mut H>,
}

impl<H: Head> State<'_, H> {
    /// A shorter-lived handle to the same state, as `Pin::as_mut`.
    #[inline(always)]
    pub fn as_mut(&mut self) -> State<'_, H> {
        State {
            head: self.head,
            _borrow: PhantomData,
        }
    }

    /// The tag: which variant's fields the state holds.
    #[inline(always)]
    pub fn tag(&self) -> H::Tag {
        // SAFETY: `frame-live` for `'a` (the contract of `FramePtr::state`, which made
        // `self`): the tag is written when the frame is made (`Frame::with_state`) and only
        // ever replaced by another tag.
        unsafe { *H::tag(self.head) }
    }

    /// Says that the state now holds the fields of `tag`'s variant.
    ///
    /// # Safety
    ///
    /// Until the tag changes again, the fields of `tag`'s variant must be initialised (in
    /// `vars`, or in the head's slots the expansion keeps them in): the expansion's
    /// projections read them as such, and the machine's `Drop` drops them.
    #[inline(always)]
    pub unsafe fn set_tag(&mut self, tag: H::Tag) {
        // SAFETY: as in `tag`, for a write.
        unsafe { *H::tag(self.head) = tag }
    }

    /// The address of the variants' fields.
    #[inline(always)]
    pub fn vars(&self) -> *mut H::Vars {
        // SAFETY: `frame-live` for `'a`, as in `tag`.
        unsafe { H::vars(self.head) }
    }

    /// The head, to reach the fields of the variants that the expansion keeps beside the tag.
    #[inline(always)]
    pub fn head(&self) -> FramePtr<H> {
        self.head
    }
}

/// A node that holds one value: what [`Frame`]'s `set0`… write into it.
pub trait Slot {
    /// The value.
    type Value;
}

impl<T> Slot for Leaf<T> {
    type Value = T;
}

/// A value dropped in place when this guard is dropped: how a cancelled machine hands over
/// an awaited future (pinned, so never moved) to be dropped first, with the locals it
/// borrows already owned by the cancelling code, so that they are still dropped if its
/// drop panics.
pub struct DropInPlace<'a, T>(*mut T, PhantomData<&'a mut T>);

impl<T> DropInPlace<'_, T> {
    /// # Safety
    ///
    /// `value` is initialised, nothing else drops it or moves it, and it stays valid until
    /// the guard is dropped.
    #[inline(always)]
    pub unsafe fn new(value: *mut T) -> Self {
        DropInPlace(value, PhantomData)
    }
}

impl<T> Drop for DropInPlace<'_, T> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: see `new`.
        unsafe { ptr::drop_in_place(self.0) }
    }
}

macro_rules! heads {
    ($($name:ident <$($n:ident $f:ident $at:ident $set:ident),*>;)*) => {$(
        #[doc = concat!("A [`Head`] with ", stringify!($name), "'s number of own slots.")]
        pub struct $name<$($n,)* K, T, U> {
            $($f: $n,)*
            kids: K,
            tag: T,
            vars: U,
        }

        impl<$($n,)* K, T, U> sealed::Sealed for $name<$($n,)* K, T, U> {}

        impl<$($n,)* K, T: Copy, U> Head for $name<$($n,)* K, T, U> {
            type Tag = T;
            type Vars = U;
            #[inline(always)]
            unsafe fn tag(head: FramePtr<Self>) -> *mut T {
                // SAFETY: as in `Both::first`.
                unsafe { ptr::addr_of_mut!((*head.0).tag) }
            }
            #[inline(always)]
            unsafe fn vars(head: FramePtr<Self>) -> *mut U {
                // SAFETY: as in `Both::first`.
                unsafe { ptr::addr_of_mut!((*head.0).vars) }
            }
        }

        impl<$($n,)* K, T, U, Kind: FrameKind> Frame<$name<$($n,)* K, T, U>, Kind> {
            /// A frame with every slot uninitialised, in the state `tag` with `vars`.
            #[inline(always)]
            pub fn with_state(tag: T, vars: U) -> Self {
                let mut storage = MaybeUninit::<$name<$($n,)* K, T, U>>::uninit();
                let head = storage.as_mut_ptr();
                // SAFETY: `head` points to this storage, owned here; writing two of its
                // fields reads nothing.
                unsafe {
                    ptr::addr_of_mut!((*head).tag).write(tag);
                    ptr::addr_of_mut!((*head).vars).write(vars);
                }
                Frame {
                    storage,
                    _kind: Kind::KIND,
                }
            }

            $(
                /// Writes one of the root block's slots before the machine exists: an
                /// argument that the body keeps in a slot is put there at once, so the
                /// state's `Start` does not hold it a second time.
                #[inline(always)]
                pub fn $set(mut self, value: <$n as Slot>::Value) -> Self
                where
                    $n: Slot,
                {
                    let head = self.storage.as_mut_ptr();
                    // SAFETY: `head` points to this frame, owned here and not pinned yet,
                    // so nothing borrows the slot; a `Leaf` has its value's layout. A value
                    // the slot held already would only be leaked.
                    unsafe { ptr::addr_of_mut!((*head).$f).cast::<<$n as Slot>::Value>().write(value) };
                    self
                }
            )*
        }

        impl<$($n,)* K, T, U> FramePtr<$name<$($n,)* K, T, U>> {
            $(
                /// One of the root block's own slots.
                ///
                /// # Safety
                ///
                /// `frame-live`: as [`FramePtr::first`].
                #[inline(always)]
                pub unsafe fn $at(self) -> FramePtr<$n> {
                    // SAFETY: as in `Both::first`.
                    FramePtr(unsafe { ptr::addr_of_mut!((*self.0).$f) })
                }
            )*
            /// The root block's child blocks.
            ///
            /// # Safety
            ///
            /// `frame-live`: as [`FramePtr::first`].
            #[inline(always)]
            pub unsafe fn kids(self) -> FramePtr<K> {
                // SAFETY: as in `Both::first`.
                FramePtr(unsafe { ptr::addr_of_mut!((*self.0).kids) })
            }
            /// The machine's state.
            ///
            /// # Safety
            ///
            /// `frame-live`: `self` is the root of a frame made by `Frame::with_state` that
            /// stays allocated, and is not moved, for `'a` (the safe methods of [`State`]
            /// read and write its tag and variants through it).
            #[inline(always)]
            pub unsafe fn state<'a>(self) -> State<'a, $name<$($n,)* K, T, U>> {
                State { head: self, _borrow: PhantomData }
            }
        }
    )*};
}

heads! {
    Head0<>;
    Head1<N0 n0 at0 set0>;
    Head2<N0 n0 at0 set0, N1 n1 at1 set1>;
    Head3<N0 n0 at0 set0, N1 n1 at1 set1, N2 n2 at2 set2>;
    Head4<N0 n0 at0 set0, N1 n1 at1 set1, N2 n2 at2 set2, N3 n3 at3 set3>;
    Head5<N0 n0 at0 set0, N1 n1 at1 set1, N2 n2 at2 set2, N3 n3 at3 set3, N4 n4 at4 set4>;
    Head6<N0 n0 at0 set0, N1 n1 at1 set1, N2 n2 at2 set2, N3 n3 at3 set3, N4 n4 at4 set4, N5 n5 at5 set5>;
    Head7<N0 n0 at0 set0, N1 n1 at1 set1, N2 n2 at2 set2, N3 n3 at3 set3, N4 n4 at4 set4, N5 n5 at5 set5, N6 n6 at6 set6>;
    Head8<N0 n0 at0 set0, N1 n1 at1 set1, N2 n2 at2 set2, N3 n3 at3 set3, N4 n4 at4 set4, N5 n5 at5 set5, N6 n6 at6 set6, N7 n7 at7 set7>;
}

impl<A, B> FramePtr<Either<A, B>> {
    /// The left alternative.
    #[inline(always)]
    pub fn left(self) -> FramePtr<A> {
        // A union's fields all start at its address; `ManuallyDrop` is `repr(transparent)`.
        FramePtr(self.0.cast())
    }
    /// The right alternative.
    #[inline(always)]
    pub fn right(self) -> FramePtr<B> {
        FramePtr(self.0.cast())
    }
}

impl<T> FramePtr<Leaf<T>> {
    #[inline(always)]
    fn value(self) -> *mut T {
        // `Leaf` is a struct of one `MaybeUninit<T>`, which has `T`'s layout.
        self.0.cast()
    }

    /// The slot's address: how the expansion reaches a variant's field that it keeps in a
    /// head's slot rather than in the variants' union (macro `state.rs`).
    #[inline(always)]
    pub fn as_ptr(self) -> *mut T {
        self.value()
    }
}

/// The owner of a slot holding a local the body never moves out of (no drop flag): drops the
/// value in place when it goes out of scope (invariant 1).
///
/// Only `unsafe` functions make one ([`Pinned::init`] takes a `Vacant`; [`Pinned::resume`]),
/// and their contract — the slot holds the local's value until this owner drops it, and is
/// used only as the native local would be — is what makes its safe parts (`Drop`, `__set`
/// of the flagged kind, `Display`, `Debug`) sound.
pub struct Pinned<T> {
    ptr: *mut T,
}

/// A slot about to be initialised by its local's `let`: what [`Pinned::init`] writes.
/// Made by the `unsafe` [`Pinned::vacant`], so that the `let`'s initialiser (the user's
/// expression) is an argument of a safe call, outside any `unsafe` block.
pub struct Vacant<T> {
    ptr: *mut T,
}

impl<T> Pinned<T> {
    /// The slot of a local whose `let` runs now, for [`Pinned::init`].
    ///
    /// # Safety
    ///
    /// `frame-live`: `slot` is a slot of a frame that stays allocated and does not move until
    /// the owner `init` makes is dropped or forgotten. `slot-vacant`: the slot holds no value
    /// (its previous owner, if any, dropped it), and the owner `init` makes is its only one
    /// from then on (invariant 1). `twin-checked`: that owner is used as the native local
    /// would be.
    #[inline(always)]
    pub unsafe fn vacant(slot: FramePtr<Leaf<T>>) -> Vacant<T> {
        Vacant { ptr: slot.value() }
    }

    /// Runs the local's `let`: moves `value` into its slot.
    #[inline(always)]
    pub fn init(slot: Vacant<T>, value: T) -> Self {
        let ptr = slot.ptr;
        // SAFETY: `slot-vacant` and `frame-live`, the contract of `vacant`, which made
        // `slot`: the slot is in a live frame and holds no value.
        unsafe { ptr.write(value) };
        Pinned { ptr }
    }

    /// The owner of an initialised slot, rebuilt when the body resumes or the machine is
    /// dropped while suspended.
    ///
    /// # Safety
    ///
    /// `frame-live`, as for [`Pinned::vacant`]. `slot-owned`: the slot holds its local's
    /// value and no other owner of it exists (the previous one was forgotten when the state
    /// was saved, or the value was put there by `Frame::setN`). `twin-checked`: the owner is
    /// used as the native local would be.
    #[inline(always)]
    pub unsafe fn resume(slot: FramePtr<Leaf<T>>) -> Self {
        Pinned { ptr: slot.value() }
    }
}

impl<T> Pinned<T> {
    /// The local as a receiver whose autoref the method picks: see [`Place`].
    ///
    /// # Safety
    ///
    /// `twin-checked`, as [`Pinned::__place`]: the place is used where the user's local
    /// was, as the native code uses it.
    #[inline(always)]
    pub unsafe fn __place_auto(&self) -> Place<T> {
        Place { ptr: self.ptr }
    }
    /// [`place`] as a method: the receiver's type fixes `T` before any coercion of the
    /// result (`&buf` passed as `&[u8]`).
    ///
    /// # Safety
    ///
    /// `twin-checked`: the reference, whose lifetime the caller picks, is used only where
    /// the native coroutine could use `&local`: it does not outlive the value, and no
    /// `&mut` access overlaps it.
    #[inline(always)]
    pub unsafe fn __place<'a>(&self) -> &'a T {
        // SAFETY: the caller's `twin-checked`.
        unsafe { place(self) }
    }
    /// [`place_mut`] as a method.
    ///
    /// # Safety
    ///
    /// `twin-checked`: as [`Pinned::__place`], for `&mut local`: no other access overlaps
    /// the reference.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn __place_mut<'a>(&self) -> &'a mut T {
        // SAFETY: the caller's `twin-checked`.
        unsafe { place_mut(self) }
    }
}

impl<T> Pinned<T> {
    /// The local's address, from which the expansion projects a field path in place
    /// (`&mut (*p).b`, `&raw mut (*p).hits`): only the field is borrowed, as a native field
    /// path borrows only the field (a reference to the whole local would be an access to
    /// every other field too, which a live `&mut` to one of them, or another thread, may be
    /// using).
    ///
    /// # Safety
    ///
    /// `twin-checked`, as [`Pinned::__place`]: the pointer is dereferenced at once, where the
    /// user's field path was, and only to take that field's place, which is used as the
    /// native coroutine uses it.
    #[inline(always)]
    pub unsafe fn __ptr(&self) -> *mut T {
        self.ptr
    }
}

impl<T> Drop for Pinned<T> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the slot holds a value and this is its only owner (`slot-vacant` or
        // `slot-owned`, the contract of the function that made `self`); it never moved
        // (`frame-live`), so dropping it in place honours any `Pin` made of it.
        unsafe { ptr::drop_in_place(self.ptr) }
    }
}

/// The local in the slot, for reading.
///
/// # Safety
///
/// As [`Pinned::__place`].
#[inline(always)]
unsafe fn place<'a, T>(owner: &Pinned<T>) -> &'a T {
    // SAFETY: the slot holds an initialised value (invariant 1: `owner` exists) that stays
    // put until its owner drops it (invariant 2); the caller's `twin-checked` keeps every use
    // of this reference within the value's life and away from any mutable access.
    unsafe { &*owner.ptr }
}

/// The local in the slot, for writing.
///
/// # Safety
///
/// As [`Pinned::__place_mut`].
#[inline(always)]
#[allow(clippy::mut_from_ref)]
unsafe fn place_mut<'a, T>(owner: &Pinned<T>) -> &'a mut T {
    // SAFETY: as in `place`; the caller's `twin-checked` allows this access only where the
    // native coroutine could take `&mut` of the local.
    unsafe { &mut *owner.ptr }
}

/// A local in a slot as the receiver of a method whose receiver type the expansion cannot
/// see (`v.push(x)`, `hits.fetch_add(1, ..)`), or a scrutinee whose patterns may bind by
/// reference: `(**Place::reach(&mut owner.__place_auto())).method(..)`. The method's own
/// autoref picks [`Deref`](core::ops::Deref) for `&self` and
/// [`DerefMut`](core::ops::DerefMut) for `&mut self`, as it picks `&` or `&mut` of a
/// native local: a `&self` method never makes a `&mut` to the local, which
/// another thread (through a closure borrowing it) or an argument (`c.set(c.get() + 1)`)
/// may be reading at the same time.
///
/// Only `__place_auto` (`unsafe`) makes one: its contract (`twin-checked`, the local is
/// alive and used as the native one would be) is what makes the safe `Deref`/`DerefMut`
/// sound.
pub struct Place<T> {
    ptr: *mut T,
}

// SAFETY: a `Place` is used as a `&T` or a `&mut T` to the local (the contract of
// `__place_auto`), as a `Handle` is: `Send` when both would be, `Sync` when `&T` is. (It
// lives to the end of its statement, so across an `.await` in an `async` block that borrows
// the local, which already holds a `Handle` with the same bounds.)
unsafe impl<T: Send + Sync> Send for Place<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for Place<T> {}

impl<T> Place<T> {
    /// A reference to this temporary with a lifetime of the caller's choice: the place it
    /// reaches lives as long as the local, not as long as this statement's temporary.
    ///
    /// # Safety
    ///
    /// The returned reference is used only to take the local's place (`**`) at once, while
    /// the temporary lives; what `Deref`/`DerefMut` return does not borrow from it.
    #[inline(always)]
    #[allow(clippy::needless_lifetimes)]
    pub unsafe fn reach<'a>(this: &mut Place<T>) -> &'a mut Place<T> {
        // SAFETY: the caller's: the reference is dereferenced before the temporary dies.
        unsafe { &mut *(this as *mut Place<T>) }
    }
}

impl<T> core::ops::Deref for Place<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: the contract of `__place_auto`, which made `self`: the local is alive and
        // this shared access is one the native code makes (`twin-checked`).
        unsafe { &*self.ptr }
    }
}

impl<T> core::ops::DerefMut for Place<T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`, for the `&mut` access the native code makes.
        unsafe { &mut *self.ptr }
    }
}

/// `pin!(value)`: the value lives in a slot that nothing names, so it is never moved until
/// its owner drops it in place.
///
/// # Safety
///
/// `frame-fixed`: the slot is in a frame that never moves again (a `Fixed` frame of a pinned
/// machine), and the value is reached only through the returned `Pin` (the owner is a hidden
/// local of the expansion). `twin-checked`: the `Pin` is used as the native `pin!`'s would
/// be.
#[inline(always)]
pub unsafe fn pin_slot<'a, T>(owner: &Pinned<T>) -> Pin<&'a mut T> {
    // SAFETY: the value is only reachable through this `Pin` and never moves
    // (`frame-fixed`), and it is dropped in place by its owner before the frame's memory is
    // reused (invariant 1); the reference is used as the caller's `twin-checked` says.
    unsafe { Pin::new_unchecked(place_mut(owner)) }
}

/// A slot with a drop flag: the value's slot and, apart, a `bool` that says whether it holds
/// a value (invariant 4). The flags are one `[bool; N]` node of the frame's root, beside the
/// state's tag, where an `Option<T>` would round `T` up by its alignment (an `i64` local: 9
/// bytes instead of 16), as rustc keeps its own drop flags.
pub struct Opt<T> {
    value: *mut T,
    flag: *mut bool,
}

impl<T> Clone for Opt<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Opt<T> {}

impl<T> Opt<T> {
    #[inline(always)]
    fn new(slot: FramePtr<Leaf<T>>, flag: FramePtr<Leaf<bool>>) -> Self {
        Opt {
            value: slot.value(),
            flag: flag.value(),
        }
    }

    /// The value, or `None` once moved out.
    ///
    /// # Safety
    ///
    /// The slot and its flag are initialised (invariant 1) and the access is one the borrow
    /// check of invariant 3 allows.
    #[inline(always)]
    unsafe fn get<'a>(self) -> Option<&'a mut T> {
        // SAFETY: the caller's.
        unsafe { (*self.flag).then(|| &mut *self.value) }
    }

    /// Moves the value out, leaving the slot empty.
    ///
    /// # Safety
    ///
    /// As `get`, for a move.
    #[inline(always)]
    unsafe fn take(self) -> Option<T> {
        // SAFETY: the caller's; clearing the flag first makes the read a move.
        unsafe {
            if *self.flag {
                *self.flag = false;
                Some(self.value.read())
            } else {
                None
            }
        }
    }

    /// Drops the value in place, if any, leaving the slot empty: never a move (a typed copy),
    /// as the value may hold a reference that is dangling by now (a dead local that owes only
    /// its drop, whose drop glue does not use that reference), as rustc drops in place.
    ///
    /// # Safety
    ///
    /// As `take`.
    #[inline(always)]
    unsafe fn drop_value(self) {
        // SAFETY: the caller's; clearing the flag first leaves the slot empty even if the
        // drop panics.
        unsafe {
            if *self.flag {
                *self.flag = false;
                ptr::drop_in_place(self.value);
            }
        }
    }

    /// Drops the value, if any, and stores `value`.
    ///
    /// # Safety
    ///
    /// As `get`, for an assignment.
    #[inline(always)]
    unsafe fn set(self, value: T) {
        // SAFETY: the caller's. The flag is cleared while the old value is dropped, so a
        // panic there leaves an empty slot, not one dropped twice.
        unsafe {
            self.drop_value();
            self.value.write(value);
            *self.flag = true;
        }
    }
}

impl<const N: usize> FramePtr<Leaf<[bool; N]>> {
    /// One of the drop flags the root keeps side by side (`Opt`).
    ///
    /// # Safety
    ///
    /// `frame-live`: as [`FramePtr::first`].
    #[inline(always)]
    pub unsafe fn flag(self, i: usize) -> FramePtr<Leaf<bool>> {
        // SAFETY: the caller's `frame-live`, as in `Both::first`; indexing the array place
        // checks `i` and creates no reference.
        FramePtr(unsafe { ptr::addr_of_mut!((*self.value())[i]) }.cast())
    }
}

/// The owner of a slot holding a local the body may move out of: the slot has a drop flag
/// ([`Opt`]), cleared once moved (invariant 4). As for [`Pinned`], only `unsafe` functions
/// make one, and their contract makes its safe parts sound.
pub struct PinnedOpt<T> {
    slot: Opt<T>,
}

/// A flagged slot about to be initialised by its local's `let`: see [`Vacant`].
pub struct VacantOpt<T> {
    slot: Opt<T>,
}

impl<T> PinnedOpt<T> {
    /// The slot and flag of a local whose `let` runs now, for [`PinnedOpt::init`] (or
    /// [`PinnedOpt::empty`]).
    ///
    /// # Safety
    ///
    /// As [`Pinned::vacant`], for the slot and its flag.
    #[inline(always)]
    pub unsafe fn vacant(slot: FramePtr<Leaf<T>>, flag: FramePtr<Leaf<bool>>) -> VacantOpt<T> {
        VacantOpt {
            slot: Opt::new(slot, flag),
        }
    }

    /// Runs the local's `let` with an initialiser.
    #[inline(always)]
    pub fn init(slot: VacantOpt<T>, value: T) -> Self {
        let slot = slot.slot;
        // SAFETY: `slot-vacant` and `frame-live`, the contract of `vacant`, which made
        // `slot`; the flag is written too.
        unsafe {
            slot.value.write(value);
            slot.flag.write(true);
        }
        PinnedOpt { slot }
    }

    /// Runs `let x;`: the slot starts empty.
    #[inline(always)]
    pub fn empty(slot: VacantOpt<T>) -> Self {
        let slot = slot.slot;
        // SAFETY: `frame-live` and `slot-vacant`, the contract of `vacant`, which made
        // `slot`.
        unsafe { slot.flag.write(false) };
        PinnedOpt { slot }
    }

    /// See [`Pinned::resume`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::resume`]; the flag says whether the slot holds a value (`slot-owned`).
    #[inline(always)]
    pub unsafe fn resume(slot: FramePtr<Leaf<T>>, flag: FramePtr<Leaf<bool>>) -> Self {
        PinnedOpt {
            slot: Opt::new(slot, flag),
        }
    }
}

impl<T> PinnedOpt<T> {
    /// See [`Pinned::__place_auto`] (panics if the local was moved out).
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place_auto`].
    #[inline(always)]
    pub unsafe fn __place_auto(&self) -> Place<T> {
        Place {
            // SAFETY: the owner is alive (`self`), so its slot and flag are.
            ptr: unsafe { opt_ptr(self.slot) },
        }
    }
    /// [`opt_place`] as a method.
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place`].
    #[inline(always)]
    pub unsafe fn __place<'a>(&self) -> &'a T {
        // SAFETY: the caller's `twin-checked`.
        unsafe { opt_ref(self.slot) }
    }
    /// [`opt_place`] as a method, for writing.
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place_mut`].
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn __place_mut<'a>(&self) -> &'a mut T {
        // SAFETY: the caller's `twin-checked`.
        unsafe { opt_place(self.slot) }
    }
}

impl<T> PinnedOpt<T> {
    /// See [`Pinned::__ptr`] (panics if the local was moved out).
    ///
    /// # Safety
    ///
    /// As [`Pinned::__ptr`].
    #[inline(always)]
    pub unsafe fn __ptr(&self) -> *mut T {
        // SAFETY: the owner is alive (`self`), so its slot and flag are.
        unsafe { opt_ptr(self.slot) }
    }
}

impl<T> Drop for PinnedOpt<T> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: as in `Pinned`'s drop; a moved-out slot's flag is clear (`slot-owned`).
        unsafe { self.slot.drop_value() }
    }
}

#[cold]
#[inline(never)]
fn moved() -> ! {
    panic!("stackless: a pinned local was used after it was moved (this is a bug in stackless)")
}

/// The local in a flagged slot, for reading or writing.
///
/// # Safety
///
/// The slot and its flag belong to a live owner (invariant 1), and the caller's
/// `twin-checked` covers the reference.
#[inline(always)]
unsafe fn opt_place<'a, T>(slot: Opt<T>) -> &'a mut T {
    // SAFETY: the caller's (as in `place_mut`).
    unsafe { &mut *opt_ptr(slot) }
}

/// The local in a flagged slot, for reading: a shared reference, made without a `&mut`.
///
/// # Safety
///
/// As `opt_place`, for `&local`.
#[inline(always)]
unsafe fn opt_ref<'a, T>(slot: Opt<T>) -> &'a T {
    // SAFETY: the caller's (as in `place`).
    unsafe { &*opt_ptr(slot) }
}

/// The address of the value in a flagged slot (panics if it was moved out).
///
/// # Safety
///
/// The slot and its flag belong to a live owner (invariant 1).
#[inline(always)]
unsafe fn opt_ptr<T>(slot: Opt<T>) -> *mut T {
    // SAFETY: the flag is initialised while its owner lives (the caller's).
    if unsafe { *slot.flag } {
        slot.value
    } else {
        moved()
    }
}

/// `x = value;` for a flagged slot: drops the old value, if any, in place.
///
/// # Safety
///
/// As `opt_place`.
#[inline(always)]
unsafe fn opt_set<T>(slot: Opt<T>, value: T) {
    // SAFETY: the caller's: an assignment is allowed by the borrow check of invariant 3 only
    // while nothing borrows the local.
    unsafe { slot.set(value) }
}

/// A by-value use of a flagged local: copies a `Copy` value ([`ReadCopy`]), moves any
/// other one out ([`ReadMove`]), as the same use of a native local would. Only the `unsafe`
/// `__by_value` makes one, and its contract makes the (safe) reads sound.
pub struct ByValue<T>(Opt<T>);

impl<T> Clone for ByValue<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for ByValue<T> {}

impl<T> PinnedOpt<T> {
    /// `(&owner.__by_value()).__stackless_read()`: a by-value use of the local.
    ///
    /// # Safety
    ///
    /// `twin-checked`: the result is read at once, while `self` lives, where the native
    /// coroutine could use the local by value (no borrow of it is live).
    #[inline(always)]
    pub unsafe fn __by_value(&self) -> ByValue<T> {
        ByValue(self.slot)
    }
    /// `x = value;`: see [`opt_set`]. Safe: the contract of the function that made `self`
    /// (`twin-checked` included) is that of an assignment to the native local.
    #[inline(always)]
    pub fn __set(&self, value: T) {
        // SAFETY: `self` is the live owner of its slot (`slot-vacant`/`slot-owned`), and the
        // assignment is one the native local allows (`twin-checked`, the contract of the
        // function that made `self`).
        unsafe { opt_set(self.slot, value) }
    }
}

/// The slot of a pinned local as a closure or `async` block that the body keeps across a
/// suspension point sees it: the owner's address, moved into the closure (which becomes
/// `move`), so the closure borrows nothing of the step (the owner stays the owner).
/// Like a reference to the local: `Send` when a `&mut T` and a `&T` would both be.
/// Only the `unsafe` `__handle` makes one, and its contract makes its safe parts sound.
pub struct Handle<T>(*mut T);

/// [`Handle`] to a slot with a drop flag.
pub struct HandleOpt<T>(Opt<T>);

// Not `Copy`: a closure holding one must not become `Copy` where the native one is not.

// SAFETY: a handle is used as a `&T` or a `&mut T` to the local (`twin-checked`, the contract
// of `__handle`), which are `Send` when `T: Sync` and `T: Send` respectively, and `Sync` when
// `T: Sync`.
unsafe impl<T: Send + Sync> Send for Handle<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for Handle<T> {}
// SAFETY: as above.
unsafe impl<T: Send + Sync> Send for HandleOpt<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for HandleOpt<T> {}

impl<T> Pinned<T> {
    /// The handle a kept closure captures instead of the owner.
    ///
    /// # Safety
    ///
    /// `twin-checked`: the handle is used only while `self` lives, as the native closure
    /// uses the local it borrows.
    #[inline(always)]
    pub unsafe fn __handle(&self) -> Handle<T> {
        Handle(self.ptr)
    }
}

impl<T> PinnedOpt<T> {
    /// The handle a kept closure captures instead of the owner.
    ///
    /// # Safety
    ///
    /// As [`Pinned::__handle`].
    #[inline(always)]
    pub unsafe fn __handle(&self) -> HandleOpt<T> {
        HandleOpt(self.slot)
    }
}

impl<T> Handle<T> {
    /// The handle a closure nested in a kept closure captures: the same slot.
    ///
    /// # Safety
    ///
    /// As [`Pinned::__handle`]: the handle is used only while the local lives, as the
    /// native nested closure uses the local it borrows (`twin-checked`).
    #[inline(always)]
    pub unsafe fn __handle(&self) -> Handle<T> {
        Handle(self.0)
    }
    /// See [`Pinned::__place_auto`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place_auto`].
    #[inline(always)]
    pub unsafe fn __place_auto(&self) -> Place<T> {
        Place { ptr: self.0 }
    }
    /// See [`Pinned::__ptr`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__ptr`].
    #[inline(always)]
    pub unsafe fn __ptr(&self) -> *mut T {
        self.0
    }
    /// See [`place`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place`].
    #[inline(always)]
    pub unsafe fn __place<'a>(&self) -> &'a T {
        // SAFETY: as in `place`: the handle has the owner's address (the contract of
        // `__handle`), and the caller's `twin-checked` covers the reference.
        unsafe { &*self.0 }
    }
    /// See [`place_mut`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place_mut`].
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn __place_mut<'a>(&self) -> &'a mut T {
        // SAFETY: as in `__place`.
        unsafe { &mut *self.0 }
    }
}

impl<T> HandleOpt<T> {
    /// As [`Handle::__handle`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__handle`] (`twin-checked`).
    #[inline(always)]
    pub unsafe fn __handle(&self) -> HandleOpt<T> {
        HandleOpt(self.0)
    }
    /// See [`PinnedOpt::__place_auto`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place_auto`].
    #[inline(always)]
    pub unsafe fn __place_auto(&self) -> Place<T> {
        Place {
            // SAFETY: the handle's owner is alive (the contract of `__handle`).
            ptr: unsafe { opt_ptr(self.0) },
        }
    }
    /// See [`PinnedOpt::__ptr`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__ptr`].
    #[inline(always)]
    pub unsafe fn __ptr(&self) -> *mut T {
        // SAFETY: the handle's owner is alive (the contract of `__handle`).
        unsafe { opt_ptr(self.0) }
    }
    /// See [`opt_place`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place`].
    #[inline(always)]
    pub unsafe fn __place<'a>(&self) -> &'a T {
        // SAFETY: the handle has the owner's slot (the contract of `__handle`), and the
        // caller's `twin-checked` covers the reference.
        unsafe { opt_ref(self.0) }
    }
    /// See [`opt_place`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place_mut`].
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn __place_mut<'a>(&self) -> &'a mut T {
        // SAFETY: as in `__place`.
        unsafe { opt_place(self.0) }
    }
    /// See [`PinnedOpt::__by_value`].
    ///
    /// # Safety
    ///
    /// As [`PinnedOpt::__by_value`].
    #[inline(always)]
    pub unsafe fn __by_value(&self) -> ByValue<T> {
        ByValue(self.0)
    }
    /// See [`opt_set`] and [`PinnedOpt::__set`].
    #[inline(always)]
    pub fn __set(&self, value: T) {
        // SAFETY: the handle has the live owner's slot and is used as the native closure
        // uses the local (`twin-checked`, the contract of `__handle`).
        unsafe { opt_set(self.0, value) }
    }
}

/// What a non-`move` closure (or `async` block) that uses a flagged pinned local by value
/// captures of it: `(&owner.__captured()).__stackless_capture()` gives a `HandleOpt` when
/// `T: Copy` (the native closure borrows a `Copy` local it reads by value, so a write
/// through the closure is seen by the body) and moves the value out into an [`Owned`]
/// otherwise (the native closure owns it: it lives as long as the closure, not the machine).
pub struct Captured<T>(Opt<T>);

impl<T> Clone for Captured<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Captured<T> {}

impl<T> PinnedOpt<T> {
    /// See [`Captured`].
    ///
    /// # Safety
    ///
    /// `twin-checked`: the native closure that this one stands for takes the local in (by
    /// value, or by reference when it is `Copy`), and the owner is alive.
    #[inline(always)]
    pub unsafe fn __captured(&self) -> Captured<T> {
        Captured(self.slot)
    }
}

impl<T> HandleOpt<T> {
    /// See [`Captured`].
    ///
    /// # Safety
    ///
    /// As [`PinnedOpt::__captured`].
    #[inline(always)]
    pub unsafe fn __captured(&self) -> Captured<T> {
        Captured(self.0)
    }
}

impl<T> Owned<T> {
    /// See [`Captured`] (a closure in a closure that owns the local).
    ///
    /// # Safety
    ///
    /// As [`PinnedOpt::__captured`]; the `Owned` outlives the result's use.
    #[inline(always)]
    pub unsafe fn __captured(&self) -> Captured<T> {
        Captured(self.opt())
    }
    /// The handle a closure in a closure that owns the local captures.
    ///
    /// # Safety
    ///
    /// As [`Pinned::__handle`]: the `Owned` outlives the handle's use, which the twin checks
    /// (`twin-checked`).
    #[inline(always)]
    pub unsafe fn __handle(&self) -> HandleOpt<T> {
        HandleOpt(self.opt())
    }
}

/// Chosen for `(&Captured(..)).__stackless_capture()` when `T: Copy`.
pub trait CaptureCopy {
    /// What the closure holds.
    type Out;
    /// A handle to the slot.
    fn __stackless_capture(&self) -> Self::Out;
}

impl<T: Copy> CaptureCopy for Captured<T> {
    type Out = HandleOpt<T>;
    #[inline(always)]
    fn __stackless_capture(&self) -> HandleOpt<T> {
        HandleOpt(self.0)
    }
}

/// Chosen for `(&Captured(..)).__stackless_capture()` when `T` is not `Copy`.
pub trait CaptureMove {
    /// What the closure holds.
    type Out;
    /// The value, moved out of the slot.
    fn __stackless_capture(self) -> Self::Out;
}

impl<T> CaptureMove for Captured<T> {
    type Out = Owned<T>;
    #[inline(always)]
    fn __stackless_capture(self) -> Owned<T> {
        // SAFETY: as in `ReadMove`: a `Captured` exists only by the contract of `__captured`
        // (`twin-checked`: the native closure moves the local in here, which the twin allows
        // only while nothing borrows it), and its slot is live.
        match unsafe { self.0.take() } {
            Some(v) => Owned {
                value: UnsafeCell::new(MaybeUninit::new(v)),
                flag: UnsafeCell::new(true),
            },
            None => moved(),
        }
    }
}

/// A pinned local moved into a closure or `async` block that the native one would own
/// ([`Captured`]): its value and drop flag, inside the closure, with an owner's methods, so
/// the closure's body is rewritten as everywhere else. Dropped with the closure.
pub struct Owned<T> {
    value: UnsafeCell<MaybeUninit<T>>,
    flag: UnsafeCell<bool>,
}

// SAFETY: an `Owned` is the local itself, held by the closure as the native closure holds
// it; the `UnsafeCell`s only let the rewritten body reach it through `&self` as it reaches
// any other slot, under the borrow check of the twin (`twin-checked`). So `Sync` when `T`
// is.
unsafe impl<T: Sync> Sync for Owned<T> {}

impl<T> Owned<T> {
    #[inline(always)]
    fn opt(&self) -> Opt<T> {
        Opt {
            value: self.value.get().cast(),
            flag: self.flag.get(),
        }
    }
    /// See [`PinnedOpt::__place_auto`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place_auto`], for the local the closure owns.
    #[inline(always)]
    pub unsafe fn __place_auto(&self) -> Place<T> {
        Place {
            // SAFETY: the value and flag are this `Owned`'s own.
            ptr: unsafe { opt_ptr(self.opt()) },
        }
    }
    /// See [`PinnedOpt::__ptr`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__ptr`], for the local the closure owns.
    #[inline(always)]
    pub unsafe fn __ptr(&self) -> *mut T {
        // SAFETY: the value and flag are this `Owned`'s own.
        unsafe { opt_ptr(self.opt()) }
    }
    /// See [`opt_place`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place`] (`twin-checked`), for the local the closure owns.
    #[inline(always)]
    pub unsafe fn __place<'a>(&self) -> &'a T {
        // SAFETY: the value and flag are this `Owned`'s own; the caller's `twin-checked`
        // covers the reference.
        unsafe { opt_ref(self.opt()) }
    }
    /// See [`opt_place`].
    ///
    /// # Safety
    ///
    /// As [`Pinned::__place_mut`] (`twin-checked`).
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn __place_mut<'a>(&self) -> &'a mut T {
        // SAFETY: as in `__place`.
        unsafe { opt_place(self.opt()) }
    }
    /// See [`PinnedOpt::__by_value`].
    ///
    /// # Safety
    ///
    /// As [`PinnedOpt::__by_value`]: the result is read at once, while the `Owned` lives.
    #[inline(always)]
    pub unsafe fn __by_value(&self) -> ByValue<T> {
        ByValue(self.opt())
    }
    /// See [`opt_set`].
    #[inline(always)]
    pub fn __set(&self, value: T) {
        // SAFETY: an `Owned` exists only by the contract of `__captured` (`twin-checked`):
        // the assignment is one the native closure makes to the local it owns, which the
        // twin allows only while nothing borrows it.
        unsafe { opt_set(self.opt(), value) }
    }
}

impl<T> Drop for Owned<T> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the flag says whether the value is there (cleared by a move out).
        unsafe { self.opt().drop_value() }
    }
}

impl<T: fmt::Debug> fmt::Debug for Owned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: as `__place`: formatting reads the local.
        match unsafe { self.opt().get() } {
            Some(v) => v.fmt(f),
            None => f.write_str("<moved>"),
        }
    }
}

impl<T: fmt::Display> fmt::Display for Owned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: as in `Debug`.
        match unsafe { self.opt().get() } {
            Some(v) => v.fmt(f),
            None => f.write_str("<moved>"),
        }
    }
}

/// Chosen for `(&ByValue(..)).__stackless_read()` when `T: Copy`.
pub trait ReadCopy {
    /// The local's type.
    type Out;
    /// Copies the value out.
    fn __stackless_read(&self) -> Self::Out;
}

impl<T: Copy> ReadCopy for ByValue<T> {
    type Out = T;
    #[inline(always)]
    fn __stackless_read(&self) -> T {
        // SAFETY: the contract of `__by_value`, which made `self` (`twin-checked`).
        *unsafe { opt_ref(self.0) }
    }
}

/// Chosen for `(&ByValue(..)).__stackless_read()` when `T` is not `Copy`.
pub trait ReadMove {
    /// The local's type.
    type Out;
    /// Moves the value out, leaving the slot empty.
    fn __stackless_read(self) -> Self::Out;
}

impl<T> ReadMove for ByValue<T> {
    type Out = T;
    #[inline(always)]
    fn __stackless_read(self) -> T {
        // SAFETY: the contract of `__by_value`, which made `self`: a move is allowed by the
        // borrow check of invariant 3 (`twin-checked`) only while nothing borrows the local.
        match unsafe { self.0.take() } {
            Some(v) => v,
            None => moved(),
        }
    }
}

// `format!("{x}")` names the local inside a string the expansion cannot rewrite, so the
// owner (or handle) is what gets formatted. Sound without `unsafe` at the call: the owner's
// (handle's) existence is the contract of the `unsafe fn` that made it — the slot holds the
// value and is used as the native local would be (`twin-checked`), and formatting reads
// `&local`.
impl<T: fmt::Display> fmt::Display for Pinned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: see above.
        fmt::Display::fmt(unsafe { place(self) }, f)
    }
}
impl<T: fmt::Debug> fmt::Debug for Pinned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: see above.
        fmt::Debug::fmt(unsafe { place(self) }, f)
    }
}
impl<T: fmt::Display> fmt::Display for PinnedOpt<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: see above.
        fmt::Display::fmt(unsafe { opt_ref(self.slot) }, f)
    }
}
impl<T: fmt::Debug> fmt::Debug for PinnedOpt<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: see above.
        fmt::Debug::fmt(unsafe { opt_ref(self.slot) }, f)
    }
}

impl<T: fmt::Display> fmt::Display for Handle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: see above.
        fmt::Display::fmt(unsafe { self.__place() }, f)
    }
}
impl<T: fmt::Debug> fmt::Debug for Handle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: see above.
        fmt::Debug::fmt(unsafe { self.__place() }, f)
    }
}
impl<T: fmt::Display> fmt::Display for HandleOpt<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: see above.
        fmt::Display::fmt(unsafe { self.__place() }, f)
    }
}
impl<T: fmt::Debug> fmt::Debug for HandleOpt<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // SAFETY: see above.
        fmt::Debug::fmt(unsafe { self.__place() }, f)
    }
}
