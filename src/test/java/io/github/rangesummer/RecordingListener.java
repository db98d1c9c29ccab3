/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A listener that records every report and notices overlapping calls: it lingers briefly in each
 * call, so that a second call from another thread would find it busy.
 */
final class RecordingListener implements ProgressListener {

  private final List<long[]> reports = new CopyOnWriteArrayList<>();
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicInteger overlaps = new AtomicInteger();

  /** Reports begun, times two, plus one while a report runs: both read in one step. */
  private final AtomicLong calls = new AtomicLong();

  @Override
  public void onProgress(long done, long total) {
    calls.addAndGet(3); // one more report begun, and one running
    if (!busy.compareAndSet(false, true)) {
      overlaps.incrementAndGet();
    }
    try {
      reports.add(new long[] {done, total});
      LockSupport.parkNanos(50_000);
    } finally {
      busy.set(false);
      calls.decrementAndGet();
    }
  }

  /**
   * Returns how many reports may still begin once the sum ended before this call, as {@code
   * withProgress} promises: the one that was under way when the sum ended (at most one, since
   * reports never overlap), and none other. Read after the end, this count is never below the
   * truth: a report still running ends the allowance, one that has already returned left none.
   */
  Allowance allowanceAfterEnd() {
    long state = calls.get();
    return new Allowance(state >>> 1, (state & 1) == 1);
  }

  /**
   * Asserts that, since {@code allowance} was taken after the sum ended, at most the report that
   * was under way then has begun: the sum's end stops its reports.
   */
  void assertNoReportBegunAfter(Allowance allowance, String end) {
    long begun = calls.get() >>> 1;
    long allowed = allowance.begun() + (allowance.running() ? 0 : 1);
    assertTrue(
        begun <= allowed,
        () -> (begun - allowance.begun()) + " reports began after " + end + ", while "
            + (allowance.running() ? "one was running" : "none was running")
            + " then: only the one under way may still come");
  }

  /**
   * What {@link #allowanceAfterEnd} read: reports begun so far, and whether one was running.
   *
   * @param begun reports begun
   * @param running whether one was still running
   */
  record Allowance(long begun, boolean running) {}

  /** Returns how many reports arrived so far. */
  int count() {
    return reports.size();
  }

  /** Returns the reports so far, as {@code {done, total}} pairs. */
  List<long[]> reports() {
    return List.copyOf(reports);
  }

  /**
   * Asserts the listener contract for one sum of {@code total} elements: reports never overlap,
   * {@code done} never decreases nor passes {@code total} (unsigned), and {@code done == total}
   * comes exactly once, last, if and only if the sum succeeded.
   */
  void assertWellFormed(long total, boolean succeeded) {
    List<long[]> seen = reports();
    assertEquals(0, overlaps.get(), "overlapping calls");
    long previous = 0;
    int finals = 0;
    for (long[] report : seen) {
      long done = report[0];
      assertEquals(total, report[1], "total");
      assertTrue(Long.compareUnsigned(done, previous) >= 0, () -> "decreased to " + done);
      assertTrue(Long.compareUnsigned(done, total) <= 0, () -> done + " beyond " + total);
      previous = done;
      finals += done == total ? 1 : 0;
    }
    if (succeeded) {
      assertEquals(1, finals, "reports of done == total");
      assertEquals(total, seen.get(seen.size() - 1)[0], "the last report is the total");
    } else {
      assertEquals(0, finals, "reports of done == total after a failure");
    }
  }

  /**
   * Asserts that reports before the final one came at most once per {@code intervalNanos}, over
   * a sum that took at most {@code elapsedNanos}: the rate is bounded by time, not elements.
   */
  void assertRateBounded(long elapsedNanos, long intervalNanos) {
    long allowed = elapsedNanos / intervalNanos + 1;
    long intermediate = reports().stream().filter(report -> report[0] != report[1]).count();
    assertTrue(
        intermediate <= allowed,
        () -> intermediate + " reports in " + elapsedNanos / 1_000_000 + " ms, allowed " + allowed);
  }
}
