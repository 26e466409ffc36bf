// Reference token ids from Hugging Face's own JavaScript tokenizers (npm @huggingface/tokenizers), which the
// C# tokenizers must equal. The small vocabularies under tests/.../Fixtures/tokenizers are wrapped in the
// tokenizer.json that Hugging Face ships for bert-base-uncased (FinBERT's) and roberta-base (CryptoBERT's),
// so only the vocabulary differs from the real models. Regenerate after changing a fixture:
//   npm ci && node scripts/tokenizer-reference.mjs
//
// roberta/vocab.json is derived here from roberta/merges.txt: special tokens, the 256 byte symbols, then
// every merge's result in merge order, then <mask>, which is how a byte-level BPE vocabulary is laid out.
// Truncation is Hugging Face's for one sequence: the text's tokens are cut to maxTokens minus the special
// tokens, then the special tokens are added (tokenizers.js itself does not truncate).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'CryptoFunctions.Tests', 'Fixtures', 'tokenizers');
const cases = JSON.parse(fs.readFileSync(path.join(folder, 'cases.json'), 'utf8'));

function bytesToUnicode() {
  const printable = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const map = new Array(256);
  let next = 0;
  for (let b = 0; b < 256; b++) {
    map[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + next++);
  }
  return map;
}

function bertTokenizer() {
  const lines = fs.readFileSync(path.join(folder, 'bert', 'vocab.txt'), 'utf8').split('\n').filter(l => l.length > 0);
  const vocab = Object.fromEntries(lines.map((token, id) => [token, id]));
  const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map(content => ({
    id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  }));
  const json = {
    added_tokens: special,
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] } },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  };
  return { tokenizer: new Tokenizer(json, { do_lower_case: true }), cls: vocab['[CLS]'], sep: vocab['[SEP]'] };
}

function robertaTokenizer() {
  const merges = fs.readFileSync(path.join(folder, 'roberta', 'merges.txt'), 'utf8').split('\n')
    .filter(l => l.length > 0 && !l.startsWith('#version'));
  const tokens = ['<s>', '<pad>', '</s>', '<unk>', ...bytesToUnicode()];
  for (const merge of merges) {
    const merged = merge.split(' ').join('');
    if (!tokens.includes(merged)) tokens.push(merged);
  }
  tokens.push('<mask>');
  const vocab = Object.fromEntries(tokens.map((token, id) => [token, id]));
  fs.writeFileSync(path.join(folder, 'roberta', 'vocab.json'), JSON.stringify(vocab) + '\n');
  const added = (content, lstrip, normalized) => ({ id: vocab[content], content, single_word: false, lstrip, rstrip: false, normalized, special: true });
  const json = {
    added_tokens: [added('<s>', false, true), added('<pad>', false, true), added('</s>', false, true), added('<unk>', false, true), added('<mask>', true, false)],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab, merges },
    post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: false },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  };
  return { tokenizer: new Tokenizer(json, {}), cls: vocab['<s>'], sep: vocab['</s>'] };
}

function reference(name, { tokenizer, cls, sep }) {
  const expected = cases.map(({ name: caseName, text, maxTokens }) => {
    const body = tokenizer.encode(text, { add_special_tokens: false }).ids.slice(0, Math.max(0, maxTokens - 2));
    const ids = maxTokens >= 2 ? [cls, ...body, sep] : [];
    return { name: caseName, ids, tokens: ids.map(id => tokenizer.id_to_token(id)) };
  });
  fs.writeFileSync(path.join(folder, `${name}.expected.json`), JSON.stringify({ generator: '@huggingface/tokenizers@0.2.0', expected }, null, 1) + '\n');
  console.log(`${name}: ${expected.length} cases`);
}

reference('bert', bertTokenizer());
reference('roberta', robertaTokenizer());
