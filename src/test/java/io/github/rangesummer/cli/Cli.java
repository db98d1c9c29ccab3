/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the tool in this JVM, as picocli's own tests do: captured output, the exit code. */
final class Cli {

  private Cli() {}

  /** What a run printed and returned. */
  record Run(int code, String out, String err) {

    /** Asserts a usage error: exit 2, one line of reason, then the usage, and no stack trace. */
    Run assertUsageError(String reason) {
      assertEquals(2, code, () -> "exit code; err:\n" + err);
      assertEquals("", out, "stdout");
      String[] lines = err.split("\n", -1);
      assertEquals("error: " + reason, lines[0]);
      assertTrue(
          lines[1].startsWith("Usage: range-summer"), () -> "usage after the reason:\n" + err);
      assertNoStackTrace();
      return this;
    }

    Run assertNoStackTrace() {
      assertFalse(err.contains("\tat "), () -> "stack trace in:\n" + err);
      assertFalse(err.contains("Exception:"), () -> "exception in:\n" + err);
      return this;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
