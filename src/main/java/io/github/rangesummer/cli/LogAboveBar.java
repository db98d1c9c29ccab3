/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log records on lines of their own above a {@link ProgressBar}, never on the bar's line. The
 * library logs through {@code System.Logger} (its warnings about lost chunks and threads that
 * ignore interrupts), which is {@code java.util.logging} by default, whose root console handler
 * writes to standard error, where the bar is drawn. While a command runs, this handler takes the
 * place of the root's console handlers, with their level and formatter: it erases the bar, prints
 * the record and draws the bar again. {@link #install} returns what puts them back.
 */
final class LogAboveBar extends Handler {

  private static final Logger ROOT = Logger.getLogger("");

  private final ProgressBar bar;

  private LogAboveBar(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * Routes the root logger's console output through {@code bar} until the returned action runs.
   * Without a console handler on the root logger, nothing went to standard error: nothing changes.
   */
  static synchronized Runnable install(ProgressBar bar) {
    List<Handler> consoles = new ArrayList<>();
    for (Handler handler : ROOT.getHandlers()) {
      if (handler instanceof ConsoleHandler) {
        consoles.add(handler);
      }
    }
    if (consoles.isEmpty()) {
      return () -> {};
    }
    LogAboveBar above = new LogAboveBar(bar);
    above.setLevel(consoles.get(0).getLevel());
    above.setFormatter(consoles.get(0).getFormatter());
    consoles.forEach(ROOT::removeHandler);
    ROOT.addHandler(above);
    return () -> {
      synchronized (LogAboveBar.class) {
        ROOT.removeHandler(above);
        consoles.forEach(ROOT::addHandler);
      }
    };
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record)) {
      return;
    }
    String text;
    try {
      text = getFormatter().format(record);
    } catch (RuntimeException e) {
      reportError(null, e, ErrorManager.FORMAT_FAILURE);
      return;
    }
    bar.printAbove(text);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
