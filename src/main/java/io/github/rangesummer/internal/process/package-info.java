/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Worker JVMs for {@code multiProcess(n)}: the {@link
 * io.github.rangesummer.internal.process.ProcessTransport} that the remote scheduler sends chunks
 * through, each worker's process, channel and output forwarding ({@code WorkerProcess}, {@code
 * WorkerChannel}), the frames they exchange ({@code Protocol}), how a worker is launched
 * ({@code WorkerCommand}) and what runs in it ({@link
 * io.github.rangesummer.internal.process.WorkerMain}). Not exported.
 */
package io.github.rangesummer.internal.process;
