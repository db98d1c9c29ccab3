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
  public SumKind kind() {
    return SumKind.LONG_TERM;
  }

  @Override
  public Serializable term() {
    return term;
  }

  /**
   * Adds each value's upper 32 bits (signed) into one plain {@code long} and the value itself,
   * wrapping, into another: two independent adds per element, with no carry on the critical path.
   * Fewer than 2<sup>31</sup> values cannot overflow the sum of upper halves (below 2<sup>62</sup>
   * in magnitude), and the sum of their lower halves, which lies in [0, 2<sup>63</sup>), is the
   * wrapped sum minus the upper halves' part, exactly. The block folds both into 128 bits once.
   *
   * <p>The loop here runs when the elements lie in {@code [0, 2^62)}, and the JIT knows they do
   * (see {@link Summation#NON_NEGATIVE}); other blocks go to {@link #blockAnywhere}. The loop is in
   * this method, not in one it calls: until this one is compiled, the callee would be compiled on
   * its own, without what the condition proves.
   */
  @Override
  void block(long first, int count, Int128 accumulator) {
    if ((first & ~NON_NEGATIVE) != 0) {
      blockAnywhere(first, count, accumulator);
      return;
    }
    LongTerm f = term;
    long start = first & NON_NEGATIVE; // first itself, known to the JIT to be non-negative
    long high = 0;
    long wrapped = 0;
    for (int i = 0; i < count; i++) {
      long value = f.applyAsLong(start + i);
      high += value >> 32;
      wrapped += value;
    }
    accumulator.add(high >> 32, high << 32);
    accumulator.add(wrapped - (high << 32));
  }

  /** {@link #block} where elements may be negative: the same loop, without the JIT's knowledge. */
  private void blockAnywhere(long first, int count, Int128 accumulator) {
    LongTerm f = term;
    long high = 0;
    long wrapped = 0;
    for (int i = 0; i < count; i++) {
      long value = f.applyAsLong(first + i);
      high += value >> 32;
      wrapped += value;
    }
    accumulator.add(high >> 32, high << 32);
    accumulator.add(wrapped - (high << 32));
  }
}
