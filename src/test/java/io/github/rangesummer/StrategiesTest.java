/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract list holds every strategy of the project's one list: a strategy added there and
 * not here fails this test, so the contract suite cannot miss it (issue 22).
 */
class StrategiesTest {

  @Test
  void contractList_holdsEveryStrategyOfTheOneList() {
    Set<io.github.rangesummer.cli.Strategy> tested =
        Strategies.ALL.stream().map(Strategy::kind).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(io.github.rangesummer.cli.Strategy.class), tested);
  }

  @Test
  void contractList_namesEachSummerAsItsStrategyDoes() {
    for (Strategy strategy : Strategies.ALL) {
      assertTrue(
          strategy.name().startsWith(strategy.kind().toString() + "("),
          strategy.name() + " is a " + strategy.kind());
    }
  }
}
