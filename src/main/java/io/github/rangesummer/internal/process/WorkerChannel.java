/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The protocol channel to one worker process: a Unix-domain socket in a new directory that only
 * this user can enter. Nothing but the worker connects to it, and nothing the worker's user code
 * writes to its standard output or error, even below Java, can reach it. The parent listens; the
 * worker, given the socket's path as its last argument, connects once; the parent then removes
 * the socket and its directory, so that no second connection is possible.
 */
final class WorkerChannel implements AutoCloseable {

  /** The name of the socket in its private directory, whose name begins {@value #PREFIX}. */
  private static final String SOCKET = "w";

  private static final String PREFIX = "range-summer-";

  private final Path directory;
  private final Path socket;
  private final ServerSocketChannel server;

  private WorkerChannel(Path directory, Path socket, ServerSocketChannel server) {
    this.directory = directory;
    this.socket = socket;
    this.server = server;
  }

  /**
   * The directories tried, in order, after {@code java.io.tmpdir}, for a socket path short
   * enough: a Unix-domain socket's path is limited to about 108 bytes (107 on Linux), and a long
   * {@code java.io.tmpdir} (a build's own directory, say) would not fit.
   */
  private static final List<String> FALLBACKS = List.of("/tmp", "/var/tmp", "/dev/shm");

  /**
   * Creates a private directory and listens on a socket in it: under {@code java.io.tmpdir}, or,
   * where that cannot hold a socket (too long a path, missing, not writable), under the first of
   * {@code $XDG_RUNTIME_DIR}, {@code /tmp}, {@code /var/tmp} and {@code /dev/shm} that can.
   *
   * @throws IOException naming {@code java.io.tmpdir} and why each directory failed, if none can
   */
  static WorkerChannel listen() throws IOException {
    List<Path> candidates = new ArrayList<>();
    String tmpdir = System.getProperty("java.io.tmpdir", "");
    candidates.add(Path.of(tmpdir.isEmpty() ? "." : tmpdir));
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isEmpty()) {
      candidates.add(Path.of(runtime));
    }
    for (String fallback : FALLBACKS) {
      candidates.add(Path.of(fallback));
    }
    return listen(candidates);
  }

  /**
   * Listens in the first of {@code candidates} that can hold a private socket directory; the
   * first is {@code java.io.tmpdir}, as the message says when none can.
   */
  static WorkerChannel listen(List<Path> candidates) throws IOException {
    List<String> reasons = new ArrayList<>();
    for (Path base : new LinkedHashSet<>(candidates)) {
      try {
        return listenIn(base);
      } catch (IOException | RuntimeException e) {
        reasons.add(base + ": " + reason(e));
      }
    }
    throw new IOException(
        "cannot make the private socket directory of a worker: java.io.tmpdir ("
            + candidates.get(0)
            + ") and the directories tried after it cannot hold a Unix-domain socket, whose path"
            + " is limited to about 108 bytes; set -Djava.io.tmpdir to a short directory this"
            + " user can write to. Tried: "
            + String.join("; ", reasons));
  }

  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "it does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "it is not writable";
    }
    String message = e.getMessage();
    if (message != null && message.contains("path too long")) {
      return "a socket path under it would be too long";
    }
    return String.valueOf(e);
  }

  private static WorkerChannel listenIn(Path base) throws IOException {
    Path directory;
    try {
      directory =
          Files.createTempDirectory(
              base,
              PREFIX,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      directory = Files.createTempDirectory(base, PREFIX); // Windows: per user
    }
    Path socket = directory.resolve(SOCKET);
    ServerSocketChannel server = null;
    try {
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket), 1);
    } catch (IOException | RuntimeException e) {
      if (server != null) {
        server.close();
      }
      Files.deleteIfExists(socket);
      Files.deleteIfExists(directory);
      throw e;
    }
    WorkerChannel channel = new WorkerChannel(directory, socket, server);
    OpenChannels.add(channel);
    return channel;
  }

  /**
   * The channels not yet closed, which a shutdown hook closes: a parent that exits while a
   * worker starts (System.exit) removes its socket anyway. One killed outright leaves that to
   * its worker ({@link #connect}). Unlike {@code File.deleteOnExit}, it holds only open channels.
   */
  private static final class OpenChannels {
    private static final Set<WorkerChannel> OPEN = ConcurrentHashMap.newKeySet();

    static {
      try {
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> List.copyOf(OPEN).forEach(WorkerChannel::close),
                    "range-summer-socket-cleanup"));
      } catch (IllegalStateException e) {
        // The JVM is already shutting down.
      }
    }

    static void add(WorkerChannel channel) {
      OPEN.add(channel);
    }

    static void remove(WorkerChannel channel) {
      OPEN.remove(channel);
    }
  }

  /** Returns the address to pass to the worker. */
  String address() {
    return socket.toString();
  }

  /**
   * Waits for the worker to connect, then stops listening and removes the socket's file.
   *
   * @throws java.nio.channels.ClosedChannelException if {@link #close()} was called first, as
   *     when the worker exited before it connected
   */
  SocketChannel accept() throws IOException {
    try {
      return server.accept();
    } finally {
      close();
    }
  }

  /** Stops listening and removes the socket and its directory; idempotent. */
  @Override
  public void close() {
    OpenChannels.remove(this);
    try {
      server.close();
    } catch (IOException e) {
      // Nothing listens any more either way.
    }
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // A temporary directory left behind; the system cleans those.
    }
  }

  /**
   * Connects a worker to its parent, then removes the socket and its private directory: the
   * connection waits in the parent's listener whether or not the path still exists, and a parent
   * killed before it accepted could not remove them itself. If nothing listens at {@code address}
   * any more (the parent was killed before its worker connected), removes them too, so that no
   * killed parent leaves them behind.
   */
  static SocketChannel connect(String address) throws IOException {
    SocketChannel channel;
    try {
      channel = SocketChannel.open(UnixDomainSocketAddress.of(address));
    } catch (IOException e) {
      removeAbandoned(Path.of(address));
      throw e;
    }
    removeAbandoned(Path.of(address));
    return channel;
  }

  /**
   * Removes {@code socket} and its directory if the directory is one {@link #listen()} made and
   * holds nothing else; a best effort, for a worker that connected or whose parent is gone.
   */
  static void removeAbandoned(Path socket) {
    Path directory = socket.getParent();
    if (directory == null
        || directory.getFileName() == null
        || !directory.getFileName().toString().startsWith(PREFIX)
        || !socket.getFileName().toString().equals(SOCKET)) {
      return;
    }
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(directory); // fails, harmlessly, if it holds anything else
    } catch (IOException e) {
      // Left for the system's cleaning of temporary directories.
    }
  }

  /**
   * Returns a stream that reads from {@code channel}. Unlike {@code Channels.newInputStream}, it
   * takes no lock that a concurrent write would wait for.
   */
  static InputStream in(SocketChannel channel) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] bytes, int offset, int length) throws IOException {
        return length == 0 ? 0 : channel.read(ByteBuffer.wrap(bytes, offset, length));
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  /** Returns a stream that writes to {@code channel}; closing it ends only the writing half. */
  static OutputStream out(SocketChannel channel) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }

      @Override
      public void close() throws IOException {
        if (channel.isOpen()) {
          channel.shutdownOutput();
        }
      }
    };
  }
}
