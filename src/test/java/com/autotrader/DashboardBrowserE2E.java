package com.autotrader;

import com.autotrader.support.TestServers;
import com.autotrader.support.TradingFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page in a real headless Chromium (Debian's chromium and chromedriver; scripts/check-dashboard.sh
 * installs them and runs this class): it lists the stored analyses with Korean names, filters by market and
 * decision, opens a symbol's history and links to the trace in Grafana. A screenshot is written to
 * screenshots/ in the working directory (target/ under Maven; docs/dashboard.png is a copy of one).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=e2e-dashboard",
        "analysis.schedule.enabled=false",
        "dashboard.grafana-url=http://grafana.example:3000"
})
class DashboardBrowserE2E {

    static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    static WebDriver browser;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // root in a container: no sandbox; a small /dev/shm: use /tmp
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,1100",
                "--lang=ko-KR");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    void ready() {
        waitUpTo(15).until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#latest tr.result-row"));
    }

    @Test
    void thePageListsFiltersAndOpensHistoryWithKoreanNamesAndTraceLinks() throws Exception {
        jdbc.update("DELETE FROM orders");
        jdbc.update("DELETE FROM stock_analysis_results");
        long btcOld = TradingFixtures.analysis(jdbc, "KRW-BTC", "비트코인", "hold", new double[]{139e6, 141e6},
                new double[]{150e6, 152e6}, new double[]{135e6, 138e6}, new double[]{155e6, 160e6}, 143_000_000);
        long btc = TradingFixtures.analysis(jdbc, "KRW-BTC", "비트코인", "buy", new double[]{140e6, 142e6},
                new double[]{150e6, 152e6}, new double[]{136e6, 139e6}, new double[]{155e6, 160e6}, 143_250_000);
        TradingFixtures.analysis(jdbc, "KRW-ETH", "이더리움", "sell", new double[]{4.8e6, 4.9e6},
                new double[]{5.2e6, 5.3e6}, new double[]{4.6e6, 4.7e6}, new double[]{5.4e6, 5.6e6}, 5_120_000);
        jdbc.update("UPDATE stock_analysis_results SET trace_id = ? WHERE id = ?", TRACE, btc);
        assertThat(btcOld).isLessThan(btc);
        long samsung = TradingFixtures.analysis(jdbc, "005930", "삼성전자", "buy", new double[]{70_000, 71_000},
                new double[]{75_000, 76_000}, new double[]{68_000, 69_000}, new double[]{78_000, 80_000}, 71_500);
        // the fixture files every symbol under upbit: this one is a KIS stock
        jdbc.update("UPDATE stock_info SET market = 'kis', asset_type = 'equity_kr' WHERE symbol = '005930'");
        assertThat(samsung).isGreaterThan(btc);

        browser.get("http://localhost:" + port + "/");
        ready();

        // the latest analysis of every symbol, Korean names intact
        assertThat(rows()).extracting(r -> r.getDomAttribute("data-symbol"))
                .containsExactlyInAnyOrder("KRW-BTC", "KRW-ETH", "005930");
        WebElement btcRow = browser.findElement(By.cssSelector("#latest tr.result-row[data-symbol='KRW-BTC']"));
        // the name and the symbol may wrap onto two lines
        assertThat(btcRow.findElement(By.cssSelector(".symbol-link")).getText().replaceAll("\\s+", " "))
                .isEqualTo("비트코인 (KRW-BTC)");
        assertThat(btcRow.findElement(By.cssSelector(".col-decision")).getText()).contains("매수");
        assertThat(btcRow.findElement(By.cssSelector(".col-buy-range")).getText()).isEqualTo("140,000,000 ~ 142,000,000");
        String trace = btcRow.findElement(By.cssSelector("a.trace-link")).getDomAttribute("href");
        assertThat(trace).startsWith("http://grafana.example:3000/explore?").contains(TRACE);
        assertThat(browser.findElement(By.id("stats-total")).getText()).contains("4");
        Files.createDirectories(Path.of("screenshots"));
        Files.copy(((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("screenshots/dashboard.png"), StandardCopyOption.REPLACE_EXISTING);

        // filters: a market, then a decision
        new Select(browser.findElement(By.id("filter-market"))).selectByValue("kis");
        ready();
        assertThat(rows()).extracting(r -> r.getDomAttribute("data-symbol")).containsExactly("005930");
        assertThat(rows().get(0).getText()).contains("삼성전자");
        new Select(browser.findElement(By.id("filter-market"))).selectByValue("");
        new Select(browser.findElement(By.id("filter-decision"))).selectByValue("sell");
        ready();
        assertThat(rows()).extracting(r -> r.getDomAttribute("data-symbol")).containsExactly("KRW-ETH");
        new Select(browser.findElement(By.id("filter-decision"))).selectByValue("");
        ready();

        // one symbol's history, newest first
        browser.findElement(By.cssSelector("#latest tr.result-row[data-symbol='KRW-BTC'] .symbol-link")).click();
        ready();
        waitUpTo(10).until(d -> d.findElement(By.id("history")).isDisplayed());
        assertThat(browser.findElement(By.id("history-title")).getText()).contains("비트코인");
        List<WebElement> history = browser.findElements(By.cssSelector("#history-table tr.history-row"));
        assertThat(history).extracting(r -> r.getDomAttribute("data-id"))
                .containsExactly(String.valueOf(btc), String.valueOf(btcOld));
        Files.copy(((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("screenshots/dashboard-history.png"), StandardCopyOption.REPLACE_EXISTING);
        browser.findElement(By.id("history-close")).click();
        waitUpTo(5).until(d -> !d.findElement(By.id("history")).isDisplayed());
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }
}
