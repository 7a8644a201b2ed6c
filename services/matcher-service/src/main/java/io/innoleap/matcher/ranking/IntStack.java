package io.innoleap.matcher.ranking;

import java.util.Arrays;

/** A small int stack for free slots and ordinals (no boxing churn on rebuilds). */
final class IntStack {
    private int[] items = new int[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void push(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    int pop() {
        return items[--size];
    }
}
