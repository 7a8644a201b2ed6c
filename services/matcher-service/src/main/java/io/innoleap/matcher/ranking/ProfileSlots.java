package io.innoleap.matcher.ranking;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Profiles live in slots (dense ints) so that per-profile data sits in flat arrays: id, int8
 * scale, sorted themes, readiness and BM25 term vector. A freed slot is reused by the next new
 * profile; an update keeps its slot. Not thread-safe: the engine's lock guards it.
 */
final class ProfileSlots {

    private static final int INITIAL_SLOTS = 1024;

    private final Map<UUID, Integer> slotOf = new HashMap<>();
    private final IntStack free = new IntStack();
    private int count;
    UUID[] ids = new UUID[INITIAL_SLOTS];
    float[] scales = new float[INITIAL_SLOTS];
    String[][] themes = new String[INITIAL_SLOTS][];
    byte[] readiness = new byte[INITIAL_SLOTS];
    LexicalIndex.DocTerms[] terms = new LexicalIndex.DocTerms[INITIAL_SLOTS];

    /** The slot of a profile, or -1. */
    int slotOf(UUID id) {
        Integer slot = slotOf.get(id);
        return slot == null ? -1 : slot;
    }

    /** Slots handed out so far (an upper bound for loops and bit sets; some may be free). */
    int highWater() {
        return count;
    }

    int size() {
        return slotOf.size();
    }

    boolean contains(UUID id) {
        return slotOf.containsKey(id);
    }

    /** A new slot for a profile not held yet. */
    int assign(UUID id) {
        int slot = free.isEmpty() ? count++ : free.pop();
        ensureCapacity(slot + 1);
        slotOf.put(id, slot);
        ids[slot] = id;
        return slot;
    }

    /** Fills the slot's own data; the themes are sorted (explanations list them in order). */
    void fill(int slot, float scale, java.util.Set<String> profileThemes, Integer trl, LexicalIndex.DocTerms docTerms) {
        scales[slot] = scale;
        themes[slot] = new TreeSet<>(profileThemes).toArray(String[]::new);
        readiness[slot] = trl == null ? 0 : (byte) (int) trl;
        terms[slot] = docTerms;
    }

    /** Clears the slot's data but keeps the id mapping (an update refills it). */
    void clear(int slot) {
        terms[slot] = null;
        themes[slot] = null;
    }

    /** Forgets the profile; its slot is reused later. */
    int release(UUID id) {
        Integer slot = slotOf.remove(id);
        if (slot == null) {
            return -1;
        }
        clear(slot);
        ids[slot] = null;
        free.push(slot);
        return slot;
    }

    boolean live(int slot) {
        return ids[slot] != null;
    }

    boolean sharesTheme(int slot, java.util.Set<String> problemThemes) {
        for (String t : themes[slot]) {
            if (problemThemes.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private void ensureCapacity(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int cap = Math.max(needed, ids.length * 2);
        ids = Arrays.copyOf(ids, cap);
        scales = Arrays.copyOf(scales, cap);
        themes = Arrays.copyOf(themes, cap);
        readiness = Arrays.copyOf(readiness, cap);
        terms = Arrays.copyOf(terms, cap);
        for (SlotListener l : listeners) {
            l.capacity(cap);
        }
    }

    /** Parts that keep their own per-slot arrays grow with the slots. */
    interface SlotListener {
        void capacity(int slots);
    }

    private final java.util.List<SlotListener> listeners = new java.util.ArrayList<>();

    void onGrow(SlotListener listener) {
        listeners.add(listener);
        listener.capacity(ids.length);
    }
}
