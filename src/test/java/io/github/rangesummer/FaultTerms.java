/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Terms for the member JVMs of {@link DistributedFaultTest}. They are made here, not in the test,
 * because a lambda's class is the class that wrote it, and the test class is deliberately missing
 * on the members' class path.
 */
final class FaultTerms {

  /** Term calls in this JVM: on a member, the calls it ran. */
  static final AtomicLong CALLS = new AtomicLong();

  private FaultTerms() {}

  /** Returns the index itself, taking about {@code micros} microseconds a call. */
  static LongTerm slow(long micros) {
    long nanos = micros * 1_000;
    return i -> {
      CALLS.incrementAndGet();
      LockSupport.parkNanos(nanos);
      return i;
    };
  }

  /** Returns a term that throws at {@code index}. */
  static LongTerm throwingAt(long index) {
    return i -> {
      if (i == index) {
        throw new IllegalStateException("boom at " + i);
      }
      return i;
    };
  }

  /** Reads {@link #CALLS} where it runs. */
  static final class Calls implements Callable<Long>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Long call() {
      return CALLS.get();
    }
  }
}
