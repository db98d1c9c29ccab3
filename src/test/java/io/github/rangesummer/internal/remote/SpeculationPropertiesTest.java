/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The speculation rule's defaults and the system properties that change them. */
class SpeculationPropertiesTest {

  private static final List<String> PROPERTIES =
      List.of(
          "rangesummer.speculation",
          "rangesummer.speculation.multiple",
          "rangesummer.speculation.floorMillis",
          "rangesummer.speculation.perChunk");

  @AfterEach
  void clear() {
    PROPERTIES.forEach(System::clearProperty);
  }

  @Test
  void noProperties_giveTheDefaults() {
    assertEquals(Speculation.DEFAULTS, Speculation.fromSystemProperties());
  }

  /**
   * Six copies a chunk: an executor that places tasks on random members may put every copy on
   * the frozen one of three, which with three copies leaves a chunk stuck until the heartbeat
   * timeout in 3.7 % of cases, with six in 0.14 %.
   */
  @Test
  void defaults_areThoseDocumented() {
    Speculation rule = Speculation.DEFAULTS;
    assertTrue(rule.enabled());
    assertEquals(1.5, rule.multiple());
    assertEquals(200_000_000L, rule.floorNanos());
    assertEquals(6, rule.perChunk());
    assertEquals(0.1, rule.share());
    assertEquals(1, rule.inFlight(6), "at least one");
    assertEquals(640, rule.inFlight(6_400));
  }

  @Test
  void off_turnsItOff_inAnyCase() {
    System.setProperty("rangesummer.speculation", "FALSE");
    System.setProperty("rangesummer.speculation.perChunk", "not read when off");
    Speculation rule = Speculation.fromSystemProperties();
    assertSame(Speculation.OFF, rule);
    assertFalse(rule.enabled());
  }

  @Test
  void properties_setTheRule() {
    System.setProperty("rangesummer.speculation", "true");
    System.setProperty("rangesummer.speculation.multiple", "3");
    System.setProperty("rangesummer.speculation.floorMillis", "50");
    System.setProperty("rangesummer.speculation.perChunk", "2");
    assertEquals(
        new Speculation(true, 3, 50_000_000L, 2, Speculation.DEFAULTS.share()),
        Speculation.fromSystemProperties());
  }

  @Test
  void badValues_throwNamingThePropertyAndTheValue() {
    System.setProperty("rangesummer.speculation", "maybe");
    IllegalArgumentException notABoolean =
        assertThrows(IllegalArgumentException.class, Speculation::fromSystemProperties);
    assertEquals("rangesummer.speculation (maybe) must be true or false", notABoolean.getMessage());

    System.clearProperty("rangesummer.speculation");
    System.setProperty("rangesummer.speculation.perChunk", "many");
    IllegalArgumentException notANumber =
        assertThrows(IllegalArgumentException.class, Speculation::fromSystemProperties);
    assertEquals(
        "rangesummer.speculation.perChunk (many) is not a number", notANumber.getMessage());

    System.setProperty("rangesummer.speculation.perChunk", "2");
    System.setProperty("rangesummer.speculation.floorMillis", Long.toString(Long.MAX_VALUE));
    IllegalArgumentException tooLarge =
        assertThrows(IllegalArgumentException.class, Speculation::fromSystemProperties);
    assertTrue(tooLarge.getMessage().startsWith("rangesummer.speculation.floorMillis ("));
    System.clearProperty("rangesummer.speculation.floorMillis");

    System.setProperty("rangesummer.speculation.perChunk", "0");
    IllegalArgumentException outOfRange =
        assertThrows(IllegalArgumentException.class, Speculation::fromSystemProperties);
    assertTrue(outOfRange.getMessage().contains("per chunk (0) >= 1"), outOfRange.getMessage());

    System.setProperty("rangesummer.speculation.perChunk", "3");
    System.setProperty("rangesummer.speculation.multiple", "1");
    IllegalArgumentException multiple =
        assertThrows(IllegalArgumentException.class, Speculation::fromSystemProperties);
    assertTrue(multiple.getMessage().contains("multiple (1.0) must be > 1"), multiple.getMessage());
  }
}
