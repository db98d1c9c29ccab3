/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Exact parallel summation of ranges of {@code long} indexes. The entry point is {@link
 * io.github.rangesummer.RangeSummer}:
 *
 * <pre>{@code
 * long total = RangeSummer.threaded(4).sum(0, 100_000_000);   // 4999999950000000
 * }</pre>
 *
 * <p>For numbers in streams and aggregations, {@link io.github.rangesummer.LongSum} and {@link
 * io.github.rangesummer.DoubleSum} accumulate exact sums that merge.
 */
package io.github.rangesummer;
