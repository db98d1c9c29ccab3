/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code multiProcess(n)} with real worker processes: no mock of the process layer. */
class MultiProcessTest {

  private static final Duration HANG_LIMIT = Duration.ofSeconds(60);

  private static RangeSummer shared;

  @BeforeAll
  static void startPool() {
    shared = RangeSummer.multiProcess(2);
  }

  @AfterAll
  static void closePool() throws InterruptedException {
    shared.close();
    awaitNoDescendants();
  }

  private static long closedForm(long start, long end) {
    return BigInteger.valueOf(start)
        .add(BigInteger.valueOf(end - 1))
        .multiply(BigInteger.valueOf(end - start))
        .shiftRight(1)
        .longValueExact();
  }

  private static Set<Long> descendants() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  private static void awaitNoDescendants() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!descendants().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(Set.of(), descendants(), "worker processes still alive");
  }

  @Test
  void sum_identityAndTerms_matchInJvmStrategies() {
    long factor = 7; // captured
    assertEquals(closedForm(0, 100_000_000), shared.sum(0, 100_000_000));
    assertEquals(7 * closedForm(-1000, 1000), shared.sum(-1000, 1000, i -> i * factor));
    assertEquals(
        RangeSummer.sequential().sumExact(Long.MAX_VALUE - 1_000_000, Long.MAX_VALUE),
        shared.sumExact(Long.MAX_VALUE - 1_000_000, Long.MAX_VALUE));
    assertEquals(5, shared.sum(0, 4001, i -> i < 2000 ? Long.MAX_VALUE : i < 4000 ? -Long.MAX_VALUE : 5));
    assertThrows(ArithmeticException.class, () -> shared.sum(0, 3, i -> Long.MAX_VALUE));
  }

  @Test
  void sumDouble_capturingLambda_sameBitsAsSequential() {
    double[] values = {1e308, 1e308, -1e308, 0.1, -0.3, 1e-310, Double.MIN_VALUE};
    DoubleTerm term = i -> values[(int) (i % values.length)] / (1 + (i % 13));
    long end = 1_000_003;
    double expected = RangeSummer.sequential().sumDouble(0, end, term);
    assertEquals(
        Double.doubleToRawLongBits(expected),
        Double.doubleToRawLongBits(shared.withMinChunkSize(1000).sumDouble(0, end, term)));
  }

  @Test
  void sum_termThrows_remoteExceptionCarriesClassMessageAndStack() {
    RemoteTermException e =
        assertThrows(
            RemoteTermException.class,
            () ->
                shared.sum(
                    0,
                    100,
                    i -> {
                      if (i == 42) {
                        throw new IllegalStateException("bad index " + i, new ArithmeticException("root"));
                      }
                      return i;
                    }));
    assertEquals("java.lang.IllegalStateException", e.remoteClassName());
    assertEquals("bad index 42", e.remoteMessage().orElseThrow());
    assertEquals("java.lang.IllegalStateException: bad index 42", e.getMessage());
    assertTrue(
        Arrays.stream(e.getStackTrace())
            .anyMatch(frame -> frame.getClassName().equals(MultiProcessTest.class.getName())),
        "remote stack names the test's lambda: " + Arrays.toString(e.getStackTrace()));
    RemoteTermException cause = assertInstanceOf(RemoteTermException.class, e.getCause());
    assertEquals("java.lang.ArithmeticException", cause.remoteClassName());
    assertEquals(closedForm(0, 100), shared.sum(0, 100), "usable after a failure");
  }

  @Test
  void sum_nonSerializableTerm_failsFastBeforeAnyWorkerStarts() throws InterruptedException {
    Object notSerializable = new Object();
    try (RangeSummer fresh = RangeSummer.multiProcess(2)) {
      Set<Long> before = descendants();
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> fresh.sum(0, 10, i -> notSerializable.hashCode()));
      assertInstanceOf(NotSerializableException.class, e.getCause());
      assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> fresh.sumAsync(0, 10, i -> notSerializable.hashCode()),
          "sumAsync throws too, rather than returning a failed future");
      assertEquals(before, descendants(), "no worker was started");
      assertEquals(45, fresh.sum(0, 10, i -> i), "usable afterwards");
    }
  }

  @Test
  void sum_noisyTerm_outputForwardedToStderrAndResultExact() throws InterruptedException {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(new TeeStream(captured, original), true, UTF_8));
    try {
      long sum =
          shared.sum(
              0,
              200,
              i -> {
                System.out.println("noise-out " + i);
                System.err.print("noise-err " + i + "\n");
                return i;
              });
      assertEquals(closedForm(0, 200), sum);
      // Forwarding runs on its own thread and may trail the result a little.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!(captured(captured).contains("noise-out 199") && captured(captured).contains("noise-err 0"))
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } finally {
      System.setErr(original);
    }
    String text = captured(captured);
    assertTrue(text.contains("noise-out 199"), "stdout of the term is forwarded to stderr");
    assertTrue(text.contains("noise-err 0"), "stderr of the term is forwarded");
  }

  private static String captured(ByteArrayOutputStream bytes) {
    synchronized (bytes) {
      return bytes.toString(UTF_8);
    }
  }

  @Test
  void sum_systemExitInTerm_failsNamingWorkerAndExitCode_thenWorks() {
    try (RangeSummer summer = RangeSummer.multiProcess(2)) {
      WorkerProcessException e =
          assertTimeoutPreemptively(
              HANG_LIMIT,
              () ->
                  assertThrows(
                      WorkerProcessException.class,
                      () ->
                          summer.sum(
                              0,
                              10,
                              i -> {
                                System.err.println("about to exit");
                                System.exit(42);
                                return i;
                              })));
      assertEquals(42, e.exitCode().orElseThrow());
      assertTrue(e.getMessage().contains(e.worker()), e.getMessage());
      assertTrue(e.getMessage().contains("exited with code 42"), e.getMessage());
      assertTrue(e.stderrTail().contains("about to exit"), e.stderrTail().toString());
      assertEquals(closedForm(0, 1_000_000), summer.sum(0, 1_000_000), "the dead worker was replaced");
    }
  }

  @Test
  void sum_haltAndOutOfMemoryInTerm_failWithExitCodes() {
    try (RangeSummer summer = RangeSummer.multiProcess(1)) {
      WorkerProcessException halted =
          assertThrows(
              WorkerProcessException.class,
              () ->
                  summer.sum(
                      0,
                      10,
                      i -> {
                        Runtime.getRuntime().halt(43);
                        return i;
                      }));
      assertEquals(43, halted.exitCode().orElseThrow());
      WorkerProcessException outOfMemory =
          assertThrows(
              WorkerProcessException.class,
              () -> summer.sum(0, 10, i -> new long[Integer.MAX_VALUE - 2].length));
      assertEquals(3, outOfMemory.exitCode().orElseThrow(), outOfMemory.getMessage());
      assertTrue(
          outOfMemory.getMessage().contains("OutOfMemoryError"), outOfMemory.getMessage());
      assertEquals(45, summer.sum(0, 10, i -> i));
    }
  }

  @Test
  void sum_workerKilledFromOutsideMidSum_chunkRetriedAndResultExact() throws Exception {
    try (RangeSummer summer = RangeSummer.multiProcess(2)) {
      summer.sum(0, 10); // start the workers
      long end = 12_000_000;
      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<Long> sum =
          summer
              .withProgress((done, total) -> started.countDown(), Duration.ofMillis(10))
              .withMinChunkSize(1)
              .sumAsync(
                  0,
                  end,
                  i -> {
                    if ((i & 0xFFF) == 0) {
                      Thread.onSpinWait();
                    }
                    return (long) Math.sqrt((double) i * i);
                  });
      assertTrue(started.await(30, TimeUnit.SECONDS), "the sum made progress");
      ProcessHandle victim = ProcessHandle.current().descendants().findFirst().orElseThrow();
      assertTrue(victim.destroyForcibly());
      assertEquals(closedForm(0, end), sum.get(60, TimeUnit.SECONDS));
      assertFalse(victim.isAlive() && victim.onExit().get(10, TimeUnit.SECONDS).isAlive());
      assertEquals(closedForm(0, 1000), summer.sum(0, 1000));
    }
  }

  @Test
  void close_endsEveryWorkerAndRejectsNewSums() throws Exception {
    Set<Long> before = descendants();
    RangeSummer summer = RangeSummer.multiProcess(3);
    assertEquals(closedForm(0, 1_000_000), summer.sum(0, 1_000_000));
    Set<Long> workers = descendants();
    workers.removeAll(before);
    assertEquals(3, workers.size(), "three workers started");
    summer.close();
    summer.close(); // idempotent
    for (long pid : workers) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid);
    }
    assertThrows(IllegalStateException.class, () -> summer.sum(0, 10));
  }

  @Test
  void workers_runUnderJavaCp() throws Exception {
    List<String> output = runHost(List.of("-cp", System.getProperty("java.class.path"), ChildHost.class.getName()));
    assertEquals("sum=" + 3 * closedForm(0, 1_000_000), output.get(0));
  }

  @Test
  void workers_runUnderJavaJar(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("host.jar");
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, ChildHost.class.getName());
    main.put(
        Attributes.Name.CLASS_PATH,
        Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .map(entry -> Path.of(entry).toUri().toString())
            .collect(Collectors.joining(" ")));
    new JarOutputStream(Files.newOutputStream(jar), manifest).close(); // classes: Class-Path
    List<String> output = runHost(List.of("-jar", jar.toString()));
    assertEquals("sum=" + 3 * closedForm(0, 1_000_000), output.get(0));
  }

  /** A 100 MB array on worker JVMs, summed exactly through slices of a few megabytes. */
  @Test
  void sum_hundredMegabyteArray_isExact() {
    long[] values = new long[12_500_000];
    Arrays.setAll(values, i -> (i % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE + 1) - i % 7);
    BigInteger expected = BigInteger.ZERO;
    for (long value : values) {
      expected = expected.add(BigInteger.valueOf(value));
    }
    try (RangeSummer summer = RangeSummer.multiProcess(2)) {
      assertEquals(expected, summer.sumExact(values));
    }
  }

  @Test
  void workers_endWhenParentIsKilled() throws Exception {
    assertWorkersEndWhenTheHostIsKilled("--hang");
  }

  /**
   * A parent killed with {@code SIGKILL} while its workers compute a sum: the workers see their
   * channel end and exit by themselves, promptly, whatever their term is doing.
   */
  @Test
  void workers_endWhenParentIsKilledMidSum() throws Exception {
    assertWorkersEndWhenTheHostIsKilled("--hang-in-sum");
  }

  /** Starts a {@link ChildHost} in {@code mode}, kills it once it printed its workers' pids. */
  private static void assertWorkersEndWhenTheHostIsKilled(String mode) throws Exception {
    Process host =
        new ProcessBuilder(
                javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                ChildHost.class.getName(),
                mode)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String pids = null;
      try (var reader = host.inputReader(UTF_8)) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          if (line.startsWith("pids=")) {
            pids = line.substring(5);
            break;
          }
        }
      }
      assertTrue(pids != null, "the host printed its workers' pids");
      List<ProcessHandle> workers =
          Arrays.stream(pids.split(","))
              .map(pid -> ProcessHandle.of(Long.parseLong(pid)).orElseThrow())
              .collect(Collectors.toList());
      assertEquals(2, workers.size());
      host.destroyForcibly(); // SIGKILL: no shutdown hook runs
      host.waitFor(10, TimeUnit.SECONDS);
      for (ProcessHandle worker : workers) {
        worker.onExit().get(10, TimeUnit.SECONDS);
        assertFalse(worker.isAlive(), "orphan worker " + worker.pid());
      }
    } finally {
      host.destroyForcibly();
    }
  }

  /**
   * With {@code JAVA_TOOL_OPTIONS} set, every JVM prints a note on its standard error; the
   * parent printed it already, and its workers' notes are not forwarded again, one per worker.
   */
  @Test
  void workers_javaToolOptionsInTheEnvironment_noteIsNotRepeatedPerWorker() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            javaBinary(), "-cp", System.getProperty("java.class.path"), ChildHost.class.getName());
    builder.environment().put("JAVA_TOOL_OPTIONS", "-Drangesummer.test.marker=1");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    Process host = builder.redirectErrorStream(true).start();
    String out = new String(host.getInputStream().readAllBytes(), UTF_8);
    assertTrue(host.waitFor(60, TimeUnit.SECONDS), "host finished");
    assertEquals(0, host.exitValue(), out);
    assertTrue(out.contains("sum=" + 3 * closedForm(0, 1_000_000)), out);
    assertEquals(
        1, out.lines().filter(l -> l.contains("Picked up JAVA_TOOL_OPTIONS")).count(), out);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<String> runHost(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(javaBinary());
    command.addAll(arguments);
    Process host = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(host.getInputStream().readAllBytes(), UTF_8);
    assertTrue(host.waitFor(60, TimeUnit.SECONDS), "host finished");
    assertEquals(0, host.exitValue(), out);
    return out.lines().collect(Collectors.toList());
  }

  /** Writes to two streams. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      first.write(bytes, offset, length);
      second.write(bytes, offset, length);
    }
  }
}
