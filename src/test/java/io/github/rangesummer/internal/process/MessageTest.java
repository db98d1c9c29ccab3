/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rangesummer.internal.SumKind;
import io.github.rangesummer.internal.ThrowableImage;
import io.github.rangesummer.internal.remote.ChunkOutcome;
import io.github.rangesummer.internal.remote.ChunkRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every message of the worker protocol through a frame and back, and frames that are refused. */
class MessageTest {

  private static byte[] framed(Message... messages) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (Message message : messages) {
      Protocol.write(out, message);
    }
    return bytes.toByteArray();
  }

  @Test
  void everyMessage_roundTripsThroughAFrame() throws IOException {
    List<Message> messages =
        List.of(
            new Message.Chunk(
                new ChunkRequest(4, 2, SumKind.LONG_TERM, -9, 9, true, new byte[] {7}, new byte[0])),
            new Message.Cancel(4),
            new Message.Hello(Protocol.VERSION, 4242),
            new Message.Outcome(4, 2, new ChunkOutcome.Cancelled()),
            new Message.Outcome(
                4, 3, new ChunkOutcome.TermFailed(ThrowableImage.of(new ArithmeticException("x")))),
            new Message.Progress(4, 2, 1L << 40),
            new Message.Heartbeat());
    DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(framed(messages.toArray(new Message[0]))));
    for (Message sent : messages) {
      Protocol.Frame frame = Protocol.read(in);
      assertEquals(sent.type(), frame.type());
      Message read = Message.decode(frame);
      assertEquals(sent.getClass(), read.getClass());
      assertArrayEquals(sent.payload(), read.payload(), sent::toString);
    }
    assertNull(Protocol.read(in), "the end of the stream, between frames");
  }

  @Test
  void equalRecords_forMessagesOfPlainFields() throws IOException {
    for (Message message :
        List.of(
            new Message.Cancel(-1),
            new Message.Hello(2, 1),
            new Message.Progress(1, 2, 3),
            new Message.Heartbeat())) {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(framed(message)));
      assertEquals(message, Message.decode(Protocol.read(in)));
    }
  }

  @Test
  void malformedFrames_areRefused() throws IOException {
    byte[] good = framed(new Message.Cancel(1));
    byte[] badMagic = good.clone();
    badMagic[0] = 0;
    IOException magic =
        assertThrows(
            IOException.class,
            () -> Protocol.read(new DataInputStream(new ByteArrayInputStream(badMagic))));
    assertTrue(magic.getMessage().contains("bad frame magic"), magic::getMessage);

    byte[] cut = Arrays.copyOf(good, good.length - 1);
    assertThrows(
        IOException.class, () -> Protocol.read(new DataInputStream(new ByteArrayInputStream(cut))));

    IOException extra =
        assertThrows(
            IOException.class,
            () -> Message.decode(new Protocol.Frame(Message.Cancel.TYPE, new byte[9])));
    assertTrue(extra.getMessage().contains("1 extra"), extra::getMessage);
    IOException unknown =
        assertThrows(
            IOException.class, () -> Message.decode(new Protocol.Frame((byte) 99, new byte[0])));
    assertTrue(unknown.getMessage().contains("unexpected frame type 99"), unknown::getMessage);

    byte[] huge = good.clone();
    huge[5] = 0x7f; // a payload length of about 2 GB
    assertThrows(
        IOException.class,
        () -> Protocol.read(new DataInputStream(new ByteArrayInputStream(huge))));
  }
}
