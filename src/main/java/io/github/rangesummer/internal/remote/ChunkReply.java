/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.ThrowableImage;
import java.io.Serializable;

/**
 * What a {@link ChunkTask} returns: the chunk's sum as the bytes of {@code Summation.write}, or
 * the exception its term threw, as data. Exactly one is present.
 *
 * @param partial the chunk's accumulator, written by its summation, or {@code null}
 * @param failure what the term threw, or {@code null}
 */
record ChunkReply(byte[] partial, ThrowableImage failure) implements Serializable {}
