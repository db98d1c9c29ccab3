/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import io.github.rangesummer.RangeSummerException;
import io.github.rangesummer.RemoteTermException;
import io.github.rangesummer.TermClassNotFoundException;
import io.github.rangesummer.internal.SumKind;
import io.github.rangesummer.internal.Summation;
import io.github.rangesummer.internal.ThrowableImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import java.util.Random;

/**
 * The one remote chunk: every sum kind through its remote form ({@link Shipment}, {@link
 * ChunkRequest}, {@link ChunkWork}, {@link ChunkOutcome}) against the same chunk summed here, and
 * each codec's round trip and refusals. No JVM is started.
 */
class RemoteChunkTest {

  /**
   * One sample summation of every kind. A kind added without one fails {@link
   * #everyKind_throughItsRemoteForm_sumsAsHere}: add its sample with its remote support.
   */
  private static final Map<SumKind, Supplier<Summation<?>>> SAMPLES = samples();

  private static Map<SumKind, Supplier<Summation<?>>> samples() {
    Map<SumKind, Supplier<Summation<?>>> samples = new EnumMap<>(SumKind.class);
    samples.put(SumKind.IDENTITY, Summation::identity);
    LongTerm squares = i -> i * i - 7;
    samples.put(SumKind.LONG_TERM, () -> Summation.ofLong(squares));
    DoubleTerm harmonic = i -> 1.0 / (i + 1);
    samples.put(SumKind.DOUBLE_TERM, () -> Summation.ofDouble(harmonic));
    Random random = new Random(7);
    long[] longs = random.longs(6_000).toArray();
    int[] ints = random.ints(6_000).toArray();
    double[] doubles = random.doubles(6_000, -1e9, 1e9).toArray();
    float[] floats = new float[6_000];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = random.nextFloat() - 0.5f;
    }
    samples.put(SumKind.LONG_ARRAY, () -> Summation.ofLongs(longs));
    samples.put(SumKind.INT_ARRAY, () -> Summation.ofInts(ints));
    samples.put(SumKind.DOUBLE_ARRAY, () -> Summation.ofDoubles(doubles));
    samples.put(SumKind.FLOAT_ARRAY, () -> Summation.ofFloats(floats));
    return samples;
  }

  @Test
  void everyKind_hasItsOwnWireId() throws IOException {
    for (SumKind kind : SumKind.values()) {
      assertSame(kind, SumKind.ofWire(kind.wire()));
    }
    assertEquals(
        SumKind.values().length,
        Arrays.stream(SumKind.values()).mapToInt(SumKind::wire).distinct().count());
    assertThrows(IOException.class, () -> SumKind.ofWire(0));
    assertThrows(IOException.class, () -> SumKind.ofWire(200));
  }

  @Test
  void everyKind_throughItsRemoteForm_sumsAsHere() throws IOException {
    for (SumKind kind : SumKind.values()) {
      Supplier<Summation<?>> sample = SAMPLES.get(kind);
      assertNotNull(sample, kind + " has no sample here: add one with its remote support");
      Summation<?> summation = sample.get();
      assertSame(kind, summation.kind());
      assertRemoteSumsAsHere(summation, 1_000, 5_000);
      assertRemoteSumsAsHere(summation, 3, 10);
    }
  }

  private static <A> void assertRemoteSumsAsHere(Summation<A> summation, long from, long to)
      throws IOException {
    Shipment shipment = Shipment.of(summation, "to a test");
    assertEquals(summation.kind().hasTerm(), shipment.term() != null, summation.kind()::toString);
    ChunkRequest request =
        shipment.request(summation, new Transport.Chunk(3, from, to, 1), false, true);
    assertEquals(
        (to - from) * summation.bytesPerElement(),
        request.data().length,
        "a chunk carries its own slice, and nothing more");
    ChunkRequest arrived = ChunkRequest.fromBytes(request.toBytes());
    assertEquals(request, arrived);

    ChunkOutcome outcome =
        ChunkOutcome.fromBytes(
            new ChunkWork().compute(arrived, elements -> true, () -> false).toBytes());
    ChunkOutcome.Result result = assertInstanceOf(ChunkOutcome.Result.class, outcome);

    A here = summation.newAccumulator();
    summation.accumulate(from, to, here, elements -> true);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    summation.partials().write(here, new DataOutputStream(expected));
    assertArrayEquals(expected.toByteArray(), result.partial(), summation.kind()::toString);
  }

  @Test
  void chunkWork_laterChunkOfAJob_usesTheTermReadWithItsFirst() throws IOException {
    Summation<?> summation = Summation.ofLong(i -> 3 * i);
    Shipment shipment = Shipment.of(summation, "to a test");
    ChunkWork work = new ChunkWork();
    ChunkRequest first =
        shipment.request(summation, new Transport.Chunk(0, 0, 10, 1), false, true);
    ChunkRequest second =
        shipment.request(summation, new Transport.Chunk(1, 10, 20, 1), false, false);
    assertNull(second.term());
    assertInstanceOf(ChunkOutcome.Result.class, work.compute(first, e -> true, () -> false));
    assertInstanceOf(ChunkOutcome.Result.class, work.compute(second, e -> true, () -> false));
    IOException noTerm =
        assertThrows(
            IOException.class, () -> new ChunkWork().compute(second, e -> true, () -> false));
    assertTrue(noTerm.getMessage().contains("no term"), noTerm::getMessage);
  }

  /** A term whose serialized form throws when it is read. */
  static final class Unreadable implements LongTerm {
    private static final long serialVersionUID = 1L;

    @Override
    public long applyAsLong(long index) {
      return index;
    }

    private void readObject(ObjectInputStream in) {
      throw new IllegalStateException("cannot be read on purpose");
    }
  }

  @Test
  void chunkWork_termCannotBeRead_isAnOutcomeOfItsOwnNeverAFailureOfTheTerm() throws IOException {
    Summation<?> summation = Summation.ofLong(new Unreadable());
    ChunkRequest request =
        Shipment.of(summation, "to a test")
            .request(summation, new Transport.Chunk(0, 0, 10, 1), false, true);
    ChunkOutcome outcome = new ChunkWork().compute(request, e -> true, () -> false);
    ChunkOutcome.TermUnreadable unreadable =
        assertInstanceOf(ChunkOutcome.TermUnreadable.class, ChunkOutcome.fromBytes(outcome.toBytes()));
    assertEquals(false, unreadable.classMissing());
    assertEquals(IllegalStateException.class.getName(), unreadable.className());
    RangeSummerException thrown = unreadable.toException("worker-1 (pid 1)", "advice");
    assertTrue(thrown.getMessage().contains("cannot be read in worker-1 (pid 1)"), thrown::getMessage);
    assertEquals(
        IllegalStateException.class.getName(),
        assertInstanceOf(RemoteTermException.class, thrown.getCause()).remoteClassName());
  }

  @Test
  void termUnreadable_classMissing_isTermClassNotFoundNamingTheClassAndThePlace() {
    ChunkOutcome.TermUnreadable missing =
        new ChunkOutcome.TermUnreadable(
            true, "com.example.Gone", ThrowableImage.of("java.lang.ClassNotFoundException", "x"), "pid 7");
    TermClassNotFoundException thrown =
        assertInstanceOf(
            TermClassNotFoundException.class, missing.toException(null, "Put it on the path."));
    assertEquals("com.example.Gone", thrown.missingClassName());
    assertEquals("pid 7", thrown.worker());
    assertTrue(thrown.getMessage().endsWith("Put it on the path."), thrown::getMessage);
  }

  @Test
  void chunkWork_termThrows_answersItsImage_andACancelledChunkAnswersCancelled()
      throws IOException {
    Summation<?> failing =
        Summation.ofLong(
            i -> {
              throw new IllegalArgumentException("bad index " + i);
            });
    ChunkRequest request =
        Shipment.of(failing, "to a test")
            .request(failing, new Transport.Chunk(0, 5, 10, 1), false, true);
    ChunkOutcome.TermFailed failed =
        assertInstanceOf(
            ChunkOutcome.TermFailed.class,
            ChunkOutcome.fromBytes(
                new ChunkWork().compute(request, e -> true, () -> false).toBytes()));
    RemoteTermException remote = assertInstanceOf(RemoteTermException.class, failed.toException());
    assertEquals("bad index 5", remote.remoteMessage().orElseThrow());

    assertInstanceOf(
        ChunkOutcome.Cancelled.class, new ChunkWork().compute(request, e -> true, () -> true));
    Summation<?> identity = Summation.identity();
    ChunkRequest big =
        Shipment.of(identity, "to a test")
            .request(identity, new Transport.Chunk(0, 0, 1L << 40, 1), false, true);
    assertInstanceOf(
        ChunkOutcome.Cancelled.class, new ChunkWork().compute(big, e -> false, () -> false));
  }

  @Test
  void chunkRequest_roundTripsEveryField() throws IOException {
    ChunkRequest[] requests = {
      new ChunkRequest(7, 3, SumKind.LONG_TERM, -5, 9, true, new byte[] {1, 2, 3}, new byte[0]),
      new ChunkRequest(0, 0, SumKind.IDENTITY, Long.MIN_VALUE, Long.MAX_VALUE, false, null,
          new byte[] {9, 8}),
      new ChunkRequest(-1, Integer.MAX_VALUE, SumKind.DOUBLE_TERM, 0, 1, false, new byte[0],
          new byte[0]),
    };
    for (ChunkRequest request : requests) {
      assertEquals(request, ChunkRequest.fromBytes(request.toBytes()));
      assertEquals(request.hashCode(), ChunkRequest.fromBytes(request.toBytes()).hashCode());
    }
  }

  @Test
  void chunkRequest_malformed_isRefused() {
    byte[] good =
        new ChunkRequest(1, 2, SumKind.LONG_TERM, 0, 9, false, new byte[] {1}, new byte[0])
            .toBytes();
    assertThrows(IOException.class, () -> ChunkRequest.fromBytes(Arrays.copyOf(good, good.length - 1)));
    assertThrows(IOException.class, () -> ChunkRequest.fromBytes(Arrays.copyOf(good, good.length + 1)));
    byte[] unknownKind = good.clone();
    unknownKind[12] = 99; // the kind's byte, after the job and the index
    IOException kind = assertThrows(IOException.class, () -> ChunkRequest.fromBytes(unknownKind));
    assertTrue(kind.getMessage().contains("unknown sum kind 99"), kind::getMessage);
    byte[] hugeTerm = good.clone();
    int termLength = 8 + 4 + 1 + 8 + 8 + 1;
    hugeTerm[termLength] = 0x7f; // a term of about 2 GB
    assertThrows(IOException.class, () -> ChunkRequest.fromBytes(hugeTerm));
  }

  @Test
  void chunkOutcome_roundTripsEveryKind() throws IOException {
    ThrowableImage image =
        ThrowableImage.of(new IllegalStateException("outer", new ArithmeticException()));
    ChunkOutcome[] outcomes = {
      new ChunkOutcome.Result(new byte[] {1, 2, 3, 4}),
      new ChunkOutcome.TermFailed(image),
      new ChunkOutcome.TermUnreadable(true, "com.example.Missing", image, "pid 42"),
      new ChunkOutcome.Cancelled(),
    };
    for (ChunkOutcome outcome : outcomes) {
      ChunkOutcome read = ChunkOutcome.fromBytes(outcome.toBytes());
      assertEquals(outcome.getClass(), read.getClass());
      assertArrayEquals(outcome.toBytes(), read.toBytes());
    }
    assertThrows(IOException.class, () -> ChunkOutcome.fromBytes(new byte[] {9}));
    assertThrows(IOException.class, () -> ChunkOutcome.fromBytes(new byte[] {1, 0x7f, 0, 0, 0}));
  }

  @Test
  void throwableImage_roundTripsItsChainAndBoundsWhatItReads() throws IOException {
    Exception cause = new ArithmeticException(null);
    IllegalStateException failure = new IllegalStateException("top", cause);
    ThrowableImage image = ThrowableImage.of(failure);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    image.write(new DataOutputStream(bytes));
    ThrowableImage read =
        ThrowableImage.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals("java.lang.IllegalStateException: top", read.toString());
    assertEquals(ArithmeticException.class.getName(), read.cause().className());
    assertNull(read.cause().message());
    assertEquals(failure.getStackTrace().length, read.stackTrace().length);
    StackTraceElement top = failure.getStackTrace()[0];
    assertEquals(top.getClassName(), read.stackTrace()[0].getClassName());
    assertEquals(top.getMethodName(), read.stackTrace()[0].getMethodName());
    assertEquals(top.getLineNumber(), read.stackTrace()[0].getLineNumber());

    byte[] tooLong = {0, 0, 0, 17}; // a chain of 17, beyond ThrowableImage.MAX_CAUSES
    assertThrows(
        IOException.class,
        () -> ThrowableImage.read(new DataInputStream(new ByteArrayInputStream(tooLong))));
  }

  /** An exception whose message never comes, until the test lets it. */
  static final class Silent extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient CountDownLatch release;

    Silent(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public String getMessage() {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "at last";
    }
  }

  @Test
  void describe_aMessageThatNeverComes_isCutShortAtTheBound() {
    CountDownLatch release = new CountDownLatch(1);
    try {
      ThrowableImage.Bounded described = ThrowableImage.describe(new Silent(release), 100);
      assertTrue(described.cutShort());
      assertEquals(Silent.class.getName(), described.image().className());
      assertTrue(described.image().message().contains("did not return within 100 ms"));
    } finally {
      release.countDown();
    }
    ThrowableImage.Bounded quick = ThrowableImage.describe(new IllegalStateException("now"), 20_000);
    assertEquals(false, quick.cutShort());
    assertEquals("now", quick.image().message());
  }

  @Test
  void lostAttempt_describesWhatATransportReceived_asTheLibrarysOwn() {
    LostAttempt lost =
        LostAttempt.of(new RejectedExecutionException("overloaded"));
    assertEquals("java.util.concurrent.RejectedExecutionException: overloaded", lost.getMessage());
    assertTrue(lost.isOrIsCausedBy("java.util.concurrent.RejectedExecutionException"));
    assertSame(lost, LostAttempt.of(lost));
    assertTrue(
        LostAttempt.of(new IOException("wrapped", new ClassNotFoundException("com.example.X")))
            .saysClassMissing());
  }
}
