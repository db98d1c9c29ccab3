/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.cli;

/**
 * No member of the cluster that {@code --cluster} names can be reached: none answered at the
 * start, or the client lost the last one and reached none again in time. Its message says so in
 * the user's terms, and the tool prints it alone; the cause is what the cluster client threw.
 */
final class ClusterUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ClusterUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
