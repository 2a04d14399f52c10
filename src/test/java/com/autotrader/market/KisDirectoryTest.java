package com.autotrader.market;

import com.autotrader.api.BadRequestException;
import com.autotrader.api.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KisDirectoryTest {

    private static final String NAMES = "삼성전자=005930,SK하이닉스=000660";

    private final KisDirectory directory = new KisDirectory(NAMES);

    @Test
    void sixDigitCodeResolvesToADomesticEquity() {
        Instrument i = new KisDirectory("").resolve("035720");

        assertThat(i).isEqualTo(new Instrument("kis", "equity_kr", "035720", "035720"));
    }

    @Test
    void codeIsStrippedAndTakesItsConfiguredName() {
        assertThat(directory.resolve("  005930 "))
                .isEqualTo(new Instrument("kis", "equity_kr", "005930", "삼성전자"));
    }

    @Test
    void configuredNamesResolveToTheirCodes() {
        assertThat(directory.resolve("삼성전자")).isEqualTo(new Instrument("kis", "equity_kr", "005930", "삼성전자"));
        assertThat(directory.resolve("SK하이닉스")).isEqualTo(new Instrument("kis", "equity_kr", "000660", "SK하이닉스"));
    }

    @Test
    void namesIgnoreSpacesAndCase() {
        assertThat(directory.resolve("sk 하이닉스").symbol()).isEqualTo("000660");
        assertThat(directory.resolve("Sk하이 닉스").name()).isEqualTo("SK하이닉스");
        assertThat(directory.resolve(" 삼성 전자 ").symbol()).isEqualTo("005930");
    }

    @Test
    void configuredPairsMayHaveSpacesAroundThem() {
        KisDirectory spaced = new KisDirectory(" 삼성전자 = 005930 , ,NAVER=035420,");

        assertThat(spaced.resolve("삼성전자").symbol()).isEqualTo("005930");
        assertThat(spaced.resolve("naver")).isEqualTo(new Instrument("kis", "equity_kr", "035420", "NAVER"));
    }

    @Test
    void percentEncodedNameResolves() {
        String encoded = URLEncoder.encode("삼성전자", StandardCharsets.UTF_8);
        assertThat(encoded).startsWith("%");

        assertThat(directory.resolve(encoded).symbol()).isEqualTo("005930");
    }

    @Test
    void percentEncodedNameWithASpaceResolves() {
        String encoded = URLEncoder.encode("SK 하이닉스", StandardCharsets.UTF_8);

        assertThat(directory.resolve(encoded).symbol()).isEqualTo("000660");
    }

    @Test
    void learnedNameResolvesAndNamesTheInstrument() {
        KisDirectory d = new KisDirectory("");
        assertThat(d.resolve("035720").name()).isEqualTo("035720");

        d.learn("035720", " 카카오 ");

        assertThat(d.resolve("카카오")).isEqualTo(new Instrument("kis", "equity_kr", "035720", "카카오"));
        assertThat(d.resolve("035720").name()).isEqualTo("카카오");
        assertThat(d.nameOf("035720")).isEqualTo("카카오");
    }

    @Test
    void learningReplacesTheNameOfAConfiguredCode() {
        directory.learn("005930", "삼성전자보통주");

        assertThat(directory.resolve("005930").name()).isEqualTo("삼성전자보통주");
        assertThat(directory.resolve("삼성전자보통주").symbol()).isEqualTo("005930");
    }

    @Test
    void learnIgnoresBlankOrMissingNames() {
        KisDirectory d = new KisDirectory("");
        d.learn("035720", "  ");
        d.learn("035720", null);
        d.learn(null, "카카오");

        assertThat(d.nameOf("035720")).isEqualTo("035720");
        assertThatThrownBy(() -> d.resolve("카카오")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void overseasExchangeAndTickerIsAUsEquityUpperCased() {
        assertThat(directory.resolve("NAS:AAPL")).isEqualTo(new Instrument("kis", "equity_us", "NAS:AAPL", "AAPL"));
        assertThat(directory.resolve("nys:ko")).isEqualTo(new Instrument("kis", "equity_us", "NYS:KO", "KO"));
        assertThat(directory.resolve("ams:spy").symbol()).isEqualTo("AMS:SPY");
        assertThat(directory.resolve("NYS:BRK.B").name()).isEqualTo("BRK.B");
    }

    @Test
    void unknownExchangeIsNotAnOverseasStock() {
        assertThatThrownBy(() -> directory.resolve("TSE:7203")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void unknownNameIsNotFoundAndPointsAtKisNames() {
        assertThatThrownBy(() -> directory.resolve("없는회사"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("없는회사")
                .hasMessageContaining("KIS_NAMES");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1234567", "0059"})
    void digitsThatAreNotSixAreABadRequest(String input) {
        assertThatThrownBy(() -> directory.resolve(input))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining(input);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t"})
    void blankIsABadRequest(String input) {
        assertThatThrownBy(() -> directory.resolve(input)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void moreThanFortyCharactersIsABadRequest() {
        assertThatThrownBy(() -> directory.resolve("가".repeat(41))).isInstanceOf(BadRequestException.class);
        // forty is still a name, just an unknown one
        assertThatThrownBy(() -> directory.resolve("가".repeat(40))).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"삼성전자", "삼성전자=5930", "=005930", "삼성전자=00593A", "삼성전자=005930,SK하이닉스"})
    void malformedKisNamesFailAtConstruction(String names) {
        assertThatThrownBy(() -> new KisDirectory(names))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KIS_NAMES");
    }
}
