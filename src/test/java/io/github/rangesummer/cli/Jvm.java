/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM that a test starts and runs to its end, with its output in files of the test's own. */
final class Jvm {

  private Jvm() {}

  /** What the process printed and returned. */
  record Result(int code, String out, String err) {}

  /**
   * Runs {@code java ARGS...} with this JVM's {@code java} and an empty standard input, its output
   * in new files under {@code dir}; kills it if it has not ended after {@code minutes}.
   *
   * @throws AssertionError if it did not end in time
   */
  static Result run(Path dir, long minutes, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    process.getOutputStream().close();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
      throw new AssertionError("java " + String.join(" ", args) + " did not end");
    }
    return new Result(
        process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
  }
}
