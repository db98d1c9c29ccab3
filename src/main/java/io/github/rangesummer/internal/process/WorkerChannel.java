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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The protocol channel to one worker process: a Unix-domain socket in a new directory that only
 * this user can enter. Nothing but the worker connects to it, and nothing the worker's user code
 * writes to its standard output or error, even below Java, can reach it. The parent listens; the
 * worker, given the socket's path as its last argument, connects once; the parent then removes
 * the socket and its directory, so that no second connection is possible.
 */
final class WorkerChannel implements AutoCloseable {

  private final Path directory;
  private final Path socket;
  private final ServerSocketChannel server;

  private WorkerChannel(Path directory, Path socket, ServerSocketChannel server) {
    this.directory = directory;
    this.socket = socket;
    this.server = server;
  }

  /** Creates a private directory and listens on a socket in it. */
  static WorkerChannel listen() throws IOException {
    Path directory;
    try {
      directory =
          Files.createTempDirectory(
              "range-summer-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      directory = Files.createTempDirectory("range-summer-"); // Windows: a per-user directory
    }
    Path socket = directory.resolve("w");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(socket), 1);
    } catch (IOException | RuntimeException e) {
      server.close();
      Files.deleteIfExists(directory);
      throw e;
    }
    return new WorkerChannel(directory, socket, server);
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

  /** Connects a worker to its parent. */
  static SocketChannel connect(String address) throws IOException {
    return SocketChannel.open(UnixDomainSocketAddress.of(address));
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
