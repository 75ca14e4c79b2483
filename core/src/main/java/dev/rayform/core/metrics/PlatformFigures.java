package dev.rayform.core.metrics;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-only figures over the whole platform (every tenant), for operators: the gateway's
 * {@code /metrics} and the benchmarks. Nothing here is exposed per tenant.
 */
public final class PlatformFigures {
  private final Pool pool;

  public PlatformFigures(Pool pool) {
    this.pool = pool;
  }

  /** Jobs counted by {@code "type/status"} (the API names); pairs with no job are absent. */
  public Future<Map<String, Long>> jobsByTypeAndStatus() {
    return pool.query("select type, status, count(*) from jobs group by type, status order by type, status").execute().map(rows -> {
      Map<String, Long> out = new LinkedHashMap<>();
      for (Row r : rows) {
        out.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
      }
      return out;
    });
  }

  /** Mean run time in milliseconds (start to finish) of the jobs finished in the last hour, by type. */
  public Future<Map<String, Double>> meanRunMillisLastHour() {
    return pool.query("select type, avg(extract(epoch from finished_at - started_at)) * 1000 from jobs "
        + "where finished_at > now() - interval '1 hour' and started_at is not null group by type").execute().map(rows -> {
          Map<String, Double> out = new TreeMap<>();
          for (Row r : rows) {
            if (r.getValue(1) != null) {
              out.put(r.getString(0), r.getNumeric(1).doubleValue());
            }
          }
          return out;
        });
  }

  /** Messages accepted but not yet published to Kafka. */
  public Future<Long> outboxBacklog() {
    return pool.query("select count(*) from outbox where published_at is null").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * Mean of {@code network_and_meshing_ms} over the last {@code n} successful reconstructions that
   * report it; 0 when there are none.
   */
  public Future<Double> meanInferenceMillis(int n) {
    return pool.preparedQuery("select coalesce(avg((result->>'network_and_meshing_ms')::float8), 0) from (select result from jobs "
            + "where type = 'reconstruct' and status = 'succeeded' and result ? 'network_and_meshing_ms' "
            + "order by finished_at desc limit $1) r")
        .execute(Tuple.of(n)).map(rows -> rows.iterator().next().getNumeric(0).doubleValue());
  }

  /**
   * Which worker ran each of {@code jobIds} (its last start), with the job's succeeded child items
   * summed per worker: how a sharded catalogue spread over the workers.
   */
  public Future<Map<String, Integer>> succeededItemsByWorker(List<String> jobIds) {
    return pool.preparedQuery("select distinct on (e.job_id) e.message, "
            + "(select count(*) from jobs i where i.parent_id = e.job_id and i.status = 'succeeded') "
            + "from job_events e where e.type = 'job.started' and e.job_id = any($1) order by e.job_id, e.seq desc")
        .execute(Tuple.of(jobIds.toArray(String[]::new))).map(rows -> {
          Map<String, Integer> out = new TreeMap<>();
          for (Row r : rows) {
            out.merge(r.getString(0).replaceFirst("^attempt \\d+ on ", ""), r.getLong(1).intValue(), Integer::sum);
          }
          return out;
        });
  }
}
