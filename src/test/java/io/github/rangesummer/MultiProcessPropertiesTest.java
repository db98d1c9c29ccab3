/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Samples of the property suite on {@code multiProcess}: fewer tries than in-JVM strategies, since
 * each sum is a round trip to worker processes, but the same oracles.
 */
class MultiProcessPropertiesTest {

  private static RangeSummer workers;
  private static final RangeSummer SEQUENTIAL = RangeSummer.sequential();

  @BeforeContainer
  static void start() {
    workers = RangeSummer.multiProcess(2).withMinChunkSize(1_000);
  }

  @AfterContainer
  static void stop() {
    workers.close();
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Long, Long>> ranges() {
    Arbitrary<Long> starts =
        Arbitraries.oneOf(
            Arbitraries.longs(),
            Arbitraries.longs().between(-1_000_000, 1_000_000),
            Arbitraries.longs().between(Long.MIN_VALUE, Long.MIN_VALUE + 1_000),
            Arbitraries.longs().between(Long.MAX_VALUE - 300_000, Long.MAX_VALUE));
    Arbitrary<Long> lengths = Arbitraries.longs().between(0, 300_000);
    return Combinators.combine(starts, lengths)
        .as((start, length) -> Tuple.of(start, start > Long.MAX_VALUE - length ? Long.MAX_VALUE : start + length));
  }

  private static BigInteger closedForm(long start, long end) {
    BigInteger first = BigInteger.valueOf(start);
    BigInteger count = BigInteger.valueOf(end).subtract(first);
    return first.multiply(count).add(count.multiply(count.subtract(BigInteger.ONE)).shiftRight(1));
  }

  @Property(tries = 25)
  void sumExact_matchesClosedForm(@ForAll("ranges") Tuple.Tuple2<Long, Long> range) {
    long start = range.get1();
    long end = range.get2();
    BigInteger expected = closedForm(start, end);
    assertEquals(expected, workers.sumExact(start, end));
    if (expected.bitLength() < 64) {
      assertEquals(expected.longValueExact(), workers.sum(start, end));
    } else {
      assertThrows(ArithmeticException.class, () -> workers.sum(start, end));
    }
  }

  @Property(tries = 25)
  void sumWithCapturingTerm_matchesSequential(
      @ForAll("ranges") Tuple.Tuple2<Long, Long> range, @ForAll long a, @ForAll long b) {
    long start = range.get1();
    long end = range.get2();
    LongTerm term = i -> a * (i & 0xFFFF) + b; // captures a and b; wraps like Java arithmetic
    assertEquals(SEQUENTIAL.sumExact(start, end, term), workers.sumExact(start, end, term));
  }

  @Property(tries = 15)
  void sumDouble_sameBitsAsSequential(@ForAll("ranges") Tuple.Tuple2<Long, Long> range, @ForAll double[] values) {
    long start = range.get1();
    long end = range.get2();
    DoubleTerm term =
        values.length == 0 ? i -> 0.5 : i -> values[(int) Math.floorMod(i, (long) values.length)];
    assertEquals(
        Double.doubleToRawLongBits(SEQUENTIAL.sumDouble(start, end, term)),
        Double.doubleToRawLongBits(workers.sumDouble(start, end, term)));
  }
}
