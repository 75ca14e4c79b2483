package dev.rayform.tools;

import dev.rayform.launcher.Platform;

import static dev.rayform.tools.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rayform.launcher.CommandRun.Result;
import dev.rayform.core.repo.Tenants;
import dev.rayform.devstack.EmbeddedPostgres;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rayform keys} against the embedded database of a data folder (stopped, and open by a running server) and --pg. */
class KeysCommandTest {
  @Test
  void keysAreCreatedShownOnceListedWithoutSecretsAndRevoked(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Result none = run("keys", "list", "--data-dir", data.toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no platform data");

    Path pgDir = data.resolve("stack").resolve("postgres");
    new EmbeddedPostgres(pgDir).start().close(); // a data folder as `rayform serve` leaves it

    // The server is not running: the command starts the embedded database itself.
    Result created = run("keys", "create", "--tenant", "acme", "--name", "ci", "--data-dir", data.toString());
    assertThat(created.exit()).as(created.err()).isZero();
    String secret = created.out().strip();
    assertThat(secret).startsWith("rf_").doesNotContain("\n");
    String id = created.err().replaceAll("(?s).*created key (\\S+) for tenant acme.*", "$1");
    assertThat(id).startsWith("key_");

    try (EmbeddedPostgres running = new EmbeddedPostgres(pgDir).start()) {
      Vertx vertx = Vertx.vertx();
      Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(running.host()).setPort(running.port())
          .setDatabase(running.database()).setUser(running.user()).setPassword(running.password())).using(vertx).build();
      Tenants tenants = new Tenants(pool);
      try {
        assertThat(Platform.await(tenants.authenticate(secret))).contains("acme");

        // The server has the database open: the command uses it where it is.
        Result listed = run("keys", "list", "--tenant", "acme", "--data-dir", data.toString());
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(id).contains("acme").contains("ci").contains("active").contains(secret.substring(0, 8))
            .doesNotContain(secret);
        Result viaPg = run("keys", "list", "--pg", "postgresql://postgres@127.0.0.1:" + running.port() + "/" + running.database());
        assertThat(viaPg.exit()).as(viaPg.err()).isZero();
        assertThat(viaPg.out()).contains(id);

        Result wrongTenant = run("keys", "revoke", id, "--tenant", "other", "--data-dir", data.toString());
        assertThat(wrongTenant.exit()).isEqualTo(2);
        assertThat(Platform.await(tenants.authenticate(secret))).contains("acme");

        Result revoked = run("keys", "revoke", id, "--data-dir", data.toString());
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(Platform.await(tenants.authenticate(secret))).isEqualTo(Optional.empty());
        assertThat(run("keys", "list", "--data-dir", data.toString()).out()).contains("revoked");
        assertThat(run("keys", "revoke", id, "--data-dir", data.toString()).exit()).isEqualTo(2);
      } finally {
        pool.close();
        Platform.await(vertx.close());
      }
    }
  }
}
