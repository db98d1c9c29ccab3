/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

/**
 * Where a chunk loop reports its progress and learns whether to go on. Loops call it after every
 * block: every 65,536 elements of the identity, about every millisecond of term calls, and after
 * every call of a slow term. An implementation may read a volatile flag and the clock, but should
 * do little more.
 */
@FunctionalInterface
public interface Checkpoint {

  /**
   * Records that {@code elements} more elements were summed.
   *
   * @param elements elements summed since the previous call, positive
   * @return {@code true} to go on, {@code false} to abandon the chunk
   */
  boolean proceed(long elements);
}
