/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The {@code range-summer} command-line tool: {@code compare}, {@code sum} and {@code scaling}. The
 * entry point is {@link io.github.rangesummer.cli.Main}; run it from the shaded jar:
 *
 * <pre>{@code
 * java -jar target/range-summer-0.1.0-SNAPSHOT-cli.jar compare 0 100000000
 * }</pre>
 *
 * <p>Not part of the library's API: the module does not export this package, and the library never
 * loads it. It needs picocli, XChart, Batik's SVG generator and Gson, optional dependencies that the
 * shaded jar bundles.
 */
package io.github.rangesummer.cli;
