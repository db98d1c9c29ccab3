/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests' temporary files go when their test ends, not when the JVM does: one {@code mvn -B
 * verify} held 133 {@code SharedLongs} files in {@code /tmp}, some 12.8 MB each, until its test
 * JVM ended, and a JVM that was killed left them all. The second test looks at what the first
 * left, so the order is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestFilesTest {

  private static Path fromTheFirstTest;

  @Test
  @Order(1)
  void sharedLongs_inATest_areInItsDirectoryUnderTheRoot() throws IOException {
    Path file = SharedLongs.create(4).file();
    assertTrue(Files.isRegularFile(file), file::toString);
    assertEquals(TestFiles.directory(), file.getParent());
    assertTrue(file.startsWith(TestFiles.root()), file::toString);
    fromTheFirstTest = file;
  }

  @Test
  @Order(2)
  void sharedLongs_ofATestThatEnded_areDeletedWithItsDirectory() {
    assertNotNull(fromTheFirstTest, "the first test did not run");
    assertFalse(Files.exists(fromTheFirstTest.getParent()), fromTheFirstTest::toString);
    assertNotEquals(fromTheFirstTest.getParent(), TestFiles.directory());
  }

  @Test
  @Order(3)
  void tempDir_isUnderTheRoot(@TempDir Path dir) throws IOException {
    assertTrue(dir.startsWith(TestFiles.root()), dir::toString);
  }

  @Test
  @Order(4)
  void root_underMaven_isNotTheTemporaryDirectoryOfTheSystem() throws IOException {
    String named = System.getProperty(TestFiles.ROOT_PROPERTY);
    // Surefire sets the property (see the pom); a run from an IDE may not.
    assumeTrue(named != null, "not run by Maven");
    assertEquals(Path.of(named), TestFiles.root());
    assertFalse(
        TestFiles.root().startsWith(Path.of(System.getProperty("java.io.tmpdir"))),
        TestFiles.root()::toString);
  }
}
