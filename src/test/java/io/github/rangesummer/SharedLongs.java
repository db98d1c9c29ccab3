/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A few {@code long}s in a file that this JVM and worker processes map into memory, so that a test
 * sees what terms do in other processes: how often they are called, which worker runs them. A term
 * that captures one carries only the file name; each process maps the file on first use.
 */
final class SharedLongs implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private final String path;
  private final int size;
  private transient volatile ByteBuffer buffer;

  private SharedLongs(Path path, int size) {
    this.path = path.toString();
    this.size = size;
  }

  /**
   * Creates {@code size} longs holding zero, in a new file of the running test's, deleted with
   * everything else of the test's when it ends ({@link TestFiles#directory()}).
   */
  static SharedLongs create(int size) {
    try {
      Path file = Files.createTempFile(TestFiles.directory(), "shared-longs", ".bin");
      Files.write(file, new byte[size * Long.BYTES]);
      return new SharedLongs(file, size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the file the longs are in. */
  Path file() {
    return Path.of(path);
  }

  /** Adds one to the long at {@code index} and returns its new value. */
  long increment(int index) {
    return (long) LONGS.getAndAdd(buffer(), offset(index), 1L) + 1;
  }

  long get(int index) {
    return (long) LONGS.getVolatile(buffer(), offset(index));
  }

  void set(int index, long value) {
    LONGS.setVolatile(buffer(), offset(index), value);
  }

  private int offset(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return index * Long.BYTES;
  }

  private ByteBuffer buffer() {
    ByteBuffer mapped = buffer;
    if (mapped == null) {
      synchronized (this) {
        mapped = buffer;
        if (mapped == null) {
          try (FileChannel channel =
              FileChannel.open(Path.of(path), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) size * Long.BYTES);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          buffer = mapped;
        }
      }
    }
    return mapped;
  }
}
