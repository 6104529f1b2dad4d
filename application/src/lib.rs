//! Use cases of Book Your Services and the ports they run through.
