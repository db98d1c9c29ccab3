/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static java.util.Objects.requireNonNull;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Locale;

/**
 * What is summed over a range: its {@link SumKind}, the chunk loop (the kernel), and its {@link
 * PartialSums} (the exact accumulator, how partial accumulators merge and travel). Every strategy
 * runs chunks through {@link #accumulate}, in its own threads, in worker processes or on a
 * cluster's members, so the arithmetic cannot differ between strategies.
 *
 * @param <A> the accumulator: {@link Int128} for integer sums, {@link DoubleAccumulator} for
 *     floating-point sums
 */
public abstract class Summation<A> {

  /**
   * How long a block of term calls should take. Blocks grow towards it and shrink when a block
   * takes longer, so the checkpoint between two blocks comes about every millisecond whatever a
   * term costs: far inside the 50 ms in which a stop must take effect, and rare enough to cost
   * nothing measurable.
   */
  static final long BLOCK_NANOS = 1_000_000;

  /** The most elements of a term block: about a millisecond of the cheapest terms. */
  static final int MAX_TERM_BLOCK = 1 << 20;

  /**
   * The first elements, {@code [0, 2^62)}, of blocks for which the term kernels tell the JIT that
   * every element is non-negative: {@code first & NON_NEGATIVE} is {@code first} there, but its
   * type lets the compiled term drop the corrections for negative operands, as in a hand-written
   * loop counting from 0 ({@code i % 7}, {@code i / 10}, {@code i % 64} as a mask).
   */
  static final long NON_NEGATIVE = (1L << 62) - 1;

  /** The type of {@link #block} as {@link #accumulate} invokes it, the receiver first. */
  private static final MethodType BLOCK =
      MethodType.methodType(void.class, Summation.class, long.class, int.class, Object.class);

