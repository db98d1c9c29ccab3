/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code compare} over small ranges with one worker and one timed run, so that each test starts one
 * worker JVM. Times are never asserted.
 */
class CompareCommandTest {

  static final List<String> STRATEGIES =
      List.of("sequential", "threaded", "forkJoin", "multiProcess", "jdkLoop", "jdkParallelStream");

  private static final String[] QUICK = {"--workers", "1", "--warmup", "1", "--repeat", "1"};

  private static Cli.Run compare(String start, String end, String... options) {
    List<String> args = new ArrayList<>(List.of("compare", start, end));
    args.addAll(List.of(QUICK));
    args.addAll(List.of(options));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void compare_table_listsEveryStrategyChecked() {
    Cli.Run run = compare("0", "100000");

    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err(), "no progress bar when standard error is not a terminal");
    List<String> lines = run.out().lines().toList();
    assertEquals("Sum of [0, 100000): 100000 integers, closed form 4999950000.", lines.get(0));
    int header =
        lines.indexOf(
            lines.stream().filter(l -> l.startsWith("strategy")).findFirst().orElseThrow());
    assertTrue(
        lines.get(header).matches("strategy +workers +result +check +median +speed-up"),
        lines.get(header));
    for (int i = 0; i < STRATEGIES.size(); i++) {
      String row = lines.get(header + 1 + i);
      String[] cells = row.split(" {2,}");
      assertEquals(STRATEGIES.get(i), cells[0], row);
      assertEquals("4999950000", cells[2], row);
      assertEquals("ok", cells[3], row);
      assertTrue(cells[4].matches("[0-9.]+ (ms|s)"), row);
      assertTrue(cells[5].matches("[0-9]+\\.[0-9]{2}x"), row);
    }
    assertTrue(lines.get(header + 1).endsWith("  1.00x"), "sequential is the baseline");
    assertEquals(lines.get(header).length(), lines.get(header + 1).length(), "columns are aligned");
  }

  @Test
  void compare_csv_hasHeaderAndOneRowPerStrategy() {
    Cli.Run run = compare("1", "1001", "--format", "csv");

    assertEquals(0, run.code(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals("strategy,workers,caller_helps,result,check,median_ns,speedup", lines.get(0));
    assertEquals(1 + STRATEGIES.size(), lines.size(), run.out());
    for (int i = 0; i < STRATEGIES.size(); i++) {
      String[] fields = lines.get(i + 1).split(",", -1);
      assertEquals(7, fields.length, lines.get(i + 1));
      assertEquals(STRATEGIES.get(i), fields[0]);
      assertEquals("500500", fields[3]);
      assertEquals("ok", fields[4]);
      assertTrue(Long.parseLong(fields[5]) > 0);
      Double.parseDouble(fields[6]);
    }
  }

  @Test
  void compare_json_parsesBackWithWrappedBaselines() throws IOException {
    // The sum exceeds a long: the library's strategies are exact, the JDK baselines wrap.
    long start = Long.MAX_VALUE - 100_000;
    long end = Long.MAX_VALUE;
    Cli.Run run = compare(Long.toString(start), Long.toString(end), "--format", "json");

    assertEquals(0, run.code(), run.err());
    JsonObject json = parseStrict(run.out()).getAsJsonObject();
    BigInteger expected = Race.closedForm(start, end);
    assertEquals(start, json.get("start").getAsLong());
    assertEquals(end, json.get("end").getAsLong());
    assertEquals(BigInteger.valueOf(100_000), json.get("elements").getAsBigInteger());
    assertEquals(expected, json.get("expected").getAsBigInteger());
    assertEquals(1, json.get("repeat").getAsInt());
    JsonArray results = json.getAsJsonArray("results");
    assertEquals(STRATEGIES.size(), results.size());
    for (int i = 0; i < results.size(); i++) {
      JsonObject result = results.get(i).getAsJsonObject();
      String strategy = result.get("strategy").getAsString();
      assertEquals(STRATEGIES.get(i), strategy);
      assertTrue(result.get("median_ns").getAsLong() > 0);
      assertTrue(result.get("speedup").getAsDouble() > 0);
      if (strategy.startsWith("jdk")) {
        assertEquals(expected.longValue(), result.get("result").getAsBigInteger().longValueExact());
        assertEquals("WRONG (wrapped)", result.get("check").getAsString());
        assertEquals(false, result.get("correct").getAsBoolean());
      } else {
        assertEquals(expected, result.get("result").getAsBigInteger(), strategy);
        assertEquals("ok", result.get("check").getAsString());
        assertEquals(true, result.get("correct").getAsBoolean());
      }
    }
    assertEquals(1.0, results.get(0).getAsJsonObject().get("speedup").getAsDouble());
    assertTrue(results.get(2).getAsJsonObject().get("caller_helps").getAsBoolean(), "forkJoin");
  }

  private static JsonElement parseStrict(String text) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    JsonElement element = JsonParser.parseReader(reader);
    assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "nothing after the JSON value");
    return element;
  }

  @Test
  void compare_reversedRange_isUsageError() {
    compare("10", "0").assertUsageError("start (10) must be <= end (0)");
  }

  @Test
  void compare_zeroWorkers_isUsageError() {
    Cli.run("compare", "0", "10", "--workers", "0")
        .assertUsageError(
            "workers (0) must be between 1 and 256, as multiProcess takes at most 256 worker"
                + " JVMs");
  }

  /** The bound of every strategy that compare runs with N workers: multiProcess's. */
  @Test
  void compare_moreWorkersThanMultiProcessTakes_isUsageError() {
    Cli.run("compare", "0", "10", "--workers", "257")
        .assertUsageError(
            "workers (257) must be between 1 and 256, as multiProcess takes at most 256 worker"
                + " JVMs");
  }

  @Test
  void compare_zeroMembers_isUsageError_asANegativeCountIs() {
    for (String members : new String[] {"0", "-1", "17"}) {
      Cli.run("compare", "0", "10", "--members", members)
          .assertUsageError(
              "members ("
                  + members
                  + ") must be between 1 and 16, the most member JVMs that compare starts on"
                  + " this machine");
    }
  }

  @Test
  void compare_zeroRepeats_isUsageError() {
    Cli.run("compare", "0", "10", "--repeat", "0")
        .assertUsageError("repeat (0) must be between 1 and 2147483647");
  }

  @Test
  void compare_unknownFormat_isUsageError() {
    compare("0", "10", "--format", "xml")
        .assertUsageError(
            "Invalid value for option '--format': 'xml' is not one of table, csv, json");
  }

  @Test
  void csv_quotesFieldsThatNeedIt() {
    assertEquals("ok", CompareCommand.csv("ok"));
    assertEquals("WRONG (wrapped)", CompareCommand.csv("WRONG (wrapped)"));
    assertEquals("\"a,b\"", CompareCommand.csv("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CompareCommand.csv("say \"hi\""));
  }
}
