package dev.rayform.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, checked on every module's compiled production classes (this module's
 * test classpath holds them all): a class that breaks a rule fails the build, naming the class and
 * the dependency.
 */
class LayeringTest {
  private static final String[] SQL = {"io.vertx.sqlclient..", "io.vertx.pgclient..", "java.sql..", "javax.sql..",
      "org.postgresql..", "org.flywaydb.."};
  static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar")) // the launcher's shared test classes
        .importPackages("dev.rayform");
    // Every module is there (from its classes folder in a reactor build, its jar otherwise), so no rule holds by default.
    for (String module : new String[] {"recon.model.RayOnet", "core.PlatformServices", "gateway.GatewayVerticle",
        "workers.platform.WorkerVerticle", "devstack.EmbeddedPostgres", "launcher.Launcher", "tools.Main"}) {
      org.assertj.core.api.Assertions.assertThat(production.contain("dev.rayform." + module)).as(module).isTrue();
    }
    org.assertj.core.api.Assertions.assertThat(production.contain(LayeringTest.class)).as("test classes are left out").isFalse();
  }

  @Test
  void reconKnowsNothingOfVertxKafkaSqlOrThePlatform() {
    check(noClasses().that().resideInAPackage("dev.rayform.recon..").should().dependOnClassesThat()
        .resideInAnyPackage(concat(SQL, "io.vertx..", "org.apache.kafka..", "dev.rayform.core..", "dev.rayform.gateway..",
            "dev.rayform.workers..", "dev.rayform.launcher..", "dev.rayform.tools..", "dev.rayform.devstack.."))
        .because("recon is plain Java and DJL (DESIGN.md)"));
  }

  @Test
  void theGatewayNeverLoadsDjl() {
    check(noClasses().that().resideInAPackage("dev.rayform.gateway..").should().dependOnClassesThat()
        .resideInAnyPackage("ai.djl..", "dev.rayform.recon..", "dev.rayform.workers..", "org.bytedeco..")
        .because("gateway pods carry no libtorch"));
  }

  @Test
  void theLauncherLoadsNeitherDjlNorTheWorkersNorTheDevstack() {
    check(noClasses().that().resideInAPackage("dev.rayform.launcher..").should().dependOnClassesThat()
        .resideInAnyPackage("ai.djl..", "dev.rayform.recon..", "dev.rayform.workers..", "dev.rayform.devstack..",
            "dev.rayform.tools..", "org.bytedeco..")
        .because("the gateway image is the launcher alone; workers and the embedded default come as services"));
  }

  @Test
  void coreDependsOnNoModuleAboveIt() {
    check(noClasses().that().resideInAPackage("dev.rayform.core..").should().dependOnClassesThat()
        .resideInAnyPackage("ai.djl..", "dev.rayform.recon..", "dev.rayform.gateway..", "dev.rayform.workers..",
            "dev.rayform.launcher..", "dev.rayform.tools..", "dev.rayform.devstack.."));
    check(noClasses().that().resideInAPackage("dev.rayform.workers..").should().dependOnClassesThat()
        .resideInAnyPackage("dev.rayform.gateway..", "dev.rayform.launcher..", "dev.rayform.tools.."));
  }

  @Test
  void onlyTheToolsImportTheDevstack() {
    check(noClasses().that().resideInAnyPackage("dev.rayform.recon..", "dev.rayform.core..", "dev.rayform.gateway..",
            "dev.rayform.workers..", "dev.rayform.launcher..").should().dependOnClassesThat().resideInAPackage("dev.rayform.devstack..")
        .because("the in-process Kafka, PostgreSQL and S3 are for the developer's distribution and tests only"));
  }

  @Test
  void sqlStaysInCore() {
    check(noClasses().that().resideInAnyPackage("dev.rayform.recon..", "dev.rayform.gateway..", "dev.rayform.workers..",
            "dev.rayform.launcher..", "dev.rayform.tools..").should().dependOnClassesThat().resideInAnyPackage(SQL)
        .because("the repositories in core own every query"));
  }

  private static void check(ArchRule rule) {
    rule.check(production);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
