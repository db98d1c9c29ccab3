/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rangesummer.LongTerm;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import org.junit.jupiter.api.Test;

/** Terms as they travel: read back under the limits and the JVM-wide filter of the reader. */
class TermBytesTest {

  /** A term of a class of its own, which a filter may refuse. */
  static final class Refused implements LongTerm {
    private static final long serialVersionUID = 1L;

    @Override
    public long applyAsLong(long index) {
      return index;
    }
  }

  @Test
  void decode_aClassTheJvmWideFilterRefuses_namesTheClass() {
    byte[] bytes = TermBytes.encode(new Refused(), "to a test");
    ObjectInputFilter refusing =
        ObjectInputFilter.Config.createFilter("!" + Refused.class.getName() + ";*");
    InvalidClassException thrown =
        assertThrows(InvalidClassException.class, () -> TermBytes.decode(bytes, refusing));
    assertEquals(Refused.class.getName(), thrown.classname);
    assertTrue(thrown.getMessage().contains("deserialization filter"), thrown::getMessage);
  }

  @Test
  void decode_withoutAFilter_readsTheTerm() throws Exception {
    byte[] bytes = TermBytes.encode(new Refused(), "to a test");
    assertEquals(Refused.class, TermBytes.decode(bytes, null).getClass());
  }
}
