package dev.rayform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code serve --role}: three roles, each running what its name says; anything else refused before anything starts. */
class RoleTest {
  @Test
  void rolesParseAndSayWhatTheyRun() {
    assertThat(Role.parse("all")).isEqualTo(Role.ALL);
    assertThat(Role.parse(" Gateway ")).isEqualTo(Role.GATEWAY);
    assertThat(Role.parse("WORKER")).isEqualTo(Role.WORKER);
    assertThat(Role.ALL.runsGateway() && Role.ALL.runsWorker()).isTrue();
    assertThat(Role.GATEWAY.runsGateway() && !Role.GATEWAY.runsWorker()).isTrue();
    assertThat(!Role.WORKER.runsGateway() && Role.WORKER.runsWorker()).isTrue();
    assertThat(Role.WORKER.label()).isEqualTo("worker");
    for (String bad : new String[] {"", "workers", "both", null}) {
      assertThatThrownBy(() -> Role.parse(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all, gateway or worker");
    }
  }

  @Test
  void serveRefusesAnUnknownRoleOnTheCommandLine() {
    // Before the enum, "--role workers" ran both the gateway and a worker.
    CommandRun.Result r = CommandRun.run("serve", "--role", "workers", "--data-dir", "target/role-test-never-created");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--role must be all, gateway or worker, not 'workers'");
    assertThat(new java.io.File("target/role-test-never-created")).doesNotExist();
  }
}
