/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

  @Test
  void version_printsProjectVersion() {
    Cli.Run run = Cli.run("--version");

    assertEquals(0, run.code());
    assertTrue(
        run.out().matches("range-summer \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), () -> run.out());
    assertEquals("", run.err());
  }

  @Test
  void help_listsCommands() {
    Cli.Run run = Cli.run("--help");

    assertEquals(0, run.code());
    assertTrue(run.out().startsWith("Usage: range-summer"), run.out());
    for (String command : new String[] {"compare", "sum", "scaling"}) {
      assertTrue(run.out().contains("\n  " + command + " "), () -> command + " in\n" + run.out());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"compare", "sum", "scaling"})
  void commandHelp_showsItsUsage(String command) {
    Cli.Run run = Cli.run(command, "--help");

    assertEquals(0, run.code());
    assertTrue(run.out().startsWith("Usage: range-summer " + command), run.out());
    assertTrue(run.out().contains("START"), run.out());
  }

  @Test
  void helpCommand_showsCommandUsage() {
    Cli.Run run = Cli.run("help", "sum");

    assertEquals(0, run.code());
    assertTrue(run.out().startsWith("Usage: range-summer sum"), run.out());
  }

  @Test
  void help_saysWhatRangeSummerIs_sinceThereIsNoLauncher() {
    Cli.Run run = Cli.run("--help");

    String jar = "range-summer-" + Main.Version.version() + "-cli.jar";
    assertTrue(run.out().contains("\nrange-summer is java -jar " + jar + "; "), run.out());
    assertTrue(
        run.out().contains("\n  alias range-summer='java -jar /path/to/" + jar + "'\n"),
        run.out());
    assertTrue(run.out().contains("\n  range-summer compare 0 100000000\n"), run.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"compare", "sum"})
  void help_workersDefault_oneWording(String command) {
    Cli.Run run = Cli.run(command, "--help");

    String wording =
        "Default: the available processors, " + Runtime.getRuntime().availableProcessors() + ".";
    assertTrue(run.out().replaceAll("\\s+", " ").contains(wording), run.out());
  }

  @Test
  void noCommand_isUsageError() {
    Cli.Run run = Cli.run();

    run.assertUsageError("Missing command: compare, sum or scaling");
  }

  @Test
  void unknownCommand_isUsageError() {
    Cli.Run run = Cli.run("add", "1", "2");

    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("error: Unmatched arguments"), run.err());
    run.assertNoStackTrace();
  }

  @Test
  void unknownOption_isUsageError() {
    Cli.Run run = Cli.run("compare", "0", "10", "--frobnicate");

    run.assertUsageError("Unknown option: '--frobnicate'");
    assertTrue(run.err().contains("Usage: range-summer compare"), run.err());
  }

  @Test
  void describe_putsCausesOnOneLine() {
    IOException cause = new IOException("disk\nfull");
    String text = Main.describe(new UncheckedIOException("cannot write", cause));

    assertEquals("UncheckedIOException: cannot write (caused by IOException: disk full)", text);
  }
}
