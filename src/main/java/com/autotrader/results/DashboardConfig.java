package com.autotrader.results;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the dashboard page needs besides the results: where Grafana is, so each analysis links to its trace in
 * Tempo (GRAFANA_URL; blank = no links), and the Tempo datasource's uid there.
 */
@Component
public class DashboardConfig {

    private final String grafanaUrl;
    private final String tempoUid;

    public DashboardConfig(@Value("${dashboard.grafana-url:}") String grafanaUrl,
                           @Value("${dashboard.tempo-datasource-uid:tempo}") String tempoUid) {
        String url = grafanaUrl.strip();
        if (!url.isEmpty() && !url.matches("https?://[^\\s\"'<>]+")) {
            throw new IllegalArgumentException("GRAFANA_URL must be an http(s) URL, got '" + grafanaUrl + "'");
        }
        this.grafanaUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.tempoUid = tempoUid.strip();
    }

    public Map<String, Object> view() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("grafana_url", grafanaUrl.isEmpty() ? null : grafanaUrl);
        v.put("tempo_datasource_uid", tempoUid);
        return v;
    }
}
