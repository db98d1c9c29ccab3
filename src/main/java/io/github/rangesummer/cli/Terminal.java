/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, where a progress bar can redraw itself. */
final class Terminal {

  private Terminal() {}

  /**
   * On Linux, reads where file descriptor 2 points; elsewhere, and if that cannot be read, falls
   * back on {@link System#console()}, which looks at standard input and output instead.
   */
  static boolean stderrIsTerminal() {
    try {
      return isTerminalDevice(Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /**
   * Whether {@code path} names a terminal device, such as {@code /dev/pts/0} or {@code /dev/tty1}.
   */
  static boolean isTerminalDevice(String path) {
    return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty");
  }
}
