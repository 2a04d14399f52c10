package com.autotrader.analysis;

import com.autotrader.market.Candle;
import com.autotrader.market.Fundamentals;
import com.autotrader.market.Instrument;
import com.autotrader.market.MarketSnapshot;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The original system's Korean prompt: header, a one-line technical summary, price and volume indicator
 * lines, short-term candles, the last 10 trading days, and the question asking for the JSON contract.
 */
@Component
public class PromptBuilder {

    static final ZoneId KST = ZoneId.of("Asia/Seoul");
    static final int RECENT_DAYS = 10;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    /** How many bars of each short-term unit the prompt shows. */
    private static final Map<Integer, Integer> SHORT_TERM_BARS = Map.of(60, 12, 5, 12, 1, 10);

    public String build(MarketSnapshot data, IndicatorSnapshot ind) {
        Instrument instrument = data.instrument();
        LocalDate observed = data.ticker().timestamp().atZone(KST).toLocalDate();
        StringBuilder p = new StringBuilder();
        p.append(instrument.name()).append('(').append(instrument.symbol()).append(") (관측일 ")
                .append(DAY.format(observed)).append(")\n\n");

        p.append("[기술 요약] ").append(summary(data.currentPrice(), ind)).append("\n\n");

        p.append("[가격 지표]\n");
        p.append("- 현재가: ").append(Numbers.price(data.currentPrice())).append(" (전일 대비 ")
                .append(Numbers.percent(ind.changePct())).append(")\n");
        p.append("- MACD(12,26,9): MACD ").append(Numbers.decimal(ind.macd())).append(", 시그널 ")
                .append(Numbers.decimal(ind.macdSignal())).append(", 히스토그램 ")
                .append(Numbers.decimal(ind.macdHistogram())).append('\n');
        p.append("- RSI(14): ").append(Numbers.decimal(ind.rsi())).append('\n');
        p.append("- 볼린저밴드(20, 2σ): 상단 ").append(Numbers.price(ind.bollingerUpper())).append(", 중단 ")
                .append(Numbers.price(ind.bollingerMiddle())).append(", 하단 ")
                .append(Numbers.price(ind.bollingerLower())).append(", 밴드폭 ")
                .append(Numbers.decimal(ind.bollingerWidthPct())).append("%\n");
        p.append("- 스토캐스틱(14,3): %K ").append(Numbers.decimal(ind.stochasticK())).append(", %D ")
                .append(Numbers.decimal(ind.stochasticD())).append('\n');
        p.append("- 이동평균:");
        ind.priceSma().forEach((period, v) -> p.append(" SMA").append(period).append(' ').append(Numbers.price(v)));
        p.append("\n\n");

        p.append("[거래량 지표]\n");
        p.append("- 거래량: ").append(Numbers.volume(ind.volume())).append(" (전일 대비 ")
                .append(Numbers.percent(ind.volumeChangePct())).append(")\n");
        p.append("- 거래량 이동평균:");
        ind.volumeSma().forEach((period, v) -> p.append(" VMA").append(period).append(' ').append(Numbers.volume(v)));
        p.append("\n\n");

        if (data.fundamentals() != null && !data.fundamentals().isEmpty()) {
            p.append("[펀더멘털]\n").append(fundamentals(data)).append('\n');
        }

        boolean shortTerm = data.minutes().values().stream().anyMatch(bars -> bars != null && !bars.isEmpty());
        if (shortTerm) {
            p.append("[단기 캔들]\n");
        }
        for (int unit : List.of(60, 5, 1)) {
            List<Candle> bars = data.minutes().get(unit);
            if (bars == null || bars.isEmpty()) {
                continue;
            }
            p.append("- ").append(unit).append("분봉 최근 ").append(Math.min(bars.size(), SHORT_TERM_BARS.get(unit)))
                    .append("개 (시각, 시가, 고가, 저가, 종가, 거래량)\n");
            for (Candle c : tail(bars, SHORT_TERM_BARS.get(unit))) {
                p.append("  ").append(MINUTE.format(c.time())).append(", ").append(ohlcv(c)).append('\n');
            }
        }
        if (shortTerm) {
            p.append('\n');
        }

        p.append("[최근 ").append(RECENT_DAYS).append("거래일] (날짜, 시가, 고가, 저가, 종가, 거래량)\n");
        for (Candle c : tail(data.daily(), RECENT_DAYS)) {
            p.append("- ").append(DAY.format(c.time())).append(", ").append(ohlcv(c)).append('\n');
        }
        p.append('\n');

        p.append(question(instrument));
        return p.toString();
    }

