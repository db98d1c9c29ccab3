/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import io.github.rangesummer.DoubleTerm;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Locale;

/**
 * An exact accumulator of {@code double} values: Radford Neal's pair of superaccumulators
 * ("Fast exact summation using small and large superaccumulators", 2015), adapted to Java.
 *
 * <p>Every finite double is an integer multiple of 2<sup>-1074</sup>; this class keeps the exact
 * integer sum in units of 2<sup>-1075</sup>, so that a double with biased exponent {@code e} has
 * its lowest mantissa bit at position {@code max(e, 1)}.
 *
 * <ul>
 *   <li>The <em>large</em> accumulator has one {@code long} per sign and exponent (4096 entries).
 *       Adding a normal term costs one load, one add and one store: its 53-bit mantissa, implicit
 *       bit included, is added to the entry of its sign and exponent. An entry holds an unsigned
 *       value below 2<sup>63</sup>; the add that reaches 2<sup>63</sup> makes it negative, and the
 *       entry is then moved to the small accumulator (after at least 1024 terms).
 *   <li>The <em>small</em> accumulator holds the sum as 70 signed 64-bit limbs of 32 bits each
 *       (2240 bits: 2<sup>64</sup> terms of the largest magnitude fit), with 31 bits of headroom
 *       per limb, so carries are propagated only once per 2<sup>29</sup> additions.
 * </ul>
 *
 * <p>Merging two accumulators adds their small limbs: the result does not depend on how terms
 * were split or in which order partial sums arrive. {@link #round()} rounds the exact sum once to
 * the nearest double, ties to even, with IEEE 754 rules for NaN, infinities and signed zeros.
 *
 * <p>Not thread-safe: each chunk fills its own accumulator.
 */
public final class DoubleAccumulator {

  /** Number of 32-bit limbs of the small accumulator. */
  static final int LIMBS = 70;

  private static final long LIMB_MASK = 0xFFFF_FFFFL;
  static final long FRACTION_MASK = (1L << 52) - 1;
  static final long IMPLICIT_BIT = 1L << 52;
  private static final int EXPONENT_SPECIAL = 0x7FF;

  /**
   * The value of the entries that divert every term to {@link #settle}: those of zeros and
   * subnormals (exponent 0), which have no implicit bit, and of NaN and infinities (exponent
   * 0x7FF). Adding a mantissa leaves it negative.
   */
  private static final long DIVERTED = Long.MIN_VALUE;

  private static final int POSITIVE_SMALL = 0;
  private static final int NEGATIVE_SMALL = 0x800;
  private static final int POSITIVE_SPECIAL = EXPONENT_SPECIAL;
  private static final int NEGATIVE_SPECIAL = 0x800 | EXPONENT_SPECIAL;
  private static final int NORMALIZE_EVERY = 1 << 29;

  private static final int NAN = 1;
  private static final int POSITIVE_INFINITY = 2;
  private static final int NEGATIVE_INFINITY = 4;

  /**
   * How many values {@link #add(double)} sends straight to the small accumulator after it was
   * created or compacted, before it allocates the large one: a sum of a few values then costs
   * about 600 bytes instead of 33 KiB, as in a stream grouped into many small sums.
   */
  static final int DIRECT_ADDS = 1024;

  /** {@link #settle}, which kernels call through {@link #settleApart}. */
  private static final MethodHandle SETTLE;

