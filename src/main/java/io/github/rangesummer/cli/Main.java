/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code range-summer} command: {@code compare}, {@code sum} and {@code scaling}.
 *
 * <p>Exit status: 0 on success, 2 for a usage error (an unknown option, a bound that is not an
 * integer, a reversed range, zero workers), reported as one line and the usage, and 1 when a sum
 * fails, reported as one line. Never a stack trace.
 */
@Command(
    name = "range-summer",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description =
        "Sums the integers of [START, END) exactly, on threads, fork/join and worker JVMs.",
    subcommands = {
      CompareCommand.class,
      SumCommand.class,
      ScalingCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @Spec private CommandSpec spec;

  /** Creates the top-level command; picocli fills its fields. */
  public Main() {}

  /**
   * Runs the tool and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String... args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The command line with this tool's error handling: one line, then the usage, no trace. */
  static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new Main());
    ClusterSupport.load().ifPresent(support -> cli.addSubcommand(support.memberCommand()));
    cli.getCommandSpec().usageMessage().footer(examples(Version.version()));
    cli.setParameterExceptionHandler(Main::onUsageError);
    cli.setExecutionExceptionHandler(Main::onFailure);
    return cli;
  }

  /**
   * The examples, after saying what {@code range-summer} is: there is no launcher of that name,
   * only the jar.
   */
  static String[] examples(String version) {
    String jar = "range-summer-" + version + "-cli.jar";
    return new String[] {
      "",
      "range-summer is java -jar " + jar + "; in a POSIX shell:",
      "  alias range-summer='java -jar /path/to/" + jar + "'",
      "",
      "Examples:",
      "  range-summer compare 0 100000000",
      "  range-summer sum 0 1_000_000_000 --strategy forkJoin",
      "  range-summer scaling 0 1000000000 --max-workers 4 --chart scaling.png"
    };
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: compare, sum or scaling");
  }

  private static int onUsageError(ParameterException e, String[] args) {
    return usageError(e.getCommandLine(), e.getMessage());
  }

  /**
   * The library's {@link IllegalArgumentException}s (a reversed range, workers out of range) are
   * usage errors; anything else is a failure of the sum, reported without a stack trace: a cluster
   * without members by what happened alone, the rest with their causes.
   */
  private static int onFailure(Exception e, CommandLine cli, ParseResult parsed) {
    if (e instanceof IllegalArgumentException) {
      return usageError(cli, e.getMessage());
    }
    PrintWriter err = cli.getErr();
    err.println(
        "error: " + (e instanceof ClusterUnavailableException ? e.getMessage() : describe(e)));
    err.flush();
    return cli.getCommandSpec().exitCodeOnExecutionException();
  }

  private static int usageError(CommandLine cli, String message) {
    PrintWriter err = cli.getErr();
    err.println("error: " + oneLine(message));
    cli.usage(err);
    err.flush();
    return cli.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** The exception and its causes on one line. */
  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t != e) {
        text.append(" (caused by ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(oneLine(t.getMessage()));
      }
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      text.append(')');
    }
    return text.toString();
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** The version that Maven wrote into {@code version.properties}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"range-summer " + version()};
    }

    static String version() {
      Properties properties = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          return "(unknown version)";
        }
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return properties.getProperty("version", "(unknown version)");
    }
  }
}
