/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code docs/cli.md} shows each command's {@code --help} as the tool prints it, so that the
 * usage there cannot fall behind the options. Compared with runs of whitespace as one space, and
 * the version and the processor count of this machine left out.
 */
class UsageDocsTest {

  private static final Path DOC = Path.of("docs", "cli.md"); // Surefire runs in basedir

  private static String normalized(String text) {
    return text.replace(Main.Version.version(), "VERSION")
        .replaceAll("available processors, [0-9]+", "available processors, N")
        .replaceAll("\\s+", " ")
        .strip();
  }

  @ParameterizedTest(name = "range-summer {0} --help")
  @ValueSource(strings = {"", "compare", "sum", "scaling", "member"})
  void docsShowTheHelp_asTheToolPrintsIt(String command) throws IOException {
    List<String> args = new ArrayList<>();
    if (!command.isEmpty()) {
      args.add(command);
    }
    args.add("--help");
    Cli.Run run = Cli.run(args.toArray(String[]::new));
    assertEquals(0, run.code(), run.err());

    String shown = "$ range-summer " + String.join(" ", args) + "\n" + run.out();
    assertTrue(
        normalized(Files.readString(DOC, UTF_8)).contains(normalized(shown)),
        () -> DOC + " does not show, as the tool prints it:\n" + shown);
  }
}
