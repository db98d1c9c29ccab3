/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Chunks computed elsewhere: one {@link io.github.rangesummer.internal.remote.RemoteScheduler}
 * (the window of chunks in flight, retries, duplicate suppression, cancellation) over thin
 * {@link io.github.rangesummer.internal.remote.Transport}s: {@code ExecutorTransport} here, whose
 * tasks an {@code ExecutorService} runs on other JVMs, and the worker processes of {@code
 * internal.process}. Not exported.
 */
package io.github.rangesummer.internal.remote;
