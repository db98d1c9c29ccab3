/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

/**
 * Receives how far a sum has come; see {@link RangeSummer#withProgress(ProgressListener)}.
 *
 * <p>The listener is called at a bounded rate, never once per element: at most once per reporting
 * interval while the sum runs, and once more with {@code done == total} when it completes
 * successfully. Calls for one sum never overlap and {@code done} never decreases between them. A
 * sum that fails or is cancelled stops reporting without a final call.
 *
 * <p><b>When a sum ends</b> (it succeeds, fails, is cancelled, reaches its deadline, or its
 * summer is closed), its reports stop at once: no report begins after that, except the one that
 * was already under way (at most one, since calls never overlap). Ending a sum never waits for
 * the listener, so that report may still be running when {@code cancel} returns, when a
 * synchronous sum throws, or when the future of an asynchronous sum completes exceptionally. A
 * sum that succeeds reports its total last: no report runs after {@code done == total}, and the
 * sum returns only once that report has returned.
 *
 * <p>Calls come from whichever thread advanced the sum: a pool thread, a thread of the summer
 * that hands on a worker process's reports, or the caller; never the library's timer. A listener
 * should return quickly: a slow one delays its own sum's reports, and the chunk it was called
 * from, but no other sum, and not its own sum's deadline or cancellation. An exception it throws
 * fails the sum.
 *
 * <p>Both counts are unsigned 64-bit values: they exceed {@link Long#MAX_VALUE}, and then read as
 * negative, only for ranges of more than 2<sup>63</sup>&nbsp;-&nbsp;1 elements. {@link
 * #fraction(long, long)} handles that case.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Reports progress of one sum.
   *
   * @param done the number of elements summed so far, unsigned
   * @param total the number of elements in the range, unsigned, never zero
   */
  void onProgress(long done, long total);

  /**
   * Returns {@code done / total} as a number between 0 and 1, reading both as unsigned.
   *
   * @param done elements done, unsigned
   * @param total elements in all, unsigned and not zero
   * @return the fraction done
   * @throws IllegalArgumentException if {@code total} is zero
   */
  static double fraction(long done, long total) {
    if (total == 0) {
      throw new IllegalArgumentException("total (0) must not be zero");
    }
    return unsignedToDouble(done) / unsignedToDouble(total);
  }

  private static double unsignedToDouble(long value) {
    double high = (double) (value >>> 1) * 2.0;
    return value >= 0 ? (double) value : high + (value & 1);
  }
}
