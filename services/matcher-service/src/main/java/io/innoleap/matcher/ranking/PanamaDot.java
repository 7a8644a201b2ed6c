package io.innoleap.matcher.ranking;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * int8 dot product with the Vector API: 8 bytes widened to 8 ints per step. Loaded reflectively
 * by {@link Int8Vectors} only when {@code jdk.incubator.vector} is on the module path.
 */
final class PanamaDot implements Int8Vectors.Dot {

    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;

    @Override
    public int dot(byte[] a, int aOff, byte[] b, int bOff, int dim) {
        IntVector acc = IntVector.zero(INTS);
        int i = 0;
        int bound = BYTES.loopBound(dim);
        for (; i < bound; i += BYTES.length()) {
            IntVector va = (IntVector) ByteVector.fromArray(BYTES, a, aOff + i)
                    .convertShape(VectorOperators.B2I, INTS, 0);
            IntVector vb = (IntVector) ByteVector.fromArray(BYTES, b, bOff + i)
                    .convertShape(VectorOperators.B2I, INTS, 0);
            acc = acc.add(va.mul(vb));
        }
        int s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }
}
