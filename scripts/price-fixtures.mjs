// Writes the 5-minute kline series the price and feature tests serve from a local HTTP server, in the exact
// shape of Binance's GET /api/v3/klines answer. No recorded market data is available offline, so the series
// are synthetic but shaped like real ones: a random walk whose volatility clusters (GARCH(1,1)), prices
// rounded to the pair's tick size, volume with a daily cycle and heavy tails. Seeded, so reruns are identical.
//   node scripts/price-fixtures.mjs && node scripts/indicator-reference.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'CryptoFunctions.Tests', 'Fixtures', 'prices');
const stepMs = 5 * 60 * 1000;
const start = Date.UTC(2024, 2, 5); // 2024-03-05T00:00Z, the first bar's open time: the feed corpus is of 12-13 March

// Mulberry32: a small, well-known seeded generator.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand) {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function decimals(tick) {
  return Math.max(0, Math.round(-Math.log10(tick)));
}

function series({ pair, seed, bars, price, tick, sigma, volume, flatProbability = 0 }) {
  const rand = random(seed);
  const places = decimals(tick);
  let variance = sigma * sigma;
  let close = Math.round(price / tick) * tick;
  const rows = [];
  for (let i = 0; i < bars; i++) {
    const open = close;
    // GARCH(1,1): today's variance follows yesterday's shock, so calm and busy stretches alternate.
    const shock = normal(rand) * Math.sqrt(variance);
    variance = sigma * sigma * 0.05 + 0.1 * shock * shock + 0.85 * variance;
    const flat = rand() < flatProbability;
    close = flat ? open : Math.max(tick, Math.round((open * Math.exp(shock)) / tick) * tick);
    const wick = Math.abs(normal(rand)) * Math.sqrt(variance) * open * 0.5;
    const high = Math.round((Math.max(open, close) + wick) / tick) * tick;
    const low = Math.max(tick, Math.round((Math.min(open, close) - wick * rand()) / tick) * tick);
    const hour = ((i * 5) / 60) % 24;
    const cycle = 1 + 0.5 * Math.sin(((hour - 8) / 24) * 2 * Math.PI);
    const base = volume * cycle * Math.exp(normal(rand) * 0.6) * (1 + (Math.abs(shock) / sigma) * 0.3);
    const vwap = (open + close + high + low) / 4;
    const trades = Math.max(1, Math.round(base / volume * 400));
    const taker = base * (0.4 + 0.2 * rand());
    const openTime = start + i * stepMs;
    rows.push([
      openTime,
      open.toFixed(places), high.toFixed(places), low.toFixed(places), close.toFixed(places),
      base.toFixed(8), openTime + stepMs - 1, (base * vwap).toFixed(8), trades,
      taker.toFixed(8), (taker * vwap).toFixed(8), '0',
    ]);
  }
  return { pair, rows };
}

const all = [
  // Large price, fine tick: the common case.
  series({ pair: 'BTCUSDT', seed: 1, bars: 2600, price: 61234.56, tick: 0.01, sigma: 0.0016, volume: 120 }),
  series({ pair: 'ETHUSDT', seed: 2, bars: 2600, price: 3391.17, tick: 0.01, sigma: 0.002, volume: 900 }),
  // Tiny price, coarse tick relative to it: many unchanged closes (zero gains and losses for RSI).
  series({ pair: 'SHIBUSDT', seed: 3, bars: 1200, price: 0.00002712, tick: 1e-8, sigma: 0.004, volume: 4e10 }),
  // A stablecoin: mostly flat, so Bollinger bands meet and RSI hits 0 and 100.
  series({ pair: 'USDCUSDT', seed: 4, bars: 400, price: 1.0, tick: 0.0001, sigma: 0.00008, volume: 2e6, flatProbability: 0.85 }),
  // A new listing: fewer bars than MACD's signal needs.
  series({ pair: 'NEWUSDT', seed: 5, bars: 30, price: 0.4213, tick: 0.0001, sigma: 0.01, volume: 5e5 }),
];

fs.mkdirSync(folder, { recursive: true });
for (const { pair, rows } of all) {
  // One bar per line keeps diffs readable; the file is still exactly the API's JSON.
  fs.writeFileSync(path.join(folder, `${pair}.klines.json`), '[\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n');
}
console.log(`wrote ${all.length} series to ${folder}`);
