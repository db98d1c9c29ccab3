/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.io.Serializable;

/**
 * The floating-point value summed for each index of a range:
 * {@code sumDouble(start, end, term)} adds {@code term.applyAsDouble(i)} for every {@code i} in
 * {@code [start, end)}, exactly, and rounds the total once.
 *
 * <p>Like {@link LongTerm}, a term is {@link Serializable} so that it can travel to worker
 * processes and cluster members, may be called from several threads at once, must not depend on
 * call order, and should be pure: a chunk computed again calls it again for its indexes.
 *
 * <pre>{@code
 * double harmonic = summer.sumDouble(1, 1_000_001, i -> 1.0 / i);
 * }</pre>
 */
@FunctionalInterface
public interface DoubleTerm extends Serializable {

  /**
   * Returns the term for one index.
   *
   * @param index an index of the range being summed
   * @return the value to add for {@code index}; NaN and infinities are allowed
   */
  double applyAsDouble(long index);
}
