/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static io.github.rangesummer.TestSupport.closedForm;
import static io.github.rangesummer.TestSupport.failureOf;
import static io.github.rangesummer.TestSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Terms and options as a hostile or careless user writes them (issue 13): exceptions that cannot
 * describe themselves, absurd durations, terms too big for a worker, output below Java on file
 * descriptor 1. Whatever happens, the caller gets an answer in bounded time: the exact sum or a
 * documented exception.
 */
class HostileTermsTest {

  private static RangeSummer processes;

  @BeforeAll
  static void startWorkers() {
    processes = RangeSummer.multiProcess(2);
  }

  @AfterAll
  static void closeWorkers() {
    processes.close();
  }

  // Exceptions that cannot describe themselves

  /** Throws from one of the methods the library uses to describe an exception. */
  static final class Undescribable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String broken;

    Undescribable(String broken) {
      this.broken = broken;
    }

    private void check(String method) {
      if (broken.equals(method)) {
        throw new IllegalStateException(method + " is broken on purpose");
      }
    }

    @Override
    public String getMessage() {
      check("getMessage");
      if (broken.equals("getMessageNeverReturns")) {
        // Spins until the worker process ends; bounded so that a mistake cannot outlive the run.
        long deadline = System.nanoTime() + TestSupport.HANG.toNanos();
        while (System.nanoTime() - deadline < 0) {
          Thread.onSpinWait();
        }
      }
      return "undescribable";
    }

    @Override
    public String getLocalizedMessage() {
      check("getLocalizedMessage");
      return super.getLocalizedMessage();
    }

    @Override
    public String toString() {
      check("toString");
      return super.toString();
    }

