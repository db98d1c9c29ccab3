/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.StackWalker.Option;
import java.lang.StackWalker.StackFrame;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Terms run through kernels specialised for their class on every strategy, worker JVMs included,
 * and the specialisation works when the library is a named module.
 */
class SpecialisedKernelsTest {

  private static final StackWalker WALKER =
      StackWalker.getInstance(Set.of(Option.RETAIN_CLASS_REFERENCE, Option.SHOW_HIDDEN_FRAMES));

  /** Returns 1 if the kernel calling the term is a specialised copy of {@code kernel}, else 0. */
  private static long calledFromCopyOf(String kernel) {
    String generic = "io.github.rangesummer.internal." + kernel;
    return WALKER.walk(
        frames ->
            frames
                .map(StackFrame::getDeclaringClass)
                .filter(type -> type.getName().startsWith(generic))
                .findFirst()
                .map(type -> type.isHidden() && !type.getName().equals(generic) ? 1L : 0L)
                .orElse(0L));
  }

  static long viaLongKernel(long index) {
    return calledFromCopyOf("LongTermSummation");
  }

  static double viaDoubleKernel(long index) {
    return calledFromCopyOf("DoubleTermSummation");
  }

  @EveryStrategy
  void everyTermCall_comesFromASpecialisedKernel(Strategy strategy) throws Exception {
    try (RangeSummer summer = strategy.get()) {
      RangeSummer chunked = summer.withMinChunkSize(100);
      assertEquals(1_000, chunked.sum(0, 1_000, SpecialisedKernelsTest::viaLongKernel));
      assertEquals(1_000L, chunked.sumAsync(-500, 500, SpecialisedKernelsTest::viaLongKernel).get());
      assertEquals(1_000.0, chunked.sumDouble(0, 1_000, SpecialisedKernelsTest::viaDoubleKernel));
    }
  }

  /**
   * Loads the library as a named module in a layer of its own, with Guava, as on the module path,
   * and sums a term of a class the library has never seen: the kernel is a hidden class in the
   * library's module.
   */
  @Test
  void namedModule_definesSpecialisedKernels() throws Exception {
    ModuleFinder finder =
        ModuleFinder.of(
            locationOf(RangeSummer.class),
            locationOf(com.google.common.base.Preconditions.class),
            locationOf(com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class));
    Configuration configuration =
        ModuleLayer.boot()
            .configuration()
            .resolve(finder, ModuleFinder.of(), Set.of("io.github.rangesummer"));
    ModuleLayer.Controller controller =
        ModuleLayer.defineModulesWithOneLoader(
            configuration, List.of(ModuleLayer.boot()), ClassLoader.getSystemClassLoader());
    Module library = controller.layer().findModule("io.github.rangesummer").orElseThrow();
    // Only so that the test can look at the kernel; the library needs no opens.
    controller.addOpens(library, "io.github.rangesummer.internal", getClass().getModule());
    ClassLoader loader = library.getClassLoader();
    Class<?> summerType = loader.loadClass("io.github.rangesummer.RangeSummer");
    Class<?> termType = loader.loadClass("io.github.rangesummer.LongTerm");
    assertSame(library, summerType.getModule());
    assertTrue(library.isNamed());

    Object term =
        Proxy.newProxyInstance(
            loader,
            new Class<?>[] {termType},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "applyAsLong":
                  return 3 * (long) args[0];
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  return "3i";
              }
            });
    Object kernel =
        loader
            .loadClass("io.github.rangesummer.internal.Summation")
            .getMethod("ofLong", termType)
            .invoke(null, term);
    assertTrue(kernel.getClass().isHidden(), kernel.getClass()::getName);
    assertSame(library, kernel.getClass().getModule());

    Method sum = summerType.getMethod("sum", long.class, long.class, termType);
    for (Object summer :
        List.of(
            summerType.getMethod("sequential").invoke(null),
            summerType.getMethod("threaded", int.class).invoke(null, 2))) {
      Object chunked = summerType.getMethod("withMinChunkSize", long.class).invoke(summer, 1_000L);
      assertEquals(3 * (100_000L * 99_999 / 2), sum.invoke(chunked, 0L, 100_000L, term));
      summerType.getMethod("close").invoke(summer);
    }
  }

  private static Path locationOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
