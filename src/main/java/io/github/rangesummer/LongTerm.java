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
 * <p>A term is {@link Serializable} so that {@link RangeSummer#multiProcess(int)} and {@link
 * RangeSummer#distributed(java.util.concurrent.ExecutorService, int)} can send it to other JVMs.
 * A lambda assigned to this type is serializable as long as everything it captures is; a term
 * that cannot be serialized works on every in-JVM strategy and is rejected by those two with an
 * {@link IllegalArgumentException} before anything is sent.
 *
 * <p>A term may be called from several threads at once and must not depend on the order of calls.
 * Each call gets one index. Within one sum a term is called twice for an index only where a chunk
 * is computed again: a worker process died and its chunk is retried on a fresh worker, a cluster
 * member was lost, or a cluster ran a chunk twice; the first result counts, so terms should be
 * pure.
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
