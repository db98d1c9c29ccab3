/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The partial sums of one accumulator type: how a chunk's exact sum starts, merges into the job's
 * total, and travels between JVMs. There are two, one per accumulator: {@link #INTEGER} for
 * integer sums and {@link #FLOATING} for sums of doubles. Every sum kind uses one of them, so
 * merging and the wire form of a partial sum are written once per accumulator, not per kind.
 *
 * @param <A> the accumulator
 */
public abstract class PartialSums<A> {

  /** Integer sums, exact in 128 bits; a partial sum travels as its two halves, 16 bytes. */
  public static final PartialSums<Int128> INTEGER =
      new PartialSums<>() {
        @Override
        public Int128 zero() {
          return new Int128();
        }

        @Override
        public void merge(Int128 into, Int128 part) {
          into.add(part);
        }

        @Override
        public void write(Int128 sum, DataOutput out) throws IOException {
          out.writeLong(sum.high());
          out.writeLong(sum.low());
        }

        @Override
        public Int128 read(DataInput in) throws IOException {
          long high = in.readLong();
          return new Int128(high, in.readLong());
        }

        @Override
        public String toString() {
          return "INTEGER";
        }
      };

  /** Sums of doubles, exact in a superaccumulator; see {@link DoubleAccumulator#writeTo}. */
  public static final PartialSums<DoubleAccumulator> FLOATING =
      new PartialSums<>() {
        @Override
        public DoubleAccumulator zero() {
          return new DoubleAccumulator();
        }

        @Override
        public void merge(DoubleAccumulator into, DoubleAccumulator part) {
          into.merge(part);
        }

        @Override
        public void write(DoubleAccumulator sum, DataOutput out) throws IOException {
          sum.writeTo(out);
        }

        @Override
        public DoubleAccumulator read(DataInput in) throws IOException {
          return DoubleAccumulator.readFrom(in);
        }

        @Override
        public String toString() {
          return "FLOATING";
        }
      };

  private PartialSums() {}

  /** Returns a new accumulator holding the empty sum. */
  public abstract A zero();

  /** Adds {@code part} into {@code into}; {@code part} keeps its value. */
  public abstract void merge(A into, A part);

  /** Writes a partial sum, exactly, for another JVM. */
  public abstract void write(A sum, DataOutput out) throws IOException;

  /**
   * Reads a partial sum written by {@link #write}.
   *
   * @throws IOException if the bytes are short or do not hold a valid sum
   */
  public abstract A read(DataInput in) throws IOException;
}
