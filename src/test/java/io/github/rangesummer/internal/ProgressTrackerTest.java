/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate of progress reports, on a clock the test moves by hand. */
class ProgressTrackerTest {

  private static final long INTERVAL = 10;

  private final AtomicLong now = new AtomicLong();
  private final List<Long> reports = new ArrayList<>();

  @Test
  void advance_reportsOncePerInterval() {
    ProgressTracker tracker =
        new ProgressTracker((done, total) -> reports.add(done), 1_000, INTERVAL, now::get);
    tracker.advance(1); // before the first interval: no report
    now.set(INTERVAL);
    tracker.advance(1);
    tracker.advance(1); // same instant: no second report
    now.set(2 * INTERVAL);
    tracker.advance(1);
    assertEquals(List.of(2L, 4L), reports);
  }

  @Test
  void advance_slowListener_intervalCountsFromTheReportsEnd() {
    // The listener takes five intervals; the next report is due an interval after it returns,
    // not at once, so a slow listener does not run at every checkpoint.
    ProgressTracker tracker =
        new ProgressTracker(
            (done, total) -> {
              reports.add(done);
              now.addAndGet(5 * INTERVAL);
            },
            1_000,
            INTERVAL,
            now::get);
    now.set(INTERVAL);
    tracker.advance(1); // reports, and returns at 6 intervals
    tracker.advance(1); // 6 intervals: less than one interval after the report ended
    now.set(7 * INTERVAL - 1);
    tracker.advance(1);
    assertEquals(List.of(1L), reports);
    now.set(7 * INTERVAL);
    tracker.advance(1);
    assertEquals(List.of(1L, 4L), reports);
  }

  @Test
  void finish_reportsTheTotalOnceAndNothingFollows() {
    ProgressTracker tracker =
        new ProgressTracker((done, total) -> reports.add(done), 1_000, INTERVAL, now::get);
    tracker.advance(1_000);
    tracker.finish();
    tracker.finish();
    now.set(10 * INTERVAL);
    tracker.advance(1);
    assertEquals(List.of(1_000L), reports);
  }

  @Test
  void abandon_duringAReport_doesNotWaitForIt_andNoOtherReportBegins() throws Exception {
    List<Long> seen = new CopyOnWriteArrayList<>();
    CountDownLatch inReport = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ProgressTracker tracker =
        new ProgressTracker(
            (done, total) -> {
              seen.add(done);
              inReport.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            1_000,
            INTERVAL,
            now::get);
    now.set(INTERVAL);
    CompletableFuture<Void> reporting = CompletableFuture.runAsync(() -> tracker.advance(1));
    assertTrue(inReport.await(20, TimeUnit.SECONDS), "the first report began");

    tracker.abandon(); // returns while the report under way still runs
    now.set(3 * INTERVAL);
    tracker.advance(1); // the report under way holds the reporting lock: nothing begins
    release.countDown();
    reporting.get(20, TimeUnit.SECONDS);
    now.set(5 * INTERVAL);
    tracker.advance(1); // the lock is free now, and the sum has ended: still nothing
    tracker.finish(); // a late success after the end reports nothing either

    assertEquals(List.of(1L), seen);
  }
}
