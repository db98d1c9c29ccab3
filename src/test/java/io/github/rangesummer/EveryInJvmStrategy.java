/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test once per strategy of {@link Strategies#ALL} whose terms run in this JVM; the test
 * takes the {@link Strategy}, whose {@code get()} makes a new summer. For tests that watch terms
 * through plain objects or need the caller to compute.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("io.github.rangesummer.Strategies#inJvm")
@interface EveryInJvmStrategy {}
