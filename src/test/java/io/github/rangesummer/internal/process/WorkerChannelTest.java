/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a worker's private socket goes: under {@code java.io.tmpdir}, or a short directory
 * after it when a socket path there would be too long, and a message naming {@code
 * java.io.tmpdir} when none can hold one (issue 25).
 */
class WorkerChannelTest {

  @TempDir Path dir;

  /** A directory whose socket paths would pass the ~108 bytes a Unix-domain socket allows. */
  private Path tooLong() throws IOException {
    return Files.createDirectories(dir.resolve("d".repeat(60)).resolve("e".repeat(60)));
  }

  @Test
  void listen_tmpdirTooLong_fallsBackToAShortDirectory_andCloseRemovesIt() throws IOException {
    Path shortDir = Path.of(System.getProperty("java.io.tmpdir")); // /tmp here: short enough
    WorkerChannel channel = WorkerChannel.listen(List.of(tooLong(), shortDir));
    Path socket = Path.of(channel.address());
    assertTrue(socket.startsWith(shortDir), socket::toString);
    assertTrue(Files.exists(socket));
    channel.close();
    assertFalse(Files.exists(socket.getParent()), "the private directory is removed");
    try (Stream<Path> left = Files.list(tooLong())) {
      assertTrue(left.findAny().isEmpty(), "nothing is left where the socket did not fit");
    }
  }

  @Test
  void listen_noDirectoryCanHoldASocket_saysWhyNamingJavaIoTmpdir() throws IOException {
    Path missing = dir.resolve("gone");
    Path file = Files.createFile(dir.resolve("a-file"));
    IOException thrown =
        assertThrows(
            IOException.class, () -> WorkerChannel.listen(List.of(missing, tooLong(), file)));
    String message = thrown.getMessage();
    assertTrue(message.contains("java.io.tmpdir (" + missing + ")"), message);
    assertTrue(message.contains(missing + ": it does not exist"), message);
    assertTrue(message.contains("a socket path under it would be too long"), message);
    assertTrue(message.contains("108 bytes"), message);
  }
}
