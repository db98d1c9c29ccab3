/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.github.rangesummer.DoubleTerm;
import io.github.rangesummer.LongTerm;
import io.github.rangesummer.RangeSummer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.ref.WeakReference;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The kernels specialised per term class: each agrees with the generic kernel and with a {@code
 * BigInteger} or {@code BigDecimal} oracle over random ranges, terms and chunkings; a term class
 * whose loader is dropped leaves nothing reachable; the bound on copies holds and the generic
 * kernel takes over past it.
 */
class TermKernelsTest {

  /** Long term families, each a distinct lambda class, so each gets its own kernel. */
  private static final List<LongFunction<LongTerm>> LONG_TERMS =
      List.of(
          p -> i -> i * p,
          p -> i -> (i * 31) & p,
          p -> i -> i % (p | 1),
          p -> i -> (i % 64) * p + i / 7, // constant divisors: compiled apart for i >= 0
          p -> i -> Long.rotateLeft(i * 0x9E37_79B9_7F4A_7C15L, (int) p) ^ p,
          p -> i -> (i & 1) == 0 ? Long.MIN_VALUE : Long.MAX_VALUE - (p & 0xFF),
          p -> i -> p);

  /** Double term families: finite, subnormal, huge, signed zeros, NaN and infinities. */
  private static final List<LongFunction<DoubleTerm>> DOUBLE_TERMS =
      List.of(
          p -> i -> 1.0 / (i ^ p),
          p -> i -> Math.scalb(1.0 + (i & 7), (int) Math.floorMod(i * p, 2200L) - 1100),
          p -> i -> Double.longBitsToDouble(Long.rotateLeft(i * 0x9E37_79B9_7F4A_7C15L ^ p, 17)),
          p -> i -> (i & p & 1) == 0 ? -0.0 : 0.0,
          p -> i -> (double) (i * p),
          p -> i -> -Double.MIN_VALUE * (i & 3),
          p -> i -> Math.scalb((double) (i % 1024), (int) (i % 64) - 32) * (p | 1));

  private static Gen<Long> starts() {
    return Generate.oneOf(
        longs().between(-5_000, 5_000),
        longs().between(Long.MIN_VALUE, Long.MIN_VALUE + 5_000),
        longs().between(Long.MAX_VALUE - 10_000, Long.MAX_VALUE - 5_000),
        longs().between((1L << 52) - 5_000, (1L << 52) + 5_000),
        longs().between((1L << 62) - 5_000, (1L << 62) + 5_000), // where kernels change loops
        longs().all());
  }

  private static <T> Gen<T> terms(List<LongFunction<T>> families) {
    return Generate.pick(families)
        .zip(longs().all(), LongFunction::apply)
        .describedAs(term -> term.getClass().getName());
  }

  @Test
  void longKernels_anyRangeTermAndChunking_equalGenericKernelAndOracle() {
    qt().withExamples(300)
        .forAll(terms(LONG_TERMS), starts(), integers().between(1, 3_000), integers().between(1, 3_000))
        .checkAssert(
            (term, anyStart, length, chunk) -> {
              long from = Math.min(anyStart, Long.MAX_VALUE - length);
              BigInteger oracle = BigInteger.ZERO;
              for (long i = from; i < from + length; i++) {
                oracle = oracle.add(BigInteger.valueOf(term.applyAsLong(i)));
              }
              Summation<Int128> specialised = Summation.ofLong(term);
              assertTrue(specialised.getClass().isHidden(), specialised.getClass()::getName);
              assertEquals(oracle, chunked(specialised, from, length, chunk).toBigInteger());
              Summation<Int128> generic = new LongTermSummation(term);
              assertEquals(oracle, chunked(generic, from, length, chunk).toBigInteger());
            });
  }

  @Test
  void doubleKernels_anyRangeTermAndChunking_equalGenericKernelAndOracle() {
    qt().withExamples(300)
        .forAll(terms(DOUBLE_TERMS), starts(), integers().between(1, 3_000), integers().between(1, 3_000))
        .checkAssert(
            (term, anyStart, length, chunk) -> {
              long from = Math.min(anyStart, Long.MAX_VALUE - length);
              double[] values = new double[length];
              for (int i = 0; i < length; i++) {
                values[i] = term.applyAsDouble(from + i);
              }
              long oracle = Double.doubleToLongBits(roundedSum(values));
              Summation<DoubleAccumulator> specialised = Summation.ofDouble(term);
              assertTrue(specialised.getClass().isHidden(), specialised.getClass()::getName);
              assertEquals(
                  oracle, Double.doubleToLongBits(chunked(specialised, from, length, chunk).round()));
              Summation<DoubleAccumulator> generic = new DoubleTermSummation(term);
              assertEquals(
                  oracle, Double.doubleToLongBits(chunked(generic, from, length, chunk).round()));
            });
  }

  /** Sums {@code [from, from + length)} in chunks of {@code chunk}, merged in order. */
  private static <A> A chunked(Summation<A> summation, long from, int length, int chunk) {
    A total = summation.newAccumulator();
    for (int done = 0; done < length; done += chunk) {
      A part = summation.newAccumulator();
      long first = from + done;
      assertTrue(summation.accumulate(first, first + Math.min(chunk, length - done), part, n -> true));
      summation.merge(total, part);
    }
    return total;
  }

