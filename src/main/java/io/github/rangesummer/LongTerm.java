/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.io.Serializable;

/**
 * The value summed for each index of a range: {@code sum(start, end, term)} adds
 * {@code term.applyAsLong(i)} for every {@code i} in {@code [start, end)}.
 *
 * <p>A term is {@link Serializable} so that {@link RangeSummer#multiProcess(int)} can send it to
 * worker JVMs. A lambda assigned to this type is serializable as long as everything it captures
 * is; a term that cannot be serialized works on every in-JVM strategy and is rejected by
 * {@code multiProcess} with an {@link IllegalArgumentException} before any worker computes.
 *
 * <p>A term may be called from several threads at once and must not depend on the order of calls.
 * Each call gets one index; the library never calls a term twice for the same index within one
 * sum, except when a worker process died and its chunk is retried on a fresh worker.
 *
 * <pre>{@code
 * long squares = summer.sum(0, 1_000, i -> i * i);
 * }</pre>
 */
@FunctionalInterface
public interface LongTerm extends Serializable {

  /**
   * Returns the term for one index.
   *
   * @param index an index of the range being summed
   * @return the value to add for {@code index}
   */
  long applyAsLong(long index);
}
