/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Term blocks are sized by time: whatever a block of any size took, the next one should take at
 * most about two target blocks at the same pace, never fewer than one element, never more than
 * the largest block; a slow term gets a block of one call.
 */
class BlockSizingTest {

  private final Summation<Int128> summation = Summation.ofLong(i -> i);

  @Test
  void nextBlockSize_anySizeAndTime_staysWithinBoundsAndNearTheTarget() {
    qt().withExamples(2_000)
        .forAll(integers().between(1, Summation.MAX_TERM_BLOCK), longs().between(0, 100_000_000_000L))
        .checkAssert(
            (size, nanos) -> {
              int next = summation.nextBlockSize(size, nanos);
              assertTrue(next >= 1 && next <= Summation.MAX_TERM_BLOCK, () -> "next " + next);
              // At the pace measured, the next block takes next * nanos / size.
              double expected = (double) next * nanos / size;
              assertTrue(
                  next == 1 || expected <= 2 * Summation.BLOCK_NANOS,
                  () -> next + " elements would take " + expected + " ns");
            });
  }

  @Test
  void nextBlockSize_slowTerm_isOneCall() {
    assertEquals(1, summation.nextBlockSize(1, 10_000_000));
    assertEquals(1, summation.nextBlockSize(1_024, 10_240_000_000L));
  }

  @Test
  void accumulate_slowTerm_asksTheCheckpointAfterEveryCall() {
    Summation<Int128> slow =
        Summation.ofLong(
            i -> {
              long end = System.nanoTime() + 3 * Summation.BLOCK_NANOS;
              while (System.nanoTime() - end < 0) {
                Thread.onSpinWait();
              }
              return i;
            });
    List<Long> blocks = new ArrayList<>();
    Int128 sum = slow.newAccumulator();
    assertTrue(slow.accumulate(0, 20, sum, blocks::add));
    assertEquals(Collections.nCopies(20, 1L), blocks);
    assertEquals(190, sum.low());
  }
}
