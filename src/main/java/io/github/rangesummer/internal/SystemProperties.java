/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.util.function.Function;

/** Reads the library's tuning system properties, naming a bad one and its value. */
public final class SystemProperties {

  private SystemProperties() {}

  /**
   * Returns the number in system property {@code name}, stripped and parsed, or {@code fallback}
   * when it is not set.
   *
   * @param name the property
   * @param fallback its value when it is not set
   * @param parse the parser, such as {@code Long::parseLong}
   * @param refusal what a value that does not parse is told, after the name and the value, such
   *     as {@code "is not a number"}
   * @param <T> the number's type
   * @return the value
   * @throws IllegalArgumentException {@code "NAME (VALUE) " + refusal}, if it does not parse
   */
  public static <T> T number(
      String name, T fallback, Function<String, T> parse, String refusal) {
    String value = System.getProperty(name);
    if (value == null) {
      return fallback;
    }
    try {
      return parse.apply(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " (" + value + ") " + refusal, e);
    }
  }
}
