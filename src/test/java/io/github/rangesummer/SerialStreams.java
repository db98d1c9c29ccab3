/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamConstants;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Java serialization in memory, and streams written byte by byte as the Object Serialization Stream
 * Protocol describes them: the documented form of a proxy, and hostile variants of it.
 */
final class SerialStreams {

  private SerialStreams() {}

  static byte[] serialize(Serializable object) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    }
  }

  /**
   * A stream of one object of a class without serializable fields whose {@code writeObject} wrote
   * {@code data}, exactly as {@link ObjectOutputStream} writes it.
   */
  static byte[] withData(String className, long serialVersionUID, byte[] data) {
    return withClassData(className, serialVersionUID, blockData(data.length, data));
  }

  /**
   * A stream of one object of a class without serializable fields, marked as written by a {@code
   * writeObject} method, followed by {@code classData} as the object's data.
   */
  static byte[] withClassData(String className, long serialVersionUID, byte[] classData) {
    return stream(className, serialVersionUID, true, classData);
  }

  /** A stream of one object of a class without fields or {@code writeObject}: no data at all. */
  static byte[] withoutData(String className, long serialVersionUID) {
    return stream(className, serialVersionUID, false, new byte[0]);
  }

  /**
   * Block data whose header claims {@code claimedLength} bytes, then {@code data}, then the end of
   * the object's data.
   */
  static byte[] blockData(int claimedLength, byte[] data) {
    return write(
        out -> {
          if (claimedLength <= 0xFF) {
            out.writeByte(ObjectStreamConstants.TC_BLOCKDATA);
            out.writeByte(claimedLength);
          } else {
            out.writeByte(ObjectStreamConstants.TC_BLOCKDATALONG);
            out.writeInt(claimedLength);
          }
          out.write(data);
          out.writeByte(ObjectStreamConstants.TC_ENDBLOCKDATA);
        });
  }

  /** An array of 2<sup>31</sup> - 1 {@code long}s, of which only the length follows. */
  static byte[] hugeArray() {
    return write(
        out -> {
          out.writeByte(ObjectStreamConstants.TC_ARRAY);
          out.writeByte(ObjectStreamConstants.TC_CLASSDESC);
          out.writeUTF("[J");
          out.writeLong(0); // serialVersionUID
          out.writeByte(ObjectStreamConstants.SC_SERIALIZABLE);
          out.writeShort(0); // no fields
          out.writeByte(ObjectStreamConstants.TC_ENDBLOCKDATA);
          out.writeByte(ObjectStreamConstants.TC_NULL);
          out.writeInt(Integer.MAX_VALUE);
        });
  }

  private static byte[] stream(
      String className, long serialVersionUID, boolean writeMethod, byte[] classData) {
    return write(
        out -> {
          out.writeShort(ObjectStreamConstants.STREAM_MAGIC);
          out.writeShort(ObjectStreamConstants.STREAM_VERSION);
          out.writeByte(ObjectStreamConstants.TC_OBJECT);
          out.writeByte(ObjectStreamConstants.TC_CLASSDESC);
          out.writeUTF(className);
          out.writeLong(serialVersionUID);
          out.writeByte(
              ObjectStreamConstants.SC_SERIALIZABLE
                  | (writeMethod ? ObjectStreamConstants.SC_WRITE_METHOD : 0));
          out.writeShort(0); // no fields
          out.writeByte(ObjectStreamConstants.TC_ENDBLOCKDATA); // no class annotation
          out.writeByte(ObjectStreamConstants.TC_NULL); // no serializable superclass
          out.write(classData);
        });
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }
}
