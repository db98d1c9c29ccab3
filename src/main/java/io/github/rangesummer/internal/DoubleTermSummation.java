/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.DoubleTerm;
import java.io.Serializable;

/**
 * The kernel of floating-point sums with a {@link DoubleTerm}: one call per element, added exactly
 * into a {@link DoubleAccumulator}.
 *
 * <p>Like {@link LongTermSummation}, this class is copied per term class by {@link TermKernels}
 * and is itself the generic fallback, so it refers to nothing private elsewhere and has no lambdas
 * or nested classes.
 */
final class DoubleTermSummation extends Summation<DoubleAccumulator> {

  private final DoubleTerm term;

  DoubleTermSummation(DoubleTerm term) {
    super(MAX_TERM_BLOCK, true, 1 << 12);
    this.term = term;
  }

  @Override
  public SumKind kind() {
    return SumKind.DOUBLE_TERM;
  }

  @Override
  public PartialSums<DoubleAccumulator> partials() {
    return PartialSums.FLOATING;
  }

  @Override
  public Serializable term() {
    return term;
  }

  /**
   * Adds each term's mantissa, implicit bit included, to the accumulator's entry for its sign and
   * exponent: one load, one add and one store per term. An entry that is negative after the add is
   * full, or one that diverts its terms (zeros, subnormals, NaN and infinities). The inner loop
   * handles zeros itself, noting whether a {@code +0.0} was seen; for the others it leaves, the
   * outer loop stores what {@link DoubleAccumulator#settle} returns, called through {@link
   * DoubleAccumulator#settleApart} so that it is never inlined, and the inner loop resumes at the
   * next term. So the inner loop calls nothing but the term, and the JIT keeps its values in
   * registers; with the call inside the loop, it spilled some of them on every term, and in some
   * compilations all of them (up to 1.6x slower).
   *
   * <p>This loop runs when the elements lie in {@code [0, 2^62)}, and the JIT knows they do (see
   * {@link Summation#NON_NEGATIVE}); other blocks go to {@link #blockAnywhere}.
   */
  @Override
  void block(long first, int count, DoubleAccumulator accumulator) {
    if ((first & ~NON_NEGATIVE) != 0) {
      blockAnywhere(first, count, accumulator);
      return;
    }
    long[] entries = accumulator.entries();
    DoubleTerm f = term;
    long start = first & NON_NEGATIVE; // first itself, known to the JIT to be non-negative
    long zeros = 0;
    int i = 0;
    while (i < count) {
      long bits = 0;
      int exponent = 0;
      long entry = 0;
      for (i &= Integer.MAX_VALUE; i < count; i++) { // i >= 0 already; now the JIT knows it
        bits = Double.doubleToRawLongBits(f.applyAsDouble(start + i));
        exponent = (int) (bits >>> 52); // with the sign
        entry =
            entries[exponent]
                + ((bits & DoubleAccumulator.FRACTION_MASK) | DoubleAccumulator.IMPLICIT_BIT);
        if (entry < 0) {
          if ((bits << 1) != 0) {
            break;
          }
          zeros |= bits ^ Long.MIN_VALUE; // non-zero for +0.0; a zero's entry stays diverted
        } else {
          entries[exponent] = entry;
        }
      }
      if (i < count) {
        entries[exponent] = accumulator.settleApart(exponent, entry, bits);
        i++;
      }
    }
    accumulator.markNotEmpty(zeros);
  }

  /** {@link #block} where elements may be negative: the same loops, without the JIT's knowledge. */
  private void blockAnywhere(long first, int count, DoubleAccumulator accumulator) {
    long[] entries = accumulator.entries();
    DoubleTerm f = term;
    long zeros = 0;
    int i = 0;
    while (i < count) {
      long bits = 0;
      int exponent = 0;
      long entry = 0;
      for (; i < count; i++) {
        bits = Double.doubleToRawLongBits(f.applyAsDouble(first + i));
        exponent = (int) (bits >>> 52); // with the sign
        entry =
            entries[exponent]
                + ((bits & DoubleAccumulator.FRACTION_MASK) | DoubleAccumulator.IMPLICIT_BIT);
        if (entry < 0) {
          if ((bits << 1) != 0) {
            break;
          }
          zeros |= bits ^ Long.MIN_VALUE; // non-zero for +0.0; a zero's entry stays diverted
        } else {
          entries[exponent] = entry;
        }
      }
      if (i < count) {
        entries[exponent] = accumulator.settleApart(exponent, entry, bits);
        i++;
      }
    }
    accumulator.markNotEmpty(zeros);
  }
}
