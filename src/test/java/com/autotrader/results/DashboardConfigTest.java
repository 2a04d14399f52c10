package com.autotrader.results;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardConfigTest {

    @Test
    void theGrafanaUrlIsPassedOnWithoutATrailingSlashAndBlankMeansNoLinks() {
        assertThat(new DashboardConfig("http://pi.local:3000/", "tempo").view())
                .containsEntry("grafana_url", "http://pi.local:3000").containsEntry("tempo_datasource_uid", "tempo");
        assertThat(new DashboardConfig("  ", "tempo").view()).containsEntry("grafana_url", null);
    }

    @Test
    void somethingThatIsNotAnHttpUrlStopsTheStart() {
        assertThatThrownBy(() -> new DashboardConfig("javascript:alert(1)", "tempo")).hasMessageContaining("GRAFANA_URL");
        assertThatThrownBy(() -> new DashboardConfig("http://x\" onmouseover=\"", "tempo")).hasMessageContaining("GRAFANA_URL");
    }
}
