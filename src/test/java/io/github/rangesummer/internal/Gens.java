/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.util.Arrays;
import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * QuickTheories generators shared by the properties, biased towards the edges where arithmetic
 * breaks, and the entry point of every property, {@link #qt(int)}.
 *
 * <p>A falsified property fails with the smallest example found after shrinking and the line
 * {@code Seed was N}; {@code -DQT_SEED=N} runs it again with the same examples (see
 * {@code docs/testing.md}).
 */
public final class Gens {

  /** Values where {@code long} arithmetic carries, borrows or overflows soonest. */
  public static final List<Long> EXTREME_LONGS =
      List.of(
          Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE);

  /**
   * Shrink steps after a failure: enough to reach a small example, bounded for costly sums;
   * {@code -DQT_SHRINKS=N} overrides it.
   */
  private static final int SHRINK_CYCLES = Integer.getInteger("QT_SHRINKS", 2_000);

  private Gens() {}

  /**
   * Starts a property of {@code tries} examples; the seed is {@code -DQT_SEED=N} if set, else
   * random.
   */
  public static QuickTheory qt(int tries) {
    return QuickTheory.qt().withExamples(tries).withShrinkCycles(SHRINK_CYCLES);
  }

  /** Any long, with the {@link #EXTREME_LONGS} and small values as likely as the rest. */
  public static Gen<Long> longs() {
    return Generate.frequency(
        Pair.of(4, SourceDSL.longs().all()),
        Pair.of(1, Generate.pick(EXTREME_LONGS)),
        Pair.of(1, Generate.longRange(-3, 3)));
  }

  /** Longs in {@code [min, max]}, with both bounds likely. */
  public static Gen<Long> longs(long min, long max) {
    return Generate.frequency(
        Pair.of(8, Generate.longRange(min, max, min)),
        Pair.of(1, Generate.pick(List.of(min, max))));
  }

  /** Ints in {@code [min, max]}, with both bounds likely. */
  public static Gen<Integer> ints(int min, int max) {
    return Generate.frequency(
        Pair.of(8, Generate.range(min, max, min)), Pair.of(1, Generate.pick(List.of(min, max))));
  }

  /** Any int, with zero and the extremes likely. */
  public static Gen<Integer> ints() {
    return Generate.frequency(
        Pair.of(4, SourceDSL.integers().all()),
        Pair.of(1, Generate.pick(List.of(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE))));
  }

  /** True or false. */
  public static Gen<Boolean> booleans() {
    return Generate.booleans();
  }

  /** A seed for a {@code java.util.Random} that a property uses to shuffle or split. */
  public static Gen<Long> seeds() {
    return SourceDSL.longs().all();
  }

  /** Arrays of {@code min} to {@code max} of {@code values}, printed element by element. */
  public static Gen<double[]> doubleArrays(Gen<Double> values, int min, int max) {
    return SourceDSL.lists()
        .of(values)
        .ofSizeBetween(min, max)
        .map(list -> list.stream().mapToDouble(Double::doubleValue).toArray())
        .describedAs(Arrays::toString);
  }

  /** Arrays of {@code min} to {@code max} of {@code values}, printed element by element. */
  public static Gen<long[]> longArrays(Gen<Long> values, int min, int max) {
    return SourceDSL.lists()
        .of(values)
        .ofSizeBetween(min, max)
        .map(list -> list.stream().mapToLong(Long::longValue).toArray())
        .describedAs(Arrays::toString);
  }

  /** Arrays of {@code min} to {@code max} booleans, printed element by element. */
  public static Gen<boolean[]> booleanArrays(int min, int max) {
    return SourceDSL.lists()
        .of(booleans())
        .ofSizeBetween(min, max)
        .map(
            list -> {
              boolean[] array = new boolean[list.size()];
              for (int i = 0; i < array.length; i++) {
                array[i] = list.get(i);
              }
              return array;
            })
        .describedAs(Arrays::toString);
  }
}
