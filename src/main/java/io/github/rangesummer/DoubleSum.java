/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer;

import static java.util.Objects.requireNonNull;

import io.github.rangesummer.internal.DoubleAccumulator;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collector;

/**
 * The exact sum of {@code double} values, rounded once when it is read: a mergeable accumulator for
 * streams, aggregations and accumulators of distributed jobs whose result, unlike that of {@link
 * java.util.stream.DoubleStream#sum()}, does not depend on the order of the values or on how a
 * parallel stream split them.
 *
 * <pre>{@code
 * double[] values = {1e16, 1.0, -1e16};
 * double naive = values[0] + values[1] + values[2];                  // 0.0
 * double exact = DoubleStream.of(values)
 *     .parallel()
 *     .collect(DoubleSum::new, DoubleSum::add, DoubleSum::add)
 *     .doubleValue();                                                // 1.0
 *
 * double total = orders.parallelStream().collect(DoubleSum.summing(Order::amount));
 * }</pre>
 *
 * <h2>The result</h2>
 *
 * {@link #doubleValue()} is the exact real sum of the values added, rounded once to the nearest
 * double, ties to even: the same rules as {@link RangeSummer#sumDouble(long, long, DoubleTerm)},
 * and the same bits for the same values in any order, split and merged in any way, so a parallel
 * stream gives the same sum on every fork/join pool. Intermediate sums never overflow: {@code
 * MAX_VALUE + MAX_VALUE - MAX_VALUE} is {@code MAX_VALUE}. As in IEEE 754 arithmetic, a NaN among
 * the values, or both infinities, give NaN; otherwise an infinity gives that infinity, and a finite
 * sum beyond the double range after rounding gives the infinity of its sign. The sum is {@code
 * -0.0} only if there were values and all were {@code -0.0}; the sum of no values, and any other
 * exact zero, is {@code +0.0}.
 *
 * <h2>Cost</h2>
 *
 * Adding a value usually costs one load, one add and one store, without allocation (Radford Neal's
 * large superaccumulator: a table of one {@code long} per sign and exponent). Without the table a
 * sum takes about 600 bytes, so that many small sums, as in a stream grouped by key, stay small: it
 * adds its first 1,024 values more slowly without it, then allocates the 32 KiB table. {@link
 * #doubleValue()} and {@link #add(DoubleSum)} move the table's contents into the exact 2,240-bit
 * sum, a pass over the table of a few microseconds, and release it (from both sums), after which
 * the next 1,024 values again go without it: call them for results and merges, not after every
 * value.
 *
 * <h2>Threads, equality, copies</h2>
 *
 * <b>Not thread-safe</b>, like {@link java.util.DoubleSummaryStatistics}: give each thread its own
 * {@code DoubleSum} and merge them, as a parallel stream's {@code collect} does, or guard a shared
 * one with a lock. Equality is identity, as for {@link java.util.concurrent.atomic.DoubleAdder}: a
 * {@code DoubleSum} changes as values are added, so it is no key for a hash map; compare {@link
 * #doubleValue()} instead, with {@link Double#compare}. A copy is {@code new DoubleSum()} with the
 * original {@link #add(DoubleSum) added}, which copies the exact sum and its special values.
 *
 * <h2>Serialization</h2>
 *
 * A {@code DoubleSum} is {@link Serializable}, so that it can be the state of a Hazelcast
 * aggregator or a Spark accumulator. Its serialized form is a versioned proxy holding the exact sum
 * in 567 bytes of data (see the serialized form); a stream read back goes on summing as the
 * original would. Reading a stream that no {@code DoubleSum} could have written, such as a
 * truncated one, one of an unknown version, with malformed limbs or contradictory flags, or a
 * {@code DoubleSum} without its proxy, throws {@link InvalidObjectException}, and the proxy
 * allocates nothing whose size the stream chooses. Before the proxy, {@link ObjectInputStream}
 * reads the stream's own structure; limit what it accepts from untrusted sources with an {@link
 * java.io.ObjectInputFilter}.
 */
