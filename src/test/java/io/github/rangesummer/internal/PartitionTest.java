/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link Partition}: for any non-empty range of the {@code long} domain, the chunks are contiguous,
 * non-empty, cover exactly {@code [start, end)} and are bounded in number. Sizes are checked in
 * {@code BigInteger}, so that unsigned arithmetic cannot hide an overflow.
 */
class PartitionTest {

  /** Chunks checked one by one; beyond this, the first and last ones and a sample between. */
  private static final int CHECK_ALL_UP_TO = 200_000;

  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  /** Non-empty ranges: anywhere, short, and touching or spanning the ends of the domain. */
  @Provide
  Arbitrary<Tuple2<Long, Long>> ranges() {
    Arbitrary<Long> any = Arbitraries.longs();
    Arbitrary<Long> extreme =
        Arbitraries.of(
            Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    Arbitrary<Tuple2<Long, Long>> anyBounds =
        Combinators.combine(Arbitraries.oneOf(any, extreme), Arbitraries.oneOf(any, extreme))
            .filter((a, b) -> !a.equals(b))
            .as((a, b) -> Tuple.of(Math.min(a, b), Math.max(a, b)));
    Arbitrary<Tuple2<Long, Long>> shortRanges =
        Combinators.combine(any, Arbitraries.longs().between(1, 1_000))
            .as(
                (start, length) ->
                    start > Long.MAX_VALUE - length
                        ? Tuple.of(Long.MAX_VALUE - length, Long.MAX_VALUE)
                        : Tuple.of(start, start + length));
    return Arbitraries.oneOf(
        anyBounds, shortRanges, Arbitraries.just(Tuple.of(Long.MIN_VALUE, Long.MAX_VALUE)));
  }

  /** Parallelism of real strategies (up to 2^15 + 1) and beyond, up to {@code int}'s maximum. */
  @Provide
  Arbitrary<Integer> parallelisms() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(1, 16)),
        Tuple.of(2, Arbitraries.integers().between(1, 0x8000)),
        Tuple.of(1, Arbitraries.integers().between(1, Integer.MAX_VALUE)),
        Tuple.of(
            1,
            Arbitraries.of(
                0x7fff,
                0x8000,
                Integer.MAX_VALUE / 4,
                Integer.MAX_VALUE / 4 + 1,
                Integer.MAX_VALUE)));
  }

  @Provide
  Arbitrary<Long> minChunks() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(1, 100),
        Arbitraries.longs().between(1, Long.MAX_VALUE),
        Arbitraries.of(1L, 4096L, 65536L, Long.MAX_VALUE));
  }

  @Property(tries = 600)
  void of_anyRange_chunksAreContiguousNonEmptyAndCoverIt(
      @ForAll("ranges") Tuple2<Long, Long> range,
      @ForAll("parallelisms") int parallelism,
      @ForAll("minChunks") long minChunk) {
    assertPartition(range.get1(), range.get2(), parallelism, minChunk);
  }

  @Example
  void of_tenElementsMinChunkThree_threeChunksOfAtLeastThree() {
    Partition partition = assertPartition(0, 10, 8, 3);
    assertEquals(3, partition.chunks());
    assertEquals(4, partition.to(0) - partition.from(0));
    assertEquals(3, partition.to(1) - partition.from(1));
    assertEquals(3, partition.to(2) - partition.from(2));
  }

  @Example
  void of_fullDomain_coversItForEveryParallelism() {
    for (int parallelism :
        new int[] {1, 2, 3, 8, 0x8000, Integer.MAX_VALUE / 4, Integer.MAX_VALUE}) {
      for (long minChunk : new long[] {1, 3, 65536, Long.MAX_VALUE}) {
        Partition partition =
            assertPartition(Long.MIN_VALUE, Long.MAX_VALUE, parallelism, minChunk);
        assertEquals(-1L, partition.count(), "2^64 - 1 elements, unsigned");
      }
    }
  }

  @Property(tries = 200)
  void of_parallelismOne_isOneChunk(
      @ForAll("ranges") Tuple2<Long, Long> range, @ForAll("minChunks") long minChunk) {
    assertEquals(1, assertPartition(range.get1(), range.get2(), 1, minChunk).chunks());
  }

  @Property(tries = 200)
  void of_rangeNoLongerThanMinChunk_isOneChunk(
      @ForAll("ranges") Tuple2<Long, Long> range,
      @ForAll("parallelisms") int parallelism,
      @ForAll @LongRange(max = 1000) long extra) {
    long count = range.get2() - range.get1();
    Assume.that(count > 0); // a count of 2^63 or more, unsigned, exceeds every minChunk
    long minChunk = count > Long.MAX_VALUE - extra ? Long.MAX_VALUE : count + extra;
    assertEquals(1, assertPartition(range.get1(), range.get2(), parallelism, minChunk).chunks());
  }

  /**
   * Partitions {@code [start, end)} and checks every chunk (or, for very many chunks, the first and
   * last ones and a sample between): non-empty, each starting where the previous one ends, from
   * {@code start} to {@code end}, and so covering the range exactly.
   */
  private static Partition assertPartition(long start, long end, int parallelism, long minChunk) {
    Partition partition = Partition.of(start, end, parallelism, minChunk);
    BigInteger count = BigInteger.valueOf(end).subtract(BigInteger.valueOf(start));
    String what =
        String.format(
            Locale.ROOT,
            "[%d, %d) for parallelism %d, min chunk %d: %d chunks",
            start,
            end,
            parallelism,
            minChunk,
            partition.chunks());
    assertEquals(start, partition.start(), what);
    assertEquals(end, partition.end(), what);
    assertEquals(count, unsigned(partition.count()), what);

    int chunks = partition.chunks();
    long maxChunks = parallelism <= 1 ? 1 : 4L * parallelism;
    BigInteger byMinChunk = ceilDiv(count, BigInteger.valueOf(minChunk));
    assertTrue(chunks >= 1, what);
    assertTrue(chunks <= maxChunks, what);
    assertTrue(
        BigInteger.valueOf(chunks).compareTo(byMinChunk) <= 0,
        what + ", more than count / minChunk");

    assertEquals(start, partition.from(0), what);
    assertEquals(end, partition.to(chunks - 1), what);
    if (chunks <= CHECK_ALL_UP_TO) {
      // Non-empty chunks, each starting where the previous ends, from start to end: a tiling.
      for (int i = 0; i < chunks; i++) {
        assertChunk(partition, i, what);
      }
    } else {
      // Balanced chunks: the first ones have one element more than the last ones.
      BigInteger size = assertChunk(partition, 0, what);
      BigInteger smaller = size.subtract(BigInteger.ONE);
      for (int i = 0; i < 1000; i++) {
        for (int index : new int[] {i, chunks - 1 - i, (int) ((long) chunks * i / 1000)}) {
          BigInteger other = assertChunk(partition, index, what);
          assertTrue(
              other.equals(size) || other.equals(smaller), what + ", chunk " + index + ": " + other);
        }
      }
    }
    if (chunks > 1) {
      BigInteger min = BigInteger.valueOf(minChunk);
      for (int index : new int[] {0, chunks / 2, chunks - 1}) {
        BigInteger size = assertChunk(partition, index, what);
        assertTrue(size.compareTo(min) >= 0, what + ", chunk " + index + " of " + size + " < min");
      }
    }
    return partition;
  }

  /** Checks that chunk {@code i} is non-empty, inside the range and followed by chunk i + 1. */
  private static BigInteger assertChunk(Partition partition, int i, String what) {
    long from = partition.from(i);
    long to = partition.to(i);
    if (from >= to || from < partition.start() || to > partition.end()) {
      fail(what + ": chunk " + i + " is [" + from + ", " + to + ")");
    }
    if (i + 1 < partition.chunks() && to != partition.from(i + 1)) {
      fail(
          String.format(
              Locale.ROOT,
              "%s: chunk %d ends at %d, the next starts at %d",
              what,
              i,
              to,
              partition.from(i + 1)));
    }
    return BigInteger.valueOf(to).subtract(BigInteger.valueOf(from));
  }

  private static BigInteger unsigned(long value) {
    return BigInteger.valueOf(value).mod(TWO_TO_64);
  }

  private static BigInteger ceilDiv(BigInteger dividend, BigInteger divisor) {
    BigInteger[] qr = dividend.divideAndRemainder(divisor);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }
}