  /** IEEE 754 for NaN and infinities; otherwise the exact sum rounded once. */
  private static double roundedSum(double[] values) {
    boolean nan = false;
    boolean positive = false;
    boolean negative = false;
    for (double value : values) {
      nan |= Double.isNaN(value);
      positive |= value == Double.POSITIVE_INFINITY;
      negative |= value == Double.NEGATIVE_INFINITY;
    }
    if (nan || (positive && negative)) {
      return Double.NaN;
    }
    if (positive || negative) {
      return positive ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    return ExactDoubles.correctlyRounded(values);
  }

  @Test
  void ofLong_sameTermClass_sharesOneKernelClass() {
    LongTerm a = i -> i + 1;
    LongTerm b = i -> i + 2;
    Class<?> kernel = Summation.ofLong(a).getClass();
    assertSame(kernel, Summation.ofLong(a).getClass());
    assertNotSame(kernel, Summation.ofLong(b).getClass());
    assertNotSame(LongTermSummation.class, kernel);
  }

  @Test
  void pastTheLimit_newTermClassesGetTheGenericKernel_andStayExact() {
    TermKernels kernels = new TermKernels(2);
    List<LongTerm> terms = List.of(i -> i, i -> 2 * i, i -> 3 * i);
    DoubleTerm late = i -> 0.5 * i;
    assertTrue(ofLong(kernels, terms.get(0)).getClass().isHidden());
    assertTrue(ofDouble(kernels, i -> 0.25 * i).getClass().isHidden());
    assertEquals(2, kernels.live());
    assertSame(LongTermSummation.class, ofLong(kernels, terms.get(1)).getClass());
    assertSame(DoubleTermSummation.class, ofDouble(kernels, late).getClass());
    assertEquals(2, kernels.live());
    assertTrue(ofLong(kernels, terms.get(0)).getClass().isHidden(), "a cached copy is kept");
    for (int k = 0; k < terms.size(); k++) {
      Int128 sum = chunked(ofLong(kernels, terms.get(k)), -1_000, 3_000, 700);
      assertEquals(BigInteger.valueOf((k + 1) * 1_498_500L), sum.toBigInteger());
    }
    assertEquals(0.5 * 3_000 * 2_999 / 2, chunked(ofDouble(kernels, late), 0, 3_000, 64).round());
  }

  @Test
  void thousandsOfTermClasses_specialiseUpToTheLimit_thenShareTheGenericKernel() throws Exception {
    TermKernels kernels = new TermKernels(TermKernels.LIMIT);
    byte[] bytes;
    try (InputStream in = DroppableTerm.class.getResourceAsStream("DroppableTerm.class")) {
      bytes = in.readAllBytes();
    }
    List<LongTerm> terms = new ArrayList<>(); // kept, so that no copy is collected meanwhile
    int specialised = 0;
    for (int k = 0; k < TermKernels.LIMIT + 500; k++) {
      MethodHandles.Lookup termClass = MethodHandles.lookup().defineHiddenClass(bytes, true);
      LongTerm term =
          (LongTerm) termClass.lookupClass().getConstructor().newInstance();
      terms.add(term);
      Summation<Int128> summation = ofLong(kernels, term);
      if (summation.getClass().isHidden()) {
        specialised++;
      } else {
        assertSame(LongTermSummation.class, summation.getClass());
      }
      assertEquals(BigInteger.valueOf(3 * 4_950), chunked(summation, 0, 100, 7).toBigInteger());
    }
    assertEquals(TermKernels.LIMIT, specialised);
    assertEquals(TermKernels.LIMIT, kernels.live());
  }

  @Test
  void termClassOfADroppedLoader_isCollected_andFreesItsPlace() throws Exception {
    TermKernels kernels = new TermKernels(1);
    WeakReference<ClassLoader> loader = sumWithThrowawayLoader(kernels);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (loader.get() != null || kernels.live() != 0) {
      if (System.nanoTime() - deadline > 0) {
        fail("the loader (" + loader.get() + ") or its kernel (" + kernels.live() + ") stayed");
      }
      System.gc();
      Thread.sleep(20);
    }
    assertTrue(ofLong(kernels, i -> i).getClass().isHidden(), "the freed place is used again");
  }

  /** Sums with a term of a class defined by a loader that is dropped on return. */
  private static WeakReference<ClassLoader> sumWithThrowawayLoader(TermKernels kernels)
      throws Exception {
    ClassLoader loader = new ThrowawayLoader();
    LongTerm term =
        (LongTerm) loader.loadClass(DroppableTerm.class.getName()).getConstructor().newInstance();
    assertSame(loader, term.getClass().getClassLoader());
    Summation<Int128> summation = ofLong(kernels, term);
    assertTrue(summation.getClass().isHidden());
    assertEquals(1, kernels.live());
    assertEquals(
        BigInteger.valueOf(3 * (200_000L * 199_999 / 2)),
        chunked(summation, 0, 200_000, 50_000).toBigInteger());
    // The place is taken while the copy lives: another class gets the generic kernel.
    assertFalse(ofLong(kernels, i -> -i).getClass().isHidden());
    // Also through the library's own cache and a strategy.
    try (RangeSummer summer = RangeSummer.sequential()) {
      assertEquals(3 * (100_000L * 99_999 / 2), summer.sum(0, 100_000, term));
    }
    return new WeakReference<>(loader);
  }

  /** Defines {@link DroppableTerm} itself, from the test class's bytes; delegates the rest. */
  private static final class ThrowawayLoader extends ClassLoader {

    ThrowawayLoader() {
      super(TermKernelsTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(DroppableTerm.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }

  private static Summation<Int128> ofLong(TermKernels kernels, LongTerm term) {
    return kernels.specialise(LongTermSummation.class, LongTerm.class, term);
  }

  private static Summation<DoubleAccumulator> ofDouble(TermKernels kernels, DoubleTerm term) {
    return kernels.specialise(DoubleTermSummation.class, DoubleTerm.class, term);
  }
}
