package com.autotrader.market;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.UpstreamException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

class KisParserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final String EXPIRED_MSG = "기간이 만료된 token 입니다.";

    private final KisParser parser = new KisParser(Clock.fixed(NOW, ZoneOffset.UTC));

    private static UpstreamException malformed(Runnable parse) {
        UpstreamException e = catchThrowableOfType(UpstreamException.class, parse::run);
        assertThat(e).as("expected a malformed-data UpstreamException").isNotNull();
        assertThat(e).isNotInstanceOf(KisApiException.class);
        assertThat(e.service()).isEqualTo("kis");
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        assertThat(e.getMessage()).contains("malformed");
        return e;
    }

    private static KisApiException refused(Runnable parse) {
        KisApiException e = catchThrowableOfType(KisApiException.class, parse::run);
        assertThat(e).as("expected a KisApiException").isNotNull();
        assertThat(e.service()).isEqualTo("kis");
        assertThat(e.kind()).isEqualTo(UpstreamException.Kind.BAD_GATEWAY);
        return e;
    }

    private static String ok(String key, String value) {
        return "{\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"정상처리 되었습니다.\",\"" + key + "\":" + value + "}";
    }

    private static String domesticRow(String date, String open, String high, String low, String close, String vol) {
        return "{\"stck_bsop_date\":\"%s\",\"stck_oprc\":\"%s\",\"stck_hgpr\":\"%s\",\"stck_lwpr\":\"%s\",\"stck_clpr\":\"%s\",\"acml_vol\":\"%s\"}"
                .formatted(date, open, high, low, close, vol);
    }

    private static String goodDomesticRow() {
        return domesticRow("20261125", "71000", "72000", "70500", "71500", "12345678");
    }

    // ---- checkOk ------------------------------------------------------------------------------------------------

    @Nested
    class CheckOk {

        @Test
        void successPasses() {
            parser.checkOk("{\"rt_cd\":\"0\",\"msg_cd\":\"MCA00000\",\"msg1\":\"정상처리 되었습니다.\"}");
        }

        @Test
        void expiredTokenIsATokenProblem() {
            KisApiException e = refused(() -> parser.checkOk(
                    "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00123\",\"msg1\":\"" + EXPIRED_MSG + "\"}"));

            assertThat(e.tokenProblem()).isTrue();
            assertThat(e.msgCd()).isEqualTo("EGW00123");
            assertThat(e.msg1()).isEqualTo(EXPIRED_MSG);
            assertThat(e.getMessage()).isEqualTo("kis: KIS refused the call (EGW00123: " + EXPIRED_MSG + ")");
        }

        @Test
        void invalidTokenIsATokenProblem() {
            KisApiException e = refused(() -> parser.checkOk(
                    "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00121\",\"msg1\":\"유효하지 않은 token 입니다.\"}"));

            assertThat(e.tokenProblem()).isTrue();
            assertThat(e.msgCd()).isEqualTo("EGW00121");
        }

        @Test
        void otherRefusalIsNotATokenProblem() {
            KisApiException e = refused(() -> parser.checkOk(
                    "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00201\",\"msg1\":\"초당 거래건수를 초과하였습니다.\"}"));

            assertThat(e.tokenProblem()).isFalse();
            assertThat(e.getMessage()).contains("EGW00201").contains("초당 거래건수를 초과하였습니다.");
        }

        @Test
        void http500StyleBodyIsJudgedByMsgCd() {
            // What KIS sends with HTTP 500 for a stale token: no output, other keys in another order.
            String body = """
                    {
                      "msg1" : "기간이 만료된 token 입니다.",
                      "msg_cd" : "EGW00123",
                      "rt_cd" : "1"
                    }
                    """;

            assertThat(refused(() -> parser.checkOk(body)).tokenProblem()).isTrue();
        }

        @Test
        void refusalWithoutMsgCdStillThrowsButIsNoTokenProblem() {
            KisApiException e = refused(() -> parser.checkOk("{\"rt_cd\":\"7\"}"));

            assertThat(e.tokenProblem()).isFalse();
            assertThat(e.msgCd()).isNull();
            assertThat(e.getMessage()).contains("no msg_cd");
        }

        @Test
        void messageCarriesOnlyCodeAndText() {
            KisApiException e = refused(() -> parser.checkOk(
                    "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00123\",\"msg1\":\"x\",\"appkey\":\"PSsecretKey\",\"token\":\"eyJsecret\"}"));

            assertThat(e.getMessage()).doesNotContain("PSsecretKey").doesNotContain("eyJsecret");
        }

        @Test
        void everyParserChecksRtCdFirst() {
            String refused = "{\"rt_cd\":\"1\",\"msg_cd\":\"EGW00121\",\"msg1\":\"invalid\",\"output2\":[],\"output\":{}}";

            assertThat(refused(() -> parser.domesticDaily(refused)).tokenProblem()).isTrue();
            assertThat(refused(() -> parser.overseasDaily(refused)).tokenProblem()).isTrue();
            assertThat(refused(() -> parser.domesticPrice("005930", refused)).tokenProblem()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"msg_cd\":\"EGW00123\",\"msg1\":\"no rt_cd\"}",
                "{\"rt_cd\":0,\"msg_cd\":\"MCA00000\"}",
                "{\"rt_cd\":\"\",\"msg_cd\":\"MCA00000\"}",
                "[{\"rt_cd\":\"0\"}]",
                "<html><body>502 Bad Gateway</body></html>",
                "{\"rt_cd\":\"0\",\"msg_cd\":",
                "{\"rt_cd\":\"0\"} trailing",
                "",
                "   "})
        void unusableBodiesAreMalformed(String body) {
            malformed(() -> parser.checkOk(body));
        }

        @Test
        void nullBodyIsMalformed() {
            malformed(() -> parser.checkOk(null));
        }

        @Test
        void longBodiesAreEchoedBriefly() {
            String body = "<!DOCTYPE html><html><head><title>Error</title></head><body>" + "x".repeat(200) + "TAIL";

            UpstreamException e = malformed(() -> parser.checkOk(body));

            String echoed = e.getMessage().substring(e.getMessage().indexOf('\'') + 1, e.getMessage().lastIndexOf('\''));
            assertThat(echoed).startsWith("<!DOCTYPE html>").hasSizeLessThanOrEqualTo(60);
            assertThat(e.getMessage()).doesNotContain("TAIL");
        }
    }

    // ---- domesticDaily ------------------------------------------------------------------------------------------

    @Nested
    class DomesticDaily {

        @Test
        void documentedShapeComesBackOldestFirst() {
            String body = ok("output2", "[" + String.join(",",
                    domesticRow("20261125", "71000", "72000", "70500", "71500", "12345678"),
                    domesticRow("20261124", "70000", "71200", "69800", "71000", "9000000"),
                    domesticRow("20261121", "69000", "70100", "68800", "70000", "8000000")) + "]");

            List<Candle> candles = parser.domesticDaily(body);

            assertThat(candles).extracting(c -> c.time().toLocalDate()).containsExactly(
                    LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 25));
            assertThat(candles.get(2)).isEqualTo(new Candle(LocalDate.of(2026, 11, 25).atStartOfDay(),
                    71000, 72000, 70500, 71500, 12345678));
        }

        @Test
        void paddingRowsAreSkipped() {
            String body = ok("output2", "[" + goodDomesticRow() + ",{},"
                    + domesticRow("", "", "", "", "", "") + ",{\"stck_bsop_date\":\"\"}]");

            assertThat(parser.domesticDaily(body)).hasSize(1);
        }

        @Test
        void emptyOutputIsAnEmptyList() {
            assertThat(parser.domesticDaily(ok("output2", "[]"))).isEmpty();
            assertThat(parser.domesticDaily(ok("output2", "[{},{}]"))).isEmpty();
        }

        @Test
        void aRepeatedDateYieldsOneCandle() {
            String body = ok("output2", "[" + goodDomesticRow() + ","
                    + domesticRow("20261125", "1", "2", "1", "2", "3") + "]");

            assertThat(parser.domesticDaily(body)).singleElement()
                    .satisfies(c -> assertThat(c.close()).isEqualTo(71500));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"rt_cd\":\"0\"}",
                "{\"rt_cd\":\"0\",\"output2\":{}}",
                "{\"rt_cd\":\"0\",\"output2\":[\"20261125\"]}",
                "{\"rt_cd\":\"0\",\"output2\":[{\"stck_bsop_date\":\"20261125\",\"stck_oprc\":\"71000\"",
                "{\"rt_cd\":\"0\",\"output2\":[{\"stck_bsop_date\":20261125,\"stck_oprc\":\"71000\"}]}"})
        void brokenStructureIsMalformed(String body) {
            malformed(() -> parser.domesticDaily(body));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "\"stck_bsop_date\":\"20261125\",\"stck_oprc\":\"abc\",\"stck_hgpr\":\"72000\",\"stck_lwpr\":\"70500\",\"stck_clpr\":\"71500\",\"acml_vol\":\"1\"",
                "\"stck_bsop_date\":\"20261125\",\"stck_oprc\":71000,\"stck_hgpr\":\"72000\",\"stck_lwpr\":\"70500\",\"stck_clpr\":\"71500\",\"acml_vol\":\"1\"",
                "\"stck_bsop_date\":\"20261125\",\"stck_oprc\":\"NaN\",\"stck_hgpr\":\"72000\",\"stck_lwpr\":\"70500\",\"stck_clpr\":\"71500\",\"acml_vol\":\"1\"",
                "\"stck_bsop_date\":\"20261125\",\"stck_oprc\":\"71000\",\"stck_hgpr\":\"72000\",\"stck_lwpr\":\"70500\",\"stck_clpr\":\"71500\"",
                "\"stck_bsop_date\":\"20261125\",\"stck_oprc\":\"71000\",\"stck_hgpr\":\"72000\",\"stck_lwpr\":\"70500\",\"stck_clpr\":\"0\",\"acml_vol\":\"1\"",
                "\"stck_bsop_date\":\"20261125\",\"stck_oprc\":\"71000\",\"stck_hgpr\":\"72000\",\"stck_lwpr\":\"70500\",\"stck_clpr\":\"71500\",\"acml_vol\":\"-1\"",
                "\"stck_bsop_date\":\"20261125\",\"stck_oprc\":\"71000\",\"stck_hgpr\":\"70000\",\"stck_lwpr\":\"70500\",\"stck_clpr\":\"71500\",\"acml_vol\":\"1\"",
                "\"stck_bsop_date\":\"2026-11-25\",\"stck_oprc\":\"71000\",\"stck_hgpr\":\"72000\",\"stck_lwpr\":\"70500\",\"stck_clpr\":\"71500\",\"acml_vol\":\"1\"",
                "\"stck_bsop_date\":\"20261131\",\"stck_oprc\":\"71000\",\"stck_hgpr\":\"72000\",\"stck_lwpr\":\"70500\",\"stck_clpr\":\"71500\",\"acml_vol\":\"1\""})
        void badRowIsMalformed(String fields) {
            malformed(() -> parser.domesticDaily(ok("output2", "[" + goodDomesticRow() + ",{" + fields + "}]")));
        }
    }

    // ---- overseasDaily ------------------------------------------------------------------------------------------

    @Nested
    class OverseasDaily {

        private static String row(String date, String close) {
            return "{\"xymd\":\"%s\",\"clos\":\"%s\",\"open\":\"187.00\",\"high\":\"190.10\",\"low\":\"186.90\",\"tvol\":\"51234567\"}"
                    .formatted(date, close);
        }

        @Test
        void documentedShapeComesBackOldestFirst() {
            String body = ok("output2", "[" + row("20261125", "189.50") + "," + row("20261124", "188.00") + ","
                    + row("", "") + ",{}]");

            List<Candle> candles = parser.overseasDaily(body);

            assertThat(candles).extracting(Candle::time).containsExactly(
                    LocalDate.of(2026, 11, 24).atStartOfDay(), LocalDate.of(2026, 11, 25).atStartOfDay());
            assertThat(candles.get(1)).isEqualTo(new Candle(LocalDate.of(2026, 11, 25).atStartOfDay(),
                    187.00, 190.10, 186.90, 189.50, 51234567));
        }

        @Test
        void emptyOutputIsAnEmptyList() {
            assertThat(parser.overseasDaily(ok("output2", "[]"))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "-1", "", "1e400", "Infinity", "0x1p3", "1.5d"})
        void badCloseIsMalformed(String close) {
            malformed(() -> parser.overseasDaily(ok("output2", "[" + row("20261125", close) + "]")));
        }

        @Test
        void htmlIsMalformed() {
            malformed(() -> parser.overseasDaily("<html>Service Unavailable</html>"));
        }
    }

    // ---- domesticPrice ------------------------------------------------------------------------------------------

    @Nested
    class DomesticPrice {

        private static final String OUTPUT = """
                {"stck_prpr":"71500","prdy_vrss":"500","prdy_vrss_sign":"2","prdy_ctrt":"0.70","acml_vol":"12345678",
                 "per":"13.45","pbr":"1.21","eps":"5316.00","bps":"59059.00","hts_avls":"4268123",
                 "w52_hgpr":"88800","w52_lwpr":"49900","hts_kor_isnm":"삼성전자"}""";

        private static String with(String field, String json) {
            String replaced = OUTPUT.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + json);
            assertThat(replaced).as("test setup replaced " + field).isNotEqualTo(OUTPUT);
            return ok("output", replaced);
        }

        private static String without(String field) {
            String removed = OUTPUT.replaceFirst("\"" + field + "\":\"[^\"]*\",", "");
            if (removed.equals(OUTPUT)) { // the last field has no comma after it
                removed = OUTPUT.replaceFirst(",\\s*\"" + field + "\":\"[^\"]*\"", "");
            }
            assertThat(removed).as("test setup removed " + field).isNotEqualTo(OUTPUT);
            return ok("output", removed);
        }

        @Test
        void documentedShapeFillsTickerFundamentalsAndName() {
            KisQuote q = parser.domesticPrice("005930", ok("output", OUTPUT));

            assertThat(q.ticker()).isEqualTo(new Ticker("005930", 71500, 71000, 0.007, 12345678,
                    88800, 49900, NOW));
            assertThat(q.fundamentals()).isEqualTo(new Fundamentals(13.45, 1.21, 5316.0, 59059.0,
                    4268123 * 100_000_000d, null));
            assertThat(q.name()).isEqualTo("삼성전자");
        }

        @Test
        void aFallIsNegativeWhetherOrNotKisSignsTheValue() {
            String unsigned = with("prdy_vrss_sign", "\"5\"");
            String signed = ok("output", OUTPUT.replace("\"500\"", "\"-500\"").replace("\"0.70\"", "\"-0.70\"")
                    .replace("\"prdy_vrss_sign\":\"2\"", "\"prdy_vrss_sign\":\"5\""));

            for (String body : List.of(unsigned, signed)) {
                Ticker t = parser.domesticPrice("005930", body).ticker();
                assertThat(t.prevClosingPrice()).isEqualTo(72000);
                assertThat(t.signedChangeRate()).isCloseTo(-0.007, within(1e-12));
            }
        }

        @Test
        void withoutSignTheValuesAreTakenAsGiven() {
            String body = ok("output", OUTPUT.replace("\"500\"", "\"-500\"").replace("\"0.70\"", "\"-0.70\"")
                    .replace("\"prdy_vrss_sign\":\"2\",", ""));

            Ticker t = parser.domesticPrice("005930", body).ticker();

            assertThat(t.prevClosingPrice()).isEqualTo(72000);
            assertThat(t.signedChangeRate()).isCloseTo(-0.007, within(1e-12));
        }

        @Test
        void missingNameIsNull() {
            assertThat(parser.domesticPrice("005930", without("hts_kor_isnm")).name()).isNull();
        }

        @Test
        void blankValuationIsNullButZeroStaysZero() {
            String body = ok("output", OUTPUT.replace("\"13.45\"", "\"\"").replace("\"1.21\"", "\"0.00\""));

            Fundamentals f = parser.domesticPrice("005930", body).fundamentals();

            assertThat(f.per()).isNull();
            assertThat(f.pbr()).isEqualTo(0.0);
            assertThat(f.dividendYield()).isNull();
        }

        @Test
        void missingMarketCapIsNull() {
            assertThat(parser.domesticPrice("005930", without("hts_avls")).fundamentals().marketCap()).isNull();
        }

        @Test
        void missing52WeekFiguresAreNaN() {
            Ticker t = parser.domesticPrice("005930", with("w52_hgpr", "\"\"")).ticker();

            assertThat(t.highest52Week()).isNaN();
            assertThat(t.lowest52Week()).isEqualTo(49900);
        }

        @Test
        void publicConstructorUsesTheSystemClock() {
            Instant before = Instant.now();
            Instant stamp = new KisParser().domesticPrice("005930", ok("output", OUTPUT)).ticker().timestamp();

            assertThat(stamp).isBetween(before, Instant.now());
        }

        @Test
        void priceNotPositiveIsMalformed() {
            malformed(() -> parser.domesticPrice("005930", with("stck_prpr", "\"0\"")));
        }

        @Test
        void changeAsBigAsThePriceIsMalformed() {
            malformed(() -> parser.domesticPrice("005930", with("prdy_vrss", "\"71500\"")));
        }

        @Test
        void unknownSignIsMalformed() {
            malformed(() -> parser.domesticPrice("005930", with("prdy_vrss_sign", "\"9\"")));
        }

        @Test
        void numberOfWrongTypeIsMalformed() {
            malformed(() -> parser.domesticPrice("005930", with("per", "{\"v\":1}")));
            malformed(() -> parser.domesticPrice("005930", with("acml_vol", "true")));
        }

        @Test
        void missingPriceIsMalformed() {
            malformed(() -> parser.domesticPrice("005930", without("stck_prpr")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"rt_cd\":\"0\"}", "{\"rt_cd\":\"0\",\"output\":{}}",
                "{\"rt_cd\":\"0\",\"output\":[]}", "{\"rt_cd\":\"0\",\"output\":{\"stck_prpr\":\"71500\""})
        void missingOutputIsMalformed(String body) {
            malformed(() -> parser.domesticPrice("005930", body));
        }
    }

    // ---- token ---------------------------------------------------------------------------------------------------

    @Nested
    class Token {

        private static final String SECRET = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.c2VjcmV0.sig";

        @Test
        void expiryIsReadInSeoulTime() {
            KisAccessToken t = parser.token("""
                    {"access_token":"%s","token_type":"Bearer","expires_in":86400,
                     "access_token_token_expired":"2026-11-27 10:00:00"}""".formatted(SECRET));

            assertThat(t.value()).isEqualTo(SECRET);
            assertThat(t.expiresAt()).isEqualTo(Instant.parse("2026-11-27T01:00:00Z"));
        }

        @Test
        void withoutExpiryTimestampExpiresInCounts() {
            KisAccessToken t = parser.token("{\"access_token\":\"" + SECRET + "\",\"expires_in\":86400}");

            assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(86400));
        }

        @Test
        void expiresInAsStringIsAccepted() {
            KisAccessToken t = parser.token("{\"access_token\":\"" + SECRET + "\",\"expires_in\":\"3600\"}");

            assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        }

        @Test
        void toStringHidesTheValue() {
            KisAccessToken t = parser.token("{\"access_token\":\"" + SECRET + "\",\"expires_in\":86400}");

            assertThat(t.toString()).doesNotContain(SECRET).doesNotContain("eyJ").contains("***")
                    .contains(NOW.plusSeconds(86400).toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"token_type\":\"Bearer\",\"expires_in\":86400}",
                "{\"access_token\":\"\",\"expires_in\":86400}",
                "{\"access_token\":42,\"expires_in\":86400}",
                "{\"error_description\":\"접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)\",\"error_code\":\"EGW00133\"}"})
        void missingTokenIsMalformed(String body) {
            malformed(() -> parser.token(body));
        }

        @Test
        void refusalCodeIsNamed() {
            assertThat(malformed(() -> parser.token("{\"error_code\":\"EGW00133\"}")).getMessage())
                    .contains("EGW00133");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":864",
                "{\"access_token\":\"%s\",\"token_type\":\"Bearer\"}",
                "{\"access_token\":\"%s\",\"expires_in\":0}",
                "{\"access_token\":\"%s\",\"expires_in\":\"soon\"}",
                "{\"access_token\":\"%s\",\"access_token_token_expired\":\"27/11/2026 10:00\"}",
                "%s"})
        void errorsNeverEchoTheToken(String template) {
            UpstreamException e = malformed(() -> parser.token(template.formatted(SECRET)));

            assertThat(e.getMessage()).doesNotContain("eyJ").doesNotContain("c2VjcmV0");
        }
    }

    // ---- code ----------------------------------------------------------------------------------------------------

    @Nested
    class Code {

        @Test
        void sixDigitsAreTrimmedAndKept() {
            assertThat(KisParser.code("005930")).isEqualTo("005930");
            assertThat(KisParser.code("  000660\t")).isEqualTo("000660");
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "  ", "5930", "0059301", "00593O", "AAPL", "005 930", "KRX:005930", "٠٠٥٩٣٠"})
        void anythingElseIsABadRequest(String input) {
            assertThatThrownBy(() -> KisParser.code(input)).isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("six digits");
        }
    }
}
