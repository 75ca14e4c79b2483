package dev.rayform.tools;

import dev.rayform.launcher.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rayform.recon.data.DatasetBuilder;
import dev.rayform.recon.data.DatasetSpec;
import dev.rayform.recon.data.ProceduralSource;
import dev.rayform.recon.progress.Progress;
import dev.rayform.recon.rays.DepthSampling;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}; the test skips only where they are missing) against the embedded platform
 * with a worker. The page is loaded once; a wrong key gets the key form back with an error; with the
 * right key, jobs submitted through the HTTP API while the page is open appear in the table and their
 * progress changes live (no reload); a training job's loss curve fills in; the trained model is listed
 * with its metrics; a reconstruction with it is opened in the 3D viewer, and the screenshot of the
 * viewer is checked not to be blank. The screenshot stays in {@code target/dashboard/viewer.png}.
 */
class DashboardBrowserTest {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
  static final Path OUT = Path.of("target", "dashboard");

  @TempDir
  Path dir;

  static WebClient http;
  static Platform platform;

  @Test
  void jobsAppearAndProgressLiveAndAMeshOpensInTheViewer() throws Exception {
    Path chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(chromium != null && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
    Files.createDirectories(OUT);

    // The photo to reconstruct: a view of a procedural cabinet, like the shapes the model will train on.
    Path photos = dir.resolve("photos");
    new DatasetBuilder(new ProceduralSource(48), DatasetSpec.defaults().withCategories(List.of("cabinet")).withShapes(1, 1)
        .withSeed(7).withSizes(64, 2_000, 1_000, 500).withDepths(new DepthSampling(32, 0.63, 2.16))).build(photos, Progress.NONE);
    byte[] photo;
    try (Stream<Path> files = Files.walk(photos)) {
      photo = Files.readAllBytes(files.filter(p -> p.getFileName().toString().equals("view_00.png")).findFirst().orElseThrow());
    }

    platform = Platform.builder().setDataDir(dir.resolve("platform")).optDevKey("rf_dev_dashboard_test").setWorkerId("w-dashboard-test")
        .start();
    http = WebClient.create(platform.vertx());
    ChromeDriver driver = chrome(chromium);
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100));
      driver.get(platform.url() + "/");

      // A wrong key: refused, the key form again with a message.
      signIn(driver, wait, "rf_wrong_key");
      wait.until(d -> d.findElement(By.id("key-error")).isDisplayed());
      assertThat(driver.findElement(By.id("key-error")).getText()).contains("refused");
      assertThat(driver.findElement(By.id("key-view")).isDisplayed()).isTrue();

      // The right key: the jobs table, and the events socket live.
      signIn(driver, wait, platform.devKey());
      wait.until(d -> d.findElement(By.id("jobs")).isDisplayed());
      wait.until(d -> "live".equals(d.findElement(By.id("live")).getAttribute("data-state")));
      js(driver, "window.rayformPageMarker = 'still the same page';");

      // A dataset job submitted now appears on its own, and its row follows it to the end.
      String dataset = submit(new JsonObject().put("type", "dataset").put("input", new JsonObject().put("source", "procedural"))
          .put("options", new JsonObject().put("categories", new JsonArray().add("cabinet").add("table")).put("shapes_per_category", 3)
              .put("views", 2).put("image_size", 64).put("rays", 2000).put("depths", 32).put("eval_points", 2000)
              .put("surface_points", 1000).put("seed", 7)));
      List<String> states = followRow(driver, dataset, Duration.ofMinutes(3));
      assertThat(states.get(states.size() - 1)).isEqualTo("succeeded 100");
      assertThat(states).as("the row changed live: " + states).hasSizeGreaterThanOrEqualTo(2);
      String datasetId = job(dataset).getJsonObject("result").getString("dataset");

