/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** Parsing and checking of the commands' arguments; failures are usage errors. */
final class Args {

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+(_+[0-9]+)*");

  private Args() {}

  /** {@code START END}, the half-open range every command sums. */
  static final class Range {
    @Parameters(
        index = "0",
        paramLabel = "START",
        converter = LongConverter.class,
        description = "First integer, inclusive (a long; 1_000 is 1000).")
    long start;

    @Parameters(
        index = "1",
        paramLabel = "END",
        converter = LongConverter.class,
        description = "Last integer, exclusive.")
    long end;
  }

  /** {@code --repeat K --warmup W}: how {@code compare} and {@code scaling} time each run. */
  static final class Timing {
    @Option(
        names = "--repeat",
        paramLabel = "K",
        description = "Timed runs of each; the median counts. Default: ${DEFAULT-VALUE}.")
    int repeat = 5;

    @Option(
        names = "--warmup",
        paramLabel = "W",
        description =
            "Untimed runs of each before timing, which also start the worker JVMs."
                + " Default: ${DEFAULT-VALUE}.")
    int warmup = 2;

    /** Throws a usage error unless both counts are positive. */
    void check(CommandSpec spec) {
      checkBetween(spec, "repeat", repeat, 1, Integer.MAX_VALUE);
      checkBetween(spec, "warmup", warmup, 1, Integer.MAX_VALUE);
    }
  }

  /** A {@code long}, with optional underscores between digits as in Java: {@code 100_000_000}. */
  static final class LongConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      if (!INTEGER.matcher(text).matches()) {
        throw new TypeConversionException("'" + text + "' is not an integer");
      }
      try {
        return Long.parseLong(text.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            String.format(
                Locale.ROOT,
                "'%s' is outside the long range [%d, %d]",
                text,
                Long.MIN_VALUE,
                Long.MAX_VALUE));
      }
    }
  }

  static void checkRange(CommandSpec spec, long start, long end) {
    if (start > end) {
      throw new ParameterException(
          spec.commandLine(),
          String.format(Locale.ROOT, "start (%d) must be <= end (%d)", start, end));
    }
  }

  static void checkBetween(CommandSpec spec, String name, int value, int min, int max) {
    checkBetween(spec, name, value, min, max, null);
  }

  /** As {@link #checkBetween(CommandSpec, String, int, int, int)}, saying {@code why} after. */
  static void checkBetween(
      CommandSpec spec, String name, int value, int min, int max, String why) {
    if (value < min || value > max) {
      throw new ParameterException(
          spec.commandLine(),
          String.format(Locale.ROOT, "%s (%d) must be between %d and %d", name, value, min, max)
              + (why == null ? "" : ", " + why));
    }
  }

  /** Output formats of {@code compare}. */
  enum Format {
    TABLE,
    CSV,
    JSON;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Accepts the lower-case names that {@link Format#toString()} shows. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String text) {
      for (Format format : Format.values()) {
        if (format.toString().equals(text)) {
          return format;
        }
      }
      throw new TypeConversionException("'" + text + "' is not one of table, csv, json");
    }
  }

  /** Accepts the strategy names that {@link Strategy#toString()} shows. */
  static final class StrategyConverter implements ITypeConverter<Strategy> {
    @Override
    public Strategy convert(String text) {
      for (Strategy strategy : Strategy.values()) {
        if (strategy.toString().equals(text)) {
          return strategy;
        }
      }
      throw new TypeConversionException("'" + text + "' is not one of " + Strategy.names());
    }
  }
}