    /** The JSON question; prices in the instrument's own currency (dollars for US stocks, won otherwise). */
    private static String question(Instrument instrument) {
        String currency = "equity_us".equals(instrument.assetType()) ? "달러(USD) 가격" : "원화 가격";
        return """
                [질문]
                위 데이터를 바탕으로 이 종목을 지금 매수(buy), 관망(hold), 매도(sell) 중 무엇을 해야 할지 판단하세요.
                다음 JSON 하나로만 답하세요:
                - decision: "buy" | "hold" | "sell"
                - confidence: 0~100 정수
                - reasons: 판단 근거 최대 3개 (문자열 배열)
                - price_analysis: appropriate_buy_range, appropriate_sell_range, buy_hope_range, sell_target_range
                  (각각 {"min": 가격, "max": 가격}, %s; buy_hope_range는 appropriate_buy_range보다 낮거나 같고,
                  sell_target_range는 appropriate_sell_range보다 높거나 같게)
                - detailed_text: 마크다운으로 쓴 상세 분석
                """.formatted(currency);
    }

    /** PER, PBR, EPS, BPS, market cap and the 52-week range, each only when the source gave it. */
    static String fundamentals(MarketSnapshot data) {
        Fundamentals f = data.fundamentals();
        List<String> lines = new ArrayList<>();
        if (f.per() != null) {
            lines.add("PER " + Numbers.decimal(f.per()));
        }
        if (f.pbr() != null) {
            lines.add("PBR " + Numbers.decimal(f.pbr()));
        }
        if (f.eps() != null) {
            lines.add("EPS " + Numbers.price(f.eps()));
        }
        if (f.bps() != null) {
            lines.add("BPS " + Numbers.price(f.bps()));
        }
        if (f.marketCap() != null) {
            lines.add("시가총액 " + Numbers.volume(f.marketCap()));
        }
        if (f.dividendYield() != null) {
            lines.add("배당수익률 " + Numbers.decimal(f.dividendYield()) + "%");
        }
        StringBuilder t = new StringBuilder("- ").append(String.join(", ", lines)).append('\n');
        if (data.ticker().highest52Week() > 0 && data.ticker().lowest52Week() > 0) {
            t.append("- 52주 최고 ").append(Numbers.price(data.ticker().highest52Week())).append(", 52주 최저 ")
                    .append(Numbers.price(data.ticker().lowest52Week())).append('\n');
        }
        return t.toString();
    }

    /** One line a reader of the original recognises: trend, momentum, band position, volume. */
    static String summary(double price, IndicatorSnapshot ind) {
        List<String> parts = new ArrayList<>();
        if (ind.macdHistogram() != null) {
            boolean crossedUp = ind.previousMacdHistogram() != null && ind.previousMacdHistogram() <= 0
                    && ind.macdHistogram() > 0;
            boolean crossedDown = ind.previousMacdHistogram() != null && ind.previousMacdHistogram() >= 0
                    && ind.macdHistogram() < 0;
            parts.add(crossedUp ? "MACD 골든크로스" : crossedDown ? "MACD 데드크로스"
                    : ind.macdHistogram() > 0 ? "MACD 시그널 위" : "MACD 시그널 아래");
        }
        if (ind.rsi() != null) {
            String zone = ind.rsi() >= 70 ? "과매수" : ind.rsi() <= 30 ? "과매도" : "중립";
            parts.add("RSI " + Numbers.decimal(ind.rsi()) + " (" + zone + ")");
        }
        if (ind.bollingerUpper() != null) {
            String band = price > ind.bollingerUpper() ? "볼린저 상단 돌파"
                    : price < ind.bollingerLower() ? "볼린저 하단 이탈"
                    : price >= ind.bollingerMiddle() ? "볼린저 중단 위" : "볼린저 중단 아래";
            parts.add(band);
        }
        Double sma20 = ind.priceSma().get(20);
        Double sma60 = ind.priceSma().get(60);
        if (sma20 != null && sma60 != null) {
            parts.add(sma20 >= sma60 ? "SMA20 > SMA60 (상승 추세)" : "SMA20 < SMA60 (하락 추세)");
        }
        Double vma20 = ind.volumeSma().get(20);
        if (vma20 != null && vma20 > 0) {
            parts.add("거래량 20일 평균 대비 " + Numbers.percent((ind.volume() - vma20) / vma20 * 100));
        }
        return parts.isEmpty() ? "지표를 계산할 데이터가 부족함" : String.join(", ", parts);
    }

    private static String ohlcv(Candle c) {
        return Numbers.price(c.open()) + ", " + Numbers.price(c.high()) + ", " + Numbers.price(c.low()) + ", "
                + Numbers.price(c.close()) + ", " + Numbers.volume(c.volume());
    }

    private static <T> List<T> tail(List<T> list, int n) {
        return list.subList(Math.max(0, list.size() - n), list.size());
    }
}
