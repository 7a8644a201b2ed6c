package io.innoleap.matcher.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class Int8VectorsTest {

    @Test
    void simdAndScalarDotProductsAreIdentical() {
        assertThat(Int8Vectors.simd()).as("surefire runs with --add-modules jdk.incubator.vector").isTrue();
        Random random = new Random(7);
        for (int dim : new int[] {384, 13, 8, 1}) {
            byte[] a = new byte[dim + 5];
            byte[] b = new byte[dim * 3];
            random.nextBytes(a);
            random.nextBytes(b);
            assertThat(Int8Vectors.dot(a, 5, b, dim, dim)).isEqualTo(Int8Vectors.scalarDot(a, 5, b, dim, dim));
        }
    }

    @Test
    void quantisedCosineStaysCloseToTheFloatOne() {
        Random random = new Random(11);
        for (int n = 0; n < 50; n++) {
            float[] x = randomUnit(random);
            float[] y = randomUnit(random);
            byte[] qx = new byte[384];
            byte[] qy = new byte[384];
            float sx = Int8Vectors.quantize(x, qx, 0);
            float sy = Int8Vectors.quantize(y, qy, 0);
            assertThat((double) Int8Vectors.dot(qx, 0, qy, 0, 384) * sx * sy)
                    .isCloseTo(Vectors.dot(x, y), within(5e-3));
        }
    }

    private static float[] randomUnit(Random random) {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.normalize(v);
    }
}
