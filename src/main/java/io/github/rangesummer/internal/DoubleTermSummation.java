/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.DoubleTerm;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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
  public Kind kind() {
    return Kind.DOUBLE_TERM;
  }

  @Override
  public Serializable term() {
    return term;
  }

  /**
   * Adds each term's mantissa, implicit bit included, to the accumulator's entry for its sign and
   * exponent: one load, one add and one store per term. An entry that is negative after the add
   * (full, or one that diverts its terms: zeros, subnormals, NaN and infinities) goes to {@link
   * DoubleAccumulator#settle}, which returns the value to store; the loop never leaves early.
   */
  @Override
  void block(long first, int count, DoubleAccumulator accumulator) {
    long[] entries = accumulator.entries();
    DoubleTerm f = term;
    long index = first; // a second induction variable: cheaper than first + i per term
    for (int i = 0; i < count; i++, index++) {
      long bits = Double.doubleToRawLongBits(f.applyAsDouble(index));
      int exponent = (int) (bits >>> 52); // with the sign
      long entry =
          entries[exponent]
              + ((bits & DoubleAccumulator.FRACTION_MASK) | DoubleAccumulator.IMPLICIT_BIT);
      if (entry < 0) {
        entry = accumulator.settle(exponent, entry, bits);
      }
      entries[exponent] = entry;
    }
    accumulator.markNotEmpty();
  }

  @Override
  public DoubleAccumulator newAccumulator() {
    return new DoubleAccumulator();
  }

  @Override
  public void merge(DoubleAccumulator into, DoubleAccumulator part) {
    into.merge(part);
  }

  @Override
  public void write(DoubleAccumulator accumulator, DataOutput out) throws IOException {
    accumulator.writeTo(out);
  }

  @Override
  public DoubleAccumulator read(DataInput in) throws IOException {
    return DoubleAccumulator.readFrom(in);
  }
}
