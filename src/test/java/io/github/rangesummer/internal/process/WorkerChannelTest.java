/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a worker's private socket goes: under {@code java.io.tmpdir}, or a short directory
 * after it when a socket path there would be too long, and a message naming {@code
 * java.io.tmpdir} when none can hold one (issue 25); and a socket its parent abandoned, killed
 * before its worker connected, removed by the worker (issue 21: nothing left in /tmp).
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

  /** Leaves a socket file that nothing listens on, as a parent killed before accept does. */
  private static Path abandonedSocket(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path socket = directory.resolve("w");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    }
    assertTrue(Files.exists(socket), "closing a listener leaves its socket file");
    return socket;
  }

  /**
   * Starts {@code main} in a new JVM on this class path; its standard error goes to its output
   * for {@code Redirect.PIPE}, else to {@code error}.
   */
  private static Process java(Class<?> main, String argument, Redirect error) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            main.getName(),
            argument);
    if (error == Redirect.PIPE) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(error);
    }
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  /**
   * A worker that connected removes the socket at once: a parent killed between the connection
   * and its accept, which would remove it, leaves nothing behind (issue 21). The parent still
   * accepts the connection.
   */
  @Test
  void connect_removesTheSocketAndItsDirectory_andThePendingConnectionIsAccepted()
      throws IOException {
    WorkerChannel channel =
        WorkerChannel.listen(List.of(dir, Path.of(System.getProperty("java.io.tmpdir"))));
    Path socket = Path.of(channel.address());
    try (SocketChannel worker = WorkerChannel.connect(channel.address())) {
      assertFalse(Files.exists(socket.getParent()), "the worker removed " + socket);
      try (SocketChannel parent = channel.accept()) {
        worker.write(ByteBuffer.wrap(new byte[] {42}));
        ByteBuffer read = ByteBuffer.allocate(1);
        assertEquals(1, parent.read(read));
        assertEquals(42, read.get(0));
      }
    } finally {
      channel.close();
    }
  }

  @Test
  void connect_parentGone_removesTheAbandonedSocketAndItsDirectory() throws IOException {
    Path socket = abandonedSocket(dir.resolve("range-summer-123"));
    assertThrows(IOException.class, () -> WorkerChannel.connect(socket.toString()));
    assertFalse(Files.exists(socket.getParent()), "the private directory is removed");
  }

  @Test
  void connect_parentGone_leavesADirectoryItDidNotMake() throws IOException {
    Path socket = abandonedSocket(dir.resolve("someone-else"));
    assertThrows(IOException.class, () -> WorkerChannel.connect(socket.toString()));
    assertTrue(Files.exists(socket), "only a range-summer- directory is removed");
  }

  @Test
  void workerProcess_parentKilledBeforeItConnected_exits69AndRemovesTheSocket()
      throws IOException, InterruptedException {
    Path socket = abandonedSocket(dir.resolve("range-summer-456"));
    Process worker = java(WorkerMain.class, socket.toString(), Redirect.PIPE);
    String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "the worker exits");
    assertEquals(69, worker.exitValue(), output);
    assertTrue(output.contains("cannot connect to the parent"), output);
    assertFalse(Files.exists(socket.getParent()), "the worker removed the abandoned socket");
  }

  /** Listens in the directory its argument names, prints the socket's path, and exits. */
  static final class ExitsWhileListening {
    public static void main(String[] args) throws IOException {
      System.out.println(WorkerChannel.listen(List.of(Path.of(args[0]))).address());
      System.exit(0); // as an application may while a worker starts, never closing the channel
    }
  }

  @Test
  void parentExitsWhileAWorkerStarts_itsShutdownRemovesTheSocket()
      throws IOException, InterruptedException {
    Process parent = java(ExitsWhileListening.class, dir.toString(), Redirect.INHERIT);
    String output = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(parent.waitFor(60, TimeUnit.SECONDS), "the parent exits");
    assertEquals(0, parent.exitValue(), output);
    Path socket = Path.of(output.strip());
    assertTrue(socket.startsWith(dir), output);
    assertFalse(Files.exists(socket.getParent()), "the shutdown hook removed " + socket);
  }
}
