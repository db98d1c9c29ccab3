/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.LongTerm;
import java.io.Serializable;

/**
 * The kernel of integer sums with a {@link LongTerm}: one call per element, added exactly.
 *
 * <p>{@link TermKernels} defines a copy of this class's bytes for each term class, so that each
 * copy's call of the term sees one class and the JIT can inline it; this class itself is the
 * generic fallback. A copy is a hidden class in this package, so the class refers to nothing
 * private elsewhere, and has no lambdas or nested classes.
 */
final class LongTermSummation extends Summation.OfInt128 {

  private final LongTerm term;

  LongTermSummation(LongTerm term) {
    super(MAX_TERM_BLOCK, true, 1 << 12);
    this.term = term;
  }

  @Override
  public Kind kind() {
    return Kind.LONG_TERM;
  }

  @Override
  public Serializable term() {
    return term;
  }

  /**
   * Adds each value's upper 32 bits (signed) and lower 32 bits (unsigned) in two plain {@code
   * long}s: two independent adds per element, with no carry on the critical path. Fewer than
   * 2<sup>31</sup> values cannot overflow either sum (below 2<sup>62</sup> and 2<sup>63</sup> in
   * magnitude); the block folds them into 128 bits once.
   */
  @Override
  void block(long first, int count, Int128 accumulator) {
    LongTerm f = term;
    long high = 0;
    long low = 0;
    for (int i = 0; i < count; i++) {
      long value = f.applyAsLong(first + i);
      high += value >> 32;
      low += value & 0xFFFF_FFFFL;
    }
    accumulator.add(high >> 32, high << 32);
    accumulator.add(low);
  }
}
