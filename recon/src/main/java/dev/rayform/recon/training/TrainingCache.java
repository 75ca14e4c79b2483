package dev.rayform.recon.training;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rayform.recon.data.DatasetFiles;
import dev.rayform.recon.rays.RayLabels;
import java.util.function.Supplier;

/**
 * What training reads from datasets and keeps between steps (views as bytes, ray shards, the rays
 * that cross the object, labelled points): one cache for the process, bounded by a share of the
 * heap and weighed in bytes, the least recently used out first. A pool larger than the heap (the
 * 13 x 800 pool holds about 2 GB of views and 5 GB of ray labels) is read again from disk, where the
 * operating system's page cache usually has it, instead of exhausting the heap; a larger heap makes
 * training faster, never possible.
 */
final class TrainingCache {
  /** The share of the JVM's maximum heap the cache may fill. */
  static final double HEAP_SHARE = 0.5;
  private static final Cache<Key, Object> SHARED = create((long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE));

  private final Cache<Key, Object> cache;

  private TrainingCache(Cache<Key, Object> cache) {
    this.cache = cache;
  }

  /** The process's cache. */
  static TrainingCache shared() {
    return new TrainingCache(SHARED);
  }

  /** A cache of its own holding at most {@code bytes} (tests). */
  static TrainingCache ofBytes(long bytes) {
    return new TrainingCache(create(bytes));
  }

  private static Cache<Key, Object> create(long bytes) {
    // Eviction on the calling thread: the bound holds when get returns, not later on a pool thread.
    return Caffeine.newBuilder().maximumWeight(Math.max(1, bytes)).weigher(TrainingCache::weigh).executor(Runnable::run).build();
  }

  private record Key(Object owner, String kind, String id) {}

  /**
   * {@code owner}'s value of {@code kind} {@code id}, loaded by {@code load} when absent. Entries are
   * the owner's (compared by identity), never another reader's of the same folder: a dataset rebuilt
   * or replaced at the same path is read afresh by its new reader.
   */
  @SuppressWarnings("unchecked")
  <T> T get(Object owner, String kind, String id, Supplier<T> load) {
    return (T) cache.get(new Key(new Identity(owner), kind, id), k -> load.get());
  }

  /** An object compared by identity, whatever its equals. */
  private record Identity(Object of) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity other && other.of == of;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(of);
    }
  }

  /** Bytes held now (after pending evictions). */
  long weight() {
    cache.cleanUp();
    return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }

  static int weigh(Key key, Object value) {
    long bytes = 64;
    if (value instanceof byte[] b) {
      bytes += b.length;
    } else if (value instanceof int[] a) {
      bytes += 4L * a.length;
    } else if (value instanceof DatasetFiles.RayShard shard) {
      for (RayLabels v : shard.views()) {
        bytes += 4L * v.pixels().length + v.occupancy().length + 64;
      }
    } else if (value instanceof DatasetFiles.LabelledPoints p) {
      bytes += 4L * p.xyz().length + p.occupied().length;
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }
}
