// auto-trader results dashboard.
// Reads the app's public REST API (same origin) and builds every piece of data into the DOM with
// createElement/textContent, so analysis text (names, reasons) can never inject markup.
'use strict';

const REFRESH_MS = 60_000;
const HISTORY_PAGE_SIZE = 50;
const MARKETS = ['upbit', 'yahoo', 'kis'];
const DECISION_LABELS = { buy: '매수', hold: '관망', sell: '매도' };
const LATEST_COLUMNS = 13;
const HISTORY_COLUMNS = 8;

const $ = (id) => document.getElementById(id);

const state = {
  config: null,          // /api/ui-config once it has loaded; until then no trace links
  latest: [],            // the latest list as the server sent it, before the decision filter
  loadedOnce: false,     // the first full load has finished (successfully or not)
  busy: 0,               // loads in flight; the page is "ready" when this is 0
  reloadGen: 0,          // lets a slow, superseded reload drop its answer
  historyGen: 0,         // same for the history view
  historyLoading: false, // auto-refresh waits while the history view loads
  timer: null,
};

// ---------------------------------------------------------------------------------------------
// DOM helpers

/** Creates an element; strings among the children become text nodes, never markup. */
function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  for (const child of [].concat(children)) {
    if (child != null) node.append(child);
  }
  return node;
}

/** One full-width row carrying a message (loading, empty list, failure). */
function messageRow(columns, className, text) {
  return el('tr', { class: className }, el('td', { colspan: String(columns), text }));
}

// ---------------------------------------------------------------------------------------------
// Formatting

const integerFormat = new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 1 });
// Fixed ko-KR grouping (1,234,567) whatever the browser's locale; small prices (coins worth less
// than 100 KRW, cheap US shares) keep up to 4 decimals, larger ones up to 2.
const smallPriceFormat = new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 4 });
const priceFormat = new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 2 });

