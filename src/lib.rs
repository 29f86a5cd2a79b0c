//! placeholder; written below
