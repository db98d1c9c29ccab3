/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.UncheckedExecutionException;
import io.github.rangesummer.LongTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The member's allow list, read back through the filter the member sets JVM-wide (here on one
 * stream only: this JVM keeps its own filter).
 */
class AllowListTest {

  private final List<String> rejected = new ArrayList<>();

  private static byte[] write(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  private Object read(AllowList list, Object value) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(write(value)))) {
      in.setObjectInputFilter(list.jvmFilter(rejected::add));
      return in.readObject();
    }
  }

  /** Built here, so that the lambda captures a long, a string and an array of longs. */
  private static LongTerm term(long factor, String name, long[] table) {
    return i -> factor * i + name.length() + table[(int) (i % table.length)];
  }

  @Test
  void lambdaWithBoxedStringAndArrayCaptures_isRead() throws Exception {
    LongTerm term = (LongTerm) read(AllowList.of(List.of()), term(3, "ab", new long[] {5, 7}));

    assertEquals(3 * 4 + 2 + 5, term.applyAsLong(4));
    assertEquals(List.of(), rejected);
  }

  @Test
  void classOutsideTheList_isRejectedAndNamed() {
    ArrayList<Long> list = new ArrayList<>(List.of(1L));

    assertThrows(InvalidClassException.class, () -> read(AllowList.of(List.of()), list));
    assertEquals(List.of("java.util.ArrayList"), rejected);
  }

  @Test
  void allowedPackage_admitsItsClasses() throws Exception {
    ArrayList<Long> list = new ArrayList<>(List.of(1L));

    assertEquals(list, read(AllowList.of(List.of("java.util")), list));
  }

  @Test
  void arrayOfAClassOutsideTheList_isRejected() {
    Object[] values = {new ArrayList<Long>()};

    assertThrows(InvalidClassException.class, () -> read(AllowList.of(List.of()), values));
    assertEquals(List.of("java.util.ArrayList"), rejected);
  }

  /** Members send each other exceptions, the JDK's inside Hazelcast's. */
  @Test
  void jdkException_withCauseAndStackTrace_isRead() throws Exception {
    IllegalStateException failure =
        new IllegalStateException("outer", new java.io.IOException("inner"));

    Throwable read = (Throwable) read(AllowList.of(List.of()), failure);

    assertEquals("inner", read.getCause().getMessage());
    assertEquals(failure.getStackTrace().length, read.getStackTrace().length);
    assertEquals(List.of(), rejected);
  }

  /** Only the JDK's exceptions pass as exceptions: any other needs its package allowed. */
  @Test
  void exceptionOutsideJavaPackages_isRejected() {
    Object failure = new UncheckedExecutionException("guava's", null);

    assertThrows(InvalidClassException.class, () -> read(AllowList.of(List.of()), failure));
    assertEquals(List.of(UncheckedExecutionException.class.getName()), rejected);
  }

  @Test
  void pattern_listsThePackagesThenTheJdkClasses_andRejectsTheRest() {
    AllowList list = AllowList.of(List.of("com.example.terms"));

    assertTrue(
        list.pattern()
            .startsWith(
                "io.github.rangesummer.**;com.hazelcast.**;com.example.terms.**;java.lang.Enum;"),
        list.pattern());
    assertTrue(list.pattern().endsWith(";java.util.Collections$EmptyList;!*"), list.pattern());
    assertEquals(
        List.of("io.github.rangesummer.", "com.hazelcast.", "com.example.terms.", "java.", "["),
        list.prefixes());
  }

  @Test
  void packageNames_onlyDottedIdentifiers() {
    for (String name : new String[] {"com.example", "a", "org.example_2.x$y", "été.terms"}) {
      assertTrue(AllowList.isPackageName(name), name);
    }
    for (String name :
        new String[] {"", "com.", ".com", "com..example", "com.*", "com.**", "a;*", "!a", "a/b",
          "1a", "a b"}) {
      assertFalse(AllowList.isPackageName(name), name);
    }
  }

  @Test
  void notAPackageName_isRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AllowList.of(List.of("ok", "x;*")));

    assertEquals("--allow (x;*) must be a package name, such as com.example.terms", e.getMessage());
  }
}