  /**
   * Each kernel class's {@link #block} as a method handle, through which {@link #accumulate} calls
   * it. A handle read from an object is not a constant, so the JIT cannot inline the kernel into
   * {@code accumulate} and compiles it on its own. Inlined, the same loop ran up to 1.45x slower
   * once {@code accumulate} was compiled (JDK 17, a {@code long[]} term: 43 against 30 ms per
   * 10<sup>8</sup> elements on one thread). The indirection costs about 10 to 20 ns per sum with a
   * term ({@code TinySumBenchmark}: 320 against 331 to 337 ns for ten elements). After a few
   * thousand invocations the JVM customises the handle's lambda form, and the JIT compiles the
   * kernel again inside that form, still apart from {@code accumulate}.
   */
  private static final ClassValue<MethodHandle> BLOCKS =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> kernel) {
          try {
            return MethodHandles.lookup()
                .findVirtual(kernel, "block", BLOCK.dropParameterTypes(0, 1))
                .asType(BLOCK);
          } catch (ReflectiveOperationException e) {
            throw new AssertionError(kernel + " has no block method", e);
          }
        }
      };

  private final MethodHandle block = BLOCKS.get(getClass());
  private final int maxBlock;
  private final boolean adaptive;
  private final long defaultMinChunk;
  // The block size learned by the last chunk, where the next chunk starts. Racy on purpose: any
  // value a thread reads is a size some block used, and a stale one is corrected after one block.
  private int blockHint = 1;

  /**
   * Creates a summation.
   *
   * @param maxBlock the most elements per block
   * @param adaptive whether blocks are sized from their measured time (terms), or are always
   *     {@code maxBlock} elements (the identity, whose cost is known)
   * @param defaultMinChunk the default smallest chunk
   */
  Summation(int maxBlock, boolean adaptive, long defaultMinChunk) {
    this.maxBlock = maxBlock;
    this.adaptive = adaptive;
    this.defaultMinChunk = defaultMinChunk;
  }



  /** Returns the sum of the elements themselves. */
  public static Summation<Int128> identity() {
    return Identity.INSTANCE;
  }

  /**
   * Returns the sum of a {@code long} term per element, through a kernel specialised for the
   * term's class when one is available (see {@link TermKernels}).
   */
  public static Summation<Int128> ofLong(LongTerm term) {
    return TermKernels.shared()
        .specialise(LongTermSummation.class, LongTerm.class, requireNonNull(term, "term"));
  }

  /**
   * Returns the sum of a {@code double} term per element, through a kernel specialised for the
   * term's class when one is available (see {@link TermKernels}).
   */
  public static Summation<DoubleAccumulator> ofDouble(DoubleTerm term) {
    return TermKernels.shared()
        .specialise(DoubleTermSummation.class, DoubleTerm.class, requireNonNull(term, "term"));
  }

  /** Returns the sum of the elements of {@code values}, at positions {@code [0, length)}. */
  public static Summation<Int128> ofLongs(long[] values) {
    return ArraySummation.ofLongs(values, 0);
  }

  /** Returns the sum of the elements of {@code values}, at positions {@code [0, length)}. */
  public static Summation<Int128> ofInts(int[] values) {
    return ArraySummation.ofInts(values, 0);
  }

  /** Returns the sum of the elements of {@code values}, at positions {@code [0, length)}. */
  public static Summation<DoubleAccumulator> ofDoubles(double[] values) {
    return ArraySummation.ofDoubles(values, 0);
  }

  /** Returns the exact sum of the elements of {@code values}, widened to doubles. */
  public static Summation<DoubleAccumulator> ofFloats(float[] values) {
    return ArraySummation.ofFloats(values, 0);
  }

  /** Returns which kind of sum this is. */
  public abstract SumKind kind();

  /** Returns the partial sums of this kind's accumulator. */
  public abstract PartialSums<A> partials();

  /**
   * Returns the term, which travels serialized once per job to other JVMs, or {@code null} for a
   * kind without one ({@link SumKind#hasTerm()}).
   */
  public Serializable term() {
    return null;
  }

  /**
   * Returns how many bytes of data each element of a chunk carries to another JVM: 0 where
   * chunks are described by their bounds alone, the element size where a chunk carries its own
   * slice of the data (arrays), which bounds a chunk's length on remote strategies.
   */
  public int bytesPerElement() {
    return 0;
  }

  /**
   * Writes the data of chunk {@code [from, to)} that travels with it to another JVM, where
   * {@link SumKind#summation} reads it back; nothing by default.
   *
   * @throws IOException if writing fails
   */
  public void writeChunk(long from, long to, DataOutput out) throws IOException {}

  /**
   * Describes what is summed over {@code [start, end)} for messages, such as {@code the sum over
   * [0, 10)}.
   */
  public String describe(long start, long end) {
    return String.format(Locale.ROOT, "the sum over [%d, %d)", start, end);
  }

  /** Returns a new accumulator holding zero. */
  public final A newAccumulator() {
    return partials().zero();
  }

  /** Adds {@code part} into {@code into}. */
  public final void merge(A into, A part) {
    partials().merge(into, part);
  }

  /** Returns the default smallest chunk worth handing to another worker. */
  public final long defaultMinChunk() {
    return defaultMinChunk;
  }

  /**
   * Sums {@code [from, to)} into {@code accumulator} block by block, asking {@code checkpoint}
   * whether to go on after each block.
   *
   * <p>The identity's blocks have a fixed size (a few microseconds). A term's cost is unknown, so
   * its blocks are sized from measured time: the first block of a sum is one call, and each block
   * is sized so that it should take about {@link #BLOCK_NANOS} at the pace of the one before it,
   * up to {@link #MAX_TERM_BLOCK} elements. A 10 ms term is then asked about every call; a cheap
   * one reaches a million calls per block within a few blocks.
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
    int size = adaptive ? blockHint : maxBlock;
    while (remaining != 0) {
      int count = Long.compareUnsigned(remaining, size) < 0 ? (int) remaining : size;
      long started = adaptive ? System.nanoTime() : 0;
      try {
        block.invokeExact(this, first, count, (Object) accumulator);
      } catch (Throwable failure) {
        throw Summation.<RuntimeException>unchanged(failure);
      }
      if (adaptive && count == size) {
        size = nextBlockSize(size, System.nanoTime() - started);
      }
      first += count;
      remaining -= count;
      if (!checkpoint.proceed(count)) {
        break;
      }
    }
    if (adaptive) {
      blockHint = size;
    }
    return remaining == 0;
  }

  /**
   * Returns the size of the block after a full one of {@code size} elements that took {@code
   * nanos}: up to four times larger while blocks take under a quarter of {@link #BLOCK_NANOS}, so
   * the next one should take at most about that long, and smaller in proportion when a block took
   * more than twice as long.
   */
  final int nextBlockSize(int size, long nanos) {
    if (nanos < BLOCK_NANOS / 4) {
      return (int) Math.min(maxBlock, 4L * size);
    }
    if (nanos > 2 * BLOCK_NANOS) {
      return (int) Math.max(1, size * BLOCK_NANOS / nanos);
    }
    return size;
  }

  /**
   * Rethrows what a term threw as it is, checked or not, as a direct call would have: callers of
   * {@link #accumulate} report the term's own exception.
   */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T unchanged(Throwable failure) throws T {
    throw (T) failure;
  }

  /** Sums {@code [first, first + count)} into the accumulator; {@code 0 < count <= maxBlock}. */
  abstract void block(long first, int count, A accumulator);

  /**
   * The identity kernel: the offsets of a block's elements from its first element, added with
   * eight independent accumulators, and {@code count * first} added once, exactly. The offsets of
   * a block are below 2<sup>16</sup>, so no lane can overflow, wherever the block lies in the
   * {@code long} domain.
   */
  private static final class Identity extends OfInt128 {

    static final Identity INSTANCE = new Identity();

    private Identity() {
      super(1 << 16, false, 1 << 16);
    }

    @Override
    public SumKind kind() {
      return SumKind.IDENTITY;
    }

    @Override
    void block(long first, int count, Int128 accumulator) {
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
        long x = i;
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
        s0 += i;
      }
      accumulator.add(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
      accumulator.addProduct(count, first);
    }
  }

  /**
   * Integer sums: a 128-bit accumulator, written as its two halves. Package-private, not private:
   * the specialised copies of {@link LongTermSummation} extend it from hidden classes.
   */
  abstract static class OfInt128 extends Summation<Int128> {

    OfInt128(int maxBlock, boolean adaptive, long defaultMinChunk) {
      super(maxBlock, adaptive, defaultMinChunk);
    }

    @Override
    public final PartialSums<Int128> partials() {
      return PartialSums.INTEGER;
    }
  }
}
