// Reference compound scores from the JavaScript VADER port (npm vader-sentiment), which the C# analyzer
// must match to 1e-4 with the crypto extension off. Regenerate after changing the headline corpus:
//   npm ci && node scripts/vader-reference.js
const fs = require('fs');
const path = require('path');
const vader = require('vader-sentiment');

const folder = path.join(__dirname, '..', 'tests', 'CryptoFunctions.Tests', 'Fixtures', 'sentiment');
const headlines = fs.readFileSync(path.join(folder, 'headlines.txt'), 'utf8').split('\n').filter(line => line.length > 0);
const reference = headlines.map(text => ({ text, ...vader.SentimentIntensityAnalyzer.polarity_scores(text) }));
fs.writeFileSync(path.join(folder, 'vader-reference.json'), JSON.stringify({ generator: 'vader-sentiment@1.1.3', reference }, null, 1) + '\n');
console.log(`${reference.length} headlines scored`);
