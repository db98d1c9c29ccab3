/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

/**
 * How one range {@code [start, end)} is cut into chunks: a bounded number of balanced chunks (sizes
 * differ by at most one), computed on demand from an index, so that a range of any length costs
 * the same small object.
 *
 * <p>All arithmetic is unsigned where it must be: {@code end - start} counts up to 2<sup>64</sup>
 * &nbsp;-&nbsp;1 elements, which a signed {@code long} cannot hold, and chunk boundaries are {@code
 * start + i * base + min(i, remainder)} taken modulo 2<sup>64</sup>, which is exact because every
 * boundary lies in {@code [start, end]}.
 */
public final class Partition {

  /** Chunks per unit of parallelism: a few leaves per worker balance uneven progress. */
  static final int CHUNKS_PER_WORKER = 4;

  private final long start;
  private final long end;
  private final long count;
  private final long base; // every chunk has base elements, the first `longer` ones one more
  private final int longer;
  private final int chunks;

  private Partition(long start, long end, long count, int chunks) {
    this.start = start;
    this.end = end;
    this.count = count;
    this.chunks = chunks;
    this.base = Long.divideUnsigned(count, chunks);
    this.longer = (int) Long.remainderUnsigned(count, chunks);
  }

  /**
   * Partitions a non-empty range into at most {@code parallelism * 4} chunks of at least {@code
   * minChunk} elements each (one chunk if the range is shorter than {@code 2 * minChunk}).
   *
   * @param start first element, inclusive
   * @param end last element, exclusive; {@code start < end}
   * @param parallelism how many workers will share the chunks, at least 1
   * @param minChunk the fewest elements a chunk may hold, at least 1
   * @return the partition
   */
  public static Partition of(long start, long end, int parallelism, long minChunk) {
    return of(start, end, parallelism, minChunk, -1L);
  }

  /**
   * As {@link #of(long, long, int, long)}, with chunks of at most {@code maxChunk} elements
   * (unsigned; {@code -1} for no bound), which wins over {@code minChunk} and the number of
   * chunks per worker: for chunks that carry their own data to another JVM, such as a slice of an
   * array, whose size must stay bounded.
   *
   * @param start first element, inclusive
   * @param end last element, exclusive; {@code start < end}
   * @param parallelism how many workers will share the chunks, at least 1
   * @param minChunk the fewest elements a chunk should hold, at least 1
   * @param maxChunk the most elements a chunk may hold, unsigned, at least 1
   * @return the partition
   */
  public static Partition of(
      long start, long end, int parallelism, long minChunk, long maxChunk) {
    long count = end - start; // unsigned: 1 .. 2^64 - 1
    // At most count / minChunk chunks, so that every chunk holds at least minChunk elements.
    long byGrain = Math.max(1, Long.divideUnsigned(count, minChunk));
    // Chunk indexes are ints: past 2^29 workers, four chunks each would not fit.
    long target =
        parallelism <= 1
            ? 1
            : Math.min((long) parallelism * CHUNKS_PER_WORKER, Integer.MAX_VALUE);
    long chunks = Long.compareUnsigned(byGrain, target) < 0 ? byGrain : target;
    long bounded = Long.divideUnsigned(count, maxChunk);
    if (Long.remainderUnsigned(count, maxChunk) != 0) {
      bounded++;
    }
    if (Long.compareUnsigned(bounded, chunks) > 0) {
      chunks = Long.compareUnsigned(bounded, Integer.MAX_VALUE) > 0 ? Integer.MAX_VALUE : bounded;
    }
    return new Partition(start, end, count, (int) chunks);
  }

  /** Returns the first element of the range. */
  public long start() {
    return start;
  }

  /** Returns the exclusive end of the range. */
  public long end() {
    return end;
  }

  /** Returns the number of elements, unsigned. */
  public long count() {
    return count;
  }

  /** Returns the number of chunks, at least 1. */
  public int chunks() {
    return chunks;
  }

  /** Returns the first element of chunk {@code index}. */
  public long from(int index) {
    return start + index * base + Math.min(index, longer);
  }

  /** Returns the exclusive end of chunk {@code index}. */
  public long to(int index) {
    return index == chunks - 1 ? end : from(index + 1);
  }
}
