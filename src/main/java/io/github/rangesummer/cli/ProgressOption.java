/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --[no-]progress}: a progress bar on standard error, by default when it is a terminal. */
final class ProgressOption {

  @Option(
      names = "--progress",
      negatable = true,
      description = {
        "Show a progress bar on standard error during long runs.",
        "Default: only when standard error is a terminal."
      })
  private Boolean progress;

  /**
   * A bar over {@code steps} steps, drawn on {@code err} if the option or the terminal say so,
   * with log records printed above it until it is closed.
   */
  ProgressBar bar(PrintWriter err, long steps) {
    boolean enabled = progress != null ? progress : Terminal.stderrIsTerminal();
    return new ProgressBar(err, enabled, steps).routingLog();
  }
}
