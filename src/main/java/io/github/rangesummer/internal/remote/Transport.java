/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import io.github.rangesummer.internal.Summation;

/**
 * Where a {@link RemoteScheduler} sends chunks: a thin layer that knows how a chunk travels and
 * how its answer comes back, and nothing about windows, retries or duplicates.
 *
 * @param <P> what a job's summation becomes before its first chunk is sent, such as its term
 *     serialized once
 */
public interface Transport<P> {

  /**
   * Prepares a job's summation for sending, on the caller's thread, before anything is sent.
   *
   * @param summation what the job sums
   * @return what {@link #send} needs for every chunk of the job
   * @throws IllegalArgumentException if the summation cannot travel, such as a term that cannot
   *     be serialized
   */
  P prepare(Summation<?> summation);

  /**
   * Sends one attempt of one chunk. The transport answers through {@code replies}, on any thread,
   * at any time, and possibly more than once: the scheduler counts the first result per chunk.
   *
   * @param prepared what {@link #prepare} returned for the chunk's job
   * @param summation what the job sums
   * @param chunk the chunk and its attempt number
   * @param replies where the answer goes
   * @param <A> the accumulator type
   * @return a handle that cancels the attempt
   * @throws RuntimeException if the chunk cannot be sent; fatal to the job, never retried
   */
  <A> Handle send(P prepared, Summation<A> summation, Chunk chunk, Replies<A> replies);

  /**
   * Returns the failure of a call whose chunk was lost on every attempt it was allowed, with the
   * message the scheduler wrote (the same wording for every transport; see {@link #explain}).
   *
   * @param message what happened, naming the chunk, the call and the attempts
   * @param chunk the chunk; {@link Chunk#attempt()} is the number of attempts made
   * @param last why the last attempt was lost
   * @return the exception that fails the call
   */
  RuntimeException exhausted(String message, Chunk chunk, Throwable last);

  /**
   * Says why an attempt was lost, in the user's terms, for the message of {@link #exhausted}: by
   * default the cause itself, which transports give as the library's own exceptions.
   *
   * @param last why the last attempt was lost
   * @return the explanation, such as {@code worker-2 (pid 4242) exited with code 137}
   */
  default String explain(Throwable last) {
    return String.valueOf(last);
  }

  /**
   * Returns whether an attempt lost for {@code cause} may be retried at all; if not, the job fails
   * at once with {@link #exhausted}. By default every loss may be retried, up to the bound.
   *
   * @param cause why the attempt was lost, as given to {@link Replies#lost}
   * @return whether to send the chunk again
   */
  default boolean retryable(Throwable cause) {
    return true;
  }

  /**
   * Returns whether an attempt lost for {@code cause} was refused for back-pressure (an executor
   * whose queue is full): no loss, and not counted as an attempt; the scheduler sends the chunk
   * again after a pause, with a smaller window. By default nothing is.
   *
   * @param cause why the attempt was lost, as given to {@link Replies#lost}
   * @return whether the attempt was refused for back-pressure
   */
  default boolean isBackPressure(Throwable cause) {
    return false;
  }

  /** Releases what the transport owns, if anything; borrowed resources stay open. */
  void release();

  /**
   * One attempt at one chunk of a job.
   *
   * @param index the chunk's index in the job's partition
   * @param from the chunk's first element
   * @param to the chunk's exclusive end
   * @param attempt 1 for the first attempt, 2 for the first retry, and so on
   */
  record Chunk(int index, long from, long to, int attempt) {

    /** Returns the next attempt at the same chunk. */
    Chunk retry() {
      return new Chunk(index, from, to, attempt + 1);
    }
  }

  /**
   * How a transport answers for an attempt. Only the first answer for an attempt frees its place
   * in the window, and only the first result for a chunk is merged, whichever attempt sent it.
   *
   * @param <A> the accumulator type
   */
  interface Replies<A> {

    /** Returns whether the job reports progress, so that the transport need not ask for it. */
    boolean tracksProgress();

    /**
     * The attempt has summed {@code elements} more of its chunk. Progress reported by an attempt
     * that is then lost is taken back; a result counts only what its attempt has not reported.
     *
     * @param elements how many more elements were summed, at most the chunk's rest
     */
    void progress(long elements);

    /**
     * The chunk was computed in full.
     *
     * @param partial the chunk's sum
     */
    void result(A partial);

    /**
     * The term threw: fatal to the job, never retried.
     *
     * @param failure what the caller gets
     */
    void termFailed(Throwable failure);

    /**
     * The attempt was lost for reasons outside the term, such as a member that left or a
     * connection that broke; the chunk is retried up to the scheduler's bound.
     *
     * @param cause why
     */
    void lost(Throwable cause);
  }

  /** Cancels an attempt that was sent. */
  @FunctionalInterface
  interface Handle {

    /** Asks the attempt to stop, interrupting it where it runs; idempotent. */
    void cancel();
  }
}
