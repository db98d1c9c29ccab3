/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.internal.Calls;
import io.github.rangesummer.internal.Finisher;
import io.github.rangesummer.internal.Options;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.remote.RemoteScheduler;
import io.github.rangesummer.internal.remote.Transport;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The remote scheduler alone, at cluster scale: a sum of {@code 4 * parallelism} chunks over an
 * in-memory transport that answers at once (or after {@code delayMicros}) with an empty partial
 * sum, so that what is measured is the scheduler's own work per chunk: the "c" of the scale model
 * in {@code docs/distributed.md}. {@code cpu} counts the process's CPU time and {@code chunks}
 * the chunks answered: their ratio is the CPU per chunk; the score is the time per sum.
 *
 * <p>Questions: the CPU per chunk at a parallelism of 6,400 (25,600 chunks; goal at most 30 µs,
 * 10 µs), and flat from 64 to 6,400 in flight, speculation on.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class SchedulerBenchmark {

  @Param({"64", "640", "6400"})
  public int parallelism;

  @Param({"0"})
  public long delayMicros;

  private RemoteScheduler<Object> scheduler;
  private Calls calls;
  private ScheduledExecutorService delays;

  /** The process's CPU time and the chunks answered, per iteration. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Cost {
    public long cpuMicros;
    public long chunks;
  }

  @Setup(Level.Trial)
  public void create() {
    delays = Executors.newSingleThreadScheduledExecutor();
    scheduler = new RemoteScheduler<>("instant(" + parallelism + ")", new Instant(), parallelism, 3);
    calls = new Calls(scheduler, Options.DEFAULTS.withMinChunk(1), new Object());
  }

  @TearDown(Level.Trial)
  public void close() {
    scheduler.close();
    delays.shutdownNow();
  }

  @Benchmark
  public Object sum(Cost cost) {
    long before = cpuNanos();
    Long sum = calls.sum(0, 1_000_000_000L, Summation.identity(), Finisher.exactLong());
    cost.cpuMicros += (cpuNanos() - before) / 1_000;
    cost.chunks += 4L * parallelism;
    return sum;
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
  }

  /** Answers every attempt with an empty partial sum, at once or after the delay. */
  private final class Instant implements Transport<Object> {
    @Override
    public Object prepare(Summation<?> summation) {
      return summation;
    }

    @Override
    public <A> Handle send(Object prepared, Summation<A> summation, Chunk chunk, Replies<A> replies) {
      if (delayMicros == 0) {
        replies.result(summation.newAccumulator());
      } else {
        delays.schedule(
            () -> replies.result(summation.newAccumulator()), delayMicros, TimeUnit.MICROSECONDS);
      }
      return () -> {};
    }

    @Override
    public RuntimeException exhausted(String message, Chunk chunk, Throwable last) {
      return new IllegalStateException(message, last);
    }

    @Override
    public void release() {}
  }
}