function toNumber(value) {
  if (value == null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function formatPrice(value) {
  const n = toNumber(value);
  if (n == null) return '—';
  return (Math.abs(n) < 100 ? smallPriceFormat : priceFormat).format(n);
}

function formatRange(range) {
  if (!range || (toNumber(range.min) == null && toNumber(range.max) == null)) return '—';
  return `${formatPrice(range.min)} ~ ${formatPrice(range.max)}`;
}

function formatCount(value) {
  const n = toNumber(value);
  return n == null ? '0' : integerFormat.format(n);
}

function formatConfidence(value) {
  const n = toNumber(value);
  return n == null ? '—' : `${percentFormat.format(n)}%`;
}

/** A <time> showing the instant in the browser's locale, the raw ISO text as tooltip. */
function timeElement(iso) {
  if (!iso) return document.createTextNode('—');
  const date = new Date(iso);
  const text = Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
  return el('time', { datetime: String(iso), title: String(iso), text });
}

function decisionBadge(decision) {
  const known = Object.hasOwn(DECISION_LABELS, decision);
  const text = known ? `${DECISION_LABELS[decision]} ${decision}` : String(decision ?? '—');
  return el('span', { class: `decision decision-${known ? decision : 'unknown'}`, text });
}

function reasonsList(reasons) {
  if (!Array.isArray(reasons) || reasons.length === 0) return document.createTextNode('—');
  return el('ul', { class: 'reasons' }, reasons.map((reason) => el('li', { text: String(reason) })));
}

/** Grafana Explore on the Tempo trace, or null when Grafana or the trace id is unknown. */
function traceUrl(traceId) {
  const grafana = state.config?.grafana_url;
  if (!grafana || !traceId) return null;
  try {
    // Only http(s): a configured "javascript:" URL must not become a clickable link.
    const protocol = new URL(grafana).protocol;
    if (protocol !== 'http:' && protocol !== 'https:') return null;
  } catch {
    return null;
  }
  const uid = state.config.tempo_datasource_uid || 'tempo';
  const left = {
    datasource: uid,
    queries: [{ refId: 'A', datasource: { type: 'tempo', uid }, queryType: 'traceql', query: traceId }],
    range: { from: 'now-7d', to: 'now' },
  };
  return `${grafana.replace(/\/+$/, '')}/explore?schemaVersion=1&left=${encodeURIComponent(JSON.stringify(left))}`;
}

function traceCell(traceId) {
  const href = traceUrl(traceId);
  const content = href
    ? el('a', { class: 'trace-link', href, target: '_blank', rel: 'noopener', title: String(traceId), text: '트레이스' })
    : '—';
  return el('td', { class: 'col-trace' }, content);
}

// ---------------------------------------------------------------------------------------------
// API

/** GETs JSON; throws an Error whose message is the API's "detail" (or the best thing known). */
async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch (e) {
    throw new Error(`서버에 연결할 수 없습니다 (${e.message})`);
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A non-JSON answer (proxy error page, empty body) is reported below by status.
  }
  if (!response.ok) {
    const detail = body && (body.detail || body.error);
    throw new Error(detail ? String(detail) : `HTTP ${response.status} ${response.statusText}`.trim());
  }
  if (body == null) throw new Error(`JSON이 아닌 응답입니다 (${url})`);
  return body;
}

async function loadConfig() {
  if (!state.config) state.config = await getJson('/api/ui-config');
  return state.config;
}

// ---------------------------------------------------------------------------------------------
// Busy / ready bookkeeping (tests wait for body[data-ready="true"])

function begin() {
  state.busy += 1;
  document.body.dataset.ready = 'false';
}

function end() {
  state.busy -= 1;
  if (state.busy === 0 && state.loadedOnce) document.body.dataset.ready = 'true';
}

function clearTimer() {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
}

/** Arms the next auto-refresh, unless the history view is loading (it re-arms it when done). */
function scheduleRefresh() {
  clearTimer();
  if (!state.historyLoading) state.timer = setTimeout(reload, REFRESH_MS);
}

// ---------------------------------------------------------------------------------------------
// Errors

function showError(message) {
  $('error-text').textContent = message;
  $('error').hidden = false;
}

function hideError() {
  $('error').hidden = true;
  $('error-text').textContent = '';
}

// ---------------------------------------------------------------------------------------------
// Latest analyses

function latestRow(result) {
  const symbol = String(result.symbol ?? '');
  const market = String(result.market ?? '');
  const decision = String(result.decision ?? '');
  const pa = result.price_analysis || {};
  const button = el('button', { type: 'button', class: 'symbol-link', title: '이 종목의 기록 보기' },
    result.name
      ? [`${result.name} `, el('span', { class: 'symbol', text: `(${symbol})` })]
      : symbol);
  return el('tr', { class: 'result-row', dataset: { symbol, market, decision, name: result.name ?? '' } }, [
    el('td', { class: 'col-name' }, button),
    el('td', { class: 'col-market', text: market }),
    el('td', { class: 'col-decision' }, decisionBadge(result.decision)),
    el('td', { class: 'col-confidence num', text: formatConfidence(result.confidence) }),
    el('td', { class: 'col-price num', text: formatPrice(result.current_price) }),
    el('td', { class: 'col-buy-range range', text: formatRange(pa.appropriate_buy_range) }),
    el('td', { class: 'col-sell-range range', text: formatRange(pa.appropriate_sell_range) }),
    el('td', { class: 'col-buy-hope range', text: formatRange(pa.buy_hope_range) }),
    el('td', { class: 'col-sell-target range', text: formatRange(pa.sell_target_range) }),
    el('td', { class: 'col-reasons' }, reasonsList(result.reasons)),
    el('td', { class: 'col-model', text: result.model_name ?? '—' }),
    el('td', { class: 'col-time' }, timeElement(result.created_at)),
    traceCell(result.trace_id),
  ]);
}

/** Renders the cached latest list through the decision filter (which is client-side). */
function renderLatest() {
  const decision = $('filter-decision').value;
  const items = decision ? state.latest.filter((r) => r.decision === decision) : state.latest;
  const tbody = $('latest').tBodies[0];
  if (items.length === 0) {
    const text = state.latest.length === 0
      ? '아직 분석 결과가 없습니다. (No analyses yet)'
      : '선택한 조건에 맞는 분석이 없습니다.';
    tbody.replaceChildren(messageRow(LATEST_COLUMNS, 'empty', text));
  } else {
    tbody.replaceChildren(...items.map(latestRow));
  }
  $('latest-count').textContent = `${items.length}개 종목`;
}

// ---------------------------------------------------------------------------------------------
// Statistics

function renderStats(stats) {
  const market = $('filter-market').value;
  const markets = stats.markets || {};
  // With a market chosen, the cards show that market's numbers; the table always shows all.
  const scope = market ? (markets[market] || {}) : stats;
  const decisions = scope.decisions || {};
  $('stats-scope').textContent = market || '전체';
  $('stats-total').textContent = formatCount(scope.total);
  $('stats-buy').textContent = formatCount(decisions.buy);
  $('stats-hold').textContent = formatCount(decisions.hold);
  $('stats-sell').textContent = formatCount(decisions.sell);
  $('stats-avg-confidence').textContent = formatConfidence(scope.average_confidence);
  $('stats-latest').replaceChildren(timeElement(scope.latest_at));

  // Known markets first in a fixed order, then any the server adds later.
  const names = [...MARKETS, ...Object.keys(markets).filter((m) => !MARKETS.includes(m))];
  const rows = names.map((name) => {
    const m = markets[name] || {};
    const d = m.decisions || {};
    return el('tr', { class: `stats-market${name === market ? ' selected' : ''}`, dataset: { market: name } }, [
      el('td', { class: 'col-market', text: name }),
      el('td', { class: 'col-total num', text: formatCount(m.total) }),
      el('td', { class: 'col-buy num decision-text-buy', text: formatCount(d.buy) }),
      el('td', { class: 'col-hold num decision-text-hold', text: formatCount(d.hold) }),
      el('td', { class: 'col-sell num decision-text-sell', text: formatCount(d.sell) }),
      el('td', { class: 'col-confidence num', text: formatConfidence(m.average_confidence) }),
      el('td', { class: 'col-latest' }, timeElement(m.latest_at)),
    ]);
  });
  $('stats-markets').tBodies[0].replaceChildren(...rows);
}

// ---------------------------------------------------------------------------------------------
// Full reload: latest list + statistics (+ ui-config until it has loaded once)

async function reload() {
  const gen = ++state.reloadGen;
  clearTimer();
  begin(); // synchronously, so data-ready is "false" as soon as a filter changes
  const market = $('filter-market').value;
  const query = market ? `?market=${encodeURIComponent(market)}` : '';
  try {
    const [config, latest, stats] = await Promise.allSettled([
      loadConfig(),
      getJson(`/api/results/latest${query}`),
      getJson('/api/statistics'),
    ]);
    if (gen !== state.reloadGen) return; // a newer reload owns the page now

    const errors = [];
    if (config.status === 'rejected') errors.push(`화면 설정: ${config.reason.message}`);
    if (latest.status === 'fulfilled') {
      state.latest = Array.isArray(latest.value) ? latest.value : [];
      renderLatest();
    } else {
      errors.push(`최신 분석: ${latest.reason.message}`);
      // Keep rows from an earlier load; only replace the placeholder so the table is never blank.
      const tbody = $('latest').tBodies[0];
      if (!tbody.querySelector('tr.result-row, tr.empty')) {
        tbody.replaceChildren(messageRow(LATEST_COLUMNS, 'message failed', '최신 분석을 불러오지 못했습니다.'));
      }
    }
    if (stats.status === 'fulfilled') renderStats(stats.value);
    else errors.push(`통계: ${stats.reason.message}`);

    if (errors.length) showError(errors.join('\n'));
    else hideError();
    if (latest.status === 'fulfilled' && stats.status === 'fulfilled') {
      $('updated-at').replaceChildren(timeElement(new Date().toISOString()));
    }
  } finally {
    if (gen === state.reloadGen) {
      state.loadedOnce = true;
      scheduleRefresh();
    }
    end();
  }
}

// ---------------------------------------------------------------------------------------------
// History of one symbol

function historyRow(result) {
  const pa = result.price_analysis || {};
  return el('tr', { class: 'history-row', dataset: { id: String(result.id ?? ''), decision: String(result.decision ?? '') } }, [
    el('td', { class: 'col-time' }, timeElement(result.created_at)),
    el('td', { class: 'col-decision' }, decisionBadge(result.decision)),
    el('td', { class: 'col-confidence num', text: formatConfidence(result.confidence) }),
    el('td', { class: 'col-price num', text: formatPrice(result.current_price) }),
    el('td', { class: 'col-buy-range range', text: formatRange(pa.appropriate_buy_range) }),
    el('td', { class: 'col-sell-range range', text: formatRange(pa.appropriate_sell_range) }),
    el('td', { class: 'col-model', text: result.model_name ?? '—' }),
    traceCell(result.trace_id),
  ]);
}

async function openHistory(symbol, market, name) {
  const gen = ++state.historyGen;
  state.historyLoading = true;
  clearTimer(); // no auto-refresh while the history loads
  begin();

  const section = $('history');
  const tbody = $('history-table').tBodies[0];
  const label = name ? `${name} (${symbol})` : symbol;
  $('history-title').textContent = `기록: ${label}${market ? ` · ${market}` : ''}`;
  $('history-summary').textContent = '';
  tbody.replaceChildren(messageRow(HISTORY_COLUMNS, 'loading', '불러오는 중…'));
  section.hidden = false;
  section.scrollIntoView({ behavior: 'smooth', block: 'start' });

  const params = new URLSearchParams({ symbol, page_size: String(HISTORY_PAGE_SIZE) });
  if (market) params.set('market', market);
  try {
    const page = await getJson(`/api/results?${params}`);
    if (gen !== state.historyGen) return; // closed, or another symbol was opened meanwhile
    const items = Array.isArray(page.items) ? page.items : [];
    if (items.length === 0) {
      tbody.replaceChildren(messageRow(HISTORY_COLUMNS, 'empty', '이 종목의 분석 기록이 없습니다.'));
    } else {
      tbody.replaceChildren(...items.map(historyRow));
    }
    const total = toNumber(page.total);
    $('history-summary').textContent = total != null && total > items.length
      ? `최근 ${formatCount(items.length)}건 (전체 ${formatCount(total)}건)`
      : `${formatCount(items.length)}건`;
  } catch (e) {
    if (gen !== state.historyGen) return;
    tbody.replaceChildren(messageRow(HISTORY_COLUMNS, 'message failed', '기록을 불러오지 못했습니다.'));
    showError(`기록 (${symbol}): ${e.message}`);
  } finally {
    if (gen === state.historyGen) {
      state.historyLoading = false;
      scheduleRefresh(); // resume auto-refresh
    }
    end();
  }
}

function closeHistory() {
  // Invalidate a history load still in flight, and let auto-refresh run again.
  state.historyGen += 1;
  if (state.historyLoading) {
    state.historyLoading = false;
    scheduleRefresh();
  }
  $('history').hidden = true;
}

// ---------------------------------------------------------------------------------------------
// Wiring

function init() {
  $('filter-market').addEventListener('change', reload);
  $('filter-decision').addEventListener('change', reload);
  $('refresh').addEventListener('click', reload);
  $('error-close').addEventListener('click', hideError);
  $('history-close').addEventListener('click', closeHistory);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('history').hidden) closeHistory();
  });

  // One listener for all rows, since the rows are rebuilt on every reload.
  $('latest').addEventListener('click', (event) => {
    const button = event.target.closest('button.symbol-link');
    const row = button?.closest('tr.result-row');
    if (row) openHistory(row.dataset.symbol, row.dataset.market, row.dataset.name);
  });

  reload();
}

init();
