package org.gradcam4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gradcam4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The explain page in a real headless Chromium, against a real server on 127.0.0.1. */
class ExplainPageTest {
  @TempDir
  Path tmp;

  @Test
  void uploadExplainSwitchRecolourAndDownload() throws Exception {
    Path downloads = Files.createDirectories(tmp.resolve("downloads"));
    Path photo = photo();
    try (ExplainServer server = ExplainServer.start(ServerConfig.defaults().withPort(0), List.of(ModelSource.demo()))) {
      ChromeDriver driver = Browser.start(tmp.resolve("profile"), downloads);
      try {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get(server.url());
        wait.until(d -> "true".equals(d.findElement(By.id("status")).getDomAttribute("data-ready")));

        // upload a photo: the overlay appears
        driver.findElement(By.id("file")).sendKeys(photo.toString());
        wait.until(d -> cards(driver).size() == 1 && notBusy(driver));
        assertThat(cards(driver).get(0).getDomAttribute("data-method")).isEqualTo("gradcam");
        assertThat(driver.findElement(By.id("message")).getText()).isEmpty();
        String overlay = canvas(driver, 0);
        assertThat(overlay).startsWith("data:image/png;base64,").hasSizeGreaterThan(200);
        assertThat(driver.findElement(By.id("timing")).getText()).contains("explained in");
        long explains = server.requestCount("/v1/models/demo:explain");
        assertThat(explains).isEqualTo(1);

        // switch method: two side by side, then only the new one
        driver.findElement(By.cssSelector("input[data-method='gradcam++']")).click();
        wait.until(d -> cards(driver).size() == 2 && notBusy(driver));
        driver.findElement(By.cssSelector("input[data-method='gradcam']")).click();
        wait.until(d -> cards(driver).size() == 1 && notBusy(driver)
            && "gradcam++".equals(cards(driver).get(0).getDomAttribute("data-method")));
        assertThat(server.requestCount("/v1/models/demo:explain")).isEqualTo(explains + 2);

        // switch class: click the second of the top classes
        List<WebElement> targets = driver.findElements(By.cssSelector("#targets button"));
        assertThat(targets).hasSizeGreaterThanOrEqualTo(2);
        String second = targets.get(1).getDomAttribute("data-class");
        assertThat(targets.get(0).getDomAttribute("class")).contains("chosen");
        targets.get(1).click();
        wait.until(d -> notBusy(driver) && second.equals(cards(driver).get(0).getDomAttribute("data-target-class")));
        assertThat(driver.findElement(By.cssSelector("#targets button.chosen")).getDomAttribute("data-class"))
            .isEqualTo(second);

        // opacity and colour map change the canvas without a request
        long before = server.requestCount("/");
        String atHalf = canvas(driver, 0);
        driver.findElement(By.id("opacity")).sendKeys(Keys.END);
        wait.until(d -> !canvas(driver, 0).equals(atHalf));
        String atFull = canvas(driver, 0);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("colormap"))).selectByValue("viridis");
        wait.until(d -> !canvas(driver, 0).equals(atFull));
        driver.findElement(By.id("opacity")).sendKeys(Keys.HOME);
        wait.until(d -> !canvas(driver, 0).equals(atFull) && driver.findElement(By.id("opacity-value")).getText().equals("0.00"));
        assertThat(server.requestCount("/")).as("requests while recolouring").isEqualTo(before);
        driver.findElement(By.id("opacity")).sendKeys(Keys.PAGE_UP, Keys.PAGE_UP, Keys.PAGE_UP, Keys.PAGE_UP, Keys.PAGE_UP);

        // download the map as .npy
        cards(driver).get(0).findElement(By.className("download-npy")).click();
        Path npy = waitForFile(downloads, ".npy");
        Npy.Array a = Npy.parse(Files.readAllBytes(npy), npy.toString());
        assertThat(a.shape()).containsExactly(64, 64);
        float max = 0;
        for (float v : a.data()) {
          assertThat(v).isBetween(0f, 1f);
          max = Math.max(max, v);
        }
        assertThat(max).isGreaterThan(0.99f);
        cards(driver).get(0).findElement(By.className("download-png")).click();
        Path png = waitForFile(downloads, ".png");
        assertThat(ByteBuffer.wrap(Files.readAllBytes(png)).order(ByteOrder.BIG_ENDIAN).getInt()).isEqualTo(0x89504e47);

        // drag and drop, then paste: each explains the image it brings
        for (String how : List.of("drop", "paste")) {
          String old = canvas(driver, 0);
          ((JavascriptExecutor) driver).executeAsyncScript(
              "const done = arguments[arguments.length - 1];"
              + "fetch(arguments[0] === 'drop' ? '/v1/samples/1.png' : '/v1/samples/2.png').then(r => r.blob()).then(b => {"
              + "  const dt = new DataTransfer();"
              + "  dt.items.add(new File([b], arguments[0] + 'ed.png', {type: 'image/png'}));"
              + "  if (arguments[0] === 'drop') {"
              + "    document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));"
              + "  } else {"
              + "    document.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));"
              + "  }"
              + "  done();"
              + "});", how);
          wait.until(d -> notBusy(driver) && cards(driver).size() == 1
              && cards(driver).get(0).findElement(By.className("download-npy")).getDomAttribute("download").startsWith(how + "ed.")
              && !canvas(driver, 0).equals(old));
        }

        // three methods side by side on the photo, for the picture in the docs
        ((JavascriptExecutor) driver).executeScript("document.getElementById('file').value = ''");
        driver.findElement(By.id("file")).sendKeys(photo.toString());
        wait.until(d -> notBusy(driver) && cards(driver).get(0).findElement(By.className("download-npy"))
            .getDomAttribute("download").startsWith(photo.getFileName().toString().replaceFirst("\\.[^.]*$", "") + "."));
        driver.findElement(By.cssSelector("input[data-method='gradcam']")).click();
        wait.until(d -> cards(driver).size() == 2 && notBusy(driver));
        driver.findElement(By.cssSelector("input[data-method='layercam']")).click();
        wait.until(d -> cards(driver).size() == 3 && notBusy(driver));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        screenshot(driver);
      } finally {
        driver.quit();
      }
    }
  }

  /** A real photo from the shared data when it is there, else a made-up JPEG. */
  private Path photo() throws Exception {
    Path shared = Path.of(System.getProperty("gradcam4j.shared", "../shared"), "images", "chelsea.png");
    if (Files.isRegularFile(shared)) {
      return shared.toRealPath();
    }
    Path p = tmp.resolve("photo.jpg");
    Files.write(p, TestImages.jpeg(160, 120));
    return p;
  }

  /** With -Dgradcam4j.updateDocs=true the page is kept as docs/server.png. */
  private static void screenshot(ChromeDriver driver) throws Exception {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Path target = Path.of("target", "explain-page.png");
    Files.write(target, png);
    if (Boolean.getBoolean("gradcam4j.updateDocs")) {
      Files.write(Path.of("..", "docs", "server.png"), png);
    }
  }

  private static List<WebElement> cards(ChromeDriver d) {
    return d.findElements(By.cssSelector("#results .map-card"));
  }

  private static boolean notBusy(ChromeDriver d) {
    return d.findElement(By.id("results")).getDomAttribute("data-busy") == null
        && d.findElement(By.id("message")).getText().isEmpty();
  }

  private static String canvas(ChromeDriver d, int i) {
    return (String) ((JavascriptExecutor) d).executeScript(
        "return document.querySelectorAll('#results canvas')[arguments[0]].toDataURL('image/png')", i);
  }

  private static Path waitForFile(Path dir, String suffix) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (var files = Files.list(dir)) {
        var found = files.filter(f -> f.toString().endsWith(suffix)).findFirst();
        if (found.isPresent() && Files.size(found.get()) > 0) {
          return found.get();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + suffix + " file was downloaded into " + dir);
  }
}
