/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import java.io.DataInput;
import java.io.IOException;

/**
 * What a sum reads: one constant per kind of input, the descriptor that every strategy shares.
 * Each kind names its partial sums and its explicit wire id, and rebuilds its kernel from the
 * form in which a chunk travels to another JVM ({@link #summation}). Worker processes and
 * executor tasks both go through that one method, and it is abstract: a kind added without it
 * does not compile.
 *
 * <p>Adding a kind: a constant here with a new wire id and its {@link #summation}, the kernel (a
 * {@link Summation}), the public method, and tests. {@code SumKindTest} checks that every kind
 * round-trips through the remote form.
 */
public enum SumKind {

  /** The elements themselves: {@code sum(start, end)}. */
  IDENTITY(1, false) {
    @Override
    public Summation<?> summation(Object term, DataInput chunk, long from, long to) {
      return Summation.identity();
    }
  },

  /** A {@link LongTerm} per element. */
  LONG_TERM(2, true) {
    @Override
    public Summation<?> summation(Object term, DataInput chunk, long from, long to) throws IOException {
      return Summation.ofLong(as(LongTerm.class, term));
    }
  },

  /** A {@link DoubleTerm} per element. */
  DOUBLE_TERM(3, true) {
    @Override
    public Summation<?> summation(Object term, DataInput chunk, long from, long to) throws IOException {
      return Summation.ofDouble(as(DoubleTerm.class, term));
    }
  },

  /** The elements of a {@code long[]}; each chunk carries its slice. */
  LONG_ARRAY(4, false) {
    @Override
    public Summation<?> summation(Object term, DataInput chunk, long from, long to)
        throws IOException {
      return ArraySummation.read(this, chunk, from, to);
    }
  },

  /** The elements of an {@code int[]}; each chunk carries its slice. */
  INT_ARRAY(5, false) {
    @Override
    public Summation<?> summation(Object term, DataInput chunk, long from, long to)
        throws IOException {
      return ArraySummation.read(this, chunk, from, to);
    }
  },

  /** The elements of a {@code double[]}; each chunk carries its slice. */
  DOUBLE_ARRAY(6, false) {
    @Override
    public Summation<?> summation(Object term, DataInput chunk, long from, long to)
        throws IOException {
      return ArraySummation.read(this, chunk, from, to);
    }
  },

  /** The elements of a {@code float[]}, each widened exactly; each chunk carries its slice. */
  FLOAT_ARRAY(7, false) {
    @Override
    public Summation<?> summation(Object term, DataInput chunk, long from, long to)
        throws IOException {
      return ArraySummation.read(this, chunk, from, to);
    }
  };

  private static final SumKind[] BY_WIRE = byWire();

  private final int wire;
  private final boolean hasTerm;

  SumKind(int wire, boolean hasTerm) {
    this.wire = wire;
    this.hasTerm = hasTerm;
  }

  /** Returns this kind's id on the wire: fixed, whatever the order of the constants. */
  public int wire() {
    return wire;
  }

  /**
   * Returns whether a job of this kind carries a term, serialized once per job and read with
   * {@link TermBytes#decode} where it runs, rather than only data of its chunks.
   */
  public boolean hasTerm() {
    return hasTerm;
  }

  /**
   * Rebuilds the kernel of one chunk where it runs.
   *
   * @param term the job's term as {@link TermBytes#decode} read it, or {@code null} for a kind
   *     without one
   * @param chunk the chunk's own data, as {@link Summation#writeChunk} wrote it
   * @param from the chunk's first element
   * @param to the chunk's exclusive end
   * @return the summation that sums {@code [from, to)}
   * @throws IOException if the term is of the wrong type or the chunk's data is malformed
   */
  public abstract Summation<?> summation(Object term, DataInput chunk, long from, long to)
      throws IOException;

  /**
   * Returns the kind of a wire id.
   *
   * @throws IOException for an id no kind has, as from a newer or broken sender
   */
  public static SumKind ofWire(int wire) throws IOException {
    if (wire <= 0 || wire >= BY_WIRE.length || BY_WIRE[wire] == null) {
      throw new IOException("unknown sum kind " + wire);
    }
    return BY_WIRE[wire];
  }

  private static SumKind[] byWire() {
    int max = 0;
    for (SumKind kind : values()) {
      max = Math.max(max, kind.wire);
    }
    SumKind[] table = new SumKind[max + 1];
    for (SumKind kind : values()) {
      if (table[kind.wire] != null) {
        throw new AssertionError(kind + " and " + table[kind.wire] + " share wire id " + kind.wire);
      }
      table[kind.wire] = kind;
    }
    return table;
  }

  /** Returns {@code term} as a {@code type}, or an {@link IOException} saying what it is. */
  static <T> T as(Class<T> type, Object term) throws IOException {
    if (!type.isInstance(term)) {
      throw new IOException(
          "the term is "
              + (term == null ? "missing" : "a " + term.getClass().getName())
              + ", not a "
              + type.getSimpleName());
    }
    return type.cast(term);
  }
}
