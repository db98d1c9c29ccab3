/*
 * Copyright 2026 The range-summer authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.rangesummer.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The sum of a slice of an array, {@code long[]}, {@code int[]}, {@code double[]} or {@code
 * float[]}: a range of positions, each an element. Each array type has its own kernel, a loop
 * over the array with an {@code int} index, so that the JIT drops its range checks and unrolls it,
 * with the exactness of the term kernels: the integer loop of {@link LongTermSummation}, and the
 * superaccumulator loop of {@link DoubleTermSummation}. The loops are written again for each type
 * rather than shared through one method: a shared loop would read its elements through a call
 * the JIT must inline for each type, and hot loops are specialised here, as the term kernels are.
 *
 * <p>On other JVMs a chunk carries its own slice of the array ({@link #writeChunk}), never the
 * whole array; its kind reads it back with {@link #read} into a summation of the slice alone, whose
 * positions keep their place: position {@code i} is element {@code i - shift} of the slice.
 *
 * @param <A> the accumulator
 */
abstract class ArraySummation<A> extends Summation<A> {

  /**
   * Elements per block: a fixed size, as the identity's, since an element's cost is known. A
   * block of {@value} elements takes some tens of microseconds.
   */
  static final int BLOCK = 1 << 16;

  /** The default smallest chunk: {@value} elements, as the identity's. */
  static final long MIN_CHUNK = 1 << 16;

  private final SumKind kind;
  private final String type;
  private final int bytes;

  /** The position of element 0 of the array: 0 for a whole array, {@code from} for a slice. */
  final long shift;

  ArraySummation(SumKind kind, String type, int bytes, long shift) {
    super(BLOCK, false, MIN_CHUNK);
    this.kind = kind;
    this.type = type;
    this.bytes = bytes;
    this.shift = shift;
  }

  /** The sum of {@code values}, where position {@code i} is {@code values[i - shift]}. */
  static Summation<Int128> ofLongs(long[] values, long shift) {
    return new Longs(values, shift);
  }

  /** The sum of {@code values}, where position {@code i} is {@code values[i - shift]}. */
  static Summation<Int128> ofInts(int[] values, long shift) {
    return new Ints(values, shift);
  }

  /** The sum of {@code values}, where position {@code i} is {@code values[i - shift]}. */
  static Summation<DoubleAccumulator> ofDoubles(double[] values, long shift) {
    return new Doubles(values, shift);
  }

  /**
   * The sum of {@code values}, where position {@code i} is {@code values[i - shift]}: each float
   * widened to the double of the same value, exactly, so the sum is the floats' exact sum.
   */
  static Summation<DoubleAccumulator> ofFloats(float[] values, long shift) {
    return new Floats(values, shift);
  }

  /**
   * Reads the slice a chunk carries, {@code [from, to)}, as the summation of that slice alone.
   *
   * @throws IOException if the chunk does not carry exactly that many elements of the kind
   */
  static Summation<?> read(SumKind kind, DataInput chunk, long from, long to) throws IOException {
    long count = to - from;
    int size =
        switch (kind) {
          case LONG_ARRAY, DOUBLE_ARRAY -> Long.BYTES;
          case INT_ARRAY, FLOAT_ARRAY -> Integer.BYTES;
          case IDENTITY, LONG_TERM, DOUBLE_TERM -> throw new IOException(kind + " is no array");
        };
    if (count < 0 || count * size > TermBytes.MAX_TERM_BYTES) {
      throw new IOException("a slice of " + count + " elements cannot travel");
    }
    byte[] bytes = new byte[(int) count * size];
    chunk.readFully(bytes);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return switch (kind) {
      case LONG_ARRAY -> {
        long[] slice = new long[(int) count];
        buffer.asLongBuffer().get(slice);
        yield ofLongs(slice, from);
      }
      case INT_ARRAY -> {
        int[] slice = new int[(int) count];
        buffer.asIntBuffer().get(slice);
        yield ofInts(slice, from);
      }
      case DOUBLE_ARRAY -> {
        double[] slice = new double[(int) count];
        buffer.asDoubleBuffer().get(slice);
        yield ofDoubles(slice, from);
      }
      case FLOAT_ARRAY -> {
        float[] slice = new float[(int) count];
        buffer.asFloatBuffer().get(slice);
        yield ofFloats(slice, from);
      }
      case IDENTITY, LONG_TERM, DOUBLE_TERM -> throw new IOException(kind + " is no array");
    };
  }

  @Override
  public final SumKind kind() {
    return kind;
  }

  @Override
  public final int bytesPerElement() {
    return bytes;
  }

