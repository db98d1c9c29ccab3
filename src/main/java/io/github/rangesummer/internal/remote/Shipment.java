/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.internal.Bytes;
import io.github.rangesummer.internal.SumKind;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.TermBytes;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A job as every remote transport sends it: an id, what is summed, and its term serialized once
 * on the caller's thread, within the limits the other JVMs read terms under, so that a term that
 * cannot travel fails there at once. Each chunk then travels as a {@link ChunkRequest} built by
 * {@link #request}.
 *
 * @param id the job's id, unique in this JVM
 * @param kind what is summed
 * @param term the serialized term, or {@code null} for a kind without one
 */
public record Shipment(long id, SumKind kind, byte[] term) {

  private static final AtomicLong IDS = new AtomicLong();

  /**
   * Prepares a job's summation for sending.
   *
   * @param summation what the job sums
   * @param destination where it goes, for messages, such as {@code by distributed(8)}
   * @throws IllegalArgumentException if the term cannot be serialized or is beyond a limit
   */
  public static Shipment of(Summation<?> summation, String destination) {
    Serializable term = summation.term();
    return new Shipment(
        IDS.incrementAndGet(),
        summation.kind(),
        term == null ? null : TermBytes.encode(term, destination));
  }

  /**
   * Returns the request of one chunk of this job.
   *
   * @param summation the job's summation, which writes the chunk's own data
   * @param chunk the chunk
   * @param progress whether the receiver should report progress
   * @param withTerm whether to carry the term, or to refer to the one the receiver has for this
   *     job
   */
  public ChunkRequest request(
      Summation<?> summation, Transport.Chunk chunk, boolean progress, boolean withTerm) {
    byte[] data = Bytes.of(out -> summation.writeChunk(chunk.from(), chunk.to(), out));
    return new ChunkRequest(
        id,
        chunk.index(),
        kind,
        chunk.from(),
        chunk.to(),
        progress,
        withTerm ? term : null,
        data);
  }
}
