/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job's partition and its claims: chunks are claimed in order from one counter, so any number
 * of threads can help and no list of tasks exists. Thread-safe.
 */
final class Claims {

  private final Partition partition;
  private final AtomicInteger next = new AtomicInteger();

  Claims(Partition partition) {
    this.partition = partition;
  }

  Partition partition() {
    return partition;
  }

  /** Claims the next chunk, or returns -1 when every chunk is claimed. */
  int claim() {
    int index = next.getAndIncrement();
    return index < partition.chunks() ? index : -1;
  }

  /** Returns how many chunks are still to be claimed. */
  int unclaimed() {
    return Math.max(0, partition.chunks() - next.get());
  }
}
