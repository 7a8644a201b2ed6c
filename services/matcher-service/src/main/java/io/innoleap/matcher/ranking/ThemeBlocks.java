package io.innoleap.matcher.ranking;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each profile's int8 vector is stored once per theme, in that theme's block, so a problem's
 * candidates are scanned contiguously (3x faster than hopping through one big array: memory
 * latency, not arithmetic, bounds the scan). {@code positions[slot][i]} is the profile's position
 * in the block of its i-th (sorted) theme. Not thread-safe: the engine's lock guards it.
 */
final class ThemeBlocks implements ProfileSlots.SlotListener {

    /**
     * Called once per candidate with the exact int8 dot product against the query vector, and
     * where the candidate's own vector lies (for further dot products without a lookup).
     */
    interface CandidateVisitor {
        void visit(int slot, int dot, byte[] vectors, int offset);
    }

    private final Map<String, Block> blocks = new HashMap<>();
    private int dim = -1;
    private int[][] positions = new int[0][];

    @Override
    public void capacity(int slots) {
        positions = Arrays.copyOf(positions, slots);
    }

    void dimension(int dim) {
        this.dim = dim;
    }

    /** Appends the profile's vector to the block of each of its themes. */
    void add(int slot, String[] themes, byte[] vector) {
        positions[slot] = new int[themes.length];
        for (int i = 0; i < themes.length; i++) {
            positions[slot][i] = blocks.computeIfAbsent(themes[i], t -> new Block(dim)).add(slot, vector);
        }
    }

    /** Takes the profile out of every block; the last entry of a block fills the hole. */
    void remove(int slot, String[] themes, String[][] themesOfSlot) {
        for (int i = 0; i < themes.length; i++) {
            Block block = blocks.get(themes[i]);
            int moved = block.remove(positions[slot][i]);
            if (moved >= 0) {
                String theme = themes[i];
                String[] movedThemes = themesOfSlot[moved];
                for (int j = 0; j < movedThemes.length; j++) {
                    if (movedThemes[j].equals(theme)) {
                        positions[moved][j] = positions[slot][i];
                    }
                }
            }
        }
        positions[slot] = null;
    }

    /**
     * Visits every profile on at least one of these themes once (a profile in two of the themes
     * is seen through the first), with its dot product against {@code query}.
     */
    void scan(Set<String> themes, byte[] query, int slotBound, CandidateVisitor visitor) {
        BitSet seen = themes.size() > 1 ? new BitSet(slotBound) : null;
        for (String theme : themes) {
            Block block = blocks.get(theme);
            if (block == null) {
                continue;
            }
            byte[] vectors = block.vectors;
            int[] slots = block.slots;
            for (int i = 0; i < block.size; i++) {
                int s = slots[i];
                if (seen != null) {
                    if (seen.get(s)) {
                        continue; // already seen through another of the problem's themes
                    }
                    seen.set(s);
                }
                visitor.visit(s, Int8Vectors.dot(query, 0, vectors, i * dim, dim), vectors, i * dim);
            }
        }
    }

    /** The dot product of {@code query} with one profile's vector (any of its blocks holds it). */
    int dot(byte[] query, int slot, String firstTheme) {
        Block block = blocks.get(firstTheme);
        return Int8Vectors.dot(query, 0, block.vectors, positions[slot][0] * dim, dim);
    }

    /** Where one profile's vector lies: its first theme's block array and the offset in it. */
    byte[] vectorsOf(int slot, String firstTheme) {
        return blocks.get(firstTheme).vectors;
    }

    int offsetOf(int slot) {
        return positions[slot][0] * dim;
    }

    /** One theme's profiles: their slots and int8 vectors, packed with no gaps. */
    private static final class Block {
        private final int dim;
        private byte[] vectors = new byte[0];
        private int[] slots = new int[0];
        private int size;

        Block(int dim) {
            this.dim = dim;
        }

        /** Appends; returns the position. */
        int add(int slot, byte[] vector) {
            if (size == slots.length) {
                int cap = Math.max(16, size + (size >> 2)); // 1.25x: blocks hold most of the heap
                slots = Arrays.copyOf(slots, cap);
                vectors = Arrays.copyOf(vectors, cap * dim);
            }
            slots[size] = slot;
            System.arraycopy(vector, 0, vectors, size * dim, dim);
            return size++;
        }

        /** Fills the hole with the last entry; returns the slot that moved, or -1. */
        int remove(int pos) {
            int last = --size;
            if (pos == last) {
                return -1;
            }
            slots[pos] = slots[last];
            System.arraycopy(vectors, last * dim, vectors, pos * dim, dim);
            return slots[pos];
        }
    }
}
