/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kernels specialised per term class, so that a term runs as fast as a loop written by hand however
 * many other terms the application has summed.
 *
 * <p>A kernel with one call site for every term is fast while the JVM has seen one term class: the
 * JIT inlines the term into the loop. Once a few classes have passed through it, the call site is
 * megamorphic: a virtual call per element and no inlining, several times slower. So each term
 * class gets its own copy of the kernel: the bytes of {@link LongTermSummation} or {@link
 * DoubleTermSummation}, defined again as a hidden class ({@link
 * MethodHandles.Lookup#defineHiddenClass}) in this package, whose call site sees only that class.
 * The copy is cached in a {@link ClassValue} of the term class.
 *
 * <ul>
 *   <li><b>Nothing is pinned.</b> A copy is reachable only from its term class's {@code ClassValue}
 *       map and from sums in flight. It is not a strong hidden class, so when the application drops
 *       the term's class loader, the term class, the copy and the loader are collected together.
 *   <li><b>A bound.</b> At most {@link #LIMIT} copies are alive at once. Past it, new term classes
 *       get the generic kernel (the original class, shared), and keep it for as long as their
 *       class lives; copies whose term classes were unloaded free their places.
 *   <li><b>A fallback.</b> If the kernel's bytes cannot be read or defined (a runtime that strips
 *       class files, say), every term gets the generic kernel: slower, and just as exact.
 * </ul>
 *
 * <p>Thread-safe. Two threads asking for the same new term class at once may both define a copy;
 * one is kept and the other is collected.
 */
final class TermKernels {

  /** The most specialised kernels alive at once, for long and double terms together. */
  static final int LIMIT = 1024;

  private static final TermKernels SHARED = new TermKernels(LIMIT);

  private final int limit;
  private final AtomicInteger live = new AtomicInteger();
  private final ReferenceQueue<Class<?>> collected = new ReferenceQueue<>();
  private final Set<Reference<Class<?>>> copies = ConcurrentHashMap.newKeySet();

  /** One specialiser per kernel class, made on first use: no field or method per kind. */
  private final ClassValue<Specialiser> specialisers =
      new ClassValue<>() {
        @Override
        protected Specialiser computeValue(Class<?> kernel) {
          return new Specialiser(kernel);
        }
      };

  /**
   * Creates a cache of specialised kernels; the library uses one, tests their own.
   *
   * @param limit the most copies alive at once
   */
  TermKernels(int limit) {
    this.limit = limit;
  }

  /** Returns the library's cache. */
  static TermKernels shared() {
    return SHARED;
  }

  /**
   * Returns the kernel of {@code term}'s class for {@code term}: a copy of {@code kernel} defined
   * for that class, or {@code kernel} itself past the limit. The kernel class has a constructor
   * taking exactly {@code termType}.
   *
   * @param kernel the kernel class, such as {@link LongTermSummation}
   * @param termType the type its constructor takes, such as {@link io.github.rangesummer.LongTerm}
   * @param term the term
   * @return a new kernel summing {@code term}
   */
  @SuppressWarnings("unchecked") // the handle constructs a kernel or a copy of it
  <S extends Summation<?>, T> S specialise(Class<S> kernel, Class<T> termType, T term) {
    return (S) specialisers.get(kernel).create(termType, term);
  }

  /** Returns how many specialised kernels are alive, after counting those collected since. */
  int live() {
    for (Reference<?> gone = collected.poll(); gone != null; gone = collected.poll()) {
      if (copies.remove(gone)) {
        live.decrementAndGet();
      }
    }
    return live.get();
  }

  /** Takes a place for a new copy, or returns {@code false} at the limit. */
  private boolean reserve() {
    live(); // frees the places of collected copies
    while (true) {
      int now = live.get();
      if (now >= limit) {
        return false;
      }
      if (live.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  /** Copies one kernel class per term class. */
  private final class Specialiser extends ClassValue<MethodHandle> {

    private final Class<?> kernel;
    private final byte[] bytes; // null: the class file cannot be read, so nothing is specialised
    private volatile MethodHandle generic; // the kernel's own constructor, as (T)Summation

    Specialiser(Class<?> kernel) {
      this.kernel = kernel;
      this.bytes = classFile(kernel);
    }

    /** Constructs the kernel of {@code term}'s class for {@code term}. */
    Summation<?> create(Class<?> termType, Object term) {
      if (generic == null) {
        generic = constructor(MethodHandles.lookup(), kernel, termType);
      }
      try {
        return (Summation<?>) get(term.getClass()).invoke(term);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e); // constructors declare nothing checked
      }
    }

    @Override
    protected MethodHandle computeValue(Class<?> termClass) {
      MethodHandle fallback = generic;
      if (bytes == null || !reserve()) {
        return fallback;
      }
      try {
        MethodHandles.Lookup copy = MethodHandles.lookup().defineHiddenClass(bytes, true);
        MethodHandle created =
            constructor(copy, copy.lookupClass(), fallback.type().parameterType(0));
        copies.add(new WeakReference<>(copy.lookupClass(), collected));
        return created;
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        live.decrementAndGet();
        return fallback;
      }
    }
  }

  /** The constructor of {@code kernel} that takes a {@code termType}, as (termType)Summation. */
  private static MethodHandle constructor(
      MethodHandles.Lookup lookup, Class<?> kernel, Class<?> termType) {
    try {
      return lookup
          .findConstructor(kernel, MethodType.methodType(void.class, termType))
          .asType(MethodType.methodType(Summation.class, termType));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(kernel + " has no constructor taking a " + termType, e);
    }
  }

  /** Returns a class's own class file, or {@code null} if the runtime does not provide it. */
  private static byte[] classFile(Class<?> type) {
    String name = type.getName();
    try (InputStream in =
        type.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }
}
