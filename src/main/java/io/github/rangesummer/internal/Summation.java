/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static java.util.Objects.requireNonNull;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * What is summed over a range: the chunk loop (the kernel), its exact accumulator and how partial
 * accumulators merge. Every strategy runs chunks through the same three methods, in its own
 * threads or in worker processes, so the arithmetic cannot differ between strategies.
 *
 * @param <A> the accumulator: {@link Int128} for integer sums, {@link DoubleAccumulator} for
 *     floating-point sums
 */
public abstract class Summation<A> {

  /** The kinds of summation, as numbered in the worker protocol. */
  public enum Kind {
    /** The elements themselves. */
    IDENTITY,
    /** A {@link LongTerm} per element. */
    LONG_TERM,
    /** A {@link DoubleTerm} per element. */
    DOUBLE_TERM
  }

  private final int step;
  private final long defaultMinChunk;

  private Summation(int step, long defaultMinChunk) {
    this.step = step;
    this.defaultMinChunk = defaultMinChunk;
  }

  /** Returns the sum of the elements themselves. */
  public static Summation<Int128> identity() {
    return Identity.INSTANCE;
  }

  /** Returns the sum of a {@code long} term per element. */
  public static Summation<Int128> ofLong(LongTerm term) {
    return new OfLong(requireNonNull(term, "term"));
  }

  /** Returns the sum of a {@code double} term per element. */
  public static Summation<DoubleAccumulator> ofDouble(DoubleTerm term) {
    return new OfDouble(requireNonNull(term, "term"));
  }

  /** Returns which kind of summation this is. */
  public abstract Kind kind();

  /** Returns the term, or {@code null} for the identity. */
  public abstract Serializable term();

  /** Returns a new accumulator holding zero. */
  public abstract A newAccumulator();

  /** Adds {@code part} into {@code into}. */
  public abstract void merge(A into, A part);

  /** Writes an accumulator for the worker protocol. */
  public abstract void write(A accumulator, DataOutput out) throws IOException;

  /** Reads an accumulator written by {@link #write}. */
  public abstract A read(DataInput in) throws IOException;

  /** Returns the default smallest chunk worth handing to another worker. */
  public final long defaultMinChunk() {
    return defaultMinChunk;
  }

  /**
   * Sums {@code [from, to)} into {@code accumulator}, asking {@code checkpoint} whether to go on
   * every few thousand elements.
   *
   * @param from first element
   * @param to exclusive end, greater than {@code from}
   * @param accumulator where the sum goes
   * @param checkpoint asked between blocks
   * @return {@code true} if the whole chunk was summed, {@code false} if the checkpoint stopped it
   *     and the accumulator holds only part of it
   */
  public final boolean accumulate(long from, long to, A accumulator, Checkpoint checkpoint) {
    long first = from;
    long remaining = to - from; // unsigned
    while (remaining != 0) {
      int count = Long.compareUnsigned(remaining, step) < 0 ? (int) remaining : step;
      block(first, count, accumulator);
      first += count;
      remaining -= count;
      if (!checkpoint.proceed(count)) {
        return false;
      }
    }
    return true;
  }

  /** Sums {@code [first, first + count)} into the accumulator; {@code count <= step}. */
  abstract void block(long first, int count, A accumulator);

  /** The identity kernel: every element added, eight independent accumulators at a time. */
  private static final class Identity extends OfInt128 {

    static final Identity INSTANCE = new Identity();

    /**
     * Below this magnitude a block of at most 2<sup>16</sup> elements cannot overflow any of its
     * eight lanes (each gets fewer than 2<sup>14</sup> elements of magnitude below 2<sup>49</sup>).
     */
    private static final long FAST_LIMIT = 1L << 49;

    private Identity() {
      super(1 << 16, 1 << 16);
    }

    @Override
    public Kind kind() {
      return Kind.IDENTITY;
    }

    @Override
    public Serializable term() {
      return null;
    }

    @Override
    void block(long first, int count, Int128 accumulator) {
      if (first > -FAST_LIMIT && first < FAST_LIMIT - count) {
        fastBlock(first, count, accumulator);
      } else {
        exactBlock(first, count, accumulator);
      }
    }

    private static void fastBlock(long first, int count, Int128 accumulator) {
      long s0 = 0;
      long s1 = 0;
      long s2 = 0;
      long s3 = 0;
      long s4 = 0;
      long s5 = 0;
      long s6 = 0;
      long s7 = 0;
      int i = 0;
      for (int unrolled = count & ~7; i < unrolled; i += 8) {
        long x = first + i;
        s0 += x;
        s1 += x + 1;
        s2 += x + 2;
        s3 += x + 3;
        s4 += x + 4;
        s5 += x + 5;
        s6 += x + 6;
        s7 += x + 7;
      }
      for (; i < count; i++) {
        s0 += first + i;
      }
      accumulator.add(s0);
      accumulator.add(s1);
      accumulator.add(s2);
      accumulator.add(s3);
      accumulator.add(s4);
      accumulator.add(s5);
      accumulator.add(s6);
      accumulator.add(s7);
    }

    private static void exactBlock(long first, int count, Int128 accumulator) {
      long high = 0;
      long low = 0;
      for (int i = 0; i < count; i++) {
        long value = first + i;
        long sum = low + value;
        high += (value >> 63) + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
        low = sum;
      }
      accumulator.add(high, low);
    }

  }

  /** A {@link LongTerm} per element, accumulated in 128 bits without a branch per element. */
  private static final class OfLong extends OfInt128 {

    private final LongTerm term;

    OfLong(LongTerm term) {
      super(1 << 10, 1 << 12);
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

    @Override
    void block(long first, int count, Int128 accumulator) {
      LongTerm f = term;
      long high = 0;
      long low = 0;
      for (int i = 0; i < count; i++) {
        long value = f.applyAsLong(first + i);
        long sum = low + value;
        high += (value >> 63) + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
        low = sum;
      }
      accumulator.add(high, low);
    }

  }

  /** A {@link DoubleTerm} per element, accumulated exactly. */
  private static final class OfDouble extends Summation<DoubleAccumulator> {

    private final DoubleTerm term;

    OfDouble(DoubleTerm term) {
      super(1 << 10, 1 << 12);
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

    @Override
    void block(long first, int count, DoubleAccumulator accumulator) {
      accumulator.addTerms(first, count, term);
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

  /** Integer sums: a 128-bit accumulator, written as its two halves. */
  private abstract static class OfInt128 extends Summation<Int128> {

    OfInt128(int step, long defaultMinChunk) {
      super(step, defaultMinChunk);
    }

    @Override
    public final Int128 newAccumulator() {
      return new Int128();
    }

    @Override
    public final void merge(Int128 into, Int128 part) {
      into.add(part);
    }

    @Override
    public final void write(Int128 accumulator, DataOutput out) throws IOException {
      out.writeLong(accumulator.high());
      out.writeLong(accumulator.low());
    }

    @Override
    public final Int128 read(DataInput in) throws IOException {
      long high = in.readLong();
      return new Int128(high, in.readLong());
    }
  }
}
