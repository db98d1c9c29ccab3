/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The base of executors that wrap a cluster's for tests and benchmarks, counting or measuring
 * what {@code distributed} submits: {@code submit} is theirs; nothing else is used.
 */
public abstract class SubmitOnlyExecutor extends AbstractExecutorService {

  /** Creates the executor; subclasses submit. */
  protected SubmitOnlyExecutor() {}

  @Override
  public void execute(Runnable command) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void shutdown() {}

  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return false;
  }
}
