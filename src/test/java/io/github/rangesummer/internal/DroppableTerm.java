/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.LongTerm;

/** A term class that {@link TermKernelsTest} defines again in a class loader it then drops. */
public final class DroppableTerm implements LongTerm {

  private static final long serialVersionUID = 1L;

  /** Creates the term {@code 3 * i}. */
  public DroppableTerm() {}

  @Override
  public long applyAsLong(long index) {
    return 3 * index;
  }
}
