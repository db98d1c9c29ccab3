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
   * Adds each term into the accumulator's large table, one load, one add and one store per term.
   * The loop leaves only when an entry would reach {@link DoubleAccumulator#FLUSH_THRESHOLD}: a
   * full entry, or a term that entry diverts (NaN, infinities, positive zeros and subnormals), which
   * the accumulator then handles before the loop resumes after that term.
   */
  @Override
  void block(long first, int count, DoubleAccumulator accumulator) {
    long[] entries = accumulator.entries();
    for (int stop = fill(entries, first, 0, count, accumulator);
        stop < count;
        stop = fill(entries, first, stop + 1, count, accumulator)) {
      accumulator.divertStopped();
    }
    accumulator.markNotEmpty();
  }

  /**
   * The hot loop: adds terms {@code from} to {@code count - 1} until one would bring its entry to
   * the threshold. Returns that term's position, with its bits and entry recorded in the
   * accumulator, or {@code count}. It calls nothing but the term, so that the compiler keeps it
   * small.
   */
  private int fill(
      long[] entries, long first, int from, int count, DoubleAccumulator accumulator) {
    DoubleTerm f = term;
    for (int i = from; i < count; i++) {
      long bits = Double.doubleToRawLongBits(f.applyAsDouble(first + i));
      int index = (int) (bits >>> 52);
      long entry =
          entries[index]
              + ((bits & DoubleAccumulator.FRACTION_MASK)
                  | ((bits & DoubleAccumulator.EXPONENT_MASK) == 0
                      ? 0
                      : DoubleAccumulator.IMPLICIT_BIT));
      if (entry >= DoubleAccumulator.FLUSH_THRESHOLD) {
        accumulator.stoppedBits = bits;
        accumulator.stoppedEntry = entry;
        return i;
      }
      entries[index] = entry;
    }
    return count;
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
