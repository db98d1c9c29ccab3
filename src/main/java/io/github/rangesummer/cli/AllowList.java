/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The classes a {@code member} deserializes: range-summer's own packages and those named with
 * {@code --allow}, each with its subpackages; Hazelcast's, whose exceptions members send each
 * other; the few classes of {@code java.base} that serializable lambdas and the values they
 * capture are made of; and the JDK's exceptions. Everything else is refused before an instance
 * exists.
 *
 * <p>One list for both of the member's filters: Hazelcast's Java deserialization filter, which
 * checks the names of the classes in every task and message that clients and members send ({@link
 * #prefixes()}), and the JVM-wide filter ({@link #jvmFilter(Consumer)}), which checks them again
 * and is the only one to see the term inside a task, which the library reads itself. Hazelcast's
 * checks names only, so it lets every {@code java.} name through to the JVM-wide one, which
 * knows which of them are exceptions.
 *
 * @param packages the allowed packages, range-summer's first; each allows its subpackages too
 */
record AllowList(List<String> packages) {

  /** range-summer: its tasks and their fields, the tool's own tasks. Always allowed. */
  static final String LIBRARY = "io.github.rangesummer";

  /**
   * Hazelcast, whose defaults allow it too: members send each other its exceptions (a task sent
   * to a member that no longer owns its partition comes back as a {@code WrongTargetException})
   * as Java serialization.
   */
  static final String HAZELCAST = "com.hazelcast";

  /**
   * The classes of {@code java.base} that tasks and ordinary terms are made of: a task's kind of
   * summation is an enum; a serializable lambda travels as a {@code SerializedLambda} with its
   * captured values in an {@code Object[]}, boxed or as strings; an exception holds its stack
   * trace and an empty list of suppressed exceptions. Arrays of primitives need no entry: they
   * hold no objects.
   */
  static final List<String> JDK_CLASSES =
      List.of(
          "java.lang.Enum",
          "java.lang.invoke.SerializedLambda",
          "java.lang.Object",
          "java.lang.Number",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.String",
          "java.lang.StackTraceElement",
          "java.util.Collections$EmptyList");

  AllowList {
    packages = List.copyOf(packages);
  }

  /**
   * range-summer's packages and {@code named}.
   *
   * @throws IllegalArgumentException if a name is not a package name
   */
  static AllowList of(List<String> named) {
    Set<String> packages = new LinkedHashSet<>();
    packages.add(LIBRARY);
    packages.add(HAZELCAST);
    for (String name : named) {
      if (!isPackageName(name)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "--allow (%s) must be a package name, such as com.example.terms",
                name));
      }
      packages.add(name);
    }
    return new AllowList(new ArrayList<>(packages));
  }

  /** Dotted Java identifiers: no wildcard, no separator of filter patterns. */
  static boolean isPackageName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))) {
        return false;
      }
      if (!part.codePoints().allMatch(Character::isJavaIdentifierPart)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Prefixes of class names for Hazelcast's filter: each package followed by a dot, {@code java.}
   * and {@code [} for arrays; the JVM-wide filter narrows the JDK's classes to {@link
   * #JDK_CLASSES} and exceptions, and arrays to those of allowed classes.
   */
  List<String> prefixes() {
    List<String> prefixes = new ArrayList<>();
    for (String name : packages) {
      prefixes.add(name + ".");
    }
    prefixes.add("java.");
    prefixes.add("[");
    return prefixes;
  }

  /**
   * The JVM-wide filter's pattern, as {@link ObjectInputFilter.Config#createFilter} reads it:
   * {@code io.github.rangesummer.**;...;java.lang.String;!*}.
   */
  String pattern() {
    List<String> parts = new ArrayList<>();
    for (String name : packages) {
      parts.add(name + ".**");
    }
    parts.addAll(JDK_CLASSES);
    parts.add("!*");
    return String.join(";", parts);
  }

  /**
   * The JVM-wide filter: {@link #pattern()}, and any exception of the JDK's ({@link
   * #isJdkException}); it tells {@code onRejected} the name of each class it refuses, since the
   * exception that the reader gets does not name it.
   */
  ObjectInputFilter jvmFilter(Consumer<String> onRejected) {
    ObjectInputFilter pattern = ObjectInputFilter.Config.createFilter(pattern());
    return info -> {
      ObjectInputFilter.Status status = pattern.checkInput(info);
      Class<?> type = info.serialClass();
      if (status == ObjectInputFilter.Status.REJECTED && type != null) {
        if (isJdkException(type)) {
          return ObjectInputFilter.Status.ALLOWED;
        }
        onRejected.accept(type.getName());
      }
      return status;
    };
  }

  /**
   * Whether {@code type} is a {@link Throwable} of a {@code java.} package: exceptions that
   * members send each other, as the cause of a failed task or inside Hazelcast's own. Not of
   * {@code javax.}: {@code javax.management.BadAttributeValueExpException} is a known first link
   * of deserialization attacks.
   */
  static boolean isJdkException(Class<?> type) {
    return Throwable.class.isAssignableFrom(type) && type.getName().startsWith("java.");
  }
}
