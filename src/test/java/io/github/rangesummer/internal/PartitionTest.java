/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static io.github.rangesummer.internal.Gens.qt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@link Partition}: for any non-empty range of the {@code long} domain, the chunks are contiguous,
 * non-empty, cover exactly {@code [start, end)} and are bounded in number. Sizes are checked in
 * {@code BigInteger}, so that unsigned arithmetic cannot hide an overflow.
 */
class PartitionTest {

  /** Chunks checked one by one; beyond this, the first and last ones and a sample between. */
  private static final int CHECK_ALL_UP_TO = 200_000;

  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  /** Non-empty ranges {@code (start, end)}: anywhere, short, touching or spanning the ends. */
  private static Gen<Pair<Long, Long>> ranges() {
    Gen<Long> any = Gens.longs();
    Gen<Pair<Long, Long>> anyBounds =
        any.zip(any, Pair::of)
            .assuming(bounds -> !bounds._1.equals(bounds._2))
            .map(bounds -> Pair.of(Math.min(bounds._1, bounds._2), Math.max(bounds._1, bounds._2)));
    Gen<Pair<Long, Long>> shortRanges =
        any.zip(
            Gens.longs(1, 1_000),
            (start, length) ->
                start > Long.MAX_VALUE - length
                    ? Pair.of(Long.MAX_VALUE - length, Long.MAX_VALUE)
                    : Pair.of(start, start + length));
    return Generate.oneOf(
        anyBounds, shortRanges, Generate.constant(Pair.of(Long.MIN_VALUE, Long.MAX_VALUE)));
  }

  /** The range itself if it holds fewer than 2^63 elements, else its first half, which does. */
  private static Pair<Long, Long> fewerThanTwoTo63(Pair<Long, Long> range) {
    long count = range._2 - range._1; // unsigned
    return count > 0 ? range : Pair.of(range._1, range._1 + (count >>> 1));
  }

  /** Parallelism of real strategies (up to 2^15 + 1) and beyond, up to {@code int}'s maximum. */
  private static Gen<Integer> parallelisms() {
    return Generate.frequency(
        Pair.of(6, Gens.ints(1, 16)),
        Pair.of(2, Gens.ints(1, 0x8000)),
        Pair.of(1, Gens.ints(1, Integer.MAX_VALUE)),
        Pair.of(
            1,
            Generate.pick(
                List.of(
                    0x7fff,
                    0x8000,
                    Integer.MAX_VALUE / 4,
                    Integer.MAX_VALUE / 4 + 1,
                    Integer.MAX_VALUE))));
  }

  private static Gen<Long> minChunks() {
    return Generate.oneOf(
        Gens.longs(1, 100),
        Gens.longs(1, Long.MAX_VALUE),
        Generate.pick(List.of(1L, 4096L, 65536L, Long.MAX_VALUE)));
  }

  @Test
  void of_anyRange_chunksAreContiguousNonEmptyAndCoverIt() {
    qt(600)
        .forAll(ranges(), parallelisms(), minChunks())
        .checkAssert(
            (range, parallelism, minChunk) ->
                assertPartition(range._1, range._2, parallelism, minChunk));
  }

  @Test
  void of_tenElementsMinChunkThree_threeChunksOfAtLeastThree() {
    Partition partition = assertPartition(0, 10, 8, 3);
    assertEquals(3, partition.chunks());
    assertEquals(4, partition.to(0) - partition.from(0));
    assertEquals(3, partition.to(1) - partition.from(1));
    assertEquals(3, partition.to(2) - partition.from(2));
  }

  @Test
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

  @Test
  void of_parallelismOne_isOneChunk() {
    qt(200)
        .forAll(ranges(), minChunks())
        .checkAssert(
            (range, minChunk) ->
                assertEquals(1, assertPartition(range._1, range._2, 1, minChunk).chunks()));
  }

  @Test
  void of_rangeNoLongerThanMinChunk_isOneChunk() {
    qt(200)
        // A count of 2^63 or more, unsigned, exceeds every minChunk: such ranges are halved,
        // not filtered out, which made QuickTheories give up when too many were.
        .forAll(
            ranges().map(PartitionTest::fewerThanTwoTo63),
            parallelisms(),
            Gens.longs(0, 1000))
        .checkAssert(
            (range, parallelism, extra) -> {
              long count = range._2 - range._1;
              long minChunk = count > Long.MAX_VALUE - extra ? Long.MAX_VALUE : count + extra;
              assertEquals(
                  1, assertPartition(range._1, range._2, parallelism, minChunk).chunks());
            });
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
