/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import static io.github.rangesummer.internal.SystemProperties.number;

import java.util.Locale;

/**
 * When the remote scheduler sends another attempt of a chunk whose attempt runs much longer than
 * its job's finished chunks took, as Spark and MapReduce do with their slow tasks: the first result
 * wins, and the others are cancelled and ignored.
 *
 * <p>An attempt is a straggler once it has run longer than {@code multiple} times the median time
 * of its job's finished attempts, and at least {@code floorNanos}; a job with no finished attempt
 * has no stragglers. A straggler's chunk gets another attempt if it has had fewer than {@code
 * perChunk} speculative attempts, if fewer than {@code share} of the window's places are taken by
 * speculative attempts (at least one), and, while ordinary chunks still wait for a place, only if
 * stragglers hold at least a quarter of the window: the window is then blocked by them.
 *
 * <p>A speculative attempt takes over the place of the straggler it copies, and counts in the share
 * until it straggles itself: a stuck attempt holds no place for as long as it is stuck.
 *
 * <p>The defaults: on, a multiple of 1.5 (as Spark's), a floor of 200 ms, 6 speculative attempts
 * per chunk, a tenth of the window. Six, because an executor that places each task on a random
 * member (Hazelcast's) may put a copy on the frozen member again: with one of three members
 * frozen, a chunk stays stuck with a chance of (1/3)<sup>6</sup>, about 0.14 %, where three copies
 * left it stuck with 3.7 %, and a sum has several such chunks, since new chunks keep going to the
 * frozen member until its heartbeat times out. The share bounds the extra work, not this number.
 *
 * <p>System properties change the defaults, read when a summer is created: {@code
 * rangesummer.speculation=false} turns it off; {@code rangesummer.speculation.multiple}, {@code
 * rangesummer.speculation.floorMillis} and {@code rangesummer.speculation.perChunk} set the rest.
 *
 * @param enabled whether stragglers get more attempts at all
 * @param multiple how many times the median a straggler has run, more than 1
 * @param floorNanos the least time a straggler has run
 * @param perChunk the most speculative attempts of one chunk
 * @param share the most speculative attempts in flight, as a share of the window
 */
public record Speculation(
    boolean enabled, double multiple, long floorNanos, int perChunk, double share) {

  /** No speculation: stragglers wait, as before. */
  public static final Speculation OFF = new Speculation(false, 2, 0, 0, 0);

  private static final String NAN = "is not a number";

  /** The defaults. */
  public static final Speculation DEFAULTS = new Speculation(true, 1.5, 200_000_000L, 6, 0.1);

  /** Checks the values. */
  public Speculation {
    if (enabled && (!(multiple > 1) || floorNanos < 0 || perChunk < 1 || !(share > 0))) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "speculation: multiple (%s) must be > 1, floor (%d ns) >= 0, per chunk (%d) >= 1"
                  + " and share (%s) > 0",
              multiple,
              floorNanos,
              perChunk,
              share));
    }
  }

  /**
   * Returns the defaults as the system properties change them.
   *
   * @throws IllegalArgumentException naming a property whose value is not a number in range
   */
  public static Speculation fromSystemProperties() {
    String enabled = System.getProperty("rangesummer.speculation", "true");
    if (enabled.equalsIgnoreCase("false")) {
      return OFF;
    }
    if (!enabled.equalsIgnoreCase("true")) {
      throw new IllegalArgumentException(
          "rangesummer.speculation (" + enabled + ") must be true or false");
    }
    double multiple =
        number("rangesummer.speculation.multiple", DEFAULTS.multiple, Double::parseDouble, NAN);
    long floor =
        number(
            "rangesummer.speculation.floorMillis",
            DEFAULTS.floorNanos / 1_000_000,
            Long::parseLong,
            NAN);
    int perChunk =
        number("rangesummer.speculation.perChunk", DEFAULTS.perChunk, Integer::parseInt, NAN);
    if (floor > Long.MAX_VALUE / 1_000_000) {
      throw new IllegalArgumentException(
          "rangesummer.speculation.floorMillis (" + floor + ") is too large");
    }
    return new Speculation(true, multiple, floor * 1_000_000, perChunk, DEFAULTS.share);
  }

  /** Returns how many speculative attempts may be in flight in a window of {@code window}. */
  int inFlight(int window) {
    return Math.max(1, (int) (window * share));
  }

  /** Returns how many stragglers block a window of {@code window}. */
  static int blocking(int window) {
    return Math.max(1, (window + 3) / 4);
  }
}