      // A training job: its page plots the loss of every step and the validation IoU as they come.
      int steps = 100;
      String train = submit(new JsonObject().put("type", "train").put("input", new JsonObject().put("dataset", datasetId))
          .put("options", new JsonObject().put("preset", "tiny").put("steps", steps).put("checkpoint_every", steps).put("batch", 4)
              .put("rays", 512).put("lr", 3e-3).put("validate_every", 50).put("name", "dashboard-test")));
      click(wait, "tr[data-job='" + train + "'] a");
      WebElement loss = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElement(By.cssSelector("figure.plot-loss")));
      Set<Integer> seen = new LinkedHashSet<>();
      long deadline = System.currentTimeMillis() + 420_000;
      while (System.currentTimeMillis() < deadline) {
        seen.add(Integer.parseInt(loss.getAttribute("data-points")));
        if (!job(train).getString("status").matches("queued|running")) {
          break;
        }
        Thread.sleep(200);
      }
      JsonObject trained = job(train);
      assertThat(trained.getString("status")).as(trained.encode()).isEqualTo("succeeded");
      new WebDriverWait(driver, Duration.ofSeconds(15))
          .until(d -> String.valueOf(steps).equals(d.findElement(By.cssSelector("figure.plot-loss")).getAttribute("data-points")));
      assertThat(seen).as("the loss plot grew while the job ran: " + seen).hasSizeGreaterThanOrEqualTo(3);
      assertThat(driver.findElement(By.cssSelector("figure.plot-iou")).getAttribute("data-points")).isEqualTo("2");
      assertThat(driver.findElement(By.cssSelector("figure.plot-ray-train")).getAttribute("data-points")).isEqualTo("2");
      assertThat(driver.findElement(By.cssSelector("figure.plot-ray-val")).getAttribute("data-points")).isEqualTo("2");
      assertThat(driver.findElement(By.cssSelector("figure.plot-loss polyline")).getAttribute("points").split(" ")).hasSize(steps);
      assertThat(js(driver, "return window.rayformPageMarker;")).isEqualTo("still the same page");
      String model = trained.getJsonObject("result").getString("model");

      // The models page: the new model with its metrics.
      driver.findElement(By.cssSelector("nav a[href='#/models']")).click();
      WebElement modelRow = wait.until(d -> d.findElement(By.cssSelector("tr[data-model='" + model + "']")));
      assertThat(modelRow.getText()).contains("dashboard-test", "train_loss", "val_iou");

      // A reconstruction with that model, followed from the jobs table, then its mesh in the 3D viewer.
      driver.findElement(By.cssSelector("nav a[href='#/jobs']")).click();
      wait.until(d -> d.findElement(By.id("jobs")).isDisplayed());
      String upload = upload(photo);
      String reconstruct = submit(new JsonObject().put("type", "reconstruct").put("input", new JsonObject().put("upload", upload))
          .put("options", new JsonObject().put("model", model).put("resolution", 64).put("formats", new JsonArray().add("glb").add("ply"))));
      List<String> rec = followRow(driver, reconstruct, Duration.ofMinutes(2));
      assertThat(rec.get(rec.size() - 1)).as(job(reconstruct).encode()).isEqualTo("succeeded 100");
      click(wait, "tr[data-job='" + reconstruct + "'] a");
      wait.until(d -> d.findElement(By.cssSelector("#artifacts button[data-view='mesh.glb']"))).click();
      WebElement viewer = wait.until(d -> {
        WebElement v = d.findElement(By.id("viewer"));
        String s = v.getAttribute("data-state");
        if ("error".equals(s)) {
          throw new AssertionError("viewer: " + d.findElement(By.cssSelector("#viewer-dialog [role=status]")).getText());
        }
        return "ready".equals(s) ? v : null;
      });
      assertThat(Integer.parseInt(viewer.getAttribute("data-vertices"))).isPositive();
      Thread.sleep(500); // a few animation frames
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.write(OUT.resolve("viewer.png"), png);
      assertNotBlank(ImageIO.read(new ByteArrayInputStream(png)), viewer.getRect(),
          ((Number) js(driver, "return window.devicePixelRatio;")).doubleValue());
      assertThat(js(driver, "return window.rayformPageMarker;")).isEqualTo("still the same page");
      driver.findElement(By.id("viewer-close")).click();

      // A catalogue: each item shows its photo (as the network saw it) beside its coloured preview.
      java.io.ByteArrayOutputStream zipBytes = new java.io.ByteArrayOutputStream();
      try (var zip = new java.util.zip.ZipOutputStream(zipBytes)) {
        for (String name : List.of("one.png", "two.png")) {
          zip.putNextEntry(new java.util.zip.ZipEntry(name));
          zip.write(photo);
        }
      }
      String catalogue = submit(new JsonObject().put("type", "catalog").put("input", new JsonObject().put("upload", upload(zipBytes.toByteArray(), "application/zip")))
          .put("options", new JsonObject().put("model", model).put("resolution", 64)));
      driver.findElement(By.cssSelector("nav a[href='#/jobs']")).click();
      List<String> cat = followRow(driver, catalogue, Duration.ofMinutes(2));
      assertThat(cat.get(cat.size() - 1)).as(job(catalogue).encode()).isEqualTo("succeeded 100");
      click(wait, "tr[data-job='" + catalogue + "'] a");
      wait.until(d -> ((Number) js(d, "return [...document.querySelectorAll('#items button.item img')]"
          + ".filter(i => i.complete && i.naturalWidth > 0).length;")).intValue() == 4);
      assertThat(driver.findElements(By.cssSelector("#items button.item img.photo"))).hasSize(2);
      WebElement banner = driver.findElement(By.id("app-error"));
      assertThat(banner.isDisplayed()).as("error banner: " + banner.getText()).isFalse();
    } finally {
      driver.quit();
      http.close();
      platform.close();
    }
  }

  /** The viewer region of the screenshot shows a shaded mesh: many colours, and much that is not the background. */
  static void assertNotBlank(BufferedImage shot, Rectangle r, double scale) {
    int x0 = (int) Math.round(r.getX() * scale);
    int y0 = (int) Math.round(r.getY() * scale);
    int x1 = Math.min(shot.getWidth(), (int) Math.round((r.getX() + r.getWidth()) * scale));
    int y1 = Math.min(shot.getHeight(), (int) Math.round((r.getY() + r.getHeight()) * scale));
    assertThat(x1 - x0).as("viewer width on the screenshot").isGreaterThan(100);
    assertThat(y1 - y0).as("viewer height on the screenshot").isGreaterThan(100);
    Map<Integer, Integer> colours = new HashMap<>();
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        colours.merge(shot.getRGB(x, y) & 0xffffff, 1, Integer::sum);
      }
    }
    int total = (x1 - x0) * (y1 - y0);
    int background = colours.values().stream().max(Integer::compare).orElse(0);
    assertThat(colours.size()).as("distinct colours in the viewer").isGreaterThanOrEqualTo(50);
    assertThat(1 - background / (double) total).as("share of the viewer that is not its background").isGreaterThan(0.02);
  }

  /** Clicks the element once it is there; the page updates rows live, so a stale match is looked up again. */
  private static void click(WebDriverWait wait, String css) {
    wait.ignoring(StaleElementReferenceException.class).until(d -> {
      d.findElement(By.cssSelector(css)).click();
      return true;
    });
  }

  private static void signIn(ChromeDriver driver, WebDriverWait wait, String key) {
    WebElement input = wait.until(d -> {
      WebElement e = d.findElement(By.id("key-input"));
      return e.isDisplayed() ? e : null;
    });
    input.clear();
    input.sendKeys(key);
    driver.findElement(By.cssSelector("#key-form button[type=submit]")).click();
  }

  /**
   * Watches the job's row appear and change (status and progress as the page shows them) until it
   * shows an end state; what it saw, in order, without repeats.
   */
  private static List<String> followRow(ChromeDriver driver, String id, Duration limit) throws Exception {
    List<String> states = new ArrayList<>();
    long deadline = System.currentTimeMillis() + limit.toMillis();
    while (System.currentTimeMillis() < deadline) {
      Object s = js(driver, "const tr = document.querySelector(\"tr[data-job='" + id + "']\");"
          + "return tr ? tr.dataset.status + ' ' + tr.querySelector('progress').value : null;");
      if (s != null && (states.isEmpty() || !states.get(states.size() - 1).equals(s))) {
        states.add((String) s);
      }
      if (s != null && ((String) s).matches("(succeeded|failed|canceled) .*")) {
        return states;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + id + " did not end on the page; it showed " + states + "; the API says " + job(id));
  }

  private static Object js(org.openqa.selenium.WebDriver driver, String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static ChromeDriver chrome(Path chromium) throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    // STACK.md's flags, a fresh profile, and a fixed window.
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("rayform-chromium"),
        "--window-size=1280,1000", "--force-device-scale-factor=1");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().withLogFile(OUT.resolve("chromedriver.log").toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static String submit(JsonObject body) throws Exception {
    HttpResponse<Buffer> r = await(http.postAbs(platform.url() + "/v1/jobs").bearerTokenAuthentication(platform.devKey()).sendJsonObject(body));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    return r.bodyAsJsonObject().getString("id");
  }

  private static String upload(byte[] png) throws Exception {
    return upload(png, "image/png");
  }

  private static String upload(byte[] bytes, String contentType) throws Exception {
    HttpResponse<Buffer> r = await(http.postAbs(platform.url() + "/v1/uploads").bearerTokenAuthentication(platform.devKey())
        .putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(bytes)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  private static JsonObject job(String id) throws Exception {
    return await(http.getAbs(platform.url() + "/v1/jobs/" + id).bearerTokenAuthentication(platform.devKey()).send()).bodyAsJsonObject();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
