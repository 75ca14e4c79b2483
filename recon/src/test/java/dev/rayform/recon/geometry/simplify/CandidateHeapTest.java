package dev.rayform.recon.geometry.simplify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CandidateHeapTest {
  @Test
  void candidatesComeOutCheapestFirstWithTheirOwnFieldsWhetherAddedOrAppendedAndHeapified() {
    Random random = new Random(7);
    CandidateHeap heap = new CandidateHeap();
    List<Double> costs = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double c = random.nextInt(500); // many ties
      costs.add(c);
      heap.append(c, i, i + 1, 2 * i, 3 * i, c, -c, i);
    }
    heap.heapify();
    double last = Double.NEGATIVE_INFINITY;
    int polled = 0;
    while (!heap.isEmpty()) {
      int s = heap.poll();
      polled++;
      double c = heap.x(s);
      assertThat(c).isGreaterThanOrEqualTo(last);
      last = c;
      int i = heap.a(s);
      assertThat(heap.b(s)).isEqualTo(i + 1);
      assertThat(heap.stampA(s)).isEqualTo(2 * i);
      assertThat(heap.stampB(s)).isEqualTo(3 * i);
      assertThat(heap.y(s)).isEqualTo(-c);
      assertThat(heap.z(s)).isEqualTo(i);
      assertThat(c).isEqualTo(costs.get(i));
      if (polled % 3 == 0 && polled < 2000) {
        // pushes in the middle reuse the slots of polled candidates
        double cheaper = Math.max(last, random.nextInt(500));
        costs.add(cheaper);
        int j = costs.size() - 1;
        heap.add(cheaper, j, j + 1, 2 * j, 3 * j, cheaper, -cheaper, j);
      }
    }
    assertThat(polled).isEqualTo(costs.size());
  }

  @Test
  void edgeCountsSeeBothDirectionsOfAnEdgeAsOne() {
    EdgeCounts counts = new EdgeCounts(8);
    counts.add(0, 1);
    counts.add(1, 0);
    counts.add(1, 2);
    counts.add(5_000_000, 3);
    assertThat(counts.count(0, 1)).isEqualTo(2);
    assertThat(counts.count(2, 1)).isEqualTo(1);
    assertThat(counts.count(3, 5_000_000)).isEqualTo(1);
    assertThat(counts.count(0, 2)).isZero();
  }
}