public final class DoubleSum implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The exact sum; a {@code DoubleSum} is serialized as its {@link SerializationProxy}. */
  private final transient DoubleAccumulator accumulator;

  /** Creates the sum of no values, {@code +0.0}. */
  public DoubleSum() {
    this(new DoubleAccumulator());
  }

  private DoubleSum(DoubleAccumulator accumulator) {
    this.accumulator = accumulator;
  }

  /**
   * Adds a value, exactly.
   *
   * @param value the value to add, which may be NaN, infinite, subnormal or a zero of either sign
   */
  public void add(double value) {
    accumulator.add(value);
  }

  /**
   * Adds another sum to this one, exactly; {@code other} keeps its value, and may be this sum.
   *
   * @param other the sum to add
   * @throws NullPointerException if {@code other} is null
   * @throws ArithmeticException if the exact sum would reach 2<sup>1133</sup> in magnitude, more
   *     than 2<sup>109</sup> values of {@link Double#MAX_VALUE}: only merging sums into themselves,
   *     directly or through others, gets there. This sum then keeps its value.
   */
  public void add(DoubleSum other) {
    requireNonNull(other, "other");
    accumulator.merge(other.accumulator);
  }

  /**
   * Returns the exact sum of the values added, rounded once to the nearest double, ties to even.
   *
   * @return the correctly rounded sum; NaN if a value was NaN or both infinities were added; an
   *     infinity if one was added or the rounded sum is beyond the double range; {@code -0.0} only
   *     if values were added and all were {@code -0.0}; {@code +0.0} for no values
   */
  public double doubleValue() {
    return accumulator.round();
  }

  /**
   * Returns a collector of the exact sum of a {@code double} function of the elements, rounded
   * once: as {@link java.util.stream.Collectors#summingDouble}, but correctly rounded, and the same
   * bits sequential or parallel, on every fork/join pool.
   *
   * <pre>{@code
   * Map<String, Double> byCity = sales.stream()
   *     .collect(Collectors.groupingBy(Sale::city, DoubleSum.summing(Sale::amount)));
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param mapper the value of each element
   * @return a collector of the correctly rounded sum, as {@link #doubleValue()}; {@code +0.0} for
   *     no elements
   * @throws NullPointerException if {@code mapper} is null
   */
  public static <T> Collector<T, ?, Double> summing(ToDoubleFunction<? super T> mapper) {
    requireNonNull(mapper, "mapper");
    return Collector.of(
        DoubleSum::new,
        (sum, element) -> sum.add(mapper.applyAsDouble(element)),
        (sum, other) -> {
          sum.add(other);
          return sum;
        },
        DoubleSum::doubleValue,
        Collector.Characteristics.UNORDERED);
  }

  /**
   * Returns the rounded sum as {@link Double#toString(double)} of {@link #doubleValue()} writes it.
   *
   * @return the rounded sum in decimal
   */
  @Override
  public String toString() {
    return Double.toString(doubleValue());
  }

  /**
   * Serializes this sum as a {@link SerializationProxy}.
   *
   * @return the proxy
   */
  private Object writeReplace() {
    return new SerializationProxy(accumulator);
  }

  /**
   * Rejects a {@code DoubleSum} serialized without its proxy, which no {@code DoubleSum} writes.
   *
   * @param in the stream
   * @throws InvalidObjectException always
   */
  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("a DoubleSum is read through its serialization proxy");
  }

  /**
   * The serialized form of a {@link DoubleSum}: a version and the exact sum, as 70 limbs of 32 bits
   * with three flags.
   *
   * @serial include
   */
  private static final class SerializationProxy implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The version of the data that {@code writeObject} writes. */
    private static final int VERSION = 1;

    /** The exact sum. */
    private transient DoubleAccumulator accumulator;

    SerializationProxy(DoubleAccumulator accumulator) {
      this.accumulator = accumulator;
    }

    /**
     * Writes the exact sum.
     *
     * @serialData No fields, then 567 bytes of data. The version, an {@code int}, 1. A {@code byte}
     *     of special values: bit 0 set if a NaN was added, bit 1 if {@code +Infinity}, bit 2 if
     *     {@code -Infinity}, the others clear. A {@code boolean} (a byte, 0 or 1), 1 if a value
     *     other than {@code -0.0} was added; a {@code boolean}, 1 if no value was added. Then the
     *     exact sum of the finite values, in units of 2<sup>-1075</sup>, as 70 {@code long} limbs
     *     from the least significant: limb {@code i} holds bits {@code 32 i} to {@code 32 i + 31}
     *     in its lower 32 bits, its upper 32 bits clear; the last limb is 0 for a non-negative sum
     *     and -1 for a negative one, whose limbs are those of the sum plus 2<sup>2208</sup>. The
     *     sum is zero and the special values clear if no value other than {@code -0.0} was added.
     * @param out the stream
     * @throws IOException if writing fails
     */
    private void writeObject(ObjectOutputStream out) throws IOException {
      out.defaultWriteObject();
      out.writeInt(VERSION);
      accumulator.writeTo(out);
    }

    /**
     * Reads what {@code writeObject} wrote, and nothing more, and checks it.
     *
     * @param in the stream
     * @throws InvalidObjectException if the data is of another version, truncated, longer, or
     *     malformed: a limb or flag out of range, or flags that contradict the sum
     * @throws IOException if reading fails
     * @throws ClassNotFoundException if the stream names a class that cannot be found
     */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      ProxyData.read(
          in, "DoubleSum", VERSION, data -> accumulator = DoubleAccumulator.readFrom(data));
    }

    /**
     * Returns the {@link DoubleSum} this proxy stands for.
     *
     * @return the sum
     */
    private Object readResolve() {
      return new DoubleSum(accumulator);
    }
  }
}
