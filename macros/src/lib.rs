//! The `#[stackless::coroutine]` attribute. Implementation detail of the `stackless` crate:
//! depend on `stackless` and read its documentation.
//!
//! The macro is a small compiler; each stage is a file:
//!
//! 0. `cfg.rs` — `#[cfg]` on code that suspends: one expansion per combination of the
//!    predicates, each under its `#[cfg(all(..))]`.
//! 0. `blocks.rs` — the block forms (`iter! { .. }`, `stream! { .. }`, `try_stream! { .. }`,
//!    `co!(|first| ..)`): what the block captures made the parameters of a function that is
//!    never written, then every stage below as for a `fn`.
//! 1. `parse.rs` — signature: which machine (`Iterator`, `Coroutine`, `Future`, `Stream`),
//!    its types, its parameters; rejects what cannot be a coroutine.
//!    `for_await.rs` — `#[for_await] for x in stream`: the `while let` over
//!    `stackless::next(..).await` it stands for (before everything else).
//!    `guards.rs` — a `match` whose guard suspends, split into the tests rustc makes, the
//!    guard in an `if` (before everything else).
//!    `await_macros.rs` — `select!`/`join!`: run in a native `async` block awaited in place,
//!    their handlers' `return`/`?`/`break`/`continue` handed out as a `Flow` value.
//!    `partial.rs` — a local moved out of in part: taken whole at the move, the rest kept to
//!    the end of its scope (before the lowering and the twin).
//!    `maybe_moved.rs` — a local moved out on some paths only: moved on the others, at
//!    their end, into a holder that drops in its place (before the lowering and the twin).
//! 2. `lower.rs` — body: suspension points pulled out of expressions, loops made explicit.
//!    `temporaries.rs` — the temporaries rustc keeps across a point made hidden locals.
//! 3. `liveness.rs` — which locals each suspension point carries, and which are pinned
//!    (borrowed across a point) (with `flow.rs`: what can run after a point; `names.rs`:
//!    which locals code mentions, renaming hidden ones; `holders.rs`: which may hold a
//!    reference into a slot, so are kept in place when carried only for their drop).
//! 4. `pinned.rs` — where each pinned local lives in the frame, and every mention of it
//!    rewritten to reach its slot.
//!    `resident.rs` — which carried locals a generator keeps in its state between resumes,
//!    reached through references (or copied, if certainly `Copy`), instead of moving them
//!    out and back.
//! 5. `layout.rs` — the state enum: one variant per suspension point.
//!    `state.rs` — with pinned slots, the same state laid out by hand: tag, union of the
//!    variants and slots in one struct that rustc packs.
//! 6. `emit.rs` — the enum and the step closure that runs the body between suspensions;
//!    with pinned locals, the frame, the cancel closure and `twin.rs`'s borrow-checked copy
//!    of the body.

use proc_macro::TokenStream;

mod await_macros;
mod blocks;
mod boxed;
mod cfg;
mod emit;
mod expand;
mod flow;
mod for_await;
mod guards;
mod holders;
mod ir;
mod layout;
mod liveness;
mod lower;
mod maybe_moved;
mod names;
mod parse;
mod partial;
mod pinned;
mod resident;
mod returning;
mod scan;
mod state;
mod temporaries;
mod twin;

/// See `stackless::coroutine`.
#[proc_macro_attribute]
pub fn coroutine(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::expand(args.into(), item.into()).into()
}

/// See `stackless::iter`.
#[proc_macro]
pub fn iter(input: TokenStream) -> TokenStream {
    blocks::expand(blocks::Form::Iter, input.into()).into()
}

/// See `stackless::stream`.
#[proc_macro]
pub fn stream(input: TokenStream) -> TokenStream {
    blocks::expand(blocks::Form::Stream, input.into()).into()
}

/// See `stackless::try_stream`.
#[proc_macro]
pub fn try_stream(input: TokenStream) -> TokenStream {
    blocks::expand(blocks::Form::TryStream, input.into()).into()
}

/// See `stackless::co`.
#[proc_macro]
pub fn co(input: TokenStream) -> TokenStream {
    blocks::expand(blocks::Form::Co, input.into()).into()
}

#[cfg(test)]
mod snapshots;
