/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static java.util.Objects.requireNonNull;

import io.github.rangesummer.internal.Int128;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;

/**
 * The exact sum of {@code long} values, which never overflows: a mergeable accumulator for streams,
 * aggregations and accumulators of distributed jobs, where {@link
 * java.util.stream.LongStream#sum()} and {@link java.util.concurrent.atomic.LongAdder} wrap
 * silently.
 *
 * <pre>{@code
 * BigInteger total = LongStream.of(Long.MAX_VALUE, Long.MAX_VALUE, 2)
 *     .parallel()
 *     .collect(LongSum::new, LongSum::add, LongSum::add)
 *     .toBigInteger();                                              // 18446744073709551616
 *
 * BigInteger letters = words.parallelStream().collect(LongSum.summing(String::length));
 * }</pre>
 *
 * <p>The sum is kept in 128 bits, exact for any 2<sup>64</sup> values, and merging with {@link
 * #add(LongSum)} is exact, so the result never depends on how the values were split or in which
 * order partial sums were merged: a parallel stream gives the same sum on every fork/join pool.
 *
 * <p><b>Not thread-safe</b>, like {@link java.util.LongSummaryStatistics}: give each thread its own
 * {@code LongSum} and merge them, as a parallel stream's {@code collect} does, or guard a shared
 * one with a lock. Equality is identity, as for {@link java.util.concurrent.atomic.LongAdder}: a
 * {@code LongSum} changes as values are added, so it is no key for a hash map; compare {@link
 * #toBigInteger()} instead. A copy is {@code new LongSum()} with the original {@link #add(LongSum)
 * added}.
 *
 * <p><b>Serialization.</b> A {@code LongSum} is {@link Serializable}, so that it can be the state
 * of a Hazelcast aggregator or a Spark accumulator. Its serialized form is a versioned proxy of 20
 * bytes of data (see the serialized form); reading a stream that no {@code LongSum} could have
 * written, such as a truncated one, one of an unknown version or a {@code LongSum} without its
 * proxy, throws {@link InvalidObjectException}, and the proxy allocates nothing whose size the
 * stream chooses. Before the proxy, {@link ObjectInputStream} reads the stream's own structure;
 * limit what it accepts from untrusted sources with an {@link java.io.ObjectInputFilter}.
 */
public final class LongSum implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The sum; a {@code LongSum} is serialized as its {@link SerializationProxy}. */
  private final transient Int128 sum;

  /** Creates the sum of no values, zero. */
  public LongSum() {
    this(new Int128());
  }

  private LongSum(Int128 sum) {
    this.sum = sum;
  }

  /**
   * Adds a value.
   *
   * @param value the value to add
   */
  public void add(long value) {
    sum.add(value);
  }

  /**
   * Adds another sum to this one, exactly; {@code other} keeps its value, and may be this sum.
   *
   * @param other the sum to add
   * @throws NullPointerException if {@code other} is null
   * @throws ArithmeticException if the sum would need more than 128 bits, which takes more than
   *     2<sup>64</sup> values: only merging sums into themselves, directly or through others, gets
   *     there. This sum then keeps its value.
   */
  public void add(LongSum other) {
    requireNonNull(other, "other");
    if (!sum.addIfFits(other.sum)) {
      throw new ArithmeticException(
          String.format(
              Locale.ROOT, "sum (%s) plus (%s) does not fit in 128 bits", sum, other.sum));
    }
  }

  /**
   * Returns the exact sum.
   *
   * @return the sum of the values added, zero if none were
   */
  public BigInteger toBigInteger() {
    return sum.toBigInteger();
  }

  /**
   * Returns the sum if it fits in a {@code long}.
   *
   * @return the exact sum
   * @throws ArithmeticException if the sum is outside the range of {@code long}; the message names
   *     the sum
   */
  public long longValueExact() {
    if (!sum.fitsInLong()) {
      throw new ArithmeticException(
          String.format(Locale.ROOT, "sum (%s) does not fit in a long", sum));
    }
    return sum.low();
  }

  /**
   * Returns a collector of the exact sum of a {@code long} function of the elements, as {@link
   * java.util.stream.Collectors#summingLong} but without overflow: the same sum, sequential or
   * parallel, on every fork/join pool.
   *
   * <pre>{@code
   * BigInteger total = orders.parallelStream().collect(LongSum.summing(Order::cents));
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param mapper the value of each element
   * @return a collector of the exact sum; {@link BigInteger#ZERO} for no elements
   * @throws NullPointerException if {@code mapper} is null
   */
  public static <T> Collector<T, ?, BigInteger> summing(ToLongFunction<? super T> mapper) {
    requireNonNull(mapper, "mapper");
    return Collector.of(
        LongSum::new,
        (sum, element) -> sum.add(mapper.applyAsLong(element)),
        (sum, other) -> {
          sum.add(other);
          return sum;
        },
        LongSum::toBigInteger,
        Collector.Characteristics.UNORDERED);
  }

  /**
   * Returns the sum in decimal, as {@link BigInteger#toString()} of {@link #toBigInteger()}.
   *
   * @return the sum in decimal
   */
  @Override
  public String toString() {
    return sum.toString();
  }

  /**
   * Serializes this sum as a {@link SerializationProxy}.
   *
   * @return the proxy
   */
  private Object writeReplace() {
    return new SerializationProxy(sum.high(), sum.low());
  }

  /**
   * Rejects a {@code LongSum} serialized without its proxy, which no {@code LongSum} writes.
   *
   * @param in the stream
   * @throws InvalidObjectException always
   */
  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a LongSum is read through its serialization proxy");
  }

  /**
   * The serialized form of a {@link LongSum}: a version and the sum's two's complement 128 bits.
   *
   * @serial include
   */
  private static final class SerializationProxy implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The version of the data that {@code writeObject} writes. */
    private static final int VERSION = 1;

    /** The upper 64 bits of the sum, signed. */
    private transient long high;

    /** The lower 64 bits of the sum, unsigned. */
    private transient long low;

    SerializationProxy(long high, long low) {
      this.high = high;
      this.low = low;
    }

    /**
     * Writes the sum.
     *
     * @serialData No fields, then 20 bytes of data: the version, an {@code int}, 1; then the sum in
     *     two's complement as two {@code long}s, the upper 64 bits and the lower 64 bits.
     * @param out the stream
     * @throws IOException if writing fails
     */
    private void writeObject(ObjectOutputStream out) throws IOException {
      out.defaultWriteObject();
      out.writeInt(VERSION);
      out.writeLong(high);
      out.writeLong(low);
    }

    /**
     * Reads what {@code writeObject} wrote, and nothing more.
     *
     * @param in the stream
     * @throws InvalidObjectException if the data is of another version, truncated or longer
     * @throws IOException if reading fails
     * @throws ClassNotFoundException if the stream names a class that cannot be found
     */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      ProxyData.read(
          in,
          "LongSum",
          VERSION,
          data -> {
            high = data.readLong();
            low = data.readLong();
          });
    }

    /**
     * Returns the {@link LongSum} this proxy stands for: every 128-bit value is a sum that some
     * {@code LongSum} can hold.
     *
     * @return the sum
     */
    private Object readResolve() {
      return new LongSum(new Int128(high, low));
    }
  }
}