  @Override
  public final void writeChunk(long from, long to, DataOutput out) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) (to - from) * bytes);
    write(buffer, (int) (from - shift), (int) (to - from));
    out.write(buffer.array());
  }

  /** Writes {@code count} elements from index {@code first} of the array. */
  abstract void write(ByteBuffer out, int first, int count);

  @Override
  public final String describe(long start, long end) {
    return String.format(Locale.ROOT, "the sum of %s elements [%d, %d)", type, start, end);
  }

  /** A {@code long[]}: the exact loop of {@link LongTermSummation}, over the array. */
  private static final class Longs extends ArraySummation<Int128> {
    private final long[] values;

    Longs(long[] values, long shift) {
      super(SumKind.LONG_ARRAY, "long[]", Long.BYTES, shift);
      this.values = values;
    }

    @Override
    public PartialSums<Int128> partials() {
      return PartialSums.INTEGER;
    }

    /** Two independent adds per element; see {@link LongTermSummation#block}. */
    @Override
    void block(long first, int count, Int128 accumulator) {
      long[] a = values;
      int start = (int) (first - shift);
      int end = start + count;
      long high = 0;
      long wrapped = 0;
      for (int i = start; i < end; i++) {
        long value = a[i];
        high += value >> 32;
        wrapped += value;
      }
      accumulator.add(high >> 32, high << 32);
      accumulator.add(wrapped - (high << 32));
    }

    @Override
    void write(ByteBuffer out, int first, int count) {
      out.asLongBuffer().put(values, first, count);
    }
  }

  /** An {@code int[]}: a block of ints cannot overflow a {@code long}. */
  private static final class Ints extends ArraySummation<Int128> {
    private final int[] values;

    Ints(int[] values, long shift) {
      super(SumKind.INT_ARRAY, "int[]", Integer.BYTES, shift);
      this.values = values;
    }

    @Override
    public PartialSums<Int128> partials() {
      return PartialSums.INTEGER;
    }

    @Override
    void block(long first, int count, Int128 accumulator) {
      int[] a = values;
      int start = (int) (first - shift);
      int end = start + count;
      long sum = 0;
      for (int i = start; i < end; i++) {
        sum += a[i];
      }
      accumulator.add(sum);
    }

    @Override
    void write(ByteBuffer out, int first, int count) {
      out.asIntBuffer().put(values, first, count);
    }
  }

  /** A {@code double[]}: the superaccumulator loop of {@link DoubleTermSummation#block}. */
  private static final class Doubles extends ArraySummation<DoubleAccumulator> {
    private final double[] values;

    Doubles(double[] values, long shift) {
      super(SumKind.DOUBLE_ARRAY, "double[]", Double.BYTES, shift);
      this.values = values;
    }

    @Override
    public PartialSums<DoubleAccumulator> partials() {
      return PartialSums.FLOATING;
    }

    @Override
    void block(long first, int count, DoubleAccumulator accumulator) {
      double[] a = values;
      long[] entries = accumulator.entries();
      int i = (int) (first - shift);
      int end = i + count;
      long zeros = 0;
      while (i < end) {
        long bits = 0;
        int exponent = 0;
        long entry = 0;
        for (; i < end; i++) {
          bits = Double.doubleToRawLongBits(a[i]);
          exponent = (int) (bits >>> 52); // with the sign
          entry =
              entries[exponent]
                  + ((bits & DoubleAccumulator.FRACTION_MASK) | DoubleAccumulator.IMPLICIT_BIT);
          if (entry < 0) {
            if ((bits << 1) != 0) {
              break;
            }
            zeros |= bits ^ Long.MIN_VALUE; // non-zero for +0.0; a zero's entry stays diverted
          } else {
            entries[exponent] = entry;
          }
        }
        if (i < end) {
          entries[exponent] = accumulator.settleApart(exponent, entry, bits);
          i++;
        }
      }
      accumulator.markNotEmpty(zeros);
    }

    @Override
    void write(ByteBuffer out, int first, int count) {
      out.asDoubleBuffer().put(values, first, count);
    }
  }

  /** A {@code float[]}, each element widened exactly: the loop of {@link Doubles}. */
  private static final class Floats extends ArraySummation<DoubleAccumulator> {
    private final float[] values;

    Floats(float[] values, long shift) {
      super(SumKind.FLOAT_ARRAY, "float[]", Float.BYTES, shift);
      this.values = values;
    }

    @Override
    public PartialSums<DoubleAccumulator> partials() {
      return PartialSums.FLOATING;
    }

    @Override
    void block(long first, int count, DoubleAccumulator accumulator) {
      float[] a = values;
      long[] entries = accumulator.entries();
      int i = (int) (first - shift);
      int end = i + count;
      long zeros = 0;
      while (i < end) {
        long bits = 0;
        int exponent = 0;
        long entry = 0;
        for (; i < end; i++) {
          bits = Double.doubleToRawLongBits(a[i]);
          exponent = (int) (bits >>> 52); // with the sign
          entry =
              entries[exponent]
                  + ((bits & DoubleAccumulator.FRACTION_MASK) | DoubleAccumulator.IMPLICIT_BIT);
          if (entry < 0) {
            if ((bits << 1) != 0) {
              break;
            }
            zeros |= bits ^ Long.MIN_VALUE; // non-zero for +0.0; a zero's entry stays diverted
          } else {
            entries[exponent] = entry;
          }
        }
        if (i < end) {
          entries[exponent] = accumulator.settleApart(exponent, entry, bits);
          i++;
        }
      }
      accumulator.markNotEmpty(zeros);
    }

    @Override
    void write(ByteBuffer out, int first, int count) {
      out.asFloatBuffer().put(values, first, count);
    }
  }
}
