// Reference indicator values from the npm package technicalindicators (3.1.0), which the C# indicators must
// equal to 1e-6. Reads every *.klines.json under tests/.../Fixtures/prices (Binance klines: index 4 is the
// close) and writes *.expected.json beside it: one array per indicator, aligned with the bars, null while the
// indicator is still warming up.
//   npm ci && node scripts/indicator-reference.mjs
//
// Two definitions are taken from the package's parts rather than its finished indicator:
// - RSI: the package rounds RSI to two decimals, so the reference is computed from its own Wilder averages
//   (AverageGain, AverageLoss) as it does before rounding; its rounded RSI is kept as rsi14Rounded to show
//   the two agree.
// - Bollinger bandwidth is not in the package: (upper − lower) / middle from its bands.
// - %B of a flat window (all 20 closes equal) is undefined, so null: the package's running sum leaves a
//   1e-16 residue there and turns it into an arbitrary number (0.75 on USDCUSDT's bar 21).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ti from 'technicalindicators';

const { SMA, EMA, MACD, BollingerBands, RSI, AverageGain, AverageLoss } = ti;
const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'CryptoFunctions.Tests', 'Fixtures', 'prices');

// The package's outputs start once warmed up and run to the last input: align them to the end.
function aligned(n, values, pick = (v) => v) {
  const out = new Array(n).fill(null);
  const offset = n - values.length;
  values.forEach((v, k) => {
    const x = pick(v);
    out[offset + k] = x === undefined || Number.isNaN(x) || !Number.isFinite(x) ? null : x;
  });
  return out;
}

function flat(values, end, period) {
  const window = values.slice(end - period + 1, end + 1);
  return Math.min(...window) === Math.max(...window);
}

for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.klines.json')).sort()) {
  const bars = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  const values = bars.map((b) => parseFloat(b[4]));
  const n = values.length;
  const macd = MACD.calculate({ values, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false });
  const bands = BollingerBands.calculate({ period: 20, values, stdDev: 2 });
  const gains = AverageGain.calculate({ period: 14, values });
  const losses = AverageLoss.calculate({ period: 14, values });
  const rsi = gains.map((g, k) => {
    const l = losses[k];
    return l === 0 ? 100 : g === 0 ? 0 : 100 - 100 / (1 + g / l);
  });
  const expected = {
    package: 'technicalindicators@3.1.0',
    closes: values,
    sma20: aligned(n, SMA.calculate({ period: 20, values })),
    ema12: aligned(n, EMA.calculate({ period: 12, values })),
    ema26: aligned(n, EMA.calculate({ period: 26, values })),
    rsi14: aligned(n, rsi),
    rsi14Rounded: aligned(n, RSI.calculate({ period: 14, values })),
    macd: aligned(n, macd, (m) => m.MACD),
    macdSignal: aligned(n, macd, (m) => m.signal),
    macdHistogram: aligned(n, macd, (m) => m.histogram),
    bbPercentB: aligned(n, bands.map((b, k) => (flat(values, n - bands.length + k, 20) ? undefined : b.pb))),
    bbBandwidth: aligned(n, bands, (b) => (b.upper - b.lower) / b.middle),
  };
  const out = path.join(folder, file.replace('.klines.json', '.expected.json'));
  fs.writeFileSync(out, JSON.stringify(expected) + '\n');
  const count = (a) => a.filter((x) => x !== null).length;
  console.log(`${file}: ${n} bars, rsi ${count(expected.rsi14)}, macd ${count(expected.macd)}, signal ${count(expected.macdSignal)}, %B ${count(expected.bbPercentB)} of ${count(expected.bbBandwidth)} windows`);
}
