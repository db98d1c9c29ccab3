/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Chunks computed elsewhere: one {@link io.github.rangesummer.internal.remote.RemoteScheduler}
 * (the window of chunks in flight, retries, duplicate suppression, cancellation) over thin
 * {@link io.github.rangesummer.internal.remote.Transport}s, such as an {@code ExecutorService}
 * whose tasks run on other JVMs. Not exported.
 */
package io.github.rangesummer.internal.remote;
