/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Runners whose chunks run in this JVM: {@code sequential()}, {@code threaded(n)} and {@code
 * forkJoin(...)} ({@link io.github.rangesummer.internal.local.InJvmRunners}), and the library's
 * named daemon thread pools ({@link io.github.rangesummer.internal.local.Threads}). Not exported.
 */
package io.github.rangesummer.internal.local;
