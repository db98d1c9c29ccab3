/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.math.BigInteger;

/**
 * A mutable signed 128-bit integer: the exact accumulator of integer sums.
 *
 * <p>2<sup>64</sup> terms of magnitude at most 2<sup>63</sup> sum to less than 2<sup>127</sup> in
 * magnitude, so a sum over any range of {@code long} indexes with any {@code long} terms fits,
 * whatever the order in which partial sums arrive. Not thread-safe.
 */
public final class Int128 {

  private long high;
  private long low; // read as unsigned; the value is high * 2^64 + low

  /** Creates a zero. */
  public Int128() {}

  /**
   * Creates a value from its two halves.
   *
   * @param high the upper 64 bits, signed
   * @param low the lower 64 bits, unsigned
   */
  public Int128(long high, long low) {
    this.high = high;
    this.low = low;
  }

  /** Adds a signed {@code long}. */
  public void add(long value) {
    long sum = low + value;
    high += (value >> 63) + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
    low = sum;
  }

  /** Adds another 128-bit value given as its halves. */
  public void add(long otherHigh, long otherLow) {
    long sum = low + otherLow;
    high += otherHigh + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
    low = sum;
  }

  /**
   * Adds another 128-bit value if the sum fits in 128 bits; {@code other} may be this value.
   *
   * @return whether the sum fitted and was stored; if not, this value is unchanged
   */
  public boolean addIfFits(Int128 other) {
    long sumLow = low + other.low;
    long sumHigh = high + other.high + (Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0);
    if (((high ^ sumHigh) & (other.high ^ sumHigh)) < 0) { // both signs differ from the sum's
      return false;
    }
    high = sumHigh;
    low = sumLow;
    return true;
  }

  /** Adds the exact 128-bit product {@code a * b}. */
  public void addProduct(long a, long b) {
    add(Math.multiplyHigh(a, b), a * b);
  }

  /** Adds another 128-bit value. */
  public void add(Int128 other) {
    add(other.high, other.low);
  }

  /** Returns the upper 64 bits, signed. */
  public long high() {
    return high;
  }

  /** Returns the lower 64 bits, to be read as unsigned. */
  public long low() {
    return low;
  }

  /** Returns whether the value lies in the range of {@code long}. */
  public boolean fitsInLong() {
    return high == (low >> 63);
  }

  /** Returns the value as a {@code BigInteger}. */
  public BigInteger toBigInteger() {
    BigInteger lowBits = BigInteger.valueOf(low >>> 1).shiftLeft(1).or(BigInteger.valueOf(low & 1));
    return BigInteger.valueOf(high).shiftLeft(64).or(lowBits);
  }

  @Override
  public String toString() {
    return toBigInteger().toString();
  }
}