  /** {@link #addRarely}, which {@link #add(double)} calls through a handle too. */
  private static final MethodHandle ADD_RARELY;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      SETTLE =
          lookup.findVirtual(
              DoubleAccumulator.class,
              "settle",
              MethodType.methodType(long.class, int.class, long.class, long.class));
      ADD_RARELY =
          lookup.findVirtual(
              DoubleAccumulator.class, "addRarely", MethodType.methodType(void.class, long.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** {@link #SETTLE}, read from the object so that the JIT does not see a constant handle. */
  private final MethodHandle settler = SETTLE;

  /** {@link #ADD_RARELY}, read from the object for the same reason. */
  private final MethodHandle rareAdder = ADD_RARELY;

  private final long[] small = new long[LIMBS];
  private long[] large; // allocated by the first term
  private int pendingAdds; // additions to small limbs since they were last normalized
  private int directAdds; // values add(double) sent to the small limbs since the last compaction
  private int specials;
  private long notNegativeZero; // 0 until a term other than -0.0 is seen
  private boolean empty = true;

  /** Creates an accumulator holding the empty sum. */
  public DoubleAccumulator() {}

  /**
   * Adds {@code term.applyAsDouble(first + i)} for {@code i} in {@code [0, count)}, through the
   * generic kernel (sums go through {@link Summation#ofDouble}, which specialises it per term
   * class).
   *
   * <p>The kernel's loop does one load, one add and one store per term, and takes one branch that
   * is almost never taken: when the entry is negative after the add. A normal term's entry becomes
   * negative once it reaches 2<sup>63</sup>; the entries of zeros, subnormals, NaN and infinities
   * are kept at {@link #DIVERTED}, so such terms take the same branch. The loop handles zeros
   * itself, and passes the others to {@link #settle}.
   *
   * @param first the first index
   * @param count how many consecutive indexes
   * @param term the term
   */
  public void addTerms(long first, int count, DoubleTerm term) {
    if (count > 0) {
      new DoubleTermSummation(term).block(first, count, this);
    }
  }

  /** Returns the large table for a kernel's loop, allocated on first use. */
  long[] entries() {
    long[] entries = large;
    if (entries == null) {
      entries = large = newLarge();
    }
    return entries;
  }

  /**
   * Records that the kernel added terms, zeros among them perhaps: it handles zeros itself, and
   * does not pass them to {@link #settle}.
   *
   * @param zeros the OR of {@code bits ^ Long.MIN_VALUE} over those zeros: non-zero if one was
   *     {@code +0.0}, after which a zero sum is {@code +0.0}
   */
  void markNotEmpty(long zeros) {
    empty = false;
    if (zeros != 0) {
      notNegativeZero = 1;
    }
  }

  private static long[] newLarge() {
    long[] entries = new long[1 << 12];
    entries[POSITIVE_SMALL] = DIVERTED;
    entries[NEGATIVE_SMALL] = DIVERTED;
    entries[POSITIVE_SPECIAL] = DIVERTED;
    entries[NEGATIVE_SPECIAL] = DIVERTED;
    return entries;
  }

  private static boolean isDiverted(int index) {
    return (index & EXPONENT_SPECIAL) == 0 || (index & EXPONENT_SPECIAL) == EXPONENT_SPECIAL;
  }

  /**
   * Calls {@link #settle} through a method handle that is not a constant, so that the JIT never
   * inlines it into a kernel. Inlined, its code shared the kernel's compilation with the inner
   * loop, and in about half the JVMs the register allocator then kept some of the inner loop's
   * values on the stack (harmonic terms on {@code threaded(2)}: 130 against 100 ms for
   * 2·10<sup>8</sup> terms). The kernel calls this at most once per 1,024 normal terms of one
   * sign and exponent, and for each subnormal, NaN or infinity.
   */
  long settleApart(int index, long entry, long bits) {
    try {
      return (long) settler.invokeExact(this, index, entry, bits);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError("settle throws no checked exception", e);
    }
  }

  /**
   * Handles a term after which its entry is negative, and returns the entry's new value, which
   * the kernel stores. A normal term's entry has reached 2<sup>63</sup>: its unsigned value moves
   * to the small accumulator and the entry restarts at zero. A subnormal, NaN or infinity is
   * recorded, and its entry stays {@link #DIVERTED}. Zeros never come here: the kernel handles
   * them (see {@link #markNotEmpty}).
   *
   * @param index the term's sign and exponent, {@code bits >>> 52}
   * @param entry the entry after the add, as an unsigned value
   * @param bits the term's raw bits, not those of a zero
   */
  long settle(int index, long entry, long bits) {
    notNegativeZero = 1;
    if (!isDiverted(index)) {
      addToSmall(entry, index);
      return 0;
    }
    if ((index & EXPONENT_SPECIAL) == 0) {
      addToSmall(bits & FRACTION_MASK, index); // a subnormal
    } else if ((bits & FRACTION_MASK) != 0) {
      specials |= NAN;
    } else {
      specials |= bits < 0 ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
    }
    return DIVERTED;
  }

  /**
   * Adds one value. Like the kernels' loop, this costs one load, one add and one store when the
   * large accumulator exists and the value's entry stays below 2<sup>63</sup>, and allocates
   * nothing; every other value (a zero, a subnormal, NaN, an infinity, a full entry, or any value
   * while there is no large accumulator) goes to {@link #addRarely}, through a handle the JIT
   * does not inline, so that this method stays small enough to inline into the caller's loop.
   *
   * @param value the value, which may be NaN or infinite
   */
  public void add(double value) {
    long bits = Double.doubleToRawLongBits(value);
    long[] entries = large;
    if (entries != null) {
      int index = (int) (bits >>> 52);
      long entry = entries[index] + ((bits & FRACTION_MASK) | IMPLICIT_BIT);
      if (entry >= 0) {
        entries[index] = entry;
        return;
      }
    }
    try {
      rareAdder.invokeExact(this, bits);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError("addRarely throws no checked exception", e);
    }
  }

  /**
   * The rare path of {@link #add(double)}, for a value its fast path did not store. A zero is
   * handled as the kernels do; the first {@link #DIRECT_ADDS} other values after creation or
   * compaction are recorded in the small accumulator by {@link #settle}, whose handling of a
   * normal term's entry adds exactly the mantissa it is given; after them the large accumulator
   * is allocated and the value goes to its entry, or to {@link #settle} when that entry diverts
   * it or is full.
   *
   * <p>Whatever the fast path stores is a normal non-zero value: it leaves its entry non-zero, so
   * {@link #flushLarge} later records that a term other than {@code -0.0} was seen, and only this
   * path needs to clear {@link #empty}.
   */
  private void addRarely(long bits) {
    empty = false;
    if ((bits << 1) == 0) {
      notNegativeZero |= bits == 0 ? 1 : 0; // +0.0; a zero's entry stays diverted
      return;
    }
    int index = (int) (bits >>> 52);
    long mantissa = (bits & FRACTION_MASK) | IMPLICIT_BIT;
    if (large == null && directAdds < DIRECT_ADDS) {
      directAdds++;
      settle(index, mantissa, bits);
      return;
    }
    long[] entries = entries();
    long entry = entries[index] + mantissa;
    entries[index] = entry < 0 ? settle(index, entry, bits) : entry;
  }

  /**
   * Adds {@code magnitude * 2^position(index)}, negated if the index has the sign bit; {@code
   * magnitude} is unsigned.
   */
  private void addToSmall(long magnitude, int index) {
    int exponent = index & EXPONENT_SPECIAL;
    int position = exponent == 0 ? 1 : exponent;
    int limb = position >>> 5;
    int shift = position & 31;
    long lowWord = magnitude << shift;
    long highWord = shift == 0 ? 0 : magnitude >>> (64 - shift);
    long[] limbs = small;
    if (index > EXPONENT_SPECIAL) {
      limbs[limb] -= lowWord & LIMB_MASK;
      limbs[limb + 1] -= lowWord >>> 32;
      limbs[limb + 2] -= highWord;
    } else {
      limbs[limb] += lowWord & LIMB_MASK;
      limbs[limb + 1] += lowWord >>> 32;
      limbs[limb + 2] += highWord;
    }
    if (++pendingAdds >= NORMALIZE_EVERY) {
      normalize();
    }
  }

  /** Moves every entry of the large accumulator into the small one. */
  private void flushLarge() {
    long[] entries = large;
    if (entries == null) {
      return;
    }
    for (int index = 0; index < entries.length; index++) {
      if (entries[index] != 0 && !isDiverted(index)) {
        notNegativeZero = 1; // a negative subnormal, or a normal term
        addToSmall(entries[index], index);
        entries[index] = 0;
      }
    }
  }

  /** Propagates carries in the small accumulator. */
  private void normalize() {
    propagateCarries(small);
    pendingAdds = 0;
  }

  /** Propagates carries: limbs below the top one end in [0, 2^32), the top one keeps the sign. */
  private static void propagateCarries(long[] limbs) {
    for (int i = 0; i < LIMBS - 1; i++) {
      long carry = limbs[i] >> 32;
      limbs[i] -= carry << 32;
      limbs[i + 1] += carry;
    }
  }

  /**
   * Adds another accumulator's sum to this one. The other accumulator is compacted but keeps its
   * value; it may be this one.
   *
   * <p>The small accumulator holds sums below 2<sup>2208</sup> units (2<sup>1133</sup>) in
   * magnitude, after normalization a top limb of 0 or -1, which {@link #readFrom} requires:
   * 2<sup>109</sup> terms of the largest magnitude. Chunks of a range never get near it; only
   * merging sums into themselves, directly or through others, doubles a sum each time and reaches
   * it.
   *
   * @param other the accumulator to add
   * @throws ArithmeticException if the sum would reach 2<sup>1133</sup> in magnitude; this
   *     accumulator then keeps its value
   */
  public void merge(DoubleAccumulator other) {
    other.compact();
    compact();
    long[] sum = small.clone();
    for (int i = 0; i < LIMBS; i++) {
      sum[i] += other.small[i];
    }
    propagateCarries(sum);
    if (sum[LIMBS - 1] != 0 && sum[LIMBS - 1] != -1) {
      throw new ArithmeticException(
          "exact sum out of range: merging would reach 2^1133 in magnitude, as only merging sums"
              + " into themselves does");
    }
    System.arraycopy(sum, 0, small, 0, LIMBS);
    specials |= other.specials;
    notNegativeZero |= other.notNegativeZero;
    empty &= other.empty;
  }

  /** Moves everything into normalized small limbs and drops the large table. */
  private void compact() {
    flushLarge();
    large = null;
    directAdds = 0;
    if (pendingAdds != 0) {
      normalize();
    }
  }

  /**
   * Returns the exact sum rounded once to the nearest double, ties to even.
   *
   * @return the correctly rounded sum; NaN if a term was NaN or both infinities occurred; an
   *     infinity if one occurred or the rounded sum exceeds the double range; {@code -0.0} only if
   *     every term was {@code -0.0}
   */
  public double round() {
    compact();
    if ((specials & NAN) != 0 || (specials & (POSITIVE_INFINITY | NEGATIVE_INFINITY)) == 6) {
      return Double.NaN;
    }
    if (specials != 0) {
      return specials == POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    long[] magnitude = small.clone();
    boolean negative = magnitude[LIMBS - 1] < 0;
    if (negative) {
      for (int i = 0; i < LIMBS; i++) {
        magnitude[i] = -magnitude[i];
      }
      propagateCarries(magnitude);
    }
    int top = LIMBS - 1;
    while (top >= 0 && magnitude[top] == 0) {
      top--;
    }
    if (top < 0) {
      return !empty && notNegativeZero == 0 ? -0.0 : 0.0;
    }
    int highest = 32 * top + 63 - Long.numberOfLeadingZeros(magnitude[top]);
    int ulp = Math.max(highest - 52, 1);
    long mantissa = 0;
    for (int position = highest; position >= ulp; position--) {
      mantissa = (mantissa << 1) | bit(magnitude, position);
    }
    if (bit(magnitude, ulp - 1) == 1 && ((mantissa & 1) == 1 || anyBitBelow(magnitude, ulp - 1))) {
      mantissa++;
      if (mantissa == 1L << 53) {
        mantissa >>>= 1;
        ulp++;
      }
    }
    if (ulp >= EXPONENT_SPECIAL) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    // A 53-bit mantissa with its lowest bit at position e is the double of biased exponent e;
    // a shorter one at position 1 is subnormal. Adding the implicit bit carries into the exponent.
    long bits = ((long) (ulp - 1) << 52) + mantissa;
    return Double.longBitsToDouble(negative ? bits | Long.MIN_VALUE : bits);
  }

  private static long bit(long[] limbs, int position) {
    return (limbs[position >>> 5] >>> (position & 31)) & 1;
  }

  private static boolean anyBitBelow(long[] limbs, int position) {
    int limb = position >>> 5;
    if ((limbs[limb] & ((1L << (position & 31)) - 1)) != 0) {
      return true;
    }
    for (int i = limb - 1; i >= 0; i--) {
      if (limbs[i] != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes this accumulator's exact state.
   *
   * @param out where to write
   * @throws IOException if writing fails
   */
  public void writeTo(DataOutput out) throws IOException {
    compact();
    out.writeByte(specials);
    out.writeBoolean(notNegativeZero != 0);
    out.writeBoolean(empty);
    for (long limb : small) {
      out.writeLong(limb);
    }
  }

  /**
   * Reads an accumulator written by {@link #writeTo(DataOutput)}, and rejects any state it cannot
   * have written: so that what it returns rounds, merges and is written again like any other.
   *
   * @param in where to read
   * @return the accumulator
   * @throws InvalidObjectException if the state is malformed, naming what is wrong
   * @throws IOException if reading fails, such as {@link java.io.EOFException} at the end of
   *     {@code in}
   */
  public static DoubleAccumulator readFrom(DataInput in) throws IOException {
    DoubleAccumulator accumulator = new DoubleAccumulator();
    int specials = in.readUnsignedByte();
    if (specials > (NAN | POSITIVE_INFINITY | NEGATIVE_INFINITY)) {
      throw malformed("specials " + specials);
    }
    accumulator.specials = specials;
    accumulator.notNegativeZero = readFlag(in, "notNegativeZero") ? 1 : 0;
    accumulator.empty = readFlag(in, "empty");
    boolean zero = true;
    for (int i = 0; i < LIMBS; i++) {
      long limb = in.readLong();
      // Limbs below the top one hold 32 bits. No sum of doubles reaches the top limb (2^64 terms
      // sum to less than 2^2163 units), which only extends the sign; a larger one would overflow
      // round() and merge().
      boolean valid = i < LIMBS - 1 ? (limb >>> 32) == 0 : limb == 0 || limb == -1;
      if (!valid) {
        throw malformed("limb " + i + " is " + limb);
      }
      accumulator.small[i] = limb;
      zero &= limb == 0;
    }
    // Only a term other than -0.0 makes a sum non-zero or special, and the empty sum has none.
    boolean onlyNegativeZeros = accumulator.notNegativeZero == 0;
    if ((onlyNegativeZeros || accumulator.empty) && (specials != 0 || !zero)) {
      throw malformed(
          String.format(
              Locale.ROOT,
              "a sum of %s with specials %d and %s limbs",
              accumulator.empty ? "no terms" : "only -0.0",
              specials,
              zero ? "zero" : "non-zero"));
    }
    if (accumulator.empty && !onlyNegativeZeros) {
      throw malformed("no terms, but one other than -0.0");
    }
    return accumulator;
  }

  private static boolean readFlag(DataInput in, String name) throws IOException {
    int flag = in.readUnsignedByte();
    if (flag > 1) {
      throw malformed(name + " is " + flag);
    }
    return flag == 1;
  }

  private static InvalidObjectException malformed(String what) {
    return new InvalidObjectException("malformed double accumulator: " + what);
  }

  @Override
  public String toString() {
    return "DoubleAccumulator[" + round() + ", limbs=" + Arrays.toString(small) + "]";
  }
}
