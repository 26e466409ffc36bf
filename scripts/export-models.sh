#!/usr/bin/env bash
# Exports the transformer sentiment models to ONNX model packages under models/ (see models/README.md).
# Needs Python 3.9+ and internet access (PyPI and the Hugging Face Hub): run it where you have both, then
# copy the model folders to the machine that scores. Weights are never committed.
#   scripts/export-models.sh [--out DIR] [--int8]
set -euo pipefail

OUT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/models"
INT8=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$2; shift 2 ;;
    --int8) INT8=1; shift ;;
    *) echo "usage: $0 [--out DIR] [--int8]" >&2; exit 2 ;;
  esac
done

mkdir -p "$OUT"
VENV="$OUT/.export-venv"
python3 -m venv "$VENV"
# shellcheck disable=SC1091
. "$VENV/bin/activate"
pip install --quiet --upgrade pip
pip install --quiet "optimum[onnxruntime]>=1.17" "transformers>=4.38" "huggingface_hub>=0.20"

# export_model HF_ID NAME TOKENIZER MAX_TOKENS SCORE_SIGNS_JSON
export_model() {
  local id=$1 name=$2 tokenizer=$3 max_tokens=$4 signs=$5
  local dir="$OUT/$name"
  rm -rf "$dir"
  optimum-cli export onnx --model "$id" --task text-classification "$dir"
  if [ "$INT8" = 1 ]; then
    python3 - "$dir" <<'PY'
import sys, os
from onnxruntime.quantization import quantize_dynamic, QuantType
d = sys.argv[1]
quantize_dynamic(os.path.join(d, "model.onnx"), os.path.join(d, "model.int8.onnx"), weight_type=QuantType.QInt8)
os.replace(os.path.join(d, "model.int8.onnx"), os.path.join(d, "model.onnx"))
PY
  fi
  python3 - "$dir" "$id" "$name" "$tokenizer" "$max_tokens" "$signs" "$INT8" <<'PY'
import json, os, sys
from huggingface_hub import model_info
d, hf_id, name, tokenizer, max_tokens, signs, int8 = sys.argv[1:]
signs = json.loads(signs)
config = json.load(open(os.path.join(d, "config.json")))
labels = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
missing = [label for label in labels if label not in signs]
if missing:
    sys.exit(f"{hf_id}: no score sign for labels {missing}; labels are {labels}")
revision = model_info(hf_id).sha[:12]
manifest = {
    "name": name,
    "version": f"{revision}{'-int8' if int8 == '1' else ''}",
    "source": hf_id,
    "tokenizer": tokenizer,
    "maxTokens": int(max_tokens),
    "scoreSigns": {label: signs[label] for label in labels},
}
json.dump(manifest, open(os.path.join(d, "manifest.json"), "w"), indent=2)
print(f"{name}: labels {labels}, version {manifest['version']}")
PY
}

# Label names come from each model's config.json at load time; the signs say how the score is derived:
# score = sum over labels of sign x probability, e.g. P(positive) - P(negative).
export_model ProsusAI/finbert finbert bert-wordpiece 512 '{"positive": 1, "negative": -1, "neutral": 0}'
export_model ElKulako/cryptobert cryptobert roberta-bpe 128 '{"Bullish": 1, "Bearish": -1, "Neutral": 0, "LABEL_0": -1, "LABEL_1": 1}'

deactivate
rm -rf "$VENV"
echo "model packages written to $OUT"
