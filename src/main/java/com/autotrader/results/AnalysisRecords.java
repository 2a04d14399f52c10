package com.autotrader.results;

import com.autotrader.analysis.Analysis;
import com.autotrader.analysis.Decision;
import com.autotrader.market.Instrument;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The write side: the named parameters of upsert-stock-info and insert-analysis, and the new row's id. */
@Component
public class AnalysisRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] GENERATED_COLUMNS = {"id"};

    public Map<String, Object> row(Instrument instrument, Analysis analysis, double currentPrice, String traceId) {
        Decision d = analysis.decision();
        Map<String, Object> row = new HashMap<>();
        row.put("market", instrument.market());
        row.put("asset_type", instrument.assetType());
        row.put("symbol", instrument.symbol());
        row.put("name", instrument.name());
        row.put("decision", d.decision());
        row.put("confidence", d.confidence());
        row.put("reasons", json(d.reasons()));
        row.put("appropriate_buy_min", d.appropriateBuy().min());
        row.put("appropriate_buy_max", d.appropriateBuy().max());
        row.put("appropriate_sell_min", d.appropriateSell().min());
        row.put("appropriate_sell_max", d.appropriateSell().max());
        row.put("buy_hope_min", d.buyHope().min());
        row.put("buy_hope_max", d.buyHope().max());
        row.put("sell_target_min", d.sellTarget().min());
        row.put("sell_target_max", d.sellTarget().max());
        row.put("detailed_text", d.detailedText());
        row.put("current_price", currentPrice);
        row.put("model_name", analysis.modelName());
        row.put("prompt", analysis.prompt());
        row.put("prompt_tokens", analysis.promptTokens());
        row.put("completion_tokens", analysis.completionTokens());
        row.put("total_tokens", analysis.totalTokens());
        row.put("latency_ms", analysis.latencyMs());
        row.put("trace_id", traceId == null || traceId.isBlank() ? null : traceId);
        return row;
    }

    /** For camel-sql's CamelSqlGeneratedColumns header, which must be a String[]. */
    public String[] generatedColumns() {
        return GENERATED_COLUMNS.clone();
    }

    /** The id in camel-sql's CamelSqlGeneratedKeyRows, whatever case the driver gave the column. */
    public long generatedId(List<Map<String, Object>> keyRows) {
        if (keyRows == null || keyRows.isEmpty()) {
            throw new IllegalStateException("the database returned no id for the new analysis");
        }
        for (Map.Entry<String, Object> e : keyRows.get(0).entrySet()) {
            if ("id".equalsIgnoreCase(e.getKey()) && e.getValue() instanceof Number n) {
                return n.longValue();
            }
        }
        throw new IllegalStateException("the database returned no id column for the new analysis");
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
