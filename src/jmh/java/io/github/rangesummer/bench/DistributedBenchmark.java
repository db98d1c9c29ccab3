/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.bench;

import io.github.rangesummer.HazelcastMembers;
import io.github.rangesummer.RangeSummer;
import java.util.concurrent.TimeUnit;
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
 * {@code distributed} on three warm Hazelcast members in this JVM against {@code threaded(2)}: a
 * large identity sum, {@code [0, 4e9)}, where chunks are long and the cluster's overhead should
 * vanish, and the round trip of {@code [0, 1000)}, one chunk as one task there and back (on
 * {@code threaded2} it runs on the calling thread, with no hand-off at all).
 *
 * <pre>
 * mvn -B -Pbench test-compile exec:exec -Djmh.args="DistributedBenchmark"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class DistributedBenchmark {

  @Param({"threaded2", "distributed2", "distributed4"})
  public String strategy;

  private RangeSummer summer;

  @Setup(Level.Trial)
  public void open() {
    summer = Strategies.create(strategy);
  }

  @TearDown(Level.Trial)
  public void close() {
    summer.close();
    HazelcastMembers.shutdownEmbedded();
  }

  @Benchmark
  public long large() {
    return summer.sum(0, 4_000_000_000L);
  }

  @Benchmark
  public long roundTrip() {
    return summer.sum(0, 1_000);
  }
}
