package dev.rayform.recon.geometry.simplify;

import java.util.Arrays;

/**
 * The edge collapses waiting in {@link QuadricSimplifier}, cheapest first: a binary min-heap of
 * (cost, slot) in two flat arrays, with each candidate's edge, the stamps of its ends and its target
 * point kept in flat arrays at its slot. A sift reads and moves only costs and slot numbers, where a
 * heap of objects would chase a pointer for every comparison: the simplifier spent most of its time
 * there. Slots of polled candidates are reused.
 */
final class CandidateHeap {
  private double[] cost = new double[1024];
  private int[] order = new int[1024];
  private int size;

  private int[] ends = new int[2 * 1024];
  private int[] stamps = new int[2 * 1024];
  private double[] point = new double[3 * 1024];
  private int[] freeSlots = new int[1024];
  private int free;
  private int slots;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
    free = 0;
    slots = 0;
  }

  /** Adds a candidate in heap order. */
  void add(double c, int a, int b, int stampA, int stampB, double x, double y, double z) {
    append(c, a, b, stampA, stampB, x, y, z);
    siftUp(size - 1);
  }

  /** Adds a candidate without ordering the heap: call {@link #heapify()} before the next poll. */
  void append(double c, int a, int b, int stampA, int stampB, double x, double y, double z) {
    int s = free > 0 ? freeSlots[--free] : slots++;
    if (2 * s + 1 >= ends.length) {
      int n = Math.max(2 * (s + 1), ends.length);
      ends = Arrays.copyOf(ends, 2 * n);
      stamps = Arrays.copyOf(stamps, 2 * n);
      point = Arrays.copyOf(point, 3 * n);
    }
    ends[2 * s] = a;
    ends[2 * s + 1] = b;
    stamps[2 * s] = stampA;
    stamps[2 * s + 1] = stampB;
    point[3 * s] = x;
    point[3 * s + 1] = y;
    point[3 * s + 2] = z;
    if (size == cost.length) {
      cost = Arrays.copyOf(cost, 2 * size);
      order = Arrays.copyOf(order, 2 * size);
    }
    cost[size] = c;
    order[size] = s;
    size++;
  }

  /** Restores heap order after {@link #append}s, in linear time. */
  void heapify() {
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  /**
   * Removes the cheapest candidate and returns its slot, whose fields stay readable until the next
   * add or append; the heap must not be empty.
   */
  int poll() {
    int s = order[0];
    size--;
    if (size > 0) {
      cost[0] = cost[size];
      order[0] = order[size];
      siftDown(0);
    }
    if (free == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, 2 * free);
    }
    freeSlots[free++] = s;
    return s;
  }

  int a(int slot) {
    return ends[2 * slot];
  }

  int b(int slot) {
    return ends[2 * slot + 1];
  }

  int stampA(int slot) {
    return stamps[2 * slot];
  }

  int stampB(int slot) {
    return stamps[2 * slot + 1];
  }

  double x(int slot) {
    return point[3 * slot];
  }

  double y(int slot) {
    return point[3 * slot + 1];
  }

  double z(int slot) {
    return point[3 * slot + 2];
  }

  private void siftUp(int i) {
    double c = cost[i];
    int s = order[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (cost[parent] <= c) {
        break;
      }
      cost[i] = cost[parent];
      order[i] = order[parent];
      i = parent;
    }
    cost[i] = c;
    order[i] = s;
  }

  private void siftDown(int i) {
    double c = cost[i];
    int s = order[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && cost[right] < cost[child]) {
        child = right;
      }
      if (c <= cost[child]) {
        break;
      }
      cost[i] = cost[child];
      order[i] = order[child];
      i = child;
    }
    cost[i] = c;
    order[i] = s;
  }
}
