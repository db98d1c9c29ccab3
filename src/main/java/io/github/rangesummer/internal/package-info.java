/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The one core every strategy shares: a call ({@link io.github.rangesummer.internal.Calls})
 * becomes a {@link io.github.rangesummer.internal.Job} (the {@link
 * io.github.rangesummer.internal.Partition}, the {@link io.github.rangesummer.internal.Summation}
 * kernels and accumulators, the one result collector, deadlines and progress), which a {@link
 * io.github.rangesummer.internal.ChunkRunner} gets computed somewhere. Runners live beside it:
 * {@code internal.local} (threads of this JVM), {@code internal.remote} (the scheduler for chunks
 * computed elsewhere, and its executor transport) and {@code internal.process} (worker JVMs).
 * Not exported.
 */
package io.github.rangesummer.internal;
