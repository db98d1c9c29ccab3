/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * range-summer: exact parallel summation of integer ranges on threads, fork/join pools and worker
 * JVMs. Only {@code io.github.rangesummer} is exported; the partitioner, kernels, collectors and
 * the worker protocol live in unexported packages.
 *
 * <p>The command-line tool, {@code io.github.rangesummer.cli}, is not exported either. Its
 * libraries are optional ({@code requires static}): the library never loads the tool's classes, so
 * it runs without them.
 */
@SuppressWarnings("requires-automatic") // XChart and Batik are automatic modules
module io.github.rangesummer {
  requires com.google.common;
  requires static info.picocli;
  requires static com.google.gson;
  requires static java.desktop;
  requires static java.xml;
  requires static java.logging; // the tool prints log records above its progress bar
  requires static org.knowm.xchart;
  requires static org.apache.xmlgraphics.batik.svggen;

  exports io.github.rangesummer;

  // picocli sets the commands' annotated fields reflectively.
  opens io.github.rangesummer.cli to info.picocli;
}
