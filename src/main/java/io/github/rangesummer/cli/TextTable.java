/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header, then rows; columns two spaces apart, numbers aligned right. */
final class TextTable {

  private final String[] header;
  private final boolean[] right;
  private final List<String[]> rows = new ArrayList<>();

  /**
   * @param header the column names
   * @param right for each column, whether it aligns right
   */
  TextTable(String[] header, boolean[] right) {
    if (header.length != right.length) {
      throw new IllegalArgumentException("one alignment per column");
    }
    this.header = header.clone();
    this.right = right.clone();
  }

  TextTable add(String... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException(
          "row of " + cells.length + " cells, table of " + header.length + " columns");
    }
    rows.add(cells.clone());
    return this;
  }

  void print(PrintWriter out) {
    int[] width = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      width[c] = header[c].length();
      for (String[] row : rows) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    out.println(line(header, width));
    for (String[] row : rows) {
      out.println(line(row, width));
    }
  }

  private String line(String[] cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      String padding = " ".repeat(width[c] - cells[c].length());
      if (c > 0) {
        line.append("  ");
      }
      line.append(right[c] ? padding + cells[c] : cells[c] + padding);
    }
    return line.toString().stripTrailing();
  }
}
