/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * range-summer: exact parallel summation of integer ranges on threads, fork/join pools and worker
 * JVMs. Only {@code io.github.rangesummer} is exported; the partitioner, kernels, collectors and
 * the worker protocol live in unexported packages.
 */
module io.github.rangesummer {
  requires com.google.common;

  exports io.github.rangesummer;
}