    @Override
    public synchronized Throwable getCause() {
      check("getCause");
      if (broken.equals("endlessCauses")) {
        return new Undescribable("endlessCauses"); // a new cause each time: no cycle to detect
      }
      return super.getCause();
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      check("getStackTrace");
      if (broken.equals("nullStackTrace")) {
        return null;
      }
      if (broken.equals("nullFrames")) {
        return new StackTraceElement[] {null, null};
      }
      return super.getStackTrace();
    }
  }

  static Stream<String> brokenMethods() {
    return Stream.of(
        "getMessage",
        "getLocalizedMessage",
        "toString",
        "getCause",
        "getStackTrace",
        "endlessCauses",
        "nullStackTrace",
        "nullFrames",
        "getMessageNeverReturns");
  }

  @ParameterizedTest
  @MethodSource("brokenMethods")
  void multiProcess_termExceptionCannotDescribeItself_failsWithRemoteTermException(String broken)
      throws Exception {
    Throwable failure =
        failureOf(
            processes.sumAsync(
                0,
                10,
                i -> {
                  throw new Undescribable(broken);
                }));
    RemoteTermException remote = assertInstanceOf(RemoteTermException.class, failure);
    assertEquals(Undescribable.class.getName(), remote.remoteClassName(), remote::toString);
    assertEquals(55, processes.sum(0, 11), "the summer stays usable");
  }

  /**
   * The same, on {@code distributed}, through the same description of the exception, bounded as
   * in a worker: a {@code getMessage()} that never returns costs the member a thread of its own,
   * not the task's, and the caller gets the class name after two seconds (issue 21).
   */
  @ParameterizedTest
  @MethodSource("brokenMethods")
  void distributed_termExceptionCannotDescribeItself_failsWithRemoteTermException(String broken)
      throws Exception {
    try (RangeSummer summer = RangeSummer.distributed(HazelcastMembers.executor(), 2)) {
      Throwable failure =
          failureOf(
              summer.sumAsync(
                  0,
                  10,
                  i -> {
                    throw new Undescribable(broken);
                  }));
      RemoteTermException remote = assertInstanceOf(RemoteTermException.class, failure);
      assertEquals(Undescribable.class.getName(), remote.remoteClassName(), remote::toString);
      assertEquals(55, summer.sum(0, 11), "the summer stays usable");
    }
  }

  /** A term whose serialized form throws when it is read, counting the reads. */
  static final class Unreadable implements LongTerm {
    private static final long serialVersionUID = 1L;
    private final SharedLongs reads;

    Unreadable(SharedLongs reads) {
      this.reads = reads;
    }

    @Override
    public long applyAsLong(long index) {
      return index;
    }

    private void readObject(java.io.ObjectInputStream in)
        throws java.io.IOException, ClassNotFoundException {
      in.defaultReadObject();
      reads.increment(0);
      throw new IllegalStateException("this term cannot be read, on purpose");
    }
  }

  /**
   * A term that cannot be read where it runs fails the same way on both remote strategies, at
   * once and without a retry: before, {@code distributed} tried it three times and reported a
   * {@code RemoteChunkException} "outside the term" (issue 25).
   */
  @ParameterizedTest
  @MethodSource("remoteSummers")
  void remote_termCannotBeRead_failsOnceTheSameWay(String name) throws Exception {
    SharedLongs reads = SharedLongs.create(1);
    try (RangeSummer summer = remoteSummer(name)) {
      Throwable failure = failureOf(summer.sumAsync(0, 10, new Unreadable(reads)));
      RangeSummerException thrown = assertInstanceOf(RangeSummerException.class, failure);
      assertEquals(RangeSummerException.class, thrown.getClass(), thrown::toString);
      assertTrue(thrown.getMessage().startsWith("the term cannot be read in "), thrown::getMessage);
      assertTrue(
          thrown.getMessage().contains("this term cannot be read, on purpose"), thrown::getMessage);
      RemoteTermException cause = assertInstanceOf(RemoteTermException.class, thrown.getCause());
      assertEquals(IllegalStateException.class.getName(), cause.remoteClassName());
      assertEquals(1, reads.get(0), "read once: never retried");
      assertEquals(55, summer.sum(0, 11), "the summer stays usable");
    }
  }

  /** An exception whose every method blocks for a long time: user code, as hostile as it gets. */
  static final class Mute extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static void block() {
      TestSupport.sleep(TestSupport.HANG.toMillis());
    }

    @Override
    public String getMessage() {
      block();
      return "mute";
    }

    @Override
    public String toString() {
      block();
      return "Mute";
    }

    @Override
    public synchronized Throwable getCause() {
      block();
      return null;
    }
  }

  /** A term whose deserialization throws a {@link Mute}. */
  static final class MuteWhenRead implements LongTerm {
    private static final long serialVersionUID = 1L;

    @Override
    public long applyAsLong(long index) {
      return index;
    }

    private void readObject(java.io.ObjectInputStream in) {
      throw new Mute();
    }
  }

  /**
   * A term whose deserialization throws an exception whose methods never return: the failure is
   * described where it happened, within two seconds, and the caller, its logs and the summer's
   * locks never call the exception's methods; {@code close()} then returns at once (issue 25).
   */
  @ParameterizedTest
  @MethodSource("remoteSummers")
  void remote_termThrowsAMuteExceptionWhenRead_failsWithinTheBound_andCloseReturns(String name)
      throws Exception {
    RangeSummer summer = remoteSummer(name);
    try {
      Throwable failure =
          summer.sumAsync(0, 10, new MuteWhenRead())
              .handle((value, thrown) -> thrown)
              .get(10, java.util.concurrent.TimeUnit.SECONDS);
      RangeSummerException thrown = assertInstanceOf(RangeSummerException.class, failure);
      assertTrue(thrown.getMessage().contains(Mute.class.getName()), thrown::getMessage);
      assertTrue(thrown.getMessage().contains("did not return within"), thrown::getMessage);
    } finally {
      java.util.concurrent.CompletableFuture<Void> closing =
          TestSupport.onNewThread("close", () -> {
            summer.close();
            return null;
          });
      closing.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  static Stream<String> remoteSummers() {
    return Stream.of("multiProcess(1)", "distributed(hazelcast, 2)");
  }

  private static RangeSummer remoteSummer(String name) {
    return name.startsWith("multiProcess")
        ? RangeSummer.multiProcess(1)
        : RangeSummer.distributed(HazelcastMembers.executor(), 2);
  }

  @EveryInJvmStrategy
  void inJvm_checkedExceptionCannotDescribeItself_failsWithItAsCause(
      Supplier<RangeSummer> strategy) {
    Exception checked =
        new Exception() {
          private static final long serialVersionUID = 1L;

          @Override
          public String toString() {
            throw new IllegalStateException("toString is broken on purpose");
          }

          @Override
          public String getMessage() {
            throw new IllegalStateException("getMessage is broken on purpose");
          }
        };
    try (RangeSummer summer = strategy.get()) {
      RangeSummerException thrown =
          assertThrows(
              RangeSummerException.class,
              () -> summer.sum(0, 10, i -> {
                throw TestSupport.sneakyThrow(checked);
              }));
      assertSame(checked, thrown.getCause());
    }
  }

  // Durations beyond any practical limit

  private static final List<Duration> ABSURD_DURATIONS =
      List.of(
          ChronoUnit.FOREVER.getDuration(),
          ChronoUnit.YEARS.getDuration().multipliedBy(300),
          Duration.ofNanos(Long.MAX_VALUE),
          Duration.ofNanos(Long.MAX_VALUE).plusNanos(1));

  @EveryStrategy
  void withTimeout_beyondAnyPracticalLimit_meansNoLimit(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      for (Duration forever : ABSURD_DURATIONS) {
        RangeSummer patient = summer.withTimeout(forever);
        String message = strategy + " with a timeout of " + forever;
        assertEquals(closedForm(0, 1_000_000).longValue(), patient.sum(0, 1_000_000), message);
        assertEquals(45L, get(patient.sumAsync(0, 10, i -> i)), message);
      }
    }
  }

  @EveryStrategy
  void withProgress_intervalBeyondAnyPracticalLimit_reportsOnlyTheTotal(Strategy strategy) {
    try (RangeSummer summer = strategy.get()) {
      for (Duration forever : ABSURD_DURATIONS) {
        List<Long> reports = new ArrayList<>();
        RangeSummer patient = summer.withProgress((done, total) -> reports.add(done), forever);
        String message = strategy + " with a progress interval of " + forever;
        assertEquals(closedForm(0, 1_000_000).longValue(), patient.sum(0, 1_000_000), message);
        assertEquals(List.of(1_000_000L), reports, message);
      }
    }
  }

  // Terms that serialize but are too big for a worker

  @Test
  void multiProcess_termCapturesHugeArray_throwsNamingTheLimit() {
    long[] huge = new long[13_000_000]; // 104 MB serialized, beyond the limit
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () -> processes.sum(0, 10, i -> huge[(int) i]));
    assertTrue(thrown.getMessage().contains("bytes"), thrown::getMessage);
    assertTrue(
        thrown.getMessage().contains(Integer.toString(RangeSummer.MAX_TERM_BYTES)),
        thrown::getMessage);
  }

  /** A linked list that captures its own length. */
  static final class Node implements Serializable {
    private static final long serialVersionUID = 1L;
    final Node next;
    final long value;

    Node(Node next, long value) {
      this.next = next;
      this.value = value;
    }

    static Node list(int length) {
      Node head = null;
      for (int i = 0; i < length; i++) {
        head = new Node(head, 1);
      }
      return head;
    }

    long length() {
      long length = 0;
      for (Node node = this; node != null; node = node.next) {
        length += node.value;
      }
      return length;
    }
  }

  @Test
  void multiProcess_termCapturesMillionElementList_isSummed() {
    List<Long> values = new ArrayList<>();
    LongStream.range(0, 1_100_000).forEach(values::add);
    assertEquals(
        45L + 10 * 1_100_000L, processes.sum(0, 10, i -> i + values.size()));
  }

  @Test
  void multiProcess_termCapturesLinkedListOfThousands_isSummed() {
    Node list = Node.list(3_000);
    assertEquals(45L + 10 * 3_000L, processes.sum(0, 10, i -> i + list.length()));
  }

  /** Members read terms under the same limits as workers, and the caller checks them first. */
  @Test
  void distributed_termsWithinTheWorkersLimits_areSummedAndBeyondThemFailAtOnce() {
    try (RangeSummer summer = RangeSummer.distributed(HazelcastMembers.executor(), 2)) {
      Node list = Node.list(3_000);
      assertEquals(45L + 10 * 3_000L, summer.sum(0, 10, i -> i + list.length()));
      Node deep = Node.list(200_000);
      try {
        assertEquals(45L + 10 * 200_000L, summer.sum(0, 10, i -> i + deep.length()));
      } catch (IllegalArgumentException e) {
        assertTrue(
            e.getMessage().contains(Integer.toString(RangeSummer.MAX_TERM_DEPTH)), e::getMessage);
      }
      assertEquals(55, summer.sum(0, 11), "the summer stays usable");
    }
  }

  @Test
  void multiProcess_hundredComposedTerms_isSummed() {
    LongTerm term = i -> i;
    for (int k = 0; k < 100; k++) {
      LongTerm inner = term;
      term = i -> inner.applyAsLong(i) + 1;
    }
    assertEquals(45L + 10 * 100L, processes.sum(0, 10, term));
  }

  @Test
  void multiProcess_termTooDeeplyNested_throwsNamingTheLimitOrIsSummed() {
    Node list = Node.list(200_000);
    try {
      assertEquals(45L + 10 * 200_000L, processes.sum(0, 10, i -> i + list.length()));
    } catch (IllegalArgumentException e) {
      assertTrue(
          e.getMessage().contains(Integer.toString(RangeSummer.MAX_TERM_DEPTH)), e::getMessage);
    }
  }

  // A multiProcess summer made inside a term

  @Test
  void multiProcess_termMakesItsOwnMultiProcessSummer_sumsOnTheWorkersThread() {
    long sum =
        processes.withMinChunkSize(1).sum(0, 3, i -> {
          try (RangeSummer inner = RangeSummer.multiProcess(2)) {
            long nested = inner.sum(0, 5);
            long children = ProcessHandle.current().children().count();
            return nested + 1_000 * children;
          }
        });
    assertEquals(30, sum, "three nested sums of 10, and no worker started from a worker");
  }

  // Output below Java

  @Test
  void multiProcess_childProcessInheritsIo_protocolUnharmed() {
    assertEquals(
        0,
        processes.withMinChunkSize(1).sum(0, 4, i -> {
          try {
            return new ProcessBuilder("echo", "hi from a child of a worker")
                .inheritIO()
                .start()
                .waitFor();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }));
  }

  @Test
  void multiProcess_termWritesToFileDescriptorOne_protocolUnharmed() {
    assertEquals(
        45,
        processes.withMinChunkSize(1).sum(0, 10, i -> {
          try {
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write("help, I am on stdout\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return i;
        }));
  }
}
