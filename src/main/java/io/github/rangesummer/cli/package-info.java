/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The {@code range-summer} command-line tool. The entry point is {@link
 * io.github.rangesummer.cli.Main}.
 *
 * <p>Not part of the library's API: the module does not export this package, and the library
 * never loads it. It needs picocli, an optional dependency.
 */
package io.github.rangesummer.cli;
