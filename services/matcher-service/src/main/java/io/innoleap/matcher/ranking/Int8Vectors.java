package io.innoleap.matcher.ranking;

/**
 * Unit vectors quantised to int8 with one scale per vector: 384 bytes instead of 1,536 per
 * profile and theme, and an integer dot product that is exact and so deterministic
 * (the SIMD and scalar paths return the same integer). The cosine error is about 1e-3, below
 * anything the ranking can resolve.
 *
 * <p>HotSpot on Java 17 does not vectorise a byte dot product by itself; with
 * {@code --add-modules jdk.incubator.vector} on the command line we use {@link PanamaDot}
 * (about 5x faster on AVX2), otherwise the scalar loop.
 */
final class Int8Vectors {

    /** Strategy for the dot product; the Panama one is only loaded when its module is present. */
    interface Dot {
        int dot(byte[] a, int aOff, byte[] b, int bOff, int dim);
    }

    static final Dot SCALAR = Int8Vectors::scalarDot;
    private static final Dot DOT = pick();

    private Int8Vectors() {
    }

    static boolean simd() {
        return DOT != SCALAR;
    }

    private static Dot pick() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return SCALAR;
        }
        try {
            return (Dot) Class.forName("io.innoleap.matcher.ranking.PanamaDot").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return SCALAR;
        }
    }

    /** Writes the quantised vector into {@code out} at {@code offset}; returns its scale. */
    static float quantize(float[] v, byte[] out, int offset) {
        float maxAbs = 0;
        for (float x : v) {
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        if (maxAbs == 0) {
            return 0;
        }
        float scale = maxAbs / 127f;
        for (int i = 0; i < v.length; i++) {
            out[offset + i] = (byte) Math.round(v[i] / scale);
        }
        return scale;
    }

    static int dot(byte[] a, int aOff, byte[] b, int bOff, int dim) {
        return DOT.dot(a, aOff, b, bOff, dim);
    }

    static int scalarDot(byte[] a, int aOff, byte[] b, int bOff, int dim) {
        int s = 0;
        for (int i = 0; i < dim; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }
}
